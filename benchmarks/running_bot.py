"""The real bot, polling a fake Bot API on loopback: what the bot benchmarks drive."""

from __future__ import annotations

import json
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # run as a script from anywhere: the fake Bot API lives in tests/
QUESTIONS = REPO / "tests" / "data" / "dev_questions.jsonl"

from answer.engine import AnswerEngine
from bot.app import build_application
from foundation.settings import Settings
from tests.bot.running import polling, running
from tests.fake_bot_api import DEFAULT_TOKEN, FakeBotApi, FakeBotApiThread


def dev_questions() -> list[str]:
    """The seed dev questions the bot benchmarks ask."""
    return [json.loads(line)["q"] for line in QUESTIONS.open(encoding="utf-8")]


@asynccontextmanager
async def running_bot(
    settings: Settings, engine: AnswerEngine, timeout: float
) -> AsyncIterator[FakeBotApiThread]:
    """Start the bot against a fresh fake, wait until it polls, and stop both on the way out."""
    fake = FakeBotApi.run_in_thread(DEFAULT_TOKEN)
    settings = settings.model_copy(
        update={"telegram_base_url": fake.base_url, "telegram_base_file_url": fake.base_file_url}
    )
    try:
        async with running(build_application(settings, engine), polling(timeout=10)):
            await fake.api.wait_for("getUpdates", timeout=timeout)
            yield fake
    finally:
        fake.stop()
