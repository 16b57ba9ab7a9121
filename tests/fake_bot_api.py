"""A hand-written fake of the Telegram Bot API HTTP server, for tests.

Why a real HTTP server instead of mocks: the bot under test talks to it through
python-telegram-bot's real network stack (``Bot``, ``Application``, ``Updater``),
so request encoding, response de-serialisation, long polling, retries and shutdown
are exercised exactly as in production. Only Telegram itself is replaced.

Two ways to run it:

* in an async test: ``async with FakeBotApi(token="123:ABC") as api: ...``
  (or ``await api.start()`` / ``await api.stop()``);
* in a background thread from sync code: ``handle = FakeBotApi.run_in_thread()``.

The fake is deliberately a little strict where real Telegram is strict and bots often
get it wrong (malformed HTML, over-long text, callback data > 64 bytes, answering
a callback query twice, "message is not modified"). Pass ``strict=False`` to turn
those checks off.

Fault-injecting mode (``api.inject_faults(Faults(...))``) makes a seeded random share
of calls fail the ways the real network does: 429 with ``retry_after`` (and, like
Telegram, 429 for every call until that window is over), 502 from the proxy in front,
a connection dropped after the call took effect, slow answers. Each call records the
fault it got and when it arrived; ``api.flood_windows`` lists the 429 windows.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import html
import inspect
import itertools
import json
import math
import random
import re
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from aiohttp import ClientSession, ClientTimeout, web

JSONDict = dict[str, Any]
ApiHandler = Callable[[JSONDict], Any]

DEFAULT_TOKEN = "123:ABC"
DEFAULT_BOT_ID = 123
DEFAULT_BOT_USERNAME = "solieu_test_bot"
DEFAULT_BOT_NAME = "Số Liệu Test"
DEFAULT_USER_ID = 1001
DEFAULT_USERNAME = "tester"
DEFAULT_FIRST_NAME = "Tester"
DEFAULT_GROUP_ID = -4001
DEFAULT_SUPERGROUP_ID = -1001234567890
SECRET_TOKEN_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_MESSAGE_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024
MAX_PHOTO_BYTES = 10 * 1024 * 1024
MAX_CALLBACK_DATA_BYTES = 64

_NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply "
    "markup are exactly the same as a current content and reply markup of the message"
)
_QUERY_TOO_OLD = "Bad Request: query is too old and response timeout expired or query ID is invalid"

# Parameters the Bot API types as String. PTB sends str values unencoded inside
# form bodies and everything else JSON-encoded, so these must never be json-decoded
# (a text of "123" must stay a string).
_STRING_PARAMS = frozenset(
    {
        "text",
        "caption",
        "parse_mode",
        "caption_parse_mode",
        "query",
        "data",
        "callback_query_id",
        "inline_query_id",
        "inline_message_id",
        "url",
        "secret_token",
        "ip_address",
        "next_offset",
        "switch_pm_text",
        "switch_pm_parameter",
        "file_id",
        "emoji",
        "title",
        "description",
        "short_description",
        "name",
        "language_code",
        "action",
        "first_name",
        "last_name",
        "phone_number",
        "vcard",
        "address",
        "foursquare_id",
        "foursquare_type",
        "google_place_id",
        "google_place_type",
        "question",
        "explanation",
        "business_connection_id",
        "message_effect_id",
        "payload",
        "provider_token",
        "currency",
        "start_parameter",
        "sticker_set_name",
        "custom_emoji_id",
        "invite_link",
        "game_short_name",
        "error_message",
        "shipping_query_id",
        "pre_checkout_query_id",
    }
)


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit Telegram uses for entity offsets."""
    return len(text.encode("utf-16-le")) // 2


def entity_for(text: str, fragment: str, type_: str, start: int = 0, **extra: Any) -> JSONDict:
    """Build a MessageEntity dict covering the first ``fragment`` in ``text`` at/after ``start``.

    Saves tests from hand-computing UTF-16 offsets.
    """
    index = text.index(fragment, start)
    return {
        "type": type_,
        "offset": utf16_len(text[:index]),
        "length": utf16_len(fragment),
        **extra,
    }


class BotApiError(Exception):
    """An error reply of the Bot API; raise it from custom handlers to fail a call."""

    def __init__(self, error_code: int, description: str, retry_after: float | None = None) -> None:
        super().__init__(f"{error_code}: {description}")
        self.error_code = error_code
        self.description = description
        self.retry_after = retry_after

    def payload(self) -> JSONDict:
        """The JSON body Telegram sends for this error."""
        body: JSONDict = {
            "ok": False,
            "error_code": self.error_code,
            "description": self.description,
        }
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


def _bad_request(description: str) -> BotApiError:
    return BotApiError(400, f"Bad Request: {description}")


class Fault(StrEnum):
    """What fault-injecting mode did to a call (``Call.fault``)."""

    RATE_LIMITED = "rate_limited"  # 429 with retry_after; opens a flood window
    FLOOD_WAIT = "flood_wait"  # 429 because it arrived inside an open flood window
    SERVER_ERROR = "server_error"  # 502 with nginx's HTML page; not carried out
    DROPPED = "dropped"  # carried out, then the connection closed without an answer
    LOST = "lost"  # the connection closed before the call was carried out: nothing happened
    SLOW = "slow"  # carried out, answered after ``Faults.slow_seconds``


# What nginx in front of the Bot API answers when it cannot reach it: HTML, not JSON.
_BAD_GATEWAY_PAGE = (
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n"
    "</body>\r\n</html>\r\n"
)


@dataclass(frozen=True)
class Faults:
    """Shares (0–1) of calls to ``methods`` that fail each way; the draws are seeded.

    ``retry_after`` may be fractional so tests stay fast (Telegram sends whole seconds).
    """

    rate_limited: float = 0.0
    server_error: float = 0.0
    dropped: float = 0.0
    lost: float = 0.0
    slow: float = 0.0
    retry_after: float = 1.0
    slow_seconds: float = 0.2
    seed: int = 0
    methods: frozenset[str] = frozenset({"sendMessage"})
    max_faults: int | None = None  # stop injecting after this many (flood-wait refusals not counted)


@dataclass(frozen=True)
class FloodWindow:
    """A 429's ``retry_after`` period: calls arriving in ``[start, end)`` are refused."""

    start: float
    end: float

    def __contains__(self, moment: float) -> bool:
        return self.start <= moment < self.end


