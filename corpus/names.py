"""Proper names that are not Vietnamese words: "Vietcombank", "Habeco", "TPBank", "FPT".

A Vietnamese word is one syllable; a company's brand usually is not. A capitalised token that no
single Vietnamese syllable spells, and that the vocabulary does not know, is taken as a name.
"""

from __future__ import annotations

import re

from corpus.text import fold
from corpus.vocabulary import vocabulary

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
