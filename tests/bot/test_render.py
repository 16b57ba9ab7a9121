"""HTML rendering: escaping, highlighting, splitting into Telegram-sized messages, callback data.

Every produced message is checked with the fake Bot API's Telegram-HTML parser, which fails on
unescaped text and unbalanced tags the way Telegram does.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from telegram import InputTextMessageContent

from answer.model import Answer, Citation, Source, Status
from answer.question import parse_question
from bot.answers import answer_messages, context_messages
from bot.articles import article_pages
from bot.blocks import MESSAGE_LIMIT, Block, paginate, utf16_len
from bot.buttons import (
    CALLBACK_DATA_LIMIT,
    Button,
    Press,
    answer_keyboard,
    callback_data,
    page_keyboard,
    parse_press,
)
from bot.inline import inline_results
from corpus.model import Article, Basis
from tests.bot.citations import citation
from tests.fake_bot_api import parse_html

QUOTE = 'Doanh thu <R&D> "mới" đạt 1.234 tỷ đồng, gấp đôi 1.234 tỷ đồng năm trước.'
SOURCE = Source("a&b_01", "Báo <Kinh tế> & Đời sống", "2021-01-15", None, None, "Bắc Ninh")


def _citation(quote: str = QUOTE, figure_text: str = "1.234 tỷ đồng", occurrence: int = 0) -> Citation:
    start = quote.index(figure_text)
    if occurrence:
        start = quote.index(figure_text, start + 1)
    return citation(quote, figure_text, start, SOURCE)


def _answer(best: Citation | None, *alternatives: Citation) -> Answer:
    status = Status.ANSWERED if best else Status.NOT_FOUND
    question = "Doanh thu <b>2020</b>?"
    return Answer(question, status, best, alternatives, parse_question(question), reason="figure")


def _parses(html: str) -> str:
    text, _entities = parse_html(html)
    return text


def test_dynamic_text_is_escaped_and_the_cited_occurrence_is_highlighted():
    [message] = answer_messages(_answer(_citation(occurrence=1)))
    assert "&lt;R&amp;D&gt;" in message and "Báo &lt;Kinh tế&gt; &amp; Đời sống" in message
    # the figure's own position, not the first match
    assert "gấp đôi <b>1.234 tỷ đồng</b> năm trước" in message
    assert "đạt 1.234 tỷ đồng, gấp" in message
    text = _parses(message)
    assert QUOTE in text and "Báo <Kinh tế> & Đời sống" in text and "a&b_01" in text


def test_not_found_lists_closest_figures_plainly_as_non_answers():
    [message] = answer_messages(_answer(None, _citation()))
    text = _parses(message)
    assert text.startswith("Không tìm thấy")
    assert "không phải câu trả lời" in text
    assert "<b>" not in message  # nothing is presented as the answer


def test_context_highlights_the_figure_inside_its_paragraph():
    citation = _citation()
    paragraph = f"Câu trước có 1.234 tỷ đồng khác. {QUOTE} Câu sau."
    [message] = context_messages(citation, paragraph)
    assert message.count("<b>") == 1
    assert "đạt <b>1.234 tỷ đồng</b>, gấp đôi" in message
    assert _parses(message).count("Câu sau.") == 1


@pytest.mark.parametrize("paragraph", [None, "Đoạn văn của bài đã thay bằng bài mới."])
def test_context_of_a_removed_or_replaced_article_is_only_the_quote(paragraph):
    [message] = context_messages(_citation(), paragraph)
    assert "<blockquote>Doanh thu &lt;R&amp;D&gt;" in message and "đạt <b>1.234 tỷ đồng</b>" in message
    assert "bài mới" not in message


def _squeezed(text: str) -> str:
    """Without whitespace: a cut may drop the whitespace it falls on."""
    return "".join(text.split())


@given(
    text=st.text(alphabet=st.sampled_from("ab <>&\"'.\n\U0001f4cađ"), min_size=0, max_size=3000),
    spans=st.lists(st.tuples(st.integers(0, 3000), st.integers(0, 400)), max_size=5),
    limit=st.integers(80, 700),
    tag=st.sampled_from([None, "i", "blockquote"]),
)
@example(text="<" * 20, spans=[], limit=80, tag="blockquote")  # escaping made a 1-character piece overflow
@settings(max_examples=150, deadline=None)
def test_pages_fit_parse_and_keep_every_character(text, spans, limit, tag):
    bold = tuple(sorted({(s, s + n) for s, n in spans}))
    blocks = [Block("Tiêu đề", tag="b"), Block(text, bold, tag), Block("cuối")]
    pages = paginate(blocks, limit)
    for page in pages:
        assert utf16_len(page) <= limit
        _parses(page)  # raises on broken HTML
    rendered = "".join(_parses(page) for page in pages)
    assert _squeezed(rendered) == _squeezed("Tiêu đề" + text + "cuối")


def test_long_paragraphs_split_at_sentence_boundaries_never_inside_a_tag():
    sentence = "Kim ngạch xuất khẩu đạt 38.905 triệu USD & tăng 14,3%. "
    long_paragraph = sentence * 200  # ~11,000 characters in one paragraph
    citation = _citation(long_paragraph[: len(sentence) - 1], "38.905 triệu USD")
    pages = context_messages(citation, long_paragraph)
    assert len(pages) >= 3
    for page in pages:
        assert utf16_len(page) <= MESSAGE_LIMIT
        assert page.count("<blockquote>") == page.count("</blockquote>") == 1
        _parses(page)
    assert all(_parses(page).rstrip().endswith(("14,3%.", "/source a&b_01")) for page in pages)


def test_a_cut_inside_a_page_long_run_of_blank_space_sends_no_empty_message():
    pages = paginate([Block("\r" * 10_000 + "0", tag="blockquote")])
    assert [_parses(page) for page in pages] == ["0"]


def test_a_long_article_is_paged_with_a_footer_and_buttons():
    paragraphs = [
        f"Đoạn {n}: giá trị sản xuất đạt {n}.000 tỷ đồng <tăng>." + " Thêm chữ." * 40 for n in range(60)
    ]
    article = Article("bai_dai", "Bài <dài>", "\n".join(paragraphs), date="2021-02-03", place="Hải Phòng")
    pages = article_pages(article, 60)
    assert len(pages) > 3
    assert pages[0].startswith(
        "<b>Bài &lt;dài&gt;</b>\n<i>Ngày: 03/02/2021 · Nơi: Hải Phòng · 60 số liệu · mã bai_dai</i>"
    )
    for number, page in enumerate(pages, 1):
        assert utf16_len(page) <= MESSAGE_LIMIT
        assert page.endswith(f"<i>Trang {number}/{len(pages)}</i>")
        _parses(page)
    text = "".join(_parses(page) for page in pages)
    assert all(paragraph in text for paragraph in paragraphs)  # paragraphs are never cut: each fits a page
    first, middle, last = (page_keyboard("k", n, len(pages)) for n in (0, 1, len(pages) - 1))
    assert first is not None and middle is not None and last is not None
    assert [b.text for b in first.inline_keyboard[0]] == ["Trang tiếp ▸"]
    assert [b.text for b in middle.inline_keyboard[0]] == ["◂ Trang trước", "Trang tiếp ▸"]
    assert [b.text for b in last.inline_keyboard[0]] == ["◂ Trang trước"]
    assert page_keyboard("k", 0, 1) is None


def test_callback_data_is_short_and_round_trips():
    keyboard = answer_keyboard("AbC-9_xy", _answer(_citation(), _citation()))
    datas = [b.callback_data for b in keyboard.inline_keyboard[0] if isinstance(b.callback_data, str)]
    assert [b.text for b in keyboard.inline_keyboard[0]] == ["Nguồn", "Số liệu khác", "Báo sai"]
    assert all(len(d.encode()) <= CALLBACK_DATA_LIMIT for d in datas)
    assert [parse_press(d) for d in datas] == [
        Press(b, "AbC-9_xy") for b in (Button.SOURCE, Button.OTHERS, Button.REPORT)
    ]
    assert parse_press(callback_data(Button.PAGE, "k", 12)) == Press(Button.PAGE, "k", 12)
    assert parse_press("pg:k:x") is None and parse_press("zzz:k") is None and parse_press("") is None
    with pytest.raises(ValueError):
        callback_data(Button.PAGE, "k" * 70)


def test_inline_cards_carry_the_question_and_each_figure():
    other = replace(_citation(), figure=replace(_citation().figure, basis=Basis.PLAN))
    results = inline_results(_answer(_citation(), other))
    assert [r.id for r in results] == ["figure-0", "figure-1"]
    assert [r.title for r in results] == ["1.234 tỷ đồng", "Mục tiêu: 1.234 tỷ đồng"]
    content = results[0].input_message_content
    assert isinstance(content, InputTextMessageContent) and content.parse_mode == "HTML"
    assert content.message_text.startswith("<i>❓ Doanh thu &lt;b&gt;2020&lt;/b&gt;?</i>")
    _parses(content.message_text)
