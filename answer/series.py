"""Figures over time and side by side: a question that names several years, a range of years, "qua
các năm", or several places or subjects ("So sánh xuất khẩu của Bắc Ninh và Lạng Sơn năm 2020").

Each side is asked as the single question a user would type for it ("Tăng trưởng GDP của Việt Nam năm
2016"), so every point is chosen by the engine's rules for a single answer and nothing here decides
whether a figure answers. What this module adds is reading which sides a question asks for, and
putting their answers on one footing: one unit for all of them, the periods not found named as
missing, a figure in another unit kept off the line.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from functools import lru_cache
from itertools import product
from typing import Protocol, TypeVar

from answer.model import Answer, Citation
from answer.question import parse_question
from corpus.model import Family, Figure, Measure, Period
from corpus.periods import PeriodMention, find_periods
from corpus.text import fold
from corpus.vocabulary import NATIONAL, PhraseMatch, PhraseMatcher, Vocabulary, canonical_tone, vocabulary
from foundation.errors import QuestionError

# "các năm gần đây": this many of the latest years the articles state.
RECENT_YEARS = 5
# The most sides one question may ask for: each is a single question of its own.
MAX_SIDES = 30
# "từ năm 2015 đến năm 2018", "từ 2015 tới nay", "2015 - 2018", on folded text.
_YEAR_RANGE = re.compile(
    r"(?:(?<![\w])(?P<opened>tu)\s+(?:nam\s+)?)?(?<![\w/])(?P<first>(?:19|20)\d{2})\s*(?:[-–]|den|toi)\s*"
    r"(?:het\s+)?(?:nam\s+)?(?:(?P<last>(?:19|20)\d{2})(?![\w/])|(?=[a-z]))"
)


class SeriesKind(StrEnum):
    YEARS = "years"  # one figure a year, in order: a line
    COMPARISON = "comparison"  # places, subjects or periods side by side: bars


@dataclass(frozen=True)
class Side:
    """One thing asked for, and the single question that asks for it."""

    label: str  # "2016", "Bắc Ninh", "gạo", "quý I năm 2019"
    question: str  # "Tăng trưởng GDP của Việt Nam năm 2016"
    year: int | None = None  # the year of a year series' side


@dataclass(frozen=True)
class _Slot:
    """A stretch of the question that each side fills in its own way, or that no side keeps."""

    start: int
    end: int


@dataclass(frozen=True)
class _Choice:
    label: str
    words: str  # what the side's question says in the slot
    year: int | None = None


@dataclass(frozen=True)
class _Dimension:
    """What varies between the sides: the years, or the places or subjects named side by side."""

    slot: _Slot
    choices: tuple[_Choice, ...]


@dataclass(frozen=True)
class _OpenYears:
    """Years the articles decide: every year they state, from a year on, or the latest few."""

    slot: _Slot
    span: Period  # the part of each year asked ("6 tháng"), with no year
    first: int | None = None
    recent: bool = False


@dataclass(frozen=True)
class SeriesQuestion:
    """A question read as several single questions; the articles decide the years of `open_years`."""

    text: str
    kind: SeriesKind
    sides: tuple[Side, ...]
    removed: tuple[_Slot, ...] = ()  # "So sánh", "qua các năm", a span that each year's words carry
    open_years: _OpenYears | None = None

    def question_for_year(self, year: int) -> str:
        """The single question of one year the articles decide."""
        if self.open_years is None:
            raise ValueError("the question names its sides")
        words = replace(self.open_years.span, year=year).label()
        return _compose(self.text, [(self.open_years.slot, words)], self.removed)

    def years_asked(self, stated: Sequence[int]) -> list[int]:
        """Of the years the articles state, those asked: all, from the first one asked, or the latest."""
        if self.open_years is None:
            raise ValueError("the question names its sides")
        years = sorted(set(stated))
        if self.open_years.first is not None:
            years = [year for year in years if year >= self.open_years.first]
        if self.open_years.recent and years:
            years = [year for year in years if year > years[-1] - RECENT_YEARS]
        return years


def _compose(text: str, filled: Sequence[tuple[_Slot, str]], removed: Sequence[_Slot]) -> str:
    """The question with each slot filled and the removed stretches gone; stretches that overlap
    ("6 tháng đầu năm qua" and "qua các năm") are one."""
    edits: list[tuple[int, int, str]] = []
    for slot, words in sorted([*filled, *((slot, "") for slot in removed)], key=lambda e: e[0].start):
        if edits and slot.start < edits[-1][1]:
            start, end, kept = edits[-1]
            edits[-1] = (start, max(end, slot.end), kept or words)
        else:
            edits.append((slot.start, slot.end, words))
    for start, end, words in reversed(edits):
        text = f"{text[:start]} {words} {text[end:]}"
    return " ".join(re.sub(r"\s+([,.?!])", r"\1", text).split()).strip(" ,")


# -- reading ----------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _cue_matcher() -> PhraseMatcher:
    return Vocabulary.kind_matcher(vocabulary().data["series"])


def read_series(text: str, today: date | None = None) -> SeriesQuestion | None:
    """The sides a question asks for, or None for a question about one figure. A span of years
    asked as a whole ("bình quân giai đoạn 2016-2020") is one figure, however many years it spans."""
    today = today or date.today()
    cues = _cue_matcher().find(text, as_typed=True)
    every = [cue for cue in cues if cue.key in ("every_year", "recent_years")]
    if any(cue.key == "whole_span" for cue in cues) and not every:
        return None
    mentions = [m for m in find_periods(text, today.year, 12) if not m.is_base]
    removed = [_Slot(c.start, c.end) for c in cues if c.key == "comparison"]
    years = _year_range(text, mentions, every) or _years_listed(text, mentions)
    # "bình quân" read as an average of the span, not as part of a metric ("thu nhập bình quân đầu người")
    if years is not None and not every and parse_question(text).wants_average:
        return None
    if years is not None:
        removed += [_Slot(c.start, c.end) for c in every]
        removed += [
            _Slot(m.start, m.end) for m in mentions if _is_span_only(m) and not _inside(m, years.slot)
        ]
    names = _names_side_by_side(text, years, removed)
    if isinstance(years, _OpenYears):
        # Which years each of several places states is a question for each place: not one series.
        return None if names else SeriesQuestion(text, SeriesKind.YEARS, (), tuple(removed), years)
    dimensions = [d for d in (years, names) if d is not None]
    if not dimensions:
        return None
    sides = tuple(_sides(text, dimensions, removed))
    if len(sides) > MAX_SIDES:
        raise QuestionError(f"Câu hỏi hỏi {len(sides)} số liệu: hãy hỏi tối đa {MAX_SIDES} năm hoặc nơi.")
    if not parse_question(sides[0].question).is_specific:
        return None
    kind = SeriesKind.YEARS if names is None and all(side.year for side in sides) else SeriesKind.COMPARISON
    return SeriesQuestion(text, kind, sides, tuple(removed))


def _sides(text: str, dimensions: list[_Dimension], removed: list[_Slot]) -> Iterator[Side]:
    for choices in product(*(d.choices for d in dimensions)):
        filled = [(d.slot, choice.words) for d, choice in zip(dimensions, choices, strict=True)]
        year = choices[0].year if len(choices) == 1 else None
        yield Side(" · ".join(c.label for c in choices), _compose(text, filled, removed), year)


def _is_span_only(mention: PeriodMention) -> bool:
    """ "6 tháng đầu năm" with no year: the part of every year a series asks about."""
    return mention.period.year is None and not mention.is_range and not mention.period.is_full_year


def _inside(mention: PeriodMention, slot: _Slot) -> bool:
    return slot.start <= mention.start and mention.end <= slot.end


def _year_range(
    text: str, mentions: list[PeriodMention], every: list[PhraseMatch]
) -> _Dimension | _OpenYears | None:
    """ "từ năm 2015 đến năm 2018" (written with a dash only beside "qua các năm"), "từ 2015 đến
    nay", or "qua các năm" alone: the years of a series."""
    for match in _YEAR_RANGE.finditer(fold(text)):
        if not (match.group("opened") or every):
            continue  # "2016-2020" alone is a span of years asked as a whole
        first, last = int(match.group("first")), match.group("last")
        if last is None:
            now = _until_now(text, match.end())
            if now is not None:
                slot = _Slot(match.start(), now)
                return _OpenYears(slot, _span_outside(mentions, slot), first=first)
            continue
        if int(last) <= first:
            continue
        if int(last) - first + 1 > MAX_SIDES:
            raise QuestionError(f"Khoảng năm dài quá: hãy hỏi tối đa {MAX_SIDES} năm.")
        slot = _Slot(match.start(), match.end())
        span = _span_outside(mentions, slot)
        years = range(first, int(last) + 1)
        return _Dimension(slot, tuple(_Choice(str(y), replace(span, year=y).label(), y) for y in years))
    if every:
        slot = _Slot(every[0].start, every[0].end)
        return _OpenYears(slot, _span_outside(mentions, slot), recent=every[0].key == "recent_years")
    return None