class _FaultInjector:
    """Draws one fault (or none) per call, and keeps the flood windows it opened."""

    def __init__(self, faults: Faults) -> None:
        self.faults = faults
        self.methods = {method.lower() for method in faults.methods}
        self.random = random.Random(faults.seed)
        self.windows: list[FloodWindow] = []
        self.injected = 0

    def draw(self, call: Call) -> str | None:
        if call.method.lower() not in self.methods:
            return None
        if self.windows and call.at in self.windows[-1]:
            return Fault.FLOOD_WAIT
        if self.faults.max_faults is not None and self.injected >= self.faults.max_faults:
            return None
        roll = self.random.random()
        for fault, share in (
            (Fault.RATE_LIMITED, self.faults.rate_limited),
            (Fault.SERVER_ERROR, self.faults.server_error),
            (Fault.DROPPED, self.faults.dropped),
            (Fault.LOST, self.faults.lost),
            (Fault.SLOW, self.faults.slow),
        ):
            if roll < share:
                self.injected += 1
                return fault
            roll -= share
        return None

    def flood_error(self, call: Call, fault: str) -> BotApiError:
        """A 429 for ``call``: a new window, or what is left of the open one (never 0)."""
        if fault == Fault.RATE_LIMITED:
            self.windows.append(FloodWindow(call.at, call.at + self.faults.retry_after))
        remaining = self.windows[-1].end - call.at
        retry_after: float = max(1, math.ceil(remaining)) if self.faults.retry_after >= 1 else remaining
        return BotApiError(429, f"Too Many Requests: retry after {retry_after}", retry_after)


@dataclass(frozen=True)
class UploadedFile:
    """A file part of a multipart request (e.g. ``sendDocument`` with a local file)."""

    filename: str | None
    content_type: str | None
    content: bytes


@dataclass
class Call:
    """One recorded Bot API request.

    ``result`` is what the fake answered (``None`` until answered, or on error);
    ``error`` is set when the call failed. ``getUpdates`` is recorded on arrival so
    tests can wait for the bot to start polling; all other calls once answered.
    """

    method: str
    params: JSONDict
    result: Any = None
    error: BotApiError | None = None
    at: float = field(default_factory=time.monotonic)  # when the call arrived
    fault: str | None = None  # what fault-injecting mode did to it (a ``Fault`` value)

    @property
    def took_effect(self) -> bool:
        """The call was carried out (even if its answer was then lost on the way back)."""
        return self.error is None and self.result is not None


@dataclass
class _StoredFile:
    file_id: str
    file_unique_id: str
    file_path: str
    content: bytes


def _decode_form_value(key: str, value: str) -> Any:
    """Undo PTB's form encoding: non-string values are JSON-encoded strings."""
    if key in _STRING_PARAMS:
        return value
    try:
        decoded = json.loads(value)
    except ValueError:
        return value
    if isinstance(decoded, str):
        return value
    if isinstance(decoded, float) and not math.isfinite(decoded):
        return value
    return decoded


# --------------------------------------------------------------------------- HTML


