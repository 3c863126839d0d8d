__tusachSearch.add("d/1",{"u":"van-ban/ket-luan.html","t":"Kết luận về công tác cán bộ","s":"Văn bản","n":"21-KL/TW","d":"25/10/2021","h":[["",""]],"x":["Nội dung kết luận. Xem Kế hoạch 205."]});
