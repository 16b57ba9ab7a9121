"""Telegram round-trip latency: update pushed to a loopback fake Bot API → the bot's sendMessage.

    python benchmarks/bot_latency.py [--questions 200] [--data-dir DIR]

The real application (build_application: long polling, AIORateLimiter, concurrent updates, the
real engine on the bundled corpus) runs on this process's event loop; the fake Bot API
(tests/fake_bot_api.py, needs the test extra's aiohttp) serves from its own thread. Questions are
asked one after another, cycling through the dev questions. Prints p50/p95/max in ms and the count.
Target: p50 ≤ 50 ms on a 2-core box.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from running_bot import dev_questions, running_bot
from statistics_of import percentile

from answer.engine import AnswerEngine
from foundation.settings import Settings
from tests.fake_bot_api import DEFAULT_TOKEN

WARM_UP = 10
UNLIMITED = 1_000_000
TIMEOUT = 30.0


async def measure(settings: Settings, engine: AnswerEngine, questions: list[str], count: int) -> list[float]:
    latencies = []
    async with running_bot(settings, engine, TIMEOUT) as fake:
        for number in range(WARM_UP + count):
            pushed_at = time.monotonic()
            fake.api.push_message(questions[number % len(questions)])
            calls = await fake.api.wait_for("sendMessage", number + 1, TIMEOUT)
            if number >= WARM_UP:
                latencies.append((calls[number].at - pushed_at) * 1000)
    return latencies


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--questions", type=int, default=200, help="questions to time (after a warm-up)")
    parser.add_argument("--data-dir", type=Path, help="reuse an index here (default: a fresh temporary one)")
    args = parser.parse_args()
    questions = dev_questions()

    with tempfile.TemporaryDirectory() as scratch:
        engine_settings = Settings(_env_file=None, data_dir=args.data_dir or Path(scratch))
        started = time.perf_counter()
        engine = AnswerEngine.open(engine_settings, progress=False)
        open_seconds = time.perf_counter() - started
        # The bot's own files (feedback) stay in the scratch directory, never in a reused data dir.
        # One user asks every question in turn: flood control would rightly stop them, so it is lifted
        # here to time the answers themselves.
        bot_settings = Settings(
            _env_file=None,
            data_dir=Path(scratch),
            telegram_token=DEFAULT_TOKEN,
            questions_per_minute_per_user=UNLIMITED,
            questions_per_minute_per_chat=UNLIMITED,
        )
        try:
            latencies = asyncio.run(measure(bot_settings, engine, questions, args.questions))
        finally:
            engine.close()

    print(f"engine open (model + index{', built' if not args.data_dir else ''}): {open_seconds:.2f} s")
    print(
        f"update → sendMessage over {len(latencies)} private questions: p50 {statistics.median(latencies):.1f} ms, "
        f"p95 {percentile(latencies, 0.95):.1f} ms, max {max(latencies):.1f} ms"
    )


if __name__ == "__main__":
    main()
