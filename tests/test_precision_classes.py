"""The classes of wrong answers fixed for precision, one table per class, on real sentences and the
questions people typed (news-train, issue 15). Each row is a rule of the language, not an item."""

from __future__ import annotations

from dataclasses import replace

import pytest

from answer import matching
from answer.question import parse_question
from answer.series import read_series
from corpus.articles import parse_text
from corpus.bases import base_after, change_bases
from corpus.figures import extract_figures
from corpus.model import Basis, Currency, Measure, Period, PeriodKind, Unnamed
from corpus.names import defined_aliases, is_named_in, named_in_phrase, with_aliases
from corpus.periods import find_periods
from corpus.profit_kinds import AFTER_TAX, BEFORE_TAX, profit_kind_of
from tests.test_matching import _candidate


@pytest.mark.parametrize(
    ("question", "place", "commodity"),
    [
        # a syllable typed without diacritics belongs to the everyday word before a rare name or noun
        ("san luong sua tuoi 3 thang dau nam 2017 uoc dat bao nhieu", None, "sữa"),
        ("du toan phap lenh thu ngan sach nam 2019 cua hai quan tphcm", "TP Hồ Chí Minh", None),
        ("Chỉ tiêu tỷ lệ dân số tham gia bảo hiểm y tế năm 2017 mà Thủ tướng giao cho Bộ Y tế?", None, None),
        # typed with diacritics, the rare word stands as written
        ("Xuất khẩu sắn năm 2017 đạt bao nhiêu?", None, "sắn"),
    ],
)
def test_an_everyday_word_comes_before_a_rare_name(question, place, commodity):
    parsed = parse_question(question)
    assert (parsed.place, parsed.subject.commodity) == (place, commodity)


@pytest.mark.parametrize(
    ("question", "place", "names"),
    [
        # the nation is the place; the other country is a name the figure's sentence must say
        ("Quý I/2017 Việt Nam đón bao nhiêu lượt khách Trung Quốc?", "cả nước", ("trung quoc",)),
        ("How much did South Korea earn from cosmetics exports in 2017?", "Hàn Quốc", ()),
        ("What was North Korea's GDP growth rate in 2016?", "Triều Tiên", ()),
    ],
)
def test_every_place_a_question_names_is_accounted_for(question, place, names):
    parsed = parse_question(question)
    assert parsed.place == place
    assert set(names) <= set(parsed.names)


@pytest.mark.parametrize(
    ("question", "period"),
    [
        ("Ba quý đầu năm 2005, kim ngạch xuất khẩu gỗ tăng bao nhiêu?", Period(year=2005, months=9)),
        ("Doanh thu bán vé Vietlott ba qúy đầu 2017?", Period(year=2017, months=9)),
        ("hai quý đầu năm 2016 lãi bao nhiêu", Period(year=2016, months=6)),
        # to the last day of a month is the months from January
        ("Vốn FDI tính đến 30/9/2018 đạt bao nhiêu?", Period(year=2018, months=9)),
        ("nhập siêu tính đến hết 15/5/2017", Period(year=2017, other="đến ngày 15/5")),
    ],
)
def test_spans_written_in_quarters_and_to_a_day(question, period):
    assert parse_question(question).period == period


@pytest.mark.parametrize(
    ("question", "words"),
    [
        # a chat's preamble and who reports a figure ask nothing of it
        (
            "Chào bạn, mình đang làm báo cáo tài chính công, cho mình hỏi là trong quý I năm 2019 tổng thu"
            " ngân sách nhà nước của cả nước được bao nhiêu tỷ đồng vậy?",
            {"tỷ", "đồng"},
        ),
        ("Tổng cục Hải quan ước thu ngân sách nhà nước 6 tháng đầu năm 2018 được bao nhiêu?", set()),
    ],
)
def test_framing_words_are_not_keywords(question, words):
    assert set(parse_question(question).keywords) == words


@pytest.mark.parametrize(
    ("text", "figure", "base"),
    [
        (
            "Chỉ số giá tiêu dùng tháng 1/2017 tăng 0,46% so với tháng trước và tăng 5,22% so với cùng kỳ năm 2016.",
            "0,46%",
            "previous_month",
        ),
        (
            "Chỉ số giá tiêu dùng tháng 1/2017 tăng 0,46% so với tháng trước và tăng 5,22% so với cùng kỳ năm 2016.",
            "5,22%",
            "same_period",
        ),
        ("CPI tháng 9 tăng 6,8% so với tháng 12 năm trước.", "6,8%", "year_end"),
        ("Kim ngạch đạt 5.000 tỷ đồng, tăng 12% so với năm 2016.", "12%", None),
    ],
)
def test_the_base_of_a_change_is_what_follows_it(text, figure, base):
    assert base_after(text, text.index(figure) + len(figure)) == base


def test_a_question_names_the_base_it_asks_against():
    assert (
        parse_question("CPI thang 1 nam 2017 tang bao nhieu % so voi cung ky nam truoc?").base
        == "same_period"
    )
    assert [kind for kind, _, _ in change_bases("tăng bao nhiêu so với tháng 12/2004")] == ["year_end"]


CPI_JANUARY = "Chỉ số giá tiêu dùng (CPI) tháng 1/2017 tăng 0,46% so với tháng trước và tăng 5,22% so với cùng kỳ năm 2016."


@pytest.mark.parametrize(
    ("figure", "answers"),
    [("5,22%", True), ("0,46%", False)],
)
def test_a_change_against_another_base_does_not_answer(figure, answers):
    question = "CPI tháng 1 năm 2017 tăng bao nhiêu % so với cùng kỳ năm trước?"
    candidate = _candidate(question, CPI_JANUARY, figure)
    assert matching.matches(parse_question(question), candidate) is answers
    if not answers:
        assert matching.why_not(parse_question(question), candidate) == "khác mốc so sánh"


VPBANK = (
    "Các kết quả trên khiến mức tăng trưởng lợi nhuận hợp nhất trước và sau thuế của VPBank trong năm 2017 "
    "đạt gần 65%, tương đương 8.126 tỷ đồng và 6.438 tỷ đồng."
)


@pytest.mark.parametrize(("figure", "kind"), [("8.126 tỷ đồng", BEFORE_TAX), ("6.438 tỷ đồng", AFTER_TAX)])
def test_before_and_after_tax_go_in_turn(figure, kind):
    start = VPBANK.index(figure)
    assert profit_kind_of(VPBANK, VPBANK, start, start + len(figure)) == {kind}


@pytest.mark.parametrize(
    ("question", "figure", "answers"),
    [
        ("VPBank lãi sau thuế hợp nhất năm 2017 bao nhiêu?", "6.438 tỷ đồng", True),
        ("VPBank lãi sau thuế hợp nhất năm 2017 bao nhiêu?", "8.126 tỷ đồng", False),
        ("Lợi nhuận trước thuế năm 2017 của VPBank là bao nhiêu?", "8.126 tỷ đồng", True),
    ],
)
def test_profit_before_tax_never_answers_after_tax(question, figure, answers):
    assert matching.matches(parse_question(question), _candidate(question, VPBANK, figure)) is answers


def _figures(text: str, title: str = "Tin kinh tế") -> dict:
    article = parse_text(text, "t", meta={"title": title, "date": "2017-06-01"})
    return {f.text: f for f in extract_figures(article)}


@pytest.mark.parametrize(
    ("text", "figure", "metric", "commodity", "sector"),
    [
        # two metrics joined and two amounts joined go in turn
        (
            "Theo thông tin công bố, ô tô TMT dự kiến tiêu thụ 12.278 xe tải các loại trong năm 2017, tăng 85%"
            " so với năm 2016, doanh thu thuần và lợi nhuận sau thuế ở mức 4.876 tỷ đồng và 124 tỷ đồng.",
            "4.876 tỷ đồng",
            "revenue",
            None,
            None,
        ),
        (
            "Theo thông tin công bố, ô tô TMT dự kiến tiêu thụ 12.278 xe tải các loại trong năm 2017, tăng 85%"
            " so với năm 2016, doanh thu thuần và lợi nhuận sau thuế ở mức 4.876 tỷ đồng và 124 tỷ đồng.",
            "124 tỷ đồng",
            "profit",
            None,
            None,
        ),
        # the topic a sentence opens with is what its figures count
        (
            "Đối với mặt hàng rau quả, 4 tháng đầu năm 2017, Việt Nam xuất khẩu sang Trung Quốc lượng hàng hóa"
            " trị giá 759 triệu USD, tăng 31,4% so với cùng kỳ năm ngoái.",
            "759 triệu USD",
            "export",
            "rau quả",
            None,
        ),
        # a metric right after an amount names the commodity it counts
        (
            "Cụ thể năm 2016, Việt Nam phải chi 3,5 tỷ USD để nhập khẩu linh kiện ô tô, cùng với đó là 2,3 tỷ"
            " USD nhập khẩu ô tô nguyên chiếc.",
            "2,3 tỷ USD",
            "import",
            "ô tô",
            None,
        ),
        # a branch of industry is a part of its output
        (
            "Giá trị sản xuất công nghiệp chế biến 9 tháng tăng 17,7% so với cùng kỳ năm ngoái.",
            "17,7%",
            "industrial_output",
            None,
            "chế biến, chế tạo",
        ),
        # spending and the deficit are no revenue
        (
            "Còn về chi, 5 tháng qua, tổng số chi đạt 526.600 tỷ đồng, tăng 9,2% so với cùng kỳ năm 2017.",
            "526.600 tỷ đồng",
            "state_spending",
            None,
            None,
        ),
    ],
)
def test_what_a_figure_counts(text, figure, metric, commodity, sector):
    found = _figures(text)[figure]
    assert (found.metric, found.subject.commodity, found.subject.sector) == (metric, commodity, sector)


