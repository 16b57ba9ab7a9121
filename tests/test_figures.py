"""Figure extraction on every figure-bearing sentence of the five seed articles."""

from __future__ import annotations

import pytest

from answer.reply import subject_words
from corpus.articles import load_articles, parse_text
from corpus.figures import extract_figures
from corpus.model import PeriodKind, Subject, Unnamed
from corpus.vocabulary import vocabulary
from tests.real_sentences import (
    CALEDONIA_GROWTH,
    CALEDONIA_PROVINCES,
    CALEDONIA_PROVINCES_GROWTH,
    HERDS,
    PARIS_CITY_POOR,
    PARIS_POOR,
    PARIS_RICH,
    TOXINS,
    WIRETAPS,
)
from tests.settings_paths import SEEDS

# (document, figure text, value, unit, metric, year, months, place, kind)
EXPECTED = [
    ("000", "10,46%", 10.46, "%", "industrial_index", 2019, None, None, "change"),
    ("000", "4.750 triệu USD", 4750, "triệu USD", "total_trade", 2019, None, None, "estimate"),
    ("000", "90,8%", 90.8, "%", "total_trade", 2019, None, None, "share_of_plan"),
    ("000", "137,5 triệu USD", 137.5, "triệu USD", "export", 2019, None, None, "estimate"),
    ("000", "100%", 100, "%", "export", 2019, None, None, "share_of_plan"),
    ("000", "20.240 tỷ đồng", 20240, "tỷ đồng", "retail_sales", 2019, None, None, "actual"),
    ("000", "10,5%", 10.5, "%", "retail_sales", 2019, None, None, "change"),
    ("000", "1 tập thể", 1, "tập thể", "tập thể", 2019, None, None, "actual"),
    ("000", "1 cá nhân", 1, "cá nhân", "cá nhân", 2019, None, None, "actual"),
    ("000", "26 cá nhân", 26, "cá nhân", "cá nhân", 2019, None, None, "actual"),
    ("000", "6 tập thể", 6, "tập thể", "tập thể", 2019, None, None, "actual"),
    ("001", "12 đề án", 12, "đề án", "đề án", 2015, None, "Lạng Sơn", "actual"),
    ("001", "3.457 vụ", 3457, "vụ", "market_violations", 2015, None, "Lạng Sơn", "actual"),
    ("001", "99,3 tỷ đồng", 99.3, "tỷ đồng", "confiscated_goods", 2015, None, "Lạng Sơn", "actual"),
    ("001", "4.013 tỷ đồng", 4013, "tỷ đồng", "industrial_output", 2015, None, "Lạng Sơn", "actual"),
    ("001", "106,6%", 106.6, "%", "industrial_output", 2015, None, "Lạng Sơn", "share_of_plan"),
    ("001", "16,7%", 16.7, "%", "industrial_output", 2015, None, "Lạng Sơn", "change"),
    ("001", "4.100 triệu USD", 4100, "triệu USD", "total_trade", 2015, None, "Lạng Sơn", "actual"),
    ("001", "124,6%", 124.6, "%", "total_trade", 2015, None, "Lạng Sơn", "share_of_plan"),
    ("001", "20,5%", 20.5, "%", "total_trade", 2015, None, "Lạng Sơn", "change"),
    ("001", "13.700 tỷ đồng", 13700, "tỷ đồng", "retail_sales", 2015, None, "Lạng Sơn", "actual"),
    ("001", "100%", 100, "%", "retail_sales", 2015, None, "Lạng Sơn", "share_of_plan"),
    ("001", "15%", 15, "%", "retail_sales", 2015, None, "Lạng Sơn", "change"),
    ("001", "4.310 tỷ đồng", 4310, "tỷ đồng", "industrial_output", 2016, None, "Lạng Sơn", "plan"),
    ("001", "15.280 tỷ đồng", 15280, "tỷ đồng", "retail_sales", 2016, None, "Lạng Sơn", "plan"),
    ("001", "3.700 triệu USD", 3700, "triệu USD", "total_trade", 2016, None, "Lạng Sơn", "plan"),
    (
        "002",
        "1.127,9 nghìn tỷ đồng",
        1127.9,
        "nghìn tỷ đồng",
        "industrial_output",
        2020,
        None,
        "Bắc Ninh",
        "actual",
    ),
    ("002", "61.929 tỷ đồng", 61929, "tỷ đồng", "retail_sales", 2020, None, "Bắc Ninh", "actual"),
    ("002", "72.047 triệu USD", 72047, "triệu USD", "total_trade", 2020, None, "Bắc Ninh", "actual"),
    ("002", "16%", 16, "%", "total_trade", 2020, None, "Bắc Ninh", "change"),
    ("002", "38.905 triệu USD", 38905, "triệu USD", "export", 2020, None, "Bắc Ninh", "actual"),
    ("002", "14,3%", 14.3, "%", "export", 2020, None, "Bắc Ninh", "change"),
    ("002", "5.763 triệu USD", 5763, "triệu USD", "trade_balance", 2020, None, "Bắc Ninh", "estimate"),
    ("002", "1.173.000 tỷ đồng", 1173000, "tỷ đồng", "industrial_output", 2021, None, "Bắc Ninh", "plan"),
    ("002", "67.500 tỷ đồng", 67500, "tỷ đồng", "retail_sales", 2021, None, "Bắc Ninh", "plan"),
    ("002", "68,8 tỷ USD", 68.8, "tỷ USD", "total_trade", 2021, None, "Bắc Ninh", "plan"),
    ("002", "36,5 tỷ USD", 36.5, "tỷ USD", "export", 2021, None, "Bắc Ninh", "plan"),
    ("003", "11,64%", 11.64, "%", "industrial_output", 2010, None, "Lạng Sơn", "change"),
    ("003", "21%", 21, "%", "total_trade", 2010, None, "Lạng Sơn", "change"),
    ("004", "16,6%", 16.6, "%", "industrial_index", 2019, 9, None, "change"),
    ("004", "13,63%", 13.63, "%", "retail_sales", 2019, 9, None, "change"),
    ("004", "72%", 72, "%", "export", 2019, 9, None, "share_of_plan"),
    ("004", "16,5%", 16.5, "%", "industrial_index", 2019, None, None, "plan"),
    ("004", "19.550 tỷ đồng", 19550, "tỷ đồng", "retail_sales", 2019, None, None, "plan"),
    ("004", "100%", 100, "%", "retail_sales", 2019, None, None, "plan"),
    ("004", "137 triệu USD", 137, "triệu USD", "export", 2019, None, None, "plan"),
]


@pytest.fixture(scope="module")
def seed_figures():
    return {article.id[:3]: (article, extract_figures(article)) for article in load_articles([SEEDS])}


def test_every_seed_figure_is_found_and_nothing_else(seed_figures):
    found = [(doc, f.text) for doc, (_, figures) in sorted(seed_figures.items()) for f in figures]
    assert found == [(row[0], row[1]) for row in EXPECTED]


@pytest.mark.parametrize("row", EXPECTED, ids=[f"{r[0]}:{r[1]}" for r in EXPECTED])
def test_seed_figure_is_understood(seed_figures, row):
    doc, text, value, unit, metric, year, months, place, kind = row
    article, figures = seed_figures[doc]
    figure = next(f for f in figures if f.text == text and (f.metric == metric or text == "100%"))
    assert (figure.value, figure.unit.text, figure.metric) == (pytest.approx(value), unit, metric)
    assert (figure.period.year, figure.period.months, figure.place, figure.kind) == (
        year,
        months,
        place,
        kind,
    )
    assert figure.text in article.text[figure.sentence_start : figure.sentence_end]
    assert article.text[figure.start : figure.end] == figure.text


