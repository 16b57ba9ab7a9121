"""Another country's trade with Việt Nam, read as Việt Nam's: "Mỹ xuất khẩu sang Việt Nam" is what
Việt Nam imports from Mỹ. Figures and questions are both turned this way, so they meet."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from corpus.text import fold
from corpus.vocabulary import PhraseMatch, vocabulary

_MIRROR = {"export": "import", "import": "export"}


@dataclass(frozen=True, slots=True)
class TradeWithVietNam:
    """A wording of trade whose other side is Việt Nam, and whether it turns the flow around."""

    start: int  # where its verb starts: the other country is named before it
    end: int  # where its mention of Việt Nam ends
    turned: bool  # "xuất khẩu sang Việt Nam": the other country's exports are Việt Nam's imports

    def metric(self, metric: str) -> str:
        return _MIRROR.get(metric, metric) if self.turned else metric


def trade_with_viet_nam(text: str, end: int | None = None) -> TradeWithVietNam | None:
    """The last wording of trade with Việt Nam in `text[:end]`, or None."""
    found = None
    for match in _pattern().finditer(fold(text[:end] if end is not None else text)):
        outward = match.group("outward") is not None
        turned = outward == (match.group("towards") is not None)
        found = TradeWithVietNam(match.start(), match.end(), turned)
    return found


def is_traded(metric: str | None) -> bool:
    return metric in _MIRROR


def is_trade_with_a_partner(metric: str | None) -> bool:
    """Exports, imports, or both ways: what a country trades with one partner."""
    return is_traded(metric) or metric == "total_trade"


def other_country(text: str, trade: TradeWithVietNam, places: list[PhraseMatch]) -> PhraseMatch | None:
    """Where the foreign country that trades with Việt Nam is named, before the wording or inside it
    ("xuất khẩu của Hoa Kỳ vào Việt Nam"): the last one, unless it is named as a market already ("sang
    Trung Quốc")."""
    vocab = vocabulary()
    named = [p for p in places if p.end <= trade.end and vocab.is_foreign(vocab.country_of(p.key))]
    if not named or vocab.is_partner(text, named[-1]):
        return None
    return named[-1]


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    words = vocabulary().data["trade_with_viet_nam"]

    def one_of(group: str) -> str:
        return "|".join(re.escape(fold(w)) for w in sorted(words[group], key=len, reverse=True))

    between = rf"(?:[\w-]+\s+){{0,{words['words_between']}}}?"
    return re.compile(
        rf"(?<![\w])(?:(?P<outward>{one_of('outward')})|(?:{one_of('inward')}))\s+{between}"
        rf"(?:(?P<towards>{one_of('towards')})|(?:{one_of('away')}))\s+(?:thi truong\s+)?(?:{one_of('viet_nam')})(?![\w])",
        re.IGNORECASE,
    )
