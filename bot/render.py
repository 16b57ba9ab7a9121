"""Telegram HTML for answers, sources and help: escaping, splitting into ≤ 4096-character messages,
inline keyboards and inline-query cards.

Every reply is built from `Block`s of plain text; a block escapes its own text and adds its own
tags, so user and article text can never break the HTML, and a long block is cut in its plain text
(at a line, sentence or word) before it is escaped, so a cut never falls inside a tag or an entity.
The wording of figures, contexts and sources comes from `answer.reply`, shared with the CLI.
What is meant for a chat message is HTML ready to send; only toasts and inline-mode titles and
descriptions are plain text, which Telegram shows as it is.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from html import escape
from typing import NamedTuple

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    Message,
)
from telegram.constants import MessageLimit, ParseMode

from answer.model import Answer, Citation, Ingested, Source, Status
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
from corpus.model import Article
from corpus.text import paragraphs
from index.manifest import Manifest

MESSAGE_LIMIT = MessageLimit.MAX_TEXT_LENGTH  # 4096
CAPTION_LIMIT = MessageLimit.CAPTION_LENGTH  # 1024: a photo's caption
SOURCE_TITLE_CHARS = 48  # of an article's title in a series' caption
CALLBACK_DATA_LIMIT = 64  # bytes
NAME = "Số Liệu"
EXAMPLE_QUESTIONS = (
    "Kim ngạch xuất khẩu của Bắc Ninh năm 2020 là bao nhiêu?",
    "Bắc Ninh phấn đấu tổng kim ngạch xuất, nhập khẩu năm 2021 đạt bao nhiêu?",
    "Lạng Sơn năm 2015 tổng mức bán lẻ đạt bao nhiêu?",
)
# Toasts above a pressed button: plain text, which Telegram shows as it is.
BUTTON_APOLOGY = "Xin lỗi, nút này vừa gặp lỗi. Vui lòng thử lại sau."
EXPIRED_ANSWER = "Câu trả lời này đã cũ, hãy hỏi lại."
EXPIRED_LISTING = "Danh sách này đã cũ, hãy gửi lại lệnh /source."
REPORT_THANKS = "Cảm ơn bạn đã báo! Chúng tôi sẽ kiểm tra lại câu trả lời này."
REPORT_ALREADY = "Bạn đã báo câu trả lời này rồi. Cảm ơn bạn!"
NO_OTHER_FIGURES = "Không có số liệu khác cho câu hỏi này."
UNKNOWN_BUTTON = "Nút này không còn dùng được. Hãy gửi lại câu hỏi."
NOT_ALLOWED = "Xin lỗi, Số Liệu chưa được mở cho cuộc trò chuyện này."  # also a message: NOT_ALLOWED_MESSAGE
ECHO_LIMIT = 64  # characters of the user's own text repeated back in a short reply
INLINE_HINT_TITLE = "Hỏi một số liệu"
INLINE_CACHE_SECONDS = 300
_SENTENCE_END = re.compile(r"[.!?…;:]\s")


class Button(StrEnum):
    """What a button press asks for; the first part of its callback data."""

    SOURCE = "src"
    OTHERS = "alt"
    REPORT = "bad"
    PAGE = "pg"


@dataclass(frozen=True)
class Press:
    """A decoded callback: which button, the key of the answer or listing, and a page number."""

    button: Button
    key: str
    page: int = 0


def callback_data(button: Button, key: str, page: int | None = None) -> str:
    data = f"{button}:{key}" if page is None else f"{button}:{key}:{page}"
    if len(data.encode()) > CALLBACK_DATA_LIMIT:
        raise ValueError(f"callback data longer than {CALLBACK_DATA_LIMIT} bytes: {data!r}")
    return data


# Exactly what `callback_data` writes. Anything else is forged or from another bot: "pg:k:²" passes
# str.isdigit() but not int(), so digits are spelled out as ASCII.
_PRESS = re.compile(rf"({'|'.join(Button)}):([A-Za-z0-9_-]{{1,16}})(?::([0-9]{{1,6}}))?")


def parse_press(data: str) -> Press | None:
    """The callback data of one of these buttons, or None for anything else."""
    match = _PRESS.fullmatch(data)
    if match is None:
        return None
    name, key, page = match.groups()
    return Press(Button(name), key, int(page or "0"))


# -- blocks and messages ---------------------------------------------------------------------------


def utf16_len(text: str) -> int:
    """Telegram counts message length in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


