"""Whether a figure answers a question, table by table: real sentences are read by the extractor, then
weighed against parsed questions by the pure functions of `answer.matching`."""

from __future__ import annotations

import pytest

from answer import matching
from answer.asked_unit import AskedUnit
from answer.matching import Candidate
from answer.question import parse_question
from corpus.areas import names_area
from corpus.articles import parse_text
from corpus.figures import antecedent, extract_figures, own_words
from corpus.model import Article, Figure
from corpus.names import is_named_in
from corpus.numbers import parse_unit
from corpus.text import folded_words
from corpus.vocabulary import vocabulary
from tests.real_sentences import (
    CALEDONIA_GROWTH,
    CALEDONIA_PROVINCES_GROWTH,
    HERDS,
    PARIS_RICH,
    TOXINS,
    WIRETAPS,
)


class OneArticle:
    """The text around figures for a single article: what the index's catalog gives the matcher."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.figures = extract_figures(article)

    def quote_of(self, figure: Figure) -> str:
        return self.article.text[figure.sentence_start : figure.sentence_end]

    def words_of(self, figure: Figure) -> str:
        same_sentence = [f for f in self.figures if f.sentence_start == figure.sentence_start]
        return own_words(self.article, same_sentence, figure)

    def keyword_weights(self, keywords: tuple[str, ...]) -> dict[str, float]:
        return dict.fromkeys(keywords, 1.0)  # one article tells nothing of how rare a word is

    def naming_words(self, figure: Figure) -> set[str]:
        referred = antecedent(self.article.text, figure)
        return folded_words(f"{self.article.title}\n{referred}{self.quote_of(figure)}")

    def article_of(self, figure: Figure) -> Article:
        return self.article

    def sentence_metrics(self, figure: Figure) -> set[str]:
        return {m.key for m in vocabulary().metric_matcher.find(self.quote_of(figure), as_typed=True)}


def _candidate(question: str, text: str, figure_text: str, title: str = "Tin kinh tế") -> Candidate:
    context = OneArticle(parse_text(f"{title}\n\n{text}", "a1"))
    figure = next(f for f in context.figures if f.text == figure_text)
    return Candidate(context, parse_question(question), figure, similarity=0.8)


BAC_NINH = "Năm 2020, kim ngạch xuất khẩu của Bắc Ninh đạt 38.905 triệu USD, tăng 9,4% so với năm 2019."
FIVE_MONTHS = "5 tháng đầu năm 2017, tổng thu ngân sách trên địa bàn tỉnh Bắc Ninh đạt 11.300 tỷ đồng."
RICE = "Năm 2018, xuất khẩu gạo của Việt Nam đạt 3,06 tỷ USD; tổng kim ngạch xuất khẩu đạt 243,5 tỷ USD."
TARGET = "Đến năm 2025, tỉnh Bắc Ninh phấn đấu kim ngạch xuất khẩu đạt 60 tỷ USD."
PRICE = "Năm 2019, giá gạo xuất khẩu bình quân đạt 418 USD/tấn, kim ngạch đạt 2,8 tỷ USD."
COUNTS = "Năm 2019, Sở Công Thương Bắc Ninh trao Giấy khen cho 26 cá nhân, 6 tập thể."
ARAUCARIA = "Ngoài ra, trong số 35 loài Araucaria được phát hiện, có 13 loài đặc hữu."
URBAN = "Xấp xỉ 80% người Canada sống tại các khu vực đô thị tập trung tại hành lang Québec – Windsor."
BERLIN = "Năm 2005, tại Berlin, các con số ước tính từ 4.000 tới 10.000 người trên tổng số 3,5 triệu dân."
VACCINE = "Năm nước tuyên bố cam kết chung cho một dự án 1,5 tỷ đô la Mỹ nhằm giúp phát triển vắc-xin."
URANIUM = "Tỷ lệ ung thư trong số 19.000 công nhân tiếp xúc với urani không cao hơn."
FRENCH = (
    "Theo điều tra năm 2009, 97,3% dân số từ 15 tuổi trở lên có thể nói, đọc và viết tiếng Pháp, "
    "trong khi chỉ 1,1% tường trình rằng họ không có kiến thức về tiếng Pháp."
)
KANAK = (
    "Năm 1878, tù trưởng Atal của La Foa phát động chiến tranh du kích, "
    "khiến 200 người Pháp và 1.000 người Kanak thiệt mạng."
)
OSSETIA = (
    "Nam Ossetia bao phủ khoảng 3.900 km² ở phần phía nam Kavkaz, nhiều núi non, "
    "đa số diện tích vùng núi nằm ở độ cao 1.000 m trên mực nước biển."
)
PROVINCES = "Trong đó, 17.436 người sống tại tỉnh Quần đảo Loyauté, 45.137 người sống tại tỉnh Bắc."
HOMELESS = "Con số đó ở nam giới là 22%, và 57% đàn ông vô gia cư trong khoảng 31 tới 50 tuổi."
PENSION = "Hiện nay, mức hưởng lương hưu tối đa là 75% cho nam nghỉ hưu ở tuổi 60, nữ ở tuổi 55."
CENSUS = "Theo điều tra nhân khẩu vào năm 2014, dân số Nouvelle-Calédonie đạt 268.767."
WEDDING = "Tháng 5 năm 1882, vào tuổi 13, ông cưới cô Kasturba Makharji, 14 tuổi, qua một sự mai mối."
AIRBUS = "Hãng sản xuất máy bay Airbus ký biên bản ghi nhớ trị giá 3,1 tỷ USD bán 24 chiếc máy bay A321 cho Việt Nam."
F15 = (
    "Cũng trong ngày hôm đó, 48 chiếc F-15 thuộc Không lực Hoa Kỳ từ Căn cứ không quân Langley, Virginia, "
    "đã hạ cánh xuống Ả Rập Xê Út."
)
MONTREAL = "Trước 1975, cộng đồng người Việt ở Montréal chỉ độ 100 người, đa số là sinh viên du học."
MITTERRAND = (
    "Nó gồm nhiều kế hoạch quốc hữu hoá, tăng 10% lương tối thiểu (SMIC), làm việc 39 giờ mỗi tuần, 5 tuần "
    "nghỉ mỗi năm, việc tạo lập thuế đoàn kết trên tài sản."
)
PROPOSAL = "Năm 2019, Hiệp hội Dệt may đề xuất kim ngạch xuất khẩu của ngành đạt 40 tỷ USD."
NICKEL = (
    "Tăng trưởng GDP thực là 3,8% vào năm 2010 và 3,2% vào năm 2011, nhờ vào giá niken trên thế giới "
    "tăng lên và nhu cầu nội địa gia tăng."
)
MONGOLIA = "Tỷ lệ tăng trưởng dân số của Mông Cổ ở mức 1.2% (ước tính 2007)."
TRIANGLE = (
    "Ba xa lộ liên tiểu bang định ra vùng Tam giác đô thị Texas. Vùng này có diện tích 60.000 dặm vuông "
    "Anh (160.000 km2) và bao gồm hầu hết các thành phố lớn nhất của bang, với 17 triệu cư dân hay gần "
    "75% dân số toàn bang."
)
HISPANIC = (
    "Người gốc Mỹ Latinh hoặc Iberia là nhóm cư dân lớn thứ hai tại Texas. Có trên 8,5 triệu người "
    "tuyên bố rằng mình thuộc nhóm dân cư này, chiếm 36% dân cư Texas. Có trên 1,1 triệu người (4,7% cư "
    "dân) có tổ tiên Mỹ Latinh khác nhau, như người Costa Rica, Venezuela, và Argentina."
)
HESSEN = (
    "Từ năm 1992 tới nay, bang Hessen cấp khoảng 110 suất học bổng mỗi năm cho các sinh viên, học sinh xuất "
    "sắc tại các trường Đại học, Cao đẳng và Trung học của Việt Nam thông qua tổ chức Hỗ trợ đại học Việt Nam "
    "(WUS)."
)
ORIGINS = (
    "Có khoảng 600.000 người Mỹ gốc Pháp và 472.000 người Mỹ gốc Ý sinh sống tại Texas; hai nhóm dân "
    "tộc này tương ứng chiếm 2,5% và 2,0% cư dân."
)


DOMESTIC_REVENUE = "Trong đó, tổng thu nội địa 5 tháng đầu năm 2018 đạt hơn 442.000 tỷ đồng."
VINACHEM_LOSS = "Năm 2016, Vinachem báo lỗ 895 tỷ đồng, trong đó Công ty mẹ lỗ 1.337 tỷ đồng."
PER_HEAD = (
    "GDP bình quân đầu người năm 2005 tính bằng USD theo tỷ giá hối đoái đã đạt 638 USD, vượt khá xa so với"
    " mức 288 USD của năm 1995 và 402 USD của năm 2000."
)
HDI = "Năm 1998, Chỉ số Phát triển Con người của Puerto Rico đạt 0,942 điểm, con số cao nhất vùng Mỹ Latinh."
EXPORT_AVERAGE = (
    "Cùng với nguồn thu nội địa, kim ngạch xuất khẩu 6 tháng đầu năm tăng trưởng khá, đạt 14,44 tỷ USD, bình "
    "quân 1 tháng gần 2,4 tỷ USD, cao hơn mức bình quân 2,05 tỷ USD 6 tháng đầu năm 2004."
)
VIB_HOLDING = (
    "Ông Đặng Khắc Vỹ đang sở hữu 28,163 triệu cổ phiếu VIB với tổng giá trị 848 tỷ đồng, tăng mạnh 78% trong năm "
    "Đinh Dậu."
)
REMAINING_RICH = (
    "Trong Top 10 người giàu nhất sàn chứng khoán Việt, ngoại trừ ông Trịnh Văn Quyết, Chủ tịch Tập đoàn FLC, "
    "Công ty cổ phần xây dựng FLC Faros có tài sản giảm thì 9 người còn lại, tài sản tăng hàng chục, thậm chí hàng "
    "nghìn tỷ đồng."
)


@pytest.mark.parametrize(
    ("question", "text", "figure", "answers"),
    [
        ("Kim ngạch xuất khẩu của Bắc Ninh năm 2020 là bao nhiêu?", BAC_NINH, "38.905 triệu USD", True),
        # another year, another place, a change for a level
        ("Kim ngạch xuất khẩu của Bắc Ninh năm 2019 là bao nhiêu?", BAC_NINH, "38.905 triệu USD", False),
        ("Kim ngạch xuất khẩu của Hà Nội năm 2020 là bao nhiêu?", BAC_NINH, "38.905 triệu USD", False),
        ("Kim ngạch xuất khẩu của Bắc Ninh năm 2020 tăng bao nhiêu phần trăm?", BAC_NINH, "9,4%", True),
        ("Kim ngạch xuất khẩu của Bắc Ninh năm 2020 là bao nhiêu?", BAC_NINH, "9,4%", False),
        # a span answers only the same span
        ("Thu ngân sách Bắc Ninh 5 tháng đầu năm 2017 đạt bao nhiêu?", FIVE_MONTHS, "11.300 tỷ đồng", True),
        ("Thu ngân sách Bắc Ninh năm 2017 đạt bao nhiêu?", FIVE_MONTHS, "11.300 tỷ đồng", False),
        # a commodity's export is not the total, and the total is not the commodity's
        ("Xuất khẩu gạo của Việt Nam năm 2018 đạt bao nhiêu?", RICE, "3,06 tỷ USD", True),
        ("Kim ngạch xuất khẩu của Việt Nam năm 2018 đạt bao nhiêu?", RICE, "3,06 tỷ USD", False),
        ("Kim ngạch xuất khẩu của Việt Nam năm 2018 đạt bao nhiêu?", RICE, "243,5 tỷ USD", True),
        # a target answers only a question about the target
        ("Kim ngạch xuất khẩu của Bắc Ninh năm 2025 là bao nhiêu?", TARGET, "60 tỷ USD", False),
        ("Mục tiêu kim ngạch xuất khẩu của Bắc Ninh năm 2025 là bao nhiêu?", TARGET, "60 tỷ USD", True),
        # a price per tonne answers a price question, never an amount question
        ("Giá gạo xuất khẩu năm 2019 bao nhiêu USD/tấn?", PRICE, "418 USD/tấn", True),
        ("Kim ngạch xuất khẩu gạo năm 2019 đạt bao nhiêu?", PRICE, "418 USD/tấn", False),
        # counts: the asked noun only
        ("Có bao nhiêu tập thể được trao giấy khen năm 2019?", COUNTS, "6 tập thể", True),
        ("Có bao nhiêu tập thể được trao giấy khen năm 2019?", COUNTS, "26 cá nhân", False),
        # no metric of the lexicon: the question's words say what the answer is and which figure
        ("Có bao nhiêu loài Araucaria được phát hiện?", ARAUCARIA, "35 loài", True),
        ("Dân số sống ở các đô thị chiếm bao nhiêu phần trăm?", URBAN, "80%", True),
        ("Dân số sống ở các đô thị là bao nhiêu?", URBAN, "80%", False),  # people, not a percentage
        ("Dân số của Berlin năm 2005 là bao nhiêu?", BERLIN, "3,5 triệu dân", True),
        ("Kinh phí của dự án phát triển vắc-xin là bao nhiêu?", VACCINE, "1,5 tỷ đô la Mỹ", True),
        ("Có bao nhiêu công ty tiếp xúc với urani?", URANIUM, "19.000 công nhân", False),
        # a size is answered by its own units only: a height in metres, not an area
        ("Độ cao chủ yếu của vùng núi Nam Ossetia là bao nhiêu?", OSSETIA, "1.000 m", True),
        ("Độ cao chủ yếu của vùng núi Nam Ossetia là bao nhiêu?", OSSETIA, "3.900 km²", False),
        # a word typed with diacritics is found only with them: "vợ" is not "vô", "ông" not "đàn ông"'s
        ("Ông cưới vợ lúc mấy tuổi?", HOMELESS, "50 tuổi", False),
        # a bare number counted by the noun that governs it; an age written before its number
        ("Dân số của Nouvelle-Calédonie là bao nhiêu vào năm 2014?", CENSUS, "268.767", True),
        ("Dân số của Nouvelle-Calédonie là bao nhiêu vào năm 2009?", CENSUS, "268.767", False),
        ("Ông cưới cô Kasturba Makharji lúc mấy tuổi?", WEDDING, "tuổi 13", True),
        ("Ông cưới cô Kasturba Makharji lúc mấy tuổi?", WEDDING, "14 tuổi", False),  # hers
        # a classifier's count answers for what it classifies, never for another thing
        ("Airbus ký biên bản ghi nhớ bán bao nhiêu máy bay A321?", AIRBUS, "24 chiếc", True),
        ("Airbus ký biên bản ghi nhớ bán bao nhiêu xe?", AIRBUS, "24 chiếc", False),
        # a figure placed nowhere answers for another country its sentence names, never for a province
        ("Bao nhiêu chiếc F-15 của Hoa Kỳ đã hạ cánh xuống Ả Rập Xê Út?", F15, "48 chiếc", True),
        ("Bao nhiêu chiếc F-15 của Nga đã hạ cánh xuống Ả Rập Xê Út?", F15, "48 chiếc", False),
        ("Hà Nội có bao nhiêu chiếc F-15?", F15, "48 chiếc", False),
        # the time before a year answers a question about that time, not about the year
        ("Số lượng người Việt ở Montréal trước 1975 là khoảng bao nhiêu?", MONTREAL, "100 người", True),
        ("Số lượng người Việt ở Montréal năm 1975 là khoảng bao nhiêu?", MONTREAL, "100 người", False),
        # a proposal is a plan, not a result: it answers a question about the proposal only
        ("Hiệp hội Dệt may đề xuất kim ngạch xuất khẩu năm 2019 bao nhiêu?", PROPOSAL, "40 tỷ USD", True),
        ("Kim ngạch xuất khẩu năm 2019 của ngành dệt may đạt bao nhiêu?", PROPOSAL, "40 tỷ USD", False),
        # a rate of growth, named in the figure's clause, is a change: a growth question's answer
        ("Năm 2010 tăng trưởng GDP là bao nhiêu?", NICKEL, "3,8%", True),
        ("Năm 2010 GDP là bao nhiêu?", NICKEL, "3,8%", False),
        ("Tốc độ tăng trưởng dân số của Mông Cổ là bao nhiêu?", MONGOLIA, "1.2%", True),
        ("Tốc độ tăng trưởng kinh tế của Mông Cổ là bao nhiêu?", MONGOLIA, "1.2%", False),
        # a size asked in a unit it names: that unit ("dặm vuông Anh" is a unit, not England)
        (
            "Diện tích của vùng Tam giác đô thị là bao nhiêu dặm vuông Anh?",
            TRIANGLE,
            "60.000 dặm vuông",
            True,
        ),
        ("Diện tích của vùng Tam giác đô thị là bao nhiêu dặm vuông Anh?", TRIANGLE, "160.000 km2", False),
        ("Diện tích của vùng Tam giác đô thị là bao nhiêu?", TRIANGLE, "160.000 km2", True),
        # "vùng này" refers back: the sentence before names what the figure is about
        ("Vùng Tam giác đô thị Texas chiếm bao nhiêu phần trăm dân số toàn bang?", TRIANGLE, "75%", True),
        # a named area's figure answers a question that names the area, never one about the whole
        ("Mức tăng trưởng dân số là bao nhiêu?", CALEDONIA_GROWTH, "1,7%", True),
        ("Mức tăng trưởng dân số là bao nhiêu?", CALEDONIA_PROVINCES_GROWTH, "2,3%", False),
        ("Tăng trưởng dân số ở tỉnh Nam là bao nhiêu?", CALEDONIA_PROVINCES_GROWTH, "2,3%", True),
        ("Tăng trưởng dân số ở tỉnh Bắc là bao nhiêu?", CALEDONIA_PROVINCES_GROWTH, "2,3%", False),
        ("Ở Quận 7, tỷ lệ sống dưới mức nghèo khổ là bao nhiêu?", PARIS_RICH, "7%", True),
        ("O quan 7, ty le song duoi muc ngheo kho la bao nhieu?", PARIS_RICH, "7%", True),
        ("Ở Quận 6, tỷ lệ sống dưới mức nghèo khổ là bao nhiêu?", PARIS_RICH, "7%", False),
        ("Ở thành phố, tỷ lệ sống dưới mức nghèo khổ là bao nhiêu?", PARIS_RICH, "7%", False),
        # a name that tells the area by itself is enough: "Hessen" for "bang Hessen"
        ("Hessen cấp bao nhiêu suất học bổng mỗi năm?", HESSEN, "110 suất học", True),
        # a figure per head answers a question per head, never one about the whole economy
        ("GDP bình quân đầu người năm 2005 là bao nhiêu?", PER_HEAD, "638 USD", True),
        ("GDP đầu người năm 2005 là bao nhiêu?", PER_HEAD, "638 USD", True),
        ("GDP năm 2005 là bao nhiêu?", PER_HEAD, "638 USD", False),
        # an index asked by its acronym is found written out
        ("Chỉ số HDI của Puerto Rico đạt bao nhiêu điểm vào năm 1998?", HDI, "0,942 điểm", True),
        ("Chỉ số HDI của Puerto Rico đạt bao nhiêu điểm vào năm 1999?", HDI, "0,942 điểm", False),
        # a part of the budget's revenue is not the whole
        ("Thu ngân sách 5 tháng đầu năm 2018 là bao nhiêu?", DOMESTIC_REVENUE, "442.000 tỷ đồng", False),
        ("Thu nội địa 5 tháng đầu năm 2018 là bao nhiêu?", DOMESTIC_REVENUE, "442.000 tỷ đồng", True),
        # a loss is not a profit
        ("Vinachem lỗ bao nhiêu năm 2016?", VINACHEM_LOSS, "895 tỷ đồng", True),
        ("Lợi nhuận của Vinachem năm 2016 là bao nhiêu?", VINACHEM_LOSS, "895 tỷ đồng", False),
        # an average is no total of any span; it answers a question about the average
        ("Kim ngạch xuất khẩu 6 tháng đầu năm 2004 là bao nhiêu?", EXPORT_AVERAGE, "2,05 tỷ USD", False),
        (
            "Kim ngạch xuất khẩu bình quân mỗi tháng năm 2004 là bao nhiêu?",
            EXPORT_AVERAGE,
            "2,05 tỷ USD",
            True,
        ),
        ("Kim ngạch xuất khẩu 6 tháng đầu năm 2004 là bao nhiêu?", EXPORT_AVERAGE, "2,4 tỷ USD", False),
        # a count answers only a question that names what it counts
        ("Tài sản ông Trịnh Văn Quyết giảm bao nhiêu?", REMAINING_RICH, "9 người", False),
        # a metric the question names is not any amount its words touch
        ("Vốn chủ sở hữu của VIB là bao nhiêu?", VIB_HOLDING, "848 tỷ đồng", False),
    ],
)
def test_a_figure_answers_only_what_was_asked(question, text, figure, answers):
    assert matching.matches(parse_question(question), _candidate(question, text, figure)) is answers


@pytest.mark.parametrize(
    ("question", "area", "named"),
    [
        ("Tỉ lệ người nghèo trở xuống ở Quận 7 là bao nhiêu?", "quận 7", True),
        ("ty le ngheo o quan 7", "quận 7", True),
        ("Tỉ lệ người nghèo ở Quận 17 là bao nhiêu?", "quận 7", False),
        ("Tăng trưởng dân số ở tỉnh Nam là bao nhiêu?", "tỉnh Nam", True),
        # a one-syllable name says nothing without its word: "Việt Nam" is not "tỉnh Nam"
        ("Tăng trưởng dân số ở Việt Nam là bao nhiêu?", "tỉnh Nam", False),
        # the area word written another way; a telling name alone, typed with or without marks
        ("Dân số TP Vinh là bao nhiêu?", "thành phố Vinh", True),
        ("Dân số Texas là bao nhiêu?", "bang Texas", True),
        ("San luong vai thieu Luc Ngan nam 2017", "huyện Lục Ngạn", True),
        ("Sản lượng vải thiều Bắc Giang năm 2017", "huyện Lục Ngạn", False),
    ],
)
def test_a_question_names_an_area_by_its_word_and_name_or_by_a_telling_name(question, area, named):
    assert names_area(question, area) is named


@pytest.mark.parametrize(
    ("question", "text", "answer", "rival"),
    [
        # the words of its own stretch of the sentence, not of the sentence up to it
        ("Tỷ lệ dân số có thể viết tiếng Pháp là bao nhiêu?", FRENCH, "97,3%", "1,1%"),
        # figures joined in one clause share its predicate; the name the question gives tells them apart
        ("Cuộc chiến của Atal làm bao nhiêu người Pháp thiệt mạng?", KANAK, "200 người", "1.000 người"),
        ("Cuộc chiến của Atal làm bao nhiêu người Kanak thiệt mạng?", KANAK, "1.000 người", "200 người"),
        # an age written before its number, asked as articles write it
        ("Nữ nghỉ hưu ở tuổi bao nhiêu?", PENSION, "tuổi 55", "tuổi 60"),
        # figures after "tương ứng" take the words of the figures before it, in order
        ("Tỷ lệ dân cư tại Texas là người Mỹ gốc Ý là bao nhiêu?", ORIGINS, "2,0%", "2,5%"),
        ("Tỷ lệ dân cư tại Texas là người Mỹ gốc Pháp là bao nhiêu?", ORIGINS, "2,5%", "2,0%"),
        # "nhóm dân cư này" is the group the sentence before names
        (
            "Người gốc Mỹ Latinh hoặc Iberia chiếm tỷ lệ bao nhiêu trong dân số Texas?",
            HISPANIC,
            "36%",
            "4,7%",
        ),
    ],
)
def test_without_a_metric_the_figure_whose_own_words_hold_the_question_comes_first(
    question, text, answer, rival
):
    parsed = parse_question(question)
    best, other = _candidate(question, text, answer), _candidate(question, text, rival)
    assert matching.matches(parsed, best)
    assert matching.preference(parsed, best) > matching.preference(parsed, other)


def test_the_title_says_what_every_figure_is_about_not_which_one_answers():
    question = "Dân số của Nouvelle-Calédonie là bao nhiêu?"
    candidate = _candidate(question, PROVINCES, "17.436 người", title="Nouvelle-Calédonie")
    assert not matching.matches(parse_question(question), candidate)


@pytest.mark.parametrize(
    ("unit", "asked", "same"),
    [
        ("triệu USD", "tỷ USD", True),  # one family, any scale
        ("triệu USD", "tỷ đồng", False),
        ("lượt khách", "lượt", True),  # a count by its head noun
        ("lính", "quân", True),  # nouns that count the same things
        ("triệu dân", "người", True),
        ("công nhân", "nhân viên", True),
        ("công nhân", "công ty", False),  # a second syllable tells them apart
        ("loài", "loại", False),  # typed with diacritics, matched with them
        ("cá nhân", "tập thể", False),
        ("USD/tấn", "đồng/tấn", False),
        ("%", "điểm phần trăm", False),
    ],
)
def test_units_are_the_same_by_family_and_counted_noun(unit, asked, same):
    assert matching.same_unit(parse_unit(unit), AskedUnit.of(parse_unit(asked))) is same


def test_a_price_per_unit_in_no_named_currency_takes_any_currency():
    asked = parse_question("Giá vàng bao nhiêu một lượng?").unit
    assert asked is not None
    assert matching.same_unit(parse_unit("triệu đồng/lượng"), asked)
    assert not matching.same_unit(parse_unit("triệu đồng/tấn"), asked)


@pytest.mark.parametrize(
    ("question", "text", "figure", "rival", "ambiguous"),
    [
        # the same amount, written at two scales, is one answer
        (
            "Kim ngạch xuất khẩu?",
            "Kim ngạch xuất khẩu đạt 97,4 nghìn tỷ đồng, tức 97.400 tỷ đồng.",
            "97,4 nghìn tỷ đồng",
            "97.400 tỷ đồng",
            False,
        ),
        # two years the question does not choose between
        (
            "Kim ngạch xuất khẩu của Bắc Ninh?",
            "Kim ngạch xuất khẩu của Bắc Ninh năm 2019 đạt 35 tỷ USD, năm 2020 đạt 38,9 tỷ USD.",
            "35 tỷ USD",
            "38,9 tỷ USD",
            True,
        ),
    ],
)
def test_equally_good_figures_are_ambiguous_only_when_the_question_cannot_choose(
    question, text, figure, rival, ambiguous
):
    a, b = _candidate(question, text, figure), _candidate(question, text, rival)
    assert matching.differs_unasked(parse_question(question), a.figure, b.figure) is ambiguous


def test_a_result_outranks_an_estimate_of_the_same_thing_unless_the_estimate_is_asked():
    text = "Năm 2020, kim ngạch xuất khẩu của Bắc Ninh ước đạt 38 tỷ USD. Kim ngạch xuất khẩu của Bắc Ninh năm 2020 đạt 38,9 tỷ USD."
    plain = "Kim ngạch xuất khẩu của Bắc Ninh năm 2020 là bao nhiêu?"
    estimated = "Kim ngạch xuất khẩu của Bắc Ninh năm 2020 ước đạt bao nhiêu?"

    def ranked(question: str) -> list[str]:
        candidates = [_candidate(question, text, f) for f in ("38 tỷ USD", "38,9 tỷ USD")]
        return [
            c.figure.text
            for c in sorted(candidates, key=lambda c: -matching.preference(parse_question(question), c))
        ]

    assert ranked(plain)[0] == "38,9 tỷ USD"
    assert ranked(estimated)[0] == "38 tỷ USD"


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        ("Xin chào", "question"),
        ("Kim ngạch xuất khẩu của Hà Nội năm 2020 là bao nhiêu?", "place"),
        ("Kim ngạch xuất khẩu của Bắc Ninh năm 2015 là bao nhiêu?", "period"),
    ],
)
def test_not_found_says_what_is_missing(question, reason):
    candidates = [_candidate(question, BAC_NINH, "38.905 triệu USD")]
    assert matching.missing(parse_question(question), candidates) == reason


GOLD_QUESTION = "Giá vàng ở Hà Nội ngày 6/2/2017 bán ra bao nhiêu một lượng?"


@pytest.mark.parametrize(
    ("text", "answers"),
    [
        # a price quoted with no period is the price of the day its article was written
        (
            "Giá vàng hôm nay ngày 6/2/2017 giảm. Tại Hà Nội, giá vàng bán ra ở mức 37,30 triệu đồng/lượng.",
            True,
        ),
        (
            "Giá vàng hôm nay ngày 7/2/2017 tăng. Tại Hà Nội, giá vàng bán ra ở mức 37,30 triệu đồng/lượng.",
            False,
        ),
        # or of the day its sentence names, in the year it names
        ("Năm 2017, giá vàng tại Hà Nội ngày 6/2 bán ra ở mức 37,30 triệu đồng/lượng.", True),
        ("Năm 2018, giá vàng tại Hà Nội ngày 6/2 bán ra ở mức 37,30 triệu đồng/lượng.", False),
    ],
)
def test_a_question_naming_a_day_takes_that_days_figure_only(text, answers):
    candidate = _candidate(GOLD_QUESTION, text, "37,30 triệu đồng/lượng")
    assert matching.matches(parse_question(GOLD_QUESTION), candidate) is answers


PORK = "Trung bình mỗi ngày, kênh phân phối này tiêu thụ 1.300 con heo."
VINFAST = (
    "Trao đổi với Tuổi Trẻ, bà Lê Thị Thu Thuỷ, chủ tịch VinFast, cho biết nhà máy tại Hải Phòng có công suất "
    "sản xuất 500.000 chiếc ôtô và 1 triệu xe máy / năm."
)
BICYCLES = (
    "Cơ sở để đưa ra mức thuế này, theo các nhà sản xuất EU là số lượng xe đạp nhập khẩu từ VN đã tăng mạnh, "
    "từ 150.000 chiếc lên 1,5 triệu chiếc."
)


@pytest.mark.parametrize(
    ("question", "text", "figure", "answers"),
    [
        # what the classifier classifies agrees with what the question counts, whatever the classifier
        ("Tổng cộng có bao nhiêu đoạn hội thoại đã bị nghe lén?", WIRETAPS, "3000 cuộc", True),
        ("Tổng cộng có bao nhiêu đoạn hội thoại đã bị nghe lén?", WIRETAPS, "150 người", False),
        (
            "Có bao nhiêu chất độc ảnh hưởng đến sinh nở đã tiếp xúc với các binh lính?",
            TOXINS,
            "21 loại",
            True,
        ),
        ("Quân đội Mỹ đã đối diện với bao nhiêu loại vũ khí?", TOXINS, "21 loại", False),
        ("Mỗi ngày kênh phân phối này tiêu thụ bao nhiêu con heo?", PORK, "1.300 con", True),
        ("Mỗi ngày kênh phân phối này tiêu thụ bao nhiêu heo?", PORK, "1.300 con", True),
        ("Mỗi ngày kênh phân phối này tiêu thụ bao nhiêu con bò?", PORK, "1.300 con", False),
        ("Nhà máy tại Hải Phòng có công suất sản xuất bao nhiêu ôtô?", VINFAST, "500.000 chiếc", True),
        ("Nhà máy tại Hải Phòng có công suất sản xuất bao nhiêu xe máy?", VINFAST, "500.000 chiếc", False),
        ("Airbus bán bao nhiêu phi cơ cho Việt Nam?", AIRBUS, "24 chiếc", True),  # máy bay, phi cơ
        ("Airbus bán bao nhiêu chiếc xe cho Việt Nam?", AIRBUS, "24 chiếc", False),
        # or the name the question gives to what it counts; the classifier itself, as asked
        (
            "Hoa Kỳ đã sử dụng bao nhiêu phi cơ F-15 để tuần tra trên bầu trời Ả Rập Xê Út?",
            F15,
            "48 chiếc",
            True,
        ),
        ("Có bao nhiêu chiếc F-15 hạ cánh xuống Ả Rập Xê Út?", F15, "48 chiếc", True),
        ("Có bao nhiêu phi cơ F-16 hạ cánh xuống Ả Rập Xê Út?", F15, "48 chiếc", False),
        ("Có bao nhiêu xe hạ cánh xuống Ả Rập Xê Út?", F15, "48 chiếc", False),
        # with nothing after it, a classifier counts only its own kind ("cá thể" counts as "con" does)
        (
            "Tổng số cá thể của năm loài động vật có vú phổ biến nhất tại Mông Cổ là bao nhiêu?",
            HERDS,
            "60 triệu con",
            True,
        ),
        ("Mông Cổ có bao nhiêu con cừu?", HERDS, "60 triệu con", False),
        ("Xe đạp nhập khẩu từ VN đã tăng lên bao nhiêu chiếc?", BICYCLES, "1,5 triệu chiếc", True),
        ("Mông Cổ có bao nhiêu loài động vật có vú đặc trưng?", HERDS, "60 triệu con", False),
    ],
)
def test_a_classifiers_count_answers_for_what_it_classifies(question, text, figure, answers):
    assert (
        matching.is_asked_unit(parse_question(question), _candidate(question, text, figure).figure.unit)
        is answers
    )


@pytest.mark.parametrize(
    ("question", "answers"),
    [
        # "đề xuất" asks for what was proposed: the plan's figure, not a result
        ("Trong đề xuất kinh tế của mình, Mitterrand quy định bao nhiêu giờ làm việc mỗi tuần?", True),
        ("Mitterrand đã cho làm việc bao nhiêu giờ mỗi tuần?", False),
    ],
)
def test_a_proposal_answers_a_question_about_the_proposal(question, answers):
    candidate = _candidate(question, MITTERRAND, "39 giờ", title="François Mitterrand")
    assert matching.matches(parse_question(question), candidate) is answers


FUEL = (
    "Đêm giao thừa 31/12, liên bộ Công Thương - Tài chính công bố giá cơ sở xăng dầu tại kỳ công bố ngày "
    "01/01/2019.\nSau điều chỉnh, xăng E5 RON92 sẽ có mức giá mới không quá 16.272 đồng / lít và xăng RON 95 - III là "
    "17.603 đồng / lít."
)


@pytest.mark.parametrize(
    ("question", "answers"),
    [
        # a price with no period is of its article's day, so of that day's year; the fuel a fuel price
        # is of is no commodity of its own
        ("gia xang e5 ron92 ky dieu chinh dau nam 2019", True),
        ("Giá xăng E5 RON92 năm 2018 là bao nhiêu?", False),
        # never a span of the year: the day is not the first quarter's price
        ("Giá xăng E5 RON92 quý I/2019 là bao nhiêu?", False),
    ],
)
def test_a_price_of_a_dated_article_answers_for_its_days_year(question, answers):
    candidate = _candidate(
        question, FUEL, "16.272 đồng / lít", title="Hôm nay (1/1/2019), giá xăng giảm kỷ lục"
    )
    assert matching.matches(parse_question(question), candidate) is answers


ELECTION = (
    "Ông giành được 25.85% phiếu bầu ở vòng một (so với 15% của ứng cử viên PCF Georges Marchais) sau đó "
    "đánh bại tổng thống Giscard d'Estaing ở vòng hai với, 51.76% phiếu."
)


@pytest.mark.parametrize(
    ("question", "answers"),
    [
        ("Ở vòng một, Mitterrand giành được bao nhiêu phần trăm số phiếu?", True),
        # a long foreign name is still known with one letter missing, extra, wrong or swapped
        ("Ở vòng một, Mitterand giành được bao nhiêu phần trăm số phiếu?", True),
        ("Ở vòng một, Mitetrrand giành được bao nhiêu phần trăm số phiếu?", True),
        # two letters away it is another name
        ("Ở vòng một, Mitteraud giành được bao nhiêu phần trăm số phiếu?", False),
    ],
)
def test_a_name_typed_with_one_slip_is_still_the_name(question, answers):
    candidate = _candidate(question, ELECTION, "25.85%", title="François Mitterrand")
    assert matching.matches(parse_question(question), candidate) is answers


@pytest.mark.parametrize(
    ("name", "words", "named"),
    [
        ("rwadan", {"quan", "doi", "rwandan"}, True),
        ("mitterand", {"mitterrand"}, True),
        # short names and Vietnamese syllables are other words one letter apart
        ("iran", {"iraq"}, False),
        ("nguyen", {"nguyan"}, False),
        ("marchand", {"marchais"}, False),
    ],
)
def test_only_long_foreign_names_are_matched_across_a_typo(name, words, named):
    assert is_named_in(name, words) is named


ARMS = (
    "Từ 1983 đến 1990, Chính phủ Hoa Kỳ đã phê chuẩn việc bán khoảng 200 triệu đô la Mỹ vũ khí cho Iraq, theo "
    "Viện hòa bình quốc tế Stockholm (SIPRI)."
)


@pytest.mark.parametrize(
    ("asked", "written"),
    [
        ("chấp thuận", "phê chuẩn"),  # a word worded another way in the sentence is found
        ("phê chuẩn", "phê chuẩn"),
    ],
)
def test_a_question_word_is_found_in_its_synonym(asked, written):
    question = f"Số tiền bán vũ khí cho Iraq được Hoa Kỳ {asked} là bao nhiêu?"
    assert _candidate(question, ARMS, "200 triệu đô la Mỹ").overlap == 1.0


CAT_LINH = (
    "Tuy nhiên, đến thời điểm này dự án phải điều chỉnh số vốn lên tới 868 triệu USD, tăng 315 triệu USD so với "
    "tổng mức đầu tư đã được phê duyệt."
)
MARKET_CAP = (
    "Thực tế là thị trường đã cung ứng 25% vốn cho nền kinh tế, mức vốn hóa thị trường bao gồm cả trái phiếu và "
    "cổ phiếu năm 2016 tương đương 74% GDP, tăng hơn 35% so với năm 2015."
)
TRADE_AGREEMENTS = (
    "Hiện tại, Việt Nam đã hoàn tất hoặc đang tiếp tục triển khai đàm phán 16 hiệp định thương mại tự do, qua đó "
    "hội nhập sâu vào hệ thống thương mại tự do toàn cầu, bao gồm 60 quốc gia, chiếm 90% GDP và 80% kim ngạch "
    "thương mại của thế giới."
)


@pytest.mark.parametrize(
    ("question", "text", "figure", "answers"),
    [
        # a question that asks no change is not answered by the change beside the level
        ("Dự án đường sắt Cát Linh điều chỉnh tổng vốn lên bao nhiêu?", CAT_LINH, "868 triệu USD", True),
        ("Dự án đường sắt Cát Linh điều chỉnh tổng vốn lên bao nhiêu?", CAT_LINH, "315 triệu USD", False),
        ("Vốn hóa thị trường chứng khoán năm 2016 bằng bao nhiêu % GDP?", MARKET_CAP, "74%", True),
        ("Vốn hóa thị trường chứng khoán năm 2016 bằng bao nhiêu % GDP?", MARKET_CAP, "35%", False),
        # "% GDP" names the whole: the share asked is of what the question's other words say
        ("Vốn hóa thị trường chứng khoán bằng bao nhiêu % GDP?", TRADE_AGREEMENTS, "90%", False),
    ],
)
def test_a_level_or_a_share_is_not_answered_by_a_change_or_another_share(question, text, figure, answers):
    title = (
        "Đón 'trứng vàng' trên sàn chứng khoán!" if text is not CAT_LINH else "Đường sắt Cát Linh - Hà Đông"
    )
    assert (
        matching.matches(parse_question(question), _candidate(question, text, figure, title=title)) is answers
    )


GROWTH_PARTS = "Tăng trưởng tự nhiên chiếm 85% tăng trưởng dân số, 15% còn lại là nhờ di cư thuần."


@pytest.mark.parametrize(
    ("question", "figure", "answers"),
    [
        # a part of a metric, or the rest of it, is not the metric's rate
        ("Tốc độ tăng trưởng dân số của Nouvelle-Calédonie là bao nhiêu?", "85%", False),
        ("Tốc độ tăng trưởng dân số của Nouvelle-Calédonie là bao nhiêu?", "15%", False),
        ("Tăng trưởng tự nhiên chiếm bao nhiêu phần trăm tăng trưởng dân số?", "85%", True),
    ],
)
def test_a_share_of_a_metric_is_not_the_metric(question, figure, answers):
    candidate = _candidate(question, GROWTH_PARTS, figure, title="Nouvelle-Calédonie")
    assert matching.matches(parse_question(question), candidate) is answers


LISTED_COMPANIES = (
    "Thứ 2 là Dược Hậu Giang ( DHG ). Dù năm 2016 là năm công ty dược 42 năm tuổi này tăng trưởng phi mã về doanh "
    "thu và lợi nhuận nhưng doanh thu cả năm 2016 của công ty chỉ mới đạt 3.780 tỷ đồng."
)


@pytest.mark.parametrize(
    ("question", "answers"),
    [
        # "công ty" is the company named last before it (a ticker too), not the one the title is about
        ("Doanh thu của Vietlott năm 2016 là bao nhiêu?", False),
        ("Doanh thu của DHG năm 2016 là bao nhiêu?", True),
    ],
)
def test_a_company_called_so_is_the_one_named_last_before(question, answers):
    title = "Vietlott có thể sẽ vượt mặt doanh thu của nhiều doanh nghiệp niêm yết danh tiếng"
    candidate = _candidate(question, LISTED_COMPANIES, "3.780 tỷ đồng", title=title)
    assert matching.matches(parse_question(question), candidate) is answers