@pytest.mark.parametrize(
    ("text", "figure", "metric"),
    [
        # the whole of a share is no metric of the change after it
        (
            "Thực tế là thị trường đã cung ứng 25% vốn cho nền kinh tế, mức vốn hóa thị trường bao gồm cả trái"
            " phiếu và cổ phiếu năm 2016 tương đương 74% GDP, tăng hơn 35% so với năm 2015.",
            "35%",
            "market_cap",
        ),
        # nor is what something is measured against
        (
            "Thủ tướng giao chỉ tiêu tốc độ tăng giá tiêu dùng bình quân (CPI) khoảng 4%, tổng vốn đầu tư phát"
            " triển toàn xã hội so GDP khoảng 31,5%.",
            "31,5%",
            "investment",
        ),
        # tonnes produced are never money: "sản lượng và kim ngạch xuất khẩu … USD" is the exports
        (
            "Đến năm 1999, công ty phát triển được sản xuất, đưa sản lượng và kim ngạch xuất khẩu năm 2000 hơn"
            " 38,3 triệu USD, đến năm 2002, con số này là 59,6 triệu USD.",
            "38,3 triệu USD",
            "export",
        ),
        # a bare "tốc độ tăng trưởng" is the economy's only in a sentence about no product
        (
            "Với tốc độ tăng trưởng hơn 10,2% trong năm 2017, đạt kim ngạch 8 tỉ USD, đồ gỗ và sản phẩm gỗ trở"
            " thành ngành hàng có kim ngạch xuất khẩu đứng thứ 6 của VN.",
            "10,2%",
            "",
        ),
        (
            "Tại buổi làm việc, UBND tỉnh Đồng Nai cho hay trong năm 2018, tình hình kinh tế toàn tỉnh tương đối"
            " tốt, tốc độ tăng trưởng đạt 8,1%, kim ngạch xuất khẩu đạt 2,6 tỉ USD (chiếm 36% cả nước).",
            "8,1%",
            "gdp",
        ),
    ],
)
def test_a_metric_named_as_a_measure_or_in_passing_is_not_the_figures(text, figure, metric):
    assert _figures(text)[figure].metric == metric


def test_what_is_measured_per_unit_of_gdp_is_no_gdp():
    text = (
        "Những chỉ tiêu kế hoạch năm 2017 được cho giao Bộ Công Thương là tốc độ tăng tổng kim ngạch xuất"
        " khẩu 6-7%, mức giảm tỷ lệ tiêu hao năng lượng trên một đơn vị GDP so với năm 2016 là 1,5%."
    )
    assert _figures(text)["1,5%"].metric != "gdp"


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        # "chỉ tiêu kế hoạch" sets targets; only achieving one ("hoàn thành chỉ tiêu kế hoạch") reports
        (
            "Những chỉ tiêu kế hoạch năm 2017 được cho giao Bộ Công Thương là tốc độ tăng tổng kim ngạch xuất"
            " khẩu 6-7%, tỷ lệ nhập siêu so với tổng kim ngạch xuất khẩu khoảng 3,5%.",
            "3,5%",
        ),
    ],
)
def test_targets_assigned_as_plan_indicators(text, figure):
    assert _figures(text)[figure].basis is Basis.PLAN


@pytest.mark.parametrize(
    ("question", "text", "figure", "title", "why_not"),
    [
        # a province's figure of a metric the nation reports is no answer for the nation
        (
            "thu ngan sach nha nuoc 5 thang dau nam 2018 dat bao nhieu",
            "Thu ngân sách trên địa bàn TP.HCM 5 tháng đầu năm 2018 đạt khoảng 4.000 tỉ đồng.",
            "4.000 tỉ đồng",
            "TP.HCM thu ngân sách",
            "khác địa phương",
        ),
        # another country's figure answers only a question that names it
        (
            "xuất khẩu gạo năm 2017 đạt bao nhiêu?",
            "Năm 2017, Thái Lan đang hướng tới xuất khẩu gạo đạt 10 triệu tấn.",
            "10 triệu tấn",
            "Gạo Thái Lan",
            "khác loại số liệu",
        ),
    ],
)
def test_a_question_that_names_no_place_asks_about_viet_nam(question, text, figure, title, why_not):
    candidate = _candidate(question, text, figure, title=title)
    assert matching.why_not(parse_question(question), candidate) == why_not


def test_thailand_aiming_at_a_figure_states_a_target():
    found = _figures("Năm 2017, Thái Lan đang hướng tới xuất khẩu gạo đạt 10 triệu tấn.")["10 triệu tấn"]
    assert found.kind == "plan" and found.place == "Thái Lan"


def test_an_amount_the_question_states_is_not_its_answer():
    question = "suất đầu tư 1 km tuyến metro số 2 TPHCM?"
    text = "Suất đầu tư cho 1 km tuyến metro số 2 TP.HCM lên tới 4.800 tỷ đồng."
    candidate = _candidate(question, text, "1 km")
    assert matching.why_not(parse_question(question), candidate) == "số đã có trong câu hỏi"


def test_the_american_dollar_is_no_trade_partner():
    text = (
        "Bờ Biển Ngà là đối tác thương mại lớn thứ 2 tại châu Phi của Việt Nam, với kim ngạch thương mại"
        " hai chiều đạt gần 1 tỉ đôla Mỹ năm 2018."
    )
    figure = _figures(text)["1 tỉ đôla Mỹ"]
    assert figure.unit.family == Currency("usd") and figure.subject.partner != "Hoa Kỳ"


@pytest.mark.parametrize(
    ("question", "text", "figure"),
    [
        # a rate of growth written as what it reached is the growth asked for
        (
            "TP.HCM tăng trưởng GDP năm 2005 đạt bao nhiêu phần trăm?",
            "Năm 2005, tốc độ tăng trưởng GDP của TP.HCM đạt 12,2%, cao nhất từ trước đến nay.",
            "12,2%",
        ),
        # a figure per worker or per person answers a plain question about a per-head metric
        (
            "Năng suất lao động toàn nền kinh tế Việt Nam năm 2017 ước đạt bao nhiêu?",
            "Năng suất lao động toàn nền kinh tế năm 2017 ước tính đạt 93,2 triệu đồng/lao động.",
            "93,2 triệu đồng/lao động",
        ),
    ],
)
def test_how_news_words_a_rate(question, text, figure):
    candidate = _candidate(question, text, figure, title="Kinh tế Việt Nam")
    assert matching.matches(parse_question(question), candidate)


def test_a_central_bank_reports_a_figure_it_does_not_own():
    text = "Theo Ngân hàng Trung ương Hàn Quốc (BOK), năm 2016 GDP của Triều Tiên tăng 3,9%."
    assert _figures(text)["3,9%"].subject.company is None


def test_the_year_so_far_is_after_the_base_it_is_compared_with():
    text = (
        "Luỹ kế từ đầu năm, lãi sau thuế của Vietnam Airlines đạt 823 tỷ đồng, giảm hơn một nửa so với"
        " nửa đầu năm 2016, cho dù doanh thu vẫn tăng 15,4% lên 40.409 tỷ đồng."
    )
    article = parse_text(
        f"Vietnam Airlines nửa đầu năm\n\n6 tháng đầu năm, hãng bay báo lãi.\n\n{text}", "a1"
    )
    found = {f.text: f for f in extract_figures(article)}["823 tỷ đồng"]
    assert found.period == Period(year=2017, months=6)


def test_a_contribution_is_a_share_not_a_change():
    text = (
        "Tăng trưởng sản xuất công nghiệp 9 tháng đã vượt chỉ tiêu cả năm, đóng góp phần lớn vào tăng trưởng"
        " chung của nền kinh tế và đóng góp tới 80% vào tăng xuất khẩu."
    )
    assert _figures(text)["80%"].measure.value == "share"


