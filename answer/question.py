"""Questions parsed like articles: metric, period, place, and which kind of figure is wanted.

Matching runs on diacritic-folded text, so "kim ngach xuat khau bac ninh 2020" parses like
"Kim ngạch xuất khẩu Bắc Ninh 2020"; English questions use the vocabulary's English wordings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from corpus.model import Measure, Period, Subject
from corpus.names import is_brand_name, is_vietnamese_syllable
from corpus.numbers import parse_unit, starts_with_unit
from corpus.periods import day_parts, find_periods
from corpus.text import fold
from corpus.vocabulary import PhraseMatch, vocabulary

# "bao nhiêu một lượng", "giá mỗi tấn": a price per unit, any currency.
ANY_CURRENCY = "*"
_PER_UNIT = re.compile(r"(?:bao nhieu|gia)\b.*?\b(?:mot|moi|1)\s+(luong|tan|kg|lit|chi|thung|m2)\b")
# Lower-case words of at least this length that no Vietnamese syllable spells are brands ("viettel").
MIN_LOWER_CASE_BRAND = 5
# The share of a question's words that are Vietnamese syllables for it to be read as Vietnamese.
VIETNAMESE_SHARE = 0.7


@dataclass(frozen=True)
class Question:
    text: str
    metric: str | None
    period: Period | None
    place: str | None
    measure: Measure | None  # None: any measure will do (e.g. "bao nhiêu phần trăm")
    unit_family: str | None  # "pct" or "count:tập thể" when the question names the unit it wants
    wants_plan: bool
    wants_estimate: bool
    keywords: tuple[str, ...]  # folded content words left once metric, place, period and cues are read
    answerable: bool = True  # False for ranks, reasons, people: no figure answers "đứng thứ mấy?"
    names: tuple[str, ...] = ()  # folded proper names ("samsung", "anh") the figure's text must mention
    # The commodity, partner and sector asked about; company names are in `names`.
    subject: Subject = field(default_factory=Subject)
    wants_money: bool = False  # "đạt kim ngạch bao nhiêu": an amount of money, not tonnes
    day_parts: frozenset[str] = frozenset()  # "lúc 16h" → chiều: when in the day a moving price was asked

    @property
    def is_specific(self) -> bool:
        """Names what it is asking about (a metric or a counted thing) in a way a figure can answer."""
        return self.answerable and bool(
            self.metric or (self.unit_family and self.unit_family.startswith("count:"))
        )


def parse_question(text: str, today: date | None = None) -> Question:
    vocab = vocabulary()
    folded = fold(text)
    # Words fold into each other ("tặng" award → "tang" = "tăng" increase, "bị" → "Bỉ"): every phrase
    # is matched as typed, a word with diacritics as written and only one without them folded.
    used: list[tuple[int, int]] = []

    def take(matches: list[PhraseMatch]) -> list[PhraseMatch]:
        fresh = [m for m in matches if not any(s < m.end and m.start < e for s, e in used)]
        used.extend((m.start, m.end) for m in fresh)
        return fresh

    unsupported = vocab.question_matcher("unsupported").find(text, as_typed=True)
    wants_money = bool(vocab.question_matcher("money").find(text, as_typed=True))
    share = take(vocab.question_matcher("share_of_plan").find(text, as_typed=True))
    share_of_total = take(vocab.question_matcher("share").find(text, as_typed=True))
    metrics = take(vocab.metric_matcher.find(text, as_typed=True))
    metric = max(metrics, key=lambda m: m.end - m.start).key if metrics else None
    places = take([p for p in vocab.find_places(text, any_case=True) if _written_as_name(text, p)])
    partners = [p for p in places if vocab.is_partner(text, p)]
    partners += [
        p for p in take(vocab.partner_matcher_any_case.find(text, as_typed=True)) if vocab.is_partner(text, p)
    ]
    place = next((p.key for p in places if p not in partners), None)
    commodities = take(vocab.find_commodities(text))
    sectors = take(vocab.sector_matcher.find(text, as_typed=True))
    subject = Subject(
        commodity=commodities[0].key if commodities else None,
        partner=vocab.country_of(partners[0].key) if partners else None,
        sector=sectors[0].key if sectors else None,
    )

    year = (today or date.today()).year
    asked = []
    for mention in find_periods(text, year, 12):
        used.append((mention.start, mention.end))
        if not mention.is_base and not mention.is_range and mention.period.year:
            asked.append(mention.period)
    period = _most_specific(asked)

    unit_family, noun_span = _asked_rate(text) or _asked_unit(text, folded)
    if noun_span:
        used.append(noun_span)
    change = take(vocab.question_matcher("change").find(text, as_typed=True))
    percent = take(vocab.question_matcher("percent").find(text, as_typed=True))
    achieved = [(m.start, m.end) for m in vocab.cue_matcher("not_plan").find(text, as_typed=True)]
    plan = [
        m
        for m in take(vocab.question_matcher("plan").find(text, as_typed=True))
        if not any(s <= m.start < e for s, e in achieved)  # "vượt chỉ tiêu … thực thu được bao nhiêu"
    ]
    estimate = take(vocab.question_matcher("estimate").find(text, as_typed=True))
    take(vocab.question_matcher("count").find(text, as_typed=True))
    take(vocab.question_matcher("occasions").find(text, as_typed=True))

    if share:
        measure, unit_family = Measure.SHARE_OF_PLAN, "pct"
    elif share_of_total:
        measure, unit_family = Measure.SHARE, "pct"
    elif change:
        measure = Measure.CHANGE
    elif percent:
        measure, unit_family = None, "pct"
    elif metric and vocab.metrics[metric].reported_as_change:
        measure = None  # "chỉ số sản xuất công nghiệp 9 tháng" is answered by "tăng 16,6%"
    elif metric or unit_family:
        measure = Measure.LEVEL
    else:
        measure = None
    if measure is Measure.CHANGE and (
        percent or any("phan tram" in fold(m.text) or "%" in m.text for m in change)
    ):
        unit_family = "pct"

    return Question(
        text=text,
        metric=metric,
        period=period,
        place=place,
        measure=measure,
        unit_family=unit_family,
        wants_plan=bool(plan),
        wants_estimate=bool(estimate),
        keywords=_keywords(folded, used),
        answerable=not unsupported,
        names=_names(text, used),
        subject=subject,
        wants_money=wants_money and measure is Measure.LEVEL and unit_family is None,
        day_parts=day_parts(text),
    )


def _most_specific(periods: list[Period]) -> Period | None:
    """The first period asked, or a span of the same year named after it: "năm 2018, vậy tính đến
    15/12/2018 …" asks about the span."""
    if not periods:
        return None
    first = periods[0]
    narrower = [p for p in periods[1:] if p.year == first.year and not p.is_full_year]
    return narrower[0] if first.is_full_year and narrower else first


