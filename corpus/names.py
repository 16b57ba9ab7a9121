"""Proper names that are not Vietnamese words: "Vietcombank", "Habeco", "TPBank", "FPT".

A Vietnamese word is one syllable; a company's brand usually is not. A capitalised token that no
single Vietnamese syllable spells, and that the vocabulary does not know, is taken as a name.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache

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


# A stock ticker: three capitals or digits ("TH1", "MWG", "HAG"), the way traders name a company.
_TICKER = re.compile(r"(?=(?:\d*[A-ZĐ]){2})[A-ZĐ0-9]{3}")


def is_ticker(word: str) -> bool:
    """ "TH1", "MWG" but not "GDP" or "XNK", which the vocabulary knows as other abbreviations."""
    return bool(_TICKER.fullmatch(word)) and word not in vocabulary().not_company_words


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
    national report that names it is not about Hà Tĩnh; "Hoàng Anh Gia Lai" is no company of Britain."""
    return [p for p in places if not _follows_a_brand(text, p)]


def _follows_a_brand(text: str, place: PhraseMatch) -> bool:
    word = _WORD_BEFORE.search(text, 0, place.start)
    if word is None:
        return False
    # a one-syllable country ("Anh", "Đức", "Nga") after a capitalised word ends a person's or a
    # company's name: "Thủ tướng Anh" and "Liên bang Nga" have a lower-case word before it
    before = word.group(1)
    one_syllable_country = " " not in place.text.strip() and vocabulary().is_foreign(place.key)
    named_word = before[0].isupper() and not before.isupper() and before not in vocabulary().not_company_words
    return is_brand_name(before) or (one_syllable_country and named_word)


# The word right before a name, with only spaces between: "Formosa Hà Tĩnh", not "Hà Nội, TP HCM".
_WORD_BEFORE = re.compile(r"(?<![\w])([^\W\d_]\w*)\s+$")


# "Công ty CP Thiết bị Điện Việt Nam (GEX)", "Tổ hợp bô xít nhôm Lâm Đồng (Tân Rai)", "(mã CK: KBC)": a
# name and the short name an article gives it in brackets, up to the punctuation before.
_DEFINED_ALIAS = re.compile(
    r"([^\W\d_][\w]*(?:\s+[\w]+){0,7}?)\s*\(\s*(?:mã\s*(?:CK|chứng khoán)?\s*:?\s*|HoSE\s*:\s*|HNX\s*:\s*|UPCoM\s*:\s*)?"
    r"([A-ZĐ][\w]*(?:\s+[A-ZĐ][\w]*){0,2})\s*\)"
)
_ALIAS_WORDS = 6  # a name is at most the last six words before its bracket


def defined_aliases(text: str) -> tuple[tuple[frozenset[str], frozenset[str]], ...]:
    """The names an article defines with a short form in brackets, as pairs of folded word sets: a
    sentence that says one form names the other too ("GEX" is "Thiết bị Điện Việt Nam")."""
    pairs = []
    kinds = _company_kind_words()
    for match in _DEFINED_ALIAS.finditer(text):
        written = [fold(w) for w in re.findall(r"\w+", match.group(1).lower())][-_ALIAS_WORDS:]
        long_words = [w for w in written if w not in kinds]  # "Công ty CP": what it is, not its name
        short_words = [fold(w) for w in re.findall(r"\w+", match.group(2).lower())]
        if long_words and short_words and set(short_words) != set(long_words):
            pairs.append((frozenset(long_words), frozenset(short_words)))
    return tuple(pairs)


def with_aliases(words: set[str], aliases: tuple[tuple[frozenset[str], frozenset[str]], ...]) -> set[str]:
    """`words` and the other form of every name they say in full: its short form's words, or its long
    form as one phrase, so that "Phát Đạt" is not pieced together from "Phát triển Đô thị Kinh Bắc
    (KBC)" and a verb "đạt" (`named_in_phrase`)."""
    found = set(words)
    for long_words, short_words in aliases:
        if short_words <= words:
            found.add(" ".join(sorted(long_words)))
        elif long_words <= words:
            found |= short_words
    return found


def named_in_phrase(name: str, words: Collection[str]) -> bool:
    """Every word of `name` is in one phrase of `words` (a long name `with_aliases` added)."""
    asked = set(name.split())
    return any(" " in phrase and asked <= set(phrase.split()) for phrase in words)


@lru_cache(maxsize=1)
def _company_kind_words() -> frozenset[str]:
    markers = vocabulary().data["subjects"]["company"]["markers"]
    return frozenset(fold(word) for marker in markers for word in re.findall(r"\w+", marker.lower()))
