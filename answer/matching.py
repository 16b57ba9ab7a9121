"""Whether a figure answers a question, and how well: pure functions of a question and candidates.

A figure answers only if it matches the question's metric (or counted thing), year and span,
place, measure, and plan-or-not; among those that match, the preference orders them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property, lru_cache
from typing import Protocol

from answer.asked_unit import AskedUnit
from answer.question import BALANCE_SIDES, Question
from corpus.areas import names_area
from corpus.bases import base_after
from corpus.figures import is_forecast
from corpus.model import (
    Article,
    Basis,
    Currency,
    Figure,
    Measure,
    Period,
    PeriodKind,
    Rate,
    Subject,
    Unit,
    UnitFamily,
    Unnamed,
)
from corpus.names import is_brand_name, is_named_in, named_in_phrase
from corpus.numbers import same_amount
from corpus.periods import day_parts
from corpus.profit_kinds import profit_kind_of
from corpus.text import FOLDED_WORD, fold, folded_words
from corpus.trade import is_trade_with_a_partner
from corpus.vocabulary import NATIONAL, PhraseMatch, canonical_tone, vocabulary

MAX_ALTERNATIVES = 3
# How much the question's other words around a figure count beside its passage's similarity.
OVERLAP_WEIGHT = 0.5
# Without a metric, a figure needs this much of the question's other words (weighed by how telling
# they are) in the words that belong to it.
MIN_KEYWORD_OVERLAP = 0.5
# An estimate when the question says "ước"; a reported result over an estimate of the same thing.
ASKED_ESTIMATE_BONUS = 0.05
ACTUAL_BONUS = 0.01
# A national figure when no place is asked, a full year when no period is: what such questions mean.
# A figure placed where the question asks, over one whose place is only inferred.
STATED_PLACE_BONUS = 0.05
NATIONAL_OR_FULL_YEAR_BONUS = 0.02
# A figure whose sentence writes its year over one whose year is inferred from the article.
STATED_YEAR_BONUS = 0.03
# A target named as the question names it ("chỉ tiêu") over another target of its sentence.
PLAN_WORDING_BONUS = 0.05
# A figure attributed to the company the question names outranks figures that only stand near its name.
NAMED_COMPANY_BONUS = 0.1
# A question's word found in fewer than e^-2 (one in 7.4) of the passages is telling enough that the
# figure's sentence or title must say it; commoner words ("người", "nước", "công") need not. Set by
# measurement: every wrong answer to the public news questions that the check refuses lacks a word
# above it, and most right answers to the encyclopedic ones that it would refuse lack only words below.
MIN_REQUIRED_WEIGHT = 2.0
# Acronyms a question may type for words written out: "HAGL", "BHXH".
MIN_ACRONYM, MAX_ACRONYM = 3, 6
# An upper-case word of a kind and at least one word of a name: "BOT Cai Lậy", "KCN Quang Châu".
_MIN_NAMED_KIND_WORDS = 2
# Company names shorter than this ("và", "co") are no evidence that the question names the company.
MIN_COMPANY_WORD = 3


_WORDS = re.compile(r"[^\W_]+")
# The opening of an article, where it says which province it is about.
_LEAD_CHARS = 300
# How far before a figure's sentence the company "công ty" stands for may be named.
_COMPANY_LEAD_CHARS = 300


# Texts whose words are kept: titles and figures' own words come back question after question.
_WORDS_KEPT = 8192


@lru_cache(maxsize=_WORDS_KEPT)
def _written_words(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """The words of a text as written (lower case, one tone spelling) and without diacritics."""
    written = frozenset(canonical_tone(word) for word in _WORDS.findall(text.lower()))
    return written, frozenset(fold(word) for word in written)


def _holds(words: tuple[frozenset[str], frozenset[str]], word: str) -> bool:
    """A word typed without diacritics is found in any form; one typed with them only as typed."""
    written, folded = words
    return word in folded if word == fold(word) else word in written


class FigureContext(Protocol):
    """The text around figures, as the loaded index keeps it (`index.catalog.Catalog`)."""

    def quote_of(self, figure: Figure) -> str: ...

    def words_of(self, figure: Figure) -> str: ...

    def keyword_weights(self, keywords: tuple[str, ...]) -> dict[str, float]: ...

    def naming_words(self, figure: Figure) -> set[str]: ...

    def sentence_metrics(self, figure: Figure) -> set[str]: ...

    def article_of(self, figure: Figure) -> Article: ...


class Candidate:
    """A figure weighed against a question. What costs text work (word overlap, names in the
    sentence) is computed only if a cheaper check has not already ruled the figure out."""

    def __init__(self, context: FigureContext, question: Question, figure: Figure, similarity: float) -> None:
        self._context = context
        self._question = question
        self.figure = figure
        self.similarity = similarity

    @cached_property
    def overlap(self) -> float:
        """How much of the question's remaining words the text that belongs to the figure (and its
        article's title) holds, each word weighed by how telling it is ("Araucaria" more than "có").
        A word typed with diacritics must be found with them ("vợ" is not "vô"), one typed without
        them in any form, a name also with a slip ("Rwadan"), a word also in a synonym ("phê chuẩn" for
        "chấp thuận")."""
        weights = self._weights
        total = sum(weights.values())
        if not total:
            return 0.0
        title = _written_words(self._context.article_of(self.figure).title)
        synonyms = dict(self._question.synonyms)
        found = [
            word
            for word in weights
            if _holds(self._own_words, word)
            or _holds(title, word)
            or (word in self._question.names and is_named_in(word, self._own_words[1] | title[1]))
            or any(self._says(wording, title) for wording in synonyms.get(word, ()))
        ]
        return sum(weights[word] for word in found) / total

    def _says(self, wording: str, title: tuple[frozenset[str], frozenset[str]]) -> bool:
        """Every word of a wording is in the figure's own words or its title."""
        return all(_holds(self._own_words, w) or _holds(title, w) for w in _written_words(wording)[0])

    @cached_property
    def names_its_part(self) -> bool:
        """A telling word of the question stands in its own words: "trong đó lĩnh vực trồng trọt 18,96 tỉ
        USD" is the part "xuất khẩu trồng trọt" asks for."""
        part, whole = self._part_words
        return any(
            weight > 0
            and fold(word) not in vocabulary().loose_words
            and _holds(part, word)
            and not _holds(whole, word)
            for word, weight in self._weights.items()
        )

    @cached_property
    def _part_words(
        self,
    ) -> tuple[tuple[frozenset[str], frozenset[str]], tuple[frozenset[str], frozenset[str]]]:
        """The words that name a part, and those of the whole before it: in "89 doanh nghiệp tham gia …,
        gồm 38 doanh nghiệp tham gia chương trình lương thực", "lương thực" names the part, "tham gia"
        both."""
        quote, offset = self._in_sentence
        markers = vocabulary().cue_matcher("parts_follow").find(quote, end=offset)
        if not markers:
            return self._own_words, _written_words("")
        return _written_words(quote[markers[-1].end :]), _written_words(quote[: markers[-1].start])

    @cached_property
    def said_here(self) -> bool:
        """Its own words, not only its article's title, say something the question says: the title
        ("Nouvelle-Calédonie") is what every figure of the article is about."""
        return any(weight and _holds(self._own_words, word) for word, weight in self._weights.items())

    @cached_property
    def _weights(self) -> dict[str, float]:
        """The question's words and the names it gives ("người Pháp" tells 200 from 1.000), weighed."""
        folded_keywords = {fold(word) for word in self._question.keywords}
        keywords = self._question.keywords + tuple(
            n for n in self._question.names if n not in folded_keywords
        )
        return self._context.keyword_weights(keywords) if keywords else {}

    @cached_property
    def own_words(self) -> str:
        """The text that belongs to it (`corpus.figures.own_words`)."""
        return self._context.words_of(self.figure)

    @cached_property
    def _own_words(self) -> tuple[frozenset[str], frozenset[str]]:
        return _written_words(self.own_words)

    @cached_property
    def mentions_names(self) -> bool:
        """Its sentence or title names what the question names ("Samsung", or "Mitterrand" asked as
        "Mitterand")."""
        words = self._context.naming_words(self.figure)
        return all(
            all(is_named_in(word, words) for word in name.split())
            or named_in_phrase(name, words)
            or self._spells(name)
            for name in self._question.names
        )

    def _spells(self, name: str) -> bool:
        """An acronym the question types for words its sentence or title writes out: "HAGL" for "Hoàng
        Anh Gia Lai", "BHXH" for "bảo hiểm xã hội"."""
        if not MIN_ACRONYM <= len(name) <= MAX_ACRONYM or " " in name:
            return False
        article = self._context.article_of(self.figure)
        words = folded_words_in_order(f"{article.title}\n{self._context.quote_of(self.figure)}")
        return name in "".join(word[0] for word in words)  # each word gives one letter: a run of words

    @cached_property
    def unaccounted(self) -> tuple[str, ...]:
        """The question's telling words that neither its sentence (with the one it refers back to)
        nor its article's title says, in any wording the vocabulary knows: "Sacombank", "dịch vụ",
        "trước thuế" asked, and the figure is another bank's, sector's or kind of profit. An English
        question's words stand in a Vietnamese sentence only as the vocabulary translates them
        ("cosmetics": mỹ phẩm); its names stand as they are."""
        words = self._context.naming_words(self.figure)
        synonyms, loose = dict(self._question.synonyms), vocabulary().loose_words
        english = not self._question.is_vietnamese
        translations = vocabulary().english

        def said(wordings: tuple[str, ...]) -> bool:
            return any(set(folded_words(wording)) <= words for wording in wordings)

        missing = []
        for word, weight in self._weights.items():
            if english and word not in self._question.names:
                if word in translations and not said(translations[word]):
                    missing.append(word)
            elif (
                weight >= MIN_REQUIRED_WEIGHT
                and fold(word) not in words
                and fold(word) not in loose
                and not any(character.isdigit() for character in word)  # "16h": a time the period reads
                and not said(synonyms.get(word, ()))
            ):
                missing.append(word)
        return tuple(missing)

    @cached_property
    def year_stated(self) -> bool:
        """Its sentence writes its year: not inferred from the paragraph or the article."""
        return year_written(self.figure, self._context.quote_of(self.figure))

    @cached_property
    def base(self) -> str | None:
        """What its change is measured against, written right after it ("so với tháng trước")."""
        text = self._context.article_of(self.figure).text
        return base_after(text, self.figure.end, self.figure.period.month)

    @cached_property
    def profit_kinds(self) -> frozenset[str]:
        """Before or after tax, as the words that belong to it say ("lợi nhuận trước thuế 800 tỷ")."""
        figure = self.figure
        return profit_kind_of(
            self.own_words,
            self._context.quote_of(figure),
            figure.start - figure.sentence_start,
            figure.end - figure.sentence_start,
        )

    @cached_property
    def names_typed(self) -> bool:
        """A question's word is a name its sentence, title or lead capitalises ("minh phu" for "Minh Phú")."""
        text = f"{self._lead}\n{self._context.quote_of(self.figure)}"
        capitalised = {
            fold(match.group())
            for match in _WORDS.finditer(text)
            if match.group()[0].isupper() and match.start() > 0 and text[match.start() - 1] != "\n"
        }
        ignored = vocabulary().known_words | vocabulary().attribution_words
        return any(
            fold(word) in capitalised and fold(word) not in ignored and len(word) >= MIN_COMPANY_WORD
            for word in self._question.keywords
        )

    @cached_property
    def names_another_company(self) -> bool:
        """ "công ty" is the brand named last before it, in its sentence or the one before: "Vietlott"
        asked is not the company a sentence about another one calls so."""
        article = self._context.article_of(self.figure)
        lead = article.text[max(0, self.figure.sentence_start - _COMPANY_LEAD_CHARS) : self.figure.start]
        brands = [fold(word) for word in _WORDS.findall(lead) if is_brand_name(word) or _is_ticker(word)]
        return bool(brands) and not is_named_in(brands[-1], set(self._question.names))

    @cached_property
    def names_another_of_its_kind(self) -> bool:
        """Its sentence gives the kind the question names another name: "dự án BOT Hoài Nhơn" is not the
        "BOT Cai Lậy" asked, though its article's title names that one."""
        sentence = self._context.quote_of(self.figure)
        said = folded_words(sentence)
        for kind, name in _kinds_and_names(self._question.text):
            if not set(name) <= said and any(other != name for other in _names_after(kind, sentence)):
                return True
        return False

    @cached_property
    def places_named(self) -> frozenset[str]:
        """The places its sentence, the sentence before it ("Tại Cà Mau, … 2 công ty …
        Trong năm 2005, kim ngạch xuất khẩu 74,3 triệu USD") or its article's title names."""
        article = self._context.article_of(self.figure)
        text = f"{article.title}\n{_sentence_before(article.text, self.figure.sentence_start)}\n"
        return frozenset(m.key for m in vocabulary().find_places(text + self._context.quote_of(self.figure)))

    @cached_property
    def places_in_sentence(self) -> frozenset[str]:
        """The places its own sentence names."""
        return frozenset(m.key for m in vocabulary().find_places(self._context.quote_of(self.figure)))

    @cached_property
    def places_in_lead(self) -> frozenset[str]:
        """The places its article's opening names, where news says what the article is about."""
        return frozenset(m.key for m in self._lead_places)

    @cached_property
    def _lead_places(self) -> list[PhraseMatch]:
        return vocabulary().find_places(self._lead)

    @cached_property
    def article_is_provincial(self) -> bool:
        """Its article's title or lead names a province's own bodies ("UBND tỉnh", "Sở Công Thương")."""
        return bool(vocabulary().provincial_cue_matcher.find(self._lead))

    @cached_property
    def lead_is_national(self) -> bool:
        """Its article's title or lead names the nation or its bodies ("Quốc hội", "cả nước")."""
        places = self._lead_places
        return NATIONAL in self.places_in_lead or bool(vocabulary().national_sources(self._lead, places))

    @cached_property
    def _lead(self) -> str:
        article = self._context.article_of(self.figure)
        return f"{article.title}\n{article.text[:_LEAD_CHARS]}"

    @cached_property
    def refers_to_its_province(self) -> bool:
        """Its sentence speaks of a province it does not name ("trên địa bàn thành phố", "của tỉnh")."""
        return bool(vocabulary().local_referent_matcher.find(self._context.quote_of(self.figure)))

    @cached_property
    def mentions_metric(self) -> bool:
        """The sentence names the asked metric (for counts: "nhập khẩu 94.000 xe")."""
        return self._question.metric in self._context.sentence_metrics(self.figure)

    @cached_property
    def day_parts(self) -> frozenset[str]:
        """Parts of the day its sentence names ("lúc 10h" → sáng)."""
        return day_parts(self._context.quote_of(self.figure))

    @cached_property
    def dated_year(self) -> int | None:
        """The year of the day its article reports on, if the article is dated."""
        article = self._context.article_of(self.figure)
        dated = next((d for d in (article.event_date, article.date) if d and d[:4].isdigit()), None)
        return int(dated[:4]) if dated else None

    def is_of_day(self, day: date) -> bool:
        """Said of that day: its article is dated that day, or its sentence names the day ("6/2") and
        its year is that day's."""
        article = self._context.article_of(self.figure)
        if day.isoformat() in (article.event_date, article.date):
            return True
        in_year = self.figure.period.year == day.year
        return (
            in_year
            and _day_written(day.day, day.month).search(self._context.quote_of(self.figure)) is not None
        )

    @cached_property
    def _in_sentence(self) -> tuple[str, int]:
        """Its sentence, and where in it the figure starts: what the words before it say is read there."""
        return self._context.quote_of(self.figure), self.figure.start - self.figure.sentence_start

    @cached_property
    def is_contribution_or_revision(self) -> bool:
        """Its own words make it a part of another figure or the size of a revision, not a level or a
        change of its metric (the vocabulary's `contribution_or_revision`)."""
        quote, offset = self._in_sentence
        lead = quote[
            max(0, offset - _CONTRIBUTION_CUE_CHARS) : offset
        ]  # "đóng góp … vào tăng trưởng GDP: 2,67%"
        cues = vocabulary().cue_matcher("contribution_or_revision")
        return bool(cues.find(self.own_words) or cues.find(lead))

    @cached_property
    def balance_side(self) -> str | None:
        """ "surplus" or "deficit", as the last such word before it says ("… nhập siêu 1,9 tỷ USD; khu
        vực FDI xuất siêu 1,8 tỷ USD"), or None."""
        quote, offset = self._in_sentence
        said = [
            (m.start, side)
            for side in BALANCE_SIDES
            for m in vocabulary().cue_matcher(side).find(quote, end=offset)
        ]
        return max(said)[1] if said else None

    @cached_property
    def is_forecast(self) -> bool:
        """An estimate its sentence forecasts ("Theo dự báo của Bộ Thương mại, … 220.000 tấn")."""
        return self.figure.basis is Basis.ESTIMATE and is_forecast(*self._in_sentence)

    @cached_property
    def follows_a_passed_target(self) -> bool:
        """Written right after a wording of achievement ("vượt mục tiêu 6,7%"): the target passed."""
        quote, offset = self._in_sentence
        passed = vocabulary().cue_matcher("not_plan").find(quote, end=offset)
        return any(not quote[match.end : offset].strip() for match in passed)

    @property
    def score(self) -> float:
        return self.similarity + OVERLAP_WEIGHT * self.overlap


