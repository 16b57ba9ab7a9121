"""An answer, a series and what their buttons show, as Telegram HTML messages: the cited figure
with its quote and source, the other figures, the paragraph around a quote, a series' table and
its chart's caption. The wording of figures, contexts and sources comes from `answer.reply`,
shared with the CLI."""

from __future__ import annotations

from answer.model import Answer, Citation, Status
from answer.reply import (
    ALTERNATIVES_HEADINGS,
    AMBIGUOUS_HEADING,
    CLOSEST_HEADING,
    closest_line,
    conflicts_line,
    figure_context,
    figure_headline,
    format_date,
    missing_line,
    not_found_sentence,
    series_summary,
    shown_amount,
    source_line,
    target_heading,
    target_line,
)
from answer.series import Point, Series
from bot.blocks import CAPTION_LIMIT, SPACER, Block, echo_limited, paginate
from bot.texts import NO_OTHER_FIGURES

SOURCE_TITLE_CHARS = 48  # of an article's title in a series' caption
SERIES_SOURCES_HINT = "Bấm «Nguồn» để đọc câu trích của từng số liệu."
TABLE_BELOW = "Bảng số liệu và nguồn ở tin nhắn dưới."


# -- answers -----------------------------------------------------------------------------------------


def quote_block(text: str, citation: Citation) -> Block:
    """`text` (the quote or its paragraph) in a blockquote, with the cited figure in bold."""
    figure = citation.figure
    offset = figure.start - figure.sentence_start  # where the figure sits in its sentence
    if citation.quote[offset : offset + len(figure.text)] != figure.text:
        offset = citation.quote.find(figure.text)
    start = text.find(citation.quote) + offset if citation.quote in text else text.find(figure.text)
    bold = ((start, start + len(figure.text)),) if start >= 0 else ()
    return Block(text, bold, "blockquote")


def _source_block(citation: Citation) -> Block:
    return Block(f"Nguồn: {source_line(citation.source)}")


def _read_article_block(citation: Citation) -> Block:
    return Block(f"Đọc cả bài: /source {citation.source.id}", tag="i")


def citation_blocks(citation: Citation) -> list[Block]:
    """The figure in bold, what/when/where, the quoted sentence with the figure highlighted, the source."""
    return [
        Block.strong(figure_headline(citation.figure)),
        Block(figure_context(citation), tag="i"),
        quote_block(citation.quote, citation),
        _source_block(citation),
    ]


def conflict_blocks(answer: Answer) -> list[Block]:
    """Other articles' figures for the same thing with another amount: each amount, then each
    rival's sentence and article (nothing when the articles agree)."""
    if not answer.conflicts:
        return []
    blocks = [SPACER, Block.strong(conflicts_line(answer))]
    for citation in answer.conflicts:
        blocks += [quote_block(citation.quote, citation), _source_block(citation)]
    return blocks


def answer_blocks(answer: Answer) -> list[Block]:
    if answer.best is None:
        blocks = [Block(not_found_sentence(answer))]
        if answer.alternatives:
            blocks += [SPACER, Block(CLOSEST_HEADING)]
            blocks += [Block(closest_line(c)) for c in answer.alternatives]
        return blocks
    if answer.status is Status.AMBIGUOUS:
        return [
            Block(AMBIGUOUS_HEADING),
            *citation_blocks(answer.best),
            *conflict_blocks(answer),
            Block("Bấm «Số liệu khác» để xem các số liệu khớp khác.", tag="i"),
        ]
    return citation_blocks(answer.best) + conflict_blocks(answer)


def answer_messages(answer: Answer) -> list[str]:
    return paginate(answer_blocks(answer))


def alternatives_messages(answer: Answer) -> list[str]:
    """ "Số liệu khác": the other figures, each cited, and why each is not the answer."""
    blocks = [Block.strong(ALTERNATIVES_HEADINGS[answer.status])]
    for citation in answer.alternatives:
        blocks += [SPACER, *citation_blocks(citation)]
        if citation.why_not:
            blocks.append(Block(f"Không phải câu trả lời: {citation.why_not}", tag="i"))
    return paginate(blocks)


def context_messages(citation: Citation, paragraph: str | None) -> list[str]:
    """ "Nguồn": the whole paragraph around the quote, and how to read the article. Only the quote
    when the article is gone or was replaced since (its paragraph no longer holds the quote)."""
    shown = paragraph if paragraph and citation.quote in paragraph else citation.quote
    return paginate([_source_block(citation), quote_block(shown, citation), _read_article_block(citation)])


# -- series and comparisons --------------------------------------------------------------------------


def _short_source(citation: Citation) -> str:
    """ "Sở Công Thương tổng kết công tác năm 2020, triển… · 15/01/2021"."""
    title = echo_limited(citation.source.title, SOURCE_TITLE_CHARS)
    return f"{title} · {format_date(citation.source.date)}" if citation.source.date else title


def _point_block(series: Series, point: Point) -> Block:
    """ "• 2016: tăng 6,21% — Title · date", the label and amount in bold."""
    citation = point.citation
    if citation is None:
        return Block(f"• {point.side.label}: không có số liệu")
    lead = f"• {point.side.label}: {shown_amount(series.unit, citation.figure)}"
    return Block(f"{lead} — {_short_source(citation)}", ((2, len(lead)),))


def series_blocks(series: Series) -> list[Block]:
    """The table of a series: a line a period (or place), each with its article; targets, conflicting
    sources, and what is missing after it."""
    if not series.points:
        return [
            Block(f"Không tìm thấy số liệu nào cho “{series.question}” trong các bài báo đã lập chỉ mục.")
        ]
    blocks = [Block.strong(series.question), Block(series_summary(series), tag="i")]
    blocks += [_point_block(series, point) for point in series.points]
    blocks += [Block(target_line(series, p)) for p in series.points if p.target]
    for point in series.points:
        if point.answer.conflicts:
            blocks.append(Block(f"⚠ {point.side.label}: {conflicts_line(point.answer)}"))
    if series.missing:
        blocks.append(Block(missing_line(series), tag="i"))
    if series.found:
        blocks.append(Block(SERIES_SOURCES_HINT, tag="i"))
    return blocks


def series_caption(series: Series) -> tuple[str, list[str]]:
    """A chart's caption, and the messages that follow it: the whole table in the caption when it
    fits in one, else the question in the caption and the table after it."""
    table = series_blocks(series)
    pages = paginate(table, CAPTION_LIMIT)
    if len(pages) == 1:
        return pages[0], []
    caption = paginate([Block.strong(series.question), Block(TABLE_BELOW, tag="i")], CAPTION_LIMIT)[0]
    return caption, paginate(table)


def series_messages(series: Series) -> list[str]:
    """The table as messages, when there is no chart to send."""
    return paginate(series_blocks(series))


def series_sources_messages(series: Series) -> list[str]:
    """ "Nguồn" under a series: each point's sentence and article, its target's and its rivals'."""
    blocks: list[Block] = []
    for point in series.points:
        cited = [c for c in (point.citation, point.target, *point.answer.conflicts) if c]
        for citation in cited:
            heading = (
                target_heading(series, point)
                if citation is point.target
                else f"{point.side.label}: {shown_amount(series.unit, citation.figure)}"
            )
            blocks += [
                SPACER,
                Block.strong(heading),
                quote_block(citation.quote, citation),
                _source_block(citation),
                _read_article_block(citation),
            ]
    return paginate(blocks[1:] or [Block(NO_OTHER_FIGURES)])
