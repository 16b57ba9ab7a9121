"""The base a change is measured against: "so với cùng kỳ", "so với tháng trước", "so với tháng 12"."""

from __future__ import annotations

from functools import lru_cache

from corpus.vocabulary import PhraseMatcher, vocabulary

# How far after "so với" its base may start ("so với mức cùng kỳ").
_BASE_LEAD_CHARS = 12


@lru_cache(maxsize=1)
def _matchers() -> tuple[PhraseMatcher, PhraseMatcher]:
    vocab = vocabulary()
    bases = vocab.data["bases"]
    openers = vocab.kind_matcher({"opener": bases["openers"]})
    return openers, vocab.kind_matcher({kind: words for kind, words in bases.items() if kind != "openers"})


def change_bases(text: str) -> list[tuple[str, int, int]]:
    """Each base named after a comparing word, as (kind, start, end) of the words that name it; a kind
    is "same_period", "previous_month", "year_end" or "plan"."""
    openers, kinds = _matchers()
    found = []
    for opener in openers.find(text, as_typed=True):
        lead = text[opener.end : opener.end + _BASE_LEAD_CHARS + 20]
        for base in kinds.find(lead, as_typed=True):
            if base.start <= _BASE_LEAD_CHARS:
                found.append((base.key, opener.start, opener.end + base.end))
            break
    return found


def base_after(text: str, position: int) -> str | None:
    """The base written right after a change ("5,22% so với cùng kỳ"), not a later figure's."""
    window = text[position : position + _BASE_LEAD_CHARS + 40]
    found = change_bases(window)
    return found[0][0] if found and not window[: found[0][1]].strip(" ,") else None