def folded_words_in_order(text: str) -> list[str]:
    return [fold(word) for word in _WORDS.findall(text.lower())]


def year_written(figure: Figure, quote: str) -> bool:
    """The figure's year stands in its sentence ("năm 2017", "quý I/2017"), or the year before it as
    what it is compared with ("tăng 16% so với năm 2019")."""
    year = figure.period.year
    if year is None:
        return False
    return str(year) in quote or re.search(rf"\bso với\b[^.;]{{0,30}}\b{year - 1}\b", quote) is not None


def _is_ticker(word: str) -> bool:
    """ "REE", "DHG", "PVC": a company named by its stock ticker, no word of the vocabulary ("GDP")."""
    return (
        word.isupper()
        and word.isalpha()
        and 2 <= len(word) <= 5
        and fold(word) not in vocabulary().known_words
    )


@lru_cache(maxsize=64)
def _day_written(day: int, month: int) -> re.Pattern[str]:
    """ "6/2", "06-02": a day as news writes it, without its year."""
    return re.compile(rf"(?<![\d/])0?{day}\s*[/-]\s*0?{month}(?![\d])")


@dataclass(frozen=True)
class Check:
    """One test a figure must pass to answer, and the short phrase that says why it failed."""

    why_not: str
    passes: Callable[[Question, Candidate], bool]