def test_paragraph_opening_year_with_a_target_makes_targets_for_that_year():
    article = parse_text(
        "Tổng kết\n\nNăm 2021, ngành phấn đấu giá trị sản xuất công nghiệp đạt 100 tỷ đồng. "
        "Tổng mức bán lẻ đạt 50 tỷ đồng.\n\nNăm 2020, kim ngạch xuất khẩu đạt 30 triệu USD.",
        "t",
    )
    kinds = {(f.text, f.period.year, f.kind) for f in extract_figures(article)}
    assert kinds == {
        ("100 tỷ đồng", 2021, "plan"),
        ("50 tỷ đồng", 2021, "plan"),
        ("30 triệu USD", 2020, "actual"),
    }


def test_base_year_of_a_comparison_is_not_the_figure_year():
    article = parse_text("Bài\n\nKim ngạch xuất khẩu tăng 16% so với năm 2019.", "t")
    (figure,) = extract_figures(article)
    assert figure.period.year == 2020 and figure.kind == "change"


def test_not_reaching_the_plan_is_not_a_plan():
    article = parse_text(
        "Bài\n\nNăm 2010, giá trị sản xuất công nghiệp tuy không đạt kế hoạch nhưng vẫn tăng trưởng 11,64%.",
        "t",
    )
    (figure,) = extract_figures(article)
    assert figure.kind == "change" and figure.basis.value == "actual"


def test_pacific_is_not_thai_binh_province():
    article = parse_text(
        "Bài\n\nNăm 2016, tại diễn đàn châu Á - Thái Bình Dương, xuất khẩu đạt 46 triệu USD.", "t"
    )
    (figure,) = extract_figures(article)
    assert figure.place is None


def test_vietnamese_news_corpus_extracts_without_chrome_or_dates():
    """Every figure of 3,000 real articles is verbatim in its sentence and is never a date or phone number."""
    import re

    from corpus.articles import read_jsonl
    from tests.conftest import shared_file

    figures_seen = 0
    for article in read_jsonl(shared_file("corpus", "vi-news", "articles.jsonl")):
        for figure in extract_figures(article):
            figures_seen += 1
            assert article.text[figure.start : figure.end] == figure.text
            assert not re.fullmatch(r"0\d{8,}.*", figure.text.replace(".", "").replace(" ", ""))
            assert not re.match(r"\d{1,2}/\d{1,2}", figure.text)
    assert figures_seen > 10_000


def test_forecast_is_not_a_result():
    article = parse_text(
        "Bài\n\nXuất khẩu của Việt Nam vào Hoa Kỳ có thể đạt 56,1 tỉ USD trong năm 2020.", "t"
    )
    (figure,) = extract_figures(article)
    assert figure.kind == "plan" and figure.place == "cả nước"  # Hoa Kỳ is the partner, not the place


def test_sentence_about_another_country_is_that_countrys_not_the_provinces():
    article = parse_text(
        "Tin Hà Nội\n\nUBND thành phố Hà Nội họp tại Hà Nội.\n\n"
        "Năm 2017, Triều Tiên nhập 74 triệu USD hàng hoá từ Nga và xuất khẩu khoảng 4 triệu USD.",
        "t",
    )
    assert article.place == "Hà Nội"
    assert {f.place for f in extract_figures(article)} == {"Triều Tiên"}


def test_a_target_cue_after_the_figure_does_not_make_the_paragraph_a_plan():
    article = parse_text("Bài\n\nNăm 2014, kim ngạch xuất khẩu đạt gần 31 tỷ USD, vượt mục tiêu đề ra.", "t")
    (figure,) = extract_figures(article)
    assert figure.kind == "actual"


@pytest.mark.parametrize(
    ("sentence", "figure"),
    [
        (
            "Theo điều tra năm 2009, 97,3% dân số từ 15 tuổi trở lên có thể viết tiếng Pháp, chỉ 1,1% không.",
            "1,1%",
        ),
        ("Người Mỹ gốc Đức chiếm 11,3% cư dân Texas, với 2,7 triệu người.", "2,7 triệu người"),
        ("Cuộc chiến khiến 200 người Pháp và 1.000 người Kanak thiệt mạng.", "1.000 người"),
    ],
)
def test_a_language_an_origin_or_a_nationality_is_not_the_place(sentence, figure):
    """ "tiếng Pháp" is French, "gốc Đức" German descent: neither makes a figure France's or Germany's."""
    article = parse_text(f"Bài\n\n{sentence}", "t")
    (found,) = [f for f in extract_figures(article) if f.text == figure]
    assert found.place is None


@pytest.mark.parametrize(
    ("sentence", "figure_text", "span"),
    [
        # since whenever, up to now: never one year's figure
        (
            "Năm 2018, tính tới nay, luỹ kế thực hiện vốn FDI đạt 176,25 tỷ USD.",
            "176,25 tỷ USD",
            ("kind", PeriodKind.TO_DATE),
        ),
        (
            "Năm 2017, tính đến nay cả nước có 24.000 dự án FDI còn hiệu lực với tổng vốn 300 tỷ USD.",
            "300 tỷ USD",
            ("kind", PeriodKind.TO_DATE),
        ),
        # a span written beside it is that span
        ("Lũy kế 5 tháng đầu năm 2017, xuất khẩu đạt 5 tỷ USD.", "5 tỷ USD", ("months", 5)),
        ("Luỹ kế đến hết tháng 5/2017, xuất khẩu đạt 5 tỷ USD.", "5 tỷ USD", ("months", 5)),
    ],
)
def test_figures_up_to_now_are_not_a_years(sentence, figure_text, span):
    figure = next(f for f in extract_figures(parse_text(f"Bài\n\n{sentence}", "t")) if f.text == figure_text)
    assert figure.period.span == span


def test_up_to_now_is_said_of_its_own_sentence_only():
    article = parse_text(
        "Bài\n\nQuý I/2018, xuất khẩu đạt 50 tỷ USD.\n\nTính đến nay, vốn FDI lũy kế đạt 300 tỷ USD. Nhập khẩu đạt 48 tỷ USD.",
        "t",
    )
    periods = {f.text: f.period.span for f in extract_figures(article)}
    assert periods["300 tỷ USD"] == ("kind", PeriodKind.TO_DATE)
    assert periods["48 tỷ USD"] == ("months", 3)


@pytest.mark.parametrize(
    ("sentence", "place", "partner"),
    [
        # a province is where, never a trade partner
        ("Năm 2017, ở thị trường Hà Nội, giá vàng bán ra ở mức 37,30 triệu đồng/lượng.", "Hà Nội", None),
        ("Năm 2020, hàng hoá xuất khẩu từ Bắc Ninh đạt 38 tỷ USD.", "Bắc Ninh", None),
        # a foreign country after the same words is the partner
        ("Năm 2020, xuất khẩu sang thị trường Mỹ đạt 77 tỷ USD.", None, "Hoa Kỳ"),
    ],
)
def test_a_province_is_a_place_never_a_partner(sentence, place, partner):
    (figure, *_) = extract_figures(parse_text(f"Bài\n\n{sentence}", "t"))
    assert (figure.place, figure.subject.partner) == (place, partner)


CUSTOMS = (
    "Trong nửa đầu tháng 5/2017 (từ ngày 01/05 đến ngày 15/05/2017), cả nước nhập siêu tới 1,1 tỷ USD, "
    "nâng con số nhập siêu từ đầu năm lên 3,02 tỷ USD."
)


