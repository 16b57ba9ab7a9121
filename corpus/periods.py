"""Period expressions: "năm 2020", "9 tháng", "Chín tháng đầu năm", "quý II/2019", "tháng 5",
"nửa đầu năm", "đến hết tháng 5", "năm qua".

A span that names no year ("5 tháng đầu năm") is found with `year=None`: the caller knows the
running year of the text it is in (an article's, or a question's "any year").
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from corpus.model import Period, PeriodKind
from corpus.text import before, fold
from corpus.vocabulary import vocabulary

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_YEAR = r"((?:19|20)\d{2})"
# The year after a span: written ("quý II/2005", "6 tháng đầu năm 2017"), or "năm nay" / "năm ngoái",
# which `find_periods` counts from the year in force ("2 quý đầu năm ngoái"). "năm qua" after a span is
# left alone: "5 tháng đầu năm qua" is as often the months just past.
_YEAR_AFTER = (
    rf"(?:\s*(?:/|-|\.|,|nam|cua nam)?\s*{_YEAR}(?![\d/])"
    r"|(?<=nam)\s+(?:nay|ngoai)(?![\w])|\s+(?:cua\s+)?nam\s+(?:nay|ngoai)(?![\w]))?"
)
_RELATIVE_AFTER_SPAN = re.compile(r"nam\s+(nay|ngoai)$")
# The start of a "từ … đến …" range of dates.
_FROM_DATE = re.compile(r"tu\s+(?:ngay\s+)?\d{1,2}\s*[/-]\s*\d{1,2}(?:\s*[/-]\s*\d{4})?\s*$")
# Months from one to another ("từ tháng 9 đến hết tháng 11"): a span of its own, not the months to
# the last one, nor that month alone. Matched on folded text before and after a month.
_FROM_MONTH = re.compile(r"tu\s+thang\s+(\d{1,2})(?:\s*[/-]\s*\d{4})?\s*(?:(?:[-–]|den|toi)\s*(?:het\s+)?)?$")
_TO_MONTH = re.compile(r"\s*(?:[-–]|den|toi)\s*(?:het\s+)?thang\s+\d")
# A number before "tháng" that belongs to a date ("ngày 15 tháng 5"), not a span.
# How far before a year its base cue ("so với", "cùng kỳ") is looked for.
_BASE_CUE_CHARS = 30
_DATE_BEFORE = re.compile(r"(?:ngay|\d)\s*$")


@dataclass(frozen=True)
class PeriodMention:
    start: int
    end: int
    period: Period
    is_base: bool  # "so với năm 2019", "giá so sánh 2010": names a base, not the figure's period
    is_range: bool = False


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(fold(w)) for w in sorted(words, key=len, reverse=True))


# A pattern that opens with a lookbehind is tried at every character of every sentence; a lookahead on
# the characters it can start with, put first, lets the scan skip to them (find_periods was the
# costliest step of reading figures).
_DIGIT_FIRST = r"(?=\d)"
_YEAR_FIRST = r"(?=[12])"


def _first_of(words: Iterable[str]) -> str:
    return f"(?=[{''.join(sorted({re.escape(fold(w)[0]) for w in words}))}])"


def _one_of(words: Iterable[str], *, captured: bool = False) -> str:
    """Any of `words` as whole words at their start, the scan skipping to their first letters."""
    return rf"{_first_of(words)}(?<![\w]){'(' if captured else '(?:'}{_alternation(words)})"


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    """Written without diacritics: the patterns run on folded text, so "nam 2020" matches "năm 2020".
    Earlier patterns win where two overlap: ranges and parts of a year, then months and quarters, then
    years."""
    periods = vocabulary().periods
    return [*_part_of_year_patterns(periods), *_month_and_quarter_patterns(periods), *_year_patterns(periods)]


def _part_of_year_patterns(periods: dict) -> list[tuple[str, re.Pattern[str]]]:
    return [
        (
            "date_range",
            re.compile(
                rf"(?=t)(?<![\w])tu\s+(?:ngay\s+)?(\d{{1,2}})\s*/\s*(\d{{1,2}})\s*/\s*{_YEAR}\s+(?:den|toi)\s+"
                rf"(?:het\s+)?(?:ngay\s+)?(\d{{1,2}})\s*/\s*(\d{{1,2}})\s*/\s*{_YEAR}(?![\d/])"
            ),
        ),
        ("range", re.compile(rf"giai doan\s+{_YEAR}\s*[-–]\s*{_YEAR}")),
        (
            "before_year",
            re.compile(rf"{_one_of(periods['before_year'])}\s+(?:nam\s+)?{_YEAR}(?![\d/])"),
        ),
        ("range", re.compile(rf"{_YEAR_FIRST}(?<!\d){_YEAR}\s*[-–]\s*{_YEAR}(?!\d)")),
        (
            "other",
            re.compile(rf"{_one_of(periods['other_spans'], captured=True)}(?![\w]){_YEAR_AFTER}"),
        ),
        (
            "half",
            re.compile(rf"{_one_of(periods['first_half'])}(?![\w]){_YEAR_AFTER}"),
        ),
        ("half", re.compile(rf"(?=h)(?<![\w])h1(?:\s*[/-]?\s*){_YEAR}")),
        (
            "until_day",
            re.compile(
                rf"(?=[dt])(?<![\w])(?:(?:tinh\s+)?(?:den|toi)\s+(?:het\s+)?(?:thoi\s+diem\s+)?|tai\s+)(?:ngay\s+)?(\d{{1,2}})\s*[/-]\s*(\d{{1,2}})(?:\s*[/-]\s*{_YEAR})?(?![\d/])"
            ),
        ),
        (
            # "15 ngày đầu tiên của tháng 12", "10 ngày cuối năm": a few days, never the month or year
            "days_of",
            re.compile(
                rf"{_DIGIT_FIRST}(?<![\d/])(\d{{1,2}})\s+ngay\s+(dau|cuoi)(?:\s+tien)?(?:\s+cua)?"
                rf"\s+(?:thang\s+(\d{{1,2}})|nam){_YEAR_AFTER}(?![\w/])"
            ),
        ),
        (
            "half_month",
            re.compile(
                rf"{_first_of([*periods['first_half_month'], *periods['second_half_month']])}"
                rf"(?<![\w])({_alternation(periods['first_half_month'])}|{_alternation(periods['second_half_month'])})"
                rf"\s+(\d{{1,2}}){_YEAR_AFTER}(?![\w/])"
            ),
        ),
        (
            "through",
            re.compile(rf"{_one_of(periods['through_month'])}\s+(\d{{1,2}}){_YEAR_AFTER}"),
        ),
        (
            "before",
            re.compile(rf"{_one_of(periods['before_month'])}\s+(\d{{1,2}}){_YEAR_AFTER}"),
        ),
    ]


def _month_and_quarter_patterns(periods: dict) -> list[tuple[str, re.Pattern[str]]]:
    return [
        (
            "months",
            re.compile(
                rf"{_DIGIT_FIRST}(?<![\d/])(\d{{1,2}})\s+thang(?:\s+dau)?(?:\s+(?:nam|cua nam))?{_YEAR_AFTER}(?:\s+qua)?(?![\w/])"
            ),
        ),
        (
            "months",
            re.compile(
                rf"{_one_of(periods['spelled_counts'], captured=True)}\s+thang(?:\s+dau(?:\s+(?:nam|cua nam))?{_YEAR_AFTER}|\s+qua|\s*(?:/|nam)\s*{_YEAR})(?![\w/])"
            ),
        ),
        ("months", re.compile(rf"{_DIGIT_FIRST}(?<![\d/])(\d{{1,2}})\s+months?(?:\s+of)?(?:\s+{_YEAR})?")),
        (
            "quarters",
            re.compile(
                rf"{_DIGIT_FIRST}(?<![\d/])([1-4])\s+quy\s+dau(?:\s+(?:nam|cua nam))?{_YEAR_AFTER}(?![\w/])"
            ),
        ),
        (
            "quarters",
            re.compile(
                rf"{_one_of(periods['spelled_counts'], captured=True)}\s+quy\s+dau(?:\s+(?:nam|cua nam))?{_YEAR_AFTER}(?![\w/])"
            ),
        ),
        (
            "first_quarter",
            re.compile(rf"{_one_of(periods['first_quarter'])}(?![\w]){_YEAR_AFTER}"),
        ),
        ("quarter", re.compile(rf"quy\s+(iv|iii|ii|i|[1-4])(?![\w]){_YEAR_AFTER}")),
        ("quarter", re.compile(rf"(?=q)(?<![\w])q([1-4])(?:\s*[/-]?\s*){_YEAR}")),
        (
            "month",
            re.compile(
                rf"thang\s+(\d{{1,2}})(?![\d,.]\d)(?!\s*[/-]\s*\d{{1,2}}\b(?![/-]))(?:\s*(?:/|-|nam)\s*{_YEAR}|\s+nam\s+(?:nay|ngoai)(?![\w]))?(?![\d])"
            ),
        ),
        ("month_name", re.compile(rf"thang\s+({_alternation(periods['month_names'])})(?![\w]){_YEAR_AFTER}")),
        ("late_year", re.compile(rf"(?:cac|nhung)\s+thang\s+cuoi\s+nam\s+{_YEAR}")),
    ]


def _year_patterns(periods: dict) -> list[tuple[str, re.Pattern[str]]]:
    return [
        (
            "year",
            re.compile(
                rf"(?=[inyf])(?<![\w/])(?:nam(?:\s+tai\s+chinh)?|nien\s+do|in|year|fiscal\s+year)\s+{_YEAR}(?![\d/])"
            ),
        ),
        (
            "relative",
            re.compile(
                r"(?=[lnt])(?<![\w])(?:nam nay|nam ngoai|nam truoc|nam qua|this year|last year)(?![\w])"
            ),
        ),
        # a year may end a clause or a sentence ("so với cùng kỳ 2002, …"), but "2002,5" is no year
        ("bare_year", re.compile(rf"{_YEAR_FIRST}(?<![\w/.,-]){_YEAR}(?![\w/-]|[.,]\d|\s*[-–]\s*\d)")),
        (
            "to_date",
            # "Luỹ kế từ đầu năm" is the year so far, which the running span says, not all time
            re.compile(rf"{_one_of(periods['to_date'])}(?![\w])(?!\s+(?:tu|ke tu)\s+dau\s+nam)"),
        ),
    ]


def find_periods(
    text: str, reference_year: int | None, reference_month: int | None = None
) -> list[PeriodMention]:
    """Period mentions in `text`. Relative years ("năm qua") resolve against `reference_year`;
    spans that name no year keep `year=None`."""
    folded = fold(text)
    taken: list[tuple[int, int]] = []
    found: list[PeriodMention] = []
    relative: dict[int, str] = {}  # start → phrase of each relative year
    for kind, pattern in _patterns():
        for match in pattern.finditer(folded):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            period = _period(kind, match, text, reference_year, reference_month)
            if period is None and kind not in ("range", "relative"):
                continue
            if (
                period is not None
                and period.year is None
                and (relative_year := _RELATIVE_AFTER_SPAN.search(match.group()))
            ):
                # "2 quý đầu năm ngoái": with no year to count from, the span says nothing of its year
                period = _counted_from(period, relative_year.group(), reference_year)
            taken.append((match.start(), match.end()))
            if kind == "relative":
                relative[match.start()] = " ".join(match.group().split())
            found.append(
                PeriodMention(
                    match.start(),
                    match.end(),
                    period or Period(),
                    _is_base(folded, match.start()),
                    is_range=kind == "range",
                )
            )
    return _years_before_named(sorted(found, key=lambda m: m.start), relative)


def relative_years(text: str) -> list[tuple[int, int]]:
    """Where `text` names a year by its distance from another ("năm nay", "năm qua"), resolved or not."""
    pattern = next(p for kind, p in _patterns() if kind == "relative")
    return [match.span() for match in pattern.finditer(fold(text))]


def _years_before_named(found: list[PeriodMention], relative: dict[int, str]) -> list[PeriodMention]:
    """ "năm 2016, tăng trưởng … đạt 3,5%, giảm nhẹ so với … năm trước là 3,6%": the year before is the
    one before the year the sentence named, not before the article's."""
    resolved, named = [], None
    for mention in found:
        phrase = relative.get(mention.start)
        if phrase is None:
            named = named if mention.is_base else mention.period.year or named
        elif named is not None and phrase in vocabulary().years_before_named:
            mention = replace(mention, period=Period(year=named - 1))
        elif mention.period == Period():
            continue  # a relative year with no year to count from says nothing
        resolved.append(mention)
    return resolved


