__tusachSearch.add("d/2",{"u":"huong-dan/bat-dau.html","t":"Bắt đầu","s":"Hướng dẫn","p":[["bat-dau","Bắt đầu",""],["cai-dat","Cài đặt","Chạy make build.\nxấu"]]});