@pytest.mark.parametrize(
    ("question", "text", "figure", "title", "answers"),
    [
        # an acronym typed for words written out
        (
            "Doanh thu quý 1/2017 của HAGL?",
            "Quý I/2017, Hoàng Anh Gia Lai đạt doanh thu 824 tỷ đồng.",
            "824 tỷ đồng",
            "Kết quả kinh doanh quý I",
            True,
        ),
        (
            "Doanh thu quý 1/2017 của HAGL?",
            "Quý I/2017, Hòa Phát đạt doanh thu 824 tỷ đồng.",
            "824 tỷ đồng",
            "Kết quả kinh doanh quý I",
            False,
        ),
        # an English word is found as news writes it in Vietnamese
        (
            "How much did South Korea earn from cosmetics exports in 2017?",
            "Năm 2017, kim ngạch xuất khẩu mỹ phẩm của Hàn Quốc đạt 4,96 tỉ USD.",
            "4,96 tỉ USD",
            "Mỹ phẩm Hàn Quốc",
            True,
        ),
        (
            "How much did South Korea earn from cosmetics exports in 2017?",
            "Năm 2017, kim ngạch xuất khẩu của Hàn Quốc đạt 573,7 tỉ USD.",
            "573,7 tỉ USD",
            "Kinh tế Hàn Quốc",
            False,
        ),
    ],
)
def test_names_and_english_words_stand_in_the_sentence(question, text, figure, title, answers):
    candidate = _candidate(question, text, figure, title=title)
    assert matching.matches(parse_question(question), candidate) is answers


def test_hn_is_ha_noi():
    assert parse_question("GRDP của HN năm 2014 ước tăng bao nhiêu %?").place == "Hà Nội"


def test_a_target_named_as_the_question_names_it_comes_first():
    question = "Chỉ tiêu thu ngân sách năm 2017 giao cho Cục Hải quan TPHCM là bao nhiêu?"
    text = (
        "Từ đây đến ngày 31/12/2017, Cục Hải quan TP.HCM sẽ phấn đấu để thu ngân sách nhà nước đạt 8.500 tỷ"
        " đồng để hoàn thành chỉ tiêu Pháp lệnh 109.000 tỷ đồng, tăng 7,75% so với năm 2016."
    )
    parsed = parse_question(question)
    named, other = (
        _candidate(question, text, f, title="Hải quan TP.HCM") for f in ("109.000 tỷ đồng", "8.500 tỷ đồng")
    )
    assert matching.preference(parsed, named) > matching.preference(parsed, other)


def test_a_sentence_that_opens_on_a_part_of_the_budget_speaks_of_that_part():
    text = (
        "Thu từ hoạt động xuất nhập khẩu, sau khi thực hiện hoàn thuế giá trị gia tăng theo chế độ, thu cân"
        " đối ngân sách đạt 82.470 tỷ đồng, tăng 8,8% so với cùng kỳ năm 2017."
    )
    assert _figures(text)["82.470 tỷ đồng"].metric == "customs_revenue"


SEAFOOD_2000_2005 = (
    "Trong giai đoạn 2000-2005, ngành thủy sản đã xuất khẩu một khối lượng hàng hoá trị giá 11 tỷ USD, "
    "tăng 46,3% so với giai đoạn trước và đạt tỷ lệ tăng trưởng hàng năm gần 10%."
)
SEAFOOD_2005 = "Năm 2005, tổng giá trị kim ngạch xuất khẩu toàn ngành thủy sản đạt 2,65 tỷ USD."


@pytest.mark.parametrize(
    ("question", "period"),
    [
        (
            "Giai đoạn 2000-2005 ngành thuỷ sản xuất khẩu được bao nhiêu?",
            Period(2005, other="giai đoạn 2000-2005"),
        ),
        (
            "ca nuoc tiet kiem duoc bao nhieu dien giai doan 2011-2015",
            Period(2015, other="giai đoạn 2011-2015"),
        ),
        (
            "Kim ngạch xuất khẩu tăng bình quân bao nhiêu %/năm 2011-2017?",
            Period(2017, other="giai đoạn 2011-2017"),
        ),
    ],
)
def test_a_range_of_years_is_a_period_of_its_own(question, period):
    assert parse_question(question).period == period


@pytest.mark.parametrize(
    ("text", "figure", "answers"),
    [(SEAFOOD_2000_2005, "11 tỷ USD", True), (SEAFOOD_2005, "2,65 tỷ USD", False)],
)
def test_one_year_never_answers_for_a_range_of_years(text, figure, answers):
    question = "Giai đoạn 2000-2005 ngành thuỷ sản xuất khẩu được bao nhiêu?"
    candidate = _candidate(question, text, figure)
    assert matching.matches(parse_question(question), candidate) is answers
    assert extract_figures(parse_text(text, "d"))[0].period.label() in ("giai đoạn 2000-2005", "năm 2005")


@pytest.mark.parametrize(
    ("text", "figure", "period", "basis"),
    [
        # a plan to raise profit from one level to another starts from the year before's result
        (
            "Năm 2017, Thuỷ điện Nậm Chiến dự kiến đạt doanh thu thuần 768,6 tỷ đồng, tăng 7,5% so với thực "
            "hiện 2016, lãi sau thuế tăng từ 58,9 tỷ đồng lên 68,3 tỷ đồng.",
            "58,9 tỷ đồng",
            "năm 2016",
            "actual",
        ),
        (
            "Năm 2017, Thuỷ điện Nậm Chiến dự kiến đạt doanh thu thuần 768,6 tỷ đồng, tăng 7,5% so với thực "
            "hiện 2016, lãi sau thuế tăng từ 58,9 tỷ đồng lên 68,3 tỷ đồng.",
            "68,3 tỷ đồng",
            "năm 2017",
            "plan",
        ),
        # a level started from with its own year keeps it
        ("Tỷ lệ hộ nghèo giảm từ 9,88% năm 2015 xuống còn 7% năm 2017.", "9,88%", "năm 2015", "actual"),
    ],
)
def test_a_change_from_one_level_to_another_starts_from_the_period_before(text, figure, period, basis):
    found = next(f for f in extract_figures(parse_text(text, "d")) if f.text == figure)
    assert (found.period.label(), found.basis.value) == (period, basis)


def test_of_which_opening_a_sentence_names_a_part_of_the_total_before():
    text = (
        "Kim ngạch nhập khẩu 6 tháng đầu năm 2017 ước đạt 14.233 triệu USD, tăng 15%. "
        "Trong đó, nhập khẩu địa phương đạt 6.301 triệu USD, tăng 20,2% so cùng kỳ."
    )
    total, _, part, _ = extract_figures(parse_text(text, "d"))
    assert (total.subject.is_total, part.subject.is_total) == (True, False)
    # another metric after "trong đó" is a figure of its own
    text = "Tổng kim ngạch xuất nhập khẩu năm 2017 đạt 425 tỷ USD. Trong đó, xuất khẩu đạt 213,77 tỷ USD."
    assert extract_figures(parse_text(text, "d"))[1].subject.is_total


@pytest.mark.parametrize(
    ("question", "base"),
    [
        ("CPI tháng 10/2018 tăng bao nhiêu so với tháng 9?", "previous_month"),
        ("CPI tháng 10/2018 tăng bao nhiêu so với tháng 12?", "year_end"),
        ("CPI tháng 10/2018 tăng bao nhiêu so với tháng 5?", "another_month"),
    ],
)
def test_a_month_named_as_the_base_is_read_against_the_month_asked(question, base):
    assert parse_question(question).base == base


def test_a_change_since_december_does_not_answer_for_the_month_before():
    text = "CPI tháng 10/2018 tăng 0,33% so với tháng trước, tăng 3,54% so với tháng 12/2017."
    question = "CPI tháng 10/2018 tăng bao nhiêu so với tháng 9?"
    assert matching.matches(parse_question(question), _candidate(question, text, "0,33%"))
    assert (
        matching.why_not(parse_question(question), _candidate(question, text, "3,54%")) == "khác mốc so sánh"
    )


AGRICULTURE_2017 = (
    "Năm 2017, giá trị xuất khẩu của toàn ngành nông nghiệp đạt 36,2 tỉ USD, trong đó lĩnh vực trồng trọt "
    "18,96 tỉ USD, 7 trong số 10 mặt hàng xuất khẩu chủ lực của ngành nông nghiệp thuộc lĩnh vực trồng trọt."
)


