"""The answering engine: retrieve passages, gather candidate figures, pick the one that matches.

A figure answers only if it matches the question's metric (or counted thing), year and span,
place, measure, and plan-or-not. Otherwise the answer is `not_found` and the nearest figures are
offered as such — never another year's or province's figure as the answer.
"""
from __future__ import annotations

import os
import re
import threading
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from answer.model import Answer, Citation, Source, Status
from answer.question import Question, parse_question
from corpus.model import Article, Basis, Figure
from corpus.numbers import parse_unit
from corpus.text import fold
from corpus.vocabulary import vocabulary
from corpus.articles import parse_document
from index.builder import (
    LoadedIndex,
    add_article,
    build_index,
    current_generation,
    open_index,
    sources_fingerprint,
)
from index.encoder import Encoder, make_encoder
from index.manifest import Manifest
from index.retriever import Retriever
from solieu.errors import QuestionError
from solieu.settings import Settings

MAX_ALTERNATIVES = 3
# Two figures whose scores differ by less than this are equally good.
TIE_MARGIN = 0.04
# Without a metric, a figure needs this much of the question's other words before it in its sentence.
MIN_KEYWORD_OVERLAP = 0.5


@dataclass(frozen=True)
class Ingested:
    """An article added through the bot: what was stored and how many figures it holds."""

    article: Article
    figures: int
    replaced: bool


@dataclass(frozen=True)
class _Candidate:
    figure: Figure
    similarity: float
    overlap: float
    mentions_names: bool  # its paragraph or title names what the question names ("Samsung", a partner)
    mentions_metric: bool  # the sentence names the asked metric (for counts: "nhập khẩu 94.000 xe")

    @property
    def score(self) -> float:
        return self.similarity + 0.5 * self.overlap


class _Snapshot:
    """One loaded index generation with everything derived from it; replaced whole on reload."""

    def __init__(self, loaded: LoadedIndex, encoder: Encoder) -> None:
        self.loaded = loaded
        self.retriever = Retriever(encoder, loaded.vectors, loaded.store)
        self.articles: dict[str, Article] = {a.id: a for a in loaded.store.articles()}
        self.figures = loaded.store.figures()
        self._paragraph_words: dict[tuple[str, int], set[str]] = {}
        self._sentence_metrics: dict[tuple[str, int], set[str]] = {}
        self._by_sentence: dict[tuple[str, int], list[Figure]] = defaultdict(list)
        self.by_article: dict[str, list[Figure]] = defaultdict(list)
        self.by_metric: dict[str, list[Figure]] = defaultdict(list)
        self.by_unit_family: dict[str, list[Figure]] = defaultdict(list)
        for figure in self.figures:
            self._by_sentence[(figure.article_id, figure.sentence_start)].append(figure)
            self.by_article[figure.article_id].append(figure)
            self.by_metric[figure.metric].append(figure)
            self.by_unit_family[parse_unit(figure.unit).family].append(figure)
        passages = loaded.store.all_passages()
        # Per article, passages in order of start, with their starts apart for bisecting.
        self._passages: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
        for passage in sorted(passages, key=lambda p: (p.article_id, p.start)):
            self._passages[passage.article_id].append((passage.start, passage.end, passage.id))
        self._passage_starts = {article: [s for s, _, _ in spans] for article, spans in self._passages.items()}
        ids = [p.id for p in passages]
        self._row = {pid: row for row, pid in enumerate(ids)}
        self._matrix = loaded.vectors.reconstruct(ids) if ids else np.zeros((0, encoder.dimension), np.float32)

    def sentence_metrics(self, figure: Figure) -> set[str]:
        """Metrics the figure's sentence names (a count of cars in a sentence about imports)."""
        key = (figure.article_id, figure.sentence_start)
        metrics = self._sentence_metrics.get(key)
        if metrics is None:
            sentence = _quote_of(self, figure)
            metrics = self._sentence_metrics[key] = {m.key for m in vocabulary().metric_matcher.find(sentence, folded=True)}
        return metrics

    def sentence_figures(self, figure: Figure) -> list[Figure]:
        return self._by_sentence[(figure.article_id, figure.sentence_start)]

    def paragraph_words(self, article: Article, figure: Figure) -> set[str]:
        """Words of the figure's paragraph and the article title: where a figure's subject is named."""
        start = article.text.rfind("\n", 0, figure.sentence_start) + 1
        end = article.text.find("\n", figure.sentence_end)
        key = (article.id, start)
        words = self._paragraph_words.get(key)
        if words is None:
            paragraph = article.text[start : end if end != -1 else len(article.text)]
            words = self._paragraph_words[key] = _folded_words(f"{article.title}\n{paragraph}")
        return words

    def passages_of(self, figure: Figure) -> list[int]:
        spans = self._passages.get(figure.article_id, [])
        upto = bisect_right(self._passage_starts.get(figure.article_id, []), figure.start)
        return [pid for s, e, pid in spans[:upto] if s <= figure.start and figure.end <= e]

    def similarity(self, query: np.ndarray, figure: Figure) -> float:
        rows = [self._row[p] for p in self.passages_of(figure) if p in self._row]
        return float(np.max(self._matrix[rows] @ query)) if rows else 0.0


