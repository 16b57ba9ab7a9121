"""The answering engine: retrieve passages, gather candidate figures, pick the one that matches.

A figure answers only if it matches the question's metric (or counted thing), year and span,
place, measure, and plan-or-not. Otherwise the answer is `not_found` and the nearest figures are
offered as such — never another year's or province's figure as the answer.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_right
from collections import defaultdict
from functools import cached_property
from pathlib import Path

import numpy as np

from answer.model import Answer, Citation, Source, Status
from answer.question import ANY_CURRENCY, Question, parse_question
from corpus.figures import GENERIC_COMPANY
from corpus.model import Article, Basis, Figure, Measure, Passage
from corpus.numbers import parse_unit
from corpus.periods import day_parts
from corpus.text import fold, normalize_text
from corpus.vocabulary import NATIONAL, vocabulary
from index.builder import LoadedIndex, open_index
from index.encoder import make_encoder
from index.lexical import lexical_terms, match_expression
from index.library import Ingested, Library
from index.manifest import Manifest
from solieu.errors import QuestionError
from solieu.settings import Settings

MAX_ALTERNATIVES = 3
# Reciprocal-rank fusion constant: how fast a lower rank stops counting (the usual 60).
RRF_K = 60
# A national figure when no place is asked, a full year when no period is: what such questions mean.
NATIONAL_OR_FULL_YEAR_BONUS = 0.02
# A figure attributed to the company the question names outranks figures that only stand near its name.
NAMED_COMPANY_BONUS = 0.1
# Two figures whose scores differ by less than this are equally good.
TIE_MARGIN = 0.04
# Without a metric, a figure needs this much of the question's other words before it in its sentence.
MIN_KEYWORD_OVERLAP = 0.5


class _Candidate:
    """A figure weighed against a question. What costs text work (word overlap, names in the
    paragraph) is computed only if a cheaper check has not already ruled the figure out."""

    def __init__(self, snapshot: _Snapshot, question: Question, figure: Figure, similarity: float) -> None:
        self._snapshot = snapshot
        self._question = question
        self.figure = figure
        self.similarity = similarity

    @cached_property
    def overlap(self) -> float:
        return _overlap(self._question, _segment(self._snapshot, self.figure))

    @cached_property
    def mentions_names(self) -> bool:
        """Its sentence or title names what the question names ("Samsung")."""
        words = self._snapshot.naming_words(self._snapshot.articles[self.figure.article_id], self.figure)
        return all(word in words for name in self._question.names for word in name.split())

    @cached_property
    def mentions_metric(self) -> bool:
        """The sentence names the asked metric (for counts: "nhập khẩu 94.000 xe")."""
        return self._question.metric in self._snapshot.sentence_metrics(self.figure)

    @cached_property
    def day_parts(self) -> frozenset[str]:
        """Parts of the day its sentence names ("lúc 10h" → sáng)."""
        return day_parts(_quote_of(self._snapshot, self.figure))

    @property
    def score(self) -> float:
        return self.similarity + 0.5 * self.overlap


class _Snapshot:
    """One loaded index generation with everything derived from it; replaced whole on reload."""

    def __init__(self, loaded: LoadedIndex) -> None:
        self.loaded = loaded
        self.articles: dict[str, Article] = {a.id: a for a in loaded.store.articles()}
        self.figures = loaded.store.figures()
        self._naming_words: dict[tuple[str, int], set[str]] = {}
        self._sentence_metrics: dict[tuple[str, int], set[str]] = {}
        self._by_sentence: dict[tuple[str, int], list[Figure]] = defaultdict(list)
        self.by_article: dict[str, list[Figure]] = defaultdict(list)
        self.by_metric_year: dict[tuple[str, int | None], list[Figure]] = defaultdict(list)
        self.by_unit_year: dict[tuple[str, int | None], list[Figure]] = defaultdict(list)
        for figure in self.figures:
            self._by_sentence[(figure.article_id, figure.sentence_start)].append(figure)
            self.by_article[figure.article_id].append(figure)
            self.by_metric_year[(figure.metric, figure.period.year)].append(figure)
            self.by_unit_year[(parse_unit(figure.unit).family, figure.period.year)].append(figure)
        passages = loaded.store.all_passages()
        self.passages: dict[int, Passage] = {p.id: p for p in passages}
        # Per article, passages in order of start, with their starts apart for bisecting.
        self._passages: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
        for passage in sorted(passages, key=lambda p: (p.article_id, p.start)):
            self._passages[passage.article_id].append((passage.start, passage.end, passage.id))
        self._passage_starts = {
            article: [s for s, _, _ in spans] for article, spans in self._passages.items()
        }
        ids, self._matrix = loaded.vectors.rows()
        self._row = {int(pid): row for row, pid in enumerate(ids)}

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

    def sentence_metrics(self, figure: Figure) -> set[str]:
        """Metrics the figure's sentence names (a count of cars in a sentence about imports)."""
        key = (figure.article_id, figure.sentence_start)
        metrics = self._sentence_metrics.get(key)
        if metrics is None:
            sentence = _quote_of(self, figure)
            metrics = self._sentence_metrics[key] = {
                m.key for m in vocabulary().metric_matcher.find(sentence, as_typed=True)
            }
        return metrics

    def sentence_figures(self, figure: Figure) -> list[Figure]:
        return self._by_sentence[(figure.article_id, figure.sentence_start)]

    def naming_words(self, article: Article, figure: Figure) -> set[str]:
        """Words of the figure's sentence and the article's title: where what a figure is about is named.
        A company named two sentences away may be one the figure is compared with."""
        key = (article.id, figure.sentence_start)
        words = self._naming_words.get(key)
        if words is None:
            sentence = article.text[figure.sentence_start : figure.sentence_end]
            words = self._naming_words[key] = _folded_words(f"{article.title}\n{sentence}")
        return words

    def passage_rows(self, figure: Figure) -> list[int]:
        """Rows of the vector matrix whose passage holds the figure."""
        spans = self._passages.get(figure.article_id, [])
        upto = bisect_right(self._passage_starts.get(figure.article_id, []), figure.start)
        return [
            self._row[pid]
            for s, e, pid in spans[:upto]
            if s <= figure.start and figure.end <= e and pid in self._row
        ]

    def similarities(self, query: np.ndarray, figures: list[Figure]) -> list[float]:
        """Each figure's best passage similarity to the question, in one matrix product."""
        rows = [self.passage_rows(f) for f in figures]
        wanted = sorted({row for figure_rows in rows for row in figure_rows})
        if not wanted:
            return [0.0] * len(figures)
        scores = dict(zip(wanted, (self._matrix[wanted] @ query).tolist(), strict=True))
        return [max((scores[r] for r in figure_rows), default=0.0) for figure_rows in rows]


