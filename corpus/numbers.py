"""Numbers and units as Vietnamese news writes them: "38.905 triệu USD", "1.127,9 nghìn tỷ đồng", "10,46%"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cache, lru_cache

from corpus.model import COUNT, Unit
from corpus.text import before, fold
from corpus.vocabulary import vocabulary


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
    return Unit(text, COUNT, 0, text.lower()) if text else Unit(text, "number", 0)


def per_unit(amount: Unit, per: str, text: str) -> Unit:
    """A rate: "USD/tấn" is a price per tonne, never an amount of USD."""
    return Unit(text, f"{amount.family}/{per.lower()}", amount.scale, amount.noun)


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
# The lower bound of a range written before a figure: "8 - 8,5 tỉ USD", "từ 5 đến 6%".
_RANGE_START = re.compile(r"(?:(?:từ|khoảng|from)\s+)?\d[\d.,]*\s*(?:[-–]|đến|tới|to)\s*$")
# A rate: "USD/tấn", "đồng/kg", "%/năm".
_PER = re.compile(r"\s?/\s?([^\W\d_]+)")
# Words right before a number that make it an ordinal, a date or a document number.
# How far before a number its cues are looked for: "ngày", "số" (not a quantity), "khoảng", "hơn".
_NOT_A_QUANTITY_CHARS = 20
_QUALIFIER_CHARS = 25
_NOT_A_QUANTITY_BEFORE = re.compile(
    r"(?:ngày|tháng|năm|quý|số|thứ|lần thứ|khóa|khoá|điều|khoản|nghị định|quyết định|thông tư|chỉ thị|"
    r"nghị quyết|kỳ họp|phiên|đợt|giai đoạn|hotline|điện thoại|đt|tel|phone|fax|mã số)\s*:?\s*$",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def _unit_pattern() -> re.Pattern[str]:
    vocab = vocabulary()

    def alternation(words):
        return "|".join(
            r"\s+".join(re.escape(w) for w in word.split()) for word in sorted(words, key=len, reverse=True)
        )

    scale = alternation(vocab.scales)
    currency = alternation(vocab.currencies)
    nouns = alternation(vocab.count_nouns)
    percent = alternation(vocab.percent)
    points = alternation(vocab.percentage_points)
    return re.compile(
        rf"(?P<points>{points})(?![\w])"
        rf"|(?P<percent>{percent})(?![\w])"
        rf"|(?:(?P<scale>{scale})\s+)?(?P<currency>{currency})(?![\w])"
        rf"|(?:(?P<scale2>{scale})\s+)?(?P<noun>{nouns})(?![\w])"
        rf"|(?P<scale3>{scale})(?![\w])",
        re.IGNORECASE,
    )


def _canonical(word: str, group: str) -> str:
    """The vocabulary's spelling of a unit word as written ("Tỉ" → "tỷ")."""
    return _spellings(group).get(fold(" ".join(word.split())), word)


@cache
def _spellings(group: str) -> dict[str, str]:
    """A unit group's words by their folded form; the first listed wins."""
    vocab = vocabulary()
    words = {"scales": vocab.scales, "currencies": vocab.currencies, "count_nouns": vocab.count_nouns}[group]
    spellings: dict[str, str] = {}
    for word in words:
        spellings.setdefault(fold(word), word)
    return spellings


def _unit_from_match(match: re.Match[str]) -> Unit:
    vocab = vocabulary()
    text = " ".join(match.group().split())
    if match.group("points"):
        return Unit(text, "pp", 0)
    if match.group("percent"):
        return Unit("%", "pct", 0)
    scale_word = match.group("scale") or match.group("scale2") or match.group("scale3")
    scale = vocab.scales[_canonical(scale_word, "scales")] if scale_word else 0
    if match.group("currency"):
        currency = _canonical(match.group("currency"), "currencies")
        return Unit(text, vocab.currencies[currency], scale)
    if match.group("noun"):
        noun = _canonical(match.group("noun"), "count_nouns")
        return Unit(text, COUNT, scale, noun.lower())
    return Unit(text, "number", scale)


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
        unit_match = _unit_pattern().match(text, pos=_skip_spaces(text, match.end()))
        if not unit_match:
            continue
        try:
            value = parse_number(raw, style)
        except ValueError:
            continue
        unit = _unit_from_match(unit_match)
        end = unit_match.end()
        per = _PER.match(text, end)
        if per:  # "496 USD/tấn" is a price, never an amount of USD
            unit = per_unit(unit, per.group(1), f"{unit.text}/{per.group(1)}")
            end = per.end()
        lead = before(text, match.start(), _QUALIFIER_CHARS)
        qualifier = None
        for cue in approximate.find(lead):
            if not lead[cue.end :].strip():
                qualifier = cue.text
        lower_bound = _RANGE_START.search(lead)
        if lower_bound:  # "từ 8 - 8,5 tỉ USD": the figure is a range, shown whole
            qualifier = re.sub(r"\s*([-–])\s*$", r" \1", " ".join(lower_bound.group().split()))
        found.append(Quantity(value, unit, text[match.start() : end], match.start(), end, qualifier))
    return found


def _skip_spaces(text: str, position: int) -> int:
    """Units follow the number after at most a few spaces ("1.127,9  nghìn tỷ đồng")."""
    limit = position + 3
    while position < min(limit, len(text)) and text[position] in " \t":
        position += 1
    return position
