"""Reading articles: chrome and captions out, teasers deduplicated, every sentence kept, metadata found."""

from __future__ import annotations

import json
import re

import pytest

from corpus.articles import load_articles, parse_document, parse_text, read_jsonl
from corpus.text import Span, paragraphs, sentences
from corpus.vocabulary import NATIONAL
from foundation.errors import ArticleError
from tests.settings_paths import SEEDS


@pytest.fixture(scope="module")
def seeds():
    return {a.id[:3]: a for a in load_articles([SEEDS])}


def test_file_stem_is_the_document_id(seeds):
    assert sorted(a.id for a in seeds.values())[2] == "002_ab3f7892cfbcae5d"


@pytest.mark.parametrize(
    ("doc", "title", "date", "event_date", "place", "author"),
    [
        ("000", None, "2019-01-13", "2019-01-13", None, "Khánh Ly"),
        (
            "001",
            "Ngành Công Thương tổng kết công tác năm 2015 và triển khai nhiệm vụ năm 2016",
            "2021-05-19",
            "2016-01-18",
            "Lạng Sơn",
            "Anh Dũng",
        ),
        (
            "002",
            "Sở Công Thương tổng kết công tác năm 2020, triển khai nhiệm vụ công tác năm 2021",
            "2021-01-15",
            "2021-01-15",
            "Bắc Ninh",
            None,
        ),
        (
            "003",
            "Sở Công thương triển khai nhiệm vụ năm 2011",
            "2021-06-25",
            "2011-01-24",
            "Lạng Sơn",
            "Hoàng Thái",
        ),
        (
            "004",
            "Sở Công thương triển khai nhiệm vụ các tháng cuối năm 2019",
            "2019-10-08",
            "2019-10-07",
            None,
            "Thùy Hương",
        ),
    ],
)
def test_seed_metadata(seeds, doc, title, date, event_date, place, author):
    article = seeds[doc]
    if title:
        assert article.title == title
    assert (article.date, article.event_date, article.place, article.author) == (
        date,
        event_date,
        place,
        author,
    )


@pytest.mark.parametrize(
    "chrome",
    [
        "Hỗ trợ trực tuyến",
        "0989837029",
        "Chuyên mục khác",
        "Toàn cảnh hội nghị",
        "Quang cảnh hội nghị. Ảnh: TH",
        "Thứ tư,",
        "08:48",
        "LSO-",
        "ANH DŨNG",
    ],
)
def test_page_chrome_and_captions_are_removed(seeds, chrome):
    assert not any(chrome in article.text for article in seeds.values())


def _sentences_of(text: str) -> list[str]:
    return [s.text for p in paragraphs(text) for s in sentences(p)]


def test_no_sentence_of_an_article_is_lost(seeds):
    """Every real sentence of the raw seeds survives cleaning: its start and its end are still there
    (a teaser sentence glued to a photo caption is checked at both ends, the caption between is gone)."""
    for path in sorted(SEEDS.iterdir()):
        article = seeds[path.stem[:3]]
        squashed = re.sub(r"\s+", "", article.text)
        raw = path.read_text(encoding="utf-8").replace("LSO-", "")
        for sentence in _sentences_of(raw):
            if len(sentence.split()) >= 12 and sentence.endswith((".", "…")):
                flat = re.sub(r"\s+", "", sentence).rstrip(".…")
                assert flat[:60] in squashed and flat[-60:] in squashed, sentence


def test_duplicated_teaser_paragraph_is_dropped(seeds):
    article = seeds["003"]
    assert article.text.count("Ngày 24/1/2011, Sở Công thương đã tổ chức hội nghị") == 1
    assert "hạn chế cần..." not in article.text


def test_front_matter_overrides_and_adds():
    article = parse_text(
        "---\ntitle: Xuất khẩu Hải Phòng\ndate: 2021-02-03\nurl: https://example.vn/a\nplace: hai phong\n"
        "publisher: Báo Hải Phòng\n---\nNăm 2020, kim ngạch xuất khẩu đạt 14.200 triệu USD.\n",
        "hp",
    )
    assert (article.title, article.date, article.url, article.place, article.publisher) == (
        "Xuất khẩu Hải Phòng",
        "2021-02-03",
        "https://example.vn/a",
        "Hải Phòng",
        "Báo Hải Phòng",
    )
    assert article.text == "Năm 2020, kim ngạch xuất khẩu đạt 14.200 triệu USD."


