"""Proper names that are not Vietnamese words: "Vietcombank", "Habeco", "TPBank", "FPT".

A Vietnamese word is one syllable; a company's brand usually is not. A capitalised token that no
single Vietnamese syllable spells, and that the vocabulary does not know, is taken as a name.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from rapidfuzz.distance import DamerauLevenshtein

from corpus.text import fold
from corpus.vocabulary import PhraseMatch, vocabulary

# A foreign name this long is still recognised with one letter typed wrong, missing, extra or swapped
# ("Mitterand" for "Mitterrand"); a shorter one would meet other names at one letter ("Iran", "Iraq").
TYPO_TOLERANT_LENGTH = 6

_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?"
    r"(?:[aeiouy]{1,3})"
    r"(?:ch|ng|nh|[cmnptk])?"
)


def is_vietnamese_syllable(word: str) -> bool:
    return bool(_SYLLABLE.fullmatch(fold(word)))


def is_brand_name(word: str) -> bool:
    """ "Vietcombank", "TPBank", "Habeco" but not "Hà" or "GDP". An acronym in capitals alone is more
    often a Vietnamese abbreviation ("NSNN", "TN") than a company: it is a name only after a marker."""
    if len(word) < 2 or not word[0].isupper() or word.isupper() or word in vocabulary().not_company_words:
        return False
    if any(char.isdigit() for char in word):
        return False
    return not is_vietnamese_syllable(word)


def is_named_in(name: str, words: Collection[str]) -> bool:
    """A folded name word is among folded words, as spelt or, for a long foreign name, one slip of the
    keyboard away after its first letter. Vietnamese syllables must match exactly: one letter apart
    they are other words."""
    if name in words:
        return True
    if len(name) < TYPO_TOLERANT_LENGTH or is_vietnamese_syllable(name):
        return False
    return any(
        abs(len(word) - len(name)) <= 1 and DamerauLevenshtein.distance(name, word, score_cutoff=1) <= 1
        for word in words
        if word[:1] == name[:1]
    )


def outside_brand_names(text: str, places: list[PhraseMatch]) -> list[PhraseMatch]:
    """The places that are not part of a company's name: "Formosa Hà Tĩnh" is the steel maker, and a
    national report that names it is not about Hà Tĩnh."""
    return [p for p in places if not _follows_a_brand(text, p)]


def _follows_a_brand(text: str, place: PhraseMatch) -> bool:
    word = _WORD_BEFORE.search(text, 0, place.start)
    return word is not None and is_brand_name(word.group(1))


# The word right before a name, with only spaces between: "Formosa Hà Tĩnh", not "Hà Nội, TP HCM".
_WORD_BEFORE = re.compile(r"(?<![\w])([^\W\d_]\w*)\s+$")
