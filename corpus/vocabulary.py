"""The Vietnamese vocabulary of figures, loaded from vocabulary.toml and compiled into matchers."""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources

from corpus.text import before, fold


@dataclass(frozen=True)
class PhraseMatch:
    key: str
    start: int
    end: int
    text: str


_TOKEN = re.compile(r"\w+|[^\w\s]")
# The other side of a pair with Việt Nam: "Việt Nam - Nga", "Việt - Trung", "giữa Việt Nam và Lào".
# A partner's marker is the word or two right before its name ("sang", "thị trường"); a bilateral
# pair ("thương mại Việt Nam - Liên bang Nga") takes a few more.
_PARTNER_MARKER_CHARS = 14
_BILATERAL_CUE_CHARS = 32
_PAIRED_WITH_VIET_NAM = re.compile(r"(?<![\w])(?:viet nam|vn|nuoc ta) (?:va|voi)\s*$")


# How far before a name its marker word ("tiếng", "gốc") is looked for.
_MARKER_CHARS = 8
# Between the nation's words and another country's name that they belong to ("Quốc hội của Mỹ").
_OF = re.compile(r"\s+(?:của\s+)?")


# The key of a word that only holds a phrase: matched to hide the phrase, never reported.
_SHADOW = "\0shadow"


class PhraseMatcher:
    """Finds whole-word phrases, longest first; optionally on diacritic-folded text.

    Text is cut into word and punctuation tokens and each run of tokens is looked up in a table,
    so "xuất,  nhập khẩu" matches the phrase "xuất, nhập khẩu" and "Bắc Ninh" never matches inside
    "Bắc Ninhh". Folding keeps offsets, so a folded match points at the same span of the original.
    """

    def __init__(
        self, phrases: dict[str, str], *, case_sensitive: bool = False, shadows: Iterable[str] = ()
    ) -> None:
        """`shadows`: longer words that hold a phrase without being it ("tăng nhân", a monk, holds
        "tăng"): they are read like phrases, so a phrase inside them is not found, and never reported."""
        self._case_sensitive = case_sensitive
        self._exact: dict[tuple[str, ...], str] = {}
        self._folded: dict[tuple[str, ...], str] = {}
        # Folded form → the phrases as written (lower-case) that fold to it: "bi" → {("bỉ",): "Bỉ"}.
        self._written: dict[tuple[str, ...], dict[tuple[str, ...], str]] = {}
        for phrase, key in (dict.fromkeys(shadows, _SHADOW) | phrases).items():
            tokens = _TOKEN.findall(phrase)
            if not tokens:
                continue
            self._exact[tuple(self._canon(t) for t in tokens)] = key
            folded = tuple(fold(t) for t in tokens)
            self._folded[folded] = key
            self._written.setdefault(folded, {})[tuple(canonical_tone(t.lower()) for t in tokens)] = key
        # Phrase lengths by first token, longest first: most tokens start no phrase and cost one lookup.
        self._exact_lengths = _lengths_by_first_token(self._exact)
        self._folded_lengths = _lengths_by_first_token(self._folded)

    def _canon(self, token: str) -> str:
        return canonical_tone(token if self._case_sensitive else token.lower())

    def find(
        self, text: str, *, folded: bool = False, as_typed: bool = False, end: int | None = None
    ) -> list[PhraseMatch]:
        """Phrases in `text`. `folded`: without diacritics on both sides. `as_typed` (for what people
        type): a word typed with diacritics must match them, a word typed without matches any, so
        "bi" may be "Bỉ" but "bị" never is. `end`: phrases in `text[:end]`, reading the tokens of the
        whole text, which the matchers of one sentence share."""
        folded = folded or as_typed
        spans, keys = _tokens(text, "folded" if folded else "exact" if self._case_sensitive else "lower")
        if end is not None:
            count = bisect_left(spans, (end,))  # the tokens that start before `end`
            if count and spans[count - 1][1] > end:  # `end` cuts a token: it is not the same text
                return self.find(text[:end], folded=folded, as_typed=as_typed)
            spans, keys = spans[:count], keys[:count]
        table, lengths = (
            (self._folded, self._folded_lengths) if folded else (self._exact, self._exact_lengths)
        )
        typed: list[str] | None = None
        found: list[PhraseMatch] = []
        resume = 0  # the first token after the last match: matches never overlap
        for index in [i for i, k in enumerate(keys) if k in lengths]:
            if index < resume:
                continue
            for length in lengths[keys[index]]:
                if index + length > len(spans):
                    continue
                window = tuple(keys[index : index + length])
                if as_typed:
                    typed = typed or _tokens(text, "lower")[1]
                    key = self._as_typed(window, typed[index : index + length])
                else:
                    key = table.get(window)
                if key is not None:
                    first, last = spans[index][0], spans[index + length - 1][1]
                    found.append(PhraseMatch(key, first, last, text[first:last]))
                    resume = index + length
                    break
        return [m for m in found if m.key != _SHADOW]

    def _as_typed(self, folded: tuple[str, ...], typed: list[str]) -> str | None:
        for written, key in self._written.get(folded, {}).items():
            if all(_undiacritical(t) or t == w for t, w in zip(typed, written, strict=True)):
                return key
        return None


