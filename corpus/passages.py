"""Sentence-aware passages with overlap; offsets point into the article so quotes stay verbatim."""
from __future__ import annotations

from corpus.model import Article, Passage
from corpus.text import Span, paragraphs, sentences

MAX_CHARS = 450
OVERLAP_SENTENCES = 1


def split_passages(article: Article, max_chars: int = MAX_CHARS, overlap: int = OVERLAP_SENTENCES) -> list[Passage]:
    """Pack whole sentences of each paragraph into windows of about `max_chars`, repeating the last
    `overlap` sentences at the start of the next window so a figure keeps its context."""
    passages: list[Passage] = []
    for paragraph in paragraphs(article.text):
        spans = sentences(paragraph)
        index = 0
        while index < len(spans):
            window: list[Span] = [spans[index]]
            while index + len(window) < len(spans):
                candidate = spans[index + len(window)]
                if candidate.end - window[0].start > max_chars:
                    break
                window.append(candidate)
            start, end = window[0].start, window[-1].end
            passages.append(Passage(article.id, start, end, article.text[start:end]))
            if index + len(window) >= len(spans):
                break
            index += max(1, len(window) - overlap)
    return passages