@dataclass(frozen=True)
class Block:
    """One line or paragraph of a message: plain text, spans of it shown in bold, and an optional
    tag around all of it ("i", "blockquote")."""

    text: str
    bold: tuple[tuple[int, int], ...] = ()
    tag: str | None = None

    @classmethod
    def strong(cls, text: str) -> Block:
        return cls(text, ((0, len(text)),))

    def html(self) -> str:
        parts, cursor = [], 0
        for start, end in sorted(self.bold):
            start, end = max(start, cursor), min(end, len(self.text))
            if start >= end:
                continue
            parts += [escape(self.text[cursor:start]), "<b>", escape(self.text[start:end]), "</b>"]
            cursor = end
        parts.append(escape(self.text[cursor:]))
        body = "".join(parts)
        return f"<{self.tag}>{body}</{self.tag}>" if self.tag else body

    def split(self, limit: int) -> tuple[Block, Block | None]:
        """The longest leading piece whose HTML fits in `limit`, and the rest (None when it all fits)."""
        if utf16_len(self.html()) <= limit:
            return self, None
        end = self._cut(limit)
        rest = end
        while rest < len(self.text) and self.text[rest].isspace():
            rest += 1
        return self._slice(0, end), self._slice(rest, len(self.text)) if rest < len(self.text) else None

    def _cut(self, limit: int) -> int:
        """The end of the longest leading piece that fits, moved back to a line, sentence or word
        boundary when one lies in its second half."""
        # Binary search: the HTML of a prefix only grows with it, but not by one unit per character
        # ("<" is "&lt;"), so stepping back by the excess can overshoot to a single character.
        low, high = 1, min(len(self.text), limit)
        while low < high:
            middle = (low + high + 1) // 2
            if utf16_len(self._slice(0, middle).html()) <= limit:
                low = middle
            else:
                high = middle - 1
        end = low
        window = self.text[:end]
        half = len(window) // 2
        for boundary in (window.rfind("\n") + 1, _last_sentence_end(window), window.rfind(" ") + 1):
            if boundary > half:
                return boundary
        return end

    def _slice(self, start: int, end: int) -> Block:
        bold = tuple(
            (max(s, start) - start, min(e, end) - start) for s, e in self.bold if s < end and e > start
        )
        return Block(self.text[start:end], bold, self.tag)


SPACER = Block("")


def _last_sentence_end(text: str) -> int:
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    return ends[-1] if ends else 0


def paginate(blocks: Iterable[Block], limit: int = MESSAGE_LIMIT) -> list[str]:
    """Join blocks into as few messages as fit in `limit`, one block per line. A block that fits in a
    message is never cut; a longer one fills the current message and goes on in the next."""
    pages: list[str] = []
    current = ""
    for block in blocks:
        rest: Block | None = block
        while rest is not None:
            room = limit - utf16_len(current) - 1 if current else limit
            size = utf16_len(rest.html())
            if size > room and (size <= limit or room < limit // 4):
                pages.append(current)
                current = ""
                continue
            piece, remainder = rest.split(room)
            if remainder is not None and not piece.text.strip():
                rest = remainder  # cut inside a run of blank space longer than a page: nothing to show
                continue
            if current and utf16_len(piece.html()) > room:
                pages.append(current)  # not even the smallest piece fits in what is left: next page
                current = ""
                continue
            current = f"{current}\n{piece.html()}" if current else piece.html()
            rest = remainder
    pages.append(current)
    return [page.strip("\n") for page in pages if page.strip()]


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


def citation_blocks(citation: Citation) -> list[Block]:
    """The figure in bold, what/when/where, the quoted sentence with the figure highlighted, the source."""
    return [
        Block.strong(figure_headline(citation.figure)),
        Block(figure_context(citation), tag="i"),
        quote_block(citation.quote, citation),
        Block(f"Nguồn: {source_line(citation.source)}"),
    ]


def conflict_blocks(answer: Answer) -> list[Block]:
    """Other articles' figures for the same thing with another amount: each amount, then each
    rival's sentence and article (nothing when the articles agree)."""
    if not answer.conflicts:
        return []
    blocks = [SPACER, Block.strong(conflicts_line(answer))]
    for citation in answer.conflicts:
        blocks += [quote_block(citation.quote, citation), Block(f"Nguồn: {source_line(citation.source)}")]
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


# -- series and comparisons --------------------------------------------------------------------------

SERIES_SOURCES_HINT = "Bấm «Nguồn» để đọc câu trích của từng số liệu."
TABLE_BELOW = "Bảng số liệu và nguồn ở tin nhắn dưới."


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
                Block(f"Nguồn: {source_line(citation.source)}"),
                Block(f"Đọc cả bài: /source {citation.source.id}", tag="i"),
            ]
    return paginate(blocks[1:] or [Block(NO_OTHER_FIGURES)])