_HTML_ENTITY_TYPES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_ATTR_RE = re.compile(r"""([a-zA-Z_-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")
_CHAR_REF_RE = re.compile(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|lt|gt|amp|quot);")


def parse_html(source: str) -> tuple[str, list[JSONDict]]:
    """Parse Telegram-flavoured HTML into (plain text, entities), like the real server.

    Mirrors tdlib's rules so bots that forget to escape ``<`` in user data fail here
    the same way they would in production ("can't parse entities").
    """
    return _HtmlReader(source).read()


class _HtmlReader:
    """One pass over the source: text and character references go out, tags open and close entities."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.out: list[str] = []
        self.pos16 = 0  # the output's length in UTF-16 code units, as entity offsets count
        self.entities: list[JSONDict] = []
        self.stack: list[tuple[str, int, JSONDict]] = []  # (tag, start offset, entity template)

    def read(self) -> tuple[str, list[JSONDict]]:
        i = 0
        while i < len(self.source):
            char = self.source[i]
            if char == "&":
                i = self._character_reference(i)
            elif char != "<":
                self._emit(char)
                i += 1
            elif self.source.startswith("</", i):
                i = self._end_tag(i)
            else:
                i = self._start_tag(i)
        if self.stack:
            raise self._fail(f'Can\'t find end tag corresponding to start tag "{self.stack[-1][0]}"')
        self.entities.sort(key=lambda e: (e["offset"], -e["length"]))
        return "".join(self.out), self.entities

    def _fail(self, message: str) -> BotApiError:
        return _bad_request(f"can't parse entities: {message}")

    def _byte_offset(self, index: int) -> int:
        return len(self.source[:index].encode("utf-8"))

    def _emit(self, text: str) -> None:
        self.out.append(text)
        self.pos16 += utf16_len(text)

    def _character_reference(self, i: int) -> int:
        match = _CHAR_REF_RE.match(self.source, i)
        if not match:
            self._emit("&")
            return i + 1
        self._emit(html.unescape(match.group(0)))
        return match.end()

    def _end_tag(self, i: int) -> int:
        end = self.source.find(">", i)
        if end < 0:
            raise self._fail(f"Unclosed end tag at byte offset {self._byte_offset(i)}")
        name = self.source[i + 2 : end].strip().lower()
        if not self.stack:
            raise self._fail(f"Unexpected end tag at byte offset {self._byte_offset(i)}")
        open_tag, start, template = self.stack.pop()
        if name and name != open_tag:
            raise self._fail(
                f"Unmatched end tag at byte offset {self._byte_offset(i)}, "
                f'expected "</{open_tag}>", found "</{name}>"'
            )
        if template and self.pos16 > start:
            self.entities.append({**template, "offset": start, "length": self.pos16 - start})
        return end + 1

    def _start_tag(self, i: int) -> int:
        source, n = self.source, len(self.source)
        end = source.find(">", i)
        name_end = i + 1
        while name_end < n and not source[name_end].isspace() and source[name_end] != ">":
            name_end += 1
        if name_end >= n:
            raise self._fail(f"Unclosed start tag at byte offset {self._byte_offset(i)}")
        name = source[i + 1 : name_end].lower().rstrip("/")
        if name not in _HTML_ENTITY_TYPES:
            raise self._fail(f'Unsupported start tag "{name}" at byte offset {self._byte_offset(i)}')
        if end < 0:
            raise self._fail(f"Unclosed start tag at byte offset {self._byte_offset(i)}")
        attrs: dict[str, str] = {}
        for match in _ATTR_RE.finditer(source[name_end:end]):
            value = next((g for g in match.groups()[1:] if g is not None), "")
            attrs[match.group(1).lower()] = html.unescape(value)
        template = _html_entity_template(name, attrs, self.stack)
        if name == "span" and attrs.get("class") != "tg-spoiler":
            raise self._fail('Tag "span" must have class "tg-spoiler"')
        self.stack.append((name, self.pos16, template))
        return end + 1


def _html_entity_template(
    name: str, attrs: dict[str, str], stack: list[tuple[str, int, JSONDict]]
) -> JSONDict:
    """Entity fields for an opening tag; empty dict means "no entity"."""
    type_ = _HTML_ENTITY_TYPES[name]
    if name == "a":
        href = attrs.get("href")
        if not href:
            return {}
        if href.startswith("tg://user?id="):
            return {
                "type": "text_mention",
                "user": {"id": int(href.split("=", 1)[1] or 0), "is_bot": False, "first_name": ""},
            }
        return {"type": "text_link", "url": href}
    if name == "tg-emoji":
        return {"type": type_, "custom_emoji_id": attrs.get("emoji-id", "")}
    if name == "blockquote" and "expandable" in attrs:
        return {"type": "expandable_blockquote"}
    if name == "code" and stack and stack[-1][0] == "pre":
        # <pre><code class="language-x"> is one pre entity with a language.
        language = attrs.get("class", "")
        if language.startswith("language-"):
            stack[-1][2]["language"] = language.removeprefix("language-")
        return {}
    return {"type": type_}


# ------------------------------------------------------------------------- server


class FakeBotApi:
    """In-process fake Telegram Bot API server (aiohttp) with update injection.

    ``base_url``/``base_file_url`` plug into ``ApplicationBuilder().base_url(...)`` and
    ``.base_file_url(...)``; PTB appends the token itself.
    """

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        bot_id: int = DEFAULT_BOT_ID,
        bot_username: str = DEFAULT_BOT_USERNAME,
        bot_first_name: str = DEFAULT_BOT_NAME,
        strict: bool = True,
    ) -> None:
        self.token = token
        self.host = host
        self.port = port
        self.strict = strict
        self.bot_user: JSONDict = {
            "id": bot_id,
            "is_bot": True,
            "first_name": bot_first_name,
            "username": bot_username,
        }
        self._lock = threading.RLock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._runner: web.AppRunner | None = None
        self._changed = asyncio.Event()
        self._closing = False
        self._handlers: dict[str, Callable[[JSONDict], Any]] = {
            name.lower(): handler for name, handler in self._builtin_handlers().items()
        }
        self._overrides: dict[str, ApiHandler] = {}
        self._failures: dict[str, list[BotApiError]] = {}
        self._fault_injector: _FaultInjector | None = None
        self._reset_state()

    def _reset_state(self) -> None:
        self._calls: list[Call] = []
        self._updates: list[JSONDict] = []
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1)
        self._query_ids = itertools.count(1)
        self._file_ids = itertools.count(1)
        self._messages: dict[tuple[Any, Any], JSONDict] = {}
        self._sent: list[JSONDict] = []
        self._chats: dict[Any, JSONDict] = {}
        self._files: dict[str, _StoredFile] = {}
        self._files_by_path: dict[str, _StoredFile] = {}
        self._open_queries: set[str] = set()
        self._commands: dict[str, list[JSONDict]] = {}
        self._allowed_updates: list[str] = []
        self._poll_generation = 0
        self.webhook: JSONDict = {}

    # ----------------------------------------------------------------- lifecycle

    @property
    def root_url(self) -> str:
        """``http://host:port`` of the running server."""
        if self._runner is None:
            raise RuntimeError("FakeBotApi is not running")
        return f"http://{self.host}:{self.port}"

    @property
    def base_url(self) -> str:
        """What ``ApplicationBuilder().base_url()`` / ``Bot(base_url=...)`` takes."""
        return f"{self.root_url}/bot"

    @property
    def base_file_url(self) -> str:
        """What ``ApplicationBuilder().base_file_url()`` / ``Bot(base_file_url=...)`` takes."""
        return f"{self.root_url}/file/bot"

    async def start(self) -> FakeBotApi:
        """Bind to ``host:port`` (port 0 = OS-assigned) and serve on the running loop."""
        if self._runner is not None:
            return self
        self._loop = asyncio.get_running_loop()
        self._changed = asyncio.Event()
        self._closing = False
        await self._serve()
        return self

    async def _serve(self) -> None:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_method)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_file)
        runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await runner.setup()
        await web.TCPSite(runner, self.host, self.port).start()
        self.port = runner.addresses[0][1]
        self._runner = runner

    async def outage(self, seconds: float) -> None:
        """Telegram out of reach for ``seconds``: open connections (long polls) are cut and new ones
        refused, then it serves again on the same port, state kept."""
        if self._runner is None:
            raise RuntimeError("FakeBotApi is not running")
        runner, self._runner = self._runner, None
        self._closing = True
        self._wake()
        await runner.cleanup()
        await asyncio.sleep(seconds)
        self._closing = False
        await self._serve()

    async def stop(self) -> None:
        """Stop serving; pending long polls return ``[]`` at once so shutdown is fast."""
        if self._runner is None:
            return
        self._closing = True
        self._wake()
        runner, self._runner = self._runner, None
        await runner.cleanup()

    async def __aenter__(self) -> FakeBotApi:
        return await self.start()

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    @classmethod
    def run_in_thread(cls, token: str = DEFAULT_TOKEN, **kwargs: Any) -> FakeBotApiThread:
        """Start a fake on its own event loop in a daemon thread (for sync harnesses)."""
        return FakeBotApiThread(cls(token, **kwargs))

    # ----------------------------------------------------------- observation API

    def calls(self, method: str | None = None) -> list[Call]:
        """Recorded calls, oldest first; ``method`` filters (case-insensitive)."""
        with self._lock:
            if method is None:
                return list(self._calls)
            wanted = method.lower()
            return [c for c in self._calls if c.method.lower() == wanted]

    async def wait_for(
        self,
        method: str | None,
        count: int = 1,
        timeout: float = 5.0,
        predicate: Callable[[Call], bool] | None = None,
    ) -> list[Call]:
        """Wait until ≥ ``count`` calls of ``method`` (matching ``predicate``) were recorded.

        Returns all matching calls. Raises ``TimeoutError`` listing what *was* called,
        which is usually the fastest way to see why a test failed. Safe to await from
        a loop other than the server's (e.g. with :meth:`run_in_thread`).
        """
        loop = self._require_loop()
        if asyncio.get_running_loop() is not loop:
            future = asyncio.run_coroutine_threadsafe(self.wait_for(method, count, timeout, predicate), loop)
            return await asyncio.wrap_future(future)

        def matching() -> list[Call]:
            found = self.calls(method)
            return [c for c in found if predicate(c)] if predicate else found

        if await self._wait_until(lambda: len(matching()) >= count, timeout):
            return matching()
        seen = [c.method for c in self.calls()]
        raise TimeoutError(
            f"waited {timeout}s for {count} x {method!r}, got {len(matching())}; calls so far: {seen}"
        )

    def sent_messages(self, chat_id: int | str | None = None) -> list[JSONDict]:
        """Message dicts the fake returned for messages the bot sent, oldest first.

        Use them as ``reply_to_message`` / callback ``message`` in pushed updates.
        """
        with self._lock:
            sent = [m for m in self._sent if chat_id is None or m["chat"]["id"] == chat_id]
            return copy.deepcopy(sent)

    def last_sent_message(self, chat_id: int | str | None = None) -> JSONDict:
        """The most recent message the bot sent (``LookupError`` if none)."""
        sent = self.sent_messages(chat_id)
        if not sent:
            raise LookupError("the bot has not sent any message yet")
        return sent[-1]

    def current_message(self, chat_id: int | str, message_id: int) -> JSONDict | None:
        """A message as it is now (after edits), or ``None`` if unknown/deleted."""
        with self._lock:
            found = self._messages.get((chat_id, message_id))
            return copy.deepcopy(found) if found else None

    def pending_updates(self) -> list[JSONDict]:
        """Updates pushed but not yet confirmed by the bot (via getUpdates offset)."""
        with self._lock:
            return copy.deepcopy(self._updates)

    def commands(self, scope: JSONDict | None = None, language_code: str = "") -> list[JSONDict]:
        """Commands last set with setMyCommands for a scope/language."""
        with self._lock:
            return copy.deepcopy(self._commands.get(self._commands_key(scope, language_code), []))

    # ----------------------------------------------------------- behaviour hooks

    def on(self, method: str, handler: ApiHandler) -> None:
        """Override a method: ``handler(params)`` returns the result (may be async).

        Raise :class:`BotApiError` inside it to answer with an error.
        """
        self._overrides[method.lower()] = handler

    def fail_next(
        self,
        method: str,
        error_code: int = 400,
        description: str | None = None,
        *,
        retry_after: float | None = None,
        times: int = 1,
    ) -> None:
        """Make the next ``times`` calls of ``method`` fail (e.g. 429 with retry_after)."""
        if description is None:
            description = (
                f"Too Many Requests: retry after {retry_after or 1}"
                if error_code == 429
                else "Bad Request: injected failure"
            )
        error = BotApiError(error_code, description, retry_after)
        with self._lock:
            self._failures.setdefault(method.lower(), []).extend([error] * times)

    def inject_faults(self, faults: Faults | None) -> None:
        """Turn fault-injecting mode on (or off with ``None``); see :class:`Faults`."""
        with self._lock:
            self._fault_injector = _FaultInjector(faults) if faults else None

    @property
    def flood_windows(self) -> list[FloodWindow]:
        """The 429 windows fault-injecting mode opened, oldest first."""
        with self._lock:
            return list(self._fault_injector.windows) if self._fault_injector else []

    # ------------------------------------------------------------ update builders

    def user(
        self,
        user_id: int = DEFAULT_USER_ID,
        username: str | None = DEFAULT_USERNAME,
        first_name: str = DEFAULT_FIRST_NAME,
    ) -> JSONDict:
        """A realistic (non-bot) User dict."""
        user: JSONDict = {
            "id": user_id,
            "is_bot": False,
            "first_name": first_name,
            "language_code": "vi",
        }
        if username:
            user["username"] = username
        return user

    def chat(
        self,
        chat_type: str = "private",
        chat_id: int | None = None,
        user: JSONDict | None = None,
        title: str | None = None,
    ) -> JSONDict:
        """A realistic Chat dict; group ids default to fixed negative ids."""
        if chat_type == "private":
            user = user or self.user()
            chat: JSONDict = {
                "id": chat_id if chat_id is not None else user["id"],
                "type": "private",
                "first_name": user["first_name"],
            }
            if "username" in user:
                chat["username"] = user["username"]
            return chat
        if chat_type not in ("group", "supergroup", "channel"):
            raise ValueError(f"unknown chat_type {chat_type!r}")
        default_id = DEFAULT_GROUP_ID if chat_type == "group" else DEFAULT_SUPERGROUP_ID
        return {
            "id": chat_id if chat_id is not None else default_id,
            "type": chat_type,
            "title": title or "Nhóm thử nghiệm",
        }

    def push_message(
        self,
        text: str | None,
        *,
        chat_id: int | None = None,
        chat_type: str = "private",
        user_id: int = DEFAULT_USER_ID,
        username: str | None = DEFAULT_USERNAME,
        first_name: str = DEFAULT_FIRST_NAME,
        entities: list[JSONDict] | None = None,
        reply_to_message: JSONDict | None = None,
        **extra: Any,
    ) -> JSONDict:
        """Queue a ``message`` update from a user; ``extra`` keys go into the Message.

        ``text=None`` builds a message without text (used by the media helpers).
        """
        sender = self.user(user_id, username, first_name)
        message: JSONDict = {
            "message_id": next(self._message_ids),
            "from": sender,
            "chat": self.chat(chat_type, chat_id, sender),
            "date": int(time.time()),
        }
        if text is not None:
            message["text"] = text
            if entities:
                message["entities"] = entities
        if reply_to_message is not None:
            message["reply_to_message"] = _strip_reply(reply_to_message)
        message.update(extra)
        return self.push_raw({"message": message})

    def push_command(
        self, command: str, args: str = "", *, mention_bot: bool = False, **kwargs: Any
    ) -> JSONDict:
        """Queue ``/command args`` with a correct ``bot_command`` entity.

        ``mention_bot=True`` sends ``/command@bot_username`` as clients do in groups.
        """
        command = command if command.startswith("/") else f"/{command}"
        if mention_bot:
            command = f"{command}@{self.bot_user['username']}"
        text = f"{command} {args}" if args else command
        entity = {"type": "bot_command", "offset": 0, "length": utf16_len(command)}
        entities = [entity, *(kwargs.pop("entities", None) or [])]
        return self.push_message(text, entities=entities, **kwargs)

    def push_mention(self, text: str, *, chat_type: str = "group", **kwargs: Any) -> JSONDict:
        """Queue ``@bot_username text`` with a ``mention`` entity (default: in a group)."""
        mention = f"@{self.bot_user['username']}"
        full = f"{mention} {text}" if text else mention
        entity = {"type": "mention", "offset": 0, "length": utf16_len(mention)}
        return self.push_message(full, chat_type=chat_type, entities=[entity], **kwargs)

    def push_callback_query(
        self,
        data: str,
        *,
        message: JSONDict | None = None,
        user_id: int = DEFAULT_USER_ID,
        username: str | None = DEFAULT_USERNAME,
        first_name: str = DEFAULT_FIRST_NAME,
        **extra: Any,
    ) -> JSONDict:
        """Queue a button press on ``message`` (default: the bot's last sent message)."""
        if message is None:
            message = self.last_sent_message()
        query: JSONDict = {
            "id": f"cbq{next(self._query_ids)}",
            "from": self.user(user_id, username, first_name),
            "chat_instance": f"ci{message['chat']['id']}",
            "message": copy.deepcopy(message),
            "data": data,
            **extra,
        }
        return self.push_raw({"callback_query": query})

    def push_inline_callback_query(
        self, data: str, *, inline_message_id: str = "inline-1", user_id: int = DEFAULT_USER_ID
    ) -> JSONDict:
        """Queue a button press on a message sent through inline mode: Telegram sends no ``message``,
        only the ``inline_message_id``."""
        query: JSONDict = {
            "id": f"cbq{next(self._query_ids)}",
            "from": self.user(user_id),
            "chat_instance": "ci-inline",
            "inline_message_id": inline_message_id,
            "data": data,
        }
        return self.push_raw({"callback_query": query})

    def push_inline_query(
        self,
        query: str,
        *,
        user_id: int = DEFAULT_USER_ID,
        username: str | None = DEFAULT_USERNAME,
        first_name: str = DEFAULT_FIRST_NAME,
        offset: str = "",
        chat_type: str = "sender",
        **extra: Any,
    ) -> JSONDict:
        """Queue an inline query (``@bot query`` typed in any chat)."""
        inline: JSONDict = {
            "id": f"ilq{next(self._query_ids)}",
            "from": self.user(user_id, username, first_name),
            "query": query,
            "offset": offset,
            "chat_type": chat_type,
            **extra,
        }
        return self.push_raw({"inline_query": inline})

    def push_document(
        self,
        file_name: str,
        content: bytes,
        mime_type: str = "application/octet-stream",
        caption: str | None = None,
        **kwargs: Any,
    ) -> JSONDict:
        """Queue a document message; the bytes are served via getFile + file URL."""
        stored = self.add_file(content, "documents", _extension(file_name))
        document = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_name": file_name,
            "mime_type": mime_type,
            "file_size": len(content),
        }
        return self._push_media({"document": document}, caption, kwargs)

    def push_photo(
        self,
        content: bytes = b"\xff\xd8\xff\xe0fake-jpeg",
        caption: str | None = None,
        width: int = 1280,
        height: int = 720,
        **kwargs: Any,
    ) -> JSONDict:
        """Queue a photo message (thumbnail + full size, both downloadable)."""
        sizes = []
        for scale in (4, 1):
            stored = self.add_file(content, "photos", ".jpg")
            sizes.append(
                {
                    "file_id": stored.file_id,
                    "file_unique_id": stored.file_unique_id,
                    "width": width // scale,
                    "height": height // scale,
                    "file_size": len(content),
                }
            )
        return self._push_media({"photo": sizes}, caption, kwargs)

    def push_voice(self, content: bytes = b"OggSfake-voice", duration: int = 3, **kwargs: Any) -> JSONDict:
        """Queue a voice note message."""
        stored = self.add_file(content, "voice", ".oga")
        voice = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "duration": duration,
            "mime_type": "audio/ogg",
            "file_size": len(content),
        }
        return self._push_media({"voice": voice}, None, kwargs)

    def push_sticker(self, emoji: str = "👍", **kwargs: Any) -> JSONDict:
        """Queue a (static) sticker message."""
        stored = self.add_file(b"RIFFfake-webp", "stickers", ".webp")
        sticker = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": emoji,
            "set_name": "SolieuTestStickers",
            "file_size": len(stored.content),
        }
        return self._push_media({"sticker": sticker}, None, kwargs)

    def _push_media(self, media: JSONDict, caption: str | None, kwargs: JSONDict) -> JSONDict:
        extra = dict(kwargs)
        if caption is not None:
            extra["caption"] = caption
            caption_entities = extra.pop("caption_entities", None)
            if caption_entities:
                extra["caption_entities"] = caption_entities
        return self.push_message(None, **media, **extra)

    def push_raw(self, update: JSONDict) -> JSONDict:
        """Queue any update dict; ``update_id`` is assigned if missing."""
        update = copy.deepcopy(update)
        with self._lock:
            if "update_id" not in update:
                update["update_id"] = next(self._update_ids)
            self._remember_update(update)
            self._updates.append(update)
        self._notify()
        return copy.deepcopy(update)

    def add_file(self, content: bytes, folder: str = "documents", extension: str = "") -> _StoredFile:
        """Store bytes as a Telegram file so getFile and the file URL serve them."""
        with self._lock:
            number = next(self._file_ids)
            stored = _StoredFile(
                file_id=f"BQACAgIAAx{number:06d}fake",
                file_unique_id=f"AgAD{number:04d}",
                file_path=f"{folder}/file_{number}{extension}",
                content=bytes(content),
            )
            self._files[stored.file_id] = stored
            self._files_by_path[stored.file_path] = stored
        return stored

    async def deliver_webhook(self, update: JSONDict) -> int:
        """POST an update to the webhook the bot registered with setWebhook."""
        if not self.webhook.get("url"):
            raise RuntimeError("no webhook set")
        return await post_update(self.webhook["url"], update, self.webhook.get("secret_token"))

    # ------------------------------------------------------------------ internals

    def _require_loop(self) -> asyncio.AbstractEventLoop:
        if self._loop is None:
            raise RuntimeError("FakeBotApi has not been started")
        return self._loop

    def _wake(self) -> None:
        """Wake every waiter; runs on the server loop only."""
        self._changed.set()
        self._changed = asyncio.Event()

    def _notify(self) -> None:
        """Signal a state change from any thread (pushes may come from a sync harness)."""
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        try:
            running: asyncio.AbstractEventLoop | None = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is loop:
            self._wake()
        else:
            with contextlib.suppress(RuntimeError):  # loop closed meanwhile
                loop.call_soon_threadsafe(self._wake)

    async def _wait_until(self, condition: Callable[[], bool], timeout: float) -> bool:
        """Event-driven wait (no polling sleeps) for ``condition`` on the server loop."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not condition():
            remaining = deadline - loop.time()
            if remaining <= 0 or self._closing:
                return condition()
            event = self._changed
            try:
                await asyncio.wait_for(event.wait(), remaining)
            except TimeoutError:
                return condition()
        return True

    def _record(self, call: Call) -> None:
        with self._lock:
            self._calls.append(call)
        self._notify()

    def _remember_update(self, update: JSONDict) -> None:
        """Index messages/chats/queries in an update so later calls can refer to them."""
        for key in ("message", "edited_message", "channel_post", "edited_channel_post"):
            if key in update:
                self._remember_message(update[key])
        if "callback_query" in update:
            query = update["callback_query"]
            self._open_queries.add(query["id"])
            if "message" in query and "chat" in query["message"]:
                msg = query["message"]
                msg_key = (msg["chat"]["id"], msg["message_id"])
                self._messages.setdefault(msg_key, copy.deepcopy(msg))
                self._chats.setdefault(msg["chat"]["id"], msg["chat"])
        if "inline_query" in update:
            self._open_queries.add(update["inline_query"]["id"])

    def _remember_message(self, message: JSONDict) -> None:
        chat = message["chat"]
        self._chats[chat["id"]] = copy.deepcopy(chat)
        if chat.get("username"):
            self._chats[f"@{chat['username']}"] = self._chats[chat["id"]]
        self._messages[(chat["id"], message["message_id"])] = copy.deepcopy(message)

    def _commands_key(self, scope: JSONDict | None, language_code: str | None) -> str:
        scope = scope or {"type": "default"}
        return json.dumps([scope, language_code or ""], sort_keys=True)

    # ------------------------------------------------------------- HTTP handlers

    async def _handle_method(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.json_response(BotApiError(401, "Unauthorized").payload(), status=401)
        method = request.match_info["method"]
        try:
            params = await _read_params(request)
        except ValueError as exc:
            error = _bad_request(str(exc))
            return web.json_response(error.payload(), status=error.error_code)
        call = Call(method, params)
        is_poll = method.lower() == "getupdates"
        if is_poll:
            self._record(call)
        try:
            call.result = await self._dispatch_with_faults(call)
        except BotApiError as error:
            call.error = error
        if is_poll:
            self._notify()
        else:
            self._record(call)
        if call.fault in (Fault.DROPPED, Fault.LOST) and request.transport is not None:
            request.transport.close()  # dropped: it took effect; lost: it did not; no answer either way
        if call.fault == Fault.SERVER_ERROR:
            return web.Response(status=502, text=_BAD_GATEWAY_PAGE, content_type="text/html")
        if call.error is not None:
            return web.json_response(call.error.payload(), status=call.error.error_code)
        return web.json_response({"ok": True, "result": call.result})

    async def _dispatch_with_faults(self, call: Call) -> Any:
        """Carry out ``call``, unless fault-injecting mode refuses it; slow calls wait first."""
        with self._lock:
            injector = self._fault_injector
            call.fault = injector.draw(call) if injector else None
            if injector and call.fault in (Fault.RATE_LIMITED, Fault.FLOOD_WAIT):
                raise injector.flood_error(call, call.fault)
        if call.fault == Fault.SERVER_ERROR:
            raise BotApiError(502, "Bad Gateway")
        if call.fault == Fault.LOST:
            return None
        if injector and call.fault == Fault.SLOW:
            await asyncio.sleep(injector.faults.slow_seconds)
        return await self._dispatch(call.method, call.params)

    async def _dispatch(self, method: str, params: JSONDict) -> Any:
        key = method.lower()
        with self._lock:
            queued = self._failures.get(key)
            if queued:
                raise queued.pop(0)
        override = self._overrides.get(key)
        if override is not None:
            result = override(params)
            return await result if inspect.isawaitable(result) else result
        if key == "getupdates":
            return await self._get_updates(params)
        handler = self._handlers.get(key)
        if handler is None:
            return True  # unknown methods are recorded and succeed
        with self._lock:
            return handler(params)

    async def _handle_file(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.json_response(BotApiError(401, "Unauthorized").payload(), status=401)
        stored = self._files_by_path.get(request.match_info["path"])
        if stored is None:
            return web.json_response(BotApiError(404, "Not Found").payload(), status=404)
        return web.Response(body=stored.content, content_type="application/octet-stream")

    # --------------------------------------------------------- Bot API methods

    def _builtin_handlers(self) -> dict[str, Callable[[JSONDict], Any]]:
        return {
            "getMe": self._get_me,
            "logOut": lambda _p: True,
            "close": lambda _p: True,
            "deleteWebhook": self._delete_webhook,
            "setWebhook": self._set_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "setMyCommands": self._set_my_commands,
            "getMyCommands": self._get_my_commands,
            "deleteMyCommands": self._delete_my_commands,
            "sendMessage": self._send_message,
            "editMessageText": self._edit_message_text,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "answerCallbackQuery": self._answer_callback_query,
            "answerInlineQuery": self._answer_inline_query,
            "sendChatAction": lambda _p: True,
            "deleteMessage": self._delete_message,
            "getFile": self._get_file,
            "sendDocument": self._send_document,
            "sendPhoto": self._send_photo,
        }

    def _get_me(self, _params: JSONDict) -> JSONDict:
        return {
            **self.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def _get_updates(self, params: JSONDict) -> list[JSONDict]:
        """Long polling with Telegram's semantics (offset confirms, 409 on conflicts)."""
        if self.webhook.get("url"):
            raise BotApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        offset = int(params.get("offset") or 0)
        limit = min(max(int(params.get("limit") or 100), 1), 100)
        timeout = max(float(params.get("timeout") or 0), 0.0)
        with self._lock:
            if isinstance(params.get("allowed_updates"), list):
                self._allowed_updates = list(params["allowed_updates"])
            self._confirm(offset)
            self._poll_generation += 1
            generation = self._poll_generation
        self._notify()  # terminates an older poll still waiting, like Telegram does

        def batch() -> list[JSONDict]:
            with self._lock:
                if self._allowed_updates:
                    allowed = set(self._allowed_updates)
                    self._updates = [u for u in self._updates if _update_type(u) in allowed]
                return copy.deepcopy(self._updates[:limit])

        superseded = False

        def ready() -> bool:
            nonlocal superseded
            superseded = self._poll_generation != generation
            return superseded or bool(batch())

        await self._wait_until(ready, timeout)
        if superseded:
            raise BotApiError(
                409,
                "Conflict: terminated by other getUpdates request; make sure that only "
                "one bot instance is running",
            )
        return [] if self._closing else batch()

    def _confirm(self, offset: int) -> None:
        if offset > 0:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        elif offset < 0:
            self._updates = self._updates[offset:]

    def _delete_webhook(self, params: JSONDict) -> bool:
        self.webhook = {}
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    def _set_webhook(self, params: JSONDict) -> bool:
        if params.get("drop_pending_updates"):
            self._updates.clear()
        self.webhook = {
            key: params[key]
            for key in ("url", "secret_token", "max_connections", "allowed_updates", "ip_address")
            if key in params
        }
        return True

    def _get_webhook_info(self, _params: JSONDict) -> JSONDict:
        info: JSONDict = {
            "url": self.webhook.get("url", ""),
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }
        for key in ("max_connections", "allowed_updates", "ip_address"):
            if key in self.webhook:
                info[key] = self.webhook[key]
        return info

    def _set_my_commands(self, params: JSONDict) -> bool:
        commands = params.get("commands") or []
        if self.strict:
            if len(commands) > 100:
                raise _bad_request("too many commands")
            for command in commands:
                if not re.fullmatch(r"[a-z0-9_]{1,32}", command.get("command", "")):
                    raise _bad_request("BOT_COMMAND_INVALID")
                if not 1 <= len(command.get("description", "")) <= 256:
                    raise _bad_request("command description is empty")
        key = self._commands_key(params.get("scope"), params.get("language_code"))
        self._commands[key] = copy.deepcopy(commands)
        return True

    def _get_my_commands(self, params: JSONDict) -> list[JSONDict]:
        key = self._commands_key(params.get("scope"), params.get("language_code"))
        return copy.deepcopy(self._commands.get(key, []))

    def _delete_my_commands(self, params: JSONDict) -> bool:
        key = self._commands_key(params.get("scope"), params.get("language_code"))
        self._commands.pop(key, None)
        return True

    def _chat_for(self, chat_id: Any) -> JSONDict:
        if chat_id is None:
            raise _bad_request("chat_id is empty")
        known = self._chats.get(chat_id)
        if known is not None:
            return copy.deepcopy(known)
        if isinstance(chat_id, str):
            if not chat_id.startswith("@"):
                raise _bad_request("chat not found")
            return {"id": -1009999999999, "type": "channel", "title": chat_id[1:], "username": chat_id[1:]}
        if chat_id > 0:
            return {"id": chat_id, "type": "private", "first_name": f"User {chat_id}"}
        chat_type = "supergroup" if str(chat_id).startswith("-100") else "group"
        return {"id": chat_id, "type": chat_type, "title": f"Chat {chat_id}"}

    def _render(
        self,
        text: str | None,
        parse_mode: str | None,
        entities: list[JSONDict] | None,
        limit: int,
        empty_error: str | None,
    ) -> tuple[str, list[JSONDict]]:
        """Apply parse_mode like Telegram: HTML is parsed into plain text + entities."""
        text = text or ""
        if entities:
            rendered, parsed = text, list(entities)
        elif parse_mode and parse_mode.upper() == "HTML":
            rendered, parsed = parse_html(text)
        else:
            # Markdown modes are passed through unparsed (not modelled by the fake).
            rendered, parsed = text, []
        if self.strict:
            if empty_error and not rendered.strip():
                raise _bad_request(empty_error)
            if utf16_len(rendered) > limit:
                raise _bad_request(
                    "message is too long" if limit == MAX_MESSAGE_LENGTH else "message caption is too long"
                )
        return rendered, parsed

    def _inline_markup(self, params: JSONDict) -> JSONDict | None:
        """The reply_markup a Message echoes: only inline keyboards are echoed."""
        markup = params.get("reply_markup")
        if not isinstance(markup, dict) or "inline_keyboard" not in markup:
            return None
        if self.strict:
            for row in markup["inline_keyboard"]:
                for button in row:
                    data = button.get("callback_data")
                    size = len(data.encode("utf-8")) if data is not None else 1
                    if not 1 <= size <= MAX_CALLBACK_DATA_BYTES:
                        raise _bad_request("BUTTON_DATA_INVALID")
        return copy.deepcopy(markup)

    def _new_bot_message(self, params: JSONDict, content: JSONDict) -> JSONDict:
        """Build, store and return a Message the bot sent, as Telegram would."""
        chat = self._chat_for(params.get("chat_id"))
        message: JSONDict = {
            "message_id": next(self._message_ids),
            "from": copy.deepcopy(self.bot_user),
            "chat": chat,
            "date": int(time.time()),
        }
        if params.get("message_thread_id") is not None:
            message["message_thread_id"] = params["message_thread_id"]
        message.update(content)
        reply = params.get("reply_parameters") or {}
        reply_id = reply.get("message_id", params.get("reply_to_message_id"))
        if reply_id is not None:
            reply_chat = self._chats.get(reply.get("chat_id"), chat)
            original = self._messages.get((reply_chat["id"], reply_id))
            if original is not None:
                message["reply_to_message"] = _strip_reply(original)
            elif self.strict and not (
                reply.get("allow_sending_without_reply") or params.get("allow_sending_without_reply")
            ):
                raise _bad_request("message to be replied not found")
        markup = self._inline_markup(params)
        if markup is not None:
            message["reply_markup"] = markup
        self._remember_message(message)
        self._sent.append(copy.deepcopy(message))
        return message

    def _text_content(self, params: JSONDict) -> JSONDict:
        """The text and entities of sendMessage or editMessageText, as Telegram stores them."""
        text, entities = self._render(
            params.get("text"),
            params.get("parse_mode"),
            params.get("entities"),
            MAX_MESSAGE_LENGTH,
            "message text is empty",
        )
        return {"text": text, **({"entities": entities} if entities else {})}

    def _send_message(self, params: JSONDict) -> JSONDict:
        content = self._text_content(params)
        if params.get("link_preview_options"):
            content["link_preview_options"] = params["link_preview_options"]
        return self._new_bot_message(params, content)

    def _media_caption(self, params: JSONDict) -> JSONDict:
        if params.get("caption") is None:
            return {}
        caption, entities = self._render(
            params["caption"],
            params.get("parse_mode"),
            params.get("caption_entities"),
            MAX_CAPTION_LENGTH,
            None,
        )
        return {"caption": caption, **({"caption_entities": entities} if entities else {})}

    def _upload(self, value: Any, folder: str, default_name: str) -> tuple[_StoredFile, str]:
        if isinstance(value, UploadedFile):
            name = value.filename or default_name
            return self.add_file(value.content, folder, _extension(name)), name
        if isinstance(value, str) and value in self._files:
            stored = self._files[value]
            return stored, stored.file_path.rsplit("/", 1)[-1]
        # A URL or unknown file_id: Telegram would fetch it; store an empty placeholder.
        return self.add_file(b"", folder, _extension(default_name)), default_name

    def _send_document(self, params: JSONDict) -> JSONDict:
        stored, name = self._upload(params.get("document"), "documents", "document")
        upload = params.get("document")
        mime = upload.content_type if isinstance(upload, UploadedFile) else None
        document = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_name": name,
            "mime_type": mime or "application/octet-stream",
            "file_size": len(stored.content),
        }
        return self._new_bot_message(params, {"document": document, **self._media_caption(params)})

    def _send_photo(self, params: JSONDict) -> JSONDict:
        """Like Telegram: an uploaded photo must be an image it can read (PNG or JPEG here) of at most
        10 MB, whose width and height add up to at most 10000 and differ by at most 20 times."""
        upload = params.get("photo")
        width, height = 1280, 720
        if isinstance(upload, UploadedFile):
            size = _image_size(upload.content)
            if self.strict and (size is None or len(upload.content) > MAX_PHOTO_BYTES):
                raise _bad_request("IMAGE_PROCESS_FAILED" if size is None else "PHOTO_SAVE_FILE_INVALID")
            width, height = size or (width, height)
            if self.strict and (width + height > 10000 or max(width, height) > 20 * min(width, height)):
                raise _bad_request("PHOTO_INVALID_DIMENSIONS")
        stored, _name = self._upload(upload, "photos", "photo.jpg")
        photo = [
            {
                "file_id": stored.file_id,
                "file_unique_id": stored.file_unique_id,
                "width": width,
                "height": height,
                "file_size": len(stored.content),
            }
        ]
        return self._new_bot_message(params, {"photo": photo, **self._media_caption(params)})

    def _editable(self, params: JSONDict) -> JSONDict | None:
        """The stored message an edit targets, or None for inline messages."""
        if params.get("inline_message_id"):
            return None
        chat_id, message_id = params.get("chat_id"), params.get("message_id")
        key = (self._chat_for(chat_id)["id"], message_id)
        message = self._messages.get(key)
        if message is None:
            if self.strict:
                raise _bad_request("message to edit not found")
            message = {
                "message_id": message_id,
                "from": copy.deepcopy(self.bot_user),
                "chat": self._chat_for(chat_id),
                "date": int(time.time()),
            }
            self._messages[key] = message
        if self.strict and message.get("from", {}).get("id") != self.bot_user["id"]:
            raise _bad_request("message can't be edited")
        return message

    def _edit(self, params: JSONDict, content: JSONDict) -> JSONDict | bool:
        """Replace text/entities (if ``content`` has text) and the keyboard of a message.

        Like Telegram, an edit without reply_markup removes the inline keyboard.
        """
        markup = self._inline_markup(params)
        message = self._editable(params)
        if message is None:
            return True
        replaced = {"reply_markup", "edit_date"}
        if "text" in content:
            replaced |= {"text", "entities"}
        updated = {k: v for k, v in message.items() if k not in replaced}
        updated.update(content)
        if markup is not None:
            updated["reply_markup"] = markup
        if self.strict:
            old = (message.get("text"), message.get("entities") or [], message.get("reply_markup"))
            new = (updated.get("text"), updated.get("entities") or [], updated.get("reply_markup"))
            if old == new:
                raise _bad_request(_NOT_MODIFIED.removeprefix("Bad Request: "))
        updated["edit_date"] = int(time.time())
        self._messages[(message["chat"]["id"], message["message_id"])] = updated
        return copy.deepcopy(updated)

    def _edit_message_text(self, params: JSONDict) -> JSONDict | bool:
        return self._edit(params, self._text_content(params))

    def _edit_message_reply_markup(self, params: JSONDict) -> JSONDict | bool:
        return self._edit(params, {})

    def _answer_callback_query(self, params: JSONDict) -> bool:
        query_id = params.get("callback_query_id")
        if self.strict:
            if query_id not in self._open_queries:
                raise _bad_request(_QUERY_TOO_OLD.removeprefix("Bad Request: "))
            if len(params.get("text") or "") > 200:
                raise _bad_request("MESSAGE_TOO_LONG")
        self._open_queries.discard(query_id)
        return True

    def _answer_inline_query(self, params: JSONDict) -> bool:
        query_id = params.get("inline_query_id")
        results = params.get("results") or []
        if self.strict:
            if query_id not in self._open_queries:
                raise _bad_request(_QUERY_TOO_OLD.removeprefix("Bad Request: "))
            if len(results) > 50:
                raise _bad_request("RESULTS_TOO_MUCH")
            ids = [str(r.get("id", "")) for r in results]
            if any(not 1 <= len(i.encode("utf-8")) <= 64 for i in ids):
                raise _bad_request("RESULT_ID_INVALID")
            if len(set(ids)) != len(ids):
                raise _bad_request("RESULT_ID_DUPLICATE")
        self._open_queries.discard(query_id)
        return True

    def _delete_message(self, params: JSONDict) -> bool:
        key = (self._chat_for(params.get("chat_id"))["id"], params.get("message_id"))
        if self._messages.pop(key, None) is None and self.strict:
            raise _bad_request("message to delete not found")
        return True

    def _get_file(self, params: JSONDict) -> JSONDict:
        stored = self._files.get(params.get("file_id", ""))
        if stored is None:
            raise _bad_request("invalid file_id")
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.content),
            "file_path": stored.file_path,
        }


