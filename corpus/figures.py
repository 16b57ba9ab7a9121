"""Figure understanding: every number with a unit in an article becomes a typed `Figure`.

The year comes from the sentence, else from the running scope that a sentence opening
("Năm 2020, …", "Trong 9 tháng qua, …") sets until another period is named. Cue words before a
number decide its basis (ước → estimate; kế hoạch, mục tiêu, phấn đấu … → plan) and the words
around it its measure (tăng X% → change; đạt X% kế hoạch → share of plan).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from itertools import pairwise
from typing import TypeVar

from corpus.areas import find_areas, is_address, names_the_whole, outside_areas, places_after
from corpus.model import (
    Article,
    Basis,
    Company,
    Currency,
    Figure,
    Measure,
    Partner,
    Period,
    PeriodKind,
    Subject,
    Unit,
    UnitFamily,
    Unnamed,
)
from corpus.names import is_brand_name, outside_brand_names
from corpus.numbers import Quantity, find_quantities, number_style
from corpus.periods import (
    PeriodMention,
    as_average,
    find_periods,
    relative_years,
    through_end_of,
    with_year,
)
from corpus.text import CAPITAL, Span, fold, paragraphs, sentences
from corpus.text import before as text_before
from corpus.trade import is_traded, other_country, trade_with_viet_nam
from corpus.vocabulary import NATIONAL, PhraseMatch, vocabulary

# A comma inside a number ("3,8%") breaks nothing.
_CLAUSE_BREAK = re.compile(r"[;:()]|(?<!\d),|,(?!\d)")
_RESPECTIVELY = re.compile(r"\b(?:lần lượt|tương ứng)\b", re.IGNORECASE)
_LIST_JOINER = re.compile(r"\s*(?:,|và|;)\s*(?:và\s+)?")
# How far after a tonnage its commodity may be named ("6,1 triệu tấn gạo").
_UNIT_NOUN_CHARS = 30
_NAME_WORDS = 6
# "sản lượng của Minh Phú": whose figure it is, a name of capitalised words after "của".
_OWNER = re.compile(rf"\bcủa\s+((?:{CAPITAL}[\w]*)(?:\s+{CAPITAL}[\w]*){{0,3}})")
_WORD = re.compile(r"[^\W\d_][\w]*")
_WORD_OR_NUMBER = re.compile(r"[\w&]+")
# A list word opens its sentence: "Trong đó, …", "Tiếp đến là …".
_LIST_CUE_CHARS = 20
_FROM_YEAR_START = re.compile(
    "|".join(rf"\b{re.escape(fold(cue))}\b" for cue in vocabulary().periods["from_year_start"])
)
# Between a figure and the period written right after it: spaces, a bracket and linking words.
_TRAILING_LINKS = re.compile(
    r"(?:\s|\(|\b(?:"
    + "|".join(re.escape(fold(word)) for word in vocabulary().periods["trailing_links"])
    + r")\b)*"
)
# "bình quân", "trung bình mỗi tháng", "mức bình quân … đạt khoảng" right before an amount (folded).
_AVERAGED = re.compile(
    r"(?:binh quan|trung binh)(?:\s+(?:moi|mot|1|hang|hang nam)\s+(?:thang|nam|ngay|quy|tuan))?"
    r"(?:\s+(?:o muc|muc|dat|la|khoang|gan|hon|tren|chi|vao khoang))*\s*$"
)
# "kim ngạch xuất khẩu toàn ngành": the industry the sentence or the title names, not the nation.
_UNNAMED_INDUSTRY_WORDS = r"cua nganh|nganh nay"
_WHOLE_INDUSTRY = re.compile(rf"\b(?:toan nganh|ca nganh|{_UNNAMED_INDUSTRY_WORDS})\b")
# "tổng kim ngạch xuất khẩu của ngành": an industry's figure, never the whole economy's.
_UNNAMED_INDUSTRY = re.compile(rf"\b(?:{_UNNAMED_INDUSTRY_WORDS})\b")
# An amount said to be a share of a total is a part of it: "10 giao dịch hàng đầu đã mang về 734 triệu USD,
# chiếm 83% tổng giá trị thoả thuận".
_SHARE_OF_TOTAL_AFTER = re.compile(r"\s*,?\s*chiem\s+(?:\w+\s+){0,2}?[\d.,]+\s*%\s+(?:\w+\s+){0,2}?tong\b")
# Trade between two countries named elsewhere: "thương mại hai chiều", "giữa hai nước", "đối tác thương mại".
_BILATERAL_WORDS = re.compile(r"\b(?:(?:hai|2) chieu|song phuong|(?:hai|2) nuoc|doi tac)\b")
_PAIRED_IN_TITLE = re.compile(rf"(?:Việt Nam|VN)\s*[-–]\s*({CAPITAL}\w*(?:\s+{CAPITAL}\w*)*)")
# "so với cùng kỳ", "so cùng kỳ", "bằng cùng kỳ": the same period as a base of comparison (folded).
_COMPARED_LEAD = re.compile(r"\b(?:so voi|so|bang|hon|voi)\s+cung ky\s*$")
# A sentence that works out the one before ("Lợi nhuận sau thuế theo đó tăng mạnh … đạt từ 5.000-5.500
# tỷ đồng" after a target): "theo đó" within its first words (folded).
_FOLLOWS_ON = re.compile(r"^(?:\S+\s+){0,5}?theo do\b")
# A sentence that details the one before: "Cụ thể, …", "Chi tiết, …" (folded).
_IN_DETAIL = re.compile(r"^(?:cu the|chi tiet)\b")
# A comparison's base follows these: "so với gần 2,4 tỷ USD".
_BASE_BETWEEN = re.compile(r"\bso\b", re.IGNORECASE)
# Words that compare a figure with a later one: the period written after that one is its own only.
# Matched with their marks: folded, "từ" would be the "tư" of "đầu tư".
_COMPARISON = re.compile(
    r"\b(?:" + "|".join(re.escape(word.lower()) for word in vocabulary().periods["comparison_words"]) + r")\b"
)
# How far before a year "đến năm", before a base "so với cùng kỳ", and around an amount "tăng",
# "kế hoạch" are looked for: the few words that belong to it.
_TARGET_CUE_CHARS = 20
_SAME_PERIOD_CUE_CHARS = 25
_EVENT_CUE_CHARS = 20  # "thành lập từ tháng 3/2002"
_MEASURE_CUE_CHARS = 25
# How far after an amount its change may stand and still be said of it (", tăng ", " (tăng ").
_CHANGE_LEAD_CHARS = 16
# Where the year of an undated article is looked for first.
_LEAD_CHARS = 300
# Years after these words are targets or horizons, not the year an article speaks from.
_TARGET_YEAR_LEAD = re.compile(
    r"(?:den|toi|tam nhin|dinh huong|giai doan|truoc|vao)\s*(?:het\s*)?(?:nam\s*)?$"
)
# A year a sentence looks ahead to: "đến năm 2020", "tầm nhìn 2030".
_LOOKS_AHEAD = re.compile(
    r"(?:"
    + "|".join(re.escape(fold(word)) for word in vocabulary().periods["looks_ahead"])
    + r")\s+(?:het\s+)?(?:nam\s+)?((?:19|20)\d{2})"
)
# A sentence "opens" with a period when the period comes within its first few words.
_OPENING_WORDS = 6


@dataclass(frozen=True)
class _SentenceContext:
    article: Article
    sentence: Span
    quantities: list[Quantity]
    periods: list[PeriodMention]
    metrics: list[PhraseMatch]
    places: list[PhraseMatch]  # the vocabulary's places, none inside an area's name
    areas: list[PhraseMatch]  # named areas below them (`corpus.areas`)


def extract_figures(article: Article) -> list[Figure]:
    """All figures of one article, in reading order."""
    style = number_style(article.text)
    reference_year, reference_month = _reference(article)
    running: Period | None = None
    running_metric = _RunningMetric()
    horizon = _Horizon(article, reference_year if _is_dated(article) else None)
    figures: list[Figure] = []
    previous_text = ""  # the sentence before: a "theo đó" sentence works out its targets
    previous_partner: Partner | None = None  # the market the last sentence with figures traded with
    previous_found: list[Figure] = []  # the figures of the last sentence with figures
    for paragraph in paragraphs(article.text):
        paragraph_plan = False
        for position, sentence in enumerate(sentences(paragraph)):
            folded = fold(sentence.text)
            follows_plan = bool(_FOLLOWS_ON.match(folded)) and bool(_plan_cues(previous_text, "plan"))
            previous_text = sentence.text
            running_year = running.year if running and running.year else reference_year
            periods = _with_years(find_periods(sentence.text, reference_year, reference_month), running_year)
            quantities = find_quantities(sentence.text, style)
            opening = _opening_period(sentence.text, periods, quantities)
            if opening is not None and not _is_event_date(sentence.text, opening):
                running = opening.period
                if position == 0 and _has_paragraph_plan_cue(sentence.text, quantities):
                    paragraph_plan = True
            if not quantities:
                running_metric.passed(sentence.text)
                continue
            places = outside_brand_names(sentence.text, vocabulary().find_places(sentence.text))
            areas = find_areas(sentence.text, places)
            context = _SentenceContext(
                article,
                sentence,
                quantities,
                periods,
                _metric_mentions(sentence.text),
                outside_areas(places, areas),
                areas,
            )
            found = _figures_of_sentence(context, running, paragraph_plan or follows_plan, horizon)
            if _opens_on_parts(sentence.text):
                found = [_as_part_of(f, previous_found) for f in found]
            if previous_partner and _IN_DETAIL.match(folded):
                found = [_with_partner(f, previous_partner) for f in found]
            partners = [f.subject.partner for f in found if f.subject.partner]
            previous_partner = partners[-1] if partners else None
            # the totals a "Trong đó" sentence breaks down are read with the metric a list carries
            previous_found = _in_running_list(found, sentence.text, running_metric)
            figures.extend(previous_found)
            running_metric.named(context.metrics)
    return figures


def _with_years(mentions: list[PeriodMention], running_year: int | None) -> list[PeriodMention]:
    """Spans that name no year take the year the sentence named last before them, else the running
    one: "Về tăng trưởng kinh tế quý 1-2017, … mức tăng trưởng 5,1% của quý 1" is 2017's first quarter."""
    dated, year = [], running_year
    for mention in mentions:
        if mention.is_base:
            dated.append(mention)
            continue
        if mention.period.year is not None and not mention.is_range:
            year = mention.period.year
        dated.append(replace(mention, period=with_year(mention.period, year)))
    return dated