_CLOCK = re.compile(r"(?<![\w/])(\d{1,2})\s*(?:h|giờ|gio)(?:\s*\d{2})?(?![\w])", re.IGNORECASE)
_DAY_PART = re.compile(
    r"(?:lúc|vào|buổi|phiên|đầu giờ|cuối giờ|giữa)\s+(sáng|trưa|chiều|tối)|(sáng|trưa|chiều|tối) nay",
    re.IGNORECASE,
)
# The hour each part of the day ends at: "16h" is in the afternoon.
_DAY_PART_ENDS = (("sáng", 11), ("trưa", 13), ("chiều", 18), ("tối", 24))


def day_parts(text: str) -> frozenset[str]:
    """Parts of the day a text names ("lúc 16h" → chiều, "đầu giờ sáng" → sáng): a price moves
    within a day, so a morning price does not answer a question about the afternoon."""
    parts = {(m.group(1) or m.group(2)).lower() for m in _DAY_PART.finditer(text)}
    for match in _CLOCK.finditer(text):
        hour = int(match.group(1))
        parts.update(next((part,) for part, end in _DAY_PART_ENDS if hour < end) if hour <= 24 else ())
    return frozenset(parts)


def through_end_of(period: Period) -> Period:
    """From January to the end of `period`: the first half of May ends on 15/5, a quarter on its last
    month; what cannot be said so (a part of the year written as such) stays as it is."""
    if period.other and period.other.startswith("nửa đầu tháng "):
        return replace(period, other=f"đến ngày 15/{period.other.rsplit(' ', 1)[1]}")
    if period.other and period.other.startswith("nửa cuối tháng "):
        return replace(period, other=None, months=int(period.other.rsplit(" ", 1)[1]))
    if period.month:
        return replace(period, month=None, months=period.month)
    if period.quarter:
        return replace(period, quarter=None, months=3 * period.quarter)
    return period


