"""Questions parsed like articles: metric, period, place, and which kind of figure is wanted.

Matching runs on diacritic-folded text, so "kim ngach xuat khau bac ninh 2020" parses like
"Kim ngạch xuất khẩu Bắc Ninh 2020"; English questions use the vocabulary's English wordings.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from answer.asked_unit import AskedUnit
from corpus.bases import change_bases
from corpus.model import Currency, Measure, Period, Subject, Unit, UnitFamily
from corpus.names import is_brand_name, is_ticker, is_vietnamese_syllable, outside_brand_names
from corpus.numbers import find_quantities, parse_unit, per_unit, starts_with_unit
from corpus.periods import day_parts, find_periods
from corpus.profit_kinds import profit_kinds
from corpus.text import fold
from corpus.trade import is_traded, other_country, trade_with_viet_nam
from corpus.vocabulary import NATIONAL, PhraseMatch, canonical_tone, vocabulary

# The two sides of a balance, each a group of cues: a surplus never answers a deficit asked.
BALANCE_SIDES = ("surplus", "deficit")
PERCENT = AskedUnit.of(Unit("%", UnitFamily.PERCENT))
# "kinh phí … là bao nhiêu": an amount of money in whatever currency the article uses.
ANY_MONEY = AskedUnit("tiền", any_currency=True)
# "dân số … là bao nhiêu": a count of people, however the article names them (người, dân, cư dân).
PEOPLE = AskedUnit.of(Unit("người", UnitFamily.COUNT, 0, "người"))
# A counted noun a question names, as far as the articles' counted nouns go ("bao nhiêu tu viện").
COUNTED_NOUN_SYLLABLES = 2
_WORD = re.compile(r"[^\W\d_]+")
_WORD_OR_DIGITS = re.compile(r"[^\W_]+")
_WORD_BEFORE = re.compile(r"([^\W\d_]+)\s+$")
_PER_UNIT = re.compile(r"(?:bao nhieu|gia)\b.*?\b(?:mot|moi|1)\s+(luong|tan|kg|lit|chi|thung|m2)\b")
_FULL_DATE = re.compile(r"(?<![\d/])(\d{1,2})\s*[/-]\s*(\d{1,2})\s*[/-]\s*((?:19|20)\d{2})(?![\d/])")
# "ngày 7/5": a day of the year, which a question means as the last one passed.
_DAY_OF_YEAR = re.compile(r"\bngày\s+(\d{1,2})\s*[/-]\s*(\d{1,2})(?![\d/-])", re.IGNORECASE)
# A question speaks from the end of the current year: "năm qua" is this year, not the last.
_QUESTION_MONTH = 12
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
    unit: AskedUnit | None  # "%" or a count of "tập thể" when the question names the unit it wants
    wants_plan: bool
    wants_estimate: bool
    # Content words left once metric, place, period and cues are read, lower-case as typed (with or
    # without diacritics), each once.
    keywords: tuple[str, ...]
    answerable: bool = True  # False for ranks, reasons, people: no figure answers "đứng thứ mấy?"
    # Folded proper names ("samsung", "anh") the figure's text must mention, and the countries a
    # language, an origin or a nationality names ("tiếng Pháp", "người Mỹ gốc Đức").
    names: tuple[str, ...] = ()
    # The commodity, partner and sector asked about; company names are in `names`.
    subject: Subject = field(default_factory=Subject)
    wants_money: bool = False  # "đạt kim ngạch bao nhiêu": an amount of money, not tonnes
    day_parts: frozenset[str] = frozenset()  # "lúc 16h" → chiều: when in the day a moving price was asked
    day: date | None = None  # "ngày 6/2/2017": a day's figure (a price, a rate), said of that day
    wants_average: bool = False  # "lương bình quân": an average answers, as well as a figure of its span
    wants_forecast: bool = False  # "theo dự báo": a forecast (or a target) answers, never a result
    # "đóng góp", "đánh giá lại" asked: a figure's part in another, or a revision, may answer
    asks_contribution_or_revision: bool = False
    balance_sides: frozenset[str] = frozenset()  # "surplus" / "deficit": the side of a balance it names
    base: str | None = None  # what a change is measured against: "same_period", "previous_month", …
    # Amounts the question itself states ("suất đầu tư 1 km", "tăng từ 9000 người"): never its answer.
    amounts: tuple[tuple[float, Unit], ...] = ()
    plan_words: tuple[str, ...] = ()  # how it names the target it asks for ("chỉ tiêu", "kế hoạch")
    profit_kinds: frozenset[str] = frozenset()  # "trước thuế" / "sau thuế" asked (corpus.profit_kinds)
    is_vietnamese: bool = True  # most of its words are Vietnamese syllables: not an English question
    # Keywords a figure's sentence may word another way: ("chấp", ("phê chuẩn", "phê duyệt", …)).
    synonyms: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def is_specific(self) -> bool:
        """Names what it is asking about (a metric or a counted thing) in a way a figure can answer."""
        return self.answerable and bool(self.metric or (self.unit and self.unit.is_count))


@dataclass
class _Reading:
    """A question being read: what each step found, and the spans of text already accounted for."""

    text: str
    folded: str
    today: date
    claimed: list[tuple[int, int]] = field(default_factory=list)
    found: dict[str, list[PhraseMatch]] = field(default_factory=dict)
    metric: str | None = None
    place: str | None = None
    subject: Subject = field(default_factory=Subject)
    period: Period | None = None
    day: date | None = None
    unit: AskedUnit | None = None
    demonyms: tuple[str, ...] = ()
    other_places: tuple[str, ...] = ()  # places named beside the one asked about, folded
    base: str | None = None

    def unclaimed(self, matches: list[PhraseMatch]) -> list[PhraseMatch]:
        """The matches no earlier step has claimed."""
        return [m for m in matches if not any(s < m.end and m.start < e for s, e in self.claimed)]

    def take(self, matches: list[PhraseMatch]) -> list[PhraseMatch]:
        """The matches no earlier step has claimed, now claimed."""
        fresh = self.unclaimed(matches)
        self.claimed.extend((m.start, m.end) for m in fresh)
        return fresh

    def cue(self, kind: str) -> list[PhraseMatch]:
        """A question cue of the vocabulary ("tăng bao nhiêu", "kế hoạch"), matched as typed."""
        return vocabulary().question_matcher(kind).find(self.text, as_typed=True)

    def take_cue(self, kind: str) -> None:
        self.found[kind] = self.take(self.cue(kind))


def _read_share_cues(reading: _Reading) -> None:
    reading.take_cue("share_of_plan")  # "đạt bao nhiêu phần trăm kế hoạch": before "kế hoạch" alone
    reading.take_cue("share")


# Between a share cue and the metric its share is of: "chiếm bao nhiêu trong tăng trưởng dân số".
_WHOLE_OF = re.compile(r"\b(?:trong|cua|so voi)\b")
# A percentage written just before a metric: the metric is the whole ("74% GDP").
_PERCENT_OF = re.compile(r"(?:%|phan tram)\s*$")


def _read_metric(reading: _Reading) -> None:
    found = vocabulary().metric_matcher.find(reading.text, as_typed=True)
    # "vốn hóa … bằng bao nhiêu % GDP", "Di cư thuần chiếm bao nhiêu trong tăng trưởng dân số": the
    # metric after a percentage or a share is the whole the share is of, not what is asked about.
    shares = reading.found.get("share", [])
    metrics = reading.take(
        [
            m
            for m in found
            if not _PERCENT_OF.search(reading.folded[: m.start])
            and not any(
                c.end <= m.start and _WHOLE_OF.search(reading.folded[c.end : m.start]) for c in shares
            )
        ]
    )
    if metrics:
        named = max(metrics, key=lambda m: m.end - m.start)
        yields_to = vocabulary().metrics[named.key].yields_to
        # "Sản lượng gạo xuất khẩu": the tonnes exported, not the tonnes produced
        named = next((m for m in metrics if m.key in yields_to), named)
        reading.metric = named.key
        # "tốc độ tăng trưởng kinh tế" names the metric and asks for its growth at once; a metric that
        # is itself a rate of growth ("tăng trưởng dân số") asks for its level, however it is worded.
        if not vocabulary().metrics[named.key].reported_as_change:
            reading.found["growth"] = vocabulary().cue_matcher("growth").find(named.text)


def _read_places_and_subject(reading: _Reading) -> None:
    """The place asked about, and what is counted within it: a partner market ("sang Trung Quốc" is
    not the place), a commodity, a sector."""
    vocab, text = vocabulary(), reading.text
    demonyms = reading.take([p for p in vocab.find_demonyms(text) if _written_as_name(text, p)])
    reading.demonyms = tuple(fold(p.text) for p in demonyms)
    found = vocab.find_places(text, any_case=True)
    # "Hoàng Anh Gia Lai" is no company of Britain; "Honda Việt Nam" and "Formosa Hà Tĩnh" still say where
    kept = outside_brand_names(text, found)
    places = reading.take(
        [p for p in found if _written_as_name(text, p) and (p in kept or not vocab.is_foreign(p.key))]
    )
    named_partners = reading.take(vocab.partner_matcher_any_case.find(text, as_typed=True))
    partners = [p for p in places + named_partners if vocab.is_partner(text, p)]
    trade = trade_with_viet_nam(text) if is_traded(reading.metric) and not partners else None
    if trade is not None and (country := other_country(text, trade, places)):
        # "Mỹ xuất khẩu sang Việt Nam": what Việt Nam imports from Mỹ
        reading.metric = trade.metric(reading.metric or "")
        partners = [country]
    others = [p for p in places if p not in partners]
    # "Việt Nam đón bao nhiêu lượt khách Trung Quốc": the nation is the place, the other country a
    # name its figure's sentence must say, never dropped.
    place = next((p for p in others if p.key == NATIONAL), others[0]) if others else None
    reading.place = place.key if place else None
    reading.other_places = tuple(
        fold(p.text) for p in others + named_partners if p is not place and p not in partners
    )
    # A sector first: "trừ dầu thô" is all but crude oil, not crude oil.
    sectors = reading.take(vocab.sector_matcher.find(text, as_typed=True))
    commodities = reading.take(vocab.find_commodities(text))
    reading.subject = Subject(
        commodity=commodities[0].key if commodities else None,
        partner=vocab.country_of(partners[0].key) if partners else None,
        sector=sectors[0].key if sectors else None,
    )


def _read_period(reading: _Reading) -> None:
    """Every period mention is accounted for; the asked one is not a base ("so với năm 2019"). A
    range ("giai đoạn 2011-2015") asks for a figure of those years together."""
    asked = []
    for mention in find_periods(reading.text, reading.today.year, _QUESTION_MONTH):
        reading.claimed.append((mention.start, mention.end))
        if not mention.is_base and mention.period.year:
            asked.append(mention.period)
    reading.period = _most_specific(asked)
    # Not taken: "trung bình" is also a word the figure's sentence may share.
    reading.found["average"] = reading.unclaimed(reading.cue("average"))


def _read_answer_type(reading: _Reading) -> None:
    """With no metric of the lexicon, the question's words say what the answer is: "tỷ lệ" a
    percentage, "kinh phí" money, "dân số" a count of people, "độ cao" a length."""
    if reading.metric is not None:
        return
    for kind, unit in (("answer_percent", PERCENT), ("answer_money", ANY_MONEY), ("answer_people", PEOPLE)):
        found = reading.take(reading.cue(kind))
        if found:  # the first decides; "dân số" in "tỷ lệ dân số" is what the percentage is of
            reading.found[kind], reading.unit = found, unit
            return
    sizes = reading.take(vocabulary().size_matcher.find(reading.text, as_typed=True))
    if sizes:  # "độ cao": metres, never square kilometres
        reading.unit = AskedUnit(sizes[0].text, size=sizes[0].key)


def _read_day(reading: _Reading) -> None:
    """A full date that is not a span's end ("ngày 6/2/2017", not "đến hết 15/5/2017") asks for what
    was so on that day, in that year; "ngày 7/5" on the last 7 May passed."""
    if reading.period is not None:
        return
    for match in _FULL_DATE.finditer(reading.text):
        day, month, year = (int(part) for part in match.groups())
        try:
            reading.day = date(year, month, day)
        except ValueError:
            continue
        reading.period = Period(year=year)
        reading.claimed.append(match.span())
        return
    for match in _DAY_OF_YEAR.finditer(reading.text):
        day, month = int(match.group(1)), int(match.group(2))
        try:
            this_year = date(reading.today.year, month, day)
        except ValueError:
            continue
        reading.day = this_year if this_year <= reading.today else date(reading.today.year - 1, month, day)
        reading.period = Period(year=reading.day.year)
        reading.claimed.append(match.span())
        return


def _read_unit(reading: _Reading) -> None:
    size = reading.unit.size if reading.unit is not None else None
    if reading.unit is not None and size is None:
        return
    unit, noun_span = _asked_rate(reading.text) or _asked_unit(reading)
    unit = unit or _unit_started_from(reading) or _asked_currency(reading)
    if size is not None and (unit is None or unit.noun not in vocabulary().size_units[size]):
        return  # "Diện tích … là bao nhiêu dặm vuông" asks for the size in the unit it names
    reading.unit = AskedUnit.of(unit) if isinstance(unit, Unit) else unit
    if noun_span:
        reading.claimed.append(noun_span)


# How many words after "bao nhiêu" a currency may be named: "bao nhiêu nghìn tỷ đồng".
_CURRENCY_WORDS = 3


def _asked_currency(reading: _Reading) -> Unit | None:
    """ "cam kết cho vay ODA bao nhiêu USD?": the amount in that currency, not the same sum in yen."""
    for cue in reading.unclaimed(reading.cue("count_cues")):
        words = reading.text[cue.end :].split()[:_CURRENCY_WORDS]
        for count in range(len(words), 0, -1):
            unit = parse_unit(" ".join(words[:count]).rstrip("?.!,"))
            if isinstance(unit.family, Currency):
                return unit
    return None


def _unit_started_from(reading: _Reading) -> Unit | None:
    """ "tăng từ 9000 người lên bao nhiêu": the level reached is in the unit of the one it started from."""
    reached = reading.cue("reached")
    if not reached:
        return None
    started = find_quantities(reading.text[: reached[0].start])
    return started[-1].unit if started else None


def _read_kind_cues(reading: _Reading) -> None:
    """Which kind of figure: a change (not the level it reached: "tăng từ 9000 người lên bao nhiêu"), a
    percentage, a target (unless the plan is only what was exceeded: "vượt chỉ tiêu … thực thu được bao
    nhiêu"), an estimate."""
    reading.take_cue("reached")
    reading.take_cue("change")
    reading.take_cue("percent")
    achieved = [
        (m.start, m.end) for m in vocabulary().cue_matcher("not_plan").find(reading.text, as_typed=True)
    ]
    plan = reading.take(reading.cue("plan"))
    reading.found["plan"] = [m for m in plan if not any(s <= m.start < e for s, e in achieved)]
    reading.take_cue("estimate")
    reading.take_cue("forecast")


def _read_base(reading: _Reading) -> None:
    """ "so với cùng kỳ năm trước", "so với tháng 12": what the asked change is measured against."""
    bases = change_bases(reading.text, reading.period.month if reading.period else None)
    reading.claimed.extend((start, end) for _, start, end in bases)
    reading.base = bases[0][0] if bases else None


def _read_fillers(reading: _Reading) -> None:
    """Words that ask nothing of the figure ("bao nhiêu", "dịp Tết", "Tổng cục Hải quan ước …": who
    reports it) and must not become names; and a chat's preamble, up to "cho mình hỏi"."""
    reading.take_cue("count")
    reading.take_cue("occasions")
    reading.take_cue("time_frames")
    reading.take(vocabulary().national_source_matcher_any_case.find(reading.text, as_typed=True))
    preambles = reading.cue("preambles")
    if preambles:
        reading.claimed.append((0, preambles[-1].end))


# The steps of reading a question, in priority order: a phrase one step claims is not read again by a
# later one ("tỷ lệ hoàn thành kế hoạch" is a share of the plan, not a plan; "Trung Quốc" after "sang"
# is a partner, not a name).
_STEPS: tuple[Callable[[_Reading], None], ...] = (
    _read_share_cues,
    _read_metric,
    _read_places_and_subject,
    _read_period,
    _read_day,
    _read_answer_type,
    _read_unit,
    _read_kind_cues,
    _read_base,
    _read_fillers,
)


def parse_question(text: str, today: date | None = None) -> Question:
    # Words fold into each other ("tặng" award → "tang" = "tăng" increase, "bị" → "Bỉ"): every phrase
    # is matched as typed, a word with diacritics as written and only one without them folded.
    reading = _Reading(text, fold(text), today or date.today())
    for step in _STEPS:
        step(reading)
    measure, unit = _measure_and_unit(reading)
    wants_money = bool(reading.cue("money"))
    return Question(
        text=text,
        metric=reading.metric,
        period=reading.period,
        place=reading.place,
        measure=measure,
        unit=unit,
        wants_plan=bool(reading.found["plan"]),
        wants_estimate=bool(reading.found["estimate"]),
        wants_forecast=bool(reading.found["forecast"]),
        asks_contribution_or_revision=bool(_cues_typed(text, "contribution_or_revision")),
        balance_sides=frozenset(side for side in BALANCE_SIDES if _cues_typed(text, side)),
        keywords=(keywords := _keywords(text, reading.claimed)),
        answerable=not reading.cue("unsupported"),
        names=tuple(dict.fromkeys(reading.demonyms + reading.other_places + _names(text, reading.claimed))),
        subject=reading.subject,
        wants_money=wants_money and measure is Measure.LEVEL and unit is None,
        day_parts=day_parts(text),
        day=reading.day,
        synonyms=_synonyms(text, keywords),
        wants_average=bool(reading.found["average"]),
        base=reading.base,
        amounts=tuple((q.value, q.unit) for q in find_quantities(text)),
        plan_words=tuple(fold(m.text) for m in reading.found["plan"]),
        profit_kinds=profit_kinds(text),
        is_vietnamese=_is_vietnamese(text),
    )


def _cues_typed(text: str, group: str) -> list[PhraseMatch]:
    """A group of the figures' cues, found in the question as it was typed."""
    return vocabulary().cue_matcher(group).find(text, as_typed=True)


def _synonyms(text: str, keywords: tuple[str, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """For each keyword that is part of a wording with synonyms, the other wordings."""
    vocab = vocabulary()
    pairs: dict[str, tuple[str, ...]] = {}
    for match in vocab.synonym_matcher.find(text, as_typed=True):
        for word in _WORD_OR_DIGITS.findall(match.text.lower()):
            if canonical_tone(word) in keywords:
                pairs.setdefault(canonical_tone(word), vocab.synonyms_of(match))
    return tuple(pairs.items())


def _measure_and_unit(reading: _Reading) -> tuple[Measure | None, AskedUnit | None]:
    """What the number measures and in which unit, the first cue that says so deciding."""
    found, unit = reading.found, reading.unit
    if found["share_of_plan"]:
        return Measure.SHARE_OF_PLAN, PERCENT
    if found["share"]:
        return Measure.SHARE, PERCENT
    if (found["change"] or found.get("growth")) and not found["reached"]:
        written_as_percent = (
            found["percent"]
            or found.get("answer_percent")
            or any("phan tram" in fold(m.text) or "%" in m.text for m in found["change"])
        )
        return Measure.CHANGE, PERCENT if written_as_percent else unit
    if found["percent"] or found.get("answer_percent"):
        return None, PERCENT  # a rate or a share, however the article words it
    if reading.metric and vocabulary().metrics[reading.metric].reported_as_change:
        return None, unit  # "chỉ số sản xuất công nghiệp 9 tháng" is answered by "tăng 16,6%"
    if reading.metric or unit:
        return Measure.LEVEL, unit
    return None, unit


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


def _asked_rate(text: str) -> tuple[Unit | AskedUnit, tuple[int, int]] | None:
    """ "bao nhiêu USD/tấn" asks for a price: the unit family of a rate, as figures carry it; "giá bao
    nhiêu một lượng" asks for a price per lượng in whatever currency."""
    per = _PER_UNIT.search(fold(text))
    if per is not None:
        per_word = text[per.start(1) : per.end(1)]
        return AskedUnit(per_word, any_currency=True, per=per_word.lower()), (per.start(), per.end())
    match = re.search(r"([^\s\d/]+(?:\s+[^\s\d/]+)?)\s?/\s?([^\W\d_]+)", text)
    if match is None:
        return None
    for start in (match.start(1), match.start(1) + len(match.group(1).split()[0]) + 1):
        unit = parse_unit(text[start : match.end(1)])
        if not unit.is_count and unit.family is not UnitFamily.NUMBER:
            return per_unit(unit, match.group(2), text[start : match.end()]), (start, match.end())
    return None


def _asked_unit(reading: _Reading) -> tuple[Unit | None, tuple[int, int] | None]:
    """ "Có bao nhiêu tập thể …" asks for a count of "tập thể", "bao nhiêu tu viện" and "Số ghế xem
    phim …" for a count of a noun the vocabulary does not list (as the articles' counted nouns, up to
    two syllables), "ở tuổi bao nhiêu" for an age; words of the sentence ("bao nhiêu vào năm 2014")
    count nothing."""
    vocab, text = vocabulary(), reading.text
    # A cue inside a phrase already read is not one: "may" in "dệt may" is no "mấy".
    cues = reading.unclaimed(reading.cue("count_cues"))
    # Typed without diacritics, "may" is as often "máy" ("nha may": a factory) as "mấy": a cue that
    # can only be one ("bao nhieu") is read first.
    unmarked = vocab.data["questions"]["unmarked_count_cues"]
    cues.sort(key=lambda m: m.text == fold(m.text) and m.text.lower() in unmarked)
    openings = reading.cue("count_openings")
    ends = [m.end for m in openings if m.start == 0] + [m.end for m in cues]
    for end in ends:
        counted = _counted_noun(text, end + len(text[end:]) - len(text[end:].lstrip()))
        if counted is not None:
            return counted
    for cue in cues:  # "ở tuổi bao nhiêu", as articles write "ở tuổi 60"
        word = _WORD_BEFORE.search(text, 0, cue.start)
        typed = canonical_tone(word.group(1).lower()) if word else ""
        for noun in vocab.written_before:
            if word and typed in (noun, fold(noun)):
                return parse_unit(noun), word.span(1)
    return None, None


def _typed_as(typed: str, words: frozenset[str], plain: bool) -> bool:
    """One of `words`: as written, or, in a question typed with no diacritics at all, any of them
    folded ("tu" in "bao nhiêu tu viện" is a word as written, not "từ")."""
    return typed in words or (plain and typed in _folded(words))


@lru_cache(maxsize=8)
def _folded(words: frozenset[str]) -> frozenset[str]:
    return frozenset(fold(word) for word in words)


def _counted_noun(text: str, start: int) -> tuple[Unit, tuple[int, int]] | None:
    """The noun a question counts, at `start`: one the lexicon lists, else up to two words. After a
    classifier it is what the classifier classifies ("bao nhiêu đoạn hội thoại" counts "hội thoại")."""
    vocab, rest = vocabulary(), text[start:]
    listed = vocab.count_noun_matcher.find(rest, as_typed=True)
    if listed and listed[0].start == 0:
        unit, end = parse_unit(listed[0].key), listed[0].end
        classifying = unit.noun in vocab.classifiers and rest[end : end + 1] == " "
        classified = _noun_words(rest, end + 1) if classifying else []
        if not classified or classified[0].group()[0].isupper():  # "bao nhiêu chiếc F-15": chiếc
            return unit, (start, start + end)
        noun = rest[classified[0].start() : classified[-1].end()]
        counted = Unit(rest[: classified[-1].end()], UnitFamily.COUNT, 0, canonical_tone(noun.lower()))
        return counted, (start, start + classified[-1].end())
    if starts_with_unit(rest) or any(
        fold(rest).startswith(fold(unit)) for unit in (*vocab.percent, *vocab.scales, *vocab.currencies)
    ):
        return None
    metric = vocab.metric_matcher.find(rest, as_typed=True)
    if metric and metric[0].start == 0:
        return None
    words = _noun_words(rest, 0)
    if not words:
        return None
    noun = rest[words[0].start() : words[-1].end()]
    return Unit(noun, UnitFamily.COUNT, 0, canonical_tone(noun.lower())), (start, start + words[-1].end())


def _noun_words(rest: str, position: int) -> list[re.Match[str]]:
    """The words at `position`, one space apart, that can name what is counted: up to two, none a
    stopword as typed or a word of the sentence around a number, none capitalised after the first."""
    vocab = vocabulary()
    plain = rest == fold(rest)  # typed on a phone without diacritics
    words: list[re.Match[str]] = []
    while len(words) < COUNTED_NOUN_SYLLABLES:
        word = _WORD.match(rest, position)
        if word is None or (words and word.group()[0].isupper()):
            break
        typed = canonical_tone(word.group().lower())
        # "bao nhiêu năm" counts years; "bao nhiêu năm 2020" asks about the year
        counts_time = _typed_as(typed, vocab.durations, plain) and not re.match(r"\s*\d", rest[word.end() :])
        if (vocab.is_stopword(typed) and not counts_time) or _typed_as(typed, vocab.not_counted, plain):
            break
        words.append(word)
        position = word.end() + 1
        if rest[word.end() : position] != " ":
            break
    return words


def _is_vietnamese(text: str) -> bool:
    """Most of its words are Vietnamese syllables."""
    words = _WORD.findall(text)
    return sum(map(is_vietnamese_syllable, words)) >= VIETNAMESE_SHARE * len(words)


def _names(text: str, used: list[tuple[int, int]]) -> tuple[str, ...]:
    """Capitalised words the parse did not account for (a company: "Samsung"), and brand names
    wherever they stand, even first or typed in lower case ("viettel"): a figure that does not
    mention them answers another question."""
    names = []
    ignored = vocabulary().stopwords | vocabulary().attribution_words
    # A brand typed in lower case ("doanh thu viettel") stands out only among Vietnamese words: in an
    # English question every word would.
    vietnamese = _is_vietnamese(text)
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
        # a first word is capitalised anyway, unless it is a ticker ("TH1 quý 4 lỗ bao nhiêu")
        capitalised = (match.start() > 0 and word[0].isupper()) or is_ticker(word)
        if brand or capitalised:
            names.append(fold(word))
    return tuple(dict.fromkeys(names))


def _keywords(text: str, used: list[tuple[int, int]]) -> tuple[str, ...]:
    vocab, marked = vocabulary(), text.lower() != fold(text)
    chars = list(text.lower()) if len(text.lower()) == len(text) else list(text)
    for start, end in used:
        chars[start:end] = " " * (end - start)
    words = (canonical_tone(w.lower()) for w in _WORD_OR_DIGITS.findall("".join(chars)))
    return tuple(
        dict.fromkeys(
            w
            for w in words
            if not vocab.is_stopword(w, marked) and w not in vocab.function_words and not w.isdigit()
        )
    )
