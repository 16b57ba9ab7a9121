"""The text the index embeds: the sentences that hold figures, cut to short windows around them.

Only figures answer questions, so only their sentences are worth the encoder's time: on real news
that is about a quarter of the text. The encoder's cost grows with the characters it reads, so a
long sentence is cut into windows of at most `MAX_CHARS` around its figures. Offsets point into the
article, so every passage is a verbatim slice of it.
"""
from __future__ import annotations

import re

from corpus.model import Article, Figure, Passage

MAX_CHARS = 240
# How much of the sentence before a figure its window keeps: the metric and the period come first
# in Vietnamese ("Kim ngạch xuất khẩu 5 tháng đầu năm đạt …").
LEAD_CHARS = 170
_WORD_START = re.compile(r"(?<=\s)\S")


def figure_passages(article: Article, figures: list[Figure]) -> list[Passage]:
    """One passage per sentence that holds a figure, or several windows when the sentence is long."""
    by_sentence: dict[tuple[int, int], list[Figure]] = {}
    for figure in figures:
        by_sentence.setdefault((figure.sentence_start, figure.sentence_end), []).append(figure)
    passages: list[Passage] = []
    for (start, end), in_sentence in sorted(by_sentence.items()):
        for window_start, window_end in _windows(article.text, start, end, in_sentence):
            passages.append(Passage(article.id, window_start, window_end, article.text[window_start:window_end]))
    return passages


def _windows(text: str, start: int, end: int, figures: list[Figure]) -> list[tuple[int, int]]:
    if end - start <= MAX_CHARS:
        return [(start, end)]
    windows: list[tuple[int, int]] = []
    for figure in sorted(figures, key=lambda f: f.start):
        if windows and figure.end <= windows[-1][1]:
            continue
        window_start = _word_start(text, max(start, figure.start - LEAD_CHARS), figure.start)
        window_end = _word_end(text, min(end, window_start + MAX_CHARS), figure.end)
        windows.append((window_start, window_end))
    return windows


def _word_start(text: str, position: int, limit: int) -> int:
    """The first word that begins at or after `position` (never past `limit`)."""
    if position == 0 or text[position - 1].isspace():
        return position
    match = _WORD_START.search(text, position, limit)
    return match.start() if match else position


def _word_end(text: str, position: int, floor: int) -> int:
    """The last word end at or before `position` (never before `floor`)."""
    cut = text.rfind(" ", floor, position + 1)
    return position if position >= len(text) or text[position].isspace() or cut == -1 else cut
