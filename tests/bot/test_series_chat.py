"""Series and comparisons in Telegram: a chart sent with sendPhoto, its cited table in the caption (or
right after it), the "Nguồn" button listing each point's article; conflicting sources in a reply;
inline mode gets the table as text. Through the real PTB stack and the fake Bot API."""

from __future__ import annotations

import logging
import threading

import pytest

from bot import handlers
from bot.answers import TABLE_BELOW
from tests.bot.conftest import buttons_of, callback_of, started_bot, text_of
from tests.fake_bot_api import parse_html

LANG_SON_TRADE = "Tổng kim ngạch xuất nhập khẩu của Lạng Sơn qua các năm"
SEED_ARTICLE = "001_84f642f01a2eec6d"
GDP_SERIES = "Tăng trưởng GDP của Việt Nam từ năm 2015 đến năm 2018"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _caption(call) -> str:
    return call.result["caption"]


async def _chart_for(bot, question: str):
    [photo] = await bot.reply_to(lambda: bot.api.push_message(question), method="sendPhoto")
    assert photo.error is None
    return photo


def _png_sent(call) -> bytes:
    return call.params["photo"].content


async def test_a_series_arrives_as_a_chart_with_its_cited_table(bot):
    photo = await _chart_for(bot, LANG_SON_TRADE)
    assert _png_sent(photo).startswith(PNG_SIGNATURE)
    assert (photo.result["photo"][0]["width"], photo.result["photo"][0]["height"]) == (990, 594)
    caption = _caption(photo)
    lines = caption.split("\n")
    assert lines[0] == LANG_SON_TRADE
    assert lines[1] == "Đơn vị: tỷ USD · 1/2 năm có số liệu · 1 bài báo"
    # the point, in the series' unit, with the amount as written and its article
    assert (
        "• 2015: 4,1 tỷ USD (bài viết 4.100 triệu USD) — Ngành Công Thương tổng kết công tác năm 2015"
        in caption
    )
    # the year with only a target: named as missing, its target on a line of its own
    assert "• 2016: không có số liệu" in caption
    assert f"Mục tiêu 2016: 3,7 tỷ USD (bài viết 3.700 triệu USD) — bài {SEED_ARTICLE}" in caption
    assert "Không có số liệu: 2016." in caption
    assert buttons_of(photo) == ["Nguồn", "Báo sai"]
    assert not bot.api.calls("sendMessage")  # the table is in the caption: nothing else to send


async def test_a_missing_year_is_named_in_the_caption(bot):
    photo = await _chart_for(bot, "xuất khẩu Bắc Ninh 2019 và 2020")
    caption = _caption(photo)
    assert "• 2020: 38,905 tỷ USD (bài viết 38.905 triệu USD)" in caption
    assert "• 2019: không có số liệu" in caption and "Không có số liệu: 2019." in caption


async def test_a_comparison_answers_the_part_it_finds(bot):
    photo = await _chart_for(bot, "So sánh xuất khẩu của Bắc Ninh và Lạng Sơn năm 2020")
    caption = _caption(photo)
    assert "• Bắc Ninh: 38,905 tỷ USD" in caption
    assert "• Lạng Sơn: không có số liệu" in caption and "Không có số liệu: Lạng Sơn." in caption


async def test_the_source_button_lists_each_points_article(bot):
    photo = await _chart_for(bot, LANG_SON_TRADE)
    data = callback_of(photo, "Nguồn")
    [shown] = await bot.reply_to(lambda: bot.api.push_callback_query(data, message=photo.result))
    text = text_of(shown)
    assert text.startswith("2015: 4,1 tỷ USD (bài viết 4.100 triệu USD)\n")
    assert "Tổng kim ngạch xuất nhập khẩu qua địa bàn được 4.100 triệu USD" in text
    assert "Mục tiêu 2016: 3,7 tỷ USD" in text
    assert text.count(f"/source {SEED_ARTICLE}") == 2  # the point's article and the target's
    assert "<b>4.100 triệu USD</b>" in shown.params["text"]  # the figure highlighted in its sentence
    assert shown.params["reply_parameters"]["message_id"] == photo.result["message_id"]