def _image_size(content: bytes) -> tuple[int, int] | None:
    """Width and height of a PNG (from its header) or a JPEG (from its frame marker); None for
    anything else."""
    if content.startswith(b"\x89PNG\r\n\x1a\n") and content[12:16] == b"IHDR":
        return int.from_bytes(content[16:20], "big"), int.from_bytes(content[20:24], "big")
    if content.startswith(b"\xff\xd8"):
        position = 2
        while position + 9 < len(content) and content[position] == 0xFF:
            marker, length = (
                content[position + 1],
                int.from_bytes(content[position + 2 : position + 4], "big"),
            )
            if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
                height = int.from_bytes(content[position + 5 : position + 7], "big")
                return int.from_bytes(content[position + 7 : position + 9], "big"), height
            position += 2 + length
    return None


def _strip_reply(message: JSONDict) -> JSONDict:
    """Telegram nests reply_to_message only one level deep."""
    return {k: copy.deepcopy(v) for k, v in message.items() if k != "reply_to_message"}


def _update_type(update: JSONDict) -> str:
    return next((k for k in update if k != "update_id"), "")


def _extension(file_name: str) -> str:
    dot = file_name.rfind(".")
    return file_name[dot:] if dot > 0 else ""


async def _read_params(request: web.Request) -> JSONDict:
    """Parse a Bot API request the way Telegram does: query, JSON, form or multipart."""
    params: JSONDict = {k: _decode_form_value(k, v) for k, v in request.query.items()}
    if not request.can_read_body:
        return params
    if request.content_type == "application/json":
        body = await request.json()
        if not isinstance(body, dict):
            raise ValueError("JSON body must be an object")
        params.update(body)
        return params
    form = await request.post()
    for key, value in form.items():
        if isinstance(value, web.FileField):
            params[key] = UploadedFile(value.filename, value.content_type, value.file.read())
        else:
            params[key] = _decode_form_value(key, str(value))
    return params


