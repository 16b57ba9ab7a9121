"""Sentence-aware passages with overlap; offsets point into the article so quotes stay verbatim."""
from __future__ import annotations

from corpus.model import Article, Passage
from corpus.text import paragraphs, sentences

MAX_CHARS = 600
OVERLAP_SENTENCES = 1


def split_passages(article: Article, max_chars: int = MAX_CHARS, overlap: int = OVERLAP_SENTENCES) -> list[Passage]:
    """Pack whole sentences into windows of about `max_chars`, repeating the last `overlap` sentences
    of a window of three or more at the start of the next, so a figure keeps its context without
    doubling the passages of long-sentence articles. Windows run across short paragraphs: some
    outlets put every sentence on a line of its own."""
    spans = [sentence for paragraph in paragraphs(article.text) for sentence in sentences(paragraph)]
    passages: list[Passage] = []
    index = 0
    while index < len(spans):
        size = 1
        while index + size < len(spans) and spans[index + size].end - spans[index].start <= max_chars:
            size += 1
        start, end = spans[index].start, spans[index + size - 1].end
        passages.append(Passage(article.id, start, end, article.text[start:end]))
        if index + size >= len(spans):
            break
        index += size - overlap if size > 2 else size
    return passages
