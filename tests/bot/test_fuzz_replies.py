"""Fuzzing what users can put in front of the bot: any Unicode (zero-width and control characters
included), HTML, 10,000-character texts and digit soup, in questions, quotes, titles, commands and
file names. Whatever comes in, rendering never raises, and every message is valid Telegram HTML of at
most 4,096 characters (tests/bot/telegram_html.py). 10,000 examples in all, in about 30 seconds.
"""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from telegram import Chat, InlineQueryResultArticle, InputTextMessageContent, Message, MessageEntity

from answer.model import Answer, Citation, Source, Status
from answer.question import parse_question
from bot.answers import alternatives_messages, answer_messages, context_messages
from bot.articles import article_pages
from bot.handlers import _command_argument, _without_mention
from bot.inline import inline_results
from bot.texts import (
    apology_for,
    download_failed,
    question_problem,
    unknown_article,
    unknown_command,
    upload_problem,
)
from corpus.model import Article, Basis
from tests.bot.citations import citation
from tests.bot.telegram_html import check_message

ZERO_WIDTH_AND_CONTROL = "\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202e\x00\x07\x1b\x7f\r\n\t"
HTML_PIECES = [
    "<b>",
    "</b>",
    "<i>",
    "<a href='x'>",
    "</a>",
    "<blockquote>",
    "<",
    ">",
    "&",
    "&amp;",
    "&lt",
    "&#x27;",
    "&#99999999;",
    '"',
    "'",
    "<tg-spoiler>",
    "<br/>",
    "<!--",
    "-->",
    " ",
    "\n",
    "đ",
    "📊",
]


def fuzz(examples: int):
    return settings(max_examples=examples, deadline=None, suppress_health_check=[HealthCheck.too_slow])


texts = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(HTML_PIECES), max_size=80).map("".join),
    st.text(alphabet="0123456789.,%-+/ ²³¹⁰", max_size=200),
    st.text(alphabet=ZERO_WIDTH_AND_CONTROL + "a <&", max_size=60),
    st.text(min_size=1, max_size=8).map(lambda piece: (piece * (10_000 // len(piece) + 1))[:10_000]),
)
short_texts = st.text(max_size=40)
PARSED = parse_question("Doanh thu năm 2020?")


@st.composite
def citations(draw) -> Citation:
    """A figure inside a quote, with a source: every free-text field drawn from `texts`."""
    before, figure_text, after = draw(texts), draw(st.text(min_size=1, max_size=30)), draw(texts)
    quote = before + figure_text + after
    source = Source(
        draw(short_texts),
        draw(texts),
        draw(st.sampled_from([None, "2021-01-15"])),
        draw(st.none() | short_texts),
        None,
        draw(st.none() | short_texts),
    )
    place, basis = draw(st.none() | texts), draw(st.sampled_from(Basis))
    return citation(quote, figure_text, len(before), source, place=place, basis=basis)


@st.composite
def answers(draw) -> Answer:
    best = draw(st.none() | citations())
    alternatives = tuple(draw(st.lists(citations(), max_size=2)))
    status = Status.NOT_FOUND if best is None else draw(st.sampled_from([Status.ANSWERED, Status.AMBIGUOUS]))
    return Answer(
        draw(texts), status, best, alternatives, PARSED, reason=draw(st.sampled_from(["", "question"]))
    )


def _check_all(messages: list[str]) -> None:
    assert messages
    for message in messages:
        check_message(message)


@fuzz(1500)  # the slowest: four or more renderings of each answer
@given(answer=answers(), paragraph_extra=texts)
def test_every_rendering_of_an_answer_is_valid_telegram_html(answer, paragraph_extra):
    _check_all(answer_messages(answer))
    if answer.alternatives:
        _check_all(alternatives_messages(answer))
    if answer.best is not None:
        _check_all(context_messages(answer.best, paragraph_extra + answer.best.quote + paragraph_extra))
    _check_all([_card_text(card) for card in inline_results(answer)])


def _card_text(card: InlineQueryResultArticle) -> str:
    content = card.input_message_content
    assert isinstance(content, InputTextMessageContent)
    return content.message_text


def _message(text: str) -> Message:
    """A real PTB Message as an update would carry it, with the command entity clients add."""
    command = text.split(maxsplit=1)[0] if text.startswith("/") else ""
    entities = (
        [MessageEntity(MessageEntity.BOT_COMMAND, 0, len(command.encode("utf-16-le")) // 2)]
        if command
        else []
    )
    return Message(1, datetime.now(UTC), Chat(1, Chat.PRIVATE), text=text, entities=entities)


@fuzz(5000)
@given(
    text=texts,
    prefix=st.sampled_from(["", "/", "/source ", "/ask ", "@solieu_test_bot ", "/x@solieu_test_bot "]),
)
def test_whatever_a_user_types_the_replies_about_it_are_valid(text, prefix):
    message = _message(prefix + text)
    assert message.text is not None
    question = _without_mention(message.text, "solieu_test_bot")
    argument = _command_argument(message)
    command = message.text.split(maxsplit=1)[0].split("@", 1)[0] if message.text.split() else "/"
    _check_all(
        [
            unknown_command(command),
            unknown_article(argument or question or "x"),
            question_problem(f"Câu hỏi dài quá {len(question)} ký tự."),
            upload_problem(text),
            download_failed(text),
            apology_for(message),
        ]
    )


@fuzz(3500)
@given(
    title=texts, body=st.lists(texts, min_size=1, max_size=4).map("\n".join), place=st.none() | short_texts
)
def test_every_page_of_an_article_is_valid(title, body, place):
    article = Article("bai_" + str(len(body)), title, body or "x", date="2021-02-03", place=place)
    _check_all(article_pages(article, 3))
