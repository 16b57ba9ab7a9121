"""Named areas that the place vocabulary does not list: a district or a commune ("huyện Gia Lâm", "quận
7"), a foreign country's province or state ("tỉnh Nam" of Nouvelle-Calédonie, "bang Texas").

An area is an area word (vocabulary `places.areas.words`) and the name written after it: capitalised
words, or a number for the areas that go by one. A figure placed in one is that area's, never its
province's or country's, so it answers only a question that names the area. An area word followed by a
place the vocabulary knows ("tỉnh Bắc Ninh", "thành phố Đà Nẵng", "các tỉnh Tây Nguyên") is that place,
as before; so is a name spelled with other marks ("tỉnh Đăk Lăk").
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from corpus.names import is_vietnamese_syllable
from corpus.text import fold
from corpus.vocabulary import PhraseMatch, PhraseMatcher, vocabulary

# A name runs this many words at most: what follows is another name ("tiểu bang Texas John Nance Garner").
_NAME_WORDS = 4
# A name opening with a surname is a person's from this many words on ("UBND tỉnh Nguyễn Văn Hải").
_PERSON_WORDS = 3
_NAME_WORD = re.compile(r"[^\W_]+(?:[-–][^\W_]+)*")
# A district's number is one or two digits, not an amount ("quận 7", never "phường 8.000 hộ" or "7%").
_NUMBER = re.compile(r"\d{1,2}(?![\d%]|[.,]\d)")
_TOKEN = re.compile(r"\w+|[^\w\s]")
# Questions come back with the same areas to check, figure after figure.
_CHECKS_KEPT = 4096


def find_areas(text: str, places: list[PhraseMatch]) -> list[PhraseMatch]:
    """The areas `text` names, in order, keyed by their area word and name ("huyện Gia Lâm", "quận 7").
    `places` are the vocabulary's places found in `text`: an area word before one of them names that
    place, not an area."""
    found = []
    for word in _area_words().find(text):
        if not word.key:
            continue  # "Liên bang Nga", "hợp tác xã"
        name = _name(text, word, places)
        if name is not None:
            start, end = name
            found.append(
                PhraseMatch(f"{word.key} {text[start:end]}", word.start, end, text[word.start : end])
            )
    return found


def outside_areas(places: list[PhraseMatch], areas: list[PhraseMatch]) -> list[PhraseMatch]:
    """The places that are not part of an area's name: "Nga" in "huyện Nga Sơn" is not Russia."""
    return [p for p in places if not any(a.start < p.start < a.end for a in areas)]


def is_address(gap: str) -> bool:
    """What stands between an area and the place after it that is its address: "huyện Lục Ngạn (Bắc
    Giang)", "xã Phước Tân, huyện Xuyên Mộc", "huyện Lục Ngạn, tỉnh Bắc Giang"."""
    return _address_gap().fullmatch(gap) is not None


@lru_cache(maxsize=_CHECKS_KEPT)
def names_area(text: str, area: str) -> bool:
    """`text` names the area: its area word, written any way, and its name ("ở Quận 7", "TP Vinh"), or
    a name that tells the area by itself ("Texas", "Gia Lâm"), typed with or without marks. A one-syllable
    Vietnamese name ("tỉnh Nam") or a number ("quận 7") says nothing without its word: "Việt Nam" is not
    "tỉnh Nam"."""
    word, name = _split(area)
    forms = [f"{alias} {name}" for alias in vocabulary().data["places"]["areas"]["words"][word]]
    if not name.isdigit() and (" " in name or not is_vietnamese_syllable(name)):
        forms.append(name)
    said = _folded_tokens(text)
    return any(_folded_tokens(form) in said for form in forms)


def places_after(gap: str) -> bool:
    """The words between a figure and an area after it end with one that places the figure there:
    "25% cư dân trong quận 19", "sống tại tỉnh Bắc" (not "so với huyện X", "cho xã Y")."""
    words = gap.lower().split()
    return bool(words) and words[-1] in vocabulary().data["places"]["areas"]["links_after"]


def names_the_whole(text: str) -> bool:
    """ "toàn tỉnh", "cả thành phố": what follows is the whole's, not the area's named before."""
    return bool(_whole_words().find(text))


