"""What answering looks up in one loaded index generation: articles, figures by article, sentence,
metric and year, unit and year; passages and their vectors; fused dense and lexical search.

Nothing is loaded when a catalog is made: each lookup asks the segments' stores through their own
indexes, and keeps what it found in a bounded cache (a generation never changes, so nothing kept
goes stale; the next generation gets a new catalog). Memory and start-up time therefore stay the
same whatever the archive's size. A segment's articles replaced or removed since it was written
are left out of every lookup.
"""

from __future__ import annotations

import math
import threading
from bisect import bisect_right
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from typing import Generic, TypeVar

import numpy as np

from corpus.figures import antecedent, own_words
from corpus.model import Article, Figure, Passage, UnitKey
from corpus.names import defined_aliases, with_aliases
from corpus.text import fold, folded_words, paragraphs
from corpus.vocabulary import vocabulary
from index.builder import LoadedIndex
from index.lexical import Phrase, TermStatistics, bm25, lexical_terms, match_expression, query_phrases
from index.manifest import Manifest
from index.segment import SegmentView
from index.vectors import VectorHit

# Reciprocal-rank fusion constant: how fast a lower rank stops counting (the usual 60).
RRF_K = 60
# A syllable in more than this share of passages ("xuất", "năm", "đạt") tells them apart too little to
# pay for: BM25 weighs it near zero, and leaving it out of the query makes search 4× faster.
COMMON_TERM_SHARE = 0.05
# …and in at least this many: in a small corpus every word is worth searching.
COMMON_TERM_MIN_PASSAGES = 200

# What is kept between questions: at most this many articles (a few kB of text each), passages,
# sentences' figures, articles' figures and passage spans; and this many figures in all in the lists
# of figures by metric and year, and by unit and year (thousands per list at 30,000 articles).
_ARTICLES_KEPT = 8192
_PASSAGES_KEPT = 16_384
_SENTENCES_KEPT = 16_384
_ARTICLE_FIGURES_KEPT = 1024
_SPANS_KEPT = 16_384
_LISTED_FIGURES_KEPT = 60_000
# Matches of a segment of changes scored against the whole index's statistics: this many times k.
_RESCORED_PER_K = 4
_RESCORED_MIN = 100
# Questions whose word weights are kept (the candidates of one question share them).
_KEYWORD_WEIGHTS_KEPT = 256

_SentenceKey = tuple[str, int]  # (article id, sentence start)
_Spans = tuple[list[int], list[tuple[int, int, int]]]  # starts, and (start, end, passage id) by start
_Aliases = tuple[tuple[frozenset[str], frozenset[str]], ...]  # (long name, short name) words, folded
K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
_ABSENT = object()


class Recent(Generic[K, V]):
    """Values looked up, at most `limit` of them (or of their `weight`s), the first kept the first
    forgotten: filled one at a time as lookups miss, or many at once (see `Catalog.gather`). A hit is
    one dictionary read; only filling takes the lock, so the bot's answering threads can share it."""

    def __init__(self, limit: int, weight: Callable[[V], int] = lambda _: 1) -> None:
        self.limit = limit
        self._weight = weight
        self._items: OrderedDict[K, V] = OrderedDict()
        self._total = 0
        self._lock = threading.Lock()

    def __contains__(self, key: K) -> bool:
        return key in self._items

    def get(self, key: K, find: Callable[[K], V]) -> V:
        value = self._items.get(key, _ABSENT)
        if value is _ABSENT:
            value = find(key)
            self.put(key, value)
        return value  # type: ignore[return-value]

    def put(self, key: K, value: V) -> None:
        with self._lock:
            if key in self._items:
                self._total -= self._weight(self._items.pop(key))
            self._items[key] = value
            self._total += self._weight(value)
            while self._total > self.limit and len(self._items) > 1:
                self._total -= self._weight(self._items.popitem(last=False)[1])


class Lookup(Generic[K]):
    """Figures by a key, as `catalog.by_metric_year[(metric, year)]` reads them (an empty tuple for
    none), kept in a bounded cache."""

    def __init__(self, find: Callable[[K], tuple[Figure, ...]], kept: Recent[K, tuple[Figure, ...]]) -> None:
        self._find = find
        self._kept = kept

    def __getitem__(self, key: K) -> tuple[Figure, ...]:
        return self._kept.get(key, self._find)

    def get(self, key: K, default: tuple[Figure, ...] = ()) -> tuple[Figure, ...]:
        return self[key] or default


