"""Numbers and units as Vietnamese news writes them: "38.905 triệu USD", "1.127,9 nghìn tỷ đồng", "10,46%"."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import cache, lru_cache

from corpus.model import Currency, Rate, Unit, UnitFamily
from corpus.text import before, fold
from corpus.vocabulary import canonical_tone, vocabulary


class NumberStyle(StrEnum):
    """Vietnamese: dot groups thousands, comma marks decimals. Some outlets write English style."""

    VIETNAMESE = "vi"
    ENGLISH = "en"


def parse_number(text: str, style: NumberStyle = NumberStyle.VIETNAMESE) -> float:
    """'38.905' → 38905, '1.127,9' → 1127.9, '10,46' → 10.46, '72 047' → 72047.

    A lone dot followed by exactly three digits groups thousands; any other dot (English-style
    copy, '36.5') is a decimal point.
    """
    text = text.strip().replace(" ", "")
    if not text or not re.fullmatch(r"\d[\d.,]*", text):
        raise ValueError(f"not a number: {text!r}")
    if style is NumberStyle.ENGLISH:
        return float(text.replace(",", ""))
    if "," in text:
        return float(text.replace(".", "").replace(",", "."))
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", text):
        return float(text.replace(".", ""))
    return float(text)


def number_style(text: str) -> NumberStyle:
    """The article's dominant style: English when English decimals/groupings outnumber Vietnamese ones."""
    english = len(re.findall(r"(?<![\d.,])\d+\.\d{1,2}(?![\d.,])|\d,\d{3}(?:,\d{3})*\.\d", text))
    vietnamese = len(re.findall(r"(?<![\d.,])\d+,\d{1,2}(?![\d,])|\d\.\d{3}(?:\.\d{3})*,\d", text))
    return NumberStyle.ENGLISH if english > vietnamese else NumberStyle.VIETNAMESE


@dataclass(frozen=True)
class Quantity:
    """A number with its unit, found in a piece of text."""

    value: float
    unit: Unit
    text: str
    start: int
    end: int
    qualifier: str | None = None


@lru_cache(maxsize=4096)
def parse_unit(text: str) -> Unit:
    """Canonical family and scale of a unit string, e.g. 'nghìn tỷ đồng' → ('vnd', 12), 'USD/tấn' → ('usd/tấn', 0)."""
    amount, slash, per = text.partition("/")
    if slash and per.strip():
        return per_unit(parse_unit(amount.strip()), per.strip(), text)
    match = _unit_pattern().fullmatch(" ".join(text.split()))
    if match:
        return _unit_from_match(match)
    scaled = _unit_pattern().match(text)  # a scale before a noun outside the lexicon: "triệu dân"
    if scaled and scaled.group("scale3") and text[scaled.end() :].strip():
        noun = text[scaled.end() :].strip()
        return Unit(text, UnitFamily.COUNT, _unit_from_match(scaled).scale, noun.lower())
    return Unit(text, UnitFamily.COUNT, 0, text.lower()) if text else Unit(text, UnitFamily.NUMBER, 0)


def per_unit(amount: Unit, per: str, text: str) -> Unit:
    """A rate: "USD/tấn" is a price per tonne, never an amount of USD."""
    return Unit(text, Rate(amount.family, per.lower()), amount.scale, amount.noun)


def starts_with_unit(text: str) -> bool:
    """Whether `text` opens with a unit word ("phần trăm", "tỷ USD", "tấn"), in any case."""
    return _unit_pattern().match(text.lstrip()) is not None


def same_amount(a: tuple[float, Unit], b: tuple[float, Unit]) -> bool:
    """(36,5, tỷ USD) and (36.500, triệu USD) are the same amount."""
    (value_a, unit_a), (value_b, unit_b) = a, b
    if unit_a.key != unit_b.key:
        return False
    x, y = value_a * 10.0**unit_a.scale, value_b * 10.0**unit_b.scale
    return abs(x - y) <= 1e-9 * max(abs(x), abs(y), 1.0)


