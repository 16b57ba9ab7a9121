"""Questions are parsed like articles: metric, period, place, kind — with or without diacritics."""

from __future__ import annotations

from datetime import date

import pytest

from answer.question import Question, parse_question
from corpus.model import Currency, Family, Measure, UnitFamily


@pytest.mark.parametrize(
    ("text", "metric", "year", "months", "place", "measure", "plan"),
    [
        (
            "Kim ngạch xuất khẩu của Bắc Ninh năm 2020 là bao nhiêu?",
            "export",
            2020,
            None,
            "Bắc Ninh",
            Measure.LEVEL,
            False,
        ),
        ("kim ngach xuat khau bac ninh 2020", "export", 2020, None, "Bắc Ninh", Measure.LEVEL, False),
        (
            "Kim ngạch xuất nhập khẩu Bắc Ninh 2020",
            "total_trade",
            2020,
            None,
            "Bắc Ninh",
            Measure.LEVEL,
            False,
        ),
        (
            "Bắc Ninh phấn đấu tổng kim ngạch xuất, nhập khẩu năm 2021 đạt bao nhiêu?",
            "total_trade",
            2021,
            None,
            "Bắc Ninh",
            Measure.LEVEL,
            True,
        ),
        (
            "Tổng kim ngạch xuất nhập khẩu Lạng Sơn năm 2015 đạt bao nhiêu phần trăm kế hoạch?",
            "total_trade",
            2015,
            None,
            "Lạng Sơn",
            Measure.SHARE_OF_PLAN,
            False,
        ),
        (
            "gia tri san xuat cong nghiep lang son 2015 tang bao nhieu",
            "industrial_output",
            2015,
            None,
            "Lạng Sơn",
            Measure.CHANGE,
            False,
        ),
        (
            "Tổng mức bán lẻ hàng hóa năm 2019 tăng bao nhiêu so với năm 2018?",
            "retail_sales",
            2019,
            None,
            None,
            Measure.CHANGE,
            False,
        ),
        (
            "Kim ngạch xuất khẩu 9 tháng năm 2019 đạt bao nhiêu phần trăm kế hoạch?",
            "export",
            2019,
            9,
            None,
            Measure.SHARE_OF_PLAN,
            False,
        ),
        ("Export turnover of Bac Ninh in 2020?", "export", 2020, None, "Bắc Ninh", Measure.LEVEL, False),
        ("Xuất khẩu TP.HCM năm 2018?", "export", 2018, None, "TP Hồ Chí Minh", Measure.LEVEL, False),
        ("Cán cân thương mại Hải Phòng 2020", "trade_balance", 2020, None, "Hải Phòng", Measure.LEVEL, False),
        # "thủ đô" alone is Hà Nội; another country's capital is in that country
        ("Thu ngân sách của thủ đô năm 2020?", "state_budget", 2020, None, "Hà Nội", Measure.LEVEL, False),
        ("GDP của thủ đô Đức năm 2005?", "gdp", 2005, None, "Đức", Measure.LEVEL, False),
        # a metric worded as growth asks for the growth, unless the metric is itself a rate of growth
        (
            "Tốc độ tăng trưởng kinh tế năm 2018 của Đồng Nai?",
            "gdp",
            2018,
            None,
            "Đồng Nai",
            Measure.CHANGE,
            False,
        ),
        (
            "Tốc độ tăng trưởng dân số của Mông Cổ năm 2007?",
            "population_growth",
            2007,
            None,
            "Mông Cổ",
            None,
            False,
        ),
    ],
)
def test_parse(text, metric, year, months, place, measure, plan):
    question = parse_question(text)
    assert question.metric == metric
    assert question.period is not None
    assert (question.period.year, question.period.months) == (year, months)
    assert question.place == place
    assert question.measure is measure
    assert question.wants_plan is plan


def test_counted_things_and_their_context():
    question = parse_question("Có bao nhiêu tập thể được trao giấy khen năm 2019?")
    assert question.unit is not None and question.unit.key == ("count", "tập thể")
    assert {"giấy", "khen"} <= set(question.keywords)


@pytest.mark.parametrize(
    ("text", "keywords"),
    [
        # words that only ask for a count, and words of grammar, say nothing of which figure answers
        ("Số lượng trường Division I-FBS tại Texas là bao nhiêu?", {"division", "fbs", "texas"}),
        ("Tổng cộng có bao nhiêu đoạn hội thoại đã bị nghe lén?", {"nghe", "lén"}),
        ("Kinh phí mà tất cả các quốc gia đóng góp là bao nhiêu?", {"quốc", "gia", "đóng", "góp"}),
        # typed without diacritics, a word of grammar may be a content word: "da" may be "đá"
        ("nguoi da do dinh cu bao nhieu nam", {"da", "dinh", "cu"}),
        # the span of time a question is framed by says when, not what
        ("Trong vòng 1 năm, quân số của Rwanda tăng từ 9000 người lên bao nhiêu?", {"quân", "rwanda"}),
        ("Một con gà đẻ được nhiều nhất bao nhiêu trứng tính đến thời điểm hiện tại?", {"gà", "đẻ"}),
    ],
)
def test_keywords_are_what_the_question_is_about(text, keywords):
    assert set(parse_question(text).keywords) >= keywords
    unasked = {"lượng", "mà", "tất", "cả", "các", "đã", "bị", "cộng", "vòng", "thời", "điểm", "hiện"}
    assert not unasked & set(parse_question(text).keywords)


