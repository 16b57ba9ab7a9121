"""The buttons under an answer: Nguồn, Số liệu khác, Báo sai; and the page buttons of /source."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from contextlib import closing

import pytest

from corpus.model import Article
from tests.bot.conftest import (
    EXPORT_FIGURE,
    EXPORT_QUESTION,
    EXPORT_SOURCE,
    USER_ID,
    callback_of,
    started_bot,
    text_of,
)


async def _press(bot, answer, label: str, method: str = "sendMessage", **kwargs):
    """Press a button of the message the bot sent for `answer`; wait for the bot's `method` call."""
    data = callback_of(answer, label)
    [call] = await bot.reply_to(
        lambda: bot.api.push_callback_query(data, message=answer.result, **kwargs), method=method
    )
    return call


async def test_source_button_shows_the_paragraph_around_the_quote(bot):
    answer = await bot.ask(EXPORT_QUESTION)
    shown = await _press(bot, answer, "Nguồn")
    text = text_of(shown)
    assert text.startswith("Nguồn: Sở Công Thương tổng kết công tác năm 2020")
    # The whole paragraph, not only the quoted sentence, with the figure highlighted.
    assert "Giá trị sản xuất công nghiệp đạt 1.127,9" in text and "Cán cân thương mại hàng hóa" in text
    assert f"<b>{EXPORT_FIGURE}</b>" in shown.params["text"]
    assert text.rstrip().endswith(f"Đọc cả bài: /source {EXPORT_SOURCE}")
    assert shown.params["reply_parameters"]["message_id"] == answer.result["message_id"]
    [answered] = bot.api.calls("answerCallbackQuery")
    assert answered.error is None


async def test_other_figures_button_lists_the_alternatives_with_quotes(bot):
    answer = await bot.ask(EXPORT_QUESTION)
    shown = await _press(bot, answer, "Số liệu khác")
    html = shown.params["text"]
    assert text_of(shown).startswith("Số liệu khác:")
    # the target's year is the article's, not its sentence's, and it is no answer to a question about results
    assert (
        "<b>Mục tiêu: 36,5 tỷ USD</b>\n<i>kim ngạch xuất khẩu · năm 2021 (năm suy ra từ bài) · Bắc Ninh</i>"
        in html
    )
    assert "<i>Không phải câu trả lời: khác loại số liệu</i>" in html
    assert "xuất khẩu đạt <b>36,5 tỷ USD</b>…</blockquote>" in html
    assert "<b>tăng 14,3%</b>\n<i>kim ngạch xuất khẩu · năm 2020 · Bắc Ninh</i>" in html
    assert f"<b>{EXPORT_FIGURE}</b>" not in html  # the answer itself is not among the others


async def test_other_figures_after_not_found_are_labelled_as_closest(bot):
    answer = await bot.ask("Kim ngạch xuất khẩu năm 2017 là bao nhiêu?")
    shown = await _press(bot, answer, "Số liệu khác")
    assert text_of(shown).startswith("Số liệu gần nhất (không phải câu trả lời):")


async def test_report_button_records_feedback_once_per_user(bot):
    answer = await bot.ask(EXPORT_QUESTION)
    thanks = await _press(bot, answer, "Báo sai", method="answerCallbackQuery")
    assert thanks.params["text"].startswith("Cảm ơn bạn đã báo!")
    again = await _press(bot, answer, "Báo sai", method="answerCallbackQuery")
    assert again.params["text"] == "Bạn đã báo câu trả lời này rồi. Cảm ơn bạn!"
    other = await _press(
        bot, answer, "Báo sai", method="answerCallbackQuery", user_id=77, username=None, first_name="Lan"
    )
    assert other.params["text"].startswith("Cảm ơn bạn đã báo!")

    # What an admin reads with `sqlite3 feedback.sqlite 'SELECT …'`, as docs/telegram.md says.
    with closing(sqlite3.connect(bot.settings.feedback_path)) as db:
        entries = db.execute(
            "SELECT question, user_id, user_name, chat_id, answer, created_at FROM feedback ORDER BY id"
        ).fetchall()
    assert [entry[:4] for entry in entries] == [
        (EXPORT_QUESTION, USER_ID, "tester", USER_ID),
        (EXPORT_QUESTION, 77, "Lan", USER_ID),
    ]
    answer_shown, created_at = entries[0][4:]
    assert answer_shown.startswith(f"{EXPORT_FIGURE} — kim ngạch xuất khẩu") and created_at


async def test_buttons_of_a_forgotten_answer_ask_to_ask_again(bot):
    answer = await bot.ask(EXPORT_QUESTION)
    forgotten = {**answer.result, "reply_markup": None}
    for data in ("src:zzzzzzzz", "alt:zzzzzzzz", "bad:zzzzzzzz", "src:"):
        [reply] = await bot.reply_to(
            lambda data=data: bot.api.push_callback_query(data, message=forgotten),
            method="answerCallbackQuery",
        )
        assert reply.params["text"] == "Câu trả lời này đã cũ, hãy hỏi lại."


