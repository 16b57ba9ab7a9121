"""Never lose an answer: 429s, 502s, dropped connections and slow answers from the Bot API still end
with each question answered exactly once, and nothing is sent while Telegram asked for quiet."""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
from collections import Counter
from pathlib import Path

import httpx
import pytest
from telegram.error import BadRequest, NetworkError, TelegramError, TimedOut

from bot.delivery import never_took_effect, outcome_unknown
from tests.bot.conftest import EXPORT_FIGURE, EXPORT_QUESTION, WAIT, started_bot, text_of
from tests.fake_bot_api import Call, Fault, Faults

APOLOGY = "Xin lỗi, đã có lỗi khi xử lý câu hỏi. Vui lòng thử lại sau."
DEV_QUESTIONS = [
    json.loads(line)["q"] for line in (Path(__file__).parents[1] / "data" / "dev_questions.jsonl").open()
]


def _sends(calls: list[Call]) -> list[Call]:
    """The sendMessage calls Telegram carried out: what users saw."""
    return [call for call in calls if call.method == "sendMessage" and call.took_effect]


async def _answer_to(bot, text: str) -> Call:
    """Ask in the private chat and wait for the first reply that got through."""
    bot.api.push_message(text)
    [reply] = await bot.api.wait_for("sendMessage", timeout=WAIT, predicate=lambda call: call.took_effect)
    return reply


async def test_a_429_is_waited_out_and_the_answer_still_arrives(tmp_path, engine):
    async with started_bot(tmp_path, engine) as bot:
        bot.api.fail_next("sendMessage", 429, retry_after=0.4)
        reply = await _answer_to(bot, EXPORT_QUESTION)
        refused, answered = bot.api.calls("sendMessage")
    assert refused.error is not None and refused.error.error_code == 429 and answered is reply
    assert text_of(reply).startswith(EXPORT_FIGURE)
    assert reply.at - refused.at >= 0.4


@pytest.mark.parametrize(
    "faults",
    [
        Faults(server_error=1.0, max_faults=2),  # nginx's HTML "502 Bad Gateway", twice
        Faults(rate_limited=1.0, retry_after=0.3, max_faults=1),
    ],
)
async def test_a_refused_send_is_retried_until_it_arrives_once(tmp_path, engine, faults):
    async with started_bot(tmp_path, engine) as bot:
        bot.api.inject_faults(faults)
        reply = await _answer_to(bot, EXPORT_QUESTION)
        await asyncio.sleep(0.5)  # room for a wrong extra send to show up
        calls = bot.api.calls("sendMessage")
    assert text_of(reply).startswith(EXPORT_FIGURE)
    assert _sends(calls) == [reply]
    assert len(calls) == 1 + faults.max_faults


async def test_a_send_whose_answer_was_lost_is_not_sent_again(tmp_path, engine, caplog):
    """The connection dropped after Telegram carried out the send: the user has the answer; resending
    would show it twice, and apologising would contradict it."""
    async with started_bot(tmp_path, engine) as bot:
        bot.api.inject_faults(Faults(dropped=1.0, max_faults=1))
        reply = await _answer_to(bot, EXPORT_QUESTION)
        await asyncio.sleep(0.5)
        calls = bot.api.calls("sendMessage")
    assert reply.fault == Fault.DROPPED and text_of(reply).startswith(EXPORT_FIGURE)
    assert calls == [reply]
    assert "may not have arrived" in caplog.text and "not resent" in caplog.text


def test_only_failures_that_cannot_have_taken_effect_are_retried():
    def caused_by(cause: BaseException, error: TelegramError) -> TelegramError:
        error.__cause__ = cause
        return error

    request = httpx.Request("POST", "http://127.0.0.1/bot/sendMessage")
    safe = [
        NetworkError("Bad Gateway"),  # the server answered that it failed
        caused_by(
            TelegramError("Invalid server response"), NetworkError("Bad Gateway (502). Parsing failed")
        ),
        caused_by(
            httpx.ConnectError("refused", request=request), NetworkError("httpx.ConnectError: refused")
        ),
        caused_by(httpx.PoolTimeout("busy"), TimedOut("Pool timeout")),
    ]
    unknown = [
        caused_by(
            httpx.RemoteProtocolError("Server disconnected"), NetworkError("httpx.RemoteProtocolError")
        ),
        caused_by(httpx.ReadTimeout("slow"), TimedOut()),
        caused_by(
            TelegramError("Invalid server response"), NetworkError("Gateway Timeout (504). Parsing failed")
        ),
    ]
    assert all(never_took_effect(error) and not outcome_unknown(error) for error in safe)
    assert all(outcome_unknown(error) and not never_took_effect(error) for error in unknown)
    assert not never_took_effect(BadRequest("can't parse entities")) and not outcome_unknown(BadRequest("x"))


def _push_burst(api) -> dict[tuple[int, int | None], str]:
    """160 private chats ask once, 8 groups five times; the key of each question is the chat and, in
    groups, the message the reply must quote."""
    asked: dict[tuple[int, int | None], str] = {}
    for number in range(160):
        api.push_message(DEV_QUESTIONS[number % len(DEV_QUESTIONS)], user_id=50_000 + number)
        asked[(50_000 + number, None)] = DEV_QUESTIONS[number % len(DEV_QUESTIONS)]
    for number in range(40):
        group = -7000 - number % 8
        question = DEV_QUESTIONS[number % len(DEV_QUESTIONS)]
        pushed = api.push_mention(question, chat_id=group, user_id=60_000 + number)
        asked[(group, pushed["message"]["message_id"])] = question
    return asked


def _question_of(call: Call) -> tuple[int, int | None]:
    chat_id = call.params["chat_id"]
    return chat_id, call.params["reply_parameters"]["message_id"] if chat_id < 0 else None


async def test_200_questions_under_20_percent_faults_are_each_answered_exactly_once(tmp_path, engine, caplog):
    caplog.set_level(logging.CRITICAL, logger="telegram")  # PTB logs every HTML 502 page it cannot parse
    faults = Faults(rate_limited=0.05, server_error=0.06, dropped=0.04, slow=0.05, retry_after=0.3, seed=8)
    async with started_bot(tmp_path, engine) as bot:
        bot.api.inject_faults(faults)
        asked = _push_burst(bot.api)
        await bot.api.wait_for(
            "sendMessage", timeout=60, count=len(asked), predicate=lambda call: call.took_effect
        )
        await asyncio.sleep(0.5)  # room for a duplicate to show up
        calls = bot.api.calls("sendMessage")
        windows = bot.api.flood_windows
    sent = _sends(calls)
    # every question, exactly once
    assert Counter(_question_of(call) for call in sent) == Counter(list(asked))
    assert not [call for call in sent if text_of(call) == APOLOGY]
    faulted = Counter(call.fault for call in calls if call.fault)
    # the faults happened
    assert len(calls) - faulted[Fault.FLOOD_WAIT] >= 200 and sum(faulted.values()) >= 30
    assert windows and not [call for call in sent if any(call.at in window for window in windows)]
    for question in asked:  # and after each 429, that question was only sent again once the window was over
        attempts = [call for call in calls if _question_of(call) == question]
        for refused, retried in itertools.pairwise(attempts):
            if refused.error is not None and refused.error.error_code == 429:
                assert retried.at >= next(w.end for w in reversed(windows) if w.start <= refused.at)
