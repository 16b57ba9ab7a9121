"""What the engine returns: an Answer with a cited figure, or an honest not-found with the closest ones."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from answer.question import Question
from corpus.model import Article, Figure


class Status(StrEnum):
    ANSWERED = "answered"
    NOT_FOUND = "not_found"
    AMBIGUOUS = "ambiguous"


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    date: str | None
    url: str | None
    path: str | None
    place: str | None = None

    @classmethod
    def of(cls, article: Article) -> Source:
        return cls(article.id, article.title, article.date, article.url, article.path, article.place)

    def to_json(self) -> dict:
        return {"id": self.id, "title": self.title, "date": self.date, "url": self.url, "path": self.path}


@dataclass(frozen=True)
class Ingested:
    """An article added to the index: what was stored, how many figures it holds, what it replaced."""

    article: Article
    figures: int
    replaced: bool


@dataclass(frozen=True)
class Citation:
    """A figure with the verbatim sentence it comes from and the article that says it."""

    figure: Figure
    quote: str
    source: Source
    score: float = 0.0
    why_not: str | None = None  # for a figure that is not the answer: the check it failed ("khác kỳ")

    def figure_json(self) -> dict:
        f = self.figure
        return {
            "value": int(f.value) if float(f.value).is_integer() else f.value,
            "unit": f.unit.text,
            "text": f.text,
            "metric": f.metric or None,
            "period": f.period.label() or None,
            "year": f.period.year,
            "span": f.period.to_json(),
            "subject": f.subject.to_json(),
            "place": f.place,
            "area": f.area,
            "kind": f.kind,
            "basis": f.basis.value,
            "measure": f.measure.value,
            "qualifier": f.qualifier,
        }

    def to_json(self) -> dict:
        shown = {"figure": self.figure_json(), "quote": self.quote, "source": self.source.to_json()}
        return shown | ({"why_not": self.why_not} if self.why_not else {})


@dataclass(frozen=True)
class Answer:
    question: str
    status: Status
    best: Citation | None
    alternatives: tuple[Citation, ...]
    parsed: Question
    reason: str = ""  # for not_found: what was missing (the year, the place, the figure)
    # Other articles' figures that answer as well with another amount (`answer.conflicts`).
    conflicts: tuple[Citation, ...] = ()


@dataclass(frozen=True)
class Explanation:
    """How a question was read, and its likeliest figures, each with the check it failed (`why_not`,
    None when it answers)."""

    question: Question
    figures: tuple[Citation, ...]