async def test_a_table_too_long_for_a_caption_follows_the_chart(bot):
    question = "Tổng kim ngạch xuất nhập khẩu của Bắc Ninh từ năm 1991 đến năm 2020"
    mark = bot.mark()
    photo = await _chart_for(bot, question)
    [table] = await bot.sent_since(mark)
    assert _caption(photo) == f"{question}\n{TABLE_BELOW}"
    assert buttons_of(photo) == [] and buttons_of(table) == ["Nguồn", "Báo sai"]
    text = text_of(table)
    assert text.startswith(question) and "• 2020: 72,047 tỷ USD" in text
    assert "Không có số liệu: 1991–2019." in text


async def test_the_chart_is_drawn_off_the_event_loop(bot, monkeypatch):
    drawn_in = []
    draw = handlers.render_png

    def recording(series):
        drawn_in.append(threading.current_thread())
        return draw(series)

    monkeypatch.setattr(handlers, "render_png", recording)
    await _chart_for(bot, LANG_SON_TRADE)
    assert drawn_in and drawn_in[0] is not threading.main_thread()


async def test_a_chart_that_cannot_be_drawn_leaves_the_table(bot, monkeypatch, caplog):
    def broken(series):
        raise RuntimeError("no fonts")

    monkeypatch.setattr(handlers, "render_png", broken)
    reply = await bot.ask(LANG_SON_TRADE)
    assert text_of(reply).startswith(LANG_SON_TRADE) and "• 2015: 4,1 tỷ USD" in text_of(reply)
    assert buttons_of(reply) == ["Nguồn", "Báo sai"]
    assert not bot.api.calls("sendPhoto") and "could not be drawn" in caplog.text


async def test_inline_mode_returns_the_table_as_text(bot):
    [call] = await bot.reply_to(lambda: bot.api.push_inline_query(LANG_SON_TRADE), method="answerInlineQuery")
    [card] = call.params["results"]
    assert card["title"] == f"1/2 số liệu: {LANG_SON_TRADE}"
    assert card["description"] == "2015: 4,1 tỷ USD (bài viết 4.100 triệu USD)"
    text, _ = parse_html(card["input_message_content"]["message_text"])
    assert text.startswith(LANG_SON_TRADE) and "Không có số liệu: 2016." in text


@pytest.mark.shared
async def test_gdp_growth_over_four_years_arrives_as_a_chart(tmp_path, news_engine):
    async with started_bot(tmp_path, news_engine) as bot:
        photo = await _chart_for(bot, GDP_SERIES)
    caption = _caption(photo)
    assert "• 2016: tăng 6,21% — Ông Nguyễn Đức Hùng Linh" in caption
    assert "• 2017: Ước tính: tăng 6,81% — Việt Nam tăng GDP 6,81%" in caption
    assert "• 2018: tăng 7,08% — Cứ 13 DN thành lập mới thì 9 DN ngừng hoạt động" in caption
    assert "• 2015: không có số liệu" in caption and "Không có số liệu: 2015." in caption


@pytest.mark.shared
async def test_conflicting_sources_are_shown_with_both_articles(tmp_path, news_engine, caplog):
    caplog.set_level(logging.WARNING)
    async with started_bot(tmp_path, news_engine) as bot:
        reply = await bot.ask("Lợi nhuận của Vietnam Airlines quý I năm 2017")
    text = text_of(reply)
    assert text.startswith("746 tỷ đồng")
    assert (
        "Các nguồn khác nhau: 746 tỷ đồng (bài baomoi-22234806) · 743 tỷ đồng (bài baomoi-22229954)" in text
    )
    assert (
        "đạt 743 tỷ đồng." in text and "Nguồn: Vietnam Airlines hạ mức chi lương nhân viên bán hàng" in text
    )
