"""Flood control: a user (or a group) asking too fast gets one "chậm lại" and then silence, their extra
questions are never computed, and everyone else is answered as usual."""

from __future__ import annotations

import asyncio

from bot.flood import FloodControl, Verdict
from tests.bot.conftest import EXPORT_FIGURE, EXPORT_QUESTION, USER_ID, WAIT, started_bot, text_of

OTHER_USER = 2002
GROUP, OTHER_GROUP = -8001, -8002
SLOW_DOWN_USER = "Bạn hỏi nhanh quá, hãy chậm lại một chút: Số Liệu sẽ trả lời tiếp sau khoảng 3 giây."
SLOW_DOWN_GROUP = (
    "Nhóm này đang hỏi nhanh quá, hãy chậm lại một chút: Số Liệu sẽ trả lời tiếp sau khoảng 3 giây."
)


class CountingEngine:
    """The session's engine, counting the questions that reached it."""

    def __init__(self, engine) -> None:
        self.engine = engine
        self.asked: list[str] = []

    def ask(self, text: str):
        self.asked.append(text)
        return self.engine.ask(text)

    def __getattr__(self, name: str):
        return getattr(self.engine, name)


class FakeClock:
    """Time that moves only when the test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def _settled(bot, count: int) -> list:
    """The bot's messages once `count` have arrived and no more follow."""
    await bot.api.wait_for("sendMessage", count, WAIT)
    await asyncio.sleep(0.5)
    return bot.api.calls("sendMessage")


def _texts_to(calls, chat_id: int) -> list[str]:
    return [text_of(call) for call in calls if call.params["chat_id"] == chat_id]


async def test_150_questions_in_a_burst_get_10_answers_one_notice_and_others_are_not_slowed(tmp_path, engine):
    counting = CountingEngine(engine)
    async with started_bot(tmp_path, counting) as bot:
        clock = FakeClock()
        bot.application.bot_data.services.flood.clock = clock
        for _ in range(150):
            bot.api.push_message(EXPORT_QUESTION)
        bot.api.push_message(EXPORT_QUESTION, user_id=OTHER_USER)
        calls = await _settled(bot, 12)
        flooded, other = _texts_to(calls, USER_ID), _texts_to(calls, OTHER_USER)
        assert len(calls) == 12 and len(counting.asked) == 11  # the other 140 were never computed
        assert flooded.count(SLOW_DOWN_USER) == 1 and len(flooded) == 11
        assert all(text.startswith(EXPORT_FIGURE) for text in flooded if text != SLOW_DOWN_USER)
        assert len(other) == 1 and other[0].startswith(EXPORT_FIGURE)

        clock.now += 3  # one question's worth of time has passed
        assert text_of(await bot.ask(EXPORT_QUESTION)).startswith(EXPORT_FIGURE)


async def test_a_group_shares_one_limit_and_other_groups_are_not_slowed(tmp_path, engine):
    counting = CountingEngine(engine)
    async with started_bot(tmp_path, counting) as bot:
        bot.application.bot_data.services.flood.clock = FakeClock()
        for member in range(3):  # each member within their own limit, the group together beyond its own
            for _ in range(5):
                bot.api.push_mention(EXPORT_QUESTION, chat_id=GROUP, user_id=3000 + member)
        bot.api.push_mention(EXPORT_QUESTION, chat_id=OTHER_GROUP, user_id=3000)
        calls = await _settled(bot, 12)
    group, other_group = _texts_to(calls, GROUP), _texts_to(calls, OTHER_GROUP)
    assert group.count(SLOW_DOWN_GROUP) == 1 and len(group) == 11
    assert len(other_group) == 1 and other_group[0].startswith(EXPORT_FIGURE)
    assert len(counting.asked) == 11


def test_the_bucket_refills_at_the_per_minute_rate_and_tells_once_per_refusal_run():
    clock = FakeClock()
    flood = FloodControl(per_minute_per_user=6, per_minute_per_chat=60, clock=clock)
    verdicts = [flood.admit(1, 1).verdict for _ in range(5)]
    assert verdicts == [Verdict.ANSWER] * 3 + [
        Verdict.SLOW_DOWN,
        Verdict.IGNORE,
    ]  # a burst of half a minute's
    assert flood.admit(1, 1).wait_seconds == 10
    assert flood.admit(2, 2).verdict is Verdict.ANSWER
    clock.now += 10
    assert [flood.admit(1, 1).verdict for _ in range(3)] == [
        Verdict.ANSWER,
        Verdict.SLOW_DOWN,
        Verdict.IGNORE,
    ]