@lru_cache(maxsize=8192)  # syllables come back all the time; folding them does not need to
def _undiacritical(token: str) -> bool:
    return token == fold(token)


# Two spellings of the same syllable: the tone mark on the first or the second vowel ("hoá" / "hóa").
_OLD_STYLE_TONES = {
    old: new
    for olds, news in (
        ("oà oá oả oã oạ oè oé oẻ oẽ oẹ uỳ uý uỷ uỹ uỵ", "òa óa ỏa õa ọa òe óe ỏe õe ọe ùy úy ủy ũy ụy"),
    )
    for old, new in zip(olds.split(), news.split(), strict=True)
}


def canonical_tone(token: str) -> str:
    """One spelling of a syllable whichever vowel carries its tone: "thuỷ" → "thủy", "hoá" → "hóa"."""
    return token[:-2] + _OLD_STYLE_TONES[token[-2:]] if token[-2:] in _OLD_STYLE_TONES else token


# The same rewrite over a whole text at once: an old-style pair that ends a word.
_OLD_STYLE_TONE_END = re.compile(f"(?:{'|'.join(_OLD_STYLE_TONES)})(?!\\w)")


def _canonical_tones(text: str) -> str:
    return _OLD_STYLE_TONE_END.sub(lambda m: _OLD_STYLE_TONES[m.group()], text)


@lru_cache(maxsize=4096)
def _spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _TOKEN.finditer(text)]


@lru_cache(maxsize=4096)
def _tokens(text: str, form: str) -> tuple[list[tuple[int, int]], list[str]]:
    """Token offsets and lookup keys of a text; cached because every matcher reads the same sentence."""
    spans = _spans(text)
    source = fold(text) if form == "folded" else text.lower() if form == "lower" else text
    if len(source) != len(text):  # a character whose lower case is longer: fall back to per-token keys
        return spans, [
            fold(text[s:e]) if form == "folded" else canonical_tone(text[s:e].lower()) for s, e in spans
        ]
    if form != "folded":
        source = _canonical_tones(source)
    return spans, [source[s:e] for s, e in spans]


def _lengths_by_first_token(table: dict[tuple[str, ...], str]) -> dict[str, tuple[int, ...]]:
    lengths: dict[str, set[int]] = {}
    for tokens in table:
        lengths.setdefault(tokens[0], set()).add(len(tokens))
    return {first: tuple(sorted(found, reverse=True)) for first, found in lengths.items()}


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    words: tuple[str, ...]
    reported_as_change: bool = False
    percent: bool = False
    price: bool = False
    commodity: str | None = None  # the commodity the metric is of ("giá xăng dầu": xăng dầu)
    per_head: bool = False  # measured per person or worker ("93,2 triệu đồng/lao động"): a rate answers
    part_of: str | None = None  # the metric it is a part of ("thu nội địa" of "thu ngân sách")
    # Wordings that name it only in a sentence about no product: "tốc độ tăng trưởng" of the economy,
    # but "Với tốc độ tăng trưởng hơn 10,2% …, đồ gỗ …" is the growth of wood.
    vague: tuple[str, ...] = ()
    yields_to: tuple[str, ...] = ()  # metrics that, named beside it in a question, are what it asks
    never_money: bool = False  # counted in tonnes or units, never in a currency ("sản lượng")