class Kept(dict[K, V]):
    """Values kept for the next question, forgotten all at once when there are `limit` of them:
    questions may bring any words, and memory stays bounded."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit

    def keep(self, key: K, value: V) -> V:
        if len(self) >= self.limit:
            self.clear()
        self[key] = value
        return value


class Articles(Mapping[str, Article]):
    """The served articles by id, looked up one at a time; iterating reads them page by page."""

    def __init__(self, catalog: Catalog) -> None:
        self._catalog = catalog

    def __getitem__(self, article_id: str) -> Article:
        found = self._catalog.holding(article_id)
        if found is None:
            raise KeyError(article_id)
        return found[1]

    def __iter__(self) -> Iterator[str]:
        return (article.id for article in self.values())

    def __len__(self) -> int:
        return self._catalog.manifest.articles

    def values(self) -> Iterator[Article]:  # type: ignore[override]
        for view in self._catalog.segments:
            yield from (a for a in view.store.iter_articles() if a.id not in view.hidden_articles)


class Catalog:
    def __init__(self, loaded: LoadedIndex) -> None:
        self.loaded = loaded
        self.segments = loaded.segments
        self.articles = Articles(self)
        self._holding: Recent[str, tuple[SegmentView, Article] | None] = Recent(_ARTICLES_KEPT)
        self.by_article: Lookup[str] = Lookup(self._figures_of_article, Recent(_ARTICLE_FIGURES_KEPT))
        listed: Callable[[tuple[Figure, ...]], int] = len
        self.by_metric_year: Lookup[tuple[str, int | None]] = Lookup(
            self._by_metric_year, Recent(_LISTED_FIGURES_KEPT, listed)
        )
        self.by_unit_year: Lookup[tuple[UnitKey, int | None]] = Lookup(
            self._by_unit_year, Recent(_LISTED_FIGURES_KEPT, listed)
        )
        self._spans: Recent[str, _Spans] = Recent(_SPANS_KEPT)
        self._aliases: Recent[str, _Aliases] = Recent(_SPANS_KEPT)
        self._passages: Recent[int, Passage | None] = Recent(_PASSAGES_KEPT)
        self._passage_figures: Recent[int, tuple[Figure, ...]] = Recent(_PASSAGES_KEPT)
        self._sentence_figures: Recent[_SentenceKey, tuple[Figure, ...]] = Recent(_SENTENCES_KEPT)
        self._naming_words: Kept[_SentenceKey, set[str]] = Kept(_SENTENCES_KEPT)
        self._sentence_metrics: Kept[_SentenceKey, set[str]] = Kept(_SENTENCES_KEPT)
        # Every candidate of a question weighs its words: computed once per question.
        self._keyword_weights: Kept[tuple[str, ...], dict[str, float]] = Kept(_KEYWORD_WEIGHTS_KEPT)
        # What the lexical statistics count: every passage the segments' term indexes hold.
        self._passage_count = sum(view.store.passage_count for view in self.segments)

    @property
    def manifest(self) -> Manifest:
        return self.loaded.manifest

    def close(self) -> None:
        self.loaded.close()

    # -- lookups --------------------------------------------------------------------------------

    def holding(self, article_id: str) -> tuple[SegmentView, Article] | None:
        """The segment serving an article, and the article (the newest segment holding it wins)."""
        return self._holding.get(article_id, self._find_holding)

    def _find_holding(self, article_id: str) -> tuple[SegmentView, Article] | None:
        for view in reversed(self.segments):
            if article_id not in view.hidden_articles:
                article = view.store.article(article_id)
                if article is not None:
                    return view, article
        return None

    def gather(self, article_ids: Iterable[str]) -> None:
        """Look up these articles and their passages in a few queries, not one or two per article:
        the figures a question weighs come from hundreds of articles."""
        missing = [a for a in dict.fromkeys(article_ids) if a not in self._holding]
        for view in reversed(self.segments):
            wanted = [a for a in missing if a not in view.hidden_articles]
            found = {article.id: article for article in view.store.articles(wanted)}
            for article in found.values():
                self._holding.put(article.id, (view, article))
            unknown = [a for a in found if a not in self._spans]
            spans = view.store.passage_spans(unknown)
            for article_id in unknown:
                self._spans.put(article_id, _spans(spans.get(article_id, [])))
            missing = [a for a in missing if a not in found]
        for article_id in missing:
            self._holding.put(article_id, None)

    def _figures_of_article(self, article_id: str) -> tuple[Figure, ...]:
        found = self.holding(article_id)
        return tuple(found[0].store.figures_of(article_id)) if found else ()

    def _by_metric_year(self, key: tuple[str, int | None]) -> tuple[Figure, ...]:
        return self._served(lambda view: view.store.figures_by_metric_year(*key))

    def _by_unit_year(self, key: tuple[UnitKey, int | None]) -> tuple[Figure, ...]:
        return self._served(lambda view: view.store.figures_by_unit_year(*key))

    def years_of_metric(self, metric: str) -> list[int]:
        """The years some figure of `metric` is of, in any segment (a hidden article's included)."""
        return sorted({year for view in self.segments for year in view.store.years_of_metric(metric)})

    def years_of_unit(self, unit: UnitKey) -> list[int]:
        return sorted({year for view in self.segments for year in view.store.years_of_unit(unit)})

    def _served(self, find: Callable[[SegmentView], list[Figure]]) -> tuple[Figure, ...]:
        """What each segment finds, less its hidden articles' figures, in order of figure id."""
        return tuple(
            f for view in self.segments for f in find(view) if f.article_id not in view.hidden_articles
        )

    def _aliases_of(self, article_id: str) -> _Aliases:
        return defined_aliases(self.articles[article_id].text)

    def _passage(self, passage_id: int) -> Passage | None:
        for view in self.segments:
            if passage_id not in view.hidden_passages:
                found = view.store.passages([passage_id])
                if found:
                    return found[0]
        return None

    def _spans_of(self, article_id: str) -> _Spans:
        found = self.holding(article_id)
        return _spans(found[0].store.passage_spans([article_id]).get(article_id, []) if found else [])

    # -- retrieval ------------------------------------------------------------------------------

    def search(self, question: str, query: np.ndarray, k: int) -> list[tuple[Passage, float]]:
        """Passages by reciprocal-rank fusion of the dense and the lexical ranking."""
        dense = [hit.id for hit in self._nearest(query, k)]
        lexical = self.lexical_search(question, k)
        fused: dict[int, float] = defaultdict(float)
        for ranking in (dense, lexical):
            for rank, pid in enumerate(ranking):
                fused[pid] += 1.0 / (RRF_K + rank)
        ranked = sorted(fused.items(), key=lambda item: -item[1])
        self._gather_passages([pid for pid, _ in ranked])
        found = ((self._passages.get(pid, self._passage), score) for pid, score in ranked)
        return [(passage, score) for passage, score in found if passage is not None]

    def _gather_passages(self, passage_ids: list[int]) -> None:
        """Look up the passages a search found, and the figures in them, in a query or two per
        segment, not one or two per passage."""
        missing = [pid for pid in passage_ids if pid not in self._passages]
        for view in self.segments:
            wanted = [pid for pid in missing if pid not in view.hidden_passages]
            passages = view.store.passages(wanted)
            figures = view.store.figures_in_passages(passages)
            for passage in passages:
                self._passages.put(passage.stored_id, passage)
                self._passage_figures.put(passage.stored_id, tuple(figures.get(passage.stored_id, ())))
            found = {p.stored_id for p in passages}
            missing = [pid for pid in missing if pid not in found]

    def _nearest(self, query: np.ndarray, k: int) -> list[VectorHit]:
        hits = [hit for view in self.segments for hit in view.vectors.search(query, k, view.hidden_passages)]
        return sorted(hits, key=lambda hit: -hit.score)[:k]

    def lexical_search(self, question: str, k: int) -> list[int]:
        """Passage ids by BM25 over the question's telling syllables. The base scores its passages
        itself (FTS5); a segment of changes since has its best matches scored by the same formula
        over the whole index's statistics, not its own few passages'."""
        terms = set(lexical_terms(question).folded.split())
        limit = max(COMMON_TERM_SHARE * self._passage_count, COMMON_TERM_MIN_PASSAGES)
        common = frozenset(
            term for term, documents in self.term_documents(terms).items() if documents > limit
        )
        phrases = query_phrases(question, vocabulary().stopwords | common)
        expression = match_expression(phrases)
        if not expression:
            return []
        base, *changes = self.segments
        hits = base.store.lexical_search(expression, k, base.hidden_passages)
        if changes:
            statistics = self._term_statistics(phrases)
            for view in changes:
                matches = view.store.matching_rows(
                    expression, max(_RESCORED_PER_K * k, _RESCORED_MIN), view.hidden_passages
                )
                hits += [(pid, bm25(phrases, columns, statistics)) for pid, columns in matches]
        return [pid for pid, _ in sorted(hits, key=lambda hit: -hit[1])[:k]]

    def _term_statistics(self, phrases: list[Phrase]) -> TermStatistics:
        hits: dict[Phrase, int] = defaultdict(int)
        for view in self.segments:
            for phrase, documents in view.store.phrase_documents(phrases).items():
                hits[phrase] += documents
        tokens = sum(view.segment.record.tokens for view in self.segments)
        return TermStatistics(self._passage_count, tokens, dict(hits))

    def term_documents(self, terms: set[str]) -> dict[str, int]:
        """In how many passages each term is found, over all segments (terms found in none left out)."""
        counts: dict[str, int] = defaultdict(int)
        for view in self.segments:
            for term, documents in view.store.term_documents(terms).items():
                counts[term] += documents
        return dict(counts)

    def figures_in(self, passage: Passage) -> list[Figure]:
        return list(self._passage_figures.get(passage.stored_id, lambda _: self._figures_in(passage)))

    def _figures_in(self, passage: Passage) -> tuple[Figure, ...]:
        return tuple(f for f in self.by_article[passage.article_id] if passage.start <= f.start < passage.end)

    # -- what surrounds a figure ----------------------------------------------------------------

    def article_of(self, figure: Figure) -> Article:
        return self.articles[figure.article_id]

    def quote_of(self, figure: Figure) -> str:
        """The sentence a figure comes from, verbatim from its article."""
        return self.articles[figure.article_id].text[figure.sentence_start : figure.sentence_end]

    def words_of(self, figure: Figure) -> str:
        """The words that belong to a figure: its own stretch of its sentence and the sentence's lead-in
        (see `corpus.figures.own_words`)."""
        sentence = self._sentence_figures.get(
            (figure.article_id, figure.sentence_start), self._figures_of_sentence
        )
        return own_words(self.articles[figure.article_id], list(sentence), figure)

    def _figures_of_sentence(self, key: _SentenceKey) -> tuple[Figure, ...]:
        found = self.holding(key[0])
        return tuple(found[0].store.figures_of_sentence(*key)) if found else ()

    def keyword_weights(self, keywords: tuple[str, ...]) -> dict[str, float]:
        """How telling each of a question's words is: the rarer among passages, the more (inverse
        document frequency); a word no passage has tells nothing."""
        weights = self._keyword_weights.get(keywords)
        if weights is None:
            documents = self.term_documents({fold(word) for word in keywords})
            total = max(self._passage_count, 1)
            weights = self._keyword_weights.keep(
                keywords,
                {
                    word: math.log(total / documents[fold(word)]) if fold(word) in documents else 0.0
                    for word in keywords
                },
            )
        return weights

    def paragraph_of(self, figure: Figure) -> str:
        """The paragraph around a figure's sentence, for "show me the source" ("" when the article
        has changed so much that no paragraph holds it)."""
        text = self.articles[figure.article_id].text
        return next((p.text for p in paragraphs(text) if p.start <= figure.sentence_start < p.end), "")

    def sentence_metrics(self, figure: Figure) -> set[str]:
        """Metrics the figure's sentence names (a count of cars in a sentence about imports)."""
        key = (figure.article_id, figure.sentence_start)
        metrics = self._sentence_metrics.get(key)
        if metrics is None:
            found = vocabulary().metric_matcher.find(self.quote_of(figure), as_typed=True)
            metrics = self._sentence_metrics.keep(key, {m.key for m in found})
        return metrics

    def naming_words(self, figure: Figure) -> set[str]:
        """Folded words of the figure's sentence and its article's title, and of the sentence before
        when this one refers back to it ("vùng này"): where what a figure is about is named. A company
        named two sentences away may be one the figure is compared with."""
        key = (figure.article_id, figure.start)  # a sentence may refer back only after its first figure
        words = self._naming_words.get(key)
        if words is None:
            article = self.articles[figure.article_id]
            named = f"{article.title}\n{antecedent(article.text, figure)}{self.quote_of(figure)}"
            # a short name the article defines in brackets names its long one, and the other way round
            aliases = self._aliases.get(figure.article_id, self._aliases_of)
            words = self._naming_words.keep(key, with_aliases(folded_words(named), aliases))
        return words

    # -- vectors --------------------------------------------------------------------------------

    def similarities(self, query: np.ndarray, figures: list[Figure]) -> list[float]:
        """Each figure's best passage similarity to the question, one matrix product per segment."""
        rows = [self._passage_ids(f) for f in figures]
        scores: dict[int, float] = {}
        for view in self.segments:
            wanted = sorted({pid for figure_rows in rows for pid in figure_rows if pid not in scores})
            present = [
                pid
                for pid, row in zip(wanted, view.vectors.row_numbers(wanted), strict=True)
                if row is not None
            ]
            if present:
                scores.update(zip(present, (view.vectors.rows(present) @ query).tolist(), strict=True))
        return [max((scores[p] for p in figure_rows if p in scores), default=0.0) for figure_rows in rows]

    def _passage_ids(self, figure: Figure) -> list[int]:
        """The passages that hold the figure."""
        starts, spans = self._spans.get(figure.article_id, self._spans_of)
        upto = bisect_right(starts, figure.start)
        return [pid for start, end, pid in spans[:upto] if start <= figure.start and figure.end <= end]


def _spans(spans: list[tuple[int, int, int]]) -> _Spans:
    return [start for start, _, _ in spans], spans
