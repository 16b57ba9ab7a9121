"""A corpus read and understood for a build: each article's figures, passages and lexical terms,
ready to store. Reading and understanding are most of a build's work once embeddings are cached, so
a big corpus is shared among worker processes, one per core; the one writer stores their results in
corpus order, so the index is the same as a one-process build."""

from __future__ import annotations

import itertools
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

from corpus.articles import CorpusPart, Skipped, admitted, corpus_parts, count_articles, read_part
from corpus.figures import extract_figures
from corpus.passages import figure_passages
from corpus.vocabulary import vocabulary
from index.progress import Progress
from index.store import PreparedArticle, prepare

# Fewer articles are read in this process: starting workers costs more than it saves.
PARALLEL_FROM = 200
# Parts handed to the workers at a time (bounding what waits in memory) and per task.
WINDOW = 1024
CHUNK = 16


def understood_corpus(
    sources: list[Path],
    skipped: list[Skipped],
    *,
    progress: bool,
    max_article_bytes: int,
) -> Iterator[PreparedArticle]:
    """The good articles of the sources, understood, in corpus order (see `corpus.articles.iter_corpus`
    for what is skipped and why)."""
    total = count_articles(sources)
    parts = corpus_parts(sources, max_article_bytes=max_article_bytes)
    read = partial(understood, max_article_bytes=max_article_bytes)
    workers = min(os.cpu_count() or 1, 8)
    with Progress("Đọc và hiểu bài báo", total, "bài", shown=progress) as bar:
        if total < PARALLEL_FROM or workers < 2:
            results: Iterator[PreparedArticle | Skipped | None] = map(read, parts)
        else:
            results = _in_workers(read, parts, workers)
        yield from admitted(_counted(results, bar), skipped, lambda prepared: prepared.article)


def understood(part: CorpusPart | Skipped, *, max_article_bytes: int) -> PreparedArticle | Skipped | None:
    """One part read and understood (run in a worker process)."""
    article = part if isinstance(part, Skipped) else read_part(part, max_article_bytes=max_article_bytes)
    if article is None or isinstance(article, Skipped):
        return article
    figures = extract_figures(article)
    return prepare(article, figure_passages(article, figures), figures)


def _counted(
    results: Iterator[PreparedArticle | Skipped | None], bar: Progress
) -> Iterator[PreparedArticle | Skipped | None]:
    for result in results:
        bar.update(1)
        yield result


def _in_workers(
    read: Callable[[CorpusPart | Skipped], PreparedArticle | Skipped | None],
    parts: Iterator[CorpusPart | Skipped],
    workers: int,
) -> Iterator[PreparedArticle | Skipped | None]:
    # forkserver, not fork: a build may run in a threaded process (the bot), and a forked copy of a
    # thread's held lock never comes free.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])
    with context.Pool(workers, initializer=vocabulary) as pool:
        # Two windows in flight: the workers start on the next while the last of this one finishes.
        in_flight: deque = deque()
        while window := list(itertools.islice(parts, WINDOW)):
            in_flight.append(pool.imap(read, window, chunksize=CHUNK))
            if len(in_flight) > 1:
                yield from in_flight.popleft()
        while in_flight:
            yield from in_flight.popleft()