@pytest.mark.parametrize(
    ("question", "figure", "answers"),
    [
        # a part answers the question that names it, never the total
        ("Xuất khẩu trồng trọt năm 2017 đạt bao nhiêu?", "18,96 tỉ USD", True),
        ("Xuất khẩu năm 2017 đạt bao nhiêu?", "18,96 tỉ USD", False),
    ],
)
def test_a_part_answers_only_the_question_that_names_it(question, figure, answers):
    assert (
        matching.matches(parse_question(question), _candidate(question, AGRICULTURE_2017, figure)) is answers
    )


@pytest.mark.parametrize(
    ("text", "figure", "is_total"),
    [
        (
            "Tổng số doanh nghiệp tham gia bình ổn thị trường năm 2019 là 89 doanh nghiệp, gồm 38 doanh nghiệp "
            "tham gia chương trình lương thực.",
            "38 doanh nghiệp",
            False,
        ),
        # what one sector pays into the budget is a part of its revenue
        (
            "Hoạt động xuất nhập khẩu đóng góp cho ngân sách 80.211 tỉ đồng, tăng hơn 24% so với cùng kỳ năm 2017.",
            "80.211 tỉ đồng",
            False,
        ),
        ("Thu ngân sách nhà nước quý I/2018 đạt 300.000 tỷ đồng.", "300.000 tỷ đồng", True),
        # the total is read with the metric its list carries, and a sentence without figures between
        # does not end the breakdown
        (
            "Năm ngoái, lượng vốn đầu tư mà các startup Việt Nam thu hút được tăng gấp 3 lần. "
            "Riêng 10 giao dịch hàng đầu đã mang về 734 triệu USD, như Yeah1 (100 triệu USD). "
            "Năm lĩnh vực startup thu hút nhiều vốn đầu tư nhất là fintech, e - commerce, logistics và edtech. "
            "Trong đó, fintech quay lại vị trí dẫn đầu về thu hút vốn đầu tư trong năm 2018 với 8 thương vụ, "
            "tổng giá trị 117 triệu USD.",
            "117 triệu USD",
            False,
        ),
        # each place listed after "trong đó" has a figure of its own
        (
            "Chỉ số sản xuất công nghiệp 5 tháng đầu năm 2017 của một số địa phương tăng từ 5% đến 20,5%; trong đó "
            "các tỉnh, thành phố Đà Nẵng, Thái Nguyên, Hải Phòng tăng lần lượt 10,8%, 17%, 20,5%.",
            "10,8%",
            True,
        ),
    ],
)
def test_parts_of_a_total(text, figure, is_total):
    found = next(f for f in extract_figures(parse_text(text, "d")) if f.text == figure)
    assert found.subject.is_total is is_total


@pytest.mark.parametrize(
    ("text", "figure", "metric"),
    [
        # a change right after an amount is that amount's change
        (
            "Năm 2018, cá tra có diện tích nuôi 5.400 ha (tăng 3,3% so với năm 2017), kim ngạch xuất khẩu "
            "đạt 2,26 tỷ USD (tăng 26,4%).",
            "3,3%",
            "ha",
        ),
        ("Năm 2017, sản lượng hàng hóa qua cảng đạt 43 triệu tấn, tăng 13,79%.", "13,79%", "production"),
        ("Năm 2018, kim ngạch xuất khẩu đạt 2 tỷ USD, tăng 10%.", "10%", "export"),
        # public debt is not the government's own debt
        ("Còn năm 2016, theo Bộ Tài chính, nợ công đã bằng 64,7% GDP.", "64,7%", "public_debt"),
        ("Năm 2016, nợ Chính phủ bằng 52,6% GDP.", "52,6%", "government_debt"),
        # a debt-to-GDP ratio is the debt's, not GDP's growth
        ("Tỷ lệ nợ Chính phủ/GDP tăng từ 39,3% năm 2011 lên 50,3% năm 2015.", "50,3%", "government_debt"),
    ],
)
def test_what_a_change_or_a_share_is_of(text, figure, metric):
    found = next(f for f in extract_figures(parse_text(text, "d")) if f.text == figure)
    assert found.metric == metric


@pytest.mark.parametrize(
    ("question", "metric", "keyword"),
    [
        # a question typed with diacritics keeps its words as written: "vay" is no "vậy"
        ("Cho vay khách hàng của ABBANK đến hết 6 tháng đầu năm 2019 đạt bao nhiêu?", "credit", None),
        ("Huy động từ khách hàng của ABBANK 6 tháng đầu năm 2019 đạt bao nhiêu?", "deposits", None),
        ("Quý I/2019 ngân sách nhà nước chi bao nhiêu để trả nợ lãi?", "state_spending", "trả"),
        ("Nợ Chính phủ cuối năm 2016 bằng bao nhiêu % GDP?", "government_debt", None),
    ],
)
def test_question_words_as_typed(question, metric, keyword):
    parsed = parse_question(question)
    assert parsed.metric == metric
    assert keyword is None or keyword in parsed.keywords


def test_earning_from_exports_asks_for_money():
    assert parse_question("How much did Indonesia earn from palm oil exports to the EU in 2018?").wants_money


BOT_HOAI_NHON = "Cụ thể, dự án BOT Hoài Nhơn có tổng mức đầu tư là 1.785,25 tỷ đồng (chưa quyết toán)."


@pytest.mark.parametrize(
    ("question", "answers"),
    [
        # the sentence gives the kind the question names another name; the title names the one asked
        ("Dự án BOT Cai Lậy có tổng mức đầu tư bao nhiêu?", False),
        ("Dự án BOT Hoài Nhơn có tổng mức đầu tư bao nhiêu?", True),
    ],
)
def test_a_sentence_naming_another_of_the_kind_asked_does_not_answer(question, answers):
    candidate = _candidate(question, BOT_HOAI_NHON, "1.785,25 tỷ đồng", title="BOT Cai Lậy và BOT Hoài Nhơn")
    assert (matching.why_not(parse_question(question), candidate) != "câu nêu tên khác") is answers


@pytest.mark.parametrize(
    ("text", "figure", "date", "period"),
    [
        # "năm trước" after a year the sentence names is the year before that one, not the article's
        (
            "Báo cáo cho thấy, năm 2016, tăng trưởng của APEC đạt 3,5%, giảm nhẹ so với GDP của năm trước là 3,6%.",
            "3,6%",
            "2017-05-20",
            "năm 2015",
        ),
        # "gấp đôi năm trước" compares with a base: the figure is of the year the paragraph speaks of
        (
            "Vinalines vừa công bố báo cáo tài chính năm 2016. Cụ thể, lợi nhuận sau thuế của Vinalines đạt "
            "2.148 tỷ đồng, tăng hơn gấp đôi năm trước.",
            "2.148 tỷ đồng",
            None,
            "năm 2016",
        ),
    ],
)
def test_the_year_before_is_read_against_the_year_in_force(text, figure, date, period):
    article = replace(parse_text(text, "d"), date=date)
    assert next(f for f in extract_figures(article) if f.text == figure).period.label() == period


def test_how_far_a_plan_was_met_is_not_the_amount_asked():
    text = "Kết quả 6 tháng cho thấy, cho vay khách hàng của ABBANK đạt 49.762 tỷ đồng, đạt 78% kế hoạch năm."
    question = "Cho vay khách hàng của ABBANK đến hết 6 tháng đầu năm 2019 đạt bao nhiêu?"
    assert (
        matching.why_not(parse_question(question), _candidate(question, text, "78%")) == "khác loại số liệu"
    )


def test_a_group_of_the_price_index_is_a_part_of_it():
    text = (
        "CPI tháng 4/2019 tăng 0,31% so với tháng trước. Nhóm giao thông có mức tăng cao nhất 4,29%, "
        "chủ yếu do ảnh hưởng từ 2 đợt điều chỉnh tăng giá xăng, dầu."
    )
    question = "Trong CPI tháng 4/2019, nhóm giao thông tăng bao nhiêu so với tháng 3?"
    assert parse_question(question).subject.sector == "giao thông"
    assert matching.why_not(parse_question(question), _candidate(question, text, "0,31%")) == "khác đối tượng"


@pytest.mark.parametrize(
    ("sentence", "value", "period"),
    [
        # a few days of a month are never the month, nor a few days of a year the year
        (
            "Trong số đó, chỉ 15 ngày đầu tiên của tháng 12, lượng xe hơi nguyên chiếc nhập khẩu đã tăng "
            "mạnh với 7.048 chiếc, trị giá hơn 192 triệu USD.",
            "192 triệu USD",
            Period(year=2017, other="nửa đầu tháng 12"),
        ),
        (
            "Trong 10 ngày đầu tháng 3/2018, kim ngạch xuất khẩu điện thoại đạt 1,2 tỷ USD.",
            "1,2 tỷ USD",
            Period(year=2018, other="10 ngày đầu tháng 3"),
        ),
        (
            "Chỉ trong 10 ngày cuối năm 2017, doanh nghiệp đã bán được 500 tỷ đồng hàng Tết.",
            "500 tỷ đồng",
            Period(year=2017, other="10 ngày cuối năm"),
        ),
    ],
)
def test_a_few_days_of_a_month_are_not_the_month(sentence, value, period):
    article = parse_text(f"# Nhập khẩu ô tô năm 2017\n\n{sentence}\n", "x")
    figure = next(f for f in extract_figures(article) if f.text == value)
    assert figure.period == period


