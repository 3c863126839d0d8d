__tusachSearch.add("n/0",{"205/KH-UBND":"A","21-KL/TW":"B"});