async def post_update(url: str, update: JSONDict, secret_token: str | None = None) -> int:
    """POST an update to a bot's webhook like Telegram does; returns the HTTP status."""
    headers = {SECRET_TOKEN_HEADER: secret_token} if secret_token is not None else {}
    async with (
        ClientSession(timeout=ClientTimeout(total=10)) as session,
        session.post(url, json=update, headers=headers) as response,
    ):
        await response.read()
        return response.status


# ------------------------------------------------------------- sync harnesses


class FakeBotApiThread:
    """A :class:`FakeBotApi` serving from its own loop in a daemon thread.

    Push helpers and ``calls()`` on :attr:`api` are thread-safe; use the sync
    :meth:`wait_for` here instead of the async one.
    """

    def __init__(self, api: FakeBotApi) -> None:
        self.api = api
        self.loop = asyncio.new_event_loop()
        started = threading.Event()
        failure: list[BaseException] = []

        def serve() -> None:
            asyncio.set_event_loop(self.loop)
            try:
                self.loop.run_until_complete(api.start())
            except BaseException as exc:  # re-raised in the caller thread
                failure.append(exc)
                started.set()
                return
            started.set()
            self.loop.run_forever()

        self._thread = threading.Thread(target=serve, name="FakeBotApi", daemon=True)
        self._thread.start()
        started.wait()
        if failure:
            self.loop.close()
            raise failure[0]

    @property
    def base_url(self) -> str:
        return self.api.base_url

    @property
    def base_file_url(self) -> str:
        return self.api.base_file_url

    def wait_for(
        self,
        method: str | None,
        count: int = 1,
        timeout: float = 5.0,
        predicate: Callable[[Call], bool] | None = None,
    ) -> list[Call]:
        """Blocking version of :meth:`FakeBotApi.wait_for`."""
        future = asyncio.run_coroutine_threadsafe(
            self.api.wait_for(method, count, timeout, predicate), self.loop
        )
        return future.result(timeout + 5)

    def run(self, coroutine: Awaitable[Any], timeout: float = 10.0) -> Any:
        """Run a coroutine (e.g. ``api.deliver_webhook(...)``) on the server loop."""

        async def wrapper() -> Any:
            return await coroutine

        return asyncio.run_coroutine_threadsafe(wrapper(), self.loop).result(timeout)

    def stop(self) -> None:
        """Stop the server, the loop and the thread (idempotent)."""
        if self.loop.is_closed():
            return
        asyncio.run_coroutine_threadsafe(self.api.stop(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(10)
        self.loop.close()

    def __enter__(self) -> FakeBotApiThread:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()