def _asks_a_figure(question: Question, candidate: Candidate) -> bool:
    return question.answerable


def _kind_answers(question: Question, candidate: Candidate) -> bool:
    figure = candidate.figure
    if _growth_written_as_level(question, candidate):
        figure = replace(figure, measure=Measure.CHANGE)
    return _same_kind(question, figure) and _same_basis(question, figure, candidate.is_forecast)


def _same_basis(question: Question, figure: Figure, forecast: bool) -> bool:
    """A target answers a question that asks for one; a forecast ("theo dự báo …") only one that asks
    for a forecast, which a planned figure ("dự kiến") may answer too; a result or an estimate of it,
    the others."""
    if question.wants_forecast:
        return forecast or figure.basis is Basis.PLAN
    if forecast:
        return False
    return question.wants_plan == (figure.basis is Basis.PLAN)


def _growth_written_as_level(question: Question, candidate: Candidate) -> bool:
    """ "tăng trưởng GDP năm 2005 đạt 12,2%": a rate of growth written as what it reached is the growth
    a question asks for."""
    figure = candidate.figure
    return (
        question.measure is Measure.CHANGE
        and figure.measure is Measure.LEVEL
        and figure.unit.family is UnitFamily.PERCENT
        and bool(vocabulary().cue_matcher("growth").find(candidate.own_words))
    )


