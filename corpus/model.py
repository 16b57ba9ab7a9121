"""Typed records that flow from the corpus into the index and the answering engine."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import Enum, StrEnum
from typing import Literal


@dataclass(frozen=True, slots=True)
class Article:
    """One cleaned article. `text` is the body every quote and offset refers to."""

    id: str
    title: str
    text: str
    date: str | None = None  # page/publication date, ISO yyyy-mm-dd
    event_date: str | None = None  # date of the reported event, ISO (may lack a year: --mm-dd)
    place: str | None = None  # canonical province name, None when the article does not say
    author: str | None = None
    url: str | None = None
    publisher: str | None = None
    path: str | None = None


class UnitFamily(StrEnum):
    """What a unit that is no currency and no rate measures. The values are the families' text form
    (`str`), in which the index keeps them."""

    PERCENT = "pct"
    POINTS = "pp"  # percentage points: "giảm 0,5 điểm phần trăm"
    NUMBER = "number"  # a number with no unit but its scale: "3 triệu"
    COUNT = "count"  # a count of things ("26 tập thể", "94.000 xe"); the counted noun is `Unit.noun`


@dataclass(frozen=True, slots=True)
class Currency:
    """A currency by the code the vocabulary gives its words ("USD", "đô la" → usd): amounts in it
    compare across scales."""

    code: str  # "usd", "vnd"

    def __str__(self) -> str:
        return self.code


@dataclass(frozen=True, slots=True)
class Rate:
    """Per something: "USD/tấn" is a price per tonne, never an amount of USD; "người/km2" a density."""

    amount: Family  # the family of the amount: a currency, a percentage, a count
    per: str  # what it is per, lower-case as written: "tấn", "năm", "km2"

    def __str__(self) -> str:
        return f"{self.amount}/{self.per}"


# What makes values comparable across scales; `str` gives its text form ("usd", "pct", "usd/tấn").
Family = UnitFamily | Currency | Rate
UnitKey = tuple[Family, str | None]  # (family, counted noun): what makes two units the same unit


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit as written plus what makes values comparable across scales."""

    text: str  # "triệu USD", "%", "tập thể"
    family: Family
    scale: int = 0  # power of ten carried by the unit's scale word ("triệu" = 6)
    noun: str | None = None  # what a count counts, lower-case ("tập thể"); also kept under a rate
    # What a classifier's count counts, as written: "F-15" in "48 chiếc F-15", "xe" in "94.000 chiếc xe".
    classified: str | None = None

    @property
    def is_count(self) -> bool:
        return self.family is UnitFamily.COUNT

    @property
    def is_rate(self) -> bool:
        """Per something: "USD/tấn", "người/km2"."""
        return isinstance(self.family, Rate)

    @property
    def is_percentage(self) -> bool:
        """A percentage or percentage points: a share or a rate of change, never an amount."""
        return self.family in (UnitFamily.PERCENT, UnitFamily.POINTS)

    @property
    def key(self) -> UnitKey:
        return (self.family, self.noun)

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True)
class Passage:
    """A window of consecutive sentences; `start`/`end` are offsets into `Article.text`."""

    article_id: str
    start: int
    end: int
    text: str
    id: int | None = None

    @property
    def stored_id(self) -> int:
        """The row id the store gave it (vectors are keyed by it)."""
        if self.id is None:
            raise ValueError(f"passage {self.article_id}:{self.start} was never stored")
        return self.id


class Basis(StrEnum):
    """How certain the figure is: reported result, estimate (ước), or target."""

    ACTUAL = "actual"
    ESTIMATE = "estimate"
    PLAN = "plan"


class Measure(StrEnum):
    """What the number measures: a level, a change (tăng/giảm X%), a share of the plan, or a share
    of some total (chiếm X%)."""

    LEVEL = "level"
    CHANGE = "change"
    SHARE_OF_PLAN = "share_of_plan"
    SHARE = "share"


class PeriodKind(Enum):
    """A span known by what it is, which no months, quarter or month can name; it matches only its own
    kind. Its value is how labels and JSON write it."""

    TO_DATE = "lũy kế đến nay"  # since whenever, up to now: "luỹ kế" and "tính đến nay" ask the same
    BEFORE_YEAR = "trước"  # the time before a year ("trước 1975"): a deadline or history, never that year
    AVERAGE = "bình quân"  # an amount averaged over some span ("bình quân 1 tháng"): no total of any span
    SAME_PERIOD = "cùng kỳ"  # "cùng kỳ năm trước" with no figure beside it to say which span


