"""Telegram handlers. Each one reads the update, asks the engine off the event loop, renders, replies.

Who gets an answer: in a private chat every text is a question; in a group only a message that
mentions the bot, replies to one of its messages, or is `/ask …`; other chatter is ignored.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, TypeVar

from telegram import (
    CallbackQuery,
    InlineKeyboardMarkup,
    InlineQuery,
    Message,
    MessageEntity,
    ReplyParameters,
    Update,
)
from telegram.constants import ChatType
from telegram.error import BadRequest, NetworkError, TelegramError
from telegram.ext import (
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from answer.chart import render_png
from answer.reply import render_text
from answer.series import Series
from bot import answers, articles, buttons, texts
from bot.buttons import Button
from bot.delivery import outcome_unknown, tolerating_unknown_outcome
from bot.flood import Verdict
from bot.inline import INLINE_CACHE_SECONDS, inline_hint, inline_results
from bot.services import BotApplication, BotContext, RecentAnswer, Services
from corpus.model import Article
from foundation.errors import ArticleError, QuestionError, SolieuError
from foundation.settings import Settings

log = logging.getLogger(__name__)

T = TypeVar("T")
MAX_UPLOAD_BYTES = 2 * 1024 * 1024
CHART_FILE = "bieu-do.png"


# -- who is being addressed ------------------------------------------------------------------------


class _MentionsBot(filters.MessageFilter):
    """The text names the bot: "@solieu_bot câu hỏi"."""

    def filter(self, message: Message) -> bool:
        me = f"@{message.get_bot().username}".lower()
        return any(text.lower() == me for text in message.parse_entities([MessageEntity.MENTION]).values())


class _RepliesToBot(filters.MessageFilter):
    """A reply to one of the bot's own messages."""

    def filter(self, message: Message) -> bool:
        replied = message.reply_to_message
        return bool(replied and replied.from_user and replied.from_user.id == message.get_bot().id)


class _CommandForBot(filters.MessageFilter):
    """ "/command@solieu_bot": in a group, the only unknown commands surely meant for this bot."""

    def filter(self, message: Message) -> bool:
        me = f"@{message.get_bot().username}".lower()
        return any(
            text.lower().endswith(me) for text in message.parse_entities([MessageEntity.BOT_COMMAND]).values()
        )


PRIVATE = filters.ChatType.PRIVATE
GROUPS = filters.ChatType.GROUPS
MENTIONS_BOT = _MentionsBot(name="MentionsBot")
REPLIES_TO_BOT = _RepliesToBot(name="RepliesToBot")
COMMAND_FOR_BOT = _CommandForBot(name="CommandForBot")
ADDRESSED_TO_BOT = PRIVATE | MENTIONS_BOT | REPLIES_TO_BOT | COMMAND_FOR_BOT


# -- what the update carries (each handler's filters guarantee the part it reads) -------------------


def _message(update: Update) -> Message:
    assert update.effective_message is not None
    return update.effective_message


def _callback(update: Update) -> CallbackQuery:
    assert update.callback_query is not None
    return update.callback_query


def _inline(update: Update) -> InlineQuery:
    assert update.inline_query is not None
    return update.inline_query


def _sender_id(update: Update) -> int | None:
    return update.effective_user.id if update.effective_user else None


def _without_mention(text: str, username: str) -> str:
    return re.sub(rf"@{re.escape(username)}\b", " ", text, flags=re.IGNORECASE).strip()


def _command_argument(message: Message) -> str:
    """Everything after "/command" (or "/command@bot"), line breaks included."""
    parts = (message.text or "").split(maxsplit=1)
    return parts[1].strip() if len(parts) == 2 else ""


# -- questions -------------------------------------------------------------------------------------


async def _reply(message: Message, pages: list[str], keyboard: InlineKeyboardMarkup | None = None) -> None:
    """Send the pages in order; in groups as replies to the asker's message; buttons on the last page."""
    in_group = message.chat.type != ChatType.PRIVATE
    for number, page in enumerate(pages, 1):
        with tolerating_unknown_outcome("a reply", message.chat.id):
            await message.reply_text(
                page,
                reply_markup=keyboard if number == len(pages) else None,
                do_quote=in_group,
                allow_sending_without_reply=True,
            )


async def _engine_or_refusal(
    message: Message,
    refusal: Callable[[str], str],
    refused: type[SolieuError],
    call: Callable[..., T],
    *args: Any,
) -> T | None:
    """`call(*args)` off the event loop. When the engine refuses in a way the user can act on (a
    `refused` error), the reply is `refusal(reason)` and the result None."""
    try:
        return await asyncio.to_thread(call, *args)
    except refused as error:
        await _reply(message, [refusal(str(error))])
        return None