def _not_a_passed_target(question: Question, candidate: Candidate) -> bool:
    """ "tăng trưởng năm nay vượt mục tiêu 6,7%, ước đạt 6,81%": the amount right after the target it
    passed is that target (or by how much it was passed), never the result."""
    asks_result = not question.wants_plan and question.measure is not Measure.SHARE_OF_PLAN
    return not (asks_result and candidate.follows_a_passed_target)


def _period_answers(question: Question, candidate: Candidate) -> bool:
    return (
        _same_when(question, candidate.figure)
        or _price_of_its_days_year(question, candidate)
        or _months_since_december(question, candidate)
    )


def _months_since_december(question: Question, candidate: Candidate) -> bool:
    """Against December of the year before, September's change is the nine months' change: "CPI 9
    tháng đầu năm tăng bao nhiêu so với tháng 12" is answered by "CPI tháng 9 … tăng 6,8% so với
    tháng 12 năm trước"."""
    asked, period = question.period, candidate.figure.period
    if asked is None or question.base != "year_end" or candidate.base != "year_end":
        return False
    months = {asked.months, asked.month if asked.month else None} - {None}
    return period.year == asked.year and bool(months & {period.months, period.month})


def _province_answers(question: Question, candidate: Candidate) -> bool:
    """The asked place's figure, or one placed nowhere; a question that names no place asks about
    Việt Nam, never another country ("Thái Lan đang hướng tới 10 triệu tấn" is no answer to "xuất
    khẩu gạo năm 2017")."""
    place, vocab = candidate.figure.place, vocabulary()
    if (
        question.place == NATIONAL
        and candidate.figure.subject.partner
        and place not in candidate.places_named
    ):
        return True  # trade with another country is the nation's, wherever its article was written
    if place is not None and place == question.place and place != NATIONAL and not vocab.is_foreign(place):
        # A province's figure says where it is in its sentence, title or lead: "tăng trưởng GDP quý I
        # đạt 5,1%" in a report of the National Assembly, held in Hà Nội, is not Hà Nội's; "trên địa
        # bàn thành phố" is the province the article's lead names.
        return (
            place in candidate.places_named
            or candidate.article_is_provincial
            or (
                place in candidate.places_in_lead
                and (candidate.refers_to_its_province or not candidate.lead_is_national)
            )
        )
    if question.place is None:
        # A province's own figure of a metric the nation reports ("xuất khẩu hạt điều năm 2004") is no
        # answer for the nation, unless it is a company's; another country's answers only a question
        # about something its sentence names ("Oak Ridge").
        if vocab.is_foreign(place):
            return bool(question.names)
        return place in (None, NATIONAL) or bool(
            question.names or question.metric is None or candidate.figure.subject.company
        )
    return place in (question.place, None)


