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
# How much of the sentence before a figure its window keeps. The metric, the period and the subject
# come before the number in Vietnamese ("Kim ngạch xuất khẩu gạo 5 tháng đầu năm đạt …"); after it
# only the unit's noun and a comparison ("so với cùng kỳ"), which the figure's subject and measure
# already say, so a window ends with its last figure. The lexical index reads the whole sentence; the
# encoder reads only these windows: on the 3,000 real articles 2.16M characters (2.45M with 16
# characters after each figure, for the same answers on the dev questions). A shorter lead loses
# answers: "vốn đầu tư thực hiện từ nguồn ngân sách" is not revenue.
LEAD_CHARS = 64
_WORD_START = re.compile(r"(?<=\s)\S")


def figure_passages(article: Article, figures: list[Figure]) -> list[Passage]:
    """Windows around the figures of each sentence: one when they sit close, several when not."""
    by_sentence: dict[tuple[int, int], list[Figure]] = {}
    for figure in figures:
        by_sentence.setdefault((figure.sentence_start, figure.sentence_end), []).append(figure)
    passages: list[Passage] = []
    for (start, end), in_sentence in sorted(by_sentence.items()):
        for window_start, window_end in _windows(article.text, start, end, in_sentence):
            passages.append(
                Passage(article.id, window_start, window_end, article.text[window_start:window_end])
            )
    return passages


def _windows(text: str, start: int, end: int, figures: list[Figure]) -> list[tuple[int, int]]:
    windows: list[tuple[int, int]] = []
    for figure in sorted(figures, key=lambda f: f.start):
        lead = max(start, figure.start - LEAD_CHARS)
        if windows and lead <= windows[-1][1] and figure.end - windows[-1][0] <= MAX_CHARS:
            windows[-1] = (windows[-1][0], figure.end)
        else:
            windows.append((lead, figure.end))
    return [
        (_word_start(text, s, figure_start), _word_end(text, e))
        for (s, e), figure_start in zip(windows, _firsts(figures, windows), strict=True)
    ]


def _firsts(figures: list[Figure], windows: list[tuple[int, int]]) -> list[int]:
    """The start of the first figure in each window: a snapped window never cuts into it."""
    return [min(f.start for f in figures if s <= f.start < e) for s, e in windows]


def _word_start(text: str, position: int, limit: int) -> int:
    """The first word that begins at or after `position` (never past `limit`)."""
    if position == 0 or text[position - 1].isspace():
        return position
    match = _WORD_START.search(text, position, limit + 1)
    return match.start() if match else position


def _word_end(text: str, position: int) -> int:
    """Extend to the end of the word `position` falls in, so no word is cut."""
    while position < len(text) and not text[position].isspace():
        position += 1
    return position