def _metric_mentions(text: str) -> list[PhraseMatch]:
    """The sentence's metric wordings, less the vague ones when it names a product: "Với tốc độ tăng
    trưởng hơn 10,2% …, đồ gỗ …" is the growth of wood, not of the economy."""
    vocab = vocabulary()
    found = vocab.metric_matcher.find(text)
    if not any(vocab.metrics[m.key].vague for m in found) or not vocab.find_commodities(text):
        return found
    return [m for m in found if fold(m.text) not in map(fold, vocab.metrics[m.key].vague)]


def _opens_on_parts(text: str) -> bool:
    """ "Trong đó, nhập khẩu địa phương đạt …": the sentence lists parts of what the one before totalled."""
    markers = vocabulary().cue_matcher("parts_follow").find(text, as_typed=True)
    return bool(markers) and not text[: markers[0].start].strip()


def _as_part_of(figure: Figure, totals: list[Figure]) -> Figure:
    """ "Kim ngạch nhập khẩu ước đạt 14.233 triệu USD. Trong đó, nhập khẩu địa phương đạt 6.301 triệu USD":
    an amount of the metric the sentence before totalled is a part of that total."""
    if not figure.subject.is_total or not any(
        t.metric == figure.metric and t.unit.family == figure.unit.family and t.measure is figure.measure
        for t in totals
    ):
        return figure
    return replace(figure, subject=replace(figure.subject, sector=Unnamed.PART))


def _with_partner(figure: Figure, partner: Partner) -> Figure:
    """ "… sang khu vực Đông Âu chỉ đạt 361 triệu USD. Cụ thể, xuất khẩu giày dép đạt 341 triệu USD": the
    detail of a market's trade is trade with that market too."""
    if figure.subject.partner is not None:
        return figure
    return replace(figure, subject=replace(figure.subject, partner=partner))


class _RunningMetric:
    """The metric named last before the current sentence. Most sentences hold no figure: their
    metrics are read only when a list item after them needs the running metric."""

    def __init__(self) -> None:
        self._known = ""
        self._unread: list[str] = []  # sentences after the one `_known` comes from, in order

    def passed(self, text: str) -> None:
        self._unread.append(text)

    def named(self, metrics: list[PhraseMatch]) -> None:
        if metrics:
            self._known = metrics[-1].key
            self._unread.clear()

    def key(self) -> str:
        for text in reversed(self._unread):
            metrics = vocabulary().metric_matcher.find(text)
            if metrics:
                self._known = metrics[-1].key
                break
        self._unread.clear()
        return self._known


def _in_running_list(figures: list[Figure], text: str, running_metric: _RunningMetric) -> list[Figure]:
    """Customs-style lists name the metric once ("10 nhóm hàng xuất khẩu chủ lực …") and then give
    items: "Tiếp đến là máy vi tính … đạt 13,46 tỷ USD". An item's amount (a commodity's or a
    market's, or after a list word) is of the metric last named."""
    items = [not f.metric and not f.unit.is_count for f in figures]
    metric = running_metric.key() if any(items) else ""
    if not metric:
        return figures
    listed = bool(vocabulary().cue_matcher("list_item").find(text[:_LIST_CUE_CHARS]))
    return [
        replace(f, metric=metric) if item and (listed or f.subject.commodity or f.subject.partner) else f
        for f, item in zip(figures, items, strict=True)
    ]


def _is_dated(article: Article) -> bool:
    return any(value and value[0].isdigit() for value in (article.event_date, article.date))


class _Horizon:
    """Which years are still ahead for an article: its figures for them are targets. A dated article
    looks ahead from its date. An undated one is written no earlier than the latest year it reports
    as already happened, so a year its sentence looks ahead to ("Đến năm 2020, … đạt") is a target
    only when the article reports no later year: in a history that goes on past it, "Đến năm 1911, có
    trên 700 tu viện" is a result, and so is a year before any article here was written."""

    def __init__(self, article: Article, dated_year: int | None) -> None:
        self._article = article
        self._dated_year = dated_year

    def is_future(self, text: str, period: Period) -> bool:
        if period.year is None:
            return False
        if self._dated_year is not None:
            return period.year > self._dated_year
        if period.year < vocabulary().first_year_written:
            return False
        if str(period.year) not in _LOOKS_AHEAD.findall(fold(text)):
            return False
        latest = self._latest_reported
        return latest is None or latest <= period.year

    def placed(self, text: str, period: Period, basis: Basis, unit: Unit) -> tuple[Period, Basis]:
        """A result reported for a year still ahead is a target; an amount for the article's own year,
        the amount so far (a price or a rate is of its day, and a percentage may be either)."""
        if basis is not Basis.ACTUAL:
            return period, basis
        if self.is_future(text, period):
            return period, Basis.PLAN
        if unit.is_rate or unit.is_percentage:
            return period, basis
        return self.so_far(period), basis

    def so_far(self, period: Period) -> Period:
        """A whole year an article dated within it reports as done is the year up to its date: on
        12/12/2017 "kim ngạch xuất khẩu đạt 42,01 tỷ USD" cannot be all of 2017."""
        dated = next(
            (d for d in (self._article.event_date, self._article.date) if d and d[:4].isdigit()), None
        )
        if dated is None or not period.is_full_year or period.year != self._dated_year or len(dated) < 10:
            return period
        month, day = int(dated[5:7]), int(dated[8:10])
        if month == 1 or (month == 12 and day >= vocabulary().year_reviewed_from_day):
            # year-end reviews come out from mid-December (the customs' year ends on the 15th), and
            # in January "năm 2019" done is the year just ended, whatever the date says
            return period
        return replace(period, other=f"đến ngày {day}/{month}")

    @cached_property
    def _latest_reported(self) -> int | None:
        """The latest year the article names as a fact: not a target, a range or a base, and not in a
        sentence that looks ahead ("… đến năm 2025 là 12-15%; … năm 2030 là 5,2 tỷ USD") or sets or
        forecasts targets ("Năm 2025, phấn đấu …"). Read once, and only for an article that looks ahead:
        it costs a second reading of its periods."""
        years = [
            mention.period.year
            for sentence in sentences(Span(0, len(self._article.text), self._article.text))
            if not _LOOKS_AHEAD.search(fold(sentence.text))
            and not _plan_cues(sentence.text, "plan")
            and not _plan_cues(sentence.text, "forecast")
            for mention in find_periods(sentence.text, None)
            if mention.period.year and _names_current_year(sentence.text, mention)
        ]
        return max(years, default=None)


def _reference(article: Article) -> tuple[int | None, int | None]:
    """The year (and month) the article speaks from: its date, else what its text says."""
    for value in (article.event_date, article.date):
        if value and value[0].isdigit():
            return int(value[:4]), int(value[5:7])
    return inferred_year(article), None