class AnswerEngine:
    def __init__(self, settings: Settings, library: Library, loaded: LoadedIndex) -> None:
        self.settings = settings
        self.library = library
        self.encoder = library.encoder
        self._snapshot = _Snapshot(loaded)
        self._write_lock = threading.Lock()

    @classmethod
    def open(cls, settings: Settings, *, progress: bool = True, refresh: bool = True) -> AnswerEngine:
        """Load the model and the index; build the index when there is none, and rebuild it when
        `refresh` is asked and the configured corpus changed."""
        library = Library(
            settings.resolved_index_dir,
            make_encoder(settings.encoder, settings.model),
            settings.corpus,
            settings.resolved_upload_dir,
            settings.max_article_bytes,
        )
        return cls(settings, library, library.open(refresh=refresh, progress=progress))

    @property
    def manifest(self) -> Manifest:
        return self._snapshot.loaded.manifest

    def close(self) -> None:
        self._snapshot.loaded.close()

    # -- questions ------------------------------------------------------------------------------

    def answer(self, text: str) -> Answer:
        question_text = " ".join(normalize_text(text).split())
        if not question_text:
            raise QuestionError("Câu hỏi trống.")
        if len(question_text) > self.settings.max_question_chars:
            raise QuestionError(f"Câu hỏi dài quá {self.settings.max_question_chars} ký tự.")
        snapshot = self._snapshot
        question = parse_question(question_text)
        query = self.encoder.encode_queries([question_text])[0]
        hits = snapshot.search(question_text, query, self.settings.top_k)
        candidates = self._candidates(snapshot, question, query, [passage for passage, _ in hits])
        matching = [c for c in candidates if self._matches(question, c)]
        preference = {id(c): self._preference(question, c) for c in matching}
        matching.sort(key=lambda c: (-preference[id(c)], c.figure.id or 0))
        if not matching:
            reason = self._missing(question, candidates)
            # A question that names nothing (a greeting) has no "closest" figures: any would be noise.
            closest = self._closest(question, candidates) if reason != "question" else []
            return Answer(
                question_text, Status.NOT_FOUND, None, self._cite(snapshot, closest), question, reason=reason
            )
        best = matching[0]
        rivals = [c for c in matching[1:] if preference[id(best)] - preference[id(c)] < TIE_MARGIN]
        ambiguous = [c for c in rivals if self._differs_unasked(question, best.figure, c.figure)]
        others = [
            c
            for c in matching[1:]
            if c.figure.text != best.figure.text or c.figure.article_id != best.figure.article_id
        ]
        if ambiguous:
            alternatives = _unique(ambiguous + others)
            status = Status.AMBIGUOUS
        else:
            alternatives = [c for c in _unique(others + self._related(best, candidates)) if c is not best]
            status = Status.ANSWERED
        return Answer(
            question_text,
            status,
            self._cite(snapshot, [best])[0],
            self._cite(snapshot, alternatives[:MAX_ALTERNATIVES]),
            question,
        )

    def _candidates(
        self, snapshot: _Snapshot, question: Question, query: np.ndarray, passages: list[Passage]
    ) -> list[_Candidate]:
        """Figures in the retrieved passages, plus every figure of the asked metric (or counted
        thing) in the asked year, looked up rather than scanned."""
        chosen: dict[int, Figure] = {}
        for passage in passages:
            for figure in snapshot.by_article[passage.article_id]:
                if passage.start <= figure.start < passage.end:
                    chosen[figure.id] = figure
        if question.period is not None:
            year = question.period.year
            if question.metric:
                chosen.update((f.id, f) for f in snapshot.by_metric_year[(question.metric, year)])
            if question.unit_family and question.unit_family.startswith("count:"):
                chosen.update((f.id, f) for f in snapshot.by_unit_year[(question.unit_family, year)])
        # A figure whose sentence does not show it verbatim could never be quoted: it never competes.
        figures = [f for f in chosen.values() if f.text in _quote_of(snapshot, f)]
        similarities = snapshot.similarities(query, figures)
        return [_Candidate(snapshot, question, f, s) for f, s in zip(figures, similarities, strict=True)]

    @staticmethod
    def _matches(question: Question, candidate: _Candidate) -> bool:
        """Cheap checks first: most candidates fail on the year, the span or the place."""
        figure = candidate.figure
        if not question.answerable:
            return False
        if question.measure is not None and figure.measure is not question.measure:
            return False
        if question.wants_plan != (figure.basis is Basis.PLAN):
            return False
        if question.period is not None and (
            figure.period.year != question.period.year or not figure.period.same_span(question.period)
        ):
            return False
        if question.place is not None and figure.place != question.place:
            return False
        family = parse_unit(figure.unit).family
        counting = question.unit_family is not None and question.unit_family.startswith("count:")
        if (
            question.metric
            and figure.metric != question.metric
            and not (counting and candidate.mentions_metric)
        ):
            return False
        if question.unit_family and not _same_unit(family, question.unit_family):
            return False
        per_unit_asked = question.unit_family and _same_unit(family, question.unit_family)
        if "/" in family and not per_unit_asked and not _asks_price(question):
            return False  # a price per ton answers "bao nhiêu USD/tấn", never "xuất khẩu bao nhiêu"
        if question.wants_money and family not in vocabulary().currency_families:
            return False  # "đạt kim ngạch bao nhiêu" asks for money, not tonnes
        if _asks_amount(question) and family in ("pct", "pp"):
            return False  # "doanh thu bao nhiêu" is an amount, never a share or a rate
        if not _same_subject(question, figure) or not candidate.mentions_names:
            return False
        if question.day_parts and candidate.day_parts and not question.day_parts & candidate.day_parts:
            return False  # a morning price is not the price asked for at 16h
        # Without a metric, the words around the figure are all that ties it to the question
        # ("bao nhiêu người chết": not any count of people).
        loosely_asked = question.metric is None and (question.keywords or not question.is_specific)
        if loosely_asked and candidate.overlap < MIN_KEYWORD_OVERLAP:
            return False
        return True

    @staticmethod
    def _preference(question: Question, candidate: _Candidate) -> float:
        figure = candidate.figure
        score = candidate.score
        if question.wants_estimate and figure.basis is Basis.ESTIMATE:
            score += 0.05
        if figure.basis is Basis.ACTUAL:
            score += 0.01  # a reported result over an estimate of the same thing
        if question.period is None and figure.period.is_full_year:
            score += NATIONAL_OR_FULL_YEAR_BONUS
        if question.place is None and figure.place == NATIONAL:
            score += NATIONAL_OR_FULL_YEAR_BONUS  # a question that names no place asks about the country
        if figure.subject.company and question.names:
            score += NAMED_COMPANY_BONUS  # the asked company's own figure (it matched), not one merely beside its name
        return score

    @staticmethod
    def _differs_unasked(question: Question, a: Figure, b: Figure) -> bool:
        """Equally good figures that the question cannot tell apart: other places or periods. The same
        amount reported by several outlets is one answer, and a national figure is what a question
        without a place asks for."""
        if _same_amount(a, b):
            return False
        place_differs = question.place is None and a.place != b.place and NATIONAL not in (a.place, b.place)
        period_differs = question.period is None and (a.period != b.period)
        return place_differs or period_differs

    @staticmethod
    def _related(best: _Candidate, candidates: list[_Candidate]) -> list[_Candidate]:
        """Other figures of the same metric and place, for "Số liệu khác": amounts (other years,
        targets) before the changes that describe them, the same article first."""
        same = [
            c
            for c in candidates
            if c is not best and c.figure.metric == best.figure.metric and c.figure.place == best.figure.place
        ]
        return sorted(
            same,
            key=lambda c: (
                c.figure.article_id != best.figure.article_id,
                c.figure.measure is not Measure.LEVEL,
                -c.score,
            ),
        )

    def _closest(self, question: Question, candidates: list[_Candidate]) -> list[_Candidate]:
        """Figures of the same metric (else the most similar), nearest to the asked year first."""
        if question.metric:
            pool = [c for c in candidates if c.figure.metric == question.metric]
        elif question.unit_family:
            pool = [c for c in candidates if parse_unit(c.figure.unit).family == question.unit_family]
        else:
            pool = [c for c in candidates if c.overlap > 0]
        if not pool and question.is_specific:
            pool = [c for c in candidates if question.place is None or c.figure.place == question.place]

        # Since 2025 Hải Phòng includes Hải Dương: a Hải Dương figure is the nearest thing to a
        # Hải Phòng answer, though never the answer itself.
        related = set(vocabulary().absorbed_by(question.place)) if question.place else set()

        def rank(c: _Candidate) -> tuple:
            year_gap = abs((c.figure.period.year or 0) - question.period.year) if question.period else 0
            same_place = (
                question.place is None or c.figure.place == question.place or c.figure.place in related
            )
            same_measure = question.measure is None or c.figure.measure is question.measure
            return (not same_place, not same_measure, year_gap, c.figure.basis is Basis.PLAN, -c.score)

        return _unique(sorted(pool, key=rank))[:MAX_ALTERNATIVES]

    @staticmethod
    def _missing(question: Question, candidates: list[_Candidate]) -> str:
        if not question.answerable or (not question.is_specific and not question.unit_family):
            return "question"
        same = [c for c in candidates if question.metric is None or c.figure.metric == question.metric]
        if question.place and not any(c.figure.place == question.place for c in same):
            return "place"
        if question.period and not any(c.figure.period.year == question.period.year for c in same):
            return "period"
        return "figure"

    def _cite(self, snapshot: _Snapshot, candidates: list[_Candidate]) -> tuple[Citation, ...]:
        return tuple(
            Citation(
                c.figure,
                _quote_of(snapshot, c.figure),
                Source.of(snapshot.articles[c.figure.article_id]),
                c.score,
            )
            for c in candidates
        )

    # -- the corpus -----------------------------------------------------------------------------

    def sources(self) -> list[Source]:
        return [Source.of(a) for a in sorted(self._snapshot.articles.values(), key=lambda a: a.id)]

    def article(self, article_id: str) -> Article | None:
        return self._snapshot.articles.get(article_id)

    def figures_of(self, article_id: str) -> list[Figure]:
        return list(self._snapshot.by_article.get(article_id, ()))

    def passage_context(self, citation: Citation) -> str:
        """The paragraph around a quote, for "show me the source"."""
        article = self._snapshot.articles[citation.figure.article_id]
        start = article.text.rfind("\n", 0, citation.figure.sentence_start) + 1
        end = article.text.find("\n", citation.figure.sentence_end)
        return article.text[start : end if end != -1 else len(article.text)]

    def reload(self) -> None:
        """Pick up the current index generation (after an ingest or a rebuild)."""
        loaded = open_index(self.library.index_dir)
        loaded.manifest.check_compatible(self.encoder.backend, self.encoder.model, self.encoder.dimension)
        old, self._snapshot = self._snapshot, _Snapshot(loaded)
        old.loaded.close()

    def add_document(self, name: str, data: bytes) -> Ingested:
        """An uploaded .txt/.md/.html article, kept with the uploads and indexed at once: the new
        generation replaces the current one only once it is complete."""
        with self._write_lock:
            known = self._snapshot.articles
            replaced = Path(name).stem in known
            article = self.library.add_upload(name, data, known)
            self.reload()
        return Ingested(article, len(self.figures_of(article.id)), replaced)

    def add_files(self, paths: list[Path]) -> list[Article]:
        with self._write_lock:
            articles = self.library.add_files(paths)
            self.reload()
        return articles

    def remove_documents(self, article_ids: list[str]) -> list[Article]:
        with self._write_lock:
            removed = self.library.remove(article_ids, self._snapshot.articles)
            self.reload()
        return removed

    def rebuild(self, *, progress: bool = False) -> Manifest:
        with self._write_lock:
            manifest = self.library.build(self.library.configured_sources, progress=progress)
            self.reload()
        return manifest


