"""Vietnamese text helpers: diacritic folding that keeps offsets, sentences, paragraphs."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


def _fold_table() -> dict[int, str]:
    """Latin letters with diacritics (Vietnamese included) → their lower-case base letter."""
    table = {}
    for code in [*range(0x00C0, 0x0250), *range(0x1E00, 0x1F00)]:
        char = chr(code)
        base = unicodedata.normalize("NFD", char)[0].lower()
        if len(base) == 1 and base.isascii():
            table[code] = base
    table[ord("đ")] = table[ord("Đ")] = "d"
    return table


_FOLD = _fold_table()


def fold(text: str) -> str:
    """Lower-case and strip diacritics one character for one, so offsets stay valid.

    Phone users type "xuat khau bac ninh"; folding both sides lets that match "xuất khẩu Bắc Ninh".
    """
    folded = unicodedata.normalize("NFC", text).translate(_FOLD)
    lowered = folded.lower()
    return lowered if len(lowered) == len(folded) else "".join(c.lower()[:1] for c in folded)


def normalize(text: str) -> str:
    """NFC, unified line ends, no zero-width or non-breaking oddities."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return re.sub(r"[\u00a0\u2007\u202f]", " ", re.sub(r"[\u200b\u200c\u200d\ufeff]", "", text))


@dataclass(frozen=True)
class Span:
    """A piece of text with its offsets in the text it was cut from."""

    start: int
    end: int
    text: str


# A sentence ends at . ! ? … (with closing quotes/brackets and the "./." sign-off) followed by
# whitespace and something that can open a sentence. "TP.HCM" and "1.127,9" have no space after
# the dot, so they never split.
_SENTENCE_END = re.compile(r"""(?<=[.!?…])(?:/\.)?["”’)\]]*\s+(?=["“‘(\[]?[A-ZĐÀ-Ỹ0-9])""")


def sentences(paragraph: Span) -> list[Span]:
    """Split one paragraph into sentences, keeping offsets into the article."""
    text = paragraph.text
    spans: list[Span] = []
    cursor = 0
    for boundary in _SENTENCE_END.finditer(text):
        piece = text[cursor : boundary.start()]
        if piece.strip():
            spans.append(_trimmed(paragraph.start + cursor, piece))
        cursor = boundary.end()
    if text[cursor:].strip():
        spans.append(_trimmed(paragraph.start + cursor, text[cursor:]))
    return spans


def _trimmed(start: int, piece: str) -> Span:
    lead = len(piece) - len(piece.lstrip())
    body = piece.strip()
    return Span(start + lead, start + lead + len(body), body)


def paragraphs(text: str) -> list[Span]:
    """Paragraphs are the text's non-empty lines."""
    spans = []
    for match in re.finditer(r"[^\n]+", text):
        if match.group().strip():
            spans.append(_trimmed(match.start(), match.group()))
    return spans


WORD = re.compile(r"[\wÀ-ỹ]+", re.UNICODE)


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())
