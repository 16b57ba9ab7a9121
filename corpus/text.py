"""Vietnamese text helpers: diacritic folding that keeps offsets, sentences, paragraphs."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources


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


# Characters that are invisible or formatting-only: a zero-width space inside "xuất khẩu" must not
# turn it into two words (it once gave total trade instead of exports).
_INVISIBLE = re.compile(r"[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
# Spaces that look like a space but are not " ": non-breaking, figure, thin, ideographic …
_ODD_SPACE = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# Control characters other than the line feed (tabs are spaces above, line ends are unified first).
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def normalize_text(text: str) -> str:
    """The one normalisation for articles and questions alike: NFC, line ends as "\\n", no
    zero-width, BOM, soft-hyphen or control characters, odd spaces as plain spaces."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = _CONTROL.sub("", _ODD_SPACE.sub(" ", _INVISIBLE.sub("", text)))
    # Composed last, so a mark that followed an invisible character joins its letter.
    return unicodedata.normalize("NFC", text)


@dataclass(frozen=True)
class Span:
    """A piece of text with its offsets in the text it was cut from."""

    start: int
    end: int
    text: str


# A sentence ends at . ! ? … (with closing quotes/brackets and the "./." sign-off) followed by
# whitespace and something that can open a sentence. "TP.HCM" and "1.127,9" have no space after
# the dot, so they never split.
# A capital letter, Vietnamese ones included (a range such as À-Ỹ also holds lower-case "ở", "đ").
CAPITAL = "[" + "".join(sorted({c for c in map(chr, range(0x41, 0x1EF9)) if c.isupper()})) + "]"
_SENTENCE_END = re.compile(r"""(?<=[.!?…])(?:/\.)?["”’)\]]*\s+(?=["“‘(\[]?[A-ZĐÀ-Ỹ0-9])""")


# Longer sentences are cut at their last clause mark (, ; :) before the limit, else at a space, else
# anywhere: an unpunctuated 100,000-character paragraph once became one passage that took 81 s to
# embed. Real sentences stay whole: in 3,000 news articles, 1 in 4,000 is longer.
MAX_SENTENCE_CHARS = 1000
_CLAUSE_END = re.compile(r"[,;:](?=\s)")


@cache
def _abbreviations() -> frozenset[str]:
    """Read here rather than through `corpus.vocabulary`, which is built on this module."""
    data = tomllib.loads(resources.files("corpus").joinpath("vocabulary.toml").read_text(encoding="utf-8"))
    return frozenset(data["text"]["abbreviations"])


# Enough of the text before a dot to hold the longest abbreviation and the space before it.
_ABBREVIATION_CHARS = 16


def _after_abbreviation(text: str, end: int) -> bool:
    """The dot before `end` closes an abbreviation ("TP. HCM"), not a sentence."""
    tail = text[max(0, end - _ABBREVIATION_CHARS) : end].rstrip()
    words = tail.rstrip(".").rsplit(maxsplit=1)
    return tail.endswith(".") and bool(words) and words[-1] in _abbreviations()


def sentences(paragraph: Span, max_chars: int = MAX_SENTENCE_CHARS) -> list[Span]:
    """Split one paragraph into sentences of at most `max_chars`, keeping offsets into the article."""
    text = paragraph.text
    spans: list[Span] = []
    cursor = 0
    for boundary in _SENTENCE_END.finditer(text):
        if _after_abbreviation(text, boundary.start()):
            continue
        piece = text[cursor : boundary.start()]
        if piece.strip():
            spans += _capped(_trimmed(paragraph.start + cursor, piece), max_chars)
        cursor = boundary.end()
    if text[cursor:].strip():
        spans += _capped(_trimmed(paragraph.start + cursor, text[cursor:]), max_chars)
    return spans


def _capped(sentence: Span, max_chars: int) -> list[Span]:
    pieces = []
    start, text = sentence.start, sentence.text
    while len(text) > max_chars:
        cut = _cut_point(text, max_chars)
        pieces.append(_trimmed(start, text[:cut]))
        rest = text[cut:].lstrip()
        start, text = start + len(text) - len(rest), rest
    if text:
        pieces.append(Span(start, start + len(text), text))
    return pieces


def _cut_point(text: str, max_chars: int) -> int:
    """Where to end the first piece of an over-long sentence: after a clause mark in the second half
    of the allowed length, else at the last space, else at the limit itself."""
    window = text[: max_chars + 1]
    clauses = [m.end() for m in _CLAUSE_END.finditer(window, max_chars // 2)]
    if clauses:
        return clauses[-1]
    space = window.rfind(" ", 1)
    return space if space > 0 else max_chars


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


def before(text: str, position: int, chars: int) -> str:
    """Up to `chars` characters of `text` right before `position`: where a cue for what follows stands."""
    return text[max(0, position - chars) : position]


# A word of folded text: what questions and figures' sentences are compared by.
FOLDED_WORD = re.compile(r"[a-z0-9]+")


def folded_words(text: str) -> set[str]:
    return set(FOLDED_WORD.findall(fold(text)))
