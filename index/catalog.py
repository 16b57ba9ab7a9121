"""What answering looks up in one loaded index generation: figures by article, sentence, metric and
year, unit and year; passages and their rows in the vector matrix; fused dense and lexical search.

A catalog is built once per generation and replaced whole when a new generation is served.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import defaultdict

import numpy as np

from corpus.figures import antecedent, own_words
from corpus.model import Article, Figure, Passage, UnitKey
from corpus.text import fold, folded_words, paragraphs
from corpus.vocabulary import vocabulary
from index.builder import LoadedIndex
from index.lexical import lexical_terms, match_expression
from index.manifest import Manifest

# Reciprocal-rank fusion constant: how fast a lower rank stops counting (the usual 60).
RRF_K = 60

# Questions whose word weights are kept (the candidates of one question share them).
_KEYWORD_WEIGHTS_KEPT = 256

_SentenceKey = tuple[str, int]  # (article id, sentence start)


class Catalog:
    def __init__(self, loaded: LoadedIndex) -> None:
        self.loaded = loaded
        self.articles: dict[str, Article] = {a.id: a for a in loaded.store.articles()}
        self._naming_words: dict[_SentenceKey, set[str]] = {}
        self._sentence_metrics: dict[_SentenceKey, set[str]] = {}
        # Every candidate of a question weighs its words: computed once per question.
        self._keyword_weights: dict[tuple[str, ...], dict[str, float]] = {}
        self._by_sentence: dict[_SentenceKey, list[Figure]] = defaultdict(list)
        self.by_article: dict[str, list[Figure]] = defaultdict(list)
        self.by_metric_year: dict[tuple[str, int | None], list[Figure]] = defaultdict(list)
        self.by_unit_year: dict[tuple[UnitKey, int | None], list[Figure]] = defaultdict(list)
        for figure in loaded.store.figures():
            self._by_sentence[(figure.article_id, figure.sentence_start)].append(figure)
            self.by_article[figure.article_id].append(figure)
            self.by_metric_year[(figure.metric, figure.period.year)].append(figure)
            self.by_unit_year[(figure.unit.key, figure.period.year)].append(figure)
        self.passages: dict[int, Passage] = {}
        # Per article, (start, end, id) of its passages in order of start, and the starts for bisecting.
        self._passage_spans: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
        for passage in sorted(loaded.store.all_passages(), key=lambda p: (p.article_id, p.start)):
            self.passages[passage.stored_id] = passage
            self._passage_spans[passage.article_id].append((passage.start, passage.end, passage.stored_id))
        self._passage_starts = {
            article: [start for start, _, _ in spans] for article, spans in self._passage_spans.items()
        }
        ids, self._matrix = loaded.vectors.rows()
        self._row = {int(pid): row for row, pid in enumerate(ids)}

    @property
    def manifest(self) -> Manifest:
        return self.loaded.manifest

    def close(self) -> None:
        self.loaded.close()

    # -- retrieval ------------------------------------------------------------------------------

    def search(self, question: str, query: np.ndarray, k: int) -> list[tuple[Passage, float]]:
        """Passages by reciprocal-rank fusion of the dense and the lexical ranking."""
        dense = [hit.id for hit in self.loaded.vectors.search(query, k)]
        lexical = self.lexical_search(question, k)
        fused: dict[int, float] = defaultdict(float)
        for ranking in (dense, lexical):
            for rank, pid in enumerate(ranking):
                fused[pid] += 1.0 / (RRF_K + rank)
        ranked = sorted(fused.items(), key=lambda item: -item[1])
        return [(self.passages[pid], score) for pid, score in ranked if pid in self.passages]

    def lexical_search(self, question: str, k: int) -> list[int]:
        """Passage ids by BM25 over the question's telling syllables."""
        common = self.loaded.store.common_terms(set(lexical_terms(question).folded.split()))
        expression = match_expression(question, vocabulary().stopwords | common)
        return [pid for pid, _ in self.loaded.store.lexical_search(expression, k)] if expression else []

    def figures_in(self, passage: Passage) -> list[Figure]:
        return [f for f in self.by_article[passage.article_id] if passage.start <= f.start < passage.end]

    # -- what surrounds a figure ----------------------------------------------------------------

    def article_of(self, figure: Figure) -> Article:
        return self.articles[figure.article_id]

    def quote_of(self, figure: Figure) -> str:
        """The sentence a figure comes from, verbatim from its article."""
        return self.articles[figure.article_id].text[figure.sentence_start : figure.sentence_end]

    def words_of(self, figure: Figure) -> str:
        """The words that belong to a figure: its own stretch of its sentence and the sentence's lead-in
        (see `corpus.figures.own_words`)."""
        article = self.articles[figure.article_id]
        return own_words(article, self._by_sentence[(figure.article_id, figure.sentence_start)], figure)

    def keyword_weights(self, keywords: tuple[str, ...]) -> dict[str, float]:
        """How telling each of a question's words is: the rarer among passages, the more (inverse
        document frequency); a word no passage has tells nothing."""
        weights = self._keyword_weights.get(keywords)
        if weights is None:
            if len(self._keyword_weights) >= _KEYWORD_WEIGHTS_KEPT:
                self._keyword_weights.clear()
            store = self.loaded.store
            documents = store.term_documents({fold(word) for word in keywords})
            total = max(store.passage_count, 1)
            weights = self._keyword_weights[keywords] = {
                word: math.log(total / documents[fold(word)]) if fold(word) in documents else 0.0
                for word in keywords
            }
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
            metrics = self._sentence_metrics[key] = {m.key for m in found}
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
            words = self._naming_words[key] = folded_words(named)
        return words

    # -- vectors --------------------------------------------------------------------------------

    def similarities(self, query: np.ndarray, figures: list[Figure]) -> list[float]:
        """Each figure's best passage similarity to the question, in one matrix product."""
        rows = [self._passage_rows(f) for f in figures]
        wanted = sorted({row for figure_rows in rows for row in figure_rows})
        if not wanted:
            return [0.0] * len(figures)
        scores = dict(zip(wanted, (self._matrix[wanted] @ query).tolist(), strict=True))
        return [max((scores[r] for r in figure_rows), default=0.0) for figure_rows in rows]

    def _passage_rows(self, figure: Figure) -> list[int]:
        """Rows of the vector matrix whose passage holds the figure."""
        spans = self._passage_spans.get(figure.article_id, [])
        upto = bisect_right(self._passage_starts.get(figure.article_id, []), figure.start)
        return [
            self._row[pid]
            for start, end, pid in spans[:upto]
            if start <= figure.start and figure.end <= end and pid in self._row
        ]