async def ask(message: Message, question: str, context: BotContext, *, if_empty: str | None = None) -> None:
    """The path every question takes: the engine (off the event loop) → HTML → reply with buttons.
    `if_empty` is the reply to a mention or /ask with nothing after it (else the engine says why)."""
    if not question and if_empty is not None:
        await _reply(message, [if_empty])
        return
    services = context.services
    answer = await _engine_or_refusal(
        message, texts.question_problem, QuestionError, services.engine.ask, question
    )
    if answer is None:
        return
    key = services.answers.put(RecentAnswer(answer))
    if isinstance(answer, Series):
        await _reply_with_chart(message, answer, buttons.series_keyboard(key, answer))
        return
    await _reply(message, answers.answer_messages(answer), buttons.answer_keyboard(key, answer))


async def _reply_with_chart(message: Message, series: Series, keyboard: InlineKeyboardMarkup) -> None:
    """A series as a chart, drawn in a worker thread, with its table in the caption or right after;
    as the table alone when there is nothing to draw or the chart cannot be drawn."""
    chart = None
    if series.plotted:
        try:
            chart = await asyncio.to_thread(render_png, series)
        except Exception:  # a picture is a convenience: its failure must not cost the answer
            log.exception("the chart of %r could not be drawn", series.question)
    if chart is None:
        await _reply(message, answers.series_messages(series), keyboard)
        return
    caption, table = answers.series_caption(series)
    with tolerating_unknown_outcome("a chart", message.chat.id):
        await message.reply_photo(
            chart,
            caption=caption,
            filename=CHART_FILE,
            reply_markup=None if table else keyboard,
            do_quote=message.chat.type != ChatType.PRIVATE,
            allow_sending_without_reply=True,
        )
    if table:
        await _reply(message, table, keyboard)


async def on_private_text(update: Update, context: BotContext) -> None:
    message = _message(update)
    await ask(message, _without_mention(message.text or "", context.bot.username), context)


async def on_mention(update: Update, context: BotContext) -> None:
    message = _message(update)
    question = _without_mention(message.text or "", context.bot.username)
    await ask(message, question, context, if_empty=texts.EMPTY_MENTION)


async def on_reply_to_bot(update: Update, context: BotContext) -> None:
    message = _message(update)
    await ask(message, message.text or "", context)


async def on_ask(update: Update, context: BotContext) -> None:
    message = _message(update)
    await ask(message, _command_argument(message), context, if_empty=texts.EMPTY_ASK)


# -- commands ----------------------------------------------------------------------------------------


async def on_help(update: Update, context: BotContext) -> None:
    is_admin = context.services.is_admin(_sender_id(update))
    help_html = texts.help_message(
        context.bot.username, is_admin=is_admin, upload_limit_bytes=MAX_UPLOAD_BYTES
    )
    await _reply(_message(update), [help_html])


async def on_sources(update: Update, context: BotContext) -> None:
    await _reply(_message(update), articles.sources_messages(context.services.engine.sources()))


async def on_source(update: Update, context: BotContext) -> None:
    """One article: its details, then its text, one page at a time with "Trang tiếp" buttons."""
    message = _message(update)
    services = context.services
    article_id = _command_argument(message)
    if not article_id:
        await _reply(message, [texts.SOURCE_USAGE])
        return
    article = services.engine.article(article_id)
    if article is None:
        await _reply(message, [texts.unknown_article(article_id)])
        return
    pages = await _article_pages(services, article)
    key = services.listings.put(article.id)
    await _reply(message, pages[:1], buttons.page_keyboard(key, 0, len(pages)))


async def _article_pages(services: Services, article: Article) -> list[str]:
    figures = await asyncio.to_thread(services.engine.figures_of, article.id)
    return articles.article_pages(article, len(figures))


async def _refused_unless_admin(update: Update, services: Services) -> bool:
    """True (after a polite refusal) when the sender is not an admin."""
    if services.is_admin(_sender_id(update)):
        return False
    await _reply(_message(update), [texts.ADMIN_ONLY])
    return True


async def on_reindex(update: Update, context: BotContext) -> None:
    services = context.services
    if await _refused_unless_admin(update, services):
        return
    message = _message(update)
    await _reply(message, [texts.REINDEXING])
    started = time.perf_counter()
    manifest = await asyncio.to_thread(services.engine.rebuild)
    await _reply(message, [articles.reindexed_message(manifest, time.perf_counter() - started)])


