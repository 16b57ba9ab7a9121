"""A private chat: every text is a question; commands; what the bot says to things it cannot read."""

from __future__ import annotations

import pytest

from bot.commands import ADMIN_COMMANDS, PUBLIC_COMMANDS
from tests.bot.conftest import (
    EXPORT_FIGURE,
    EXPORT_QUESTION,
    EXPORT_SOURCE,
    USER_ID,
    buttons_of,
    text_of,
)

NOT_FOUND_QUESTION = "Kim ngạch xuất khẩu năm 2017 là bao nhiêu?"


async def test_question_gets_the_figure_the_quote_and_the_source(bot):
    reply = await bot.ask(EXPORT_QUESTION)
    html = reply.params["text"]
    assert reply.error is None
    assert reply.params["parse_mode"] == "HTML"
    assert reply.params["chat_id"] == USER_ID
    assert html.startswith(f"<b>{EXPORT_FIGURE}</b>\n<i>kim ngạch xuất khẩu · năm 2020 · Bắc Ninh</i>")
    assert f"kim ngạch xuất khẩu đạt <b>{EXPORT_FIGURE}</b> tăng 14,3%.</blockquote>" in html
    text = text_of(reply)
    assert "Nguồn: Sở Công Thương tổng kết công tác năm 2020" in text and EXPORT_SOURCE in text
    assert buttons_of(reply) == ["Nguồn", "Số liệu khác", "Báo sai"]
    assert "reply_parameters" not in reply.params  # a private chat needs no quoting


async def test_not_found_says_so_and_offers_closest_figures_only_as_such(bot):
    reply = await bot.ask(NOT_FOUND_QUESTION)
    text = text_of(reply)
    assert text.startswith("Không tìm thấy kim ngạch xuất khẩu năm 2017")
    assert "Số liệu gần nhất (không phải câu trả lời):" in text
    answer_part = text.split("Số liệu gần nhất")[0]
    assert "38.905" not in answer_part
    assert not reply.result.get("entities")  # no figure in bold: nothing is presented as the answer
    assert buttons_of(reply) == ["Số liệu khác", "Báo sai"]


async def test_html_and_markdown_in_a_question_are_only_text(bot):
    reply = await bot.ask("<b>hi</b> *x* _y_ [z](http://a) &amp;")
    assert reply.error is None and reply.params["parse_mode"] == "HTML"
    assert text_of(reply).startswith("Không tìm thấy số liệu phù hợp")


async def test_a_question_with_html_around_real_words_is_still_answered(bot):
    reply = await bot.ask(f"<i>{EXPORT_QUESTION}</i>")
    assert reply.error is None and text_of(reply).startswith(EXPORT_FIGURE)


async def test_a_question_of_thousands_of_characters_is_refused_kindly(bot):
    reply = await bot.ask("xuất khẩu " * 500)
    assert reply.error is None
    assert text_of(reply).startswith("Câu hỏi dài quá 500 ký tự. Hãy hỏi ngắn gọn về một số liệu")
    assert "reply_markup" not in reply.params


@pytest.mark.parametrize("push", ["push_sticker", "push_photo", "push_voice"])
async def test_stickers_photos_and_voice_get_a_short_friendly_reply(bot, push):
    [reply] = await bot.reply_to(getattr(bot.api, push))
    assert text_of(reply).startswith("Số Liệu chỉ đọc được câu hỏi bằng chữ")


async def test_empty_ask_explains_how_to_ask(bot):
    [reply] = await bot.reply_to(lambda: bot.api.push_command("/ask"))
    assert text_of(reply).startswith("Hãy viết câu hỏi sau lệnh /ask, ví dụ: /ask ")


async def test_ask_command_works_in_private_too(bot):
    [reply] = await bot.reply_to(lambda: bot.api.push_command("/ask", EXPORT_QUESTION))
    assert text_of(reply).startswith(EXPORT_FIGURE)


async def test_unknown_command_points_to_help(bot):
    [reply] = await bot.reply_to(lambda: bot.api.push_command("/xoa", "tất cả"))
    assert text_of(reply) == "Không có lệnh /xoa. Gõ /help để xem hướng dẫn, hoặc gõ thẳng câu hỏi."


@pytest.mark.parametrize("command", ["/start", "/help"])
async def test_start_and_help_explain_with_examples(bot, command):
    [reply] = await bot.reply_to(lambda: bot.api.push_command(command))
    text = text_of(reply)
    assert "Ví dụ:" in text and f"• {EXPORT_QUESTION}" in text
    assert "@solieu_test_bot câu hỏi" in text and "/ask câu hỏi" in text
    assert "/reindex" not in text  # admin help is for admins


async def test_commands_are_registered_with_vietnamese_descriptions(bot):
    assert [(c["command"], c["description"]) for c in bot.api.commands()] == list(PUBLIC_COMMANDS)
    admin_scope = {"type": "chat", "chat_id": bot.settings.admin_ids[0]}
    assert [c["command"] for c in bot.api.commands(admin_scope)] == [
        c for c, _ in PUBLIC_COMMANDS + ADMIN_COMMANDS
    ]


async def test_sources_lists_the_indexed_articles(bot):
    [reply] = await bot.reply_to(lambda: bot.api.push_command("/sources"))
    text = text_of(reply)
    assert text.startswith("5 bài báo đã lập chỉ mục:")
    assert f"• {EXPORT_SOURCE} — Sở Công Thương tổng kết công tác năm 2020" in text


async def test_source_shows_one_article_with_its_details_and_text(bot):
    [reply] = await bot.reply_to(lambda: bot.api.push_command("/source", EXPORT_SOURCE))
    text = text_of(reply)
    assert text.startswith(
        "Sở Công Thương tổng kết công tác năm 2020, triển khai nhiệm vụ công tác năm 2021\n"
    )
    assert "Ngày: 15/01/2021 · Nơi: Bắc Ninh · " in text and " số liệu · mã 002_ab3f7892cfbcae5d" in text
    assert "kim ngạch xuất khẩu đạt 38.905 triệu USD tăng 14,3%." in text
    assert "reply_markup" not in reply.params  # one page: no page buttons


async def test_source_without_or_with_an_unknown_id(bot):
    [usage] = await bot.reply_to(lambda: bot.api.push_command("/source"))
    assert text_of(usage).startswith("Hãy gửi kèm mã bài báo")
    [unknown] = await bot.reply_to(lambda: bot.api.push_command("/source", "<khong-co>"))
    assert text_of(unknown) == "Không có bài báo mã “<khong-co>”. Xem các mã bằng /sources."


async def test_thousands_of_angle_brackets_are_echoed_short_in_one_valid_message(bot):
    [unknown] = await bot.reply_to(lambda: bot.api.push_command("/source", "<" * 4080))
    assert text_of(unknown) == f"Không có bài báo mã “{'<' * 63}…”. Xem các mã bằng /sources."
    [command] = await bot.reply_to(lambda: bot.api.push_command("/x" + "<&" * 3000))
    assert text_of(command).startswith("Không có lệnh /x<&<&") and len(command.params["text"]) <= 4096
