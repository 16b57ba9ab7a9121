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


class PhraseMatcher:
    """Finds whole-word phrases, longest first; optionally on diacritic-folded text.

    Folding keeps offsets, so a match on folded text points at the same span of the original.
    """

    def __init__(self, phrases: dict[str, str], *, case_sensitive: bool = False) -> None:
        self._keys = {self._canon(p, case_sensitive): k for p, k in phrases.items()}
        self._folded_keys = {fold(p): k for p, k in phrases.items()}
        self._case_sensitive = case_sensitive
        self._exact = self._compile(self._keys, flags=0 if case_sensitive else re.IGNORECASE)
        self._folded = self._compile(self._folded_keys, flags=0)

    @staticmethod
    def _canon(phrase: str, case_sensitive: bool) -> str:
        return phrase if case_sensitive else phrase.lower()

    @staticmethod
    def _compile(keys: dict[str, str], flags: int) -> re.Pattern[str] | None:
        if not keys:
            return None
        alternatives = []
        for phrase in sorted(keys, key=len, reverse=True):
            body = r"\s+".join(re.escape(part) for part in phrase.split())
            left = r"(?<![\w])" if phrase[0].isalnum() else ""
            right = r"(?![\w])" if phrase[-1].isalnum() else ""
            alternatives.append(f"{left}{body}{right}")
        return re.compile("|".join(alternatives), flags)

    def find(self, text: str, *, folded: bool = False) -> list[PhraseMatch]:
        pattern = self._folded if folded else self._exact
        if pattern is None:
            return []
        haystack = fold(text) if folded else text
        keys = self._folded_keys if folded else self._keys
        found = []
        for match in pattern.finditer(haystack):
            phrase = " ".join(match.group().split())
            lookup = phrase if (folded or self._case_sensitive) else phrase.lower()
            found.append(PhraseMatch(keys[lookup], match.start(), match.end(), text[match.start() : match.end()]))
        return found


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    words: tuple[str, ...]


class Vocabulary:
    """Every word list the engine knows, from one data file."""

    def __init__(self, data: dict) -> None:
        self.data = data
        self.metrics = {
            key: Metric(key, entry["label"], tuple(entry["words"])) for key, entry in data["metrics"].items()
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
        places = data["places"]
        self.provinces: dict[str, list[str]] = places["provinces"]
        self.outlets: dict[str, str] = places["outlets"]
        self.national: list[str] = places["national"]
        self.merged_2025: dict[str, list[str]] = places["merged_2025"]

    def metric_label(self, key: str) -> str:
        metric = self.metrics.get(key)
        return metric.label if metric else key

    def _matcher(self, words: list[str], key: str | None = None, **kwargs) -> PhraseMatcher:
        return PhraseMatcher({word: key or word for word in words}, **kwargs)

    @cached_property
    def metric_matcher(self) -> PhraseMatcher:
        return PhraseMatcher({word: m.key for m in self.metrics.values() for word in m.words})

    @cached_property
    def place_matcher(self) -> PhraseMatcher:
        """Case-sensitive in articles: "hòa bình" (peace) is not "Hòa Bình" (the province)."""
        phrases = {alias: name for name, aliases in self.provinces.items() for alias in aliases}
        phrases.update({word: NATIONAL for word in self.national})
        return PhraseMatcher(phrases, case_sensitive=True)

    @cached_property
    def place_matcher_any_case(self) -> PhraseMatcher:
        phrases = {alias: name for name, aliases in self.provinces.items() for alias in aliases}
        phrases.update({word: NATIONAL for word in self.national})
        return PhraseMatcher(phrases)

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
    def stopwords(self) -> frozenset[str]:
        return frozenset(fold(word) for word in self.data["questions"]["stopwords"])

    def absorbed_by(self, province: str) -> list[str]:
        """Pre-2025 provinces merged into `province`."""
        return self.merged_2025.get(province, [])


NATIONAL = "cả nước"


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    data = tomllib.loads(resources.files("corpus").joinpath("vocabulary.toml").read_text(encoding="utf-8"))
    return Vocabulary(data)
