"""Inline mode: "@solieu_bot câu hỏi" in any chat returns figure cards."""

from __future__ import annotations

from tests.bot.conftest import EXPORT_FIGURE, EXPORT_QUESTION, EXPORT_SOURCE
from tests.fake_bot_api import parse_html


async def _inline(bot, query: str):
    [call] = await bot.reply_to(lambda: bot.api.push_inline_query(query), method="answerInlineQuery")
    assert call.error is None
    return call.params


async def test_inline_query_returns_the_best_figure_first_then_the_others(bot):
    params = await _inline(bot, EXPORT_QUESTION)
    results = params["results"]
    assert params["cache_time"] == 300
    best, *others = results
    assert best["type"] == "article" and best["title"] == EXPORT_FIGURE
    assert best["description"].startswith("kim ngạch xuất khẩu · năm 2020 · Bắc Ninh\n")
    assert EXPORT_SOURCE in best["description"]
    content = best["input_message_content"]
    assert content["parse_mode"] == "HTML"
    text, _ = parse_html(content["message_text"])
    assert text.startswith(f"❓ {EXPORT_QUESTION}\n\n{EXPORT_FIGURE}\n")
    assert f"<b>{EXPORT_FIGURE}</b>" in content["message_text"]
    assert [r["title"] for r in others] == ["Mục tiêu: 36,5 tỷ USD", "tăng 14,3%"]
    assert len({r["id"] for r in results}) == len(results)


async def test_inline_not_found_is_one_honest_card(bot):
    [card] = (await _inline(bot, "Kim ngạch xuất khẩu năm 2017 là bao nhiêu?"))["results"]
    assert card["title"] == "Không tìm thấy số liệu"
    text, entities = parse_html(card["input_message_content"]["message_text"])
    assert "Không tìm thấy kim ngạch xuất khẩu năm 2017" in text
    assert not [e for e in entities if e["type"] == "bold"]


async def test_empty_inline_query_gets_a_hint(bot):
    [hint] = (await _inline(bot, "  "))["results"]
    assert hint["title"] == "Hỏi một số liệu"
    assert hint["description"].startswith("Ví dụ: ")


async def test_html_in_an_inline_query_is_escaped(bot):
    params = await _inline(bot, f"<u>{EXPORT_QUESTION}</u> & *x*")
    message = params["results"][0]["input_message_content"]["message_text"]
    assert message.startswith(f"<i>❓ &lt;u&gt;{EXPORT_QUESTION}&lt;/u&gt; &amp; *x*</i>")
    parse_html(message)
