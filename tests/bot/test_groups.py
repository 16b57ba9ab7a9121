"""Groups: answer a mention, a reply to the bot or /ask, as a reply to the asker; ignore the rest."""

from __future__ import annotations

from tests.bot.conftest import EXPORT_FIGURE, EXPORT_QUESTION, text_of
from tests.fake_bot_api import DEFAULT_GROUP_ID

BALANCE_QUESTION = "Cán cân thương mại hàng hóa Bắc Ninh năm 2020?"


def _replies_to(call, pushed) -> bool:
    return call.params["reply_parameters"]["message_id"] == pushed["message"]["message_id"]


async def test_a_mention_is_answered_as_a_reply_without_the_mention(bot):
    pushed, reply = await bot.exchange(lambda: bot.api.push_mention(EXPORT_QUESTION))
    assert reply.params["chat_id"] == DEFAULT_GROUP_ID
    assert _replies_to(reply, pushed)
    assert reply.result["reply_to_message"]["text"].startswith("@solieu_test_bot")
    assert text_of(reply).startswith(EXPORT_FIGURE)


async def test_a_mention_in_the_middle_of_the_text_also_counts(bot):
    text = f"Cho hỏi @solieu_test_bot {EXPORT_QUESTION}"
    entity = {"type": "mention", "offset": 8, "length": len("@solieu_test_bot")}
    reply = await bot.ask(text, chat_type="group", entities=[entity])
    assert text_of(reply).startswith(EXPORT_FIGURE)


async def test_a_bare_mention_explains_how_to_ask(bot):
    [reply] = await bot.reply_to(lambda: bot.api.push_mention(""))
    assert text_of(reply).startswith("Hãy viết câu hỏi ngay sau tên bot")


async def test_a_reply_to_the_bot_is_a_question(bot):
    [answer] = await bot.reply_to(lambda: bot.api.push_mention(EXPORT_QUESTION))
    follow_up, reply = await bot.exchange(
        lambda: bot.api.push_message(BALANCE_QUESTION, chat_type="group", reply_to_message=answer.result)
    )
    assert _replies_to(reply, follow_up)
    assert "5.763 triệu USD" in text_of(reply).split("\n")[0]


async def test_ask_command_works_in_groups_with_or_without_the_bot_name(bot):
    for mention_bot in (False, True):
        pushed, reply = await bot.exchange(
            lambda mention_bot=mention_bot: bot.api.push_command(
                "/ask", EXPORT_QUESTION, mention_bot=mention_bot, chat_type="supergroup"
            )
        )
        assert _replies_to(reply, pushed)
        assert text_of(reply).startswith(EXPORT_FIGURE)


async def test_empty_ask_in_a_group_gets_the_hint_as_a_reply(bot):
    pushed, reply = await bot.exchange(lambda: bot.api.push_command("/ask", chat_type="group"))
    assert _replies_to(reply, pushed) and text_of(reply).startswith("Hãy viết câu hỏi sau lệnh /ask")


async def test_group_chatter_is_ignored(bot):
    """Chatter (questions included), replies to other people, other bots' commands, stickers and
    documents get nothing; the mention pushed after them is the only thing answered."""
    api = bot.api
    mark = bot.mark()
    chatter = api.push_message(EXPORT_QUESTION, chat_type="group")
    api.push_message(
        "đồng ý", chat_type="group", reply_to_message=chatter["message"], user_id=5, username="b"
    )
    api.push_command("/xoa", chat_type="group")
    other_bot = "/start@another_bot"
    api.push_message(
        other_bot,
        chat_type="group",
        entities=[{"type": "bot_command", "offset": 0, "length": len(other_bot)}],
    )
    api.push_message(
        "@someone_else kim ngạch?",
        chat_type="group",
        entities=[{"type": "mention", "offset": 0, "length": 13}],
    )
    api.push_sticker(chat_type="group")
    api.push_document("bai.txt", b"Nam 2020", chat_type="group", user_id=bot.settings.admin_ids[0])
    mention = api.push_mention(BALANCE_QUESTION)
    [reply] = await bot.sent_since(mark)
    assert _replies_to(reply, mention)
    await api.wait_for("getUpdates", predicate=lambda c: (c.params.get("offset") or 0) > mention["update_id"])
    assert len(api.calls("sendMessage")) == mark + 1


async def test_unknown_command_addressed_to_this_bot_in_a_group_is_answered(bot):
    pushed, reply = await bot.exchange(
        lambda: bot.api.push_command("/xoa", mention_bot=True, chat_type="group")
    )
    assert _replies_to(reply, pushed)
    assert text_of(reply).startswith("Không có lệnh /xoa.")
