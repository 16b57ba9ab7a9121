"""The base a change is measured against: "so với cùng kỳ", "so với tháng trước", "so với tháng 12"."""

from __future__ import annotations

import re
from functools import lru_cache

from corpus.vocabulary import PhraseMatcher, vocabulary

# "so với tháng 9": a month by its number, right after the comparing word.
_NAMED_MONTH = re.compile(r"\s*(?:mức\s+)?tháng\s+(\d{1,2})(?![\d/])", re.IGNORECASE)
# How far after "so với" its base may start ("so với mức cùng kỳ").
_BASE_LEAD_CHARS = 12


@lru_cache(maxsize=1)
def _matchers() -> tuple[PhraseMatcher, PhraseMatcher]:
    vocab = vocabulary()
    bases = vocab.data["bases"]
    openers = vocab.kind_matcher({"opener": bases["openers"]})
    return openers, vocab.kind_matcher({kind: words for kind, words in bases.items() if kind != "openers"})


def change_bases(text: str, month: int | None = None) -> list[tuple[str, int, int]]:
    """Each base named after a comparing word, as (kind, start, end) of the words that name it; a kind
    is "same_period", "previous_month", "year_end", "plan", or "another_month". A month named by its
    number is the month before `month` (of the change) when it is ("CPI tháng 10 tăng 0,33% so với tháng
    9"), another month otherwise."""
    openers, kinds = _matchers()
    found = []
    for opener in openers.find(text, as_typed=True):
        lead = text[opener.end : opener.end + _BASE_LEAD_CHARS + 20]
        for base in kinds.find(lead, as_typed=True):
            if base.start <= _BASE_LEAD_CHARS:
                found.append((base.key, opener.start, opener.end + base.end))
            break
        else:
            named = _NAMED_MONTH.match(lead)
            if named:
                found.append(
                    (_month_base(int(named.group(1)), month), opener.start, opener.end + named.end())
                )
    return found


def _month_base(named: int, month: int | None) -> str:
    return "previous_month" if month is not None and named == (month - 2) % 12 + 1 else "another_month"


def base_after(text: str, position: int, month: int | None = None) -> str | None:
    """The base written right after a change ("5,22% so với cùng kỳ"), not a later figure's."""
    window = text[position : position + _BASE_LEAD_CHARS + 40]
    found = change_bases(window, month)
    return found[0][0] if found and not window[: found[0][1]].strip(" ,") else None
