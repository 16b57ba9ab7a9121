"""Conflicting sources: other articles' figures that answer a question as well as the chosen one does,
with an amount that is not the same one rounded.

Two figures that both pass every check of a question have its metric, place, subject and span; when
they come from different articles, are of the same kind (a result beside a result, an estimate beside
an estimate) and give amounts that no rounding makes equal (22,6 and 22,5 tỷ USD), the articles
disagree. "gần 500 triệu USD" beside 482 triệu USD, or 7,1% beside 7,08%, is the same amount said
less precisely.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from answer.matching import Candidate, unique
from corpus.model import Figure

# Conflicting figures shown beside an answer, the likeliest first.
MAX_CONFLICTS = 3
_NUMBER = re.compile(r"\d[\d.,]*")


def conflicts(best: Candidate, matched: list[Candidate]) -> list[Candidate]:
    """Figures of other articles that answer like `best` with another amount, one per amount,
    in the order given (the engine's preference)."""
    rivals: list[Candidate] = []
    for candidate in unique(matched):
        figure = candidate.figure
        if (
            figure.article_id != best.figure.article_id
            and figure.period == best.figure.period
            and figure.basis is best.figure.basis
            and figure.unit.family == best.figure.unit.family
            and not any(restates(figure, other.figure) for other in (best, *rivals))
        ):
            rivals.append(candidate)
    return rivals[:MAX_CONFLICTS]


def restates(a: Figure, b: Figure) -> bool:
    """The same amount, perhaps rounded or qualified: the more precise one, rounded to the digits the
    other is written with, is the other; one written with "gần", "khoảng", "hơn" may be a unit of
    its last digit away."""
    x, y = _amount(a), _amount(b)
    if x == y:
        return True
    (coarse, coarse_figure), (fine, _) = sorted(
        ((x, a), (y, b)), key=lambda pair: (_significant_digits(pair[1]), pair[0])
    )
    digits = _significant_digits(coarse_figure)
    if _round_significant(fine, digits) == coarse:
        return True
    return coarse_figure.qualifier is not None and abs(fine - coarse) <= _last_digit_unit(coarse, digits)


def _amount(figure: Figure) -> Decimal:
    """The amount in base units, signed, exact as written."""
    value = Decimal(repr(figure.value)) * Decimal(10) ** figure.unit.scale
    return -value if figure.direction == "giảm" else value


def _significant_digits(figure: Figure) -> int:
    """Digits the amount is written with: "4.100" has 2, "22,6" 3, "0,05" 1."""
    match = _NUMBER.search(figure.text)
    if match is None:
        return 15
    written = match.group().rstrip(".,")
    integer, _, decimals = written.partition(",")
    integer = integer.replace(".", "").lstrip("0")
    if decimals:
        return len(integer) + len(decimals) if integer else len(decimals.lstrip("0"))
    return len(integer.rstrip("0")) or 1


def _round_significant(value: Decimal, digits: int) -> Decimal:
    return value.quantize(_last_digit_unit(value, digits), rounding=ROUND_HALF_UP) if value else value


def _last_digit_unit(value: Decimal, digits: int) -> Decimal:
    """What one unit of the last written digit is worth: 500 written with 1 digit → 100."""
    return Decimal(1).scaleb(value.adjusted() - digits + 1) if value else Decimal(0)
