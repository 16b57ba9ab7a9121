"""One error handler: the exception is logged and the user gets a fixed apology. The token never
reaches a log line, even with every logger at DEBUG."""

from __future__ import annotations

import asyncio
import logging
from typing import cast

import pytest

from bot.redaction import SecretRedactingFilter, redact_secrets_in_logs
from bot.services import Engine
from tests.bot.conftest import ADMIN_ID, EXPORT_FIGURE, EXPORT_QUESTION, TOKEN, started_bot, text_of

APOLOGY = "Xin lỗi, đã có lỗi khi xử lý câu hỏi. Vui lòng thử lại sau."


class ExplodingEngine:
    """An engine that fails on everything, as a broken index or a bug would."""

    def ask(self, text: str):
        raise RuntimeError(f"engine exploded on {text!r}")

    def sources(self):
        raise RuntimeError("engine exploded listing sources")

    def article(self, article_id: str):
        raise RuntimeError("engine exploded finding an article")

    def add_document(self, name: str, data: bytes):
        raise RuntimeError("engine exploded adding a document")


def exploding() -> Engine:
    """The bot reaches only the methods above, and each fails; the rest of `Engine` is never called."""
    return cast(Engine, ExplodingEngine())


async def test_an_unexpected_error_is_logged_and_the_user_gets_the_apology(tmp_path, caplog):
    async with started_bot(tmp_path, exploding()) as bot:
        private = await bot.ask(EXPORT_QUESTION)
        pushed, in_group = await bot.exchange(lambda: bot.api.push_mention(EXPORT_QUESTION))
    assert text_of(private) == APOLOGY and private.error is None
    assert text_of(in_group) == APOLOGY
    assert in_group.params["reply_parameters"]["message_id"] == pushed["message"]["message_id"]
    failures = [r for r in caplog.records if r.name == "bot.handlers" and r.levelno == logging.ERROR]
    assert len(failures) == 2
    assert all(isinstance(r.exc_info[1], RuntimeError) for r in failures)
    assert "engine exploded" in caplog.text and "Traceback" in caplog.text


async def test_the_apology_fits_what_failed_a_command_a_file_or_a_button(tmp_path):
    async with started_bot(tmp_path, exploding()) as bot:
        [command] = await bot.reply_to(lambda: bot.api.push_command("/sources"))
        [upload] = await bot.reply_to(lambda: bot.api.push_document("bai.md", b"# Bai", user_id=ADMIN_ID))
        key = bot.application.bot_data.services.listings.put("bai")
        [button] = await bot.reply_to(
            lambda: bot.api.push_callback_query(f"pg:{key}:1", message=upload.result),
            method="answerCallbackQuery",
        )
    assert text_of(command) == "Xin lỗi, đã có lỗi khi thực hiện lệnh này. Vui lòng thử lại sau."
    assert (
        text_of(upload) == "Xin lỗi, đã có lỗi khi thêm bài báo từ tệp này. Vui lòng gửi lại tệp sau ít phút."
    )
    assert (
        button.params["text"] == "Xin lỗi, nút này vừa gặp lỗi. Vui lòng thử lại sau."
        and button.error is None
    )


async def test_an_apology_that_cannot_be_delivered_is_logged_not_raised(tmp_path, caplog):
    async with started_bot(tmp_path, exploding()) as bot:
        bot.api.fail_next("sendMessage", 403, "Forbidden: bot was blocked by the user")
        [refused] = await bot.reply_to(lambda: bot.api.push_message(EXPORT_QUESTION))
        await asyncio.sleep(0.2)
    assert refused.error is not None and refused.error.error_code == 403
    assert "no apology for update" in caplog.text and "bot was blocked" in caplog.text
    assert "error handler" not in caplog.text.lower()  # PTB's "an error was raised while handling the error"


@pytest.fixture
def redaction():
    """The bot's log set-up (as run_bot installs it), removed again after the test."""
    httpx_level = logging.getLogger("httpx").level
    installed = redact_secrets_in_logs(TOKEN)
    yield installed
    for handler in logging.getLogger().handlers:
        handler.removeFilter(installed)
    logging.getLogger("httpx").setLevel(httpx_level)


async def test_the_token_never_appears_in_logs_even_at_debug(tmp_path, engine, caplog, redaction):
    caplog.set_level(logging.DEBUG)
    # Turn the HTTP client loggers back up: they log every request URL, and URLs carry the token.
    caplog.set_level(logging.DEBUG, logger="httpx")
    caplog.set_level(logging.DEBUG, logger="httpcore")
    async with started_bot(tmp_path, engine) as bot:
        assert text_of(await bot.ask(EXPORT_QUESTION)).startswith(EXPORT_FIGURE)
        await bot.reply_to(lambda: bot.api.push_inline_query(EXPORT_QUESTION), method="answerInlineQuery")
        logging.getLogger("bot.test").exception(
            "failure while calling %s",
            f"{bot.api.base_url}{TOKEN}/getMe",
            exc_info=RuntimeError(f"boom at /bot{TOKEN}/getMe"),
        )
    assert "/bot***/getUpdates" in caplog.text  # the URLs were logged, redacted
    assert TOKEN not in caplog.text
    assert not [r for r in caplog.records if TOKEN in r.getMessage()]


def test_the_filter_redacts_messages_arguments_tracebacks_and_stacks():
    redacting = SecretRedactingFilter(["123:ABC", "s3cret", ""])
    try:
        raise ValueError("bad token 123:ABC")
    except ValueError as error:
        record = logging.LogRecord(
            "x",
            logging.ERROR,
            __file__,
            1,
            "url %s secret %s",
            ("bot123:ABC/x", "s3cret"),
            (ValueError, error, error.__traceback__),
            sinfo="Stack: 123:ABC",
        )
    assert redacting.filter(record) is True
    formatted = logging.Formatter().format(record)
    assert record.getMessage() == "url bot***/x secret ***"
    assert "bad token ***" in formatted and "Stack: ***" in formatted
    assert "123:ABC" not in formatted and "s3cret" not in formatted
    malformed = logging.LogRecord("x", logging.INFO, __file__, 1, "token %s and %s", ("123:ABC",), None)
    assert redacting.filter(malformed) and malformed.getMessage() == "token %s and %s"
    clean = logging.LogRecord("x", logging.INFO, __file__, 1, "nothing %d", (1,), None)
    assert redacting.filter(clean) and clean.msg == "nothing %d" and clean.args == (1,)