async def on_remove(update: Update, context: BotContext) -> None:
    """An admin takes articles out of the index (ids as /sources lists them), embedding nothing."""
    services = context.services
    if await _refused_unless_admin(update, services):
        return
    message = _message(update)
    article_ids = list(dict.fromkeys(_command_argument(message).split()))
    if not article_ids:
        await _reply(message, [texts.REMOVE_USAGE])
        return
    removed = await _engine_or_refusal(
        message, texts.remove_problem, ArticleError, services.engine.remove_documents, article_ids
    )
    if removed is None:
        return
    log.info("articles %s removed by %s", [a.id for a in removed], _sender_id(update))
    await _reply(message, [articles.removed_message(removed)])


async def on_stats(update: Update, context: BotContext) -> None:
    services = context.services
    if await _refused_unless_admin(update, services):
        return
    feedback = await asyncio.to_thread(services.feedback.count)
    await _reply(_message(update), [articles.stats_message(services.engine.manifest, feedback)])


async def on_document(update: Update, context: BotContext) -> None:
    """An admin adds an article by sending its file; it is answerable as soon as this replies."""
    message = _message(update)
    services = context.services
    if not services.is_admin(_sender_id(update)):
        await _reply(message, [texts.UPLOAD_ADMIN_ONLY])
        return
    document = message.document
    assert document is not None
    if (document.file_size or 0) > MAX_UPLOAD_BYTES:
        await _reply(message, [texts.upload_too_large(MAX_UPLOAD_BYTES)])
        return
    try:
        telegram_file = await document.get_file()
        data = bytes(await telegram_file.download_as_bytearray())
    except TelegramError as error:  # "file is too big", an unreachable file server, a wrong file URL…
        log.warning("could not download %r from Telegram: %s", document.file_name, error)
        await _reply(message, [texts.download_failed(document.file_name or "")])
        return
    if len(data) > MAX_UPLOAD_BYTES:  # file_size is optional in the Bot API: check what arrived too
        await _reply(message, [texts.upload_too_large(MAX_UPLOAD_BYTES)])
        return
    name = document.file_name or ""
    ingested = await _engine_or_refusal(
        message, texts.upload_problem, ArticleError, services.engine.add_document, name, data
    )
    if ingested is None:
        return
    log.info("article %s added by %s: %d figures", ingested.article.id, _sender_id(update), ingested.figures)
    await _reply(message, [articles.ingested_message(ingested)])


async def on_unknown_command(update: Update, context: BotContext) -> None:
    message = _message(update)
    command = (message.text or "").split(maxsplit=1)[0].split("@", 1)[0]
    await _reply(message, [texts.unknown_command(command)])


async def on_unsupported_message(update: Update, context: BotContext) -> None:
    """Stickers, photos, voice notes… in a private chat: say what the bot can read."""
    await _reply(_message(update), [texts.TEXT_ONLY])


# -- buttons -----------------------------------------------------------------------------------------


AnswerButton = Callable[[CallbackQuery, RecentAnswer, BotContext], Awaitable[None]]


def _answer_button(handle: AnswerButton) -> Callable[[Update, BotContext], Coroutine[Any, Any, None]]:
    """A handler for a button under an answer: it gets the answer the button belongs to; a button
    whose answer has been forgotten is told so instead."""

    async def on_press(update: Update, context: BotContext) -> None:
        query = _callback(update)
        if query.message is None:
            # Answers are only ever sent to chats: a press from an inline message is forged.
            await query.answer(texts.UNKNOWN_BUTTON)
            return
        press = buttons.parse_press(query.data or "")
        recent = context.services.answers.get(press.key) if press else None
        if recent is None:
            await query.answer(texts.EXPIRED_ANSWER)
            return
        await handle(query, recent, context)

    return on_press


async def _send_below(query: CallbackQuery, context: BotContext, pages: list[str]) -> None:
    """Send pages in the button's chat, replying to the message that carries the button."""
    message = query.message
    if message is None:  # `_answer_button` answers such presses before they get here
        return
    for page in pages:
        with tolerating_unknown_outcome("a reply", message.chat.id):
            await context.bot.send_message(
                message.chat.id,
                page,
                reply_parameters=ReplyParameters(message.message_id, allow_sending_without_reply=True),
            )


