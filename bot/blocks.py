"""Telegram HTML built from `Block`s of plain text, and split into messages that fit.

A block escapes its own text and adds its own tags, so user and article text can never break the
HTML, and a long block is cut in its plain text (at a line, sentence or word) before it is escaped,
so a cut never falls inside a tag or an entity.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

from telegram.constants import MessageLimit

MESSAGE_LIMIT = MessageLimit.MAX_TEXT_LENGTH  # 4096
CAPTION_LIMIT = MessageLimit.CAPTION_LENGTH  # 1024: a photo's caption
ECHO_LIMIT = 64  # characters of the user's own text repeated back in a short reply
_SENTENCE_END = re.compile(r"[.!?…;:]\s")


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


def short_message(text: str) -> str:
    """A one-paragraph reply as HTML that always fits in one message."""
    return paginate([Block(text)])[0]


def echo(text: str) -> str:
    """The user's own text, repeated back in a short reply: one line, at most ECHO_LIMIT characters
    (4,080 "<" would otherwise become 16,320 characters of "&lt;")."""
    return echo_limited(text, ECHO_LIMIT)


def echo_limited(text: str, limit: int) -> str:
    """One line of at most `limit` characters, cut with "…"."""
    line = " ".join(text.split())
    return line if len(line) <= limit else f"{line[: limit - 1]}…"