@pytest.mark.parametrize(
    ("sentence", "figure_text", "span"),
    [
        # half months are their own spans, never the month
        (CUSTOMS, "1,1 tỷ USD", ("other", "nửa đầu tháng 5")),
        ("Trong kỳ 2 tháng 4/2017, xuất khẩu đạt 8 tỷ USD.", "8 tỷ USD", ("other", "nửa cuối tháng 4")),
        # "từ đầu năm" after a span runs from January to that span's end
        (CUSTOMS, "3,02 tỷ USD", ("other", "đến ngày 15/5")),
        (
            "Trong quý I/2018, xuất khẩu đạt 50 tỷ USD, nâng tổng kim ngạch từ đầu năm lên 58 tỷ USD.",
            "58 tỷ USD",
            ("months", 3),
        ),
        (
            "Trong tháng 4/2018, xuất khẩu đạt 20 tỷ USD, đưa kim ngạch từ đầu năm lên 75 tỷ USD.",
            "75 tỷ USD",
            ("months", 4),
        ),
        # the time before a year is never that year
        (
            "Trước 1975, cộng đồng người Việt ở Montréal chỉ độ 100 người, đa số là sinh viên du học.",
            "100 người",
            ("kind", PeriodKind.BEFORE_YEAR),
        ),
        # months from one to another are a span of their own, not the months to the last one
        (
            "Theo Cục Hải quan TP.HCM, kim ngạch nhập khẩu xe hơi dưới 9 chỗ ngồi từ tháng 9-2017 đến hết tháng "
            "11-2017 chỉ đạt 48,3 triệu USD, giảm đến 42% so với cùng kỳ năm 2016 là 82,1 triệu USD.",
            "48,3 triệu USD",
            ("other", "từ tháng 9 đến tháng 11"),
        ),
        # the first month written out is January
        (
            "Trong tháng đầu tiên của năm mới 2019, Chỉ số sản xuất toàn ngành công nghiệp (IIP) tăng "
            "trưởng tốt ở mức 7,9%.",
            "7,9%",
            ("months", 1),
        ),
    ],
)
def test_half_months_and_the_year_so_far(sentence, figure_text, span):
    figure = next(f for f in extract_figures(parse_text(f"Bài\n\n{sentence}", "t")) if f.text == figure_text)
    assert figure.period.span == span


@pytest.mark.parametrize(
    ("sentence", "figure_text", "sector"),
    [
        # a part of registered FDI is that part
        ("Năm 2017, vốn FDI đăng ký cấp mới đạt 21 tỷ USD.", "21 tỷ USD", "cấp mới"),
        ("Năm 2017, vốn FDI góp vốn mua cổ phần đạt 6 tỷ USD.", "6 tỷ USD", "góp vốn"),
        # the parts named together are the whole
        (
            "Tính chung 4 tháng đầu năm 2017, tổng vốn FDI đăng ký cấp mới, tăng thêm và góp vốn mua cổ phần là 10,95 tỷ USD.",
            "10,95 tỷ USD",
            None,
        ),
    ],
)
def test_parts_of_a_whole_named_together_are_the_whole(sentence, figure_text, sector):
    figure = next(f for f in extract_figures(parse_text(f"Bài\n\n{sentence}", "t")) if f.text == figure_text)
    assert figure.subject.sector == sector


def test_every_sector_is_named_in_replies_as_news_names_it():
    assert set(vocabulary().sector_labels) == set(vocabulary().data["subjects"]["sectors"])
    assert subject_words(Subject(sector="FDI")) == "khu vực FDI"
    assert subject_words(Subject(sector="cấp mới")) == "dự án cấp mới"
    assert subject_words(Subject(partner=Unnamed.PARTNER)) == "thị trường chưa nêu tên"


def _figure(sentence: str, figure_text: str):
    return next(f for f in extract_figures(parse_text(f"Bài\n\n{sentence}", "t")) if f.text == figure_text)


GDP_2010_2011 = (
    "Tăng trưởng GDP thực là 3,8% vào năm 2010 và 3,2% vào năm 2011, nhờ vào giá niken trên thế giới "
    "tăng lên và nhu cầu nội địa gia tăng khiến số việc làm tăng, cũng như dầu tư kinh doanh mạnh."
)
UNEMPLOYMENT_1938 = (
    "Tuy nhiên sau đó, nó lại gia tăng lên đến 19,0% năm 1938 ('khủng hoảng trong khủng hoảng') và 17,2% "
    "năm 1939, và vẫn giữ tỉ lệ cao này cho đến khi nó hoàn toàn biến mất trong suốt Chiến tranh thế giới "
    "thứ hai khi những người thất nghiệp trước đây được tuyển mộ quân dịch."
)
CAMBODIA = (
    "Kim ngạch xuất khẩu dệt may Campuchia đạt 6,3 tỷ USD năm 2016 và 4,9 tỷ USD trong 7 tháng đầu năm 2017."
)
CEPT = "Mức thuế bình quân theo CEPT là 4,9% (năm 2005) và 3,7% (năm 2006) so với mức thuế MFN hiện hành khoảng 24,5%."
LIC = "Năm 2016, LIC đạt doanh thu hợp nhất 2.899,6 tỷ đồng, lỗ sau thuế 436,6 tỷ đồng (năm 2015 lãi hơn 68 tỷ đồng)."
VINASUN = (
    "Luỹ kế 9 tháng, Vinasun đạt 1.566 tỷ đồng doanh thu, giảm 36% (quý III / 2017 đạt 2.450 tỷ đồng) và lợi "
    "nhuận trước thuế giảm 63%, từ 186,2 tỷ xuống còn 69,6 tỷ đồng."
)
INDUSTRIES = (
    "Các nhóm ngành có tốc độ tăng trưởng thấp trước đó đã tăng khá hơn như chế biến lương thực-thực phẩm "
    "tăng 9,7% (quý I chỉ tăng 5,5%), da giày tăng 12,9% (quý I tăng 0,6%), hóa chất tăng 13,9% (quý I tăng 9%)."
)
IIP = (
    "Chỉ số sản xuất công nghiệp (IIP) tăng 9,2%, tuy thấp hơn cùng kỳ năm 2018, nhưng cao hơn nhiều so với "
    "cùng kỳ năm trước, trong đó, ngành chế biến chế tạo tăng 11,1% (Quý I: năm 2015 tăng 9,5%; năm 2016 "
    "tăng 9,1%, năm 2017 tăng 7,8%, năm 2018 tăng 11,3%)."
)
TRADE_2020 = (
    "Hai bên phấn đấu đạt kim ngạch thương mại hai chiều ở mức 1.000 tỷ USD và đầu tư đạt 150 tỷ USD vào "
    "năm 2020, ủng hộ hệ thống thương mại mở, dựa trên luật lệ."
)
CPTPP = (
    "Tổng giá trị xuất khẩu của Việt Nam có thể tăng thêm 4,04% và nhập khẩu tăng thêm 3,8% vào năm 2035; "
    "tổng số việc làm tăng thêm hàng năm từ 20.000 đến 26.000 lao động."
)
SERVICES = (
    "Ngành dịch vụ tiếp tục cải thiện mà rõ nhất là tỷ trọng của ngành dịch vụ trong nền kinh tế đã tăng lên "
    "40,9% từ mức 39,7% của năm 2015."
)