def with_year(period: Period, year: int | None) -> Period:
    """A span that names no year takes the year of the text around it."""
    return period if period.year is not None or year is None else replace(period, year=year)


def _period(kind: str, match: re.Match[str], text: str, year: int | None, month: int | None) -> Period | None:
    groups = match.groups()
    named_year = next((int(g) for g in groups if g and len(g) == 4 and g.isdigit()), None)
    if kind == "range":
        first, last = (int(g) for g in groups[-2:])
        return Period(year=last, other=f"giai đoạn {first}-{last}") if first < last else None
    if kind == "date_range":
        return _date_range(groups)
    if kind == "before_year":
        return Period(year=named_year, kind=PeriodKind.BEFORE_YEAR)
    if kind in ("other", "to_date", "half_month", "until_day", "days_of"):
        return _part_of_year(kind, match, text, named_year)
    if kind == "half":
        return Period(year=named_year, months=6)
    if kind in ("through", "before", "months", "quarters"):
        return _months_period(kind, match, text, named_year)
    if kind == "first_quarter":
        return Period(year=named_year, quarter=1)
    if kind == "quarter":
        return Period(year=named_year, quarter=_ROMAN.get(groups[0]) or int(groups[0]))
    if kind in ("month", "month_name"):
        return _month_period(kind, match, text, named_year)
    if kind in ("late_year", "year", "bare_year"):
        return Period(year=int(groups[0]))
    if kind == "relative" and year is not None:
        return _relative_year(" ".join(match.group().split()), year, month)
    return None


