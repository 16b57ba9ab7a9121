"""Tests of the fake Bot API itself, driven by the real python-telegram-bot stack.

If these pass, a bot test failing against the fake points at the bot, not the fake.
"""

from __future__ import annotations

import asyncio
import datetime as dtm
import socket
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio
from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    ReplyParameters,
    Update,
)
from telegram.error import BadRequest, Conflict, InvalidToken, NetworkError, RetryAfter
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from tests.fake_bot_api import (
    DEFAULT_USER_ID,
    FakeBotApi,
    Fault,
    Faults,
    entity_for,
    post_update,
    utf16_len,
)

TOKEN = "123:ABC"


@pytest_asyncio.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi(token=TOKEN) as fake:
        yield fake


@pytest_asyncio.fixture
async def bot(api: FakeBotApi) -> AsyncIterator[Bot]:
    async with Bot(TOKEN, base_url=api.base_url, base_file_url=api.base_file_url) as real_bot:
        yield real_bot


def _msg(update: Update) -> Message:
    """The update's message, narrowed for the type checker."""
    assert update.message is not None
    return update.message


def _build_app(api: FakeBotApi) -> Application[Any, Any, Any, Any, Any, Any]:
    return ApplicationBuilder().token(TOKEN).base_url(api.base_url).base_file_url(api.base_file_url).build()


@pytest.mark.asyncio
async def test_get_me_and_send_message(api: FakeBotApi, bot: Bot) -> None:
    me = await bot.get_me()
    assert (me.id, me.username, me.is_bot) == (123, "solieu_test_bot", True)
    assert me.supports_inline_queries and me.can_join_groups

    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Chi tiết", callback_data="more:1")]])
    sent = await bot.send_message(
        chat_id=DEFAULT_USER_ID,
        text="Dân số <b>Hà Nội</b>: 8,4 triệu",
        parse_mode="HTML",
        reply_markup=keyboard,
    )

    [call] = api.calls("sendMessage")
    assert call.params["chat_id"] == DEFAULT_USER_ID
    assert call.params["text"] == "Dân số <b>Hà Nội</b>: 8,4 triệu"
    assert call.params["parse_mode"] == "HTML"
    assert call.params["reply_markup"] == {
        "inline_keyboard": [[{"text": "Chi tiết", "callback_data": "more:1"}]]
    }
    # Telegram returns the parsed text plus entities; the fake does the same.
    assert sent.text == "Dân số Hà Nội: 8,4 triệu"
    assert sent.entities[0].type == "bold"
    assert (sent.entities[0].offset, sent.entities[0].length) == (7, 6)
    assert sent.from_user is not None and sent.from_user.id == 123
    assert sent.chat.id == DEFAULT_USER_ID
    assert sent.reply_markup == keyboard
    assert api.sent_messages()[0]["message_id"] == sent.message_id == call.result["message_id"]


@pytest.mark.asyncio
async def test_plain_numeric_text_stays_a_string(api: FakeBotApi, bot: Bot) -> None:
    await bot.send_message(chat_id=5, text="123")
    assert api.calls("sendMessage")[0].params == {"chat_id": 5, "text": "123"}


@pytest.mark.asyncio
async def test_reply_to_a_pushed_message(api: FakeBotApi, bot: Bot) -> None:
    pushed = api.push_message("GDP 2023?", chat_type="group")
    user_message = pushed["message"]
    sent = await bot.send_message(
        chat_id=user_message["chat"]["id"],
        text="Trả lời",
        reply_parameters=ReplyParameters(message_id=user_message["message_id"]),
    )
    assert sent.reply_to_message is not None
    assert sent.reply_to_message.text == "GDP 2023?"
    assert sent.chat.type == "group"
    assert sent.message_id > user_message["message_id"]


@pytest.mark.asyncio
async def test_long_poll_times_out_empty(bot: Bot) -> None:
    started = time.monotonic()
    updates = await bot.get_updates(timeout=dtm.timedelta(seconds=0.3))
    elapsed = time.monotonic() - started
    assert updates == ()
    assert 0.25 <= elapsed < 1.5


@pytest.mark.asyncio
async def test_long_poll_returns_promptly_on_push(api: FakeBotApi, bot: Bot) -> None:
    poll = asyncio.create_task(bot.get_updates(timeout=5))
    await api.wait_for("getUpdates")
    started = time.monotonic()
    api.push_message("xin chào")
    updates = await asyncio.wait_for(poll, 2)
    assert time.monotonic() - started < 1
    assert [_msg(u).text for u in updates] == ["xin chào"]