def test_html_main_text_is_extracted():
    html = """<html><head><title>Xuất khẩu Bắc Giang năm 2020</title></head><body>
    <nav><a href="/">Trang chủ</a> <a href="/kt">Kinh tế</a></nav>
    <article><h1>Xuất khẩu Bắc Giang năm 2020</h1>
    <p>Năm 2020, kim ngạch xuất khẩu của tỉnh Bắc Giang đạt 8.000 triệu USD, tăng 20% so với năm 2019.</p>
    <p>Tổng mức bán lẻ hàng hóa của tỉnh Bắc Giang đạt 30.000 tỷ đồng, tăng 5%.</p></article>
    <footer>Hotline 0989837029 · Bản quyền thuộc về Báo</footer></body></html>"""
    article = parse_document("bg_2020.html", html.encode())
    assert article.id == "bg_2020"
    assert "8.000 triệu USD" in article.text and "0989837029" not in article.text
    assert article.title == "Xuất khẩu Bắc Giang năm 2020"
    assert article.place == "Bắc Giang"


def test_jsonl_articles(tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_text(
        json.dumps(
            {
                "id": "a1",
                "title": "Tin A",
                "text": "Năm 2020, xuất khẩu đạt 5 tỷ USD.",
                "place": "Hà Nội",
                "url": "https://example.vn/a1",
                "date": "2021-01-02",
            },
            ensure_ascii=False,
        )
        + "\n\n",
        encoding="utf-8",
    )
    (article,) = read_jsonl(path)
    assert (article.id, article.title, article.place, article.url, article.date) == (
        "a1",
        "Tin A",
        "Hà Nội",
        "https://example.vn/a1",
        "2021-01-02",
    )


def test_bad_inputs_are_clear_errors(tmp_path):
    with pytest.raises(ArticleError, match="Định dạng không hỗ trợ"):
        parse_document("anh.png", b"\x89PNG")
    with pytest.raises(ArticleError, match="không có nội dung"):
        parse_document("rong.txt", b"   \n  ")
    with pytest.raises(ArticleError, match="UTF-8"):
        parse_document("hong.txt", b"\xff\xfe\x00\xd8" * 3 + b"\x80\x81")
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json}\n")
    with pytest.raises(ArticleError, match="dòng 1"):
        list(read_jsonl(bad))
    with pytest.raises(ArticleError, match="Không tìm thấy"):
        load_articles([tmp_path / "missing"])


def test_sentence_offsets_are_verbatim():
    text = "Năm 2019, TP.HCM đạt 1.127,9 tỷ đồng. Chỉ số tăng 10,46%! Hết…"
    spans = sentences(Span(0, len(text), text))
    assert [s.text for s in spans] == ["Năm 2019, TP.HCM đạt 1.127,9 tỷ đồng.", "Chỉ số tăng 10,46%!", "Hết…"]
    assert all(text[s.start : s.end] == s.text for s in spans)


@pytest.mark.parametrize(
    ("title", "text", "place"),
    [
        # the nation of a report on another country is that country, which no province-keyed figure is
        (
            "Canada",
            "Năm 2006, tỷ lệ người sống ở nông thôn thấp hơn tỷ lệ bình quân toàn quốc, và 4% dân số Canada"
            " có đặc tính thổ dân. Chính phủ Tự do của Thủ tướng Wilfrid Laurier giữ quyền từ năm 1896.",
            None,
        ),
        (
            "Franklin D. Roosevelt",
            "Cái chết của Roosevelt đã gây sốc và thương tiếc khắp toàn quốc Hoa Kỳ cũng như khắp thế giới."
            " Roosevelt đã làm tổng thống trên 12 năm, dài hơn hẳn bất cứ vị tổng thống nào.",
            None,
        ),
        # a province in a company's name is not where a national report is
        (
            "Vụ Formosa gây sự cố môi trường: Bồi thường tiếp hơn 1.680 tỷ đồng cho ngư dân miền Trung",
            "Trong tháng 1-2017, thu ngân sách Nhà nước (NSNN) ước đạt 97,4 nghìn tỷ đồng, tổng chi ước đạt 87,25"
            " nghìn tỷ đồng. Trong đó, Bộ Tài chính đã tạm cấp (lần 2) 1.680 tỷ đồng tiền bồi thường cho 4 địa"
            " phương chịu ảnh hưởng của sự cố môi trường do Formosa Hà Tĩnh gây ra.",
            NATIONAL,
        ),
        # "VN" is Việt Nam: an article that names it speaks for the nation
        (
            "Kim ngạch xuất khẩu hạt tiêu tăng mạnh",
            "Bộ Thương mại cho biết, sản lượng hạt tiêu xuất khẩu của VN trong tháng 7 là 10.000 tấn, đạt"
            " kim ngạch 14 triệu USD. Trong đó, các thị trường tiêu thụ chính vẫn là Mỹ với 13%, Singapore"
            " 10%, Hà Lan 9,3% và Trung Quốc là 8%.\nNhư vậy trong 7 tháng đầu năm, xuất khẩu hạt tiêu của VN"
            " ước khoảng 72 nghìn tấn, đạt kim ngạch 97 triệu USD.",
            NATIONAL,
        ),
    ],
)
def test_the_nation_an_article_speaks_for_is_the_one_it_is_about(title, text, place):
    assert parse_text(f"{title}\n\n{text}", "a1").place == place