def inferred_year(article: Article) -> int | None:
    """Most news here carries no date. The year is then the one the title or the lead names (not a
    target year: "đến năm 2020", nor a year before news went online), else the year after the base of
    "so với cùng kỳ năm 2016"."""
    lead = article.text[:_LEAD_CHARS]
    for text in (article.title, lead):
        years = [m.period.year for m in find_periods(text, None) if _is_written_year(text, m)]
        if years:
            return years[0]
    bases = Counter(
        m.period.year + 1
        for sentence in sentences(Span(0, len(article.text), article.text))
        if "cung ky" in fold(sentence.text)
        for m in find_periods(sentence.text, None)
        if m.is_base and m.period.year and _is_same_period_base(sentence.text, m)
    )
    return bases.most_common(1)[0][0] if bases else None


def _is_written_year(text: str, mention: PeriodMention) -> bool:
    """A year named as a fact that news could be written in (not "từ 699 triệu USD năm 1986")."""
    year = mention.period.year
    return _names_current_year(text, mention) and year is not None and year >= vocabulary().first_year_written


def _names_current_year(text: str, mention: PeriodMention) -> bool:
    if mention.is_base or mention.is_range or mention.period.year is None:
        return False
    if mention.period.kind is PeriodKind.BEFORE_YEAR:
        return False
    before = fold(text_before(text, mention.start, _TARGET_CUE_CHARS))
    return not _TARGET_YEAR_LEAD.search(before)


def _is_same_period_base(text: str, mention: PeriodMention) -> bool:
    """ "so với cùng kỳ năm 2016" compares with the same span a year earlier."""
    return "cung ky" in fold(text_before(text, mention.start, _SAME_PERIOD_CUE_CHARS))


def _opening_period(
    text: str, periods: list[PeriodMention], quantities: list[Quantity]
) -> PeriodMention | None:
    """The period named in a sentence's first words ("Năm 2020, …", "Trong 9 tháng qua, …"). "Tính
    đến nay" is said of its own sentence only."""
    usable = [
        m
        for m in periods
        if not (m.is_base or m.is_range or m.period == Period() or m.period.kind is PeriodKind.TO_DATE)
    ]
    if not usable:
        return None
    mention = usable[0]
    before_any_figure = all(q.start >= mention.start for q in quantities)
    if len(text[_opening_start(text, mention.start) : mention.start].split()) > _OPENING_WORDS:
        return None
    if not before_any_figure:
        return None
    if vocabulary().cue_matcher("contrast_openers").find(text, end=mention.start):
        return None  # "Trong khi quý 4/2015 có giá vốn …, thì năm 2016 …": set against what goes on
    return mention


# Where what a sentence says begins, after who says it: "Theo thống kê của Cục Hải quan TP. HCM, …",
# "Một lãnh đạo … cho biết: “…".
_SPEECH_OPENS = re.compile(r"[“\"]")


def _opening_start(text: str, end: int) -> int:
    """The start of the sentence's own words before `end`: past a leading "Theo …," source or a
    "… cho biết: “" speech intro."""
    speech = list(_SPEECH_OPENS.finditer(text, 0, end))
    if speech:
        return speech[-1].end()
    sources = vocabulary().cue_matcher("source_leads").find(text, end=end)
    if sources and sources[0].start == 0 and "," in text[:end]:
        return text.index(",") + 1
    return 0


def _is_event_date(text: str, mention: PeriodMention) -> bool:
    """ "thành lập tháng 3/2002": when something happened, not the span the next sentences report."""
    lead = text_before(text, mention.start, _EVENT_CUE_CHARS)
    return bool(vocabulary().cue_matcher("event_dates").find(lead))


def _has_paragraph_plan_cue(text: str, quantities: list[Quantity]) -> bool:
    """A target cue before the sentence's first figure ("Năm 2021, ngành phấn đấu … đạt X")."""
    first_figure = quantities[0].start if quantities else len(text)
    return any(cue.start < first_figure for cue in _plan_cues(text, "paragraph_plan"))


def _plan_cues(text: str, group: str, end: int | None = None) -> list[PhraseMatch]:
    """Target cues in `text[:end]`, except those inside wordings of achievement ("không đạt kế hoạch")."""
    vocab = vocabulary()
    excluded = [(m.start, m.end) for m in vocab.cue_matcher("not_plan").find(text, end=end)]
    return [
        cue
        for cue in vocab.cue_matcher(group).find(text, end=end)
        if not any(s <= cue.start < e for s, e in excluded)
    ]


def _figures_of_sentence(
    context: _SentenceContext, running: Period | None, paragraph_plan: bool, horizon: _Horizon
) -> list[Figure]:
    figures: list[Figure] = []
    text = context.sentence.text
    previous: Figure | None = None
    respective = _respective_places(text, context)
    respective_periods = _respective_periods(text, context)
    areas = _figure_areas(text, context)
    for quantity in context.quantities:
        measure, direction = _measure(text, quantity, context.quantities)
        if (
            previous is not None
            and quantity.start in respective
            and previous.start - context.sentence.start in respective
        ):
            # "tăng lần lượt 10,8%, 17%": all changes
            measure, direction = previous.measure, previous.direction
        metric = _metric(text, quantity, context.metrics, context.quantities)
        if measure is Measure.SHARE:
            metric = _whole_after(text, quantity, context.metrics) or metric
        continued = (
            previous
            if previous is not None and _is_continuation(text, previous, quantity, context.metrics)
            else None
        )
        if not metric and continued and (quantity.unit.is_count or not continued.unit.is_count):
            metric = continued.metric  # an amount after a count is not a count of its noun
        if previous is not None and measure is Measure.CHANGE and _said_of_previous(text, previous, quantity):
            metric = previous.metric  # "diện tích nuôi 5.400 ha (tăng 3,3%)": the change of that area
        period = respective_periods.get(quantity.start) or _period(
            text, quantity, context.periods, running, context.quantities
        )
        stated = _same_period_stated(text, quantity, context.periods)
        if stated is not None:
            # "7,9% so với cùng kỳ năm 2018 (cùng kỳ năm trước tăng 22,1%)": the span of the figure it is
            # set beside, a year earlier; with none beside it, a span of its own
            compared = previous.period if previous is not None else Period(kind=PeriodKind.SAME_PERIOD)
            period = replace(compared, year=stated.period.year)
        if _is_average(text, quantity):
            period = as_average(period)
        basis = _basis(text, quantity, context.metrics, context.quantities, paragraph_plan)
        if _starts_a_change(text, quantity):
            period, basis = _period_started_from(text, quantity, period, context.periods), Basis.ACTUAL
        if continued and basis is Basis.ACTUAL and measure is not Measure.LEVEL:
            # "ước đạt 4.750 triệu USD, đạt 90,8% kế hoạch": the share is estimated too
            basis = continued.basis
        period, basis = horizon.placed(text, period, basis, quantity.unit)
        offset = context.sentence.start
        subject = _subject(text, quantity, context, continued)
        place = respective.get(quantity.start) or _place(
            text, quantity, context.places, context.article.place
        )
        if place is not None and place == subject.partner:
            place = context.article.place  # "giữa 2 nước", Canada named as the source: Canada is the partner
        metric, place, subject = _seen_from_viet_nam(text, quantity, context, metric, place, subject)
        figure = Figure(
            value=quantity.value,
            unit=quantity.unit,
            text=quantity.text,
            metric=metric,
            period=period,
            place=place,
            basis=basis,
            measure=measure,
            article_id=context.article.id,
            start=offset + quantity.start,
            end=offset + quantity.end,
            sentence_start=context.sentence.start,
            sentence_end=context.sentence.end,
            qualifier=quantity.qualifier,
            direction=direction,
            subject=subject,
            area=areas.get(quantity.start),
        )
        figures.append(figure)
        previous = figure
    return figures


def _starts_a_change(text: str, quantity: Quantity) -> bool:
    """ "lãi sau thuế tăng từ 58,9 tỷ đồng lên 68,3 tỷ đồng": the level the change started from."""
    vocab = vocabulary()
    before = text_before(text, quantity.start, _MEASURE_CUE_CHARS)
    starts = vocab.cue_matcher("started_from").find(before)
    if not starts or before[starts[-1].end :].strip():
        return False
    after = text[quantity.end :]
    clause = after[: m.start()] if (m := _CLAUSE_BREAK.search(after)) else after
    return bool(vocab.cue_matcher("reached").find(clause[:_MEASURE_CUE_CHARS]))


def _period_started_from(
    text: str, quantity: Quantity, period: Period, periods: list[PeriodMention]
) -> Period:
    """Its own period when one is written after it ("từ 5% năm 2010 lên 7% năm 2015"); else the same span
    a year before the one the change reaches: a plan to raise profit "từ 58,9 tỷ đồng lên 68,3 tỷ đồng"
    in 2017 started from 2016's profit."""
    usable = [m for m in periods if not m.is_base and not m.is_range and m.period.year]
    own = _right_after(text, quantity.end, usable)
    if own is not None:
        return own.period
    return replace(period, year=period.year - 1) if period.year else period