def series_keyboard(key: str, series: Series) -> InlineKeyboardMarkup:
    row = []
    if series.found:
        row.append(InlineKeyboardButton("Nguồn", callback_data=callback_data(Button.SOURCE, key)))
    row.append(InlineKeyboardButton("Báo sai", callback_data=callback_data(Button.REPORT, key)))
    return InlineKeyboardMarkup([row])


def alternatives_messages(answer: Answer) -> list[str]:
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
    return paginate(
        [
            Block(f"Nguồn: {source_line(citation.source)}"),
            quote_block(shown, citation),
            Block(f"Đọc cả bài: /source {citation.source.id}", tag="i"),
        ]
    )


def answer_keyboard(key: str, answer: Answer) -> InlineKeyboardMarkup:
    row = []
    if answer.best is not None:
        row.append(InlineKeyboardButton("Nguồn", callback_data=callback_data(Button.SOURCE, key)))
    if answer.alternatives:
        row.append(InlineKeyboardButton("Số liệu khác", callback_data=callback_data(Button.OTHERS, key)))
    row.append(InlineKeyboardButton("Báo sai", callback_data=callback_data(Button.REPORT, key)))
    return InlineKeyboardMarkup([row])


def apology_for(message: Message | None) -> str:
    """The apology that fits what failed: a file, a command, or else a question."""
    if message is None:
        return APOLOGY
    if message.document is not None:
        return UPLOAD_APOLOGY
    command = (message.text or "").partition(" ")[0].partition("@")[0]
    return COMMAND_APOLOGY if command.startswith("/") and command != "/ask" else APOLOGY


def slow_down(wait_seconds: float, *, whole_chat: bool) -> str:
    """Flood control's one notice (plain text, for a toast or an inline hint): who is asking too
    fast, and when the bot answers again."""
    who = "Nhóm này đang hỏi" if whole_chat else "Bạn hỏi"
    seconds = max(1, math.ceil(wait_seconds))
    return f"{who} nhanh quá, hãy chậm lại một chút: Số Liệu sẽ trả lời tiếp sau khoảng {seconds} giây."


def slow_down_message(wait_seconds: float, *, whole_chat: bool) -> str:
    """The same notice as a chat message."""
    return short_message(slow_down(wait_seconds, whole_chat=whole_chat))


def question_problem(reason: str) -> str:
    """A question the engine refused (empty, too long): its sentence and what to do."""
    return short_message(f"{reason} Hãy hỏi ngắn gọn về một số liệu, ví dụ: {EXAMPLE_QUESTIONS[0]}")


def echo(text: str) -> str:
    """The user's own text, repeated back in a short reply: one line, at most ECHO_LIMIT characters
    (4,080 "<" would otherwise become 16,320 characters of "&lt;")."""
    return echo_limited(text, ECHO_LIMIT)


def echo_limited(text: str, limit: int) -> str:
    """One line of at most `limit` characters, cut with "…"."""
    line = " ".join(text.split())
    return line if len(line) <= limit else f"{line[: limit - 1]}…"


def short_message(text: str) -> str:
    """A one-paragraph reply as HTML that always fits in one message."""
    return paginate([Block(text)])[0]