@pytest.mark.asyncio
async def test_offset_and_limit(api: FakeBotApi, bot: Bot) -> None:
    ids = [api.push_message(f"m{i}")["update_id"] for i in range(3)]
    assert ids == sorted(ids) and len(set(ids)) == 3

    first = await bot.get_updates(limit=2)
    assert [u.update_id for u in first] == ids[:2]
    # Unconfirmed updates are delivered again; offset confirms everything below it.
    again = await bot.get_updates(offset=ids[1] + 1)
    assert [u.update_id for u in again] == ids[2:]
    assert [u["update_id"] for u in api.pending_updates()] == ids[2:]


@pytest.mark.asyncio
async def test_application_polling_echo(api: FakeBotApi) -> None:
    async def echo(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        message = update.effective_message
        await message.reply_text(f"echo: {message.text}", do_quote=True)

    app = _build_app(api)
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    await app.initialize()
    await app.start()
    assert app.updater is not None
    await app.updater.start_polling(poll_interval=0, timeout=1)
    try:
        pushed = api.push_message("Tỉ lệ lạm phát?")
        [reply] = await api.wait_for("sendMessage", timeout=3)
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()

    assert reply.params["text"] == "echo: Tỉ lệ lạm phát?"
    assert reply.params["chat_id"] == DEFAULT_USER_ID
    assert reply.result["reply_to_message"]["message_id"] == pushed["message"]["message_id"]
    assert api.pending_updates() == []  # the shutdown getUpdates confirmed it


@pytest.mark.asyncio
async def test_callback_query_roundtrip(api: FakeBotApi, bot: Bot) -> None:
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Xem", callback_data="view")]])
    sent = await bot.send_message(chat_id=DEFAULT_USER_ID, text="Chọn", reply_markup=keyboard)
    update = api.push_callback_query("view", message=api.last_sent_message())

    [received] = await bot.get_updates()
    assert received.callback_query is not None
    assert received.callback_query.data == "view"
    assert received.callback_query.message is not None
    assert received.callback_query.message.message_id == sent.message_id

    assert await received.callback_query.answer("OK")
    with pytest.raises(BadRequest, match=r"(?i)query is too old"):
        await received.callback_query.answer("twice")
    edited = await received.callback_query.edit_message_text("Đã xem")
    assert isinstance(edited, Message)
    assert edited.text == "Đã xem" and edited.reply_markup is None
    with pytest.raises(BadRequest, match=r"(?i)not modified"):
        await bot.edit_message_text("Đã xem", chat_id=DEFAULT_USER_ID, message_id=sent.message_id)
    assert update["callback_query"]["id"] == api.calls("answerCallbackQuery")[0].params["callback_query_id"]


@pytest.mark.asyncio
async def test_application_handles_callback_query(api: FakeBotApi) -> None:
    async def on_button(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.callback_query is not None
        await update.callback_query.answer()
        await update.callback_query.edit_message_reply_markup(None)

    app = _build_app(api)
    app.add_handler(CallbackQueryHandler(on_button))
    async with app:
        await app.bot.send_message(
            DEFAULT_USER_ID,
            "Bảng",
            reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="x")]]),
        )
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0, timeout=1)
        api.push_callback_query("x")
        await api.wait_for("editMessageReplyMarkup", timeout=3)
        await app.updater.stop()
        await app.stop()
    [answer] = api.calls("answerCallbackQuery")
    assert answer.error is None
    message = api.last_sent_message()
    current = api.current_message(message["chat"]["id"], message["message_id"])
    assert current is not None and "reply_markup" not in current


@pytest.mark.asyncio
async def test_document_download(api: FakeBotApi, bot: Bot) -> None:
    content = "năm,giá trị\n2023,8.4\n".encode()
    api.push_document("so_lieu.csv", content, "text/csv", caption="Dữ liệu")
    [update] = await bot.get_updates()
    document = _msg(update).document
    assert document is not None
    assert (document.file_name, document.mime_type) == ("so_lieu.csv", "text/csv")
    assert _msg(update).caption == "Dữ liệu"

    telegram_file = await document.get_file()
    assert (telegram_file.file_path or "").startswith(api.base_file_url)
    assert bytes(await telegram_file.download_as_bytearray()) == content