@pytest.mark.parametrize(
    ("sentence", "figure_text", "year", "span"),
    [
        # a period written right after a figure is that figure's, not the next one's
        (GDP_2010_2011, "3,8%", 2010, ()),
        (GDP_2010_2011, "3,2%", 2011, ()),
        (UNEMPLOYMENT_1938, "19,0%", 1938, ()),
        (UNEMPLOYMENT_1938, "17,2%", 1939, ()),
        (
            "Kim ngạch thương mại song phương đã tăng mạnh từ 500 triệu USD năm 2008 lên 5,18 tỷ USD năm 2015.",
            "5,18 tỷ USD",
            2015,
            (),
        ),
        (CAMBODIA, "6,3 tỷ USD", 2016, ()),
        (CAMBODIA, "4,9 tỷ USD", 2017, ("months", 7)),
        (CEPT, "4,9%", 2005, ()),
        (CEPT, "3,7%", 2006, ()),
        # an estimate's year in brackets after the figure is its own, not the paragraph's month
        (
            "Tổng dân số Mông Cổ vào tháng 7 năm 2007 là 2.951.786 người. Tỷ lệ tăng trưởng dân số của "
            "Mông Cổ ở mức 1.2% (ước tính 2007).",
            "1.2%",
            2007,
            (),
        ),
        (
            "Năm 2016, doanh thu của công ty mẹ Tổng công ty Sông Đà đạt 2.949 tỷ đồng, giảm mạnh so với mức "
            "doanh thu 7.212 tỷ đồng của năm 2015.",
            "7.212 tỷ đồng",
            2015,
            (),
        ),
        # … and is still the sentence's period for a figure after it that names none
        (
            "Tổng kim ngạch xuất khẩu của Triều Tiên, không bao gồm thương mại với Hàn Quốc, tăng 4,6% trong năm "
            "2016, đạt 2,82 tỷ USD, nhờ xuất khẩu cá tăng 74%, theo báo cáo.",
            "2,82 tỷ USD",
            2016,
            (),
        ),
        # a period opening a bracketed aside is the aside's figure's
        (LIC, "436,6 tỷ đồng", 2016, ()),
        (LIC, "68 tỷ đồng", 2015, ()),
        (VINASUN, "2.450 tỷ đồng", 2017, ("quarter", 3)),
        (INDUSTRIES, "12,9%", None, ()),
        (INDUSTRIES, "0,6%", None, ("months", 3)),
        # a span's label heads the list after it, not the figure before it
        (IIP, "9,5%", 2015, ("months", 3)),
        (IIP, "11,3%", 2018, ("months", 3)),
        # figures joined in a clause that closes with a period share it; a figure compared with the last does not
        (TRADE_2020, "1.000 tỷ USD", 2020, ()),
        (CPTPP, "4,04%", 2035, ()),
        (SERVICES, "39,7%", 2015, ()),
        (SERVICES, "40,9%", None, ()),
        # the year after a multiple is its base
        (
            "Theo Thứ trưởng Vĩnh, kim ngạch xuất khẩu năm 2005 ước đạt 31,5 tỷ USD, bằng 40 lần năm 1986.",
            "40 lần",
            2005,
            (),
        ),
    ],
)
def test_a_period_written_right_after_a_figure_is_its_own(sentence, figure_text, year, span):
    figure = _figure(sentence, figure_text)
    assert (figure.period.year, figure.period.span) == (year, span)


MONASTERIES_1911 = (
    "Đến năm 1911, có trên 700 tu viện lớn nhỏ tại Ngoại Mông; 115.000 tăng nhân tại đó chiếm đến 21% dân số."
)
REPUBLIC_1924 = (
    "Năm 1924, Cộng hòa Nhân dân Mông Cổ được tuyên bố thành lập, trở thành một quốc gia vệ tinh của Liên Xô."
)
PROFIT_2012 = (
    "Đến năm 2012, lãi giảm nhẹ xuống 3.068 tỷ đồng thì tới 2013, con số này chỉ còn 2.252 tỷ đồng, năm 2014, "
    "cổ đông chứng kiến lợi nhuận một lần nữa rơi mất khoảng 50%, xuống còn 1.134 tỷ đồng."
)
DIVIDEND_2018 = "Năm 2017, cổ đông tiếp tục buồn khi cổ tức chỉ còn 20%, và còn buồn hơn vì năm 2018, tỷ lệ này chỉ còn 10%."
FUND_2020 = "Đến năm 2020, chênh lệch hut chi quỹ Bảo hiểm tự nguyện là 668 tỷ đồng."
FUND_2019 = "Năm 2017, Quỹ dự phòng phải bù 14.464 tỷ đồng, năm 2018 phải bù 16.736 tỷ đồng, năm 2019 phải bù 18.354 tỷ đồng."
HUE_PLAN = (
    "Cụ thể, đến năm 2020, ngành thương mại đóng góp vào GDP của tỉnh đạt tỷ trọng 9-11%, đến năm 2025 là 12-15% "
    "và đến năm 2030 là 13-18%; kim ngạch xuất khẩu năm 2020 đạt 1,25 tỷ USD; năm 2025 là 2,6 tỷ USD và năm 2030 "
    "là 5,2 tỷ USD…"
)


@pytest.mark.parametrize(
    ("paragraphs", "figure_text", "year", "basis"),
    [
        # an undated history that reports a later year: "đến năm 1911" is over when it was written
        ((MONASTERIES_1911, REPUBLIC_1924), "700 tu viện", 1911, "actual"),
        ((MONASTERIES_1911, REPUBLIC_1924), "21%", 1911, "actual"),
        ((PROFIT_2012, DIVIDEND_2018), "3.068 tỷ đồng", 2012, "actual"),
        # an undated article that reports no later year as a fact still looks ahead to it
        ((FUND_2020, FUND_2019), "668 tỷ đồng", 2020, "plan"),
        # unless the year is before any article here was written
        ((MONASTERIES_1911,), "700 tu viện", 1911, "actual"),
        # years in a sentence that looks ahead are not facts, named with "đến năm" or not
        ((HUE_PLAN,), "1,25 tỷ USD", 2020, "plan"),
        ((HUE_PLAN,), "2,6 tỷ USD", 2025, "plan"),
    ],
)
def test_a_year_looked_ahead_to_is_a_target_only_until_the_article_reports_a_later_one(
    paragraphs, figure_text, year, basis
):
    article = parse_text("Bài\n\n" + "\n\n".join(paragraphs), "t")
    figure = next(f for f in extract_figures(article) if f.text == figure_text)
    assert (figure.period.year, figure.basis.value) == (year, basis)


def test_a_dated_articles_targets_are_the_years_after_its_date():
    article = parse_text(f"---\ndate: 1925-01-10\n---\nBài\n\n{MONASTERIES_1911}\n\n{FUND_2020}", "t")
    bases = {f.text: f.basis.value for f in extract_figures(article)}
    assert (bases["700 tu viện"], bases["668 tỷ đồng"]) == ("actual", "plan")


def _counts(sentence: str) -> list[tuple[str, str, str | None]]:
    article = parse_text(f"Bài\n\n{sentence}", "t")
    return [(f.text, f.unit.text, f.unit.classified) for f in extract_figures(article) if f.unit.noun]


F15 = (
    "Cũng trong ngày hôm đó, 48 chiếc F-15 thuộc Không lực Hoa Kỳ từ 1st Fighter Wing tại Căn cứ không quân "
    "Langley, Virginia, đã hạ cánh xuống Ả Rập Xê Út và ngay lập tức bắt đầu tiến hành tuần tra trên những "
    "vùng không phận biên giới Ả Rập Xê Út và Iraq nhằm ngăn chặn đà tiến của quân đội Iraq."
)
AIRBUS = "Hãng sản xuất máy bay Airbus ký biên bản ghi nhớ trị giá 3,1 tỷ USD bán 24 chiếc máy bay A321 cho Việt Nam."
PORK = "Trung bình mỗi ngày, kênh phân phối này tiêu thụ 1.300 con heo."
VINFAST = (
    "Trao đổi với Tuổi Trẻ, bà Lê Thị Thu Thuỷ, chủ tịch VinFast, cho biết nhà máy tại Hải Phòng có công suất "
    "sản xuất 500.000 chiếc ôtô và 1 triệu xe máy / năm."
)
STEEL = (
    "Tiếp đến, ngày 1/3, bộ này tiếp tục giảm thuế nhập khẩu 21 loại sắt thép xuống còn 0%, trong đó bao gồm "
    "cả 6 mặt hàng đã nằm trong danh mục cắt giảm hôm 27/2, hai quyết định này tiếp tục không phân biệt là "
    "hàng từ trong hay ngoài khối ASEAN."
)
BICYCLES = (
    "Cơ sở để đưa ra mức thuế này, theo các nhà sản xuất EU là số lượng xe đạp nhập khẩu từ VN đã tăng mạnh, "
    "từ 150.000 chiếc lên 1,5 triệu chiếc."
)
CHICKENS = (
    "Bà Phạm Thị Huân, tổng giám đốc công ty Ba Huân, cho biết doanh nghiệp của bà có thể cung ứng khoảng "
    "20.000 con gà thịt / ngày cho chương trình truy xuất, thậm chí có thể tăng lên thành 40.000 con / ngày "
    "nếu thị trường hút hàng."
)
CHILI = (
    "Theo đó, HAGL bắt đầu trồng ớt từ quý IV / 2017, đến quý I / 2018 loại trái cây này mang về doanh thu hơn "
    "93 tỷ đồng, như vậy mỗi ngày bầu Đức bán ớt kiếm hơn 1 tỷ đồng."
)