# The lookahead first lets the scan skip to digits instead of testing the lookbehinds everywhere.
_NUMBER = re.compile(
    r"(?=\d)(?<![\w/.,:])(?<![^\d\s][-–])"
    r"(?P<number>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?: \d{3})+(?!\d)|\d+(?:[.,]\d+)?)"
    r"(?![\w/:]|[.,]\d)"
)
# A minus sign stuck to a number, after a word or a bracket: "lần lượt là -49,3 tỷ" is a loss. After
# another number it is a range's dash: "2016-2017", "10 -15%".
_MINUS = re.compile(r"(?:^|[^\W\d_]\s+|[(:]\s*)[-−]$")
# The lower bound of a range written before a figure: "8 - 8,5 tỉ USD", "từ 5 đến 6%".
_RANGE_START = re.compile(r"(?:(?:từ|khoảng|from)\s+)?\d[\d.,]*\s*(?:[-–]|đến|tới|to)\s*$")


@lru_cache(maxsize=1)
def _per() -> re.Pattern[str]:
    """A rate: "USD/tấn", "đồng/kg", "%/năm", "triệu đồng/lao động" (what it is per may be two words)."""
    nouns = sorted(vocabulary().data["units"]["per_nouns"], key=len, reverse=True)
    return re.compile(rf"\s?/\s?((?:{'|'.join(map(re.escape, nouns))})(?![\w])|[^\W\d_]+)")


# Words right before a number that make it an ordinal, a date or a document number.
# How far before a number its cues are looked for: "ngày", "số" (not a quantity), "khoảng", "hơn".
_NOT_A_QUANTITY_CHARS = 20
_QUALIFIER_CHARS = 25
_NOT_A_QUANTITY_BEFORE = re.compile(
    r"(?:ngày|tháng|năm|quý|kỷ|kỉ|thập niên|(?<!trong )(?<!tổng )số|thứ|lần thứ|khóa|khoá|điều|khoản|nghị định|quyết định|thông tư|chỉ thị|"
    r"nghị quyết|kỳ họp|phiên|đợt|giai đoạn|hotline|điện thoại|đt|tel|phone|fax|mã số|top|tốp)\s*:?\s*$",
    re.IGNORECASE,
)


# A counted noun the vocabulary does not list ("35 loài", "700 tu viện lớn nhỏ"): this many syllables
# at most, since nothing says where a noun outside the lexicon ends.
OPEN_NOUN_SYLLABLES = 2
# What a classifier counts is written right after it: a quoted phrase ("21 loại "chất độc liên quan
# tới sinh sản""), a name of up to this many words ("48 chiếc F-15", "3 chiếc Boeing 787"), or nouns.
_CLASSIFIED_CHARS = 80
_QUOTED = re.compile(r"[\"“«][^\"”»\n]+[\"”»]")
_NAME_TOKEN = re.compile(r"[^\W_][\w-]*")
_NAME_TOKENS = 3
# A number that goes on into a range is no count of the noun before it ("độ tuổi 15 - 49").
_RANGE_NEXT = re.compile(r"\s*(?:[-–]|đến\b|tới\b)")
_CLAUSE_BREAK = re.compile(r"[,;:()]")
# How far back the noun that governs a bare number is looked for ("dân số Nouvelle-Calédonie đạt").
_GOVERNING_CHARS = 80
_GOVERNED_WORDS = 6
_SYLLABLE = re.compile(r"[^\W\d_]{2,}")
# A plain four-digit number in this range before a word is a year ("từ 1996 đến 2009", "1983 tới").
_YEARS = range(1000, 2101)
# How far before a number a currency sign is looked for ("US$ 5").
_SIGN_CHARS = 4
# How far back the word before a number is looked for.
_NAME_WINDOW = 30
_WORD_BEFORE = re.compile(r"([^\W\d_]+)\s$")


def _alternation(words: Iterable[str]) -> str:
    """Words as one regex alternative, longest first, any spaces between their syllables."""
    return "|".join(
        r"\s+".join(re.escape(w) for w in word.split()) for word in sorted(words, key=len, reverse=True)
    )


@lru_cache(maxsize=1)
def _unit_pattern() -> re.Pattern[str]:
    vocab = vocabulary()
    scale = _alternation(vocab.scales)
    currency = _alternation(vocab.currencies)
    nouns = _alternation(vocab.count_nouns)
    not_counts = _alternation(vocab.not_counts)
    percent = _alternation(vocab.percent)
    points = _alternation(vocab.percentage_points)
    return re.compile(
        rf"(?P<points>{points})(?![\w])"
        rf"|(?P<percent>{percent})(?![\w])"
        rf"|(?:(?P<scale>{scale})\s+)?(?P<currency>{currency})(?![\w])"
        rf"|(?:(?P<scale2>{scale})\s+)?(?!(?:{not_counts})(?![\w]))(?P<noun>{nouns})(?![\w])"
        rf"|(?P<scale3>{scale})(?![\w])",
        re.IGNORECASE,
    )


