__tusachSearch.add("df",{"205":2,"ban":2,"chu":2,"dan":3,"dang":2,"dung":2,"hanh":2,"hien":2,"hoach":2,"huong":3,"ke":2,"nhiem":2,"noi":2,"thuc":2,"vu":2,"xay":2,"xem":2});
