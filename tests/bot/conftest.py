"""The real bot (build_application) against the fake Bot API on 127.0.0.1, with the real engine,
started by `tests.bot.running` on the test's event loop."""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import pytest_asyncio
from telegram.ext import Application

from bot.app import build_application
from bot.services import Engine
from foundation.settings import Settings
from tests.bot.running import running
from tests.conftest import make_settings
from tests.fake_bot_api import DEFAULT_TOKEN, DEFAULT_USER_ID, Call, FakeBotApi

TOKEN = DEFAULT_TOKEN
USER_ID = DEFAULT_USER_ID
ADMIN_ID = 4242
EXPORT_QUESTION = "Kim ngạch xuất khẩu của Bắc Ninh năm 2020 là bao nhiêu?"
EXPORT_FIGURE = "38.905 triệu USD"
EXPORT_SOURCE = "002_ab3f7892cfbcae5d"
WAIT = 10.0  # seconds: generous for a loaded CI machine, and every wait is bounded by it


def bot_settings(api: FakeBotApi, data_dir: Path, **overrides) -> Settings:
    return make_settings(
        data_dir,
        telegram_token=TOKEN,
        telegram_base_url=api.base_url,
        telegram_base_file_url=overrides.pop("telegram_base_file_url", api.base_file_url),
        admin_ids=overrides.pop("admin_ids", [ADMIN_ID]),
        **overrides,
    )


@dataclass
class RunningBot:
    """A running bot and its fake Telegram: push updates, then wait for what the bot sent."""

    api: FakeBotApi
    application: Application
    settings: Settings

    def mark(self, method: str = "sendMessage") -> int:
        return len(self.api.calls(method))

    async def sent_since(self, mark: int, count: int = 1, method: str = "sendMessage") -> list[Call]:
        calls = await self.api.wait_for(method, mark + count, WAIT)
        return calls[mark:]

    async def reply_to(self, push, count: int = 1, method: str = "sendMessage") -> list[Call]:
        """Push one update (a call of `push`) and wait for the bot's `count` calls of `method`."""
        mark = self.mark(method)
        push()
        return await self.sent_since(mark, count, method)

    async def exchange(self, push) -> tuple[dict, Call]:
        """Push one update (a call of `push`) and wait for the one message the bot sends back."""
        mark = self.mark()
        pushed = push()
        [reply] = await self.sent_since(mark)
        return pushed, reply

    async def ask(self, text: str, **kwargs) -> Call:
        [call] = await self.reply_to(lambda: self.api.push_message(text, **kwargs))
        return call


@contextlib.asynccontextmanager
async def started_bot(settings_dir: Path, engine: Engine, **overrides) -> AsyncIterator[RunningBot]:
    async with FakeBotApi(TOKEN) as api:
        settings = bot_settings(api, settings_dir, **overrides)
        async with running(build_application(settings, engine)) as application:
            yield RunningBot(api, application, settings)


@pytest_asyncio.fixture
async def bot(tmp_path, engine) -> AsyncIterator[RunningBot]:
    """The bot on the session's read-only engine (bundled corpus); feedback goes to tmp_path."""
    async with started_bot(tmp_path, engine) as running_bot:
        yield running_bot


@pytest.fixture
def own_engine(tmp_path, engine_settings, engine):
    """An engine of its own (a copy of the session engine's index) for tests that add articles or rebuild."""
    from answer.engine import AnswerEngine

    data_dir = tmp_path / "engine-data"
    shutil.copytree(engine_settings.resolved_index_dir, data_dir / "index")
    engine = AnswerEngine.open(make_settings(data_dir), progress=False)
    yield engine
    engine.close()


def text_of(call: Call) -> str:
    """What the user reads: the text after Telegram parsed the HTML."""
    return call.result["text"]


def buttons_of(call: Call) -> list[str]:
    markup = call.params.get("reply_markup") or {}
    return [button["text"] for row in markup.get("inline_keyboard", []) for button in row]


def callback_of(call: Call, label: str) -> str:
    markup = call.params["reply_markup"]
    return next(b["callback_data"] for row in markup["inline_keyboard"] for b in row if b["text"] == label)