def _canonical(word: str, group: str) -> str:
    """The vocabulary's spelling of a unit word as written ("Tỉ" → "tỉ", "ĐOẠN" → "đoạn", never "đoàn"),
    else of the first word that folds like it."""
    spelled = " ".join(word.split())
    spellings = _spellings(group)
    return spellings.get(canonical_tone(spelled.lower())) or spellings.get(fold(spelled), word)


@cache
def _spellings(group: str) -> dict[str, str]:
    """A unit group's words by their lower-case and their folded form; the first listed wins."""
    vocab = vocabulary()
    groups: dict[str, Iterable[str]] = {
        "scales": vocab.scales,
        "currencies": vocab.currencies,
        "count_nouns": vocab.count_nouns,
    }
    words = groups[group]
    spellings: dict[str, str] = {}
    for word in words:
        spellings.setdefault(canonical_tone(word.lower()), word)
    for word in words:
        spellings.setdefault(fold(word), word)
    return spellings


def _unit_from_match(match: re.Match[str]) -> Unit:
    vocab = vocabulary()
    text = " ".join(match.group().split())
    if match.group("points"):
        return Unit(text, UnitFamily.POINTS, 0)
    if match.group("percent"):
        return Unit("%", UnitFamily.PERCENT, 0)
    scale_word = match.group("scale") or match.group("scale2") or match.group("scale3")
    scale = vocab.scales[_canonical(scale_word, "scales")] if scale_word else 0
    if match.group("currency"):
        currency = _canonical(match.group("currency"), "currencies")
        meant = vocab.data["units"]["misspellings"].get(currency)
        if meant:
            text = text.replace(match.group("currency"), meant)
        return Unit(text, Currency(vocab.currencies[currency]), scale)
    if match.group("noun"):
        noun = _canonical(match.group("noun"), "count_nouns")
        return Unit(text, UnitFamily.COUNT, scale, noun.lower())
    return Unit(text, UnitFamily.NUMBER, scale)


def find_quantities(text: str, style: NumberStyle = NumberStyle.VIETNAMESE) -> list[Quantity]:
    """Every number in `text` that carries a unit. Dates, times, phone and document numbers,
    and years standing alone are not quantities."""
    found = []
    approximate = vocabulary().cue_matcher("approximate")
    for match in _NUMBER.finditer(text):
        raw = match.group("number")
        digits = raw.replace(".", "").replace(",", "").replace(" ", "")
        if digits.startswith("0") and len(digits) >= 9:
            continue  # a phone number
        if _NOT_A_QUANTITY_BEFORE.search(before(text, match.start(), _NOT_A_QUANTITY_CHARS)):
            continue
        located = _unit_of(text, match)
        if located is None:
            continue
        try:
            value = parse_number(raw, style)
        except ValueError:
            continue
        unit, start, end = located
        if start == match.start() and _MINUS.search(text[:start]):
            value, start = -value, start - 1
        lead = before(text, start, _QUALIFIER_CHARS)  # "khoảng $250", "dưới tuổi 18": before the sign or noun
        qualifier = None
        for cue in approximate.find(lead):
            if not lead[cue.end :].strip():
                qualifier = cue.text
        lower_bound = _RANGE_START.search(lead)
        if lower_bound:  # "từ 8 - 8,5 tỉ USD": the figure is a range, shown whole
            qualifier = re.sub(r"\s*([-–])\s*$", r" \1", " ".join(lower_bound.group().split()))
        found.append(Quantity(value, unit, text[start:end], start, end, qualifier))
    return found