@pytest.mark.asyncio
@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_media_helpers_deserialise(api: FakeBotApi, bot: Bot) -> None:
    api.push_sticker()
    api.push_photo(caption="ảnh")
    api.push_voice()
    sticker, photo, voice = await bot.get_updates()
    sticker_file, voice_file = _msg(sticker).sticker, _msg(voice).voice
    assert sticker_file is not None and sticker_file.emoji == "👍"
    assert voice_file is not None and voice_file.duration == dtm.timedelta(seconds=3)
    assert len(_msg(photo).photo) == 2 and _msg(photo).caption == "ảnh"
    downloaded = await (await _msg(photo).photo[-1].get_file()).download_as_bytearray()
    assert bytes(downloaded).startswith(b"\xff\xd8")


@pytest.mark.asyncio
async def test_command_and_mention_entities(api: FakeBotApi, bot: Bot) -> None:
    api.push_command("/ask", args="dân số Việt Nam")
    api.push_command("ask", args="x", mention_bot=True, chat_type="supergroup")
    api.push_mention("câu hỏi")
    command, group_command, mention = await bot.get_updates()

    assert _msg(command).text == "/ask dân số Việt Nam"
    assert _msg(command).parse_entities() == {_msg(command).entities[0]: "/ask"}
    assert _msg(group_command).text == "/ask@solieu_test_bot x"
    assert _msg(group_command).chat.type == "supergroup"
    assert list(_msg(group_command).parse_entities().values()) == ["/ask@solieu_test_bot"]
    assert _msg(mention).text == "@solieu_test_bot câu hỏi"
    assert _msg(mention).chat.type == "group"
    assert list(_msg(mention).parse_entities(["mention"]).values()) == ["@solieu_test_bot"]


def test_utf16_offsets_for_astral_characters() -> None:
    text = "📊 GDP 🇻🇳 tăng"
    entity = entity_for(text, "tăng", "bold")
    assert utf16_len("📊") == 2
    assert entity == {"type": "bold", "offset": 12, "length": 4}


@pytest.mark.asyncio
async def test_html_errors_like_telegram(bot: Bot) -> None:
    with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
        await bot.send_message(chat_id=1, text="1 < 2", parse_mode="HTML")
    with pytest.raises(BadRequest, match=r"(?i)too long"):
        await bot.send_message(chat_id=1, text="a" * 4097)


@pytest.mark.asyncio
async def test_wrong_token_is_rejected(api: FakeBotApi) -> None:
    wrong = Bot("999:WRONG", base_url=api.base_url, base_file_url=api.base_file_url)
    try:
        # initialize() is what Application start-up does; it calls getMe.
        with pytest.raises(InvalidToken, match="rejected by the server"):
            await wrong.initialize()
    finally:
        await wrong.shutdown()
    assert api.calls() == []


@pytest.mark.asyncio
@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_fail_next_and_unknown_methods(api: FakeBotApi, bot: Bot) -> None:
    api.fail_next("sendMessage", 429, retry_after=3)
    with pytest.raises(RetryAfter):
        await bot.send_message(chat_id=1, text="x")
    assert await bot.set_my_description("Bot số liệu")
    assert api.calls("setMyDescription")[0].params == {"description": "Bot số liệu"}
    api.on("getChatMemberCount", lambda params: 42)
    assert await bot.get_chat_member_count(chat_id=-5) == 42


@pytest.mark.asyncio
@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_fault_mode_fails_a_seeded_share_of_calls_the_ways_the_network_does(
    api: FakeBotApi, bot: Bot
) -> None:
    api.inject_faults(
        Faults(
            rate_limited=0.1,
            server_error=0.1,
            dropped=0.1,
            slow=0.1,
            retry_after=0.05,
            slow_seconds=0.01,
            seed=3,
        )
    )
    outcomes: list[str] = []
    for number in range(120):
        try:
            await bot.send_message(chat_id=1, text=f"tin {number}")
            outcomes.append("ok")
        except RetryAfter:
            outcomes.append("429")
            await asyncio.sleep(0.05)
        except NetworkError as error:
            outcomes.append("dropped" if "RemoteProtocolError" in str(error) else "502")
    calls = api.calls("sendMessage")
    faults = [call.fault for call in calls]
    assert {"ok", "429", "502", "dropped"} <= set(outcomes)
    assert outcomes.count("dropped") == faults.count(Fault.DROPPED)
    assert all(call.took_effect for call in calls if call.fault in (Fault.DROPPED, Fault.SLOW))
    assert not any(
        call.took_effect for call in calls if call.fault in (Fault.SERVER_ERROR, Fault.RATE_LIMITED)
    )
    assert len(api.sent_messages()) == sum(call.took_effect for call in calls)
    assert len(api.flood_windows) == faults.count(Fault.RATE_LIMITED)
    assert 0.2 < sum(fault is not None for fault in faults) / len(faults) < 0.6
    assert await bot.get_me()  # only sendMessage is faulted
    api.inject_faults(None)
    assert (await bot.send_message(chat_id=1, text="hết lỗi")).text == "hết lỗi"


