"""SOLIEU_ALLOWED_CHATS: listed chats (and admins) are served; any other chat is told once, then ignored."""

from __future__ import annotations

import pytest_asyncio

from tests.bot.conftest import ADMIN_ID, EXPORT_FIGURE, EXPORT_QUESTION, USER_ID, started_bot, text_of
from tests.fake_bot_api import DEFAULT_GROUP_ID, DEFAULT_SUPERGROUP_ID

NOT_ALLOWED = "Xin lỗi, Số Liệu chưa được mở cho cuộc trò chuyện này."


@pytest_asyncio.fixture
async def gated_bot(tmp_path, engine):
    async with started_bot(tmp_path, engine, allowed_chats=[DEFAULT_GROUP_ID]) as running_bot:
        yield running_bot


async def test_an_allowed_group_is_answered(gated_bot):
    [reply] = await gated_bot.reply_to(lambda: gated_bot.api.push_mention(EXPORT_QUESTION))
    assert text_of(reply).startswith(EXPORT_FIGURE)


async def test_another_chat_is_told_once_then_ignored(gated_bot):
    api = gated_bot.api
    first = await gated_bot.ask(EXPORT_QUESTION)
    assert text_of(first) == NOT_ALLOWED
    [refused_group] = await gated_bot.reply_to(
        lambda: api.push_mention(EXPORT_QUESTION, chat_type="supergroup")
    )
    assert text_of(refused_group) == NOT_ALLOWED and refused_group.params["chat_id"] == DEFAULT_SUPERGROUP_ID
    mark = gated_bot.mark()
    api.push_message(EXPORT_QUESTION)  # the same private chat again: silence
    api.push_mention(EXPORT_QUESTION, chat_type="supergroup")
    [answered] = await gated_bot.reply_to(lambda: api.push_mention(EXPORT_QUESTION))  # the allowed group
    assert answered.params["chat_id"] == DEFAULT_GROUP_ID
    assert len(api.calls("sendMessage")) == mark + 1


async def test_admins_are_served_anywhere(gated_bot):
    reply = await gated_bot.ask(EXPORT_QUESTION, user_id=ADMIN_ID)
    assert text_of(reply).startswith(EXPORT_FIGURE)


async def test_inline_queries_and_buttons_from_outside_get_nothing_but_a_polite_note(gated_bot):
    api = gated_bot.api
    [inline] = await gated_bot.reply_to(
        lambda: api.push_inline_query(EXPORT_QUESTION), method="answerInlineQuery"
    )
    assert inline.params["results"] == [] and inline.params["is_personal"] is True
    [answer] = await gated_bot.reply_to(lambda: api.push_mention(EXPORT_QUESTION))
    data = answer.params["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    outside = {**answer.result, "chat": {"id": USER_ID, "type": "private", "first_name": "Tester"}}
    [toast] = await gated_bot.reply_to(
        lambda: api.push_callback_query(data, message=outside), method="answerCallbackQuery"
    )
    assert toast.params["text"] == NOT_ALLOWED