@pytest.mark.parametrize(
    ("sentence", "counts"),
    [
        # a classifier's count knows what it classifies: a name, a quoted phrase, the nouns after it
        (F15, [("48 chiếc", "chiếc", "F-15")]),
        (TOXINS, [("21 loại", "loại", "chất độc liên quan tới sinh sản")]),
        (WIRETAPS, [("3000 cuộc", "cuộc", "hội thoại"), ("150 người", "người", None)]),
        (AIRBUS, [("24 chiếc", "chiếc", "máy bay")]),
        (PORK, [("1.300 con", "con", "heo")]),
        (VINFAST, [("500.000 chiếc", "chiếc", "ôtô"), ("1 triệu xe máy / năm", "triệu xe máy/năm", None)]),
        (STEEL, [("21 loại", "loại", "sắt thép"), ("6 mặt hàng", "mặt hàng", None)]),
        # nothing after it in its clause: a bare classifier
        (
            HERDS,
            [
                ("30 loài động", "loài động", None),
                ("60 triệu con", "triệu con", None),
                ("2,5 triệu con", "triệu con", None),
            ],
        ),
        (BICYCLES, [("150.000 chiếc", "chiếc", None), ("1,5 triệu chiếc", "triệu chiếc", None)]),
        # per day, it is a rate of what it classifies
        (
            CHICKENS,
            [
                ("20.000 con gà thịt / ngày", "con gà thịt/ngày", None),
                ("40.000 con / ngày", "con/ngày", None),
            ],
        ),
        # a year before a classifier counts nothing: counts are written "1.500 con"
        (CHILI, []),
    ],
)
def test_a_classifiers_count_knows_what_it_classifies(sentence, counts):
    assert _counts(sentence) == counts


@pytest.mark.parametrize(
    ("sentence", "counts"),
    [
        # a bare number that a noun counting by itself governs, through a link
        (
            "Theo điều tra nhân khẩu vào năm 2014, dân số Nouvelle-Calédonie đạt 268.767.",
            [("268.767", "người", None)],
        ),
        ("Năm 2014, số người thuộc diện đặc cách là 41.", [("41", "người", None)]),
        # a range opens with "từ": its first number is governed too
        (
            "Vào thời điểm người châu Âu thiết lập các khu định cư đầu tiên, dân số thổ dân Canada được "
            "ước tính là từ 200.000 đến hai triệu.",
            [("200.000", "người", None)],
        ),
        # never a year
        (
            "Theo cục Thống kê Canada, các nhóm thiểu số hữu hình có thể chiếm một phần ba dân số Canada vào năm 2031.",
            [],
        ),
        # an age written before its number is an age all the same
        (
            "Tháng 5 năm 1882, vào tuổi 13, ông cưới cô Kasturba Makharji, 14 tuổi, qua một sự mai mối.",
            [("tuổi 13", "tuổi", None), ("14 tuổi", "tuổi", None)],
        ),
        (
            "Hiện nay, mức hưởng lương hưu tối đa là 75% cho nam nghỉ hưu ở tuổi 60, nữ ở tuổi 55.",
            [("tuổi 60", "tuổi", None), ("tuổi 55", "tuổi", None)],
        ),
        # unless the number opens a range of ages
        (
            "Trung bình giá trị mua sắm trực tuyến của mỗi người khoảng 186 USD, tăng 16 USD so với năm trước, "
            "độ tuổi 18-25 đang là khách hàng nhiều tiềm năng nhất của thị trường này.",
            [],
        ),
    ],
)
def test_a_count_whose_noun_is_not_after_its_number(sentence, counts):
    assert _counts(sentence) == counts


@pytest.mark.parametrize(
    ("sentence", "figure_text", "measure"),
    [
        # a rate of growth named anywhere in the percentage's clause: a change
        ("Tăng trưởng GDP thực là 3,8% vào năm 2010 và 3,2% vào năm 2011.", "3,8%", "change"),
        ("Tăng trưởng GDP thực là 3,8% vào năm 2010 và 3,2% vào năm 2011.", "3,2%", "change"),
        (
            "Dù GDP đã tăng ổn định từ năm 2002 ở tốc độ 7.5% theo một ước tính chính thức năm 2006, "
            "nước này vẫn phải giải quyết một khoản thâm hụt thương mại khá lớn.",
            "7.5%",
            "change",
        ),
        (
            "Tại buổi làm việc, UBND tỉnh Đồng Nai cho hay trong năm 2018, tình hình kinh tế toàn tỉnh "
            "tương đối tốt, tốc độ tăng trưởng đạt 8,1%, thu nhập bình quân đầu người trên 4.400 USD.",
            "8,1%",
            "change",
        ),
        # a share of the growth is a share, and so is the rest of it: neither is a change
        (
            "Tăng trưởng tự nhiên chiếm 85% tăng trưởng dân số, 15% còn lại là nhờ di cư thuần.",
            "85%",
            "share",
        ),
        (
            "Tăng trưởng tự nhiên chiếm 85% tăng trưởng dân số, 15% còn lại là nhờ di cư thuần.",
            "15%",
            "share",
        ),
    ],
)
def test_a_rate_of_growth_named_in_its_clause_makes_a_percentage_a_change(sentence, figure_text, measure):
    figure = next(f for f in extract_figures(parse_text(f"Bài\n\n{sentence}", "t")) if f.text == figure_text)
    assert figure.measure.value == measure


TRADE_TO = "Kim ngạch giao thương hàng hoá giữa hai nước tăng lên 30 tỷ USD trong năm 2016, gần gấp đôi mức 16,8 tỷ năm 2010."
MANILA = (
    "Năm ngoái, Triều Tiên nhập gần 29 triệu USD hàng hoá từ Philippines, tăng 80% so với năm trước, trong khi "
    "nhập khẩu của Manila từ Bình Nhưỡng tăng 170% lên hơn 16 triệu USD."
)
FROM_TO = (
    "Kim ngạch thương mại hai chiều tăng từ 451 triệu USD năm 1995 lên đến 52 tỷ USD năm 2016, biến Việt Nam trở "
    "thành một trong những thị trường xuất khẩu tăng trưởng nhanh nhất của Mỹ."
)
TARIFF = "Ông cũng tuyên bố mức thuế bổ sung này sẽ tăng lên 25% vào đầu năm sau."
EXPORT_TO = "688 tấn, tăng 21,3% so với cùng kỳ, kim ngạch xuất khẩu tăng 7,72% lên 532,4 triệu USD."


