"""A burst of questions through the real bot: do they all get answered, within Telegram's limits?

    python benchmarks/bot_load.py [--chats 100] [--per-chat 5] [--data-dir DIR]

Pushes chats × per-chat question updates at once (by default 500 from 100 chats: 60 private chats
and 40 groups, where each question comes from a different member mentioning the bot) to a loopback
fake Bot API (tests/fake_bot_api.py, needs the test extra's aiohttp) and runs the real application
(build_application: long polling, the rate limiter, flood control, the real engine on the bundled
corpus) until every question has its reply. Prints the time to drain the burst, reply latency
(p50/p95/max from the burst), and the outgoing rate the fake saw: the busiest second overall
(Telegram allows about 30 messages a second) and the busiest minute of any group (20 a minute).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from running_bot import dev_questions, running_bot
from statistics_of import percentile

from answer.engine import AnswerEngine
from foundation.settings import Settings
from tests.fake_bot_api import DEFAULT_TOKEN, Call, FakeBotApi

GROUP_SHARE = 0.4
TIMEOUT = 300.0


def busiest(moments: list[float], window: float) -> int:
    """The most moments inside any `window` seconds."""
    ordered, most, start = sorted(moments), 0, 0
    for end, moment in enumerate(ordered):
        while moment - ordered[start] >= window:
            start += 1
        most = max(most, end - start + 1)
    return most


def push_burst(api: FakeBotApi, questions: list[str], chats: int, per_chat: int) -> int:
    groups = round(chats * GROUP_SHARE)
    for turn in range(per_chat):
        for chat in range(chats):
            question = questions[(chat * per_chat + turn) % len(questions)]
            if chat < groups:
                api.push_mention(question, chat_id=-9000 - chat, user_id=80_000 + chat * per_chat + turn)
            else:
                api.push_message(question, user_id=70_000 + chat)
    return chats * per_chat


async def run_burst(
    settings: Settings, engine: AnswerEngine, questions: list[str], chats: int, per_chat: int
) -> tuple[float, list[Call]]:
    async with running_bot(settings, engine, TIMEOUT) as fake:
        pushed_at = time.monotonic()
        expected = push_burst(fake.api, questions, chats, per_chat)
        replies = await fake.api.wait_for(
            "sendMessage", expected, TIMEOUT, predicate=lambda call: call.took_effect
        )
    return pushed_at, replies


def report(pushed_at: float, replies: list[Call]) -> None:
    latencies = [call.at - pushed_at for call in replies]
    by_group: dict[int, list[float]] = defaultdict(list)
    for call in replies:
        if call.params["chat_id"] < 0:
            by_group[call.params["chat_id"]].append(call.at)
    drain = max(latencies)
    print(
        f"{len(replies)} replies to {len({call.params['chat_id'] for call in replies})} chats; "
        f"burst drained in {drain:.1f} s ({len(replies) / drain:.1f} messages/s on average)"
    )
    print(
        f"reply latency from the burst: p50 {statistics.median(latencies):.2f} s, "
        f"p95 {percentile(latencies, 0.95):.2f} s, max {drain:.2f} s"
    )
    print(
        f"outgoing: busiest second {busiest([call.at for call in replies], 1.0)} messages (Telegram: ~30); "
        f"busiest group minute {max((busiest(t, 60.0) for t in by_group.values()), default=0)} (Telegram: 20)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--chats", type=int, default=100)
    parser.add_argument(
        "--per-chat", type=int, default=5, help="questions from each chat (flood control: ≤ 10)"
    )
    parser.add_argument("--data-dir", type=Path, help="reuse an index here (default: a fresh temporary one)")
    args = parser.parse_args()
    questions = dev_questions()

    with tempfile.TemporaryDirectory() as scratch:
        engine = AnswerEngine.open(
            Settings(_env_file=None, data_dir=args.data_dir or Path(scratch)), progress=False
        )
        # The bot's own files (feedback) stay in the scratch directory, never in a reused data dir.
        bot_settings = Settings(_env_file=None, data_dir=Path(scratch), telegram_token=DEFAULT_TOKEN)
        try:
            pushed_at, replies = asyncio.run(
                run_burst(bot_settings, engine, questions, args.chats, args.per_chat)
            )
        finally:
            engine.close()
    report(pushed_at, replies)


if __name__ == "__main__":
    main()