def _metric_answers(question: Question, candidate: Candidate) -> bool:
    counting = question.unit is not None and question.unit.is_count
    return (
        not question.metric
        or candidate.figure.metric == question.metric
        or (counting and candidate.mentions_metric)
    )


def _unit_of_candidate_answers(question: Question, candidate: Candidate) -> bool:
    return _unit_answers(question, candidate.figure.unit)


def _subject_answers(question: Question, candidate: Candidate) -> bool:
    if candidate.figure.subject.sector is Unnamed.PART and question.subject.is_total:
        # a part answers the question that names it, never the total
        return (
            same_subject(question, replace(candidate.figure, subject=Subject())) and candidate.names_its_part
        )
    if candidate.figure.subject.company is Unnamed.COMPANY and not question.names:
        # "minh phu loi nhuan": a name typed in lower case is still the company its sentence names
        return same_subject(question, replace(candidate.figure, subject=Subject())) and candidate.names_typed
    return same_subject(question, candidate.figure)


def _names_answer(question: Question, candidate: Candidate) -> bool:
    return candidate.mentions_names


def _company_answers(question: Question, candidate: Candidate) -> bool:
    # "PVC thu về … nhưng tổng công ty chỉ đạt 222 tỷ đồng" is PVC's, not PVN's
    return not (candidate.figure.subject.company is Unnamed.COMPANY and candidate.names_another_company)


def _another_of_its_kind_answers(question: Question, candidate: Candidate) -> bool:
    return not candidate.names_another_of_its_kind