@pytest.mark.asyncio
@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_calls_inside_a_flood_window_are_refused_with_what_is_left_of_it(
    api: FakeBotApi, bot: Bot
) -> None:
    api.inject_faults(Faults(rate_limited=1.0, retry_after=0.5, max_faults=1))
    for _ in range(2):
        with pytest.raises(RetryAfter):
            await bot.send_message(chat_id=1, text="x")
    first, second = api.calls("sendMessage")
    assert (first.fault, second.fault) == (Fault.RATE_LIMITED, Fault.FLOOD_WAIT)
    [window] = api.flood_windows
    assert second.error is not None and second.error.retry_after is not None
    assert second.at in window and 0 < second.error.retry_after <= 0.5
    await asyncio.sleep(window.end - time.monotonic())
    assert (await bot.send_message(chat_id=1, text="y")).text == "y"


@pytest.mark.asyncio
async def test_commands_roundtrip(api: FakeBotApi, bot: Bot) -> None:
    await bot.set_my_commands([("ask", "Hỏi số liệu"), ("help", "Trợ giúp")])
    assert [c.command for c in await bot.get_my_commands()] == ["ask", "help"]
    assert api.commands()[0] == {"command": "ask", "description": "Hỏi số liệu"}


@pytest.mark.asyncio
async def test_webhook_mode(api: FakeBotApi) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    received: list[str] = []
    handled = asyncio.Event()

    async def record(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        received.append(update.effective_message.text or "")
        handled.set()

    app = _build_app(api)
    app.add_handler(MessageHandler(filters.TEXT, record))
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_webhook(
            listen="127.0.0.1",
            port=port,
            url_path="hook",
            webhook_url=f"http://127.0.0.1:{port}/hook",
            secret_token="s3cret",
        )
        try:
            assert api.webhook["url"].endswith("/hook")
            with pytest.raises(Conflict):
                await app.bot.get_updates()
            update = api.push_message("qua webhook")
            assert await post_update(api.webhook["url"], update, "wrong") == 403
            assert await api.deliver_webhook(update) == 200
            await asyncio.wait_for(handled.wait(), 3)
        finally:
            await app.updater.stop()
            await app.stop()
    assert received == ["qua webhook"]


@pytest.mark.asyncio
async def test_run_in_thread(bot: Bot) -> None:
    handle = FakeBotApi.run_in_thread(token=TOKEN)
    try:
        other = Bot(TOKEN, base_url=handle.base_url, base_file_url=handle.base_file_url)
        async with other:
            handle.api.push_message("từ luồng khác")
            [update] = await other.get_updates(timeout=2)
            await other.send_message(chat_id=_msg(update).chat_id, text="ok")
        [call] = handle.wait_for("sendMessage", timeout=2)
        assert call.params["text"] == "ok"
        # The async wait_for also works from a loop other than the server's.
        assert len(await handle.api.wait_for("getMe")) == 1
    finally:
        handle.stop()


def _png(width: int, height: int) -> bytes:
    """A real PNG of that size, drawn by matplotlib as the bot draws its charts."""
    import io

    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width / 100, height / 100), dpi=100)
    FigureCanvasAgg(figure)
    png = io.BytesIO()
    figure.savefig(png, format="png")
    return png.getvalue()


async def test_send_photo_reads_the_image_size_and_parses_the_caption(api: FakeBotApi, bot: Bot):
    sent = await bot.send_photo(
        DEFAULT_USER_ID, _png(640, 400), caption="<b>2016</b>: 6,21%", parse_mode="HTML"
    )
    assert (sent.photo[-1].width, sent.photo[-1].height) == (640, 400)
    [call] = api.calls("sendPhoto")
    assert call.result["caption"] == "2016: 6,21%"
    assert call.result["caption_entities"] == [{"type": "bold", "offset": 0, "length": 4}]


async def test_send_photo_refuses_what_telegram_refuses(api: FakeBotApi, bot: Bot):
    with pytest.raises(BadRequest, match=r"(?i)image_process_failed"):
        await bot.send_photo(DEFAULT_USER_ID, b"not an image at all")
    with pytest.raises(BadRequest, match="caption is too long"):
        await bot.send_photo(DEFAULT_USER_ID, _png(300, 200), caption="x" * 1025)
    with pytest.raises(BadRequest, match=r"(?i)photo_invalid_dimensions"):
        await bot.send_photo(DEFAULT_USER_ID, _png(2100, 100))