def _written_as_name(text: str, place: PhraseMatch) -> bool:
    """In a question written with capitals, a one-word country in lower case is a word ("vi phạm
    pháp luật" is not France); a question all in lower case may name "phap" or "nhat" as it likes."""
    return (
        text.islower()
        or " " in place.text
        or place.text[:1].isupper()
        or not vocabulary().is_foreign(place.key)
    )


def _asked_rate(text: str) -> tuple[str, tuple[int, int]] | None:
    """ "bao nhiêu USD/tấn" asks for a price: the unit family of a rate, as figures carry it; "giá bao
    nhiêu một lượng" asks for a price per lượng in whatever currency ("*/lượng")."""
    per = _PER_UNIT.search(fold(text))
    if per is not None:
        return f"{ANY_CURRENCY}/{text[per.start(1) : per.end(1)].lower()}", (per.start(), per.end())
    match = re.search(r"([^\s\d/]+(?:\s+[^\s\d/]+)?)\s?/\s?([^\W\d_]+)", text)
    if match is None:
        return None
    for start in (match.start(1), match.start(1) + len(match.group(1).split()[0]) + 1):
        unit = parse_unit(text[start : match.end(1)])
        if not unit.family.startswith("count:") and unit.family != "number":
            return f"{unit.family}/{match.group(2).lower()}", (start, match.end())
    return None


def _asked_unit(text: str, folded: str) -> tuple[str | None, tuple[int, int] | None]:
    """ "Có bao nhiêu tập thể …" asks for a count of "tập thể"; "bao nhiêu tu viện" for a count of
    something the vocabulary does not know, which no figure of ours can answer."""
    vocab = vocabulary()
    for cue in re.finditer(r"(?:bao nhieu|may|how many|number of)\s+", folded):
        rest = folded[cue.end() :]
        for noun in vocab.count_noun_matcher.find(rest, folded=True):
            if noun.start == 0:
                return parse_unit(noun.key).family, (cue.end(), cue.end() + noun.end)
        word = re.match(r"[a-z]+", rest)
        if (
            word is None
            or word.group() in vocab.stopwords
            or starts_with_unit(text[cue.end() :])
            or any(rest.startswith(fold(unit)) for unit in (*vocab.percent, *vocab.scales, *vocab.currencies))
        ):
            continue
        metric = vocab.metric_matcher.find(rest, folded=True)
        if not (metric and metric[0].start == 0):
            return f"count:{word.group()}", (cue.end(), cue.end() + word.end())
    return None, None


def _names(text: str, used: list[tuple[int, int]]) -> tuple[str, ...]:
    """Capitalised words the parse did not account for (a company: "Samsung"), and brand names
    wherever they stand, even first or typed in lower case ("viettel"): a figure that does not
    mention them answers another question."""
    names = []
    ignored = vocabulary().stopwords | vocabulary().attribution_words
    # A brand typed in lower case ("doanh thu viettel") stands out only among Vietnamese words: in an
    # English question every word would.
    words = re.findall(r"[^\W\d_]+", text)
    vietnamese = sum(map(is_vietnamese_syllable, words)) >= VIETNAMESE_SHARE * len(words)
    for match in re.finditer(r"[^\W\d_][\w]*", text):
        if any(s <= match.start() < e for s, e in used):
            continue
        word = match.group()
        if fold(word) in ignored or word in vocabulary().not_company_words:
            continue
        brand = is_brand_name(word) or (
            vietnamese
            and word.islower()
            and len(word) >= MIN_LOWER_CASE_BRAND
            and is_brand_name(word.capitalize())
        )
        capitalised = match.start() > 0 and word[0].isupper()
        if brand or capitalised:
            names.append(fold(word))
    return tuple(dict.fromkeys(names))


def _keywords(folded: str, used: list[tuple[int, int]]) -> tuple[str, ...]:
    stop = vocabulary().stopwords
    chars = list(folded)
    for start, end in used:
        chars[start:end] = " " * (end - start)
    words = re.findall(r"[a-z0-9]+", "".join(chars))
    return tuple(w for w in words if w not in stop and not w.isdigit())