def _said_of_previous(text: str, previous: Figure, quantity: Quantity) -> bool:
    """A change right after an amount, in brackets or after a comma, with no metric between, is that
    amount's: "5.400 ha (tăng 3,3% …)", "Sản lượng hàng hóa qua cảng đạt 43 triệu tấn, tăng 13,79%"."""
    between = text[previous.end - previous.sentence_start : quantity.start]
    opened = between.lstrip()[:1] in ("(", ",")
    return (
        opened
        and len(between) <= _CHANGE_LEAD_CHARS
        and ")" not in between
        and not any(c.isdigit() for c in between)
    )


def _is_average(text: str, quantity: Quantity) -> bool:
    """An amount written after "bình quân" or "trung bình" ("mức bình quân 2,05 tỷ USD", "bình quân 1
    tháng gần 2,4 tỷ USD"): an average, not a total. A rate or a percentage is averaged by nature."""
    if quantity.unit.is_rate or quantity.unit.is_percentage:
        return False
    return _AVERAGED.search(fold(text_before(text, quantity.start, _MEASURE_CUE_CHARS))) is not None


def _respective_places(text: str, context: _SentenceContext) -> dict[int, str]:
    """ "Đà Nẵng, Thái Nguyên, Hải Phòng tăng lần lượt 10,8%, 17%, 20,5%": each figure's place."""
    vocab = vocabulary()
    places = [p for p in context.places if not vocab.is_partner(text, p)]
    return {start: place.key for start, place in _respective(text, places, context.quantities).items()}


def _respective_periods(text: str, context: _SentenceContext) -> dict[int, Period]:
    """ "Năm 2016 và năm 2017, lợi nhuận … đạt lần lượt 7.426 tỷ đồng và 6.448 tỷ đồng": each figure's
    period."""
    usable = [m for m in context.periods if not m.is_base and not m.is_range]
    return {start: mention.period for start, mention in _respective(text, usable, context.quantities).items()}


_Named = TypeVar("_Named", PhraseMatch, PeriodMention)


def _respective(text: str, named: list[_Named], quantities: list[Quantity]) -> dict[int, _Named]:
    """As many things listed before "lần lượt" as figures of one kind after it, paired in order (by the
    figures' starts)."""
    marker = _RESPECTIVELY.search(text)
    if marker is None:
        return {}
    before = [n for n in named if n.end <= marker.start()]
    listed = [n for n in before if n.start >= _list_start(text, before)] if before else []
    after = [q for q in quantities if q.start >= marker.end()]
    if len(listed) < 2:
        return {}
    # A bare scale takes its unit from the list: "lần lượt là -49,3 tỷ và -712,96 tỷ đồng".
    families = {q.unit.family for q in after[: len(listed)]} - {UnitFamily.NUMBER}
    if len(after) < len(listed) or len(families) > 1:
        return {}
    return {q.start: n for n, q in zip(listed, after, strict=False)}  # more amounts may follow the list


def _figure_areas(text: str, context: _SentenceContext) -> dict[int, str]:
    """The named area each figure of the sentence is in (by the figures' starts): one named after it in
    its clause after a word that places it there ("25% cư dân trong quận 19; 24% trong quận 18"), else
    the last one named before it that no figure took so, with no other place, no "toàn tỉnh" and no ";"
    between them ("tại tỉnh Nam (2,3% …), vừa phải tại tỉnh Bắc (0,7%)", "quận 7, chỉ có 7%"). An
    area's address after it ("huyện Lục Ngạn (Bắc Giang)") is no other place."""
    quantities = context.quantities
    areas = [a for a in context.areas if not any(q.start < a.end and a.start < q.end for q in quantities)]
    if not areas:
        return {}
    after = {
        quantity.start: area
        for index, quantity in enumerate(quantities)
        if (area := _area_after(text, quantity, quantities[index + 1 :], areas)) is not None
    }
    free = [a for a in areas if a not in after.values()]
    places = [p for p in context.places if not vocabulary().is_partner(text, p)]
    found = {}
    for quantity in quantities:
        area = after.get(quantity.start) or _area_before(text, quantity, free, places)
        if area is not None:
            found[quantity.start] = area.key
    return found


def _area_after(
    text: str, quantity: Quantity, later: list[Quantity], areas: list[PhraseMatch]
) -> PhraseMatch | None:
    clause_break = _CLAUSE_BREAK.search(text, quantity.end)
    limit = min(later[0].start if later else len(text), clause_break.start() if clause_break else len(text))
    area = next((a for a in areas if quantity.end <= a.start < limit), None)
    if area is None:
        return None
    gap = text[quantity.end : area.start]
    placed = places_after(gap) and not _JOINER.search(f" {gap} ") and not _COMPARISON.search(gap.lower())
    return area if placed else None


def _area_before(
    text: str, quantity: Quantity, areas: list[PhraseMatch], places: list[PhraseMatch]
) -> PhraseMatch | None:
    before = [a for a in areas if a.end <= quantity.start]
    if not before:
        return None
    first = len(before) - 1
    while first and is_address(text[before[first - 1].end : before[first].start]):
        first -= 1  # "xã Phước Tân, huyện Xuyên Mộc": the commune
    chain_end = before[-1].end
    between = text[chain_end : quantity.start]
    if ";" in between or names_the_whole(between):
        return None
    if any(
        chain_end <= p.start < quantity.start and not is_address(text[chain_end : p.start]) for p in places
    ):
        return None
    return before[first]


def _list_start(text: str, listed: list[_Named]) -> int:
    """Where the list before "lần lượt" begins: the things joined only by commas and "và"."""
    start = listed[-1].start
    for current, previous in pairwise(reversed(listed)):
        if not _LIST_JOINER.fullmatch(text[previous.end : current.start]):
            break
        start = previous.start
    return start


def _sector(found: list[PhraseMatch], since_previous_figure: str) -> str | None:
    """The sector named last in the figure's clause, unless several parts of one whole are named
    since the figure before it ("cấp mới, tăng thêm và góp vốn … là 10,95 tỷ USD"): then the whole."""
    vocab = vocabulary()
    named = {m.key for m in vocab.sector_matcher.find(since_previous_figure, as_typed=True)}
    if any(len(named & set(parts)) > 1 for parts in vocab.sector_wholes.values()):
        return None
    return found[-1].key if found else None


def _subject(text: str, quantity: Quantity, context: _SentenceContext, continued: Figure | None) -> Subject:
    """What the figure counts: the commodity, partner and sector named in its own stretch of the
    sentence (from the clause its metric opens, or from the figure before it), the commodity after a
    tonnage ("6,1 triệu tấn gạo"), and a company that is the sentence's subject. A figure that only
    continues the one before it ("…, tăng 5%") counts the same thing."""
    vocab = vocabulary()
    governing = [m for m in context.metrics if m.end <= quantity.start]
    start = _clause_start(text, governing[-1].start) if governing else _clause_start(text, quantity.start)
    start = max([start, *(q.end for q in context.quantities if q.end <= quantity.start)])
    company, company_span = _company(text, quantity.start, start)
    lead = _masked(text[: quantity.start], company_span)
    segment = lead[start:]
    sectors = vocab.sector_matcher.find(segment, as_typed=True)
    for sector in sectors:  # "trừ dầu thô" names a sector, not the commodity crude oil
        segment = _masked(segment, (sector.start, sector.end))
    commodities = _commodity_after(text, quantity, context) or vocab.find_commodities(segment)
    if not commodities and _WHOLE_INDUSTRY.search(fold(segment)):
        # "Theo Bộ Thuỷ sản, … kim ngạch xuất khẩu toàn ngành đạt 2,65 tỷ USD": the industry named before
        commodities = vocab.find_commodities(lead[:start]) or vocab.find_commodities(context.article.title)
    if not commodities:
        # "Đối với mặt hàng rau quả, … xuất khẩu sang Trung Quốc … 759 triệu USD": the topic the sentence
        # opens with is what its figures count.
        commodities = vocab.find_commodities(_topic(lead[:start]))
    if not commodities and quantity.unit.is_count:
        # "94.000 xe hơi", "6,1 triệu tấn gạo": the commodity is the counted noun, or follows it.
        noun_start = quantity.end - len(quantity.unit.text.split()[-1])
        after = text[noun_start : quantity.end + _UNIT_NOUN_CHARS]
        commodities = [m for m in vocab.find_commodities(after) if m.start <= quantity.end - noun_start + 1]
    partners: list[Partner] = [
        vocab.country_of(m.key) for m in vocab.partner_matcher.find(segment) if vocab.is_partner(segment, m)
    ]
    if not partners and _BILATERAL_WORDS.search(fold(lead)):
        named = [vocab.country_of(p.key) for p in context.places if vocab.is_foreign(p.key)]
        partners = [_partner_in_title(context.article.title, named[-1] if named else Unnamed.PARTNER)]
    subject = Subject(
        commodity=commodities[-1].key if commodities else None,
        partner=partners[-1] if partners else None,
        sector=_sector(
            sectors, lead[max((q.end for q in context.quantities if q.end <= quantity.start), default=0) :]
        ),
        company=company,
    )
    if subject.is_total and (
        _UNNAMED_INDUSTRY.search(fold(segment))  # an industry, even one its article does not name
        or _is_listed_part(text, quantity, context)
        or vocab.cue_matcher("contributed").find(segment)
        or _SHARE_OF_TOTAL_AFTER.match(fold(text), quantity.end)
    ):
        return replace(subject, sector=Unnamed.PART)
    if subject.is_total and continued is not None:
        return continued.subject
    return subject