@_answer_button
async def on_source_button(query: CallbackQuery, recent: RecentAnswer, context: BotContext) -> None:
    """ "Nguồn": the paragraph around the quote, with the figure highlighted; under a series, each
    point's sentence and article."""
    if isinstance(recent.answer, Series):
        await query.answer()
        await _send_below(query, context, answers.series_sources_messages(recent.answer))
        return
    citation = recent.answer.best
    if citation is None:  # a not-found answer has no "Nguồn" button
        await query.answer()
        return
    engine = context.services.engine
    paragraph = engine.passage_context(citation) if engine.article(citation.figure.article_id) else None
    await query.answer()
    await _send_below(query, context, answers.context_messages(citation, paragraph))


@_answer_button
async def on_others_button(query: CallbackQuery, recent: RecentAnswer, context: BotContext) -> None:
    """ "Số liệu khác": the other figures (or, after a not-found, the closest ones), each cited."""
    if isinstance(recent.answer, Series) or not recent.answer.alternatives:
        await query.answer(texts.NO_OTHER_FIGURES)
        return
    await query.answer()
    await _send_below(query, context, answers.alternatives_messages(recent.answer))


@_answer_button
async def on_report_button(query: CallbackQuery, recent: RecentAnswer, context: BotContext) -> None:
    """ "Báo sai": keep the question, the answer as shown and who reported it, once per user."""
    user = query.from_user
    if user.id in recent.reported_by:
        await query.answer(texts.REPORT_ALREADY)
        return
    recent.reported_by.add(user.id)
    await asyncio.to_thread(
        context.services.feedback.record,
        recent.answer.question,
        render_text(recent.answer),
        user_id=user.id,
        user_name=user.username or user.full_name,
        chat_id=query.message.chat.id if query.message else None,
    )
    await query.answer(texts.REPORT_THANKS)


async def on_page_button(update: Update, context: BotContext) -> None:
    """ "Trang tiếp" / "Trang trước" of /source: the message is edited in place."""
    query = _callback(update)
    services = context.services
    press = buttons.parse_press(query.data or "")
    article_id = services.listings.get(press.key) if press else None
    article = services.engine.article(article_id) if article_id else None
    if press is None or article is None:
        await query.answer(texts.EXPIRED_LISTING)
        return
    pages = await _article_pages(services, article)
    page = min(press.page, len(pages) - 1)
    await query.answer()
    await query.edit_message_text(
        pages[page], reply_markup=buttons.page_keyboard(press.key, page, len(pages))
    )


async def on_unknown_button(update: Update, context: BotContext) -> None:
    """Callback data that none of the buttons writes (forged, or from an older version of the bot)."""
    await _callback(update).answer(texts.UNKNOWN_BUTTON)


# -- inline mode -------------------------------------------------------------------------------------


async def on_inline_query(update: Update, context: BotContext) -> None:
    """ "@solieu_bot câu hỏi" in any chat: the best figure first, then the others, as cards."""
    query = _inline(update)
    question = query.query.strip()
    if not question:
        await query.answer([inline_hint()], cache_time=INLINE_CACHE_SECONDS)
        return
    try:
        answer = await asyncio.to_thread(context.services.engine.ask, question)
    except QuestionError as error:
        await query.answer([inline_hint(str(error))], cache_time=INLINE_CACHE_SECONDS)
        return
    await query.answer(inline_results(answer), cache_time=INLINE_CACHE_SECONDS)


# -- the allowlist and errors ------------------------------------------------------------------------


def _is_allowed(update: Update, services: Services) -> bool:
    """Admins everywhere; otherwise chats on SOLIEU_ALLOWED_CHATS, and for inline queries (which come
    without a chat) users whose private chat is on it."""
    if services.is_admin(_sender_id(update)):
        return True
    allowed = services.settings.allowed_chats
    if update.effective_chat is not None:
        return update.effective_chat.id in allowed
    return _sender_id(update) in allowed


async def gate_allowed_chats(update: Update, context: BotContext) -> None:
    """Runs before every handler when an allowlist is set: other chats are told once, then ignored."""
    services = context.services
    if _is_allowed(update, services):
        return
    if update.callback_query is not None:
        await update.callback_query.answer(texts.NOT_ALLOWED)
    elif update.inline_query is not None:
        await update.inline_query.answer([], cache_time=INLINE_CACHE_SECONDS, is_personal=True)
    elif update.message is not None and ADDRESSED_TO_BOT.check_update(update):
        chat_id = update.message.chat.id
        if chat_id not in services.refused_chats:
            services.refused_chats.add(chat_id)
            await _reply(update.message, [texts.NOT_ALLOWED_MESSAGE])
    raise ApplicationHandlerStop


