__tusachSearch.add("d/3",{"u":"huong-dan/nang-cao/trang.html","t":"Trang nâng cao","s":"Nang cao","h":[["",""]],"x":["Quay lại mục hoặc trang chủ."]});