def _months_period(kind: str, match: re.Match[str], text: str, named_year: int | None) -> Period | None:
    """The months from January: "đến hết tháng 5", "tính đến đầu tháng 6", "9 tháng", "ba quý đầu năm"."""
    written = match.groups()[0]
    if kind in ("through", "before"):
        months = int(written) - (1 if kind == "before" else 0)
        return _months_from(text, match, named_year, months) if 1 <= months <= 12 else None
    # "ba quý đầu năm" is the nine months from January
    months = _count(written) * (3 if kind == "quarters" else 1)
    if not 1 <= months <= 12:
        return None
    return Period(year=named_year) if months == 12 else Period(year=named_year, months=months)


def _month_period(kind: str, match: re.Match[str], text: str, named_year: int | None) -> Period | None:
    """One month, by number ("tháng 10/2018") or by name ("tháng Sáu")."""
    written = match.groups()[0]
    if kind == "month":
        if not 1 <= int(written) <= 12 or _DATE_BEFORE.search(fold(text[: match.start()])):
            return None
        if _TO_MONTH.match(fold(text[match.end() : match.end() + 20])):
            return None  # the first month of "từ tháng 9 đến tháng 11"
        return _months_from(text, match, named_year, int(written), single=True)
    as_written = text[match.start(1) : match.end(1)]
    if not as_written[:1].isupper() and " " not in as_written:
        return None  # "tháng năm" is also "months and years"; news capitalises one-word names
    names = {fold(k): v for k, v in vocabulary().periods["month_names"].items()}
    return Period(year=named_year, month=names[written])