@pytest.mark.parametrize(
    ("sentence", "figure_text", "measure"),
    [
        # what a change reaches or starts from is a level; the change itself is a change
        (TRADE_TO, "30 tỷ USD", "level"),
        (MANILA, "170%", "change"),
        (MANILA, "16 triệu USD", "level"),
        (FROM_TO, "451 triệu USD", "level"),
        (FROM_TO, "52 tỷ USD", "level"),
        (TARIFF, "25%", "level"),
        (EXPORT_TO, "7,72%", "change"),
        (EXPORT_TO, "532,4 triệu USD", "level"),
    ],
)
def test_what_a_change_reaches_or_starts_from_is_a_level(sentence, figure_text, measure):
    figure = next(f for f in extract_figures(parse_text(f"Bài\n\n{sentence}", "t")) if f.text == figure_text)
    assert figure.measure.value == measure


def test_population_growth_is_its_own_metric_not_gdp():
    sentence = "Tỷ lệ tăng trưởng dân số của Mông Cổ ở mức 1.2% (ước tính 2007)."
    figure = next(f for f in extract_figures(parse_text(f"Mông Cổ\n\n{sentence}", "t")) if f.text == "1.2%")
    assert figure.metric == "population_growth"


@pytest.mark.parametrize(
    ("sentence", "figure_text", "metric"),
    [
        # a share is of the whole named right after it
        (
            "Hầu hết đất đai không thích hợp cho nông nghiệp, và thực phẩm chiếm khoảng 20% nhập khẩu.",
            "20%",
            "import",
        ),
        (
            "Hỗ trợ tài chính từ Pháp có quy mô đáng kể, chiếm hơn 15% GDP, và đóng góp cho nền kinh tế.",
            "15%",
            "gdp",
        ),
        (
            "Đầu tư của Trung Quốc vào Việt Nam trong Quý I/2017 đạt 684 triệu USD, đứng thứ 2 và chiếm "
            "23,4% tổng vốn FDI vào Việt Nam.",
            "23,4%",
            "fdi",
        ),
        (
            "Trung Quốc, Hoa Kỳ, Nhật Bản và Hàn Quốc là 4 thị trường nhập khẩu hàng đầu của hàng rau quả "
            "Việt Nam trong 5 tháng đầu năm nay, chiếm tới 84,7% tổng giá trị xuất khẩu hàng rau quả.",
            "84,7%",
            "export",
        ),
        # with no whole after it, the metric named before it
        ("Năm 2019, xuất khẩu điện thoại chiếm 20%, cao nhất cả nước.", "20%", "export"),
    ],
)
def test_a_share_is_of_the_whole_named_after_it(sentence, figure_text, metric):
    figure = next(f for f in extract_figures(parse_text(f"Bài\n\n{sentence}", "t")) if f.text == figure_text)
    assert figure.metric == metric


@pytest.mark.parametrize(
    ("sentence", "figure_text", "company"),
    [
        # the owner after "của" is its capitalised words, not the lower-case word after them
        ("Tỷ lệ tăng trưởng doanh thu của Vinamilk ở mức 1.2% (ước tính 2007).", "1.2%", "Vinamilk"),
        ("Năm 2017, doanh thu của Minh Phú đạt 10.000 tỷ đồng.", "10.000 tỷ đồng", "Minh Phú"),
    ],
)
def test_an_owner_is_the_capitalised_words_after_cua(sentence, figure_text, company):
    figure = next(f for f in extract_figures(parse_text(f"Bài\n\n{sentence}", "t")) if f.text == figure_text)
    assert figure.subject.company == company


def test_an_amount_after_a_count_is_not_a_count_of_its_noun():
    sentence = (
        "Riêng trong 4 tháng đầu năm 2017 cả nước có 734 dự án mới được cấp GCNĐKĐT với tổng vốn đăng ký "
        "là 4,88 tỷ USD, bằng 96% so với cùng kỳ năm 2016."
    )
    figures = {f.text: f for f in extract_figures(parse_text(f"Bài\n\n{sentence}", "t"))}
    assert figures["734 dự án"].metric == "dự án"
    assert figures["4,88 tỷ USD"].metric != "dự án"


@pytest.mark.parametrize(
    ("sentence", "figure_text", "area"),
    [
        # an area named before the figure, its bracket or its clause right after the area
        (CALEDONIA_PROVINCES_GROWTH, "2,3%", "tỉnh Nam"),
        (CALEDONIA_PROVINCES_GROWTH, "0,7%", "tỉnh Bắc"),
        (PARIS_RICH, "7%", "quận 7"),
        (
            "Thu nhập trung bình những người dân Quận 7 cao nhất, 31.521 euro trên một người một năm vào 2001.",
            "31.521 euro",
            "quận 7",
        ),
        (
            "Huyện Lục Ngạn hiện có gần 16.300 ha vải thiều, trong đó có 1.750 ha các giống vải chín sớm.",
            "1.750 ha",
            "huyện Lục Ngạn",
        ),
        (
            "Tại chợ đầu mối Tam Bình, quận Thủ Đức, lượng rau quả từ các tỉnh về chợ trung bình khoảng 500 "
            "tấn/đêm giảm từ 10 đến 15 tấn so với tháng trước.",
            "500 tấn/đêm",
            "quận Thủ Đức",
        ),
        # an area named after the figure, where its clause places it: not the area before it
        (CALEDONIA_PROVINCES, "17.436 người", "tỉnh Quần đảo Loyauté"),
        (CALEDONIA_PROVINCES, "45.137 người", "tỉnh Bắc"),
        (CALEDONIA_PROVINCES, "183.007 người", "tỉnh Nam"),
        (PARIS_POOR, "25%", "quận 19"),
        (PARIS_POOR, "24%", "quận 18"),
        (PARIS_POOR, "18%", "quận 10"),
        (PARIS_RICH, "8%", "quận 6"),
        (PARIS_RICH, "9%", "quận 16"),
        (
            "Hợp tác xã kinh doanh tổng hợp điện Thành Tâm cung cấp điện cho gần 3.000 hộ dân ở xã Cẩm Nhượng "
            "(Cẩm Xuyên).",
            "3.000 hộ",
            "xã Cẩm Nhượng",
        ),
        (
            "Theo đó, qua kiểm tra, toàn tỉnh có khoảng 80 ha trồng nhàu, trong đó diện tích trồng mới khoảng "
            "30 ha tại huyện U Minh và TP.",
            "30 ha",
            "huyện U Minh",
        ),
        # the whole, not an area: the territory, "toàn tỉnh", "thành phố" with no name after it
        (CALEDONIA_GROWTH, "1,7%", None),
        (PARIS_CITY_POOR, "14 phần trăm", None),
        (
            "Theo đó, qua kiểm tra, toàn tỉnh có khoảng 80 ha trồng nhàu, trong đó diện tích trồng mới khoảng "
            "30 ha tại huyện U Minh và TP.",
            "80 ha",
            None,
        ),
        (
            "Lượng khách hàng này còn đến từ các tỉnh ở vùng kinh tế trọng điểm phía Nam và hơn 500 triệu dân "
            "ở các quốc gia ASEAN.",
            "500 triệu dân",
            None,
        ),
        (
            "Ông Nguyễn Minh Toại - phó giám đốc Sở Công Thương Cần Thơ - cho biết địa phương chỉ có ngân sách "
            "vỏn vẹn 3,2 tỉ đồng để hỗ trợ cho doanh nghiệp vùng sâu, vùng xa, vùng nông thôn.",
            "3,2 tỉ đồng",
            None,
        ),
        # a person after an area word is no area; "Liên bang Nga" is the country
        (
            "Báo cáo tại hội nghị, Chánh Văn phòng UBND TP Võ Văn Hoan cho biết TP đã tổ chức 50 đoàn cán bộ "
            "đi thăm, tặng quà, chúc Tết các đối tượng chính sách và các lực lượng trực Tết.",
            "50 đoàn",
            None,
        ),
        (
            "Kim ngạch thương mại hai chiều Việt Nam và Liên bang Nga chỉ đạt 5-6 tỉ USD mỗi năm là không "
            "tương xứng tiềm năng hợp tác.",
            "6 tỉ USD",
            None,
        ),
    ],
)
def test_a_figure_in_a_named_area_is_that_areas(sentence, figure_text, area):
    assert _figure(sentence, figure_text).area == area