# Fixed replies, as HTML ready to send.
APOLOGY = short_message("Xin lỗi, đã có lỗi khi xử lý câu hỏi. Vui lòng thử lại sau.")
COMMAND_APOLOGY = short_message("Xin lỗi, đã có lỗi khi thực hiện lệnh này. Vui lòng thử lại sau.")
UPLOAD_APOLOGY = short_message(
    "Xin lỗi, đã có lỗi khi thêm bài báo từ tệp này. Vui lòng gửi lại tệp sau ít phút."
)
NOT_ALLOWED_MESSAGE = short_message(NOT_ALLOWED)
ADMIN_ONLY = short_message("Xin lỗi, chỉ quản trị viên của Số Liệu mới dùng được lệnh này.")
UPLOAD_ADMIN_ONLY = short_message(
    "Xin lỗi, chỉ quản trị viên mới thêm được bài báo. Bạn có thể gõ câu hỏi về số liệu để được trả lời."
)
TEXT_ONLY = short_message(
    f"Số Liệu chỉ đọc được câu hỏi bằng chữ. Hãy gõ câu hỏi, ví dụ: {EXAMPLE_QUESTIONS[0]}"
)
EMPTY_ASK = short_message(f"Hãy viết câu hỏi sau lệnh /ask, ví dụ: /ask {EXAMPLE_QUESTIONS[0]}")
EMPTY_MENTION = short_message(f"Hãy viết câu hỏi ngay sau tên bot, ví dụ: {EXAMPLE_QUESTIONS[0]}")
SOURCE_USAGE = short_message("Hãy gửi kèm mã bài báo: /source mã. Xem các mã bằng /sources.")
REINDEXING = short_message("Đang lập lại chỉ mục…")
REMOVE_USAGE = short_message("Cách dùng: /remove mã_bài (xem mã bằng /sources).")


# -- inline mode -------------------------------------------------------------------------------------


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


# -- commands ----------------------------------------------------------------------------------------


class Command(NamedTuple):
    """A command as Telegram's command menu shows it; /help lists the same ones."""

    command: str
    description: str


PUBLIC_COMMANDS = (
    Command("ask", "Hỏi một số liệu: /ask câu hỏi"),
    Command("sources", "Các bài báo đã lập chỉ mục"),
    Command("source", "Chi tiết và nội dung một bài báo: /source mã"),
    Command("help", "Hướng dẫn và câu hỏi ví dụ"),
    Command("start", "Bắt đầu"),
)
ADMIN_COMMANDS = (
    Command("reindex", "Lập lại chỉ mục (quản trị)"),
    Command("remove", "Bỏ một bài khỏi chỉ mục: /remove mã (quản trị)"),
    Command("stats", "Thống kê chỉ mục và phản hồi (quản trị)"),
)


def _command_lines(commands: Iterable[Command]) -> list[Block]:
    return [Block(f"/{command} — {text[:1].lower()}{text[1:]}") for command, text in commands]


def _megabytes(size_bytes: int) -> str:
    return f"{size_bytes // (1024 * 1024)} MB"


def help_message(bot_username: str, *, is_admin: bool, upload_limit_bytes: int) -> str:
    mention = f"@{bot_username}"
    blocks = [
        Block(
            f"{NAME} trả lời câu hỏi về số liệu trong các bài báo: con số, câu trích nguyên văn và nguồn.",
            ((0, len(NAME)),),
        ),
        SPACER,
        Block.strong("Ví dụ:"),
        *[Block(f"• {question}") for question in EXAMPLE_QUESTIONS],
        SPACER,
        Block("Trò chuyện riêng: gõ câu hỏi."),
        Block(f"Trong nhóm: /ask câu hỏi, {mention} câu hỏi, hoặc trả lời một tin nhắn của bot."),
        Block(f"Ở bất kỳ đâu: gõ {mention} câu hỏi rồi chọn kết quả."),
        Block(
            "Dưới mỗi câu trả lời: «Nguồn» xem đoạn văn gốc, «Số liệu khác» xem số liệu liên quan, "
            "«Báo sai» báo câu trả lời sai."
        ),
        SPACER,
        Block.strong("Lệnh:"),
        *_command_lines(PUBLIC_COMMANDS),
    ]
    if is_admin:
        blocks += [
            SPACER,
            Block.strong("Quản trị:"),
            Block(f"Gửi tệp .txt, .md hoặc .html để thêm bài báo (tối đa {_megabytes(upload_limit_bytes)})."),
            *_command_lines(ADMIN_COMMANDS),
        ]
    return paginate(blocks)[0]


def sources_messages(sources: Sequence[Source]) -> list[str]:
    blocks = [Block.strong(f"{len(sources)} bài báo đã lập chỉ mục:")]
    for source in sources:
        details = " · ".join(
            part for part in (format_date(source.date) if source.date else None, source.place) if part
        )
        line = f"• {source.id} — {source.title}" + (f" ({details})" if details else "")
        blocks.append(Block(line, ((2, 2 + len(source.id)),)))
    blocks.append(Block("Xem một bài: /source mã", tag="i"))
    return paginate(blocks)