class AnswerEngine:
    def __init__(self, settings: Settings, encoder: Encoder, loaded: LoadedIndex) -> None:
        self.settings = settings
        self.encoder = encoder
        self._snapshot = _Snapshot(loaded, encoder)
        self._write_lock = threading.Lock()

    @classmethod
    def open(cls, settings: Settings, *, progress: bool = True) -> AnswerEngine:
        """Load the model and the index, building or refreshing the index when it is missing or stale."""
        encoder = make_encoder(settings.encoder, settings.model)
        index_dir = settings.resolved_index_dir
        generation = current_generation(index_dir)
        if generation is None:
            build_index(index_dir, settings.sources, encoder, progress=progress)
        else:
            manifest = Manifest.load(generation)
            manifest.check_compatible(encoder.backend, encoder.model, encoder.dimension)
            if manifest.sources_fingerprint != sources_fingerprint(settings.sources):
                build_index(index_dir, settings.sources, encoder, progress=progress)
        return cls(settings, encoder, open_index(index_dir))

    @property
    def manifest(self) -> Manifest:
        return self._snapshot.loaded.manifest

    def close(self) -> None:
        self._snapshot.loaded.close()

    # -- questions ------------------------------------------------------------------------------

    def answer(self, text: str) -> Answer:
        question_text = " ".join(text.split())
        if not question_text:
            raise QuestionError("Câu hỏi trống.")
        if len(question_text) > self.settings.max_question_chars:
            raise QuestionError(f"Câu hỏi dài quá {self.settings.max_question_chars} ký tự.")
        snapshot = self._snapshot
        question = parse_question(question_text)
        query = snapshot.retriever.embed(question_text)
        hits = snapshot.retriever.search(query, self.settings.top_k)
        candidates = self._candidates(snapshot, question, query, hits)
        preference = {id(c): self._preference(question, c) for c in candidates}
        matching = sorted(
            (c for c in candidates if self._matches(question, c)), key=lambda c: (-preference[id(c)], c.figure.id or 0)
        )
        if not matching:
            reason = self._missing(question, candidates)
            # A question that names nothing (a greeting) has no "closest" figures: any would be noise.
            closest = self._closest(question, candidates) if reason != "question" else []
            return Answer(question_text, Status.NOT_FOUND, None, self._cite(snapshot, closest), question, reason=reason)
        best = matching[0]
        rivals = [c for c in matching[1:] if preference[id(best)] - preference[id(c)] < TIE_MARGIN]
        ambiguous = [c for c in rivals if self._differs_unasked(question, best.figure, c.figure)]
        others = [c for c in matching[1:] if c.figure.text != best.figure.text or c.figure.article_id != best.figure.article_id]
        if ambiguous:
            alternatives = _unique(ambiguous + others)
            status = Status.AMBIGUOUS
        else:
            alternatives = [c for c in _unique(others + self._related(best, candidates)) if c is not best]
            status = Status.ANSWERED
        return Answer(question_text, status, self._cite(snapshot, [best])[0],
                      self._cite(snapshot, alternatives[:MAX_ALTERNATIVES]), question)

    def _candidates(self, snapshot: _Snapshot, question: Question, query: np.ndarray, hits) -> list[_Candidate]:
        """Figures in the retrieved passages, plus every figure of the asked metric or counted thing."""
        chosen: dict[int, Figure] = {}
        for hit in hits:
            for figure in snapshot.by_article[hit.passage.article_id]:
                if hit.passage.start <= figure.start < hit.passage.end:
                    chosen[figure.id] = figure
        if question.metric:
            chosen.update((f.id, f) for f in snapshot.by_metric[question.metric])
        if question.unit_family and question.unit_family.startswith("count:"):
            chosen.update((f.id, f) for f in snapshot.by_unit_family[question.unit_family])
        # A figure whose sentence does not show it verbatim could never be quoted: it never competes.
        return [
            self._candidate(snapshot, question, query, f)
            for f in chosen.values()
            if f.text in _quote_of(snapshot, f)
        ]

    @staticmethod
    def _candidate(snapshot: _Snapshot, question: Question, query: np.ndarray, figure: Figure) -> _Candidate:
        article = snapshot.articles[figure.article_id]
        words = snapshot.paragraph_words(article, figure)
        mentions_metric = question.metric in snapshot.sentence_metrics(figure)
        return _Candidate(
            figure,
            snapshot.similarity(query, figure),
            _overlap(question, _segment(snapshot, figure)),
            all(word in words for name in question.names for word in name.split()),
            mentions_metric,
        )

    @staticmethod
    def _matches(question: Question, candidate: _Candidate) -> bool:
        figure = candidate.figure
        family = parse_unit(figure.unit).family
        counting = question.unit_family is not None and question.unit_family.startswith("count:")
        if question.metric and figure.metric != question.metric and not (counting and candidate.mentions_metric):
            return False
        if question.unit_family and family != question.unit_family:
            return False
        if "/" in family and family != question.unit_family:
            return False  # a price per ton answers "bao nhiêu USD/tấn", never "xuất khẩu bao nhiêu"
        if not candidate.mentions_names:
            return False
        if not question.answerable:
            return False
        # Without a metric, the words around the figure are all that ties it to the question
        # ("bao nhiêu người chết": not any count of people).
        if question.metric is None and (question.keywords or not question.is_specific):
            if candidate.overlap < MIN_KEYWORD_OVERLAP:
                return False
        if question.measure is not None and figure.measure is not question.measure:
            return False
        if question.wants_plan != (figure.basis is Basis.PLAN):
            return False
        if question.period is not None:
            if figure.period.year != question.period.year or not figure.period.same_span(question.period):
                return False
        if question.place is not None and figure.place != question.place:
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
            score += 0.02
        return score

    @staticmethod
    def _differs_unasked(question: Question, a: Figure, b: Figure) -> bool:
        """Equally good figures that the question cannot tell apart: other places or periods."""
        place_differs = question.place is None and a.place != b.place
        period_differs = question.period is None and (a.period != b.period)
        return place_differs or period_differs

    @staticmethod
    def _related(best: _Candidate, candidates: list[_Candidate]) -> list[_Candidate]:
        """Other figures of the same metric and place (other years, targets, changes), for "Số liệu khác"."""
        same = [
            c for c in candidates
            if c is not best and c.figure.metric == best.figure.metric and c.figure.place == best.figure.place
        ]
        return sorted(same, key=lambda c: (c.figure.article_id != best.figure.article_id, -c.score))

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
            same_place = question.place is None or c.figure.place == question.place or c.figure.place in related
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
            Citation(c.figure, _quote_of(snapshot, c.figure), Source.of(snapshot.articles[c.figure.article_id]), c.score)
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
        loaded = open_index(self.settings.resolved_index_dir)
        loaded.manifest.check_compatible(self.encoder.backend, self.encoder.model, self.encoder.dimension)
        old, self._snapshot = self._snapshot, _Snapshot(loaded, self.encoder)
        old.loaded.close()

    def add_document(self, name: str, data: bytes) -> Ingested:
        """Parse an uploaded .txt/.md/.html article, keep the file with the corpus sources, and index it
        incrementally: the new generation replaces the current one only once it is complete."""
        article = parse_document(name, data)
        with self._write_lock:
            upload_dir = self.settings.resolved_upload_dir
            upload_dir.mkdir(parents=True, exist_ok=True)
            replaced = article.id in self._snapshot.articles
            target = upload_dir / Path(name).name
            staging = target.with_name(f".{target.name}.part")
            staging.write_bytes(data)
            stored = replace(article, path=str(target))
            try:
                add_article(self.settings.resolved_index_dir, stored, self.settings.sources, self.encoder)
            except BaseException:
                staging.unlink(missing_ok=True)
                raise
            os.replace(staging, target)
            self._refresh_fingerprint()
            self.reload()
        return Ingested(stored, len(self.figures_of(stored.id)), replaced)

    def _refresh_fingerprint(self) -> None:
        """The upload file landed after the generation was written: record it so the next start does
        not mistake it for a corpus change and rebuild."""
        generation = current_generation(self.settings.resolved_index_dir)
        manifest = Manifest.load(generation)
        replace(manifest, sources_fingerprint=sources_fingerprint(self.settings.sources)).save_atomically(generation)

    def rebuild(self, *, progress: bool = False) -> Manifest:
        with self._write_lock:
            manifest = build_index(self.settings.resolved_index_dir, self.settings.sources, self.encoder, progress=progress)
            self.reload()
        return manifest


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