class Vocabulary:
    """Every word list the engine knows, from one data file."""

    def __init__(self, data: dict) -> None:
        self.data = data
        self.metrics = {
            key: Metric(
                key,
                entry["label"],
                tuple(entry["words"]),
                entry.get("reported_as_change", False),
                entry.get("percent", False),
                entry.get("price", False),
                entry.get("commodity"),
                entry.get("per_head", False),
                entry.get("part_of"),
                tuple(entry.get("vague", ())),
                tuple(entry.get("yields_to", ())),
                entry.get("never_money", False),
            )
            for key, entry in data["metrics"].items()
        }
        units = data["units"]
        self.scales: dict[str, int] = units["scales"]
        self.currencies: dict[str, str] = units["currencies"]
        self.percent: list[str] = units["percent"]
        self.currency_signs: dict[str, str] = units["currency_signs"]
        self.percentage_points: list[str] = units["percentage_points"]
        self.classifiers: frozenset[str] = frozenset(canonical_tone(w.lower()) for w in units["classifiers"])
        self.not_cues: list[str] = data["cues"]["not_cues"]
        self.not_counts: list[str] = units["not_counts"]
        self.count_nouns: list[str] = units["count_nouns"] + [
            word for word in units["classifiers"] if word not in units["count_nouns"]
        ]
        self.measure_nouns: frozenset[str] = frozenset(n.lower() for n in units["measure_nouns"])
        # Each counted noun of a group of nouns that count the same things, and its group's number.
        self.counted_group: dict[str, int] = {
            canonical_tone(noun.lower()): group
            for group, nouns in enumerate(units["same_counted"])
            for noun in nouns
        }
        self.not_counted: frozenset[str] = frozenset(canonical_tone(w.lower()) for w in units["not_counted"])
        self.counted_by: dict[str, str] = units["counted_by"]
        self.written_before: frozenset[str] = frozenset(w.lower() for w in units["written_before"])
        self.size_units: dict[str, frozenset[str]] = {
            kind: frozenset(canonical_tone(unit.lower()) for unit in size["units"])
            for kind, size in data["sizes"].items()
        }
        periods = data["periods"]
        self.relative_years: dict[str, int] = periods["relative_years"]
        self.years_before_named: frozenset[str] = frozenset(fold(w) for w in periods["years_before_named"])
        self.review_season_months: int = periods["review_season_months"]
        self.year_reviewed_from_day: int = periods["year_reviewed_from_day"]
        self.first_year_written: int = periods["first_year_written"]
        self.periods: dict = periods
        places = data["places"]
        self.provinces: dict[str, list[str]] = places["provinces"]
        self.outlets: dict[str, str] = places["outlets"]
        self.national: list[str] = places["national"]
        self._any_nation = frozenset(canonical_tone(word.lower()) for word in places["any_nation"])
        self.not_places: list[str] = places["not_places"]
        self.foreign: list[str] = places["foreign"]
        self.partner_markers: frozenset[str] = frozenset(w.lower() for w in places["partner_markers"])
        self.demonym_markers: frozenset[str] = frozenset(fold(w) for w in places["demonym_markers"])
        self.merged_2025: dict[str, list[str]] = places["merged_2025"]

    def metric_label(self, key: str) -> str:
        metric = self.metrics.get(key)
        return metric.label if metric else key

    def _matcher(
        self, words: list[str], key: str | None = None, *, shadows: Iterable[str] = ()
    ) -> PhraseMatcher:
        return PhraseMatcher({word: key or word for word in words}, shadows=shadows)

    @staticmethod
    def kind_matcher(kinds: dict[str, list[str]]) -> PhraseMatcher:
        """Finds the words of a table of kinds (`[bases]`, `[profit_kinds]`), each keyed by its kind."""
        return PhraseMatcher({word: kind for kind, words in kinds.items() for word in words})

    @cached_property
    def count_noun_matcher(self) -> PhraseMatcher:
        return self._matcher(self.count_nouns)

    @cached_property
    def size_matcher(self) -> PhraseMatcher:
        """Words that ask for a size ("độ cao"), keyed by the kind of size."""
        return PhraseMatcher(
            {word: kind for kind, size in self.data["sizes"].items() for word in size["words"]}
        )

    @cached_property
    def metric_matcher(self) -> PhraseMatcher:
        return PhraseMatcher(
            {word: m.key for m in self.metrics.values() for word in m.words},
            shadows=self.data["cues"]["not_metrics"],
        )

    def _place_phrases(self) -> dict[str, str]:
        phrases = {alias: name for name, aliases in self.provinces.items() for alias in aliases}
        phrases.update(
            {alias: name for name, aliases in self.data["places"]["regions"].items() for alias in aliases}
        )
        phrases.update({word: NATIONAL for word in self.national})
        phrases.update({word: NOT_A_PLACE for word in self.not_places})
        phrases.update({word: self.country_of(word) for word in self.foreign})
        # Every other name of a foreign country ("South Korea", "Ca-na-đa"), but not its market.
        phrases.update(
            {
                alias: name
                for name, aliases in self.data["subjects"]["partners"].items()
                if name in self.foreign_places
                for alias in aliases
                if not alias.lower().startswith("thị trường") and alias not in phrases
            }
        )
        # "thủ đô" alone is Hà Nội; "thủ đô Đức" is in Germany.
        phrases.update({f"thủ đô {word}": self.country_of(word) for word in self.foreign})
        return phrases

    def country_of(self, word: str) -> str:
        """The canonical name of a foreign country or bloc ("Mỹ" → "Hoa Kỳ")."""
        return self._partner_names.get(word, word)

    @cached_property
    def _partner_names(self) -> dict[str, str]:
        """Every foreign country a market can be: the partners' aliases, and each foreign place the
        vocabulary knows by its own name ("Belarus", "Slovakia")."""
        aliases = {
            alias: name for name, aliases in self.data["subjects"]["partners"].items() for alias in aliases
        }
        return {word: word for word in self.data["places"]["foreign"] if word not in aliases} | aliases

    @cached_property
    def foreign_places(self) -> frozenset[str]:
        """Canonical names of the foreign countries places can be (a figure of Thái Lan is Thái Lan's)."""
        return frozenset(self.country_of(word) for word in self.foreign)

    def is_foreign(self, place: str | None) -> bool:
        return place in self.foreign_places

    def find_commodities(self, text: str) -> list[PhraseMatch]:
        """Commodities named in `text`; a one-word one only beside a trade word ("xuất khẩu gạo",
        "tấn gạo", "gạo xuất khẩu"), since it is an everyday word too ("giấy khen")."""
        heads = [(m.start, m.end) for m in self._commodity_head_matcher.find(text, as_typed=True)]
        found = []
        for match in self._commodity_matcher.find(text, as_typed=True):
            if len(_TOKEN.findall(match.text)) > 1 or any(
                not text[end : match.start].strip() or not text[match.end : start].strip()
                for start, end in heads
            ):
                found.append(match)
        return found

    @cached_property
    def _commodity_matcher(self) -> PhraseMatcher:
        return self._subject_matcher("commodities")

    @cached_property
    def _commodity_head_matcher(self) -> PhraseMatcher:
        return PhraseMatcher({word: "" for word in self.data["subjects"]["commodity_heads"]})

    @cached_property
    def sector_matcher(self) -> PhraseMatcher:
        return self._subject_matcher("sectors")

    @cached_property
    def sector_labels(self) -> dict[str, str]:
        return self.data["subjects"]["sector_labels"]

    @cached_property
    def sector_wholes(self) -> dict[str, list[str]]:
        return self.data["subjects"]["sector_wholes"]

    @cached_property
    def partner_matcher(self) -> PhraseMatcher:
        return PhraseMatcher(self._partner_names, case_sensitive=True)

    @cached_property
    def partner_matcher_any_case(self) -> PhraseMatcher:
        return PhraseMatcher(self._partner_names, shadows=self.data["questions"]["common_words"])

    @cached_property
    def generic_company_matcher(self) -> PhraseMatcher:
        return self._matcher(self.data["subjects"]["company"]["generic"])

    @cached_property
    def company_marker_matcher(self) -> PhraseMatcher:
        company = self.data["subjects"]["company"]
        phrases = {word: "marker" for word in company["markers"]}
        phrases.update({word: "" for word in company["not_companies"]})
        return PhraseMatcher(phrases, case_sensitive=True)

    @cached_property
    def known_words(self) -> frozenset[str]:
        """Every word the vocabulary holds, folded: "GDP", "USD", "UBND" are no company's ticker."""
        words: set[str] = set()

        def walk(value: object) -> None:
            if isinstance(value, str):
                words.update(fold(token) for token in _TOKEN.findall(value))
            elif isinstance(value, dict):
                for key, item in value.items():
                    walk(key)
                    walk(item)
            elif isinstance(value, list):
                for item in value:
                    walk(item)

        walk(self.data)
        return frozenset(words)

    @cached_property
    def not_company_words(self) -> frozenset[str]:
        return frozenset(self.data["subjects"]["company"]["not_company_words"])

    def _subject_matcher(self, group: str) -> PhraseMatcher:
        return PhraseMatcher(
            {alias: name for name, aliases in self.data["subjects"][group].items() for alias in aliases},
            shadows=self.data["questions"]["common_words"],
        )

    def find_places(self, text: str, *, any_case: bool = False) -> list[PhraseMatch]:
        """Provinces (canonical names), national scope and foreign countries named in `text`.

        Case-sensitive in articles: "hòa bình" (peace) is not "Hòa Bình" (the province); questions
        typed on a phone are matched in any case and without diacritics.
        """
        matcher = self._place_matcher_any_case if any_case else self._place_matcher
        found = [m for m in matcher.find(text, as_typed=any_case) if m.key != NOT_A_PLACE]
        found = [m for m in found if not self.is_demonym(text, m)]
        return [m for m in found if m.key != NATIONAL or not self._of_another_country(text, m, found)]

    def national_sources(self, text: str, places: list[PhraseMatch]) -> list[PhraseMatch]:
        """The nation's agencies named in `text` ("Tổng cục Thống kê", "Chính phủ"), but not another
        country's ("Chính phủ Hoa Kỳ"); `places` are its places (`find_places`), read once."""
        return [
            m
            for m in self._national_source_matcher.find(text)
            if not self._of_another_country(text, m, places)
        ]

    def names_vietnam(self, text: str) -> bool:
        """The text is about Việt Nam: it names the country, a province or an agency only Việt Nam has,
        or it names no other country."""
        places = self.find_places(text)
        if not any(self.is_foreign(p.key) for p in places):
            return True
        named = places + self.national_sources(text, places)
        return any(not self.is_foreign(p.key) and not self._is_any_nation(p) for p in named)

    def _is_any_nation(self, match: PhraseMatch) -> bool:
        """ "toàn quốc", "Chính phủ": words every country has."""
        return canonical_tone(match.text.lower()) in self._any_nation

    def _of_another_country(self, text: str, national: PhraseMatch, places: list[PhraseMatch]) -> bool:
        """ "toàn quốc Hoa Kỳ", "Quốc hội của Mỹ": the nation's words followed by another country's name
        are that country's."""
        if not self._is_any_nation(national):
            return False  # "Việt Nam Nhật Bản" is a pair of countries
        return any(
            self.is_foreign(p.key) and _OF.fullmatch(text[national.end : p.start]) is not None for p in places
        )

    def is_place_name(self, name: str) -> bool:
        """`name` is a place of the vocabulary, whatever marks it is written with ("Đăk Lăk")."""
        found = self._place_matcher_any_case.find(name, folded=True)
        return (
            bool(found) and found[0].key != NOT_A_PLACE and (found[0].start, found[0].end) == (0, len(name))
        )

    def find_demonyms(self, text: str) -> list[PhraseMatch]:
        """Foreign countries named as a language, an origin or a nationality ("tiếng Pháp", "người Mỹ
        gốc Ý"): what a figure is about, not where it is."""
        found = self._place_matcher_any_case.find(text, as_typed=True)
        return [m for m in found if self.is_demonym(text, m)]

    def is_demonym(self, text: str, place: PhraseMatch) -> bool:
        before = text[max(0, place.start - _MARKER_CHARS) : place.start].split()
        return self.is_foreign(place.key) and bool(before) and fold(before[-1]) in self.demonym_markers

    @cached_property
    def _national_source_matcher(self) -> PhraseMatcher:
        return PhraseMatcher(
            {word: NATIONAL for word in self.data["places"]["national_sources"]}, case_sensitive=True
        )

    @cached_property
    def national_source_matcher_any_case(self) -> PhraseMatcher:
        """The nation's agencies as a question types them ("tổng cục hải quan")."""
        return self._matcher(self.data["places"]["national_sources"], NATIONAL)

    @cached_property
    def local_referent_matcher(self) -> PhraseMatcher:
        return self._matcher(self.data["places"]["local_referents"])

    @cached_property
    def provincial_cue_matcher(self) -> PhraseMatcher:
        return PhraseMatcher(
            {word: "" for word in self.data["places"]["provincial_cues"]}, case_sensitive=True
        )

    @cached_property
    def _place_matcher(self) -> PhraseMatcher:
        return PhraseMatcher(self._place_phrases(), case_sensitive=True)

    @cached_property
    def _place_matcher_any_case(self) -> PhraseMatcher:
        return PhraseMatcher(self._place_phrases(), shadows=self.data["questions"]["common_words"])

    def is_partner(self, text: str, place: PhraseMatch) -> bool:
        """ "xuất khẩu sang Trung Quốc", "nhập từ Nga", "thị trường Mỹ": a trade partner, not the place.
        A province is never a partner: "thị trường Hà Nội", "xuất khẩu từ Bắc Ninh" say where."""
        if not self.is_foreign(place.key):
            return False
        words = before(text, place.start, _PARTNER_MARKER_CHARS).lower().split()
        if words[-2:] == ["khu", "vực"]:
            words = words[:-2]  # "sang khu vực Đông Âu"
        if words and words[-1] in self.partner_markers - {"của"}:
            return True
        lead = fold(before(text, place.start, _BILATERAL_CUE_CHARS))
        if self._bilateral.search(lead):
            return True  # "thương mại Việt Nam - Liên bang Nga", "giữa Việt Nam và Campuchia", "Trung Quốc Hàn Quốc"
        if _PAIRED_WITH_VIET_NAM.search(lead) and self.cue_matcher("two_way_trade").find(text):
            return True  # "Việt Nam và Israel đặt mục tiêu nâng kim ngạch thương mại song phương"
        return words[-2:] == ["thị", "trường"] or (
            len(words) > 1 and words[-2] in ("sang", "từ", "vào") and words[-1] == "các"
        )

    @cached_property
    def _bilateral(self) -> re.Pattern[str]:
        """A country named right before another, or "giữa X và" where X is a country or any place in a
        word or three ("giữa thành phố và Mỹ", "giữa tp.hcm và Mỹ"): the second is the first's partner.
        Matched folded, so "viet nam trung quoc" typed on a phone is a pair too."""
        countries = "|".join(
            re.escape(fold(word))
            for word in sorted({*self.foreign, "Việt Nam", "Việt", "VN", "nước ta"}, key=len, reverse=True)
        )
        return re.compile(
            rf"(?:(?<![\w])(?:{countries})\s*[-–]?|giua (?:(?:{countries})|(?:\S+ ){{1,3}}?)\s*va)"
            r"\s*(?:lien bang|lb|cong hoa|ch)?\s*$",
            re.IGNORECASE,
        )

    def cue_matcher(self, group: str) -> PhraseMatcher:
        return self._cue_matchers[group]

    def question_matcher(self, group: str) -> PhraseMatcher:
        return self._question_matchers[group]

    @cached_property
    def _cue_matchers(self) -> dict[str, PhraseMatcher]:
        return {
            group: self._matcher(words, shadows=self.not_cues)
            for group, words in self.data["cues"].items()
            if group not in ("not_cues", "not_metrics")
        }

    @cached_property
    def _question_matchers(self) -> dict[str, PhraseMatcher]:
        return {
            group: self._matcher(words, shadows=self.not_cues)
            for group, words in self.data["questions"].items()
            if group not in ("synonyms", "english")
        }

    @cached_property
    def synonym_matcher(self) -> PhraseMatcher:
        """Each wording of the synonyms, keyed by its group's position in the list."""
        groups = self.data["questions"]["synonyms"]
        return PhraseMatcher({word: str(index) for index, group in enumerate(groups) for word in group})

    def synonyms_of(self, match: PhraseMatch) -> tuple[str, ...]:
        """The other wordings of a synonym found in a text."""
        group = self.data["questions"]["synonyms"][int(match.key)]
        written = canonical_tone(match.text.lower())
        return tuple(word for word in group if canonical_tone(word) != written)

    @cached_property
    def attribution_words(self) -> frozenset[str]:
        return frozenset(fold(word) for word in self.data["questions"]["attribution"])

    @cached_property
    def durations(self) -> frozenset[str]:
        return frozenset(canonical_tone(word) for word in self.data["questions"]["durations"])

    @cached_property
    def function_words(self) -> frozenset[str]:
        return frozenset(canonical_tone(word) for word in self.data["questions"]["function_words"])

    @cached_property
    def loose_words(self) -> frozenset[str]:
        """Folded words a question may add that the figure's sentence need not repeat ("tổng", "riêng")."""
        return frozenset(fold(word) for word in self.data["questions"]["loose_words"])

    @cached_property
    def english(self) -> dict[str, tuple[str, ...]]:
        """English words and the Vietnamese wordings news uses for them."""
        return {word: tuple(wordings) for word, wordings in self.data["questions"]["english"].items()}

    @cached_property
    def stopwords(self) -> frozenset[str]:
        return frozenset(fold(word) for word in self.data["questions"]["stopwords"])

    @cached_property
    def _written_stopwords(self) -> frozenset[str]:
        return frozenset(canonical_tone(word.lower()) for word in self.data["questions"]["stopwords"])

    def is_stopword(self, word: str, marked_text: bool = False) -> bool:
        """A word typed with diacritics, or in a text typed with them, is a stopword as written ("cơ" is
        not "có", "thể" not "the", "cho vay" is no "vậy"); one typed without them is, if any stopword
        folds to it."""
        typed = canonical_tone(word.lower())
        as_written = marked_text or typed != fold(typed)
        return typed in self._written_stopwords if as_written else typed in self.stopwords

    def absorbed_by(self, province: str) -> list[str]:
        """Pre-2025 provinces merged into `province`."""
        return self.merged_2025.get(province, [])


NATIONAL = "cả nước"
NOT_A_PLACE = ""


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    data = tomllib.loads(resources.files("corpus").joinpath("vocabulary.toml").read_text(encoding="utf-8"))
    return Vocabulary(data)
