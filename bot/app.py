"""Build and run the Telegram application: long polling by default, a webhook when SOLIEU_WEBHOOK_URL is set."""

from __future__ import annotations

import asyncio
import errno
import logging
import os
import re
from dataclasses import asdict, dataclass

from telegram import BotCommandScopeChat, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, InvalidToken, NetworkError
from telegram.ext import Application, ApplicationBuilder, Defaults

from answer.engine import AnswerEngine
from bot.commands import ADMIN_COMMANDS, PUBLIC_COMMANDS
from bot.delivery import PatientRateLimiter, quiet_transient_logs
from bot.feedback import FeedbackLog
from bot.handlers import add_handlers
from bot.redaction import redact_secrets_in_logs
from bot.services import CONTEXT_TYPES, BotApplication, Engine, Services
from foundation.errors import SettingError
from foundation.settings import Settings

log = logging.getLogger(__name__)

# Edited messages, channel posts, member changes… are never answered: do not fetch them at all.
ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY, Update.INLINE_QUERY]
# What Telegram accepts as a webhook secret token.
_SECRET_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,256}")


@dataclass(frozen=True)
class WebhookOptions:
    """The arguments of `run_webhook` (by these names), less the allowed updates."""

    listen: str
    port: int
    url_path: str
    webhook_url: str
    secret_token: str


def webhook_options(settings: Settings) -> WebhookOptions:
    """Where to listen and what to register; without a valid secret token anyone who finds the URL
    could post fake updates, so webhook mode refuses to start."""
    secret = _webhook_secret(settings)
    if not secret:
        raise SettingError(
            "Chế độ webhook cần SOLIEU_WEBHOOK_SECRET: đặt một chuỗi bí mật rồi chạy lại.",
            setting="SOLIEU_WEBHOOK_SECRET",
        )
    if not _SECRET_TOKEN.fullmatch(secret):
        raise SettingError(
            "SOLIEU_WEBHOOK_SECRET chỉ được gồm chữ cái Latin, chữ số, _ và -, tối đa 256 ký tự.",
            setting="SOLIEU_WEBHOOK_SECRET",
        )
    return WebhookOptions(
        listen=settings.webhook_listen,
        port=settings.webhook_port,
        url_path=settings.webhook_path.strip("/"),
        webhook_url=settings.webhook_url or "",
        secret_token=secret,
    )


def base_file_url(settings: Settings) -> str | None:
    """Where files are downloaded from: SOLIEU_TELEGRAM_BASE_FILE_URL, or else the self-hosted
    server's own (`…/bot` → `…/file/bot`). Without it, PTB would fetch admins' uploads from the
    public api.telegram.org with a path only the self-hosted server knows."""
    if settings.telegram_base_file_url:
        return settings.telegram_base_file_url
    base = (settings.telegram_base_url or "").rstrip("/")
    if base.endswith("/bot"):
        return f"{base.removesuffix('/bot')}/file/bot"
    if base:
        log.warning(
            "cannot derive the file URL from SOLIEU_TELEGRAM_BASE_URL: set SOLIEU_TELEGRAM_BASE_FILE_URL"
        )
    return None


def _token(settings: Settings) -> str:
    if settings.telegram_token is None:
        raise SettingError(
            "Chưa có SOLIEU_TELEGRAM_TOKEN: lấy token từ @BotFather rồi chạy lại.",
            setting="SOLIEU_TELEGRAM_TOKEN",
        )
    return settings.telegram_token.get_secret_value()


# PTB 22 warns at every flood wait until a program opts in to durations as timedeltas, the only type
# PTB 23 will have (`delivery._seconds` reads either). The opt-in is an environment variable.
PTB_DURATIONS_AS_TIMEDELTA = ("PTB_TIMEDELTA", "1")