def _commodity_after(text: str, quantity: Quantity, context: _SentenceContext) -> list[PhraseMatch]:
    """ "2,3 tỷ USD nhập khẩu ô tô nguyên chiếc": a metric written right after the amount, and the
    commodity after it in its clause, say what the amount counts."""
    metric = next((m for m in context.metrics if m.start >= quantity.end), None)
    if metric is None or text[quantity.end : metric.start].strip():
        return []
    clause_end = _CLAUSE_BREAK.search(text, metric.end)
    clause = text[metric.end : clause_end.start() if clause_end else len(text)]
    return [m for m in vocabulary().find_commodities(f"{metric.text} {clause}") if m.start > len(metric.text)]


def _topic(opening: str) -> str:
    """The topic a sentence opens with before its first comma ("Đối với mặt hàng rau quả,"), or ""."""
    head, comma, _ = opening.partition(",")
    cues = vocabulary().cue_matcher("topic_openings").find(head, as_typed=True)
    return head if comma and cues and cues[0].start == 0 else ""


def _is_listed_part(text: str, quantity: Quantity, context: _SentenceContext) -> bool:
    """ "đạt hơn 2.500 tỷ đồng doanh thu, trong đó doanh thu từ … khoảng 300 tỷ đồng": an amount after
    "trong đó" that follows an amount of its kind is a part of it, even where the part's name is no
    word of the vocabulary — unless a metric worded otherwise names it ("trong đó, tổng mức bán lẻ
    đạt …" after "tổng mức lưu chuyển hàng hóa")."""
    markers = vocabulary().cue_matcher("parts_follow").find(text[: quantity.start], as_typed=True)
    if not markers:
        return False
    marker = markers[0]
    if not any(q.end <= marker.start and q.unit.family == quantity.unit.family for q in context.quantities):
        return False
    if any(marker.end <= p.start < quantity.start for p in context.places):
        return False  # "trong đó các tỉnh Đà Nẵng, … tăng lần lượt 10,8%, …": each place's own figure
    before = {fold(m.text) for m in context.metrics if m.end <= marker.start}
    own = [fold(m.text) for m in context.metrics if marker.end <= m.start < quantity.start]
    return all(wording in before for wording in own)


def _partner_in_title(title: str, otherwise: Partner) -> Partner:
    """ "Kim ngạch thương mại hai chiều năm 2016 đạt 247,64 triệu USD" trades with the country the
    article is about: the one its title names ("… Việt Nam-Cuba"), which a sentence may set beside
    another ("thị trường lớn thứ hai sau Hoa Kỳ"); else the one its sentence names, else a partner
    unknown — never none, or the figure would pass for the nation's whole trade."""
    vocab = vocabulary()
    countries = [m.key for m in vocab.find_places(title) if vocab.is_foreign(m.key)]
    if countries:
        return vocab.country_of(countries[0])
    paired = _PAIRED_IN_TITLE.search(title)
    return paired.group(1) if paired else otherwise


def _masked(text: str, span: tuple[int, int] | None) -> str:
    """`text` with a span blanked out (a company's name, whose "Thủy sản" is no commodity)."""
    return text if span is None else text[: span[0]] + " " * (span[1] - span[0]) + text[span[1] :]


def _company(text: str, end: int, segment_start: int) -> tuple[Company | None, tuple[int, int] | None]:
    """A company named before the figure (at `end`) in its sentence, and where: after a marker ("Công
    ty CP Thủy sản Minh Phú", "toàn tập đoàn"), as an owner ("của Minh Phú"), or a brand
    ("Vietcombank") in the figure's own stretch or opening the sentence."""
    before = text[:end]
    for marker in reversed(vocabulary().company_marker_matcher.find(text, end=end)):
        if not marker.key:
            continue  # "Ngân hàng Nhà nước" names no company
        name = _name_after(before, marker.end)
        return (name[0], (marker.start, name[1])) if name else (Unnamed.COMPANY, (marker.start, marker.end))
    generic = _generic_company(before)
    if generic:
        return Unnamed.COMPANY, generic
    for owner in reversed(list(_OWNER.finditer(before))):
        if _is_owner_name(owner.group(1)):
            return owner.group(1), owner.span(1)
    words = list(_WORD.finditer(before))
    people = False  # within a name after "người", "gốc", "tiếng": a people or a language, no brand
    for previous, word in zip([None, *words], words, strict=False):
        after_demonym = previous is not None and fold(previous.group()) in vocabulary().demonym_markers
        people = word.group()[0].isupper() and (after_demonym or people)
        if (
            not people
            and (word.start() >= segment_start or word is words[0])
            and _is_company_name(word.group())
        ):
            return word.group(), (word.start(), word.end())
    return None, None


def _generic_company(text: str) -> tuple[int, int] | None:
    """Where `text` first refers to a company named elsewhere ("công ty", "doanh nghiệp này")."""
    for match in vocabulary().generic_company_matcher.find(text):
        if not re.search(r"\b(?:các|những)\s+$", text[: match.start]):
            return match.start, match.end
    return None


@lru_cache(maxsize=4096)  # every figure of a sentence asks again about the same words
def _is_owner_name(name: str) -> bool:
    """ "của Minh Phú" names an owner; "của Việt Nam", "của Bộ Công Thương", "của TP" do not."""
    vocab = vocabulary()
    first = fold(name.split()[0])
    if first in vocab.attribution_words or first in vocab.stopwords:
        return False
    return not (
        vocab.find_places(name) or vocab.partner_matcher.find(name) or vocab.metric_matcher.find(name)
    )


@lru_cache(maxsize=4096)  # every figure of a sentence asks again about the same words
def _is_company_name(word: str) -> bool:
    """A brand the vocabulary does not know as a place or a market ("Canada" is a partner)."""
    vocab = vocabulary()
    return is_brand_name(word) and not vocab.partner_matcher.find(word) and not vocab.find_places(word)


def _name_after(text: str, position: int) -> tuple[str, int] | None:
    """The name after a company marker: capitalised words, with the lower-case words between them
    ("Thủy sản Minh Phú"), up to six."""
    words = list(_WORD_OR_NUMBER.finditer(text, position))[: _NAME_WORDS + 1]
    taken: list[re.Match[str]] = []
    for index, word in enumerate(words[:_NAME_WORDS]):
        capitalised = word.group()[0].isupper() or word.group()[0].isdigit()
        next_capitalised = index + 1 < len(words) and words[index + 1].group()[0].isupper()
        if not (capitalised or (taken and next_capitalised)):
            break
        taken.append(word)
    if not taken:
        return None
    return " ".join(w.group() for w in taken), taken[-1].end()


def _clause_start(text: str, position: int) -> int:
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, 0, position)]
    return breaks[-1] if breaks else 0


_RANGE_FROM = re.compile(r"\d[\d.,]*\s*[-–]\s*$")


def _measure(text: str, quantity: Quantity, quantities: list[Quantity]) -> tuple[Measure, str | None]:
    """Level, change, share or share of the plan: a cue just before a percentage says which, and so
    does a rate of growth named in its clause ("Tăng trưởng GDP thực là 3,8%")."""
    vocab = vocabulary()
    # "tăng nhẹ khoảng 20.000-30.000 tấn": a range is read from its first number
    before = _RANGE_FROM.sub("", text_before(text, quantity.start, _MEASURE_CUE_CHARS))
    direction = None
    for group, word in (("increase", "tăng"), ("decrease", "giảm")):
        for cue in vocab.cue_matcher(group).find(before):
            tail = before[cue.end :]
            if len(tail.split()) <= 2 and not _CLAUSE_BREAK.search(tail):
                direction = None if _reached(tail, text[quantity.end :]) else word
    if quantity.unit.is_percentage:
        after = text[quantity.end : quantity.end + _MEASURE_CUE_CHARS]
        shares = vocab.cue_matcher("share_of_plan").find(after)
        if shares and not after[: shares[0].start].strip() and direction is None:
            return Measure.SHARE_OF_PLAN, None
        if direction:
            return Measure.CHANGE, direction
        rest = vocab.cue_matcher("share_after").find(after)
        if rest and not after[: rest[0].start].strip():
            return Measure.SHARE, None  # "15% còn lại": the rest of a whole
        for cue in vocab.cue_matcher("share").find(before):
            if len(before[cue.end :].split()) <= 2 and not _CLAUSE_BREAK.search(before[cue.end :]):
                return Measure.SHARE, None
        if vocab.cue_matcher("growth").find(text[_clause_start(text, quantity.start) : quantity.start]):
            return Measure.CHANGE, "tăng"
    elif direction:
        return Measure.CHANGE, direction
    return Measure.LEVEL, None