def _span_outside(mentions: list[PeriodMention], slot: _Slot) -> Period:
    """The part of the year asked besides the years ("6 tháng đầu năm qua các năm"), or the whole year."""
    spans = [m.period for m in mentions if _is_span_only(m) and not _inside(m, slot)]
    return spans[0] if spans else Period()


def _until_now(text: str, position: int) -> int | None:
    """The end of "nay" written right at `position` ("từ 2015 đến nay"), or None."""
    for cue in _cue_matcher().find(text[position:], as_typed=True):
        if cue.key == "until_now" and not text[position : position + cue.start].strip():
            return position + cue.end
    return None


def _years_listed(text: str, mentions: list[PeriodMention]) -> _Dimension | None:
    """ "2019 và 2020", "quý I/2019 và quý I/2020", "6 tháng đầu năm 2019 và 2020": periods side by
    side; a bare year after a span is that span of the year."""
    dated = [m for m in mentions if m.period.year is not None and not m.is_range]
    for group in _joined(text, dated):
        first = group[0].period
        periods = list(
            dict.fromkeys(
                replace(first, year=m.period.year)
                if m.period.is_full_year and not first.is_full_year
                else m.period
                for m in group
            )
        )
        if len(periods) < 2:
            continue
        same_span = all(p.same_span(periods[0]) for p in periods)
        choices = tuple(
            _Choice(str(p.year) if p.is_full_year else p.label(), p.label(), p.year if same_span else None)
            for p in periods
        )
        return _Dimension(_Slot(group[0].start, group[-1].end), choices)
    return None