COFFEE_FORECAST = (
    "Theo dự báo của Bộ Thương mại, trong quý I, cả nước xuất khẩu 220.000 tấn cà phê, đạt kim ngạch "
    "145 triệu USD, so với cùng kỳ năm ngoái giảm 20% về lượng."
)
RICE_FORECAST = "Năm 2004, dự báo xuất khẩu gạo của Thái Lan đạt trên 8,25 triệu tấn."


@pytest.mark.parametrize(
    ("question", "text", "figure", "answers"),
    [
        # a forecast is an estimate of an outcome: it answers a question that asks for the forecast …
        (
            "Theo dự báo của Bộ Thương mại, quý I/2004 cả nước xuất khẩu bao nhiêu tấn cà phê?",
            COFFEE_FORECAST,
            "220.000 tấn",
            True,
        ),
        ("Thái Lan dự báo xuất khẩu bao nhiêu tấn gạo năm 2004?", RICE_FORECAST, "8,25 triệu tấn", True),
        # … never a question about the result, nor one about a target
        ("Quý I/2004 cả nước xuất khẩu bao nhiêu tấn cà phê?", COFFEE_FORECAST, "220.000 tấn", False),
        ("Mục tiêu xuất khẩu gạo của Thái Lan năm 2004?", RICE_FORECAST, "8,25 triệu tấn", False),
    ],
)
def test_a_forecast_is_an_estimate_only_a_forecast_question_gets(question, text, figure, answers):
    candidate = _candidate(question, text, figure, title="Xuất khẩu năm 2004")
    assert candidate.figure.basis is Basis.ESTIMATE and candidate.is_forecast
    assert matching.matches(parse_question(question), candidate) is answers


@pytest.mark.parametrize(
    ("text", "figure", "metric", "partner"),
    [
        # another country's trade with Việt Nam is Việt Nam's, seen from the other side
        (
            "Mỹ tuy nhập siêu song tốc độ tăng trưởng xuất khẩu sang Việt Nam tăng nhanh ở mức 77% (gấp 4 lần tốc "
            "độ tăng của Việt Nam), xuất siêu về dịch vụ.",
            "77%",
            "import",
            "Hoa Kỳ",
        ),
        (
            "Tiếp đó là Slovakia, nhập khẩu giày dép từ Việt Nam đạt 105 triệu USD chiếm 0,65%.",
            "105 triệu USD",
            "export",
            "Slovakia",
        ),
        # what comes into Việt Nam, or leaves it, is read as written
        ("Thịt heo Mỹ nhập khẩu vào Việt Nam năm 2017 đạt 20 triệu USD.", "20 triệu USD", "import", "Hoa Kỳ"),
        ("Năm 2017, túi PE xuất khẩu từ Việt Nam đạt 300 triệu USD.", "300 triệu USD", "export", None),
    ],
)
def test_trade_with_viet_nam_is_read_from_viet_nam(text, figure, metric, partner):
    found = next(
        f for f in extract_figures(parse_text(f"# Thương mại năm 2017\n\n{text}\n", "d")) if f.text == figure
    )
    assert (found.metric, found.place, found.subject.partner) == (metric, "cả nước", partner)


@pytest.mark.parametrize(
    ("question", "metric", "partner"),
    [
        ("Năm 2018 Mỹ xuất khẩu sang Việt Nam được bao nhiêu tỷ USD?", "import", "Hoa Kỳ"),
        ("Xuất khẩu của Hoa Kỳ vào Việt Nam năm 2018 dự kiến tăng bao nhiêu %?", "import", "Hoa Kỳ"),
        ("Năm 2017 Slovakia nhập khẩu giày dép từ Việt Nam bao nhiêu?", "export", "Slovakia"),
        ("Việt Nam nhập khẩu từ Mỹ năm 2018 bao nhiêu?", "import", "Hoa Kỳ"),
    ],
)
def test_a_question_about_trade_with_viet_nam_is_asked_from_viet_nam(question, metric, partner):
    parsed = parse_question(question)
    assert (parsed.metric, parsed.place, parsed.subject.partner) == (metric, "cả nước", partner)


def test_a_range_of_years_right_before_a_figure_dates_it():
    text = (
        "Tốc độ tăng trưởng kinh tế của Việt Nam bình quân giai đoạn 2011- 2015 đạt 5,91%, năm 2016 đạt 6,2% "
        "và dự kiến năm 2017 tăng trưởng kinh tế đạt 6,7%."
    )
    figures = {f.text: f.period for f in extract_figures(parse_text(f"# Kinh tế\n\n{text}\n", "d"))}
    assert figures["5,91%"] == Period(year=2015, other="giai đoạn 2011-2015")
    assert figures["6,2%"] == Period(year=2016)


@pytest.mark.parametrize(
    ("question", "text", "figure", "answers"),
    [
        # a figure's part in another figure is not that figure's growth …
        (
            "Tăng trưởng GDP năm 2016 là bao nhiêu?",
            "Dịch vụ tăng tới 6,98% trong năm 2016, là yếu tố đóng góp lớn nhất vào tăng trưởng GDP: 2,67%.",
            "2,67%",
            False,
        ),
        # … even where its own stretch begins after the words that say so
        (
            "Tăng trưởng GDP năm 2016 là bao nhiêu?",
            "Dịch vụ là điểm sáng của nền kinh tế trong năm nay, khi khu vực này chứng kiến năm tăng trưởng thứ 3 "
            "liên tiếp, tăng tới 6,98% trong năm 2016, là yếu tố đóng góp lớn nhất vào tăng trưởng GDP: 2,67%.",
            "2,67%",
            False,
        ),
        # … nor is the size of a revision
        (
            "GDP năm 2017 tăng bao nhiêu?",
            "Năm 2017, GDP sau khi được đánh giá lại với mức tăng thêm 25,4% thì quy mô GDP có thể tăng lên "
            "275 tỉ USD.",
            "25,4%",
            False,
        ),
    ],
)
def test_a_contribution_or_a_revision_is_not_the_growth(question, text, figure, answers):
    candidate = _candidate(question, text, figure, title="Kinh tế Việt Nam")
    assert matching.matches(parse_question(question), candidate) is answers


def test_a_country_sold_to_is_the_partner_not_the_place():
    question = parse_question("Số tiền bán vũ khí cho Iraq được Hoa Kỳ chấp thuận là bao nhiêu?")
    assert (question.place, question.subject.partner) == ("Hoa Kỳ", "Iraq")


@pytest.mark.parametrize(
    ("text", "reference_year", "period"),
    [
        # a span followed by "năm nay" / "năm ngoái" is of that year …
        (
            "2 quý đầu năm ngoái, Vicem ghi nhận khoản lỗ sau thuế lên tới 669 tỷ đồng.",
            2016,
            Period(year=2015, months=6),
        ),
        (
            "Trong quý II năm nay, cả nước phấn đấu xuất khẩu đạt 8 tỷ USD.",
            2005,
            Period(year=2005, quarter=2),
        ),
        ("Tháng 5 năm ngoái, xuất khẩu đạt 20 tỷ USD.", 2018, Period(year=2017, month=5)),
        # … and with no year to count from, last year's span is no span of the year in force
        ("2 quý đầu năm ngoái, Vicem ghi nhận khoản lỗ sau thuế lên tới 669 tỷ đồng.", None, Period()),
        # a year after "năm tài chính", or closing a clause, is read
        ("Năm tài chính 2016, TTJ báo lãi sau thuế 7,4 tỷ đồng.", None, Period(year=2016)),
        ("Xuất khẩu tăng 8,1% so với cùng kỳ 2002, đạt 3,3 tỷ USD.", None, Period(year=2002)),
        # a range of dates twelve months long is that year; from 1 January, the months up to its end
        ("Từ ngày 16/12/2017 đến ngày 15/12/2018, Hải quan bắt giữ 16.633 vụ.", None, Period(year=2018)),
        ("Từ 1/1/2018 đến 30/6/2018, xuất khẩu đạt 110 tỷ USD.", None, Period(year=2018, months=6)),
        # a balance at a day is of the months up to it, or of that day
        (
            "Tính đến thời điểm 31/3/2019, tổng tài sản của HVG là 8.827 tỷ đồng.",
            None,
            Period(year=2019, months=3),
        ),
        (
            "Tại ngày 28/1/2019, tài sản của ông Vượng là 6,8 tỷ USD.",
            None,
            Period(year=2019, other="đến ngày 28/1"),
        ),
    ],
)
def test_the_year_of_a_span_is_read_however_it_is_written(text, reference_year, period):
    mentions = find_periods(text, reference_year)
    assert mentions[0].period == period