def _name(text: str, word: PhraseMatch, places: list[PhraseMatch]) -> tuple[int, int] | None:
    """Where the name after an area word lies, or None when no area is named there: no capitalised
    name follows ("các tỉnh", "tỉnh này", "vùng sâu vùng xa"), the vocabulary knows the place, or the
    name is a person's."""
    areas = vocabulary().data["places"]["areas"]
    start = word.end + 1 if text[word.end : word.end + 1] == " " else word.end
    if word.key in areas["numbered"]:
        number = _NUMBER.match(text, start)
        if number is not None:
            return number.span()
    words = _name_words(text, start, places)
    if not words:
        return None
    end = words[-1].end()
    known = next((p for p in places if p.start in (word.start, start)), None)
    if known is not None and (not vocabulary().is_foreign(known.key) or known.end >= end):
        return None  # "tỉnh Bắc Ninh", "TP.HCM", "bang Đức"; but "huyện Nga Sơn" is no part of Russia
    if vocabulary().is_place_name(text[start:end]):
        return None
    if len(words) >= _PERSON_WORDS and words[0].group() in _surnames():
        return None
    return start, end


def _name_words(text: str, start: int, places: list[PhraseMatch]) -> list[re.Match[str]]:
    """Capitalised words from `start`, one space apart, with a lower-case word between two of them
    ("Quần đảo Loyauté") unless it is a word of the sentence ("Gia Lâm và Hà Nội"); up to another place
    or a person's name."""
    words: list[re.Match[str]] = []
    position = start
    while len(words) < _NAME_WORDS:
        match = _NAME_WORD.match(text, position)
        if match is None or match.group()[0].isdigit():
            break
        if words and any(p.start == match.start() and not vocabulary().is_foreign(p.key) for p in places):
            break  # "huyện Gia Lâm Hà Nội": the province is no part of the district's name ("Thủ Đức" is)
        if words and _opens_a_person(text, words, match):
            break
        if not match.group()[0].isupper():
            bridges = (
                words
                and _capitalised_next(text, match.end())
                and not vocabulary().is_stopword(match.group())
                and match.group().lower() not in vocabulary().function_words
            )
            if not bridges:
                break
        words.append(match)
        if text[match.end() : match.end() + 1] != " ":
            break
        position = match.end() + 1
    while words and not words[-1].group()[0].isupper():
        words.pop()
    return words


def _opens_a_person(text: str, words: list[re.Match[str]], word: re.Match[str]) -> bool:
    """A surname with a capitalised word after it, after a name that is no person's: "Mặt trận Tổ quốc
    phường Dịch Vọng Lê Văn Trí" names the ward, then its chairman."""
    surnames = _surnames()
    return (
        words[0].group() not in surnames and word.group() in surnames and _capitalised_next(text, word.end())
    )


def _capitalised_next(text: str, end: int) -> bool:
    """A capitalised word follows the word ending at `end`, one space after it."""
    following = _NAME_WORD.match(text, end + 1)
    return text[end : end + 1] == " " and following is not None and following.group()[0].isupper()


def _split(area: str) -> tuple[str, str]:
    """ "thị xã Sơn Tây" → ("thị xã", "Sơn Tây"): the longest area word it opens with."""
    words = sorted(vocabulary().data["places"]["areas"]["words"], key=len, reverse=True)
    word = next(w for w in words if area.startswith(f"{w} "))
    return word, area[len(word) + 1 :]


def _folded_tokens(text: str) -> str:
    """Words and marks without diacritics, one space apart and at both ends, for whole-word search."""
    return f" {' '.join(_TOKEN.findall(fold(text)))} "


@cache
def _area_words() -> PhraseMatcher:
    areas = vocabulary().data["places"]["areas"]
    phrases = {alias: word for word, aliases in areas["words"].items() for alias in aliases}
    phrases.update(dict.fromkeys(areas["not_areas"], ""))
    return PhraseMatcher(phrases)


@cache
def _whole_words() -> PhraseMatcher:
    return PhraseMatcher(dict.fromkeys(vocabulary().data["places"]["areas"]["whole"], ""))


@cache
def _surnames() -> frozenset[str]:
    return frozenset(vocabulary().data["places"]["areas"]["surnames"])


@cache
def _address_gap() -> re.Pattern[str]:
    words = sorted(
        (a for aliases in vocabulary().data["places"]["areas"]["words"].values() for a in aliases),
        key=len,
        reverse=True,
    )
    word = "|".join(re.escape(w) for w in words)
    return re.compile(rf"\s*[,(–-]?\s*(?:(?:{word})\s*)?", re.IGNORECASE)
