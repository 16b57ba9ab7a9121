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
# Nouvelle-Calédonie: the territory's growth, and its provinces' figures.
CALEDONIA_GROWTH = "Tăng trưởng dân số chậm lại kể từ thập niên 1990, song vẫn ở mức cao với mức 1,7% mỗi năm từ 1996 đến 2009."
CALEDONIA_PROVINCES_GROWTH = (
    "Tăng trưởng dân số ở mức cao tại tỉnh Nam (2,3% mỗi năm từ 1996 đến 2009), vừa phải tại tỉnh Bắc (0,7%), "
    "song âm tại Quần đảo Loyauté."
)
CALEDONIA_PROVINCES = (
    "Trong đó, 17.436 người sống tại tỉnh Quần đảo Loyauté, 45.137 người sống tại tỉnh Bắc, và 183.007 người "
    "sống tại tỉnh Nam."
)
# Paris and its arrondissements, which go by their numbers.
PARIS_POOR = "25% cư dân trong quận 19 sống dưới mức nghèo khổ; 24% trong quận 18, 22% trong quận 20 và 18% trong quận 10."
PARIS_RICH = (
    "Trong khu phố giàu có nhất của thành phố, quận 7, chỉ có 7% sống dưới mức nghèo khổ; 8% trong quận 6; và 9% "
    "trong quận 16"
)
PARIS_CITY_POOR = (
    "Những người nghèo cũng tồn tại ở Paris: Trong năm 2012, 14 phần trăm hộ gia đình ở thành phố kiếm được ít "
    "hơn € 977 mỗi tháng, dưới mức nghèo."
)
