__tusachSearch.add("d/0",{u:"van-ban/ke-hoach-205.html",t:"Kế hoạch thực hiện Nghị quyết số 30/NQ-CP",s:"Văn bản",n:"205/KH-UBND",d:"28/7/2022",p:[["","","Ngày 28/7, UBND thành phố Hà Nội ban hành “Kế hoạch” số 205/KH-UBND."],["nhiem-vu-trong-tam","Nhiệm vụ trọng tâm",`Xây dựng, chỉnh đốn Đảng và hệ thống chính trị.
Phòng, chống tham nhũng – tiêu cực.`],["dang","Đảng",`Nội dung
Thời hạn
Học tập
2022
Ghi chú quan trọng.
Xem hướng dẫn.
Chú thích.`]]})