def _months_from(
    text: str, match: re.Match[str], year: int | None, last: int, *, single: bool = False
) -> Period:
    """The months up to `last` (or that month alone): from January, unless the text says from when."""
    start = _FROM_MONTH.search(fold(text[: match.start()]))
    first = int(start.group(1)) if start else 1
    if start and 1 < first < last:
        return Period(year=year, other=f"từ tháng {first} đến tháng {last}")
    return Period(year=year, month=last) if single else Period(year=year, months=last)


def _count(written: str) -> int:
    """ "9" or "chín" (folded)."""
    if written.isdigit():
        return int(written)
    return {fold(k): v for k, v in vocabulary().periods["spelled_counts"].items()}[written]


def _part_of_year(kind: str, match: re.Match[str], text: str, named_year: int | None) -> Period | None:
    """A part of the year kept as written ("6 tháng cuối năm", "nửa đầu tháng 5", "đến ngày 15/5")."""
    groups = match.groups()
    if kind == "other":
        return Period(year=named_year, other=" ".join(text[match.start(1) : match.end(1)].split()))
    if kind == "to_date":
        return Period(kind=PeriodKind.TO_DATE)
    if kind == "days_of":
        return _days_of(groups, named_year)
    if kind == "half_month":
        first = groups[0] in {fold(w) for w in vocabulary().periods["first_half_month"]}
        month_number = int(groups[1])
        if not 1 <= month_number <= 12:
            return None
        return Period(year=named_year, other=f"{'nửa đầu' if first else 'nửa cuối'} tháng {month_number}")
    day, month_number = int(groups[0]), int(groups[1])
    if not (1 <= day <= 31 and 1 <= month_number <= 12) or _FROM_DATE.search(fold(text[: match.start()])):
        return None  # "từ 16/12/2017 đến 15/12/2018" is a range of dates, not a span up to one
    if named_year and day == calendar.monthrange(named_year, month_number)[1]:
        # "tính đến 30/9" is the nine months, the same span as "9 tháng đầu năm"
        return Period(year=named_year) if month_number == 12 else Period(year=named_year, months=month_number)
    return Period(year=named_year, other=f"đến ngày {day}/{month_number}")