def _asks_price(question: Question) -> bool:
    metric = vocabulary().metrics.get(question.metric or "")
    return metric is not None and metric.price


def _asks_amount(question: Question) -> bool:
    """A level of a metric measured in amounts, with no unit asked: not a percentage."""
    if question.measure is not Measure.LEVEL or question.unit_family or not question.metric:
        return False
    metric = vocabulary().metrics.get(question.metric)
    return metric is not None and not metric.percent and not metric.reported_as_change


def _same_amount(a: Figure, b: Figure) -> bool:
    """ "97,4 nghìn tỷ đồng" and "97.400 tỷ đồng" are the same amount."""
    unit_a, unit_b = parse_unit(a.unit), parse_unit(b.unit)
    if unit_a.family != unit_b.family:
        return False
    amount_a, amount_b = a.value * 10.0**unit_a.scale, b.value * 10.0**unit_b.scale
    return abs(amount_a - amount_b) <= 1e-9 * max(abs(amount_a), abs(amount_b), 1.0)


def _same_unit(family: str, asked: str) -> bool:
    """The same unit family; for counts, the same head noun ("lượt" answers "bao nhiêu lượt khách");
    for a price per unit in no named currency, any currency per that unit."""
    if family == asked:
        return True
    if asked.startswith(f"{ANY_CURRENCY}/"):
        return "/" in family and family.split("/", 1)[1] == asked.split("/", 1)[1]
    if not (family.startswith("count:") and asked.startswith("count:")):
        return False
    return family.removeprefix("count:").split()[0] == asked.removeprefix("count:").split()[0]