@pytest.mark.parametrize(
    ("text", "figure", "metric", "partner"),
    [
        # two-way trade worded without "thương mại", and a trading partner named as such
        (
            "Theo thống kê của Hải quan Việt Nam, tổng kim ngạch hai chiều của hai nước năm 2016 đạt gần 72 tỷ USD.",
            "72 tỷ USD",
            "total_trade",
            Unnamed.PARTNER,
        ),
        (
            "Trung Quốc luôn là đối tác thương mại lớn nhất của Việt Nam với kim ngạch xuất nhập khẩu năm 2016 đạt "
            "gần 72 tỷ USD.",
            "72 tỷ USD",
            "total_trade",
            "Trung Quốc",
        ),
    ],
)
def test_two_way_trade_is_with_a_partner(text, figure, metric, partner):
    found = next(f for f in extract_figures(parse_text(f"# Thương mại\n\n{text}\n", "d")) if f.text == figure)
    assert (found.metric, found.subject.partner) == (metric, partner)


def test_a_word_without_diacritics_in_an_article_is_that_word():
    # "lo ngại" (worry) is no "lỗ" (loss): an article is written with its diacritics
    text = "Nhiều doanh nghiệp lo ngại khi giá nguyên liệu tăng 20% trong năm 2018."
    figure = extract_figures(parse_text(f"# Kinh tế\n\n{text}\n", "d"))[0]
    assert figure.metric != "loss"


@pytest.mark.parametrize(
    ("text", "figure", "basis", "sector"),
    [
        # what the economy must reach is a target
        (
            "Với mong muốn tốc độ tăng trưởng GDP của năm đạt 8-8,5%, kim ngạch xuất khẩu phải đạt mức 28,5 tỷ USD.",
            "28,5 tỷ USD",
            Basis.PLAN,
            None,
        ),
        # services are a sector of the economy: their exports are a part of all exports
        ("Năm 2005, xuất khẩu dịch vụ đạt 5,65 tỷ USD.", "5,65 tỷ USD", Basis.ACTUAL, "dịch vụ"),
    ],
)
def test_a_target_the_economy_must_reach_and_the_services_sector(text, figure, basis, sector):
    found = next(
        f for f in extract_figures(parse_text(f"# Kinh tế 2005\n\n{text}\n", "d")) if f.text == figure
    )
    assert (found.basis, found.subject.sector) == (basis, sector)


def test_a_price_is_never_a_count_of_days():
    question = parse_question("gia xang e5 ron92 ky dieu chinh dau nam 2019")
    text = "Lo ngại trong 4 ngày giá xăng chưa kịp điều chỉnh sẽ ảnh hưởng lớn tới tình hình kinh doanh năm 2019."
    candidate = _candidate(question.text, text, "4 ngày giá", title="Giá xăng")
    assert not matching.matches(question, candidate)


def test_an_amount_said_to_be_a_share_of_a_total_is_a_part_of_it():
    text = (
        "Riêng 10 giao dịch hàng đầu đã mang về 734 triệu USD, chiếm 83% tổng giá trị thoả thuận, như Yeah1 "
        "(100 triệu USD)."
    )
    found = next(
        f
        for f in extract_figures(parse_text(f"# Startup 2018\n\n{text}\n", "d"))
        if f.text == "734 triệu USD"
    )
    assert found.subject.sector is Unnamed.PART


@pytest.mark.parametrize(
    ("question", "figure", "answers"),
    [
        # the words a part shares with its total do not name the part …
        (
            "Năm 2019 TP.HCM có bao nhiêu doanh nghiệp tham gia các chương trình bình ổn thị trường?",
            "38 doanh nghiệp",
            False,
        ),
        # … those after "gồm" that the total does not say do
        (
            "Năm 2019 TP.HCM có bao nhiêu doanh nghiệp tham gia chương trình lương thực, thực phẩm?",
            "38 doanh nghiệp",
            True,
        ),
    ],
)
def test_a_part_is_named_by_what_its_total_does_not_say(question, figure, answers):
    text = (
        "Năm 2019, tổng số doanh nghiệp tham gia 4 chương trình bình ổn thị trường là 89 doanh nghiệp, gồm 38 "
        "doanh nghiệp tham gia chương trình lương thực, thực phẩm; 11 doanh nghiệp tham gia Mùa khai giảng."
    )
    candidate = _candidate(question, text, figure, title="TP HCM bình ổn thị trường")
    assert candidate.names_its_part is answers


def test_a_figure_dated_only_by_the_same_period_before_is_no_full_year():
    text = "Ngược lại, Brazil cũng nhập khẩu từ Việt Nam 1.065 triệu USD, tăng 46% so với cùng kỳ năm 2016."
    figures = {
        f.text: f for f in extract_figures(parse_text(f"# Thương mại Việt Nam - Brazil\n\n{text}\n", "d"))
    }
    assert figures["46%"].period == Period(year=2017, kind=PeriodKind.SAME_PERIOD)
    assert (figures["1.065 triệu USD"].metric, figures["1.065 triệu USD"].subject.partner) == (
        "export",
        "Brazil",
    )


@pytest.mark.parametrize(
    "question",
    [
        # the trade of two countries with each other is one figure, never a comparison of the two
        "Việt Nam và Ấn Độ đặt mục tiêu kim ngạch thương mại hai chiều năm 2020 đạt bao nhiêu?",
        "ASEAN và Hàn Quốc đặt mục tiêu kim ngạch thương mại hai chiều năm 2020 là bao nhiêu?",
    ],
)
def test_two_countries_trading_with_each_other_are_no_comparison(question):
    assert read_series(question) is None


@pytest.mark.parametrize(
    ("text", "figure", "period"),
    [
        # the date of an event is no span the next sentences report …
        (
            "Kinh Bắc thành lập tháng 3/2002, là nhà phát triển khu công nghiệp lớn. Lãi ròng đạt 103,3 tỷ đồng, "
            "tăng 20% so với năm 2018.",
            "103,3 tỷ đồng",
            Period(year=2019),
        ),
        # … and a figure compared with a quarter is of no full year
        (
            "Kinh Bắc thành lập tháng 3/2002, là nhà phát triển khu công nghiệp lớn. Lãi ròng đạt 103,3 tỷ đồng, "
            "tăng 20% so với quý 1/2018.",
            "103,3 tỷ đồng",
            Period(),
        ),
    ],
)
def test_an_event_date_runs_into_no_figure(text, figure, period):
    found = next(f for f in extract_figures(parse_text(f"# Kinh Bắc\n\n{text}\n", "d")) if f.text == figure)
    assert found.period == period


@pytest.mark.parametrize(
    ("article", "sentence_words", "named"),
    [
        # a short name defined in brackets names the long one …
        (
            "Công ty CP Thiết bị Điện Việt Nam (GEX) vừa công bố kết quả.",
            {"gex", "doanh", "thu"},
            {"thiet", "dien"},
        ),
        ("Tổ hợp bô xít nhôm Lâm Đồng (Tân Rai) có lãi.", {"tan", "rai", "lai"}, {"bo", "xit", "nhom"}),
        # … and the long one the short one
        (
            "Công ty CP Thiết bị Điện Việt Nam (GEX) vừa công bố kết quả.",
            {"thiet", "bi", "dien", "viet", "nam"},
            {"gex"},
        ),
    ],
)
def test_a_name_and_its_short_form_name_each_other(article, sentence_words, named):
    words = with_aliases(sentence_words, defined_aliases(article))
    assert all(is_named_in(name, words) or named_in_phrase(name, words) for name in named)


def test_a_name_is_not_pieced_together_from_a_long_name_and_the_sentence():
    words = with_aliases(
        {"kbc", "loi", "nhuan", "dat"}, defined_aliases("Tổng Công ty Phát triển Đô thị Kinh Bắc (KBC)")
    )
    assert not named_in_phrase("phat dat", words)


def test_an_undated_articles_past_year_is_no_year():
    # "năm qua" in "Toàn cảnh kinh tế Việt Nam 2016" may be the year it reviews or the one before
    text = "Tốc độ tăng trưởng 6,21% phản ánh những nỗ lực không nhỏ trong năm qua."
    assert [m.period.year for m in find_periods(text, 2016)] == []
    assert [m.period.year for m in find_periods(text, 2016, 12)] == [2016]


