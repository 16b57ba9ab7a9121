"""The answering engine: retrieve passages, gather the figures in them, keep those that match.

Otherwise the answer is `not_found` and the nearest figures are offered as such — never another
year's or province's figure as the answer. Whether a figure matches is `answer.matching`'s call.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np

from answer import matching
from answer.conflicts import conflicts
from answer.matching import MAX_ALTERNATIVES, Candidate
from answer.model import Answer, Citation, Explanation, Ingested, Source, Status
from answer.question import Question, parse_question
from answer.series import Series, answer_series, read_series
from corpus.model import Article, Basis, Figure, Passage, Period
from corpus.text import normalize_text
from foundation.errors import QuestionError
from foundation.settings import Settings
from index.catalog import Catalog
from index.encoder import Encoder, make_encoder
from index.library import Library
from index.live import LiveIndex
from index.manifest import Manifest

# Two figures whose scores differ by less than this are equally good.
TIE_MARGIN = 0.04
# How many of the likeliest figures `explain` walks through the checks.
EXPLAINED_CANDIDATES = 8


class AnswerEngine:
    def __init__(self, index: LiveIndex, encoder: Encoder, *, top_k: int, max_question_chars: int) -> None:
        self.index = index
        self.encoder = encoder
        self.top_k = top_k
        self.max_question_chars = max_question_chars

    @classmethod
    def open(cls, settings: Settings, *, progress: bool = True, refresh: bool = True) -> AnswerEngine:
        """Load the model and the index; build the index when there is none, and rebuild it when
        `refresh` is asked and the configured corpus changed."""
        encoder = make_encoder(settings.encoder, settings.model)
        index = LiveIndex.open(Library.configured(settings, encoder), refresh=refresh, progress=progress)
        return cls(index, encoder, top_k=settings.top_k, max_question_chars=settings.max_question_chars)

    @property
    def manifest(self) -> Manifest:
        return self.index.manifest

    def close(self) -> None:
        self.index.close()

    def _question_text(self, text: str) -> str:
        question_text = " ".join(normalize_text(text).split())
        if not question_text:
            raise QuestionError("Câu hỏi trống.")
        if len(question_text) > self.max_question_chars:
            raise QuestionError(f"Câu hỏi dài quá {self.max_question_chars} ký tự.")
        return question_text

    def _read(self, question_text: str) -> tuple[Question, list[Candidate]]:
        """The question's reading and the figures that could answer it."""
        catalog = self.index.catalog
        question = parse_question(question_text)
        query = self.encoder.encode_queries([question_text])[0]
        hits = catalog.search(question_text, query, self.top_k)
        return question, self._candidates(catalog, question, query, [passage for passage, _ in hits])

    def explain(self, text: str, limit: int = EXPLAINED_CANDIDATES) -> Explanation:
        """How the question was read and, for its most likely figures, the first check each fails."""
        question, candidates = self._read(self._question_text(text))
        ranked = sorted(candidates, key=lambda c: -c.score)
        return Explanation(question, _cite(self.index.catalog, matching.unique(ranked)[:limit], question))

    def ask(self, text: str) -> Answer | Series:
        """A single answer, or one for each year, place or subject the question names side by side."""
        question_text = self._question_text(text)
        asked = read_series(question_text)
        return answer_series(self, asked) if asked is not None else self.answer(question_text)

    def answer(self, text: str) -> Answer:
        return self._choose(*self._read(self._question_text(text)))

    def answer_with_target(self, text: str) -> tuple[Answer, Answer | None]:
        """The single answer and, unless the question asks for a target, the target of the same
        period as a second answer, from one retrieval."""
        question, candidates = self._read(self._question_text(text))
        answer = self._choose(question, candidates)
        if question.wants_plan or question.period is None:
            return answer, None
        plan = replace(question, wants_plan=True)
        target = self._matched(plan, candidates)[:1]
        if not target:
            return answer, None
        return answer, Answer(plan.text, Status.ANSWERED, _cite(self.index.catalog, target)[0], (), plan)

    def years_stated(self, text: str) -> list[int]:
        """The years for which a figure (or a target) of the question's metric answers it, asked of
        that year: looked up by metric and year, each figure put through the single answer's checks."""
        catalog = self.index.catalog
        question = parse_question(self._question_text(text))
        if question.metric:
            metric = question.metric
            pools = {y: catalog.by_metric_year[(metric, y)] for y in catalog.years_of_metric(metric)}
        elif question.unit and (unit := question.unit.counted) is not None:
            pools = {y: catalog.by_unit_year[(unit, y)] for y in catalog.years_of_unit(unit)}
        else:
            return []
        period = question.period or Period()
        years = []
        for year, figures in sorted(pools.items()):
            asked = replace(question, period=replace(period, year=year))
            if any(
                matching.matches(each, Candidate(catalog, each, figure, 0.0))
                for figure in figures
                if figure.text in catalog.quote_of(figure)
                for each in (asked, replace(asked, wants_plan=not asked.wants_plan))
            ):
                years.append(year)
        return years

    def _matched(self, question: Question, candidates: list[Candidate]) -> list[Candidate]:
        """The candidates that answer, the likeliest first; unless an estimate is asked, an estimate
        comes after the reported result of the same period, place and subject."""
        matched = [c for c in candidates if matching.matches(question, c)]
        preference = {id(c): matching.preference(question, c) for c in matched}
        reported = {_what_and_when(c.figure) for c in matched if c.figure.basis is Basis.ACTUAL}

        def superseded(c: Candidate) -> bool:
            return c.figure.basis is Basis.ESTIMATE and _what_and_when(c.figure) in reported

        def order(c: Candidate) -> tuple:
            return (not question.wants_estimate and superseded(c), -preference[id(c)], c.figure.id or 0)

        return sorted(matched, key=order)

    def _choose(self, question: Question, candidates: list[Candidate]) -> Answer:
        catalog = self.index.catalog
        matched = self._matched(question, candidates)
        if not matched:
            reason = matching.missing(question, candidates)
            # A question that names nothing (a greeting) has no "closest" figures: any would be noise.
            closest = matching.closest(question, candidates) if reason != "question" else []
            return Answer(
                question.text,
                Status.NOT_FOUND,
                None,
                _cite(catalog, closest, question),
                question,
                reason=reason,
            )
        preference = {id(c): matching.preference(question, c) for c in matched}
        best = matched[0]
        rivals = [c for c in matched[1:] if preference[id(best)] - preference[id(c)] < TIE_MARGIN]
        ambiguous = [c for c in rivals if matching.differs_unasked(question, best.figure, c.figure)]
        others = [
            c
            for c in matched[1:]
            if c.figure.text != best.figure.text or c.figure.article_id != best.figure.article_id
        ]
        if ambiguous:
            alternatives = matching.unique(ambiguous + others)
            status = Status.AMBIGUOUS
        else:
            related = matching.related(best, candidates)
            alternatives = [c for c in matching.unique(others + related) if c is not best]
            status = Status.ANSWERED
        return Answer(
            question.text,
            status,
            _cite(catalog, [best])[0],
            _cite(catalog, alternatives[:MAX_ALTERNATIVES], question),
            question,
            conflicts=_cite(catalog, conflicts(best, matched[1:])),
        )

    @staticmethod
    def _candidates(
        catalog: Catalog, question: Question, query: np.ndarray, passages: list[Passage]
    ) -> list[Candidate]:
        """Figures in the retrieved passages, plus every figure of the asked metric (or counted
        thing) in the asked year, looked up rather than scanned."""
        chosen: dict[int | None, Figure] = {}
        for passage in passages:
            chosen.update((f.id, f) for f in catalog.figures_in(passage))
        if question.period is not None:
            year = question.period.year
            if question.metric:
                chosen.update((f.id, f) for f in catalog.by_metric_year[(question.metric, year)])
            if question.unit and (unit := question.unit.counted) is not None:
                chosen.update((f.id, f) for f in catalog.by_unit_year[(unit, year)])
        catalog.gather(f.article_id for f in chosen.values())  # hundreds of articles: a few lookups
        # A figure whose sentence does not show it verbatim could never be quoted: it never competes.
        figures = [f for f in chosen.values() if f.text in catalog.quote_of(f)]
        similarities = catalog.similarities(query, figures)
        return [Candidate(catalog, question, f, s) for f, s in zip(figures, similarities, strict=True)]

    # -- the corpus -----------------------------------------------------------------------------

    def sources(self) -> list[Source]:
        return [Source.of(a) for a in sorted(self.index.catalog.articles.values(), key=lambda a: a.id)]

    def article(self, article_id: str) -> Article | None:
        return self.index.catalog.articles.get(article_id)

    def figures_of(self, article_id: str) -> list[Figure]:
        return list(self.index.catalog.by_article.get(article_id, ()))

    def passage_context(self, citation: Citation) -> str:
        """The paragraph around a quote, for "show me the source"."""
        return self.index.catalog.paragraph_of(citation.figure)

    def add_document(self, name: str, data: bytes) -> Ingested:
        article, replaced = self.index.add_upload(name, data)
        return Ingested(article, len(self.figures_of(article.id)), replaced)

    def add_files(self, paths: list[Path]) -> list[Article]:
        return self.index.add_files(paths)

    def remove_documents(self, article_ids: list[str]) -> list[Article]:
        return self.index.remove(article_ids)

    def rebuild(self, *, progress: bool = False) -> Manifest:
        return self.index.rebuild(progress=progress)


def _what_and_when(figure: Figure) -> tuple:
    return (figure.period, figure.place, figure.subject)


def _cite(
    catalog: Catalog, candidates: list[Candidate], rejected_by: Question | None = None
) -> tuple[Citation, ...]:
    """Citations of the candidates; with `rejected_by`, each says why it does not answer that question."""
    return tuple(
        Citation(
            c.figure,
            catalog.quote_of(c.figure),
            Source.of(catalog.articles[c.figure.article_id]),
            c.score,
            matching.why_not(rejected_by, c) if rejected_by else None,
        )
        for c in candidates
    )
