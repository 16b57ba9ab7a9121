"""Real sentences (viquad-numeric dev contexts) that several test tables read."""

TOXINS = (
    "Một báo cáo xuất bản năm 1994 của Văn phòng Giải trình Chính phủ cho rằng quân đội Mỹ đã đối diện với "
    '21 loại "chất độc liên quan tới sinh sản" tiềm tàng.'
)
WIRETAPS = (
    "3000 cuộc hội thoại liên quan tới 150 người (7 vì các lý do được cho là có thể có nghi ngờ bởi các quy "
    "trình xét xử sau đó) đã được ghi lại từ tháng 1 năm 1983 tới tháng 3 năm 1986 bởi đơn vị chống khủng bố "
    "này tại Điện Elysée."
)
HERDS = (
    "Mặc dù Mông Cổ hiện có 30 loài động vật có vú đặc trưng, nhưng chỉ có năm loại phổ biến, đó là ngựa, dê, "
    "cừu, bò, lạc đà với tổng đàn 60 triệu con, trong đó ngựa Mông Cổ có khoảng trên 2,5 triệu con."
)
