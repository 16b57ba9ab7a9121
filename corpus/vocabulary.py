"""The Vietnamese vocabulary of figures, loaded from vocabulary.toml and compiled into matchers."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources

from corpus.text import fold


@dataclass(frozen=True)
class PhraseMatch:
    key: str
    start: int
    end: int
    text: str


_TOKEN = re.compile(r"\w+|[^\w\s]")


class PhraseMatcher:
    """Finds whole-word phrases, longest first; optionally on diacritic-folded text.

    Text is cut into word and punctuation tokens and each run of tokens is looked up in a table,
    so "xuất,  nhập khẩu" matches the phrase "xuất, nhập khẩu" and "Bắc Ninh" never matches inside
    "Bắc Ninhh". Folding keeps offsets, so a folded match points at the same span of the original.
    """

    def __init__(self, phrases: dict[str, str], *, case_sensitive: bool = False) -> None:
        self._case_sensitive = case_sensitive
        self._exact: dict[tuple[str, ...], str] = {}
        self._folded: dict[tuple[str, ...], str] = {}
        for phrase, key in phrases.items():
            tokens = _TOKEN.findall(phrase)
            if not tokens:
                continue
            self._exact[tuple(self._canon(t) for t in tokens)] = key
            self._folded[tuple(fold(t) for t in tokens)] = key
        # Phrase lengths by first token, longest first: most tokens start no phrase and cost one lookup.
        self._exact_lengths = _lengths_by_first_token(self._exact)
        self._folded_lengths = _lengths_by_first_token(self._folded)

    def _canon(self, token: str) -> str:
        return token if self._case_sensitive else token.lower()

    def find(self, text: str, *, folded: bool = False) -> list[PhraseMatch]:
        spans, keys = _tokens(text, "folded" if folded else "exact" if self._case_sensitive else "lower")
        table, lengths = (self._folded, self._folded_lengths) if folded else (self._exact, self._exact_lengths)
        found: list[PhraseMatch] = []
        index = 0
        while index < len(spans):
            for length in lengths.get(keys[index], ()):
                if index + length > len(spans):
                    continue
                key = table.get(tuple(keys[index : index + length]))
                if key is not None:
                    start, end = spans[index][0], spans[index + length - 1][1]
                    found.append(PhraseMatch(key, start, end, text[start:end]))
                    index += length
                    break
            else:
                index += 1
        return found


@lru_cache(maxsize=256)
def _tokens(text: str, form: str) -> tuple[list[tuple[int, int]], list[str]]:
    """Token offsets and lookup keys of a text; cached because every matcher reads the same sentence."""
    spans = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
    source = fold(text) if form == "folded" else text.lower() if form == "lower" else text
    if len(source) != len(text):  # a character whose lower case is longer: fall back to per-token keys
        return spans, [fold(text[s:e]) if form == "folded" else text[s:e].lower() for s, e in spans]
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


class Vocabulary:
    """Every word list the engine knows, from one data file."""

    def __init__(self, data: dict) -> None:
        self.data = data
        self.metrics = {
            key: Metric(key, entry["label"], tuple(entry["words"]), entry.get("reported_as_change", False))
            for key, entry in data["metrics"].items()
        }
        units = data["units"]
        self.scales: dict[str, int] = units["scales"]
        self.currencies: dict[str, str] = units["currencies"]
        self.percent: list[str] = units["percent"]
        self.percentage_points: list[str] = units["percentage_points"]
        self.count_nouns: list[str] = units["count_nouns"]
        periods = data["periods"]
        self.relative_years: dict[str, int] = periods["relative_years"]
        self.review_season_months: int = periods["review_season_months"]
        self.periods: dict = periods
        places = data["places"]
        self.provinces: dict[str, list[str]] = places["provinces"]
        self.outlets: dict[str, str] = places["outlets"]
        self.national: list[str] = places["national"]
        self.not_places: list[str] = places["not_places"]
        self.foreign: list[str] = places["foreign"]
        self.partner_markers: frozenset[str] = frozenset(w.lower() for w in places["partner_markers"])
        self.merged_2025: dict[str, list[str]] = places["merged_2025"]

    def metric_label(self, key: str) -> str:
        metric = self.metrics.get(key)
        return metric.label if metric else key

    def _matcher(self, words: list[str], key: str | None = None, **kwargs) -> PhraseMatcher:
        return PhraseMatcher({word: key or word for word in words}, **kwargs)

    @cached_property
    def count_noun_matcher(self) -> PhraseMatcher:
        return self._matcher(self.count_nouns)

    @cached_property
    def metric_matcher(self) -> PhraseMatcher:
        return PhraseMatcher({word: m.key for m in self.metrics.values() for word in m.words})

    def _place_phrases(self) -> dict[str, str]:
        phrases = {alias: name for name, aliases in self.provinces.items() for alias in aliases}
        phrases.update({word: NATIONAL for word in self.national})
        phrases.update({word: NOT_A_PLACE for word in self.not_places})
        phrases.update({word: FOREIGN for word in self.foreign})
        return phrases

    def find_places(self, text: str, *, any_case: bool = False) -> list[PhraseMatch]:
        """Provinces (canonical names), national scope and FOREIGN countries named in `text`.

        Case-sensitive in articles: "hòa bình" (peace) is not "Hòa Bình" (the province); questions
        typed on a phone are matched in any case and without diacritics.
        """
        matcher = self._place_matcher_any_case if any_case else self._place_matcher
        return [m for m in matcher.find(text, folded=any_case) if m.key != NOT_A_PLACE]

    @cached_property
    def national_source_matcher(self) -> PhraseMatcher:
        return PhraseMatcher({word: NATIONAL for word in self.data["places"]["national_sources"]}, case_sensitive=True)

    @cached_property
    def provincial_cue_matcher(self) -> PhraseMatcher:
        return PhraseMatcher({word: "" for word in self.data["places"]["provincial_cues"]}, case_sensitive=True)

    @cached_property
    def _place_matcher(self) -> PhraseMatcher:
        return PhraseMatcher(self._place_phrases(), case_sensitive=True)

    @cached_property
    def _place_matcher_any_case(self) -> PhraseMatcher:
        return PhraseMatcher(self._place_phrases())

    def is_partner(self, text: str, place: PhraseMatch) -> bool:
        """"xuất khẩu sang Trung Quốc", "nhập từ Nga": the place after these words is a trade partner."""
        before = text[max(0, place.start - 12) : place.start].split()
        return bool(before) and before[-1].lower() in self.partner_markers - {"của"}

    def cue_matcher(self, group: str) -> PhraseMatcher:
        return self._cue_matchers[group]

    def question_matcher(self, group: str) -> PhraseMatcher:
        return self._question_matchers[group]

    @cached_property
    def _cue_matchers(self) -> dict[str, PhraseMatcher]:
        return {group: self._matcher(words) for group, words in self.data["cues"].items()}

    @cached_property
    def _question_matchers(self) -> dict[str, PhraseMatcher]:
        return {group: self._matcher(words) for group, words in self.data["questions"].items()}

    @cached_property
    def attribution_words(self) -> frozenset[str]:
        return frozenset(fold(word) for word in self.data["questions"]["attribution"])

    @cached_property
    def stopwords(self) -> frozenset[str]:
        return frozenset(fold(word) for word in self.data["questions"]["stopwords"])

    def absorbed_by(self, province: str) -> list[str]:
        """Pre-2025 provinces merged into `province`."""
        return self.merged_2025.get(province, [])


NATIONAL = "cả nước"
NOT_A_PLACE = ""
FOREIGN = "nước ngoài"


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    data = tomllib.loads(resources.files("corpus").joinpath("vocabulary.toml").read_text(encoding="utf-8"))
    return Vocabulary(data)