def _reached(tail: str, after: str) -> bool:
    """A figure a change reaches or starts from is a level: "tăng lên 20.150 đồng/lít", "giảm xuống còn
    5,2%", "tăng 12% lên 4,1 tỷ USD", "tăng từ 3,2 tỷ USD lên …" — but "tăng từ 10 - 15%" is a change."""
    vocab = vocabulary()
    if vocab.cue_matcher("reached").find(tail):
        return True
    starts = vocab.cue_matcher("started_from").find(tail)
    clause = after[: m.start()] if (m := _CLAUSE_BREAK.search(after)) else after
    return bool(starts) and bool(vocab.cue_matcher("reached").find(clause[:_MEASURE_CUE_CHARS]))


# Two metrics joined, each with a word or two of its own ("doanh thu thuần và lợi nhuận"), and two
# amounts joined the same way.
_JOINED_METRICS = re.compile(r"(?:\s+[^\W\d_]+){0,2}\s+(?:và|and)\s+")
_JOINED_AMOUNTS = re.compile(r"\s*(?:và|and)\s*")


def _metric(text: str, quantity: Quantity, metrics: list[PhraseMatch], quantities: list[Quantity]) -> str:
    """The metric named nearest before the number; for counts, the noun (or a metric it opens:
    "3.457 vụ vi phạm"). A weight or an area ("6,1 triệu tấn") measures the metric before it, like money."""
    noun = quantity.unit.noun or ""
    if quantity.unit.is_count and noun not in vocabulary().measure_nouns:
        for mention in metrics:
            if (
                quantity.start < mention.start < quantity.end + 3
                or quantity.start <= mention.start < quantity.end
            ):
                return mention.key
        return noun
    before = [
        m
        for m in metrics
        if m.end <= quantity.start
        and not _measured_against(text, m, quantities)
        and not _in_cause(text, m, quantity)
    ]
    if not before:
        # "đạt hơn 2.500 tỷ đồng doanh thu": with none before it, the metric written right after it
        after = [m for m in metrics if m.start >= quantity.end and not text[quantity.end : m.start].strip()]
        return after[0].key if after else noun if quantity.unit.is_count else ""
    best = before[-1]
    opening = text[: quantity.start].partition(",")[0]
    topic = next((m for m in before if not text[: m.start].strip() and m.end <= len(opening)), None)
    if (
        topic is not None
        and vocabulary().metrics[topic.key].part_of == best.key
        and "," in text[: quantity.start]
    ):
        return topic.key  # "Thu từ hoạt động xuất nhập khẩu, …, thu cân đối ngân sách đạt …": the part
    if len(before) > 1 and _JOINED_METRICS.fullmatch(text[before[-2].end : best.start]):
        paired = [q for q in quantities if best.end <= q.end <= quantity.start and q is not quantity]
        if paired and _JOINED_AMOUNTS.fullmatch(text[paired[-1].end : quantity.start]):
            # "doanh thu thuần và lợi nhuận sau thuế ở mức 4.876 tỷ đồng và 124 tỷ đồng": in turn
            return best.key
        joined = before[-2]  # "A và B": the figure belongs to the phrase A opens
        if not (vocabulary().metrics[joined.key].never_money and isinstance(quantity.unit.family, Currency)):
            best = joined  # but "sản lượng và kim ngạch xuất khẩu … 38,3 triệu USD" is the exports
    return best.key


# How far after a share the whole it is a share of may be named ("chiếm hơn 15% tổng GDP").
_WHOLE_GAP_WORDS = 1


def _measured_against(text: str, mention: PhraseMatch, quantities: list[Quantity]) -> bool:
    """A metric something else is set against, not the metric of what follows: the whole of a share
    ("tương đương 74% GDP, tăng hơn 35%" is of the market's value), a unit of measure ("trên một
    đơn vị GDP") or a base ("vốn đầu tư … so GDP")."""
    against = vocabulary().cue_matcher("measured_against").find(text, end=mention.start)
    if against and not text[against[-1].end : mention.start].strip():
        return True
    return any(
        q.unit.family is UnitFamily.PERCENT
        and q.end <= mention.start
        and _is_short_gap(text[q.end : mention.start])
        for q in quantities
    )


def _in_cause(text: str, mention: PhraseMatch, quantity: Quantity) -> bool:
    """ "Do lỗ nặng nên vốn kinh doanh … âm hơn 7,3 tỉ đồng": the metric of a cause is not the metric
    of the figures of its result."""
    vocab = vocabulary()
    causes = vocab.cue_matcher("cause").find(text, end=mention.start)
    results = vocab.cue_matcher("cause_result").find(text, end=quantity.start)
    return bool(causes) and any(mention.end <= r.start for r in results)


def _is_short_gap(gap: str) -> bool:
    return len(gap.split()) <= _WHOLE_GAP_WORDS and not _CLAUSE_BREAK.search(gap)


def _whole_after(text: str, quantity: Quantity, metrics: list[PhraseMatch]) -> str | None:
    """The metric a share is of, named right after it: "chiếm hơn 15% GDP", "thực phẩm chiếm khoảng 20%
    nhập khẩu"."""
    for mention in metrics:
        if mention.start >= quantity.end:
            return mention.key if _is_short_gap(text[quantity.end : mention.start]) else None
    return None


def _is_continuation(text: str, previous: Figure, quantity: Quantity, metrics: list[PhraseMatch]) -> bool:
    """No new metric is named between the previous figure and this one."""
    previous_end = previous.end - previous.sentence_start
    return not any(previous_end <= m.start < quantity.start for m in metrics)


def _period(
    text: str,
    quantity: Quantity,
    periods: list[PeriodMention],
    running: Period | None,
    quantities: list[Quantity],
) -> Period:
    """The period written right after the figure, its own ("3,8% vào năm 2010 và 3,2% vào năm 2011");
    else the one named nearest before it; else one named after it in its clause, or later in the
    sentence with no other amount between ("… thâm hụt 31,9 tỉ USD (tăng 53,74%), … trong năm 2017");
    else a range of years in the sentence; else the running period; else the year after a "so với"
    base. Another figure's own period, or one
    in a bracketed aside about another figure, is taken only when the sentence names no other: the
    nearest before ("tăng 4,6% trong năm 2016, đạt 2,82 tỷ USD"), else the one closing a clause that
    does not compare the figures ("đạt 1.000 tỷ USD và đầu tư đạt 150 tỷ USD vào năm 2020", not "tăng lên
    40,9% từ mức 39,7% của năm 2015")."""
    usable = [m for m in periods if not m.is_base and not m.is_range and m.period != Period()]
    owns = {q.start: _own_period(text, q, usable, quantities) for q in quantities}
    own = owns.pop(quantity.start)
    if own is not None:
        return _labelled_span(text, [m for m in usable if m.end <= own.end])
    before = [m for m in usable if m.end <= quantity.start and not _in_aside(text, m, quantity, quantities)]
    ranges = [m for m in periods if m.is_range and not m.is_base and m.period.year]
    range_before = next((m for m in reversed(ranges) if m.end <= quantity.start), None)
    if (
        range_before is not None
        and _clause_start(text, quantity.start) <= range_before.start
        and all(m.end <= range_before.start for m in before)
    ):
        return range_before.period  # "bình quân giai đoạn 2011-2015 đạt 5,91%, năm 2016 đạt 6,2%"
    free = [m for m in usable if m not in owns.values()]
    free_before = [m for m in before if m in free]
    if free_before:
        return _period_before(text, quantity, free_before)
    in_clause = _after_in_clause(text, quantity, free)
    after = in_clause[0] if in_clause else _later(text, quantity, free, quantities)
    if after is not None:
        return after.period
    if before:
        return _period_before(text, quantity, before)
    shared = _after_in_clause(text, quantity, usable)
    if shared and not _COMPARISON.search(text[quantity.end : shared[-1].start].lower()):
        return shared[-1].period
    if ranges:
        return ranges[0].period  # "tăng bình quân 20%/năm giai đoạn 2011-2017": the years it names
    named = {m.start for m in periods}
    if any(end <= quantity.start and start not in named for start, end in relative_years(text)):
        # "năm nay, … đạt 90 triệu USD" in an undated article: a year only a base may tell, never the
        # year of the sentences before
        running = None
    return _period_after_base(text, quantity, periods, running)


