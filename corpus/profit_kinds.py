"""Profit before tax or after it: "lợi nhuận trước thuế" is never "lãi sau thuế"."""

from __future__ import annotations

import re
from functools import lru_cache

from corpus.vocabulary import PhraseMatcher, vocabulary


@lru_cache(maxsize=1)
def _matcher() -> PhraseMatcher:
    return vocabulary().kind_matcher(vocabulary().data["profit_kinds"])


BEFORE_TAX, AFTER_TAX, IN_TURN = "before_tax", "after_tax", "in_turn"
# "8.126 tỷ đồng và 6.438 tỷ đồng": the first of two amounts joined, and the second.
_FIRST_OF_TWO = re.compile(r"\s*(?:và|and)\s*\d")
_SECOND_OF_TWO = re.compile(r"\d[^\d,;]{0,20}\s(?:và|and)\s*$")


def profit_kinds(text: str) -> frozenset[str]:
    """The kinds of profit `text` names: "before_tax", "after_tax", both or none."""
    return frozenset(match.key for match in _matcher().find(text, as_typed=True))


def profit_kind_of(words: str, sentence: str, start: int, end: int) -> frozenset[str]:
    """The kind of profit an amount at `start:end` of its sentence is, by the words that belong to it;
    "trước và sau thuế" gives the first of two amounts joined by "và" the one, the second the other."""
    kinds = profit_kinds(words)
    if IN_TURN not in kinds:
        return kinds
    if _FIRST_OF_TWO.match(sentence, end):
        return frozenset({BEFORE_TAX})
    if _SECOND_OF_TWO.search(sentence[:start]):
        return frozenset({AFTER_TAX})
    return frozenset({BEFORE_TAX, AFTER_TAX})
