"""Vietnamese numbers and units: dot groups thousands, comma marks decimals, units scale."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corpus.model import Currency, Rate, UnitFamily
from corpus.numbers import NumberStyle, find_quantities, number_style, parse_number, parse_unit, same_amount

USD, VND = Currency("usd"), Currency("vnd")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("38.905", 38905),
        ("1.127,9", 1127.9),
        ("10,46", 10.46),
        ("1.173.000", 1173000),
        ("4.750", 4750),
        ("68,8", 68.8),
        ("36.5", 36.5),
        ("72 047", 72047),
        ("0,5", 0.5),
        ("137", 137),
    ],
)
def test_parse_vietnamese_numbers(text, value):
    assert parse_number(text) == pytest.approx(value)


def test_english_style_when_the_article_writes_that_way():
    assert number_style("Exports reached 72,047.5 million USD, up 16.3% and 2.5% more") is NumberStyle.ENGLISH
    assert number_style("đạt 72.047 triệu USD, tăng 16,3% và 10,46%") is NumberStyle.VIETNAMESE
    assert parse_number("72,047", NumberStyle.ENGLISH) == 72047


def format_number(value: float) -> str:
    """Write a number as Vietnamese news does: 38905 → '38.905', 1127.9 → '1.127,9'."""
    whole, _, fraction = f"{value:.6f}".rstrip("0").rstrip(".").partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{grouped},{fraction}" if fraction else grouped


@given(st.integers(min_value=0, max_value=10**12))
def test_integers_round_trip_through_vietnamese_formatting(value):
    assert parse_number(format_number(value)) == value


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=1, max_value=99))
def test_decimals_round_trip_through_vietnamese_formatting(whole, hundredths):
    value = whole + hundredths / 100
    assert parse_number(format_number(value)) == pytest.approx(value)


@given(st.integers(min_value=1, max_value=10**6))
def test_amounts_compare_across_scales(millions):
    as_millions = (float(millions), parse_unit("triệu USD"))
    as_billions = (millions / 1000, parse_unit("tỷ USD"))
    assert same_amount(as_millions, as_billions)
    assert not same_amount(as_millions, (float(millions), parse_unit("triệu đồng")))


@pytest.mark.parametrize(
    ("text", "value", "unit", "key", "scale"),
    [
        ("đạt 38.905 triệu USD", 38905, "triệu USD", (USD, None), 6),
        ("đạt 1.127,9  nghìn tỷ đồng (giá so sánh)", 1127.9, "nghìn tỷ đồng", (VND, None), 12),
        ("tăng 10,46%", 10.46, "%", (UnitFamily.PERCENT, None), 0),
        ("đạt 68,8 tỷ USD", 68.8, "tỷ USD", (USD, None), 9),
        ("đạt 1.173.000 tỷ đồng", 1173000, "tỷ đồng", (VND, None), 9),
        ("xử lý 3.457 vụ vi phạm", 3457, "vụ", (UnitFamily.COUNT, "vụ"), 0),
        ("cho 26 cá nhân", 26, "cá nhân", (UnitFamily.COUNT, "cá nhân"), 0),
        ("thực hiện 12 đề án khuyến công", 12, "đề án", (UnitFamily.COUNT, "đề án"), 0),
        ("hơn 2,1 tỉ USD", 2.1, "tỉ USD", (USD, None), 9),
        ("giảm 0,5 điểm phần trăm", 0.5, "điểm phần trăm", (UnitFamily.POINTS, None), 0),
        ("tăng 12 phần trăm", 12, "%", (UnitFamily.PERCENT, None), 0),
        ("đa số diện tích nằm ở độ cao 1.000 m trên mực nước biển", 1000, "m", (UnitFamily.COUNT, "m"), 0),
        ("với một khoản chi trả $250 triệu.", 250, "triệu USD", (USD, None), 6),  # a sign before it
        ("Texas chi $7.275 cho mỗi học sinh", 7275, "USD", (USD, None), 0),
    ],
)
def test_quantities_keep_value_and_unit_as_written(text, value, unit, key, scale):
    (quantity,) = find_quantities(text)
    assert quantity.value == pytest.approx(value)
    assert (quantity.unit.text, quantity.unit.key, quantity.unit.scale) == (unit, key, scale)
    assert quantity.text in text


def test_qualifiers_are_kept():
    (quantity,) = find_quantities("trị giá hàng hóa tịch thu khoảng 99,3 tỷ đồng")
    assert quantity.qualifier == "khoảng"
    (quantity,) = find_quantities("đạt hơn 2,1 tỉ USD")
    assert quantity.qualifier == "hơn"


@pytest.mark.parametrize(
    "text",
    [
        "Hỗ trợ trực tuyến 0989837029",
        "Ngày 15/1, Sở tổ chức hội nghị",
        "08/10/2019 08:48",
        "theo Nghị định 15/2018/NĐ-CP",
        "giai đoạn 2021 -2025",
        "năm 2019",
        "(giá so sánh năm 2010)",
        "Hội nghị lần thứ 5",
        "trong Top 10 người giàu nhất sàn chứng khoán",
        "năm 2016 và 2017 lần lượt",  # a year before "lần lượt" counts no "lần"
        "Năm 2019 lần đầu tiên",
    ],
)
def test_dates_phones_decrees_and_years_are_not_quantities(text):
    assert find_quantities(text) == []


def test_unit_families():
    assert parse_unit("nghìn tỷ đồng").family == VND and parse_unit("nghìn tỷ đồng").scale == 12
    assert parse_unit("tập thể").key == (UnitFamily.COUNT, "tập thể")
    assert parse_unit("%").family is UnitFamily.PERCENT


@pytest.mark.parametrize(
    ("text", "unit", "family"),
    [
        ("giá trên 496 USD/tấn", "USD/tấn", Rate(USD, "tấn")),
        ("lãi suất 6,5%/năm", "%/năm", Rate(UnitFamily.PERCENT, "năm")),
        ("giá 12.000 đồng/kg", "đồng/kg", Rate(VND, "kg")),
    ],
)
def test_rates_are_not_amounts(text, unit, family):
    """A price per ton must never answer a question about an amount of USD."""
    (quantity,) = find_quantities(text)
    assert (quantity.unit.text, quantity.unit.family) == (unit, family)


@pytest.mark.parametrize(
    ("text", "figure", "qualifier"),
    [
        ("sẽ đạt từ 8 - 8,5 tỉ USD", "8,5 tỉ USD", "từ 8 -"),
        ("tăng 5-6%", "6%", "5 -"),
        ("từ 5 đến 6%", "6%", "từ 5 đến"),
    ],
)
def test_ranges_keep_their_lower_bound(text, figure, qualifier):
    """ "8 - 8,5 tỉ USD" is not "8,5 tỉ USD": the reply shows the whole range."""
    (quantity,) = find_quantities(text)
    assert (quantity.text, quantity.qualifier) == (figure, qualifier)


@pytest.mark.parametrize(
    ("text", "figure", "noun", "scale"),
    [
        ("Ngoài ra, trong số 35 loài Araucaria được phát hiện", "35 loài", "loài", 0),
        ("từ 4.000 tới 10.000 người trên tổng số 3,5 triệu dân.", "3,5 triệu dân", "dân", 6),
        ("Đến năm 1911, có trên 700 tu viện lớn nhỏ tại Ngoại Mông", "700 tu viện", "tu viện", 0),
        ("Khoảng 130 lính hiện đang được triển khai tại Afghanistan.", "130 lính", "lính", 0),
        ("khoảng 600.000 thường trú nhân gốc Ý", "600.000 thường trú", "thường trú", 0),
        ("trong số 36 đơn vị bầu cử Quốc hội tại Texas", "36 đơn vị", "đơn vị", 0),
        ("kỷ lục gà đẻ 371 trứng trong", "371 trứng", "trứng", 0),
    ],
)
def test_counted_nouns_outside_the_lexicon(text, figure, noun, scale):
    """Any noun after a number is what it counts, as far as two syllables: "35 loài" answers
    "bao nhiêu loài" though no list names species."""
    quantity = next(q for q in find_quantities(text) if q.text == figure)
    assert (quantity.unit.key, quantity.unit.scale) == ((UnitFamily.COUNT, noun), scale)
    assert parse_unit(quantity.unit.text) == quantity.unit  # as the index reads it back


@pytest.mark.parametrize(
    "text",
    [
        "Người dân ở các Quận 6, 7, 8 và 16 có thu nhập cao hơn",
        "tăng trưởng dân số ở mức cao từ 1996 đến 2009",
        "Thế kỉ 19 đánh dấu một giai đoạn bùng nổ",
        "9 tháng đầu năm, tình hình",
        "tàu Apollo 11 đã hạ cánh",
    ],
)
def test_names_years_and_sentence_words_after_a_number_are_not_counts(text):
    assert find_quantities(text) == []


def test_hyphenated_names_are_not_ranges():
    assert [q.text for q in find_quantities("dịch COVID-19 làm 30 người mắc")] == ["30 người"]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # a minus sign after a word is a loss; after a number it is a range's dash
        ("lần lượt là -49,3 tỷ và -712,96 tỷ đồng", [-49.3, -712.96]),
        ("tăng 10 -15%", [15]),
        ("giai đoạn 2016-2017 đạt 5%", [5]),
    ],
)
def test_a_minus_sign_is_kept_only_where_it_is_one(text, values):
    assert [q.value for q in find_quantities(text)] == values
