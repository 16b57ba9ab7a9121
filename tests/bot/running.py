"""A real `Application` started and stopped on the caller's event loop, the way `run_polling` and
`run_webhook` do it (initialize, post_init, the updater, start; then the reverse, post_shutdown
last), so tests and benchmarks drive the bot as it runs in production."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import asdict

from telegram.error import TelegramError
from telegram.ext import Application, Updater

from bot.app import ALLOWED_UPDATES, WebhookOptions

StartUpdates = Callable[[Application], Awaitable[object]]


def polling(timeout: int = 1) -> StartUpdates:
    """Long polling as `run_polling` starts it: a failure to fetch updates goes to the application's
    error handler. A short `timeout` keeps a test's shutdown quick."""

    def start(application: Application) -> Awaitable[object]:
        def error_callback(error: TelegramError) -> None:
            application.create_task(application.process_error(error=error, update=None))

        return _updater(application).start_polling(
            poll_interval=0, timeout=timeout, allowed_updates=ALLOWED_UPDATES, error_callback=error_callback
        )

    return start


def webhook(options: WebhookOptions) -> StartUpdates:
    """The webhook server, as `solieu run` starts it with SOLIEU_WEBHOOK_URL set."""
    return lambda application: _updater(application).start_webhook(
        **asdict(options), allowed_updates=ALLOWED_UPDATES
    )


def _updater(application: Application) -> Updater:
    assert application.updater is not None
    return application.updater


@contextlib.asynccontextmanager
async def running(
    application: Application, start_updates: StartUpdates | None = None
) -> AsyncIterator[Application]:
    """The application, receiving updates as `start_updates` (polling by default) has it."""
    await application.initialize()
    assert application.post_init is not None and application.post_shutdown is not None
    await application.post_init(application)
    await (start_updates or polling())(application)
    await application.start()
    try:
        yield application
    finally:
        await _updater(application).stop()
        await application.stop()
        await application.shutdown()
        await application.post_shutdown(application)