def _unit_of(text: str, number: re.Match[str]) -> tuple[Unit, int, int] | None:
    """A number's unit and where its quantity starts and ends: the unit after it ("38.905 triệu USD",
    "35 loài", "496 USD/tấn"), a currency sign before it ("$250 triệu", "$7.275"), or a count named
    elsewhere (`_count_elsewhere`). A classifier's count knows what it classifies ("48 chiếc F-15")."""
    unit_match = _unit_pattern().match(text, pos=_skip_spaces(text, number.end()))
    unit = _unit_from_match(unit_match) if unit_match else None
    start, end = number.start(), unit_match.end() if unit_match else number.end()
    if unit is None or unit.family is UnitFamily.NUMBER:
        sign = _currency_sign().search(before(text, number.start(), _SIGN_CHARS))
        counted = None if sign else _count_elsewhere(text, number, unit, end)
        if sign:
            currency = vocabulary().currency_signs[sign.group().strip()]
            unit = parse_unit(f"{unit.text} {currency}" if unit else currency)
            start -= len(sign.group())
        elif counted is not None:
            unit, start, end = counted
    if unit is None:
        return None
    per = _per().match(text, end)
    if per:  # "496 USD/tấn" is a price, never an amount of USD
        return per_unit(unit, per.group(1), f"{unit.text}/{per.group(1)}"), start, per.end()
    if unit.is_count and unit.noun in vocabulary().classifiers:
        return _classifier_count(text, number, unit, start, end)
    return unit, start, end


def _classifier_count(
    text: str, number: re.Match[str], unit: Unit, start: int, end: int
) -> tuple[Unit, int, int] | None:
    """A classifier's count knows what it classifies ("48 chiếc F-15", "21 loại "chất độc …""); per
    something, it is a rate of that ("700.000 quả trứng/ngày"). A year before a classifier counts
    nothing ("năm 2018 con số …", "quý I/2018 loại trái cây này"): counts are written "1.500 con"."""
    if not unit.scale and _is_year(number):
        return None
    span = _classified(text, end)
    if span is None:
        return unit, start, end
    words = " ".join(text[span[0] : span[1]].strip('"“”«» ').split())
    per = _per().match(text, span[1])
    if per:
        counted = Unit(f"{unit.text} {words}", UnitFamily.COUNT, unit.scale, f"{unit.noun} {words.lower()}")
        return per_unit(counted, per.group(1), f"{counted.text}/{per.group(1)}"), start, per.end()
    return replace(unit, classified=words), start, end


def _count_elsewhere(
    text: str, number: re.Match[str], scale: Unit | None, end: int
) -> tuple[Unit, int, int] | None:
    """A count whose noun is not one of the lexicon's right after the number: a noun written before
    it ("vào tuổi 13"), a noun outside the lexicon after it ("35 loài"), or only the noun that
    governs it ("dân số Nouvelle-Calédonie đạt 268.767")."""
    if scale is None:
        noun = _noun_before(text, number)
        if noun is not None:
            return parse_unit(noun.group(1).lower()), noun.start(1), end
    counted = _open_count(text, number, scale, end)
    if counted is not None:
        return counted[0], number.start(), counted[1]
    governed = _governed_count(text, number) if scale is None else None
    return (governed, number.start(), end) if governed is not None else None


def _noun_before(text: str, number: re.Match[str]) -> re.Match[str] | None:
    """ "vào tuổi 13": a counted noun written before its number, unless the number opens a range or
    is a year."""
    word = _WORD_BEFORE.search(text, max(0, number.start() - _NAME_WINDOW), number.start())
    if word is None or word.group(1).lower() not in vocabulary().written_before or _is_year(number):
        return None
    return None if _RANGE_NEXT.match(text, number.end()) else word


def _governed_count(text: str, number: re.Match[str]) -> Unit | None:
    """A bare number that a noun counting by itself governs in its clause, through a link ("dân số
    Nouvelle-Calédonie đạt 268.767" is 268.767 người); never a year, never what something else of
    the noun is ("mật độ dân số đạt 120")."""
    if _is_year(number):
        return None
    lead = before(text, number.start(), _GOVERNING_CHARS)
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(lead)]
    clause = lead[breaks[-1] if breaks else 0 :]
    governing, not_after = _governing_patterns()
    found = governing.search(clause)
    if found is None or not_after.search(clause, 0, found.start()):
        return None
    return parse_unit(_counted_by()[fold(" ".join(found.group("noun").split()))])


@lru_cache(maxsize=1)
def _counted_by() -> dict[str, str]:
    return {fold(noun): counted for noun, counted in vocabulary().counted_by.items()}


