"""Inline mode's cards ("@solieu_bot câu hỏi" in any chat): a card a figure, or one for a series'
table. A card's title and description are plain text; the message it sends is HTML."""

from __future__ import annotations

from telegram import InlineQueryResultArticle, InputTextMessageContent
from telegram.constants import ParseMode

from answer.model import Answer
from answer.reply import (
    figure_context,
    figure_headline,
    missing_line,
    not_found_sentence,
    shown_amount,
    source_line,
)
from answer.series import Series
from bot.answers import SERIES_SOURCES_HINT, answer_blocks, citation_blocks, series_blocks
from bot.blocks import SPACER, Block, paginate
from bot.texts import EXAMPLE_QUESTIONS

INLINE_HINT_TITLE = "Hỏi một số liệu"
INLINE_CACHE_SECONDS = 300


def _card(result_id: str, title: str, description: str, blocks: list[Block]) -> InlineQueryResultArticle:
    return InlineQueryResultArticle(
        id=result_id,
        title=title,
        description=description,
        input_message_content=InputTextMessageContent(paginate(blocks)[0], parse_mode=ParseMode.HTML),
    )


def inline_results(answer: Answer | Series) -> list[InlineQueryResultArticle]:
    """The best figure first, then the others; the message sent is the question and the cited figure.
    A series is one card: its table, as text."""
    if isinstance(answer, Series):
        return [_series_card(answer)]
    asked = [Block(f"❓ {answer.question}", tag="i"), SPACER]
    if answer.best is None:
        return [
            _card(
                "not-found",
                "Không tìm thấy số liệu",
                not_found_sentence(answer),
                asked + answer_blocks(answer),
            )
        ]
    return [
        _card(
            f"figure-{number}",
            figure_headline(citation.figure),
            f"{figure_context(citation)}\n{source_line(citation.source)}",
            asked + citation_blocks(citation),
        )
        for number, citation in enumerate((answer.best, *answer.alternatives))
    ]


def _series_card(series: Series) -> InlineQueryResultArticle:
    found = [p for p in series.points if p.citation]
    title = (
        f"{len(found)}/{len(series.points)} số liệu: {series.question}"
        if series.points
        else "Không tìm thấy số liệu"
    )
    description = " · ".join(
        f"{p.side.label}: {shown_amount(series.unit, p.citation.figure)}" for p in found if p.citation
    )
    blocks = [b for b in series_blocks(series) if b.text != SERIES_SOURCES_HINT]
    return _card("series", title, description or missing_line(series), blocks)


def inline_hint(reason: str | None = None) -> InlineQueryResultArticle:
    """What an empty (or refused) inline query shows: how to ask."""
    description = reason or f"Ví dụ: {EXAMPLE_QUESTIONS[0]}"
    return _card("hint", INLINE_HINT_TITLE, description, [Block(description)])