def _period_after_base(
    text: str, quantity: Quantity, periods: list[PeriodMention], running: Period | None
) -> Period:
    """A figure its sentence dates only by what it is compared with: the running span, else the span
    after the base."""
    bases = [m for m in periods if m.is_base and m.start >= quantity.end and m.period.year]
    base = bases[0] if bases and (bases[0].period.year or 0) + 1 >= vocabulary().first_year_written else None
    base_year = base.period.year if base is not None else None  # not "gấp 710 lần năm 1985"
    if running is not None:
        # "Luỹ kế từ đầu năm, lãi … đạt 823 tỷ đồng, giảm … so với nửa đầu năm 2016": the year after
        # the base, where the running span has none
        return replace(running, year=base_year + 1) if running.year is None and base_year else running
    if base is None or base_year is None:
        return Period(year=None)
    if _is_same_period_base(text, base):
        # "tăng 46% so với cùng kỳ năm 2016": the same span, which nothing here says, of 2017
        return Period(year=base_year + 1, kind=PeriodKind.SAME_PERIOD)
    if not base.period.is_full_year:
        return Period(year=None)  # "so với quý 1/2018": the same quarter a year on, or the next one
    return Period(year=base_year + 1)  # "tăng 16% so với năm 2019" speaks of 2020


def _same_period_stated(text: str, quantity: Quantity, periods: list[PeriodMention]) -> PeriodMention | None:
    """ "(cùng kỳ năm trước tăng 22,1%)": the same span a year before, stated as the subject of its own
    clause, not compared with ("so với cùng kỳ năm 2018"): the figure after it is of that year."""
    for mention in reversed([m for m in periods if m.is_base and m.end <= quantity.start]):
        if _CLAUSE_BREAK.search(text, mention.end, quantity.start) or not mention.period.year:
            return None
        lead = fold(text_before(text, mention.start, _SAME_PERIOD_CUE_CHARS))
        if lead.endswith("cung ky ") and not _COMPARED_LEAD.search(lead):
            return mention
    return None


def _after_in_clause(text: str, quantity: Quantity, mentions: list[PeriodMention]) -> list[PeriodMention]:
    clause_end = _CLAUSE_BREAK.search(text, quantity.end)
    limit = clause_end.start() if clause_end else len(text)
    return [m for m in mentions if quantity.end <= m.start < limit]


def _later(
    text: str, quantity: Quantity, mentions: list[PeriodMention], quantities: list[Quantity]
) -> PeriodMention | None:
    """The first period later in the sentence, outside brackets, with no other amount than a
    percentage between, unless it opens the next figure's clause: in "đạt 90 triệu USD, năm 2005 là
    130 triệu USD", 2005 is the year of 130."""
    later = [m for m in mentions if m.start >= quantity.end and not _in_brackets(text, quantity.end, m.start)]
    if later and _opens_next_clause(text, quantity, later[0], quantities):
        return None
    if later and not any(
        quantity.end <= q.start < later[0].start and not q.unit.is_percentage for q in quantities
    ):
        return later[0]
    return None


def _opens_next_clause(
    text: str, quantity: Quantity, mention: PeriodMention, quantities: list[Quantity]
) -> bool:
    following = next((q for q in quantities if q.start >= mention.end), None)
    return (
        following is not None
        and bool(_CLAUSE_BREAK.search(text, quantity.end, mention.start))
        and not _CLAUSE_BREAK.search(text, mention.end, following.start)
    )


def _in_aside(text: str, mention: PeriodMention, quantity: Quantity, quantities: list[Quantity]) -> bool:
    """The period is in a bracket closed before the figure that holds a figure of its own: "1.566 tỷ
    đồng, giảm 36% (quý III / 2017 đạt 2.450 tỷ đồng) và lợi nhuận giảm 63%"."""
    between = text[mention.end : quantity.start]
    closing = between.find(")")
    if closing < 0 or "(" in between[:closing]:
        return False
    return any(mention.end <= q.start < mention.end + closing for q in quantities)


def _own_period(
    text: str, quantity: Quantity, usable: list[PeriodMention], quantities: list[Quantity]
) -> PeriodMention | None:
    """The period written right after a figure, with only linking words between ("1,2 triệu tấn (năm
    2018)"): said of that figure, not of the next one. Unless it opens the next figure's clause and
    that figure has no period after it of its own: "2,18% (năm 2015 là 0,9%)" is 0,9% in 2015."""
    mention = _right_after(text, quantity.end, usable)
    if mention is None or _is_label(text, mention):
        return None  # "tăng 11,1% (Quý I: năm 2015 tăng 9,5%; …)": the label heads what follows
    following = next((q for q in quantities if q.start >= mention.end), None)
    if (
        following is not None
        and not _CLAUSE_BREAK.search(text, mention.end, following.start)
        and _right_after(text, following.end, usable) is None
    ):
        return None
    return mention


def _right_after(text: str, position: int, usable: list[PeriodMention]) -> PeriodMention | None:
    following = next((m for m in usable if m.start >= position), None)
    if following is None or not _TRAILING_LINKS.fullmatch(fold(text[position : following.start])):
        return None
    return following


def _period_before(text: str, quantity: Quantity, before: list[PeriodMention]) -> Period:
    if _FROM_YEAR_START.search(fold(text[before[-1].end : quantity.start])):
        return through_end_of(before[-1].period)
    return _labelled_span(text, before)


def _in_brackets(text: str, start: int, end: int) -> bool:
    """A bracket opens between `start` and `end` and is still open at `end`."""
    between = text[start:end]
    return between.count("(") > between.count(")")


def _labelled_span(text: str, before: list[PeriodMention]) -> Period:
    """The nearest period before a figure. In a list under a span's label ("Quý I: năm 2015 tăng 9,5%;
    năm 2016 …"), a bare year takes the label's span."""
    nearest = before[-1].period
    if not nearest.is_full_year:
        return nearest
    for label in reversed(before[:-1]):
        if not label.period.is_full_year and _is_label(text, label):
            return replace(label.period, year=nearest.year)
    return nearest


def _is_label(text: str, mention: PeriodMention) -> bool:
    return text[mention.end : mention.end + 2].lstrip().startswith(":")


def _basis(
    text: str,
    quantity: Quantity,
    metrics: list[PhraseMatch],
    quantities: list[Quantity],
    paragraph_plan: bool,
) -> Basis:
    vocab = vocabulary()
    if paragraph_plan:
        return Basis.PLAN
    shares = [q.end for q in quantities if q.unit.family is UnitFamily.PERCENT and q.end <= quantity.start]
    plan = _last_cue_reaching(text, "plan", quantity, shares)
    if plan is not None:
        # "… phải đạt mức 28,5 tỷ USD, … năm 2005 ước đạt 6,9 triệu đồng, … 440.000 tỷ đồng": the estimate
        # (or forecast: "khả năng thu … chỉ đạt khoảng 100.000 tỷ đồng") said after the target speaks of
        # the figures after it
        estimated = any(
            c.start >= plan.end
            for group in ("estimate", "forecast")
            for c in vocab.cue_matcher(group).find(text, end=quantity.start)
        )
        return Basis.ESTIMATE if estimated else Basis.PLAN
    if _last_cue_reaching(text, "forecast", quantity, shares) is not None:
        return Basis.ESTIMATE
    clause_start = _clause_start(text, quantity.start)
    for cue in _plan_cues(text, "purpose", quantity.start):
        # "để tăng … lên 2,6 tỷ USD so với gần 2,4 tỷ USD của năm ngoái": the base is no aim
        if cue.start >= clause_start and not _BASE_BETWEEN.search(text, cue.end, quantity.start):
            return Basis.PLAN
    last_metric = max((m.end for m in metrics if m.end <= quantity.start), default=-1)
    for cue in vocab.cue_matcher("estimate").find(text, end=quantity.start):
        # An estimate cue reaches the figures after it until the next metric is named.
        if cue.start >= last_metric or clause_start <= cue.start:
            return Basis.ESTIMATE
        if not any(cue.end <= m.start < quantity.start for m in metrics):
            return Basis.ESTIMATE
    return Basis.ACTUAL


def _seen_from_viet_nam(
    text: str, quantity: Quantity, context: _SentenceContext, metric: str, place: str | None, subject: Subject
) -> tuple[str, str | None, Subject]:
    """ "Slovakia nhập khẩu giày dép từ Việt Nam đạt 105 triệu USD": Việt Nam's exports to Slovakia."""
    trade = trade_with_viet_nam(text, quantity.start) if is_traded(metric) and not subject.partner else None
    if trade is None:
        return metric, place, subject
    country = other_country(text, trade, context.places)
    if country is None and not trade.turned:
        return metric, place, subject  # "xuất khẩu từ Việt Nam": Việt Nam's own, as read
    # whoever imports from Việt Nam is another country, even one the vocabulary does not know
    partner: Partner = vocabulary().country_of(country.key) if country else Unnamed.PARTNER
    return trade.metric(metric), NATIONAL, replace(subject, partner=partner)