@lru_cache(maxsize=1)
def _governing_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A counting noun, a few words that name whose it is ("của thành phố", "Nouvelle-Calédonie",
    "năm 2014"), one or two links, then the number; and the words that make the noun another's."""
    units = vocabulary().data["units"]
    nouns, links = _alternation(vocabulary().counted_by), _alternation(units["counted_by_links"])
    word = r"(?:[^\W\d_][\w-]*|\d{4})"
    governing = re.compile(
        rf"(?<!\w)(?P<noun>{nouns})(?:\s+{word}){{0,{_GOVERNED_WORDS}}}?\s+(?:(?:{links})\s+){{1,3}}$",
        re.IGNORECASE,
    )
    not_after = re.compile(rf"(?<!\w)(?:{_alternation(units['counted_by_not_after'])})\s*$", re.IGNORECASE)
    return governing, not_after


def _classified(text: str, position: int) -> tuple[int, int] | None:
    """Where what a classifier counts is written, right after it in its clause: a quoted phrase, a
    name, or nouns."""
    position = _skip_spaces(text, position)
    quoted = _QUOTED.match(text, position, position + _CLASSIFIED_CHARS)
    if quoted:
        return quoted.span()
    name: list[re.Match[str]] = []
    while len(name) < _NAME_TOKENS:  # "F-15", "Boeing 787": a capitalised word, then names and numbers
        token = _NAME_TOKEN.match(text, position)
        if token is None or not (token.group()[0].isupper() or (name and token.group()[0].isdigit())):
            break
        name.append(token)
        position = token.end() + 1
        if text[token.end() : position] != " ":
            break
    words = name or _noun_words(text, position)
    return (words[0].start(), words[-1].end()) if words else None


@lru_cache(maxsize=1)
def _currency_sign() -> re.Pattern[str]:
    signs = sorted(vocabulary().currency_signs, key=len, reverse=True)
    return re.compile(rf"(?:{'|'.join(re.escape(sign) for sign in signs)})\s?$")


def _open_count(text: str, number: re.Match[str], scale: Unit | None, end: int) -> tuple[Unit, int] | None:
    """A count of a noun outside the lexicon: "35 loài", "3,5 triệu dân", "khoảng 600.000 thường trú".
    Not after a name ("Quận 16 có", "trong quận 19 sống": a district goes by its number), not after a
    year, not a word of the sentence around a number."""
    if _named_before(text, number.start()) or (scale is None and _numbers_an_area(text, number.start())):
        return None
    if scale is None and _is_year(number):
        return None
    words = _noun_words(text, _skip_spaces(text, end))
    if not words:
        return None
    noun = text[words[0].start() : words[-1].end()]
    unit_text = f"{scale.text} {noun}" if scale else noun
    return Unit(unit_text, UnitFamily.COUNT, scale.scale if scale else 0, noun.lower()), words[-1].end()


def _is_year(number: re.Match[str]) -> bool:
    raw = number.group("number")
    return raw.isdigit() and int(raw) in _YEARS


def _noun_words(text: str, position: int) -> list[re.Match[str]]:
    """The lower-case syllables at `position`, one space apart, that can name what is counted; a word
    of the sentence around a number ("và", "tăng", "tháng") never does."""
    words: list[re.Match[str]] = []
    while len(words) < OPEN_NOUN_SYLLABLES:
        word = _SYLLABLE.match(text, position)
        if (
            word is None
            or not word.group().islower()
            or canonical_tone(word.group()) in vocabulary().not_counted
        ):
            break
        words.append(word)
        if text[word.end() : word.end() + 1] != " ":
            break
        position = word.end() + 1
    return words


def _named_before(text: str, start: int) -> bool:
    """A capitalised word right before a number names it ("Quận 16", "Apollo 11"), unless that word
    only opens the sentence ("Khoảng 130 lính")."""
    window = max(0, start - _NAME_WINDOW)
    word = _WORD_BEFORE.search(text, window, start)
    if word is None or not word.group(1)[0].isupper():
        return False
    opening = text[: word.start(1)].rstrip()
    return bool(opening) and opening[-1] not in ".!?:;\n"


def _numbers_an_area(text: str, start: int) -> bool:
    word = _WORD_BEFORE.search(text, max(0, start - _NAME_WINDOW), start)
    return word is not None and word.group(1).lower() in vocabulary().data["places"]["areas"]["numbered"]


def _skip_spaces(text: str, position: int) -> int:
    """Units follow the number after at most a few spaces ("1.127,9  nghìn tỷ đồng")."""
    limit = position + 3
    while position < min(limit, len(text)) and text[position] in " \t":
        position += 1
    return position