@pytest.mark.parametrize(
    ("question", "answers"),
    [
        # a surplus is no answer to a deficit asked …
        ("Tháng 1/2017 cả nước nhập siêu bao nhiêu?", False),
        # … and answers the surplus asked
        ("Tháng 1/2017 khu vực FDI xuất siêu bao nhiêu?", True),
    ],
)
def test_a_surplus_is_no_deficit(question, answers):
    text = (
        "Cán cân thương mại hàng hóa trong tháng 01/2017 ước tính nhập siêu 100 triệu USD, trong đó khu vực kinh tế "
        "trong nước nhập siêu 1,9 tỷ USD; khu vực có vốn đầu tư nước ngoài xuất siêu 1,8 tỷ USD."
    )
    candidate = _candidate(question, text, "1,8 tỷ USD", title="Thương mại tháng 1/2017")
    assert (candidate.balance_side == "surplus") and matching._balance_side_answers(
        parse_question(question), candidate
    ) is answers


@pytest.mark.parametrize(
    ("text", "figure", "unit", "partner", "sector"),
    [
        # every country the vocabulary knows can be a market
        (
            "Kim ngạch thương mại giữa Việt Nam và Belarus năm 2016 đạt 94,5 triệu USD.",
            "94,5 triệu USD",
            "triệu USD",
            "Belarus",
            None,
        ),
        # a slip of the keyboard in a currency is read as meant
        ("Năm 2019, Vinasun thu tổng cộng 534 tỷ dồng doanh thu.", "534 tỷ dồng", "tỷ đồng", None, None),
        # an industry's figure is a part, even where its article does not name the industry
        (
            "Cụ thể, năm 2017, tổng kim ngạch xuất khẩu của ngành đã đạt trên 9 tỉ USD.",
            "9 tỉ USD",
            "tỉ USD",
            None,
            Unnamed.PART,
        ),
    ],
)
def test_markets_units_and_industries(text, figure, unit, partner, sector):
    found = next(
        f for f in extract_figures(parse_text(f"# Tin kinh tế\n\n{text}\n", "d")) if f.text == figure
    )
    assert (found.unit.text, found.subject.partner, found.subject.sector) == (unit, partner, sector)


def test_capital_added_is_a_part_of_fdi_not_its_growth():
    question = parse_question("Vốn FDI tăng thêm và mua cổ phần tính đến 20/6/2019 đạt bao nhiêu?")
    assert (question.measure, question.subject.sector) == (Measure.LEVEL, "tăng thêm")


@pytest.mark.parametrize(
    ("date", "period"),
    [
        # a whole year an article dated within it reports as done is the year so far …
        ("2017-12-12", Period(year=2017, other="đến ngày 12/12")),
        # … except in January, when "năm 2017" done is the year just ended whatever the date says, and
        # from mid-December, when the year is reviewed
        ("2017-01-13", Period(year=2017)),
        ("2017-12-27", Period(year=2017)),
    ],
)
def test_a_year_not_yet_over_is_the_year_so_far(date, period):
    text = "Năm 2017, kim ngạch xuất khẩu của TP.HCM đạt 42,01 tỷ USD, tăng 8,8% so với cùng kỳ 2016."
    article = parse_text(f"# Kim ngạch xuất nhập khẩu của TP. HCM\n\n{text}\n", "d", meta={"date": date})
    found = next(f for f in extract_figures(article) if f.text == "42,01 tỷ USD")
    assert found.period == period


@pytest.mark.parametrize(
    ("text", "figure", "period"),
    [
        # a period opening "Trong khi …" is set against the one in force, which goes on
        (
            "Doanh thu bán hàng quý 4/2016 chưa đến 37 tỷ đồng. Trong khi quý 4/2015 có giá vốn hàng bán cao"
            " hơn cả doanh thu bán ra, thì năm 2016 công ty vẫn dành được gần 7,5 tỷ đồng lợi nhuận gộp."
            " Ngoài ra, cả quý công ty lỗ 92,6 tỷ đồng.",
            "92,6 tỷ đồng",
            Period(year=2016, quarter=4),
        ),
        # a later year that opens the next figure's clause is that figure's
        (
            "Bộ Thương mại dự báo, năm nay, kim ngạch xuất khẩu của VN vào UAE có thể đạt 90 triệu USD, năm"
            " 2005 là 130 triệu USD.",
            "130 triệu USD",
            Period(year=2005),
        ),
    ],
)
def test_which_period_goes_on(text, figure, period):
    assert _figures(text)[figure].period == period


def test_an_unknown_this_year_takes_no_year_from_the_sentences_before():
    """Undated: "năm nay" names a year nothing says, so the figure is of no known year, not 2003's."""
    text = (
        "Quý II năm nay, Cục xúc tiến thương mại (Bộ Thương mại) sẽ khai trương Trung tâm giới thiệu hàng VN"
        " tại Các tiểu vương quốc Ả rập thống nhất (UAE) ở Dubai để hỗ trợ doanh nghiệp xuất khẩu. Đây được"
        " coi là cơ hội để các doanh nghiệp thâm nhập nhiều hơn nữa thị trường tiềm năng này.\n"
        "UAE có nền kinh tế lớn thứ 3 và là thị trường có sức mua cao nhất trong toàn khối Ả rập.\n"
        "Năm 2003, kim ngạch xuất khẩu của VN sang UAE đạt 60 triệu USD, tăng 40% so với năm 2002.\n"
        "Bộ Thương mại dự báo, năm nay, kim ngạch xuất khẩu của VN vào UAE có thể đạt 90 triệu USD, năm"
        " 2005 là 130 triệu USD."
    )
    article = parse_text(text, "t", meta={"title": "Đẩy mạnh xuất khẩu sang UAE"})
    found = {f.text: f for f in extract_figures(article)}
    assert found["90 triệu USD"].period.year is None


@pytest.mark.parametrize(
    ("text", "figure", "measure"),
    [
        # a range is read from its first number: the change cue before it reaches it
        (
            "Tổng sản lượng hạt điều thô sản xuất của cả nước chỉ tăng nhẹ khoảng 20.000-30.000 tấn so với"
            " năm 2003.",
            "30.000 tấn",
            Measure.CHANGE,
        ),
    ],
)
def test_a_range_is_measured_from_its_start(text, figure, measure):
    assert _figures(text)[figure].measure is measure


@pytest.mark.parametrize(
    ("question", "metric"),
    [
        ("Sản lượng gạo xuất khẩu năm 2017 bao nhiêu tấn?", "export"),
        ("nam 2004 vn xuat khau bao nhieu tan nhan dieu", "export"),
        ("sản lượng cà phê năm 2018", "production"),
    ],
)
def test_tonnes_produced_are_not_tonnes_exported(question, metric):
    assert parse_question(question).metric == metric


@pytest.mark.parametrize(
    ("question", "place", "partner", "names"),
    [
        # a ticker typed first is a company's name the figure must mention
        ("TH1 quy 4/2015 lo bao nhieu ty", None, None, ("th1",)),
        # a one-syllable country after a capitalised word ends a company's name
        (
            "Doanh thu thuần quý I/2017 của Hoàng Anh Gia Lai là bao nhiêu?",
            None,
            None,
            ("anh", "hoang", "gia"),
        ),
        ("GDP Anh năm 2016", "Anh", None, ()),
        # "giữa X và <country>": the country is the partner, whatever X is
        ("Năm 2017 kim ngạch XNK giữa tp.hcm và Mỹ là bao nhiêu?", "TP Hồ Chí Minh", "Hoa Kỳ", ()),
    ],
)
def test_names_places_and_partners_a_question_gives(question, place, partner, names):
    parsed = parse_question(question)
    assert (parsed.place, parsed.subject.partner, parsed.names) == (place, partner, names)


@pytest.mark.parametrize(
    ("text", "figure", "place"),
    [
        # the whole a place is ranked in, or its share is of, is not where the figure is
        (
            "Bến Tre được mệnh danh là thủ phủ của dừa với diện tích lớn nhất cả nước, trên 70.000 ha, chiếm"
            " 40% diện tích trồng dừa cả nước với 163.000 hộ trồng.",
            "163.000 hộ",
            "Bến Tre",
        ),
        (
            "Về TP HCM, Bí thư Thành uỷ thông tin rằng đây là trung tâm kinh tế lớn nhất của Việt Nam, kim"
            " ngạch xuất nhập khẩu giữa thành phố và Mỹ đạt 8,2 tỷ USD trong năm 2017.",
            "8,2 tỷ USD",
            "TP Hồ Chí Minh",
        ),
    ],
)
def test_a_place_ranked_within_is_not_the_figures(text, figure, place):
    assert _figures(text)[figure].place == place