def _kinds_and_names(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """ "BOT Cai Lậy": a capitalised word that names a kind of thing, then the name of the one meant,
    folded."""
    found = []
    for run in _capitalised_runs(text):
        # "GDP Việt Nam" names a metric and a place, which their own checks read
        if (
            len(run) >= _MIN_NAMED_KIND_WORDS
            and run[0].isupper()
            and not vocabulary().metric_matcher.find(run[0])
        ):
            found.append((fold(run[0]), tuple(fold(word) for word in run[1:])))
    return found


def _names_after(kind: str, text: str) -> list[tuple[str, ...]]:
    """The names a text gives after the word of a kind ("BOT Hoài Nhơn")."""
    return [
        tuple(fold(word) for word in run[1:])
        for run in _capitalised_runs(text)
        if len(run) >= _MIN_NAMED_KIND_WORDS and fold(run[0]) == kind and run[0].isupper()
    ]


def _capitalised_runs(text: str) -> list[list[str]]:
    runs: list[list[str]] = [[]]
    for word in text.split():
        bare = word.strip(".,;:!?()\"'“”")
        if bare[:1].isupper() and bare == word.rstrip(".,;:!?)\"'”"):
            runs[-1].append(bare)
        else:
            runs.append([])
    return [run for run in runs if run]


def _time_of_day_answers(question: Question, candidate: Candidate) -> bool:
    # a morning price is not the price asked for at 16h
    return not (question.day_parts and candidate.day_parts and not question.day_parts & candidate.day_parts)


def _day_answers(question: Question, candidate: Candidate) -> bool:
    # another day's price, or a year's total, is not the figure of that day
    return question.day is None or candidate.is_of_day(question.day)


def _words_answer(question: Question, candidate: Candidate) -> bool:
    """Without a metric, the words around the figure are all that ties it to the question ("bao
    nhiêu người chết": not any count of people)."""
    loosely_asked = question.metric is None and (question.keywords or not question.is_specific)
    return not (loosely_asked and (candidate.overlap < MIN_KEYWORD_OVERLAP or not candidate.said_here))


def _base_answers(question: Question, candidate: Candidate) -> bool:
    """A change against the month before is no answer to one asked against a year before."""
    return (
        question.base is None
        or candidate.figure.measure is not Measure.CHANGE
        or candidate.base in (None, question.base)
    )


def _contribution_or_revision_answers(question: Question, candidate: Candidate) -> bool:
    """ "đóng góp lớn nhất vào tăng trưởng GDP: 2,67%" is no growth of GDP, unless that part is asked."""
    return question.asks_contribution_or_revision or not candidate.is_contribution_or_revision


# How far before a figure a word of contribution or revision speaks of it, whatever its own stretch.
_CONTRIBUTION_CUE_CHARS = 60


def _balance_side_answers(question: Question, candidate: Candidate) -> bool:
    """ "cả nước xuất siêu 1,154 tỷ USD" is no answer to "nhập siêu bao nhiêu"."""
    asked = question.balance_sides
    said = candidate.balance_side
    return len(asked) != 1 or said is None or said in asked


def _profit_kind_answers(question: Question, candidate: Candidate) -> bool:
    """Profit after tax asked is not answered by profit before it, nor the other way round."""
    asked = question.profit_kinds
    own = candidate.profit_kinds
    return len(asked) != 1 or not own or own == asked


def _not_given(question: Question, candidate: Candidate) -> bool:
    """An amount the question states ("suất đầu tư 1 km tuyến metro") is what it asks about, not the answer."""
    figure = candidate.figure
    return not any(same_amount((figure.value, figure.unit), amount) for amount in question.amounts)


def _every_word_answers(question: Question, candidate: Candidate) -> bool:
    return not candidate.unaccounted


def _same_kind(question: Question, figure: Figure) -> bool:
    if (
        question.measure is not None
        and figure.measure is not question.measure
        and not _share_as_level(question, figure)
    ):
        return False
    if question.measure is None and figure.measure is Measure.CHANGE and not _asks_an_index(question):
        return False  # "vốn hóa … bằng bao nhiêu % GDP" is the 74%, not the "tăng hơn 35%" beside it
    if question.measure is None and question.metric and figure.measure is Measure.SHARE:
        return False  # "chiếm 85% tăng trưởng dân số" is a part of the growth, not its rate
    if question.measure is None and figure.measure is Measure.SHARE_OF_PLAN:
        return False  # "đạt 78% kế hoạch" is how far a plan was met, not the amount asked
    return True


def _asks_an_index(question: Question) -> bool:
    """A metric usually reported as its change ("chỉ số giá tiêu dùng … 3,5%"): a plain question about
    it is answered by "tăng 3,5%"."""
    metric = vocabulary().metrics.get(question.metric or "")
    return metric is not None and metric.reported_as_change


def _share_as_level(question: Question, figure: Figure) -> bool:
    """Without a metric, or of a metric that is a rate, "chiếm bao nhiêu phần trăm dân số" is answered by
    "4% dân số Canada …": a percentage written without "chiếm" is a share all the same."""
    metric = vocabulary().metrics.get(question.metric or "")
    return (
        (metric is None or metric.percent)
        and question.measure is Measure.SHARE
        and figure.measure is Measure.LEVEL
        and figure.unit.family is UnitFamily.PERCENT
    )


def _same_when(question: Question, figure: Figure) -> bool:
    if figure.period.kind is PeriodKind.AVERAGE:
        # "bình quân 1 tháng gần 2,4 tỷ USD" answers only a question about the average, of its year
        return (
            question.wants_average
            and question.day is None
            and (question.period is None or question.period.year == figure.period.year)
        )
    if question.day is not None:
        # A price quoted with no period is of the day its article was written (`Candidate.is_of_day`).
        return figure.period.year in (None, question.day.year) and figure.period.is_full_year
    return question.period is None or (
        figure.period.year == question.period.year and figure.period.same_span(question.period)
    )


def _place_answers(question: Question, candidate: Candidate) -> bool:
    """The asked place's figure. A figure placed nowhere answers for another country its sentence or
    title names ("48 chiếc F-15 thuộc Không lực Hoa Kỳ": encyclopedic text names the country after
    its figures); never for a province, whose figures news places. A named area's figure ("tại tỉnh
    Nam (2,3%)", "quận 7, chỉ có 7%") answers only a question that names the area, never one about
    the whole it is part of."""
    area = candidate.figure.area
    if area is not None and not names_area(question.text, area):
        return False
    place, vocab = candidate.figure.place, vocabulary()
    if question.place is None or place == question.place:
        return True
    if place is None and question.place == NATIONAL and candidate.figure.subject.partner is not None:
        # "Năm 1995, … kim ngạch thương mại hai chiều đạt 451 triệu USD" with Hoa Kỳ: a partner's trade
        # placed nowhere is Việt Nam's
        return question.subject.partner is not None and is_trade_with_a_partner(candidate.figure.metric)
    if place is not None or not vocab.is_foreign(question.place):
        return False
    # …but not when its own sentence names only other countries ("thặng dư thương mại … 350 tỷ USD …
    # của Trung Quốc" in an article about the United States)
    in_sentence = candidate.places_in_sentence
    others = any(vocab.is_foreign(p) and p != question.place for p in in_sentence)
    return question.place in candidate.places_named and (question.place in in_sentence or not others)


def _price_of_its_days_year(question: Question, candidate: Candidate) -> bool:
    """A price quoted with no period is of the day its article is dated, so it answers for that day's
    year ("giá xăng … kỳ điều chỉnh đầu năm 2019" from an article of 1/1/2019)."""
    figure = candidate.figure
    return (
        question.day is None
        and question.period is not None
        and question.period.is_full_year
        and figure.period == Period()
        and asks_price(question)
        and candidate.dated_year == question.period.year
    )


def _unit_answers(question: Question, unit: Unit) -> bool:
    asked = question.unit
    if not is_asked_unit(question, unit):
        return False
    if unit.is_rate and asked is None and not (asks_price(question) or _asks_per_head(question)):
        return False  # a price per ton answers "bao nhiêu USD/tấn", never "xuất khẩu bao nhiêu"
    if asked is None and question.metric is None and unit.is_count and not _names_counted(question, unit):
        return False  # "vốn chủ sở hữu của VIB" is not answered by "100 trẻ em"
    if asked is None and asks_price(question) and unit.is_count:
        return False  # a price is an amount of money, never "4 ngày" nor "2 lần"
    if question.wants_money and not isinstance(unit.family, Currency):
        return False  # "đạt kim ngạch bao nhiêu" asks for money, not tonnes
    return not (asks_amount(question) and unit.is_percentage)  # never a share or a rate


# Cheap checks first: most candidates fail on the kind, the year, the span or the place.
CHECKS: tuple[Check, ...] = (
    Check("câu hỏi không hỏi một số liệu", _asks_a_figure),
    Check("khác loại số liệu", _kind_answers),
    Check("mục tiêu đã vượt, không phải kết quả", _not_a_passed_target),
    Check("số đã có trong câu hỏi", _not_given),
    Check("khác kỳ", _period_answers),
    Check("khác địa phương", _province_answers),
    Check("khác chỉ tiêu", _metric_answers),
    Check("khác đơn vị", _unit_of_candidate_answers),
    Check("khác địa bàn", _place_answers),
    Check("khác đối tượng", _subject_answers),
    Check("câu không nêu tên được hỏi", _names_answer),
    Check("của công ty khác", _company_answers),
    Check("câu nêu tên khác", _another_of_its_kind_answers),
    Check("khác thời điểm trong ngày", _time_of_day_answers),
    Check("khác ngày", _day_answers),
    Check("khác mốc so sánh", _base_answers),
    Check("phần đóng góp hay mức điều chỉnh", _contribution_or_revision_answers),
    Check("khác chiều cán cân (xuất siêu/nhập siêu)", _balance_side_answers),
    Check("khác loại lợi nhuận (trước/sau thuế)", _profit_kind_answers),
    Check("câu ít từ của câu hỏi", _words_answer),
    Check("câu thiếu từ của câu hỏi", _every_word_answers),
)


# How far back the sentence before a figure's is looked for.
_SENTENCE_BEFORE_CHARS = 400
_SENTENCE_END = re.compile(r"[.!?…]\s+|\n")


def _sentence_before(text: str, start: int) -> str:
    """The sentence before the one at `start` (news often sets each sentence on a line of its own)."""
    window = text[max(0, start - _SENTENCE_BEFORE_CHARS) : start].rstrip()
    ends = list(_SENTENCE_END.finditer(window))
    return window[ends[-1].end() :] if ends else window


def failed_check(question: Question, candidate: Candidate) -> Check | None:
    """The first check the figure fails, or None when it answers the question."""
    return next((check for check in CHECKS if not check.passes(question, candidate)), None)


def matches(question: Question, candidate: Candidate) -> bool:
    return failed_check(question, candidate) is None


def why_not(question: Question, candidate: Candidate) -> str | None:
    """Why the figure does not answer, in one short phrase ("khác kỳ", "câu thiếu từ: sacombank")."""
    failed = failed_check(question, candidate)
    if failed is None:
        return None
    if failed.passes is _every_word_answers:
        return f"{failed.why_not}: {', '.join(candidate.unaccounted)}"
    return failed.why_not


def preference(question: Question, candidate: Candidate) -> float:
    """How well a matching figure answers: its similarity and word overlap, plus what a question
    that does not say means (the country, the full year, a reported result)."""
    figure = candidate.figure
    score = candidate.score
    if question.wants_estimate and figure.basis is Basis.ESTIMATE:
        score += ASKED_ESTIMATE_BONUS
    if figure.basis is Basis.ACTUAL:
        score += ACTUAL_BONUS
    if question.period is None and figure.period.is_full_year:
        score += NATIONAL_OR_FULL_YEAR_BONUS
    if question.place is None and figure.place == NATIONAL:
        score += NATIONAL_OR_FULL_YEAR_BONUS
    if question.period is not None and candidate.year_stated:
        score += STATED_YEAR_BONUS
    if question.place is not None and figure.place == question.place:
        score += STATED_PLACE_BONUS  # over a partner's trade placed nowhere, which is only taken as ours
    if question.plan_words and any(word in fold(candidate.own_words) for word in question.plan_words):
        score += PLAN_WORDING_BONUS  # "chỉ tiêu" asked: the 109.000 tỷ of "chỉ tiêu Pháp lệnh", not the 8.500 to go
    if figure.subject.company and question.names:
        score += NAMED_COMPANY_BONUS  # it matched: the asked company's own figure
    return score


def differs_unasked(question: Question, a: Figure, b: Figure) -> bool:
    """Equally good figures that the question cannot tell apart: other places or periods. The same
    amount reported by several outlets is one answer, and a national figure is what a question
    without a place asks for."""
    if same_amount((a.value, a.unit), (b.value, b.unit)):
        return False
    place_differs = question.place is None and a.place != b.place and NATIONAL not in (a.place, b.place)
    period_differs = question.period is None and (a.period != b.period)
    return place_differs or period_differs


def related(best: Candidate, candidates: list[Candidate]) -> list[Candidate]:
    """Other figures of the same metric, place and area, for "Số liệu khác": amounts (other years,
    targets) before the changes that describe them, the same article first."""
    same = [
        c
        for c in candidates
        if c is not best
        and c.figure.metric == best.figure.metric
        and (c.figure.place, c.figure.area) == (best.figure.place, best.figure.area)
    ]
    return sorted(
        same,
        key=lambda c: (
            c.figure.article_id != best.figure.article_id,
            c.figure.measure is not Measure.LEVEL,
            -c.similarity,  # not the score: weighing every figure's words costs more than the order is worth
        ),
    )


def closest(question: Question, candidates: list[Candidate]) -> list[Candidate]:
    """Figures of the same metric (else the most similar), nearest to the asked year first."""
    if question.metric:
        pool = [c for c in candidates if c.figure.metric == question.metric]
    elif question.unit:
        asked = question.unit.key
        pool = [c for c in candidates if c.figure.unit.key == asked]
    else:
        pool = [c for c in candidates if c.overlap > 0]
    if not pool and question.is_specific:
        pool = [c for c in candidates if question.place is None or c.figure.place == question.place]
    # Since 2025 Hải Phòng includes Hải Dương: a Hải Dương figure is the nearest thing to a
    # Hải Phòng answer, though never the answer itself.
    absorbed = set(vocabulary().absorbed_by(question.place)) if question.place else set()

    def rank(c: Candidate) -> tuple:
        asked_year = question.period.year if question.period else None
        year_gap = abs((c.figure.period.year or 0) - asked_year) if asked_year else 0
        same_place = question.place is None or c.figure.place in (question.place, *absorbed)
        same_measure = question.measure is None or c.figure.measure is question.measure
        return (not same_place, not same_measure, year_gap, c.figure.basis is Basis.PLAN, -c.score)

    return unique(sorted(pool, key=rank))[:MAX_ALTERNATIVES]


def missing(question: Question, candidates: list[Candidate]) -> str:
    """Why nothing answers: the question asks nothing a figure can answer, or the asked place,
    period or figure is not in the articles."""
    if not question.answerable or (not question.is_specific and not question.unit):
        return "question"
    same = [c for c in candidates if question.metric is None or c.figure.metric == question.metric]
    if question.place and not any(c.figure.place == question.place for c in same):
        return "place"
    if question.period and not any(c.figure.period.year == question.period.year for c in same):
        return "period"
    return "figure"


def asks_price(question: Question) -> bool:
    metric = vocabulary().metrics.get(question.metric or "")
    return metric is not None and metric.price


def _asks_per_head(question: Question) -> bool:
    metric = vocabulary().metrics.get(question.metric or "")
    return metric is not None and metric.per_head


def asks_amount(question: Question) -> bool:
    """A level of a metric measured in amounts, with no unit asked: not a percentage."""
    if question.measure is not Measure.LEVEL or question.unit or not question.metric:
        return False
    metric = vocabulary().metrics.get(question.metric)
    return metric is not None and not metric.percent and not metric.reported_as_change


def is_asked_unit(question: Question, unit: Unit) -> bool:
    """The unit the question asks for, if it asks for one: the same unit, or a count of what it counts."""
    asked = question.unit
    return asked is None or same_unit(unit, asked) or _counts_named(question, unit)


def _names_counted(question: Question, unit: Unit) -> bool:
    """The question names what a count counts, wherever it does ("người" in "số người nghỉ hưu"); a
    unit of measure ("2,0 in", "300 m") needs no naming."""
    if any(unit.noun in units for units in vocabulary().size_units.values()):
        return True
    noun = FOLDED_WORD.findall(fold(unit.noun or ""))
    return bool(noun) and set(noun) <= set(FOLDED_WORD.findall(fold(question.text)))


def _counts_named(question: Question, unit: Unit) -> bool:
    """ "bao nhiêu phi cơ F-15" counts what "48 chiếc F-15" counts: the name a classifier's count
    classifies follows the question's counted noun."""
    asked, name = question.unit, unit.classified
    if asked is None or not asked.is_count or not name or not name[0].isupper():
        return False
    counted = " ".join(FOLDED_WORD.findall(fold(f"{asked.text} {name}")))
    return f" {counted} " in f" {' '.join(FOLDED_WORD.findall(fold(question.text)))} "


def same_unit(unit: Unit, asked: AskedUnit) -> bool:
    """The same unit; money in any currency for "kinh phí", any length for "độ cao"; for counts, the same counted noun ("lượt"
    answers "bao nhiêu lượt khách", "dân" and "cư dân" answer "dân số"); for a price per unit in no
    named currency, any currency per that unit."""
    if unit.is_count and asked.is_count and unit.noun and asked.noun:
        return same_counted(unit, asked.noun)
    if unit.key == asked.key:
        return True
    if asked.any_currency and asked.per is None:
        return isinstance(unit.family, Currency)
    if asked.size is not None:
        units = vocabulary().size_units[asked.size]
        name = unit.text if unit.is_rate else unit.noun  # "kg/m³" is a density, not a weight
        return name is not None and canonical_tone(name.lower()) in units
    if asked.any_currency:
        return isinstance(unit.family, Rate) and unit.family.per == asked.per
    return False


def same_counted(unit: Unit, asked: str) -> bool:
    """Counts of the same thing. A classifier's count counts what it classifies, whatever the
    classifier: "3000 cuộc hội thoại" answers "bao nhiêu đoạn hội thoại", "48 chiếc máy bay" never
    "bao nhiêu xe"; and "bao nhiêu chiếc" as asked. With nothing after it ("tổng đàn 60 triệu con")
    it counts only what its own word counts ("bao nhiêu cá thể")."""
    noun = unit.noun or ""
    if unit.classified:
        return same_noun(unit.classified.lower(), asked) or written_alike(noun, asked)
    return same_noun(noun, asked)


def same_noun(noun: str, asked: str) -> bool:
    """Counted nouns written alike, or that count the same things ("lính" answers "bao nhiêu quân",
    "dân" answers "dân số")."""
    groups = vocabulary().counted_group

    def group(word: str) -> int | None:
        return groups.get(word, groups.get(word.split()[0]))

    if group(noun) is not None and group(noun) == group(asked):
        return True
    return written_alike(noun, asked)


def written_alike(noun: str, asked: str) -> bool:
    """Counted nouns agree on their first syllable, and on their second when both have one ("công
    ty" is not "công nhân"), the asked one as typed."""
    syllables, asked_syllables = noun.split(), asked.split()
    return all(
        canonical_tone(typed) == canonical_tone(written) or (typed == fold(typed) and fold(written) == typed)
        for typed, written in zip(asked_syllables, syllables, strict=False)
    )


def same_subject(question: Question, figure: Figure) -> bool:
    """The figure counts what was asked: the same commodity, partner and sector (none when none was
    asked: a commodity's exports are not the total), and a company's figure only when the question
    names that company."""
    asked, counted = question.subject, figure.subject
    metric = vocabulary().metrics.get(question.metric or "")
    commodity = None if metric and counted.commodity == metric.commodity else counted.commodity
    if (asked.commodity, asked.partner, asked.sector) != (commodity, counted.partner, counted.sector):
        return False
    if counted.company is None:
        return True
    if counted.company is Unnamed.COMPANY:
        return bool(question.names)
    asked_words = set(question.names) | {fold(word) for word in question.keywords}
    return any(
        is_named_in(word, asked_words)
        for word in folded_words(counted.company)
        if len(word) >= MIN_COMPANY_WORD
    )


def unique(candidates: list[Candidate]) -> list[Candidate]:
    """Each figure once (the same figure can be reached through several passages)."""
    seen, result = set(), []
    for candidate in candidates:
        key = (candidate.figure.article_id, candidate.figure.start)
        if key not in seen:
            seen.add(key)
            result.append(candidate)
    return result