def _days_of(groups: tuple[str | None, ...], named_year: int | None) -> Period | None:
    days, edge, month = int(groups[0] or 0), "đầu" if groups[1] == "dau" else "cuối", groups[2]
    if month is None:
        return Period(year=named_year, other=f"{days} ngày {edge} năm")
    if not (1 <= days <= 31 and 1 <= int(month) <= 12):
        return None
    if days == 15:  # the customs' half month
        return Period(year=named_year, other=f"nửa {edge} tháng {int(month)}")
    return Period(year=named_year, other=f"{days} ngày {edge} tháng {int(month)}")


def _date_range(groups: tuple[str | None, ...]) -> Period | None:
    """ "từ 16/12/2017 đến 15/12/2018": a year of twelve months is that year (the customs' year runs
    from 16 December), any other range of dates is kept as written."""
    try:
        first = date(int(groups[2] or 0), int(groups[1] or 0), int(groups[0] or 0))
        last = date(int(groups[5] or 0), int(groups[4] or 0), int(groups[3] or 0))
    except ValueError:
        return None
    if not first < last:
        return None
    if 350 <= (last - first).days <= 380:
        return Period(year=last.year)
    if (first.day, first.month, first.year) == (1, 1, last.year) and last.day == calendar.monthrange(
        last.year, last.month
    )[1]:
        return Period(year=last.year, months=last.month)  # "từ 1/1/2018 đến 30/6/2018": the first half
    return Period(
        year=last.year,
        other=f"từ {first.day}/{first.month}/{first.year} đến {last.day}/{last.month}/{last.year}",
    )


@lru_cache(maxsize=1)
def _relative_offsets() -> dict[str, int]:
    """Years from the year in force, by relative phrase as matched (folded): "nam ngoai" → -1."""
    return {fold(k): v for k, v in vocabulary().relative_years.items()}


def _counted_from(period: Period, phrase: str, reference_year: int | None) -> Period | None:
    offset = _relative_offsets()[" ".join(phrase.split())]
    if reference_year is not None:
        return replace(period, year=reference_year + offset)
    return period if offset == 0 else None  # "năm nay": the year the article speaks from, whichever


def _relative_year(phrase: str, year: int, month: int | None) -> Period:
    offset = _relative_offsets()[phrase]
    if phrase == "nam qua":
        if month is None:
            # an undated article's year is the one it names, and its "năm qua" may be that year under
            # review ("Toàn cảnh kinh tế Việt Nam 2016") as well as the one before: no year
            return Period()
        if month > vocabulary().review_season_months:
            offset = 0  # late in the year, "năm qua" is the year now ending
    return Period(year=year + offset)


def _is_base(folded: str, start: int) -> bool:
    lead = before(folded, start, _BASE_CUE_CHARS)
    for cue in vocabulary().cue_matcher("base_year").find(lead, folded=True):
        if re.fullmatch(r"\s*(?:nam\s*)?", lead[cue.end :]):
            return True
    return bool(_multiple().search(lead))


@lru_cache(maxsize=1)
def _multiple() -> re.Pattern[str]:
    """A year right after a multiple is what it multiplies: "gấp 3,7 lần năm 1985", "bằng 40 lần năm
    1986". A ratio's own year has no such verb: "thu hẹp từ 2,1 lần năm 2008"."""
    verbs = _alternation(vocabulary().periods["multiple_verbs"])
    return re.compile(rf"(?<![\w])(?:{verbs})(?:\s+\S+){{1,2}}\s+lan\s*(?:nam\s*)?$")


def as_average(period: Period) -> Period:
    """The average over a span of the year: its own span, whatever the span averaged over."""
    return Period(year=period.year, kind=PeriodKind.AVERAGE)
