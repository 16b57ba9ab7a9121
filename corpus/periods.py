"""Period expressions: "năm 2020", "9 tháng", "quý II/2019", "tháng 5/2020", "năm qua"."""
from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.model import Period
from corpus.text import fold
from corpus.vocabulary import vocabulary

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_YEAR = r"((?:19|20)\d{2})"

# Written without diacritics: the patterns run on folded text, so "nam 2020" and "năm 2020" both match.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("range", re.compile(rf"giai doan\s+{_YEAR}\s*[-–]\s*{_YEAR}")),
    ("range", re.compile(rf"(?<!\d){_YEAR}\s*[-–]\s*{_YEAR}(?!\d)")),
    ("months", re.compile(rf"(?<![\d/])(\d{{1,2}})\s+thang(?:\s+dau)?(?:\s+(?:nam|cua nam))?(?:\s*[/,]?\s*{_YEAR})?(?:\s+qua)?(?![\w/])")),
    ("months", re.compile(rf"(?<![\d/])(\d{{1,2}})\s+months?(?:\s+of)?(?:\s+{_YEAR})?")),
    ("quarter", re.compile(rf"quy\s+(iv|iii|ii|i|[1-4])(?![\w])(?:\s*(?:/|nam)\s*{_YEAR})?")),
    ("month", re.compile(rf"thang\s+(\d{{1,2}})\s*(?:/|nam)\s*{_YEAR}")),
    ("late_year", re.compile(rf"(?:cac|nhung)\s+thang\s+cuoi\s+nam\s+{_YEAR}")),
    ("year", re.compile(rf"(?<![\w/])(?:nam|in|year)\s+{_YEAR}(?![\d/])")),
    ("relative", re.compile(r"(?<![\w])(?:nam nay|nam ngoai|nam truoc|nam qua|this year|last year)(?![\w])")),
    ("bare_year", re.compile(rf"(?<![\w/.,-]){_YEAR}(?![\w/.,-]|\s*[-–]\s*\d)")),
]


@dataclass(frozen=True)
class PeriodMention:
    start: int
    end: int
    period: Period
    is_base: bool  # "so với năm 2019", "giá so sánh 2010": names a base, not the figure's period
    is_range: bool = False


def find_periods(text: str, reference_year: int | None, reference_month: int | None = None) -> list[PeriodMention]:
    """Period mentions in `text`, resolved against the year the text speaks from."""
    folded = fold(text)
    taken: list[tuple[int, int]] = []
    found: list[PeriodMention] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(folded):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            period = _period(kind, match, reference_year, reference_month)
            if period is None and kind != "range":
                continue
            taken.append((match.start(), match.end()))
            found.append(
                PeriodMention(
                    match.start(),
                    match.end(),
                    period or Period(),
                    _is_base(folded, match.start()),
                    is_range=kind == "range",
                )
            )
    return sorted(found, key=lambda m: m.start)


def _period(kind: str, match: re.Match[str], year: int | None, month: int | None) -> Period | None:
    groups = match.groups()
    if kind == "range":
        return None
    if kind == "months":
        months = int(groups[0])
        if not 1 <= months <= 11:
            return None
        return Period(year=int(groups[1]) if groups[1] else year, months=months)
    if kind == "quarter":
        quarter = _ROMAN.get(groups[0]) or int(groups[0])
        return Period(year=int(groups[1]) if groups[1] else year, quarter=quarter)
    if kind == "month":
        if not 1 <= int(groups[0]) <= 12:
            return None
        return Period(year=int(groups[1]), month=int(groups[0]))
    if kind in ("late_year", "year", "bare_year"):
        return Period(year=int(groups[0]))
    if kind == "relative":
        if year is None:
            return None
        phrase = " ".join(match.group().split())
        offsets = {fold(k): v for k, v in vocabulary().relative_years.items()}
        offset = offsets[phrase]
        if phrase == "nam qua" and month and month > vocabulary().review_season_months:
            offset = 0  # late in the year, "năm qua" is the year now ending
        return Period(year=year + offset)
    return None


def _is_base(folded: str, start: int) -> bool:
    before = folded[max(0, start - 30) : start]
    for cue in vocabulary().cue_matcher("base_year").find(before, folded=True):
        if re.fullmatch(r"\s*(?:nam\s*)?", before[cue.end :]):
            return True
    return False