def _asked(question: Question) -> Family | str | None:
    """The family of the one unit a question asks for, or "any currency", "any length"."""
    asked = question.unit
    if asked is None:
        return None
    if asked.any_currency:
        return "any currency"
    if asked.size is not None:
        return f"any {asked.size}"
    return asked.unit.family if asked.unit is not None else None


@pytest.mark.parametrize(
    ("text", "asked", "noun", "measure"),
    [
        # no metric of the lexicon: the answer type from the question's words
        ("Tỷ lệ thất nghiệp tại Texas vào tháng 10 năm 2013 là bao nhiêu?", "pct", None, None),
        ("Dân số của Nouvelle-Calédonie là bao nhiêu vào năm 2014?", "count", "người", Measure.LEVEL),
        ("Kinh phí các quốc gia đóng góp vào lúc ban đầu là bao nhiêu?", "any currency", None, Measure.LEVEL),
        (
            "Bà Rịa Vũng Tàu trao giấy chứng nhận cho 8 dự án tổng vốn bao nhiêu?",
            "any currency",
            None,
            Measure.LEVEL,
        ),
        ("Số dân chúng tham gia giáo Rôma chiếm bao nhiêu phần trăm dân số?", "pct", None, Measure.SHARE),
        # the metric a share is of is no metric asked about
        (
            "Di cư thuần chiếm tỷ lệ bao nhiêu trong tăng trưởng dân số tại Nouvelle-Calédonie?",
            "pct",
            None,
            Measure.SHARE,
        ),
        ("Độ cao chủ yếu của vùng núi Nam Ossetia là bao nhiêu?", "any length", None, Measure.LEVEL),
        # a counted noun outside the lexicon, as far as two syllables, as typed
        ("Đã có bao nhiêu loài Araucaria được tìm thấy?", "count", "loài", Measure.LEVEL),
        ("Ngoại Mông có tất cả bao nhiêu tu viện tính đến năm 1911?", "count", "tu viện", Measure.LEVEL),
        ("Số ghế xem phim ở Khu sân khấu Houston là bao nhiêu?", "count", "ghế xem", Measure.LEVEL),
        # "bao nhiêu năm" counts years ("trên 12 năm"); "bao nhiêu năm 2020" asks about the year
        ("Roosevelt đã làm tổng thống bao nhiêu năm?", "count", "năm", Measure.LEVEL),
        ("Dân số Hà Nội bao nhiêu năm 2020?", "count", "người", Measure.LEVEL),
        # typed without diacritics: "may" in "nha may" (a factory) is no "mấy" when "bao nhieu" asks
        ("nha may da xay dung bao nhieu nam", "count", "nam", Measure.LEVEL),
        # a word typed with diacritics is a stopword only as written: "cơ" is not "có", "thể" not "the"
        ("Hoa Kỳ đã sử dụng bao nhiêu phi cơ F-15 để tuần tra?", "count", "phi cơ", Measure.LEVEL),
        ("Tổng số cá thể của năm loài động vật có vú là bao nhiêu?", "count", "cá thể", Measure.LEVEL),
        # after a classifier, what it classifies; a classifier alone, or before a name, counts itself
        ("Tổng cộng có bao nhiêu đoạn hội thoại đã bị nghe lén?", "count", "hội thoại", Measure.LEVEL),
        ("Việt Nam nhập khẩu bao nhiêu chiếc xe?", "count", "xe", Measure.LEVEL),
        ("Có bao nhiêu con được bán ra?", "count", "con", Measure.LEVEL),
        ("Có bao nhiêu chiếc F-15 hạ cánh?", "count", "chiếc", Measure.LEVEL),
        # an age is asked before its number too, as articles write it ("ở tuổi 60")
        ("Nữ nghỉ hưu ở tuổi bao nhiêu?", "count", "tuổi", Measure.LEVEL),
        ("Có bao nhiêu tập thể được trao giấy khen năm 2019?", "count", "tập thể", Measure.LEVEL),
        # what follows "bao nhiêu" only if it follows at once: "bao nhiêu?</i>" counts no "i"
        ("<i>Kim ngạch xuất khẩu của Bắc Ninh năm 2020 là bao nhiêu?</i>", None, None, Measure.LEVEL),
        # a metric of the lexicon decides; "bao nhiêu kể từ" counts nothing
        ("Tỷ lệ lạm phát năm 2020 là bao nhiêu?", None, None, None),
        ("Tốc độ tăng GDP bình quân của Mông Cổ là bao nhiêu kể từ năm 2002?", None, None, Measure.CHANGE),
        # a word that holds "tăng" is no increase: "tăng nhân" are monks
        ("Tỷ lệ tăng nhân trong dân số Ngoại Mông là bao nhiêu vào năm 1911?", "pct", None, None),
        ("Iraq có bao nhiêu xe tăng?", "count", "xe", Measure.LEVEL),
        # what a change reached is a level, in the unit of the one it started from
        (
            "Trong vòng 1 năm, quân số của Rwadan tăng từ 9000 người lên bao nhiêu?",
            "count",
            "người",
            Measure.LEVEL,
        ),
        ("Giá xăng E5 tăng từ 19.000 đồng lên bao nhiêu?", Currency("vnd"), None, Measure.LEVEL),
        ("Tỷ lệ hộ nghèo giảm xuống còn bao nhiêu phần trăm?", "pct", None, None),
    ],
)
def test_what_a_question_asks_for_when_no_metric_says(text, asked, noun, measure):
    question = parse_question(text)
    assert _asked(question) == asked
    assert (question.unit.noun if question.unit else None) == noun
    assert question.measure is measure


