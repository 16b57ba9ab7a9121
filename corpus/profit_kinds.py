"""Profit before tax or after it: "lợi nhuận trước thuế" is never "lãi sau thuế"."""

from __future__ import annotations

from functools import lru_cache

from corpus.vocabulary import PhraseMatcher, vocabulary


@lru_cache(maxsize=1)
def _matcher() -> PhraseMatcher:
    kinds = vocabulary().data["profit_kinds"]
    return PhraseMatcher({word: kind for kind, words in kinds.items() for word in words})


def profit_kinds(text: str) -> frozenset[str]:
    """The kinds of profit `text` names: "before_tax", "after_tax", both or none."""
    return frozenset(match.key for match in _matcher().find(text, as_typed=True))
