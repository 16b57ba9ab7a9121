"""Getting every reply to Telegram through flood waits, 5xx answers and dropped connections: once, or
twice when a connection is cut off with no answer and the bot cannot tell whether Telegram sent it.

Every Bot API request (except getUpdates) passes through the application's rate limiter, so that is
where retrying lives. Whether a failed request may be sent again depends on whether it can have
taken effect:

* 429 "Too Many Requests": Telegram refused it. Wait `retry_after`, send again.
* an error status (502 from the proxy in front of the Bot API, 500…): the server answered that the
  request failed. Send again after a short pause. A 504 is the exception: a proxy gave up waiting,
  and Telegram may still have sent the message.
* no connection, or the request could not be written: it never reached Telegram. Send again.
* the answer timed out after the request was written: Telegram is working on it and will most
  likely send the message. It is not sent again; `outcome_unknown` tells the handlers to carry on
  as if it had arrived.
* the connection closed with no answer after the request was written: the request may have been
  lost on the way in (a proxy restarting) or carried out and only its answer lost. A message is
  then sent once more, on purpose: a user would rather see an answer twice, rarely, than wait for
  one that never comes. The Bot API offers no way to check first: a request carries no key that
  Telegram would deduplicate, a bot cannot read its chat's history, and every call that could
  tell whether the message exists (an edit) would change another message if it guessed wrong. The
  resend happens once; if that fails the same way, the handlers carry on as above and the log
  says so in one line.

Failures of the network are expected; they are logged as one warning line each, never as an error
with a traceback (`quiet_transient_logs` does so for the HTML error pages python-telegram-bot logs).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Coroutine, Iterator
from datetime import timedelta
from typing import Any

import httpx
from telegram.error import BadRequest, NetworkError, RetryAfter, TelegramError
from telegram.ext import AIORateLimiter

log = logging.getLogger(__name__)

# The connection closed with no answer once the request was on the wire: lost, or carried out.
_CUT_OFF = (httpx.RemoteProtocolError, httpx.ReadError)
# Requests that show the user something, sent once more when cut off (see the module's docstring).
RESENT_WHEN_CUT_OFF = frozenset({"sendMessage", "sendPhoto", "sendDocument"})
RESEND_PAUSE = 0.5  # seconds before the one resend: a restarting proxy is back by then
# Transport failures that happen before the request is complete on the wire: nothing was sent.
_NOT_SENT = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.PoolTimeout,
    httpx.WriteError,
    httpx.WriteTimeout,
)
RETRY_ATTEMPTS = 6  # for requests that failed without reaching Telegram; 429s are counted by AIORateLimiter
RETRY_FIRST_PAUSE = 0.2  # seconds, doubled after each failure: 0.2, 0.4 … 3.2 (about 6 s in all)
FLOOD_RETRIES = 6  # 429s in a row before a request is given up
MESSAGES_PER_SECOND = 28  # overall, evenly spaced: under Telegram's ~30 with room for other calls


def never_took_effect(error: Exception) -> bool:
    """True when a failed request certainly did not reach Telegram (or Telegram answered that it
    failed), so sending it again cannot duplicate a message."""
    if not isinstance(error, NetworkError) or isinstance(error, BadRequest):  # PTB derives BadRequest from it
        return False
    cause = error.__cause__
    if isinstance(cause, _NOT_SENT):
        return True
    # No cause, or a TelegramError (an HTML error page that is not JSON, like nginx's "502 Bad
    # Gateway"), means the server answered. Any other cause is a read timeout, a dropped
    # connection or an unknown failure inside the HTTP client: the request may have arrived.
    if cause is not None and not isinstance(cause, TelegramError):
        return False
    return "Gateway Timeout" not in error.message


def cut_off(error: Exception) -> bool:
    """The connection closed with no answer after the request was sent."""
    return isinstance(error, NetworkError) and isinstance(error.__cause__, _CUT_OFF)


def outcome_unknown(error: Exception) -> bool:
    """A network failure after the request was sent: the message may well have been delivered."""
    return (
        isinstance(error, NetworkError) and not isinstance(error, BadRequest) and not never_took_effect(error)
    )


@contextlib.contextmanager
def tolerating_unknown_outcome(what: str, chat_id: int) -> Iterator[None]:
    """Around one send: a failure that may have been delivered is logged and not raised, so the
    handler neither resends it nor apologises for an answer the user probably has."""
    try:
        yield
    except NetworkError as error:
        if not outcome_unknown(error):
            raise
        log.warning("%s to chat %s may not have arrived (%s); not sent again", what, chat_id, error)


def _seconds(retry_after: int | timedelta) -> float:
    return retry_after.total_seconds() if isinstance(retry_after, timedelta) else float(retry_after)


class PatientRateLimiter(AIORateLimiter):
    """PTB's AIORateLimiter (messages paced under Telegram's ~30 a second overall and 20 a minute per
    group, and a retry after each 429), with two additions:

    * a flood wait holds back *every* request until it is over. AIORateLimiter's own pause is
      lifted as soon as any other request finishes, so replies could still go out inside the
      window Telegram asked the bot to keep quiet.
    * requests that failed without taking effect are retried with a growing pause.
    """

    def __init__(self) -> None:
        # One message every 1/28 s instead of AIORateLimiter's default 30 per second: that bucket
        # holds 30, so a burst went out at 54 messages in its busiest second (benchmarks/bot_load.py).
        super().__init__(
            overall_max_rate=1, overall_time_period=1 / MESSAGES_PER_SECOND, max_retries=FLOOD_RETRIES
        )
        self._quiet_until = 0.0  # event-loop time before which nothing is sent

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Any]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Any:
        async def after_flood_wait(*call_args: Any, **call_kwargs: Any) -> Any:
            await self._flood_wait()
            try:
                return await callback(*call_args, **call_kwargs)
            except RetryAfter as error:
                # PTB reads the private field too: the public one warns about its coming type change.
                self._quiet_until = max(self._quiet_until, _now() + _seconds(error._retry_after))
                raise

        pause = RETRY_FIRST_PAUSE
        resendable = endpoint in RESENT_WHEN_CUT_OFF
        for _ in range(RETRY_ATTEMPTS - 1):
            try:
                return await super().process_request(
                    after_flood_wait, args, kwargs, endpoint, data, rate_limit_args
                )
            except NetworkError as error:
                if resendable and cut_off(error):
                    resendable = False
                    log.warning(
                        "%s to chat %s was cut off with no answer (%s); sent once more, a rare duplicate "
                        "rather than a lost answer",
                        endpoint,
                        data.get("chat_id"),
                        error,
                    )
                    await asyncio.sleep(RESEND_PAUSE)
                    continue
                if not never_took_effect(error):
                    raise
                log.info(
                    "%s failed without reaching Telegram (%s); retrying in %.1f s", endpoint, error, pause
                )
                await asyncio.sleep(pause)
                pause *= 2
        return await super().process_request(after_flood_wait, args, kwargs, endpoint, data, rate_limit_args)

    async def _flood_wait(self) -> None:
        while (remaining := self._quiet_until - _now()) > 0:
            await asyncio.sleep(remaining)


def _now() -> float:
    return asyncio.get_running_loop().time()


# What python-telegram-bot logs, with a traceback, when a server answers a page that is not JSON (a
# proxy's "502 Bad Gateway"): the request fails and is retried here, so one line says it.
_NOT_JSON = "Can not load invalid JSON data"
_PAGE_SHOWN = 80  # characters of the page kept in the line


class _OneLineForPagesThatAreNotJson(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str) and record.msg.startswith(_NOT_JSON):
            args = record.args if isinstance(record.args, tuple) else ()
            page = " ".join(str(args[0] if args else "").split())[:_PAGE_SHOWN]
            record.msg, record.args = "Telegram answered a page that is not JSON: %s", (page,)
            record.levelno, record.levelname = logging.WARNING, "WARNING"
            record.exc_info = record.exc_text = None
        return True


_QUIET = _OneLineForPagesThatAreNotJson()


def quiet_transient_logs() -> None:
    """python-telegram-bot's log of an HTML error page becomes one warning line (once per process)."""
    logger = logging.getLogger("telegram.request.BaseRequest")
    if _QUIET not in logger.filters:
        logger.addFilter(_QUIET)