def build_application(settings: Settings, engine: Engine | None = None) -> BotApplication:
    """The bot, ready to run. The engine is loaded once, in post_init, unless one is given."""
    os.environ.setdefault(*PTB_DURATIONS_AS_TIMEDELTA)
    quiet_transient_logs()
    owns_engine = engine is None  # an engine passed in belongs to the caller, who closes it

    async def start_services(application: BotApplication) -> None:
        nonlocal engine
        if engine is None:
            log.info("loading the model and the index from %s", settings.resolved_index_dir)
            engine = await asyncio.to_thread(AnswerEngine.open, settings, progress=False)
        application.bot_data.services = Services(settings, engine, FeedbackLog(settings.feedback_path))
        await _register_commands(application, settings.admin_ids)
        log.info("Số Liệu is running as @%s", application.bot.username)

    async def stop_services(application: BotApplication) -> None:
        services, application.bot_data.services = application.bot_data.services, None
        if services is not None:
            services.feedback.close()
            if owns_engine:
                services.engine.close()

    builder = (
        ApplicationBuilder()
        .token(_token(settings))
        .context_types(CONTEXT_TYPES)
        .defaults(
            Defaults(parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True))
        )
        .rate_limiter(PatientRateLimiter())
        .concurrent_updates(True)
        .post_init(start_services)
        .post_shutdown(stop_services)
    )
    if settings.telegram_base_url:
        builder = builder.base_url(settings.telegram_base_url)
    file_url = base_file_url(settings)
    if file_url:
        builder = builder.base_file_url(file_url)
    application = builder.build()
    add_handlers(application, settings)
    return application


async def _register_commands(application: Application, admin_ids: list[int]) -> None:
    """The command menu; admins also see the admin commands in their private chat with the bot."""
    await application.bot.set_my_commands(PUBLIC_COMMANDS)
    for admin_id in admin_ids:
        try:
            await application.bot.set_my_commands(
                PUBLIC_COMMANDS + ADMIN_COMMANDS, scope=BotCommandScopeChat(admin_id)
            )
        except BadRequest as error:  # an admin who has never opened a chat with the bot
            log.warning("admin commands not shown to %s: %s", admin_id, error.message)


def _webhook_secret(settings: Settings) -> str:
    return settings.webhook_secret.get_secret_value() if settings.webhook_secret else ""


def _configure_logging(settings: Settings) -> None:
    """The level the bot was asked to log at, and no secret in any line. The handler and its format
    are the CLI's, which `solieu run` goes through."""
    logging.getLogger().setLevel(settings.log_level.upper())
    redact_secrets_in_logs(_token(settings), _webhook_secret(settings))


def run_bot(settings: Settings) -> int:
    """`solieu run` with a token: serve until SIGINT/SIGTERM, then shut down cleanly."""
    webhook = webhook_options(settings) if settings.webhook_url else None
    _configure_logging(settings)
    application = build_application(settings)
    asyncio.run(_check_connection(application))
    try:
        if webhook is None:
            application.run_polling(allowed_updates=ALLOWED_UPDATES)
        else:
            _run_webhook(application, webhook)
    except (InvalidToken, NetworkError) as error:
        raise _connection_error(error, _token(settings)) from error
    return 0


def _run_webhook(application: Application, webhook: WebhookOptions) -> None:
    try:
        application.run_webhook(**asdict(webhook), allowed_updates=ALLOWED_UPDATES)
    except OSError as error:
        if error.errno != errno.EADDRINUSE:
            raise
        raise SettingError(
            f"Cổng {webhook.port} trên {webhook.listen} đang được một chương trình khác dùng: "
            "dừng chương trình đó hoặc đặt SOLIEU_WEBHOOK_PORT khác.",
            setting="SOLIEU_WEBHOOK_PORT",
        ) from None


async def _check_connection(application: Application) -> None:
    """One getMe before starting: a rejected token or an unreachable Bot API is reported in one
    sentence instead of the library's retry-loop traceback."""
    try:
        await application.bot.initialize()
    except (InvalidToken, NetworkError) as error:
        raise _connection_error(error, application.bot.token) from error
    finally:
        await application.bot.shutdown()


def _connection_error(error: Exception, token: str) -> SettingError:
    if isinstance(error, InvalidToken):
        return SettingError(
            "Telegram từ chối token: kiểm tra SOLIEU_TELEGRAM_TOKEN (lấy lại từ @BotFather).",
            setting="SOLIEU_TELEGRAM_TOKEN",
        )
    reason = str(error).replace(token, "***")
    return SettingError(
        f"Không kết nối được tới Telegram ({reason}): kiểm tra mạng hoặc SOLIEU_TELEGRAM_BASE_URL.",
        setting="SOLIEU_TELEGRAM_BASE_URL",
    )