def test_a_language_or_an_origin_is_a_name_to_find_not_the_place():
    question = parse_question("Dân số của người Mỹ gốc Đức là bao nhiêu tại bang Texas?")
    assert question.place is None and {"duc", "texas"} <= set(question.names)


def test_award_is_not_an_increase():
    """ "tặng" (award) folds to the same letters as "tăng" (increase)."""
    assert parse_question("Bao nhiêu cá nhân được tặng giấy khen năm 2019?").measure is Measure.LEVEL
    assert parse_question("xuat khau 2020 tang bao nhieu").measure is Measure.CHANGE


def test_estimate_and_percent():
    question = parse_question("Năm 2019 chỉ số sản xuất công nghiệp ước tăng bao nhiêu phần trăm?")
    assert (
        question.wants_estimate
        and question.measure is Measure.CHANGE
        and question.unit is not None
        and question.unit.key == (UnitFamily.PERCENT, None)
    )


@pytest.mark.parametrize(
    ("text", "day", "year"),
    [
        ("Giá vàng ngày 6/2/2017 là bao nhiêu?", date(2017, 2, 6), 2017),
        ("Lúc 16h ngày 6/2/2017, Doji bán ra vàng giá bao nhiêu một lượng?", date(2017, 2, 6), 2017),
        # the end of a span is not a day asked about
        ("Tính đến hết 15/5/2017 cả nước nhập siêu bao nhiêu?", None, 2017),
    ],
)
def test_a_full_date_asks_about_that_day(text, day, year):
    question = parse_question(text)
    assert question.day == day and question.period is not None and question.period.year == year


@pytest.mark.parametrize(
    ("text", "day"),
    [
        # a day written without its year is the last one passed
        ("Giá vàng SJC bán ra ngày 7/5 là bao nhiêu?", date(2026, 5, 7)),
        ("giá vàng ngày 30/12", date(2025, 12, 30)),
    ],
)
def test_a_day_without_its_year_is_the_last_one_passed(text, day):
    assert parse_question(text, today=date(2026, 11, 29)).day == day


def test_a_cue_inside_a_phrase_already_read_is_not_a_cue():
    # "may" in "dệt may" (a commodity) is no "mấy": the question asks for money, not a count
    question = parse_question("Hiệp hội Dệt may đề xuất kim ngạch xuất khẩu năm 2019 bao nhiêu?")
    assert question.unit is None and question.subject.commodity == "dệt may" and question.wants_plan


@pytest.mark.parametrize(
    ("text", "place", "partner"),
    [
        # a country named right before another trades with it
        ("Kim ngạch thương mại Việt Nam Nhật Bản năm 2016 là bao nhiêu?", "cả nước", "Nhật Bản"),
        ("kim ngạch buôn bán Trung Quốc Hàn Quốc năm 2004", "Trung Quốc", "Hàn Quốc"),
        ("Kim ngạch thương mại giữa Việt Nam và Nhật Bản năm 2016?", "cả nước", "Nhật Bản"),
        ("Xuất khẩu của Việt Nam sang Mỹ năm 2004 đạt bao nhiêu?", "cả nước", "Hoa Kỳ"),
        # typed without diacritics too
        ("kim ngach xuat nhap khau viet nam trung quoc nam 2016", "cả nước", "Trung Quốc"),
    ],
)
def test_a_pair_of_countries_is_a_place_and_its_partner(text, place, partner):
    question = parse_question(text)
    assert (question.place, question.subject.partner) == (place, partner)


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        # the metric after a percentage, or after "trong" following a share, is the whole
        ("Di cư thuần chiếm tỷ lệ bao nhiêu trong tăng trưởng dân số?", None),
        ("Vốn hóa thị trường chứng khoán năm 2016 bằng bao nhiêu % GDP?", "market_cap"),
        ("Tỷ trọng xuất khẩu gạo trong tổng kim ngạch xuất khẩu năm 2019?", "export"),
        ("Xuất khẩu chiếm bao nhiêu phần trăm GDP năm 2019?", "export"),
    ],
)
def test_the_whole_of_a_share_is_not_the_metric_asked(text, metric):
    assert parse_question(text).metric == metric