async def test_forged_callback_data_is_answered_politely(bot):
    answer = await bot.ask(EXPORT_QUESTION)
    for data, told in (
        ("pg:x:²", "Danh sách này đã cũ, hãy gửi lại lệnh /source."),
        ("src:k\n", "Câu trả lời này đã cũ, hãy hỏi lại."),
        ("zzz:1", "Nút này không còn dùng được. Hãy gửi lại câu hỏi."),
    ):
        [reply] = await bot.reply_to(
            lambda data=data: bot.api.push_callback_query(data, message=answer.result),
            method="answerCallbackQuery",
        )
        assert reply.params["text"] == told and reply.error is None
    assert len(bot.api.calls("sendMessage")) == 1  # no apology: nothing failed


@pytest.mark.parametrize("label", ["Nguồn", "Số liệu khác", "Báo sai"])
async def test_a_forged_press_from_an_inline_message_is_answered_once(bot, caplog, label):
    """Answers are only ever sent to chats: a press with a valid key but no message (as from an
    inline message) gets one toast, no traceback, and nothing sent."""
    answer = await bot.ask(EXPORT_QUESTION)
    data = callback_of(answer, label)
    [reply] = await bot.reply_to(
        lambda: bot.api.push_inline_callback_query(data), method="answerCallbackQuery"
    )
    await asyncio.sleep(0.3)  # room for a second answer or a message to show up
    assert reply.params["text"] == "Nút này không còn dùng được. Hãy gửi lại câu hỏi." and reply.error is None
    assert len(bot.api.calls("answerCallbackQuery")) == 1
    assert len(bot.api.calls("sendMessage")) == 1  # the answer itself, nothing after the press
    assert "AssertionError" not in caplog.text and not [
        r for r in caplog.records if r.levelno >= logging.ERROR
    ]


async def test_buttons_survive_only_in_the_same_process(tmp_path, engine):
    """A restart forgets answers: old buttons get the friendly message, never someone else's answer."""
    async with started_bot(tmp_path, engine) as first:
        answer = await first.ask(EXPORT_QUESTION)
        data = callback_of(answer, "Nguồn")
    async with started_bot(tmp_path, engine) as second:
        second.api.push_message("Cán cân thương mại hàng hóa Bắc Ninh năm 2020?")
        await second.api.wait_for("sendMessage")
        message = second.api.last_sent_message()
        [reply] = await second.reply_to(
            lambda: second.api.push_callback_query(data, message=message), method="answerCallbackQuery"
        )
        assert reply.params["text"] == "Câu trả lời này đã cũ, hãy hỏi lại."


class EngineWithALongArticle:
    """The real engine, plus one long article (embedding one would cost seconds; paging needs none)."""

    def __init__(self, engine, article: Article) -> None:
        self._engine, self._article = engine, article

    def article(self, article_id: str) -> Article | None:
        return self._article if article_id == self._article.id else self._engine.article(article_id)

    def figures_of(self, article_id: str) -> list:
        return [] if article_id == self._article.id else self._engine.figures_of(article_id)

    def __getattr__(self, name: str):
        return getattr(self._engine, name)


async def test_a_long_article_is_read_page_by_page(tmp_path, engine):
    paragraphs = [
        f"Năm 2020, doanh thu ngành {n} đạt {n + 100} tỷ đồng" + ", theo báo cáo" * 60 + "."
        for n in range(12)
    ]
    long_article = Article("bai_dai", "Bài dài về doanh thu", "\n".join(paragraphs), date="2021-03-04")
    async with started_bot(tmp_path, EngineWithALongArticle(engine, long_article)) as bot:
        [first] = await bot.reply_to(lambda: bot.api.push_command("/source", "bai_dai"))
        assert text_of(first).startswith("Bài dài về doanh thu\nNgày: 04/03/2021 · 0 số liệu · mã bai_dai\n")
        pages = int(text_of(first).rsplit("Trang 1/", 1)[1])
        assert pages >= 3
        message, current = first.result, first
        for number in range(2, pages + 1):
            data = callback_of(current, "Trang tiếp ▸")
            [current] = await bot.reply_to(
                lambda data=data: bot.api.push_callback_query(data, message=message), method="editMessageText"
            )
            assert text_of(current).endswith(f"Trang {number}/{pages}")
        assert "Trang tiếp ▸" not in str(current.params["reply_markup"])
        back = callback_of(current, "◂ Trang trước")
        [previous] = await bot.reply_to(
            lambda: bot.api.push_callback_query(back, message=message), method="editMessageText"
        )
        assert text_of(previous).endswith(f"Trang {pages - 1}/{pages}")
        shown = "".join(text_of(call) for call in [first, *bot.api.calls("editMessageText")])
        assert all(paragraph in shown for paragraph in paragraphs)
        [expired] = await bot.reply_to(
            lambda: bot.api.push_callback_query("pg:zzzzzzzz:1", message=message),
            method="answerCallbackQuery",
        )
        assert expired.params["text"] == "Danh sách này đã cũ, hãy gửi lại lệnh /source."