async def on_error(update: object, context: BotContext) -> None:
    """The one error handler: log the exception, then apologise in words that fit what was asked.
    A request that may have reached Telegram gets no apology: the user probably has the reply."""
    update_id = update.update_id if isinstance(update, Update) else None
    error = context.error
    if error is not None and outcome_unknown(error):
        log.warning("update %s: a request may not have reached Telegram (%s)", update_id, error)
        return
    if isinstance(error, NetworkError) and not isinstance(error, BadRequest):
        # Telegram out of reach (an outage, a proxy's error page) even after the retries: expected.
        log.warning("update %s: Telegram could not be reached (%s)", update_id, error)
    else:
        log.error("update %s failed", update_id, exc_info=error)
    if not isinstance(update, Update):
        return
    try:
        await _apologise(update, context)
    except TelegramError as failure:  # Telegram out of reach: the apology cannot get through either
        log.warning("no apology for update %s: %s", update_id, failure)


async def _apologise(update: Update, context: BotContext) -> None:
    if update.callback_query is not None:  # a toast, and the button's spinner stops
        await update.callback_query.answer(texts.BUTTON_APOLOGY)
        return
    if update.effective_chat is None:  # an inline query: there is no chat to write to
        return
    asked = update.message
    await context.bot.send_message(
        update.effective_chat.id,
        texts.apology_for(asked),
        reply_parameters=ReplyParameters(asked.message_id, allow_sending_without_reply=True)
        if asked
        else None,
    )


def _asks_something(update: Update) -> bool:
    """Updates that make the bot compute and reply: what flood control counts."""
    return bool(update.callback_query or update.inline_query or ADDRESSED_TO_BOT.check_update(update))


async def gate_flood(update: Update, context: BotContext) -> None:
    """Runs before every handler: beyond the per-user and per-chat limits a question is not
    computed; the first one in a row gets a "chậm lại", the next ones silence."""
    if not _asks_something(update):
        return
    chat_id = update.effective_chat.id if update.effective_chat else None
    admission = context.services.flood.admit(_sender_id(update), chat_id)
    if admission.verdict is Verdict.ANSWER:
        return
    told = admission.verdict is Verdict.SLOW_DOWN
    wait, whole_chat = admission.wait_seconds, admission.by_chat
    notice = texts.slow_down(wait, whole_chat=whole_chat)
    if update.callback_query is not None:  # a press must always be answered, or its spinner keeps turning
        await update.callback_query.answer(notice if told else None)
    elif update.inline_query is not None:
        hints = [inline_hint(notice)] if told else []
        await update.inline_query.answer(hints, cache_time=0, is_personal=True)
    elif told:
        await _reply(_message(update), [texts.slow_down_message(wait, whole_chat=whole_chat)])
    raise ApplicationHandlerStop


def add_handlers(application: BotApplication, settings: Settings) -> None:
    """Order matters within a group: the first handler whose filter matches takes the update.
    The gates run first, in their own groups: the allowlist, then flood control."""
    if settings.allowed_chats:
        application.add_handler(TypeHandler(Update, gate_allowed_chats), group=-2)
    application.add_handler(TypeHandler(Update, gate_flood), group=-1)
    application.add_handlers(
        [
            CommandHandler(("start", "help"), on_help),
            CommandHandler("ask", on_ask),
            CommandHandler("sources", on_sources),
            CommandHandler("source", on_source),
            CommandHandler("reindex", on_reindex),
            CommandHandler("remove", on_remove),
            CommandHandler("stats", on_stats),
            MessageHandler(PRIVATE & filters.TEXT & ~filters.COMMAND, on_private_text),
            MessageHandler(GROUPS & filters.TEXT & ~filters.COMMAND & MENTIONS_BOT, on_mention),
            MessageHandler(GROUPS & filters.TEXT & ~filters.COMMAND & REPLIES_TO_BOT, on_reply_to_bot),
            MessageHandler(PRIVATE & filters.Document.ALL, on_document),
            MessageHandler(filters.COMMAND & (PRIVATE | COMMAND_FOR_BOT), on_unknown_command),
            MessageHandler(PRIVATE, on_unsupported_message),
            CallbackQueryHandler(on_source_button, pattern=f"^{Button.SOURCE}:"),
            CallbackQueryHandler(on_others_button, pattern=f"^{Button.OTHERS}:"),
            CallbackQueryHandler(on_report_button, pattern=f"^{Button.REPORT}:"),
            CallbackQueryHandler(on_page_button, pattern=f"^{Button.PAGE}:"),
            CallbackQueryHandler(on_unknown_button),
            InlineQueryHandler(on_inline_query),
        ]
    )
    application.add_error_handler(on_error)
