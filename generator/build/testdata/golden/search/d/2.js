__tusachSearch.add("d/2",{"u":"huong-dan/bat-dau.html","t":"Bắt đầu","s":"Hướng dẫn","h":[["bat-dau","Bắt đầu"],["cai-dat","Cài đặt"]],"x":["","Chạy make build.\nxấu"]});