def test_the_trade_of_a_city_with_a_country_is_one_figure_not_a_comparison():
    from answer.series import read_series

    assert read_series("Năm 2017 kim ngạch XNK giữa tp.hcm và Mỹ là bao nhiêu?") is None


@pytest.mark.parametrize(
    ("question", "metric", "partner"),
    [
        # a country paired with Việt Nam where two-way trade is named is the partner
        (
            "Việt Nam và Israel đặt mục tiêu nâng kim ngạch thương mại song phương lên bao nhiêu?",
            "total_trade",
            "Israel",
        ),
        # "ngoại thương" is all trade with the world, or with one partner
        ("Kim ngạch ngoại thương giữa Việt Nam và Hungary năm 2003 đạt bao nhiêu?", "total_trade", "Hungary"),
        # two exporters side by side are no pair of partners
        ("Việt Nam và Thái Lan xuất khẩu gạo năm 2017", "export", None),
    ],
)
def test_a_country_paired_with_viet_nam_in_trade_is_its_partner(question, metric, partner):
    parsed = parse_question(question)
    assert (parsed.metric, parsed.subject.partner) == (metric, partner)


def test_a_span_without_its_year_takes_the_year_its_sentence_named():
    text = (
        "Về tăng trưởng kinh tế quý 1-2017, đại biểu Phạm Phú Quốc cho rằng, tăng trưởng quý 1 luôn có sự liên"
        " đới với cả năm, với mức tăng trưởng 5,1% của quý 1, cả năm có thể chỉ đạt tăng trưởng GDP ở mức 6,3%."
    )
    article = parse_text(text, "t", meta={"title": "Tăng trưởng kinh tế", "date": "2016-06-01"})
    found = {f.text: f for f in extract_figures(article)}
    assert found["5,1%"].period == Period(year=2017, quarter=1)


def test_the_metric_of_a_cause_is_not_the_metric_of_its_result():
    text = (
        "Do lỗ nặng nên vốn kinh doanh của công ty bị thâm hụt, cân đối đến ngày 31-12-2004 đã bị âm hơn"
        " 7,3 tỉ đồng."
    )
    assert _figures(text)["7,3 tỉ đồng"].metric != "loss"


def test_a_shareholders_meeting_is_no_company():
    text = (
        "Mục tiêu của Đại hội đồng cổ đông BIDV đề ra: Lợi nhuận trước thuế hợp nhất năm 2018 phấn đấu đạt"
        " 9.300 tỷ đồng."
    )
    assert _figures(text)["9.300 tỷ đồng"].subject.company != "Đại"


def test_a_company_named_with_the_country_still_asks_about_viet_nam():
    parsed = parse_question("Năm 2018 Honda Việt Nam bán được bao nhiêu xe máy?")
    assert (parsed.place, parsed.names) == ("cả nước", ("honda",))


def test_an_abbreviation_with_a_dot_does_not_end_the_sentence():
    text = (
        "Cuối ngày làm việc 29-12, Cục Hải quan TP. HCM cho biết số thu ngân sách của đơn vị đã về đích ngoạn"
        " mục, với kết quả 108.020 tỉ đồng, đạt 100,02% chỉ tiêu kế hoạch."
    )
    figure = _figures(text)["108.020 tỉ đồng"]
    assert (figure.place, figure.subject.company) == ("TP Hồ Chí Minh", Unnamed.COMPANY)


@pytest.mark.parametrize(
    ("text", "figure", "period"),
    [
        # the period opens what a sentence says, after the source it opens with
        (
            "Theo thống kê của Cục Hải quan TP. HCM, trong 6 tháng đầu năm 2019, TP. HCM đã chi hơn 10 triệu"
            " USD để nhập 5.648 tấn thịt heo.\nTrong đó, Bỉ 238 tấn với kim ngạch 620 ngàn USD.",
            "620 ngàn USD",
            Period(year=2019, months=6),
        ),
        # or after the speech it quotes
        (
            "Trong tháng 1 và 2/2018, hầu như không có chiếc xe nào được nhập khẩu.\nMột lãnh đạo cục Hải quan"
            " TP. HCM cho biết: “Hết tháng 6, qua cảng Hiệp Phước, lượng xe nhập khẩu đã đạt gần 5.000 xe.\n"
            "Trong số này có gần 4.300 xe được nhập về từ khu vực ASEAN.",
            "4.300 xe",
            Period(year=2018, months=6),
        ),
    ],
)
def test_a_period_opens_a_sentence_after_its_source(text, figure, period):
    article = parse_text(text, "t", meta={"title": "Nhập khẩu qua TP. HCM", "date": f"{period.year}-07-15"})
    assert {f.text: f for f in extract_figures(article)}[figure].period == period


def test_fish_caught_and_fish_farmed_are_two_branches():
    text = (
        "Sản lượng nuôi trồng thủy sản 6 tháng đầu năm đạt 1,69 triệu tấn. Ước tính sản lượng khai thác thủy"
        " sản 6 tháng đầu năm 2017 đạt 1,6 triệu tấn."
    )
    found = _figures(text)
    asked = parse_question("san luong khai thac thuy san nua dau nam 2017 dat bao nhieu")
    assert (found["1,69 triệu tấn"].subject.sector, found["1,6 triệu tấn"].subject.sector) == (
        "nuôi trồng",
        "khai thác",
    )
    assert asked.subject.sector == "khai thác"


def test_what_a_target_is_likely_to_reach_is_a_forecast_not_the_target():
    text = (
        "Năm 2018, Cục Hải quan được giao dự toán pháp lệnh là 108.000 tỷ đồng, nhưng nhiều tác động làm cho"
        " khả năng thu ngân sách Nhà nước của TP. HCM chỉ đạt vào khoảng 100.000 tỷ đồng."
    )
    assert _figures(text)["100.000 tỷ đồng"].basis is Basis.ESTIMATE


@pytest.mark.parametrize(
    ("question", "currency"),
    [
        ("Năm tài khóa 2015 Nhật Bản cam kết cho VN vay ODA bao nhiêu USD?", "usd"),
        ("Xuất khẩu năm 2017 đạt bao nhiêu tỷ USD?", "usd"),
        ("Nhật Bản cho vay bao nhiêu yên?", "jpy"),
    ],
)
def test_a_question_that_names_a_currency_asks_for_that_currency(question, currency):
    asked = parse_question(question).unit
    assert asked is not None and asked.unit is not None and asked.unit.family == Currency(currency)


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        # the ministry's name holds "kế hoạch" and sets no target
        (
            "Theo Bộ Kế hoạch và Đầu tư, sản xuất xe gắn máy ở trong nước 8 tháng qua tăng mạnh, đạt 892.700 xe,"
            " tăng 52% so với cùng kỳ năm 2003.",
            "892.700 xe",
        ),
        (
            "Các chuyên gia kinh tế Bộ Kế hoạch và Đầu tư cho biết vốn đăng ký của 122 dự án trong các năm"
            " 2001-2004 đạt 200 triệu USD.",
            "122 dự án",
        ),
    ],
)
def test_the_planning_ministry_sets_no_target(text, figure):
    assert _figures(text)[figure].basis is Basis.ACTUAL


US_TRADE = (
    "Sau khi hai nước bình thường hoá quan hệ vào năm 1995, kim ngạch thương mại hai chiều tăng từ 451 triệu"
    " USD năm 1995 lên đến 52 tỷ USD năm 2016, biến Việt Nam trở thành một trong những thị trường xuất khẩu"
    " tăng trưởng nhanh nhất của Mỹ."
)


@pytest.mark.parametrize(
    ("question", "answers"),
    [
        # a partner's trade placed nowhere is Việt Nam's
        ("Năm 1995 khi VN và Mỹ bình thường hóa quan hệ, kim ngạch thương mại hai chiều là bao nhiêu?", True),
        # but it tells nothing of Việt Nam's trade with the world
        ("Kim ngạch xuất nhập khẩu của Việt Nam năm 1995 là bao nhiêu?", False),
    ],
)
def test_a_partners_trade_placed_nowhere_is_viet_nams(question, answers):
    candidate = _candidate(question, US_TRADE, "451 triệu USD", title="Quan hệ Việt - Mỹ")
    assert matching.matches(parse_question(question), candidate) is answers


def test_the_sentence_before_a_figure_may_name_its_province():
    text = (
        "Tại Cà Mau, chỉ thống kê 2 công ty của Tập đoàn Phú Cường cũng minh chứng sự sa sút nặng nề.\n"
        "Trong năm 2005, kim ngạch xuất khẩu 74,3 triệu USD nhưng năm 2014 chỉ còn hơn 5 triệu USD."
    )
    candidate = _candidate("Cà Mau xuất khẩu năm 2005?", text, "74,3 triệu USD", title="Đại gia thuỷ sản")
    assert "Cà Mau" in candidate.places_named