class _Spanned(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


S = TypeVar("S", bound=_Spanned)


@lru_cache(maxsize=1)
def _join() -> re.Pattern[str]:
    """Only joining words between two things side by side: ", ", " và ", " và năm " (folded)."""
    joins = sorted((fold(word) for word in vocabulary().data["series"]["joins"]), key=len, reverse=True)
    return re.compile(rf"\s*(?:{'|'.join(re.escape(j) for j in joins)})\s*(?:nam\s+)?")


def _joined(text: str, items: Sequence[S]) -> list[list[S]]:
    """Runs of items written one after another with only joining words between ("A, B và C")."""
    groups: list[list[S]] = []
    for item in sorted(items, key=lambda i: i.start):
        if groups and _join().fullmatch(fold(text[groups[-1][-1].end : item.start])):
            groups[-1].append(item)
        else:
            groups.append([item])
    return [group for group in groups if len(group) > 1]


def _names_side_by_side(
    text: str, years: _Dimension | _OpenYears | None, removed: list[_Slot]
) -> _Dimension | None:
    """Places, partner markets or commodities named side by side ("Bắc Ninh và Lạng Sơn", "sang Mỹ và
    Trung Quốc", "gạo và cà phê"), when each side's own question reads its name in the same role: a
    pair the question reads as trade between two countries ("giữa Việt Nam và Trung Quốc") is none."""
    vocab = vocabulary()
    found = [
        *vocab.find_places(text, any_case=True),
        *vocab.partner_matcher_any_case.find(text, as_typed=True),
        *vocab.find_commodities(text),
    ]
    names = list({(m.start, m.end): m for m in found}.values())
    for group in _joined(text, names):
        keys = list(dict.fromkeys(name.key for name in group))
        if len(keys) < 2:
            continue
        slot = _Slot(group[0].start, group[-1].end)
        filled = [(years.slot, years.choices[0].words)] if isinstance(years, _Dimension) else []
        roles = {_role(_compose(text, [*filled, (slot, key)], removed), key) for key in keys}
        if len(roles) == 1 and None not in roles and not _bilateral(text, keys):
            written = {name.key: name.text for name in reversed(group)}  # as the question first writes it
            return _Dimension(slot, tuple(_Choice(written[key], written[key]) for key in keys))
    return None


def _bilateral(text: str, keys: list[str]) -> bool:
    """ "thương mại giữa Việt Nam và Trung Quốc": the nation and its partner, one figure; so is the trade
    of a country with any other place ("ASEAN và Hàn Quốc đặt mục tiêu kim ngạch thương mại hai chiều",
    "kim ngạch XNK giữa tp.hcm và Mỹ"). Two provinces' trade is two figures."""
    question = parse_question(text)
    if NATIONAL in keys and question.subject.partner is not None:
        return True
    vocab = vocabulary()
    foreign = [key for key in keys if key == NATIONAL or vocab.is_foreign(vocab.country_of(key))]
    return question.metric == "total_trade" and len(keys) == 2 and bool(foreign)


def _role(question_text: str, key: str) -> str | None:
    """How the single question reads a name: as its place, its partner market or its commodity."""
    question = parse_question(question_text)
    if question.place == key:
        return "place"
    if question.subject.partner and question.subject.partner == vocabulary().country_of(key):
        return "partner"
    if question.subject.commodity == key:
        return "commodity"
    return None


# -- answering --------------------------------------------------------------------------------------


class SingleAnswers(Protocol):
    """What a series needs of the engine: single answers, and the years the articles state."""

    def answer_with_target(self, text: str) -> tuple[Answer, Answer | None]: ...

    def years_stated(self, text: str) -> list[int]: ...


@dataclass(frozen=True)
class SeriesUnit:
    """The one unit a series is shown in: "tỷ USD", "%"."""

    text: str
    family: Family
    scale: int
    noun: str | None = None

    def holds(self, figure: Figure) -> bool:
        return (figure.unit.family, figure.unit.noun) == (self.family, self.noun)

    def value_of(self, figure: Figure) -> float:
        """The figure's amount in this unit, negative for a decrease."""
        value = figure.value * 10.0 ** (figure.unit.scale - self.scale)
        return -value if figure.measure is Measure.CHANGE and figure.direction == "giảm" else value

    def rounded_value(self, figure: Figure) -> float:
        """The amount in this unit to the digits it is written with (4,1, not 4,1000000000000005)."""
        return round(self.value_of(figure), self.decimals_of(figure))

    def decimals_of(self, figure: Figure) -> int:
        """As many decimals as the figure is written with, once in this unit: 4.100 triệu → 4,1 tỷ."""
        return max(0, _decimals_written(figure.text) + self.scale - figure.unit.scale)

    def amount(self, figure: Figure) -> str:
        """ "4,1 tỷ USD": the figure in this unit."""
        number = format_amount(self.rounded_value(figure), self.decimals_of(figure))
        return f"{number}{self.text}" if self.text == "%" else f"{number} {self.text}"


@dataclass(frozen=True)
class Point:
    """One side's single answer, the period's target if the articles state one, and whether the
    figure is in the series' unit."""

    side: Side
    answer: Answer
    target: Citation | None = None
    comparable: bool = True

    @property
    def citation(self) -> Citation | None:
        return self.answer.best


@dataclass(frozen=True)
class Series:
    question: str
    kind: SeriesKind
    points: tuple[Point, ...]  # every side asked, answered or not, in order
    unit: SeriesUnit | None  # None when no side is answered

    @property
    def found(self) -> list[Point]:
        return [p for p in self.points if p.citation is not None]

    @property
    def missing(self) -> list[Point]:
        """Sides no figure answers (a year with only its target is missing too)."""
        return [p for p in self.points if p.citation is None]

    @property
    def plotted(self) -> list[Point]:
        return [p for p in self.found if p.comparable]

    @property
    def sources(self) -> list[str]:
        """The articles of the points, the targets and the conflicting figures, each once."""
        citations = [c for p in self.points for c in (p.citation, p.target, *p.answer.conflicts) if c]
        return list(dict.fromkeys(c.source.id for c in citations))


def answer_series(
    engine: SingleAnswers, asked: SeriesQuestion, on_point: Callable[[Point], None] | None = None
) -> Series:
    """Each side's single answer, in order (`on_point` hears of each as it is found), on one unit."""
    sides = asked.sides or _years_stated(engine, asked)
    points = []
    for side in sides:
        answer, target = engine.answer_with_target(side.question)
        point = Point(side, answer, target.best if target else None)
        points.append(point)
        if on_point is not None:
            on_point(point)
    unit = series_unit([c.figure for p in points for c in (p.citation, p.target) if c])
    points = [
        replace(p, comparable=bool(unit and p.citation and unit.holds(p.citation.figure))) for p in points
    ]
    return Series(asked.text, asked.kind, tuple(points), unit)


def _years_stated(engine: SingleAnswers, asked: SeriesQuestion) -> list[Side]:
    """From the first year the articles state a figure (or a target) for to the last, as asked; the
    years between that none states are asked too, and come back missing."""
    years = asked.years_asked(engine.years_stated(asked.question_for_year(date.today().year)))[-MAX_SIDES:]
    every = range(years[0], years[-1] + 1) if years else range(0)
    return [Side(str(year), asked.question_for_year(year), year) for year in every]


# Scale words a series is shown in, by power of ten.
_SCALE_WORDS = {3: "nghìn", 6: "triệu", 9: "tỷ", 12: "nghìn tỷ"}


def series_unit(figures: list[Figure]) -> SeriesUnit | None:
    """The unit most of the figures share, at the largest scale that keeps the biggest amount at 1 or
    more: 4.100 triệu USD and 7,5 tỷ USD are shown in tỷ USD."""
    if not figures:
        return None
    family, noun = Counter((f.unit.family, f.unit.noun) for f in figures).most_common(1)[0][0]
    same = [f for f in figures if (f.unit.family, f.unit.noun) == (family, noun)]
    written = same[0].unit
    if written.is_percentage or written.is_rate:
        return SeriesUnit(written.text, family, written.scale, noun)
    largest = max(abs(f.value) * 10.0**f.unit.scale for f in same)
    scale = max((s for s in (0, *_SCALE_WORDS) if largest >= 10.0**s), default=0)
    base = _without_scale(written.text)
    return SeriesUnit(f"{_SCALE_WORDS[scale]} {base}" if scale else base, family, scale, noun)


def _without_scale(unit_text: str) -> str:
    """ "triệu USD" → "USD", "nghìn tỷ đồng" → "đồng"."""
    words = [canonical_tone(word.lower()) for word in unit_text.split()]
    for scale in sorted(vocabulary().scales, key=len, reverse=True):
        if words[: len(scale.split())] == [canonical_tone(w) for w in scale.split()]:
            return " ".join(unit_text.split()[len(scale.split()) :])
    return unit_text


_WRITTEN_NUMBER = re.compile(r"\d[\d.,]*")


def _decimals_written(text: str) -> int:
    """Digits after the decimal comma of the first number of a figure's text ("7,552 tỉ USD": 3)."""
    match = _WRITTEN_NUMBER.search(text)
    number = match.group().rstrip(".,") if match else ""
    return len(number.rsplit(",", 1)[1]) if "," in number else 0


def format_amount(value: float, decimals: int) -> str:
    """Vietnamese style, trailing zeros dropped: 4.100, 4,1, 38,905, -2,5."""
    text = f"{value:,.{decimals}f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return text.rstrip("0").rstrip(",") if "," in text else text