def article_pages(article: Article, figure_count: int) -> list[str]:
    """The article's details, then its text paragraph by paragraph, cut into pages with a footer."""
    details = [
        f"Ngày: {format_date(article.date)}" if article.date else None,
        f"Nơi: {article.place}" if article.place else None,
        f"{figure_count} số liệu",
        f"mã {article.id}",
    ]
    blocks = [Block.strong(article.title), Block(" · ".join(d for d in details if d), tag="i")]
    if article.url:
        blocks.append(Block(article.url))
    blocks.append(SPACER)
    blocks += [Block(paragraph.text) for paragraph in paragraphs(article.text)]
    footer_room = 40  # "\n<i>Trang 12/34</i>"
    pages = paginate(blocks, MESSAGE_LIMIT - footer_room)
    if len(pages) == 1:
        return pages
    return [f"{page}\n<i>Trang {number}/{len(pages)}</i>" for number, page in enumerate(pages, 1)]


def page_keyboard(key: str, page: int, pages: int) -> InlineKeyboardMarkup | None:
    """ "◂ Trang trước" / "Trang tiếp ▸" for page `page` (0-based) of `pages`."""
    row = []
    if page > 0:
        row.append(
            InlineKeyboardButton("◂ Trang trước", callback_data=callback_data(Button.PAGE, key, page - 1))
        )
    if page + 1 < pages:
        row.append(
            InlineKeyboardButton("Trang tiếp ▸", callback_data=callback_data(Button.PAGE, key, page + 1))
        )
    return InlineKeyboardMarkup([row]) if row else None


def unknown_article(article_id: str) -> str:
    return short_message(f"Không có bài báo mã “{echo(article_id)}”. Xem các mã bằng /sources.")


def unknown_command(command: str) -> str:
    return short_message(f"Không có lệnh {echo(command)}. Gõ /help để xem hướng dẫn, hoặc gõ thẳng câu hỏi.")


def ingested_message(ingested: Ingested) -> str:
    article = ingested.article
    verb = "Đã cập nhật" if ingested.replaced else "Đã thêm"
    return paginate(
        [
            Block(
                f"{verb} bài “{article.title}” (mã {article.id}): tìm thấy {ingested.figures} số liệu.",
                ((0, len(verb)),),
            ),
            Block("Có thể hỏi về bài này ngay bây giờ.", tag="i"),
        ]
    )[0]


def upload_problem(reason: str) -> str:
    return short_message(f"Không thêm được bài: {reason}")


def download_failed(file_name: str) -> str:
    """An admin's file that could not be fetched from Telegram: about the file, not "a question"."""
    return short_message(
        f"Không tải được tệp “{echo(file_name)}” từ Telegram nên chưa thêm được bài. "
        "Hãy gửi lại tệp sau ít phút."
    )


def upload_too_large(limit_bytes: int) -> str:
    return short_message(f"Tệp quá lớn: Số Liệu chỉ nhận bài báo đến {_megabytes(limit_bytes)}.")


def remove_problem(reason: str) -> str:
    return short_message(f"Không bỏ được bài: {reason}")


def removed_message(removed: Sequence[Article]) -> str:
    names = "; ".join(f"{article.id} — {article.title}" for article in removed)
    return short_message(
        f"Đã bỏ {len(removed)} bài khỏi chỉ mục: {names}. Câu hỏi từ nay không dùng bài này nữa."
    )


def reindexed_message(manifest: Manifest, seconds: float) -> str:
    return short_message(
        f"Đã lập lại chỉ mục: {manifest.articles} bài, {manifest.passages} đoạn, "
        f"{manifest.figures} số liệu trong {seconds:.1f} giây."
    )


def stats_message(manifest: Manifest, feedback_count: int) -> str:
    return paginate(
        [
            Block.strong("Thống kê Số Liệu"),
            Block(f"Bài báo: {manifest.articles}"),
            Block(f"Đoạn văn: {manifest.passages}"),
            Block(f"Số liệu: {manifest.figures}"),
            Block(f"Báo sai: {feedback_count}"),
            Block(f"Mô hình: {manifest.encoder} / {manifest.model}"),
            Block(f"Lập chỉ mục lúc: {manifest.built_at}"),
        ]
    )[0]