@dataclass(frozen=True, slots=True)
class Period:
    """When a figure applies: a year and, within it, a span. `months` is cumulative from January
    ("9 tháng", "nửa đầu năm" = 6), `quarter` and `month` are slices, `other` a part of the year none
    of these can name ("6 tháng cuối năm"), kept as written so it matches only itself, and `kind` a
    span known by what it is ("lũy kế đến nay")."""

    year: int | None = None
    months: int | None = None
    quarter: int | None = None
    month: int | None = None
    other: str | None = None
    kind: PeriodKind | None = None

    @property
    def is_full_year(self) -> bool:
        return self.span == ()

    @property
    def span(self) -> tuple:
        """The span in one canonical form: quý I ≡ 3 tháng đầu năm, tháng 1 ≡ 1 tháng đầu năm."""
        if self.kind:
            return ("kind", self.kind)
        if self.other:
            return ("other", self.other)
        if self.quarter == 1 or self.months:
            return ("months", 3 if self.quarter == 1 else self.months)
        if self.quarter:
            return ("quarter", self.quarter)
        if self.month:
            return ("months", 1) if self.month == 1 else ("month", self.month)
        return ()

    def same_span(self, other: Period) -> bool:
        return self.span == other.span

    @property
    def other_label(self) -> str | None:
        """The span that is neither months, a quarter nor a month, as labels and JSON write it."""
        return self.kind.value if self.kind else self.other

    def to_json(self) -> dict:
        """{"year": 2017, "months": 5}, {"year": 2019, "quarter": 1}, {"year": 2020}."""
        fields = {
            "months": self.months,
            "quarter": self.quarter,
            "month": self.month,
            "other": self.other_label,
        }
        return {"year": self.year} | {key: value for key, value in fields.items() if value}

    def label(self) -> str:
        year = f"năm {self.year}" if self.year else ""
        other = self.other_label
        if other:  # "giai đoạn 2011-2015" names its years
            return other if str(self.year) in other else f"{other} {year}".strip()
        if self.months:
            return f"{self.months} tháng {year}".strip()
        if self.quarter:
            return f"quý {('I', 'II', 'III', 'IV')[self.quarter - 1]} {year}".strip()
        if self.month:
            return f"tháng {self.month}/{self.year}" if self.year else f"tháng {self.month}"
        return year


class Unnamed(Enum):
    """What a figure's text points at without naming it. It stands in the `Subject` field it fills, so
    that field counts as named (the figure is no total), while no name of a question can be taken for
    it. Its value is how replies and JSON write it."""

    PARTNER = "nước đối tác"  # the other country of a two-way trade, named nowhere near ("giữa hai nước")
    COMPANY = "công ty"  # a company named only by its kind ("công ty con tại Cà Mau", "tập đoàn này")
    PART = "một phần"  # a part of a whole, named by words the vocabulary does not hold ("trong đó, …")


# What each field of a `Subject` holds: a name, or the marker of its kind left unnamed.
Partner = str | Literal[Unnamed.PARTNER]
Sector = str | Literal[Unnamed.PART]
Company = str | Literal[Unnamed.COMPANY]


def as_written(name: str | Unnamed | None) -> str | None:
    """A field of a `Subject` as replies and JSON write it."""
    return name.value if isinstance(name, Unnamed) else name


@dataclass(frozen=True, slots=True)
class Subject:
    """What a figure counts within its metric: a commodity, a partner market, a sector or a company.

    Empty for the whole metric of its place ("kim ngạch xuất khẩu của tỉnh"); a commodity's exports
    or a company's profit never answer a question about the total.
    """

    commodity: str | None = None  # "gạo", "cà phê"
    partner: Partner | None = None  # "Trung Quốc", "EU": the market traded with, not the place
    sector: Sector | None = None  # "FDI", "trong nước", "trừ dầu thô"
    company: Company | None = None  # "Vingroup", "Vietcombank"

    @property
    def is_total(self) -> bool:
        return not (self.commodity or self.partner or self.sector or self.company)

    def to_json(self) -> dict[str, str]:
        return {key: written for key, value in asdict(self).items() if (written := as_written(value))}


@dataclass(frozen=True, slots=True)
class Figure:
    """One number in the corpus, understood: value and unit as written, what, when, where, which kind."""

    value: float  # as written: 38905 for "38.905 triệu USD"
    unit: Unit  # "triệu USD", "%", "tỷ đồng", "tập thể", parsed
    text: str  # verbatim slice of the article: "38.905 triệu USD"
    metric: str  # a metric key from the vocabulary, or the counted noun
    period: Period
    place: str | None
    basis: Basis
    measure: Measure
    article_id: str
    start: int  # offsets of `text` in the article
    end: int
    sentence_start: int
    sentence_end: int
    qualifier: str | None = None  # khoảng, hơn, gần … kept because "hơn 2,1 tỷ" is not "2,1 tỷ"
    direction: str | None = None  # "tăng" / "giảm" for changes
    subject: Subject = Subject()
    # The named area below its place that its clause puts it in, which the vocabulary does not list:
    # "quận 7", "huyện Gia Lâm", "tỉnh Nam" (corpus.areas). It answers only questions naming the area.
    area: str | None = None
    id: int | None = field(default=None, compare=False)

    @property
    def kind(self) -> str:
        """One label for users and JSON: a target stays a target whatever it measures."""
        if self.basis is Basis.PLAN:
            return "plan"
        if self.measure is not Measure.LEVEL:
            return self.measure.value
        return self.basis.value