@pytest.mark.parametrize(
    ("sentence", "figure_text", "place", "area"),
    [
        # a province the vocabulary knows, after an area word, is the place as before
        (
            "UBND tỉnh Lạng Sơn phê duyệt dự án Bệnh viện đa khoa tỉnh Lạng Sơn (tổng vốn đầu tư hơn 1.700 tỷ "
            "đồng) được đầu tư bằng nguồn vốn trái phiếu chính phủ không đúng quy định.",
            "1.700 tỷ đồng",
            "Lạng Sơn",
            None,
        ),
        (
            "Trong bảng xếp hạng đối với các địa phương, thành phố Đà Nẵng tiếp tục giữ vị trí đầu bảng với "
            "kết quả chỉ số đạt được là 90,32%.",
            "90,32%",
            "Đà Nẵng",
            None,
        ),
        # the province after a district is its address: the place, with the district as the area
        (
            "Tại huyện Diễn Châu (Nghệ An) hiện có 95 cửa hàng xăng dầu, trong đó có 15 cửa hàng xăng dầu kinh "
            "doanh trái phép.",
            "15 cửa hàng",
            "Nghệ An",
            "huyện Diễn Châu",
        ),
    ],
)
def test_a_known_province_after_an_area_word_is_the_place(sentence, figure_text, place, area):
    figure = _figure(sentence, figure_text)
    assert (figure.place, figure.area) == (place, area)


def test_a_country_inside_a_districts_name_is_not_the_place():
    """ "quận Thủ Đức" is no part of Germany."""
    sentence = (
        "Tại chợ đầu mối Tam Bình, quận Thủ Đức, lượng rau quả từ các tỉnh về chợ trung bình khoảng 500 "
        "tấn/đêm giảm từ 10 đến 15 tấn so với tháng trước."
    )
    assert _figure(sentence, "500 tấn/đêm").place != "Đức"


def test_a_districts_number_is_its_name_not_a_count():
    assert [f.text for f in extract_figures(parse_text(f"Bài\n\n{PARIS_POOR}", "t"))] == [
        "25%",
        "24%",
        "22%",
        "18%",
    ]


SCIC = "Năm 2016 và năm 2017, lợi nhuận sau thuế của SCIC đạt lần lượt 7.426 tỷ đồng và 6.448 tỷ đồng."
HVG = (
    "Lý do được HOSE đưa ra là bởi lợi nhuận sau thuế của cổ đông công ty mẹ HVG năm 2016 và 2017 lần lượt là "
    "-49,3 tỷ và -712,96 tỷ đồng."
)
VINACHEM = (
    "Khả năng quản trị của ban lãnh đạo Vinachem cũng bị đặt dấu hỏi lớn khi nợ khó đòi liên tục tăng cao, tăng "
    "từ 192 tỷ đồng cuối năm 2015 lên 309 tỷ đồng cuối năm 2016."
)


@pytest.mark.parametrize(
    ("sentence", "figure_text", "value", "year"),
    [
        # years listed before "lần lượt" pair with the figures after it, in order
        (SCIC, "7.426 tỷ đồng", 7426, 2016),
        (SCIC, "6.448 tỷ đồng", 6448, 2017),
        # a minus sign after a word is a loss; a bare scale takes the list's unit
        (HVG, "-49,3 tỷ", -49.3, 2016),
        (HVG, "-712,96 tỷ đồng", -712.96, 2017),
        # "cuối năm 2016" written right after a figure is its own
        (VINACHEM, "192 tỷ đồng", 192, 2015),
        (VINACHEM, "309 tỷ đồng", 309, 2016),
    ],
)
def test_each_figure_of_a_list_takes_its_own_year_and_sign(sentence, figure_text, value, year):
    figure = _figure(sentence, figure_text)
    assert (figure.value, figure.period.year) == (value, year)


def test_a_year_before_lan_luot_counts_nothing():
    figures = extract_figures(parse_text(f"Bài\n\n{HVG}", "t"))
    assert [f.text for f in figures] == ["-49,3 tỷ", "-712,96 tỷ đồng"]


GDP_AIM = (
    "Để góp phần đạt tốc độ tăng trưởng GDP của cả nước năm 2017 tăng 6,7%, ngành công thương đặt chỉ tiêu chỉ số "
    "phát triển sản xuất công nghiệp tăng 8-9%."
)
FISHERY_AIM = (
    "Bộ Thuỷ sản cho biết, cùng với hy vọng sự trở lại của thị trường Mỹ, ngành thủy sản sẽ thực hiện nhiều giải "
    "pháp để tăng giá trị xuất khẩu trong năm 2005 lên 2,6 tỷ USD so với gần 2,4 tỷ USD của năm ngoái."
)
VIETLOTT_PLAN = (
    "Vietlott đạt doanh thu 1.884 tỷ đồng – đạt 53,07% kế hoạch năm 2017 mà Bộ Tài chính đã giao ở mức 3.550 tỷ "
    "đồng."
)
VIETLOTT_IF = (
    "Giả sử, năm 2017 kinh doanh của Vietlott không kém hơn năm 2016 thì cả năm công ty đã đạt doanh thu bán vé tầm "
    "3.500 tỷ đồng."
)
CUSTOMS_QUOTA = (
    "Về thu nộp ngân sách, năm nay chúng tôi được giao cao hơn năm trước khoảng 15% (năm 2005 Hải quan TPHCM thu "
    "nộp ngân sách đạt 21.710 tỉ đồng)."
)
CUSTOMS_MODERNISED = (
    "Để hiện đại hóa, ngành hải quan được đầu tư 75 triệu USD, trong đó, Ngân hàng Thế giới đã giúp khoản tín dụng "
    "66 triệu USD."
)


@pytest.mark.parametrize(
    ("sentence", "figure_text", "basis"),
    [
        # a purpose in the figure's own clause makes it an aim, but not the base it is compared with
        (GDP_AIM, "6,7%", "plan"),
        (FISHERY_AIM, "2,6 tỷ USD", "plan"),
        (FISHERY_AIM, "2,4 tỷ USD", "actual"),
        # a purpose closed by a comma says why, not what is aimed at
        (CUSTOMS_MODERNISED, "75 triệu USD", "actual"),
        # a plan assigned, and a supposition, are no result
        (VIETLOTT_PLAN, "1.884 tỷ đồng", "actual"),
        (VIETLOTT_PLAN, "3.550 tỷ đồng", "plan"),
        (VIETLOTT_IF, "3.500 tỷ đồng", "plan"),
        # a scenario and an expectation are no result; a result stated in an aside stays one
        (
            "Kịch bản thứ hai là tăng trưởng GDP là 6,8% với lực đẩy từ công nghiệp chế biến, chế tạo tăng tốt.",
            "6,8%",
            "plan",
        ),
        (CUSTOMS_QUOTA, "15%", "plan"),
        (CUSTOMS_QUOTA, "21.710 tỉ đồng", "actual"),
    ],
)
def test_aims_assigned_plans_and_suppositions_are_not_results(sentence, figure_text, basis):
    assert _figure(sentence, figure_text).basis.value == basis


LEATHER = (
    "Ông Nguyễn Gia Thảo, Chủ tịch Hiệp hội Da giày Việt Nam cho biết, kim ngạch xuất khẩu toàn ngành 6 tháng đầu "
    "năm đạt 1,3 tỷ USD, tăng 17% so với cùng kỳ năm ngoái và đạt 56% kế hoạch năm."
)
FISHERY_2005 = (
    "Theo Bộ Thuỷ sản, năm 2005, tổng giá trị kim ngạch xuất khẩu toàn ngành đạt được 2,65 tỷ USD, trong đó sản "
    "phẩm tôm chiếm trên 50% giá trị kim ngạch xuất khẩu, chủ yếu là tôm nuôi."
)