def _last_cue_reaching(text: str, group: str, quantity: Quantity, shares: list[int]) -> PhraseMatch | None:
    """The last target or forecast cue before the figure that speaks of it."""
    reaching = [
        cue
        for cue in _plan_cues(text, group, quantity.start)
        # "đạt 106,6% kế hoạch": the plan is the base of a share, not this figure's basis
        if not any(0 <= cue.start - end <= 2 for end in shares)
        # "được giao cao hơn 15% (năm 2005 … đạt 21.710 tỉ đồng)": the aside states a result
        and not _in_brackets(text, cue.end, quantity.start)
    ]
    return reaching[-1] if reaching else None


def is_forecast(sentence: str, offset: int) -> bool:
    """An estimated figure whose sentence forecasts it ("Theo dự báo …"), not one reported as "ước"."""
    return bool(_plan_cues(sentence, "forecast", offset))


def _place(text: str, quantity: Quantity, places: list[PhraseMatch], article_place: str | None) -> str | None:
    """A place named just before the figure (a province, the nation, another country), else the
    article's — unless the sentence is about another country, where the article's province would be
    a guess. Trade partners ("sang Trung Quốc") are not the place."""
    vocab = vocabulary()
    places = [p for p in places if not vocab.is_partner(text, p) and not _ranks_among(text, p)]
    nearby = [p for p in places if p.end <= quantity.start]
    if nearby:
        return nearby[-1].key
    if any(vocab.is_foreign(p.key) for p in places):
        return None
    return article_place


# How many words may stand between a ranking and the place it ranks within ("đứng thứ 4 trong cả nước").
_RANKING_GAP_WORDS = 2
# How far after "chiếm X%" the whole it is a share of may be named ("chiếm 40% diện tích trồng dừa cả nước").
_SHARE_WHOLE_WORDS = 7


def _ranks_among(text: str, place: PhraseMatch) -> bool:
    """ "lớn nhất của Việt Nam", "đứng thứ 4 cả nước": the whole a place is ranked in; "chiếm 40% diện
    tích trồng dừa cả nước": the whole its share is of."""
    ranked = vocabulary().cue_matcher("ranking").find(text, end=place.start)
    if ranked and len(text[ranked[-1].end : place.start].split()) <= _RANKING_GAP_WORDS:
        return True
    shares = vocabulary().cue_matcher("share").find(text, end=place.start)
    if not shares:
        return False
    between = text[shares[-1].end : place.start]
    return "%" in between and len(between.split()) <= _SHARE_WHOLE_WORDS and not _CLAUSE_BREAK.search(between)


# Words that join two figures of one sentence: what precedes belongs to the first ("200 người Pháp
# và 1.000 người Kanak").
_JOINER = re.compile(r"\s(?:và|còn|hoặc|nhưng|trong khi|and|while)\s")


def own_words(article: Article, sentence_figures: list[Figure], figure: Figure) -> str:
    """The text that speaks of one figure: its own stretch of the sentence, split from its rivals' (the
    figures of its kind of unit there) at the last clause break between them, else the last joining
    word, else right after the earlier one, whose noun is in its unit; with the sentence's lead-in
    before the first of them, which says what each of them is about. In "Theo
    điều tra năm 2009, 97,3% dân số từ 15 tuổi … viết tiếng Pháp, trong khi chỉ 1,1% tường trình …",
    "dân số" and "viết" are the 97,3%'s, and "15 tuổi" splits nothing. Figures joined within one
    clause share what the clause says after the last of them: in "khiến 200 người Pháp và 1.000
    người Kanak thiệt mạng", both died."""
    text = article.text
    paired = _respective_pair(text, sentence_figures, figure)
    if paired is not None:
        partner, marker_end = paired
        return f"{own_words(article, sentence_figures, partner)}\n{text[marker_end : figure.sentence_end]}"
    rivals = [f for f in sentence_figures if f.unit.family == figure.unit.family]
    position = rivals.index(figure)
    referred = antecedent(text, figure)
    start = figure.sentence_start
    if position > 0:
        start = _split(text, rivals[position - 1], figure)
    end = figure.sentence_end
    if position + 1 < len(rivals):
        end = _split(text, figure, rivals[position + 1])
    lead = referred + (text[figure.sentence_start : rivals[0].start] if position > 0 else "")
    last = position
    while last + 1 < len(rivals) and _coordinated(text, rivals[last], rivals[last + 1]):
        last += 1
    tail = ""
    if last > position:  # rivals after `last` lie past a clause break, so the clause ends before them
        clause_end = _CLAUSE_BREAK.search(text, rivals[last].end, figure.sentence_end)
        tail = _without_leading_names(
            text[rivals[last].end : clause_end.start() if clause_end else figure.sentence_end]
        )
    return f"{lead}\n{text[start:end]}\n{tail}"


def antecedent(text: str, figure: Figure) -> str:
    """The sentence before, when the figure's sentence refers back to it before the figure ("Vùng này
    có diện tích 60.000 dặm vuông Anh", "thuộc nhóm dân cư này, chiếm 36%"): what it is about is
    named there. Within the paragraph only."""
    lead = text[figure.sentence_start : figure.start]
    # Asked of every candidate figure: a plain substring test first, the word matcher only then.
    if not any(cue in lead.lower() for cue in vocabulary().data["cues"]["anaphora"]):
        return ""
    if not vocabulary().cue_matcher("anaphora").find(lead):
        return ""
    paragraph_start = text.rfind("\n", 0, figure.sentence_start) + 1
    earlier = sentences(
        Span(paragraph_start, figure.sentence_start, text[paragraph_start : figure.sentence_start])
    )
    return f"{earlier[-1].text}\n" if earlier else ""


def _respective_pair(text: str, sentence_figures: list[Figure], figure: Figure) -> tuple[Figure, int] | None:
    """ "600.000 người Mỹ gốc Pháp và 472.000 người Mỹ gốc Ý …; hai nhóm này tương ứng chiếm 2,5% và
    2,0% cư dân": as many figures of one kind before "tương ứng" (or "lần lượt") as of another after it,
    paired in order. The figure's partner before the marker, and where the marker ends."""
    marker = _RESPECTIVELY.search(text, figure.sentence_start, figure.sentence_end)
    if marker is None or figure.start < marker.end():
        return None
    after = [f for f in sentence_figures if f.start >= marker.end() and f.unit.family == figure.unit.family]
    before = [f for f in sentence_figures if f.end <= marker.start()]
    if len(before) < 2 or len(before) != len(after) or len({f.unit.family for f in before}) != 1:
        return None
    if before[0].unit.family == figure.unit.family:
        return None  # "tăng lần lượt 10,8%, 17%" after amounts of the same kind lists, it does not pair
    return before[after.index(figure)], marker.end()


def _coordinated(text: str, earlier: Figure, later: Figure) -> bool:
    """Two figures joined as subjects of one predicate: between them only names that qualify the
    earlier one's noun, a joining word and qualifiers ("200 người Pháp và 1.000 người Kanak thiệt
    mạng"), not a predicate of the earlier one's own ("5.000 người đã bị giết hại và hơn 13.000")."""
    between = _without_leading_names(text[earlier.end : later.start])
    joiners = _JOINER.findall(f" {between} ")
    return len(joiners) == 1 and all(
        word in _approximate_words() for word in _JOINER.sub(" ", f" {between} ").split()
    )


@lru_cache(maxsize=1)
def _approximate_words() -> frozenset[str]:
    """The words of qualifiers ("hơn", "xấp xỉ") that may stand between joined figures."""
    return frozenset(word for cue in vocabulary().data["cues"]["approximate"] for word in cue.split())


def _without_leading_names(tail: str) -> str:
    """The clause after a figure without the names that qualify its noun ("người Kanak", "người Mỹ gốc
    Ý": an origin's marker goes with the name after it)."""
    words = tail.split()
    markers = vocabulary().demonym_markers
    while words and (
        words[0][:1].isupper() or (fold(words[0]) in markers and len(words) > 1 and words[1][:1].isupper())
    ):
        words.pop(0)
    return " ".join(words)


def _split(text: str, earlier: Figure, later: Figure) -> int:
    between = text[earlier.end : later.start]
    breaks = list(_CLAUSE_BREAK.finditer(between))
    if breaks:
        return earlier.end + breaks[-1].end()
    joiners = list(_JOINER.finditer(between))
    if joiners:
        return earlier.end + joiners[-1].start()
    # What a classifier classifies is its figure's: "3000 cuộc hội thoại liên quan tới 150 người".
    classified = earlier.unit.classified
    return earlier.end + (
        between.find(classified) + len(classified) if classified and classified in between else 0
    )