def _same_subject(question: Question, figure: Figure) -> bool:
    """The figure counts what was asked: the same commodity, partner and sector (none when none was
    asked: a commodity's exports are not the total), and a company's figure only when the question
    names that company."""
    asked, counted = question.subject, figure.subject
    if (asked.commodity, asked.partner, asked.sector) != (counted.commodity, counted.partner, counted.sector):
        return False
    if counted.company is None:
        return True
    if counted.company == GENERIC_COMPANY:
        return bool(question.names)
    asked_words = set(question.names) | set(question.keywords)
    return any(word in asked_words for word in _folded_words(counted.company) if len(word) > 2)


def _quote_of(snapshot: _Snapshot, figure: Figure) -> str:
    """The sentence a figure comes from, verbatim from its article."""
    return snapshot.articles[figure.article_id].text[figure.sentence_start : figure.sentence_end]


def _folded_words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", fold(text)))


def _segment(snapshot: _Snapshot, figure: Figure) -> str:
    """The figure's sentence up to the next figure: the lead-in it shares with a list ("trao Giấy
    khen cho 26 cá nhân, 6 tập thể") but not the words that belong to a later figure (in "104.000
    người Puerto Rico và gần 38.000 người Cuba", "Cuba" is the second figure's)."""
    neighbours = snapshot.sentence_figures(figure)
    position = neighbours.index(figure)
    end = neighbours[position + 1].start if position + 1 < len(neighbours) else figure.sentence_end
    return snapshot.articles[figure.article_id].text[figure.sentence_start : end]


def _overlap(question: Question, sentence: str) -> float:
    """Share of the question's remaining words found in the text around the figure."""
    if not question.keywords:
        return 0.0
    words = _folded_words(sentence)
    return sum(1 for word in question.keywords if word in words) / len(question.keywords)


def _unique(candidates: list[_Candidate]) -> list[_Candidate]:
    seen, result = set(), []
    for candidate in candidates:
        key = (candidate.figure.article_id, candidate.figure.start)
        if key not in seen:
            seen.add(key)
            result.append(candidate)
    return result