@pytest.mark.parametrize(
    ("sentence", "figure_text", "commodity"),
    [
        # "toàn ngành" is the industry the sentence names before, never the nation's total
        (LEATHER, "1,3 tỷ USD", "giày dép"),
        (FISHERY_2005, "2,65 tỷ USD", "thủy sản"),
        (FISHERY_2005, "50%", "tôm"),
    ],
)
def test_the_whole_industry_is_the_one_named_before(sentence, figure_text, commodity):
    assert _figure(sentence, figure_text).subject.commodity == commodity


CANADA_TRADE = (
    "Theo số liệu ban đầu của Cơ quan Thống kê Canada, tổng kim ngạch trao đổi thương mại giữa 2 nước trong năm "
    "2018 đạt khoảng 6,36 tỉ đô la Canada (4,8 tỉ USD), tăng 4,2% so với 2017."
)


@pytest.mark.parametrize(
    ("title", "sentence", "figure_text", "partner", "place"),
    [
        # two-way trade trades with the country the sentence names, and that country is not the place
        (
            "Thủ tướng Canada viết 'Chúc mừng năm mới' để chúc Tết Việt",
            CANADA_TRADE,
            "6,36 tỉ đô la",
            "Canada",
            None,
        ),
        # the country the article is about, though its sentence sets another beside it
        (
            "Cần đẩy mạnh thương mại điện tử để mở rộng thị trường Trung Quốc",
            "Đồng thời, là thị trường XK lớn thứ hai của Việt Nam sau Hoa Kỳ, theo thống kê của Hải quan Việt "
            "Nam, tổng kim ngạch hai chiều của hai nước năm 2016 đạt gần 72 tỷ đô la Mỹ.",
            "72 tỷ đô la Mỹ",
            "Trung Quốc",
            None,
        ),
        # else with the one the title pairs with Việt Nam, known or not
        (
            "Việt Nam - Singapore ký tuyên bố chung hợp tác toàn diện",
            "Kim ngạch buôn bán 2 chiều giữa hai nước năm 2003 đạt 3,9 tỷ USD.",
            "3,9 tỷ USD",
            "Singapore",
            None,
        ),
        (
            "Tăng cường quan hệ truyền thống, hợp tác toàn diện Việt Nam-Cuba",
            "Kim ngạch thương mại hai chiều năm 2016 đạt 247,64 triệu USD.",
            "247,64 triệu USD",
            "Cuba",
            None,
        ),
    ],
)
def test_two_way_trade_has_a_partner(title, sentence, figure_text, partner, place):
    article = parse_text(f"{title}\n\n{sentence}", "t")
    figure = next(f for f in extract_figures(article) if f.text == figure_text)
    assert (figure.subject.partner, figure.place) == (partner, place or article.place)


def test_the_same_period_a_year_before_stated_in_an_aside_is_the_figures_own():
    """ "(cùng kỳ năm trước tăng 22,1%)": January 2018, not January 2019 nor the whole of 2018."""
    article = parse_text(
        "Bài\n\nQua tháng đầu tiên của năm 2019, theo Bộ Kế hoạch và Đầu tư, tình hình kinh tế - xã hội của đất "
        "nước tiếp tục diễn biến tích cực.\nChỉ số sản xuất toàn ngành công nghiệp tăng cao ở mức 7,9% so với cùng "
        "kỳ năm 2018 (cùng kỳ năm trước tăng 22,1%).",
        "t",
    )
    periods = {f.text: (f.period.year, f.period.span) for f in extract_figures(article)}
    assert periods["7,9%"] == (2019, ("months", 1)) and periods["22,1%"] == (2018, ("months", 1))


def test_a_sentence_that_works_out_a_target_states_a_target():
    article = parse_text(
        "Masan\n\nLợi nhuận sau thuế phân bổ cho cổ đông của công ty được kỳ vọng đạt 5.000 - 5.500 tỷ đồng trong "
        "năm 2019, tăng 40-60% so với năm 2018.\nLợi nhuận sau thuế theo đó tăng mạnh khoảng 44-58%, đạt từ "
        "5.000-5.500 tỷ đồng.\nTheo trình bày của lãnh đạo Masan, năm 2018 đánh dấu khởi đầu hành trình mới.",
        "t",
    )
    assert {f.basis.value for f in extract_figures(article)} == {"plan"}


LASUCO = (
    "Ông Tam cho biết, năm 2016, Lasuco đạt hơn 2.500 tỷ đồng doanh thu, trong đó doanh thu từ mía đường đạt 2.000 "
    "tỷ đồng, doanh thu từ các sản phẩm nông nghiệp cao khoảng 300 tỷ đồng; lợi nhuận trước thuế đạt trên 120 tỷ "
    "đồng, tăng trưởng gần 20% so với cùng kỳ năm 2015."
)
HANOI_RETAIL = (
    "Tổng mức lưu chuyển hàng hóa và doanh thu dịch vụ 6 tháng đầu năm nay, thành phố Hà Nội ước đạt 1.106 nghìn "
    "tỷ đồng, tăng 7,2% so cùng kỳ năm trước; trong đó, tổng mức bán lẻ đạt gần 259 nghìn tỷ đồng."
)


@pytest.mark.parametrize(
    ("sentence", "figure_text", "metric", "sector"),
    [
        # the metric written right after an amount that has none before it
        (LASUCO, "2.500 tỷ đồng", "revenue", None),
        # an amount after "trong đó" is a part of the one before, even when its name is no word we know
        (LASUCO, "300 tỷ đồng", "revenue", Unnamed.PART),
        # unless a metric worded otherwise names it
        (HANOI_RETAIL, "259 nghìn tỷ đồng", "retail_sales", None),
    ],
)
def test_parts_after_trong_do_and_metrics_after_the_amount(sentence, figure_text, metric, sector):
    figure = _figure(sentence, figure_text)
    assert (figure.metric, figure.subject.sector) == (metric, sector)


EASTERN_EUROPE = (
    "Theo Lefaso, năm 2018 kim ngạch xuất khẩu da giày của Việt Nam sang khu vực Đông Âu chỉ đạt 361 triệu USD, "
    "chiếm 1,8% tổng xuất khẩu da giày của Việt Nam.\nCụ thể, xuất khẩu giày dép đạt 341 triệu USD chiếm 2,2% và "
    "túi xách các loại đạt 20 triệu USD chiếm 0,6% trong tổng kim ngạch xuất khẩu giày dép và túi xách của Việt Nam."
)


@pytest.mark.parametrize(
    ("figure_text", "partner"),
    [
        # a region is a market too ("sang khu vực Đông Âu"), and "Cụ thể, …" details the same market
        ("361 triệu USD", "Đông Âu"),
        ("341 triệu USD", "Đông Âu"),
        ("20 triệu USD", "Đông Âu"),
    ],
)
def test_the_detail_of_a_markets_trade_is_with_that_market(figure_text, partner):
    figures = extract_figures(parse_text(f"Bài\n\n{EASTERN_EUROPE}", "t"))
    assert next(f for f in figures if f.text == figure_text).subject.partner == partner


def test_the_cost_of_sales_is_not_revenue():
    sentence = (
        "Giá vốn bán hàng của Vietlott biến động không nhiều khi chi phí trả thưởng chiếm tỷ lệ áp đảo với hơn 73%, "
        "tương đương 2.034 tỷ đồng."
    )
    assert _figure(sentence, "2.034 tỷ đồng").metric == "cost_of_sales"
