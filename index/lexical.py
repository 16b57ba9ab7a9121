"""Vietnamese-aware lexical terms for SQLite FTS5: syllables as written and accent-folded.

Each passage is indexed twice: its syllables without diacritics ("xuat khau") and as written,
lower-cased ("xuất khẩu"). A question typed without diacritics searches the folded column only;
one typed with diacritics searches both, and the column as written weighs more, so "bị" (passive
voice) does not count as much as "Bỉ" (Belgium) for a question about Belgium.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from corpus.text import fold

_SYLLABLE = re.compile(r"[^\W_]+")
# The columns of the lexical index, and their weights in BM25: syllables as written count more than
# folded ones; the title adds context.
COLUMNS = ("folded", "accented", "title")
BM25_WEIGHTS = {"folded": 1.0, "accented": 1.5, "title": 0.4}
# FTS5's own BM25 constants (fts5_aux.c).
_K1, _B, _IDF_FLOOR = 1.2, 0.75, 1e-6


@dataclass(frozen=True)
class LexicalTerms:
    folded: str  # space-separated syllables without diacritics
    accented: str  # space-separated syllables as written, lower-cased


def lexical_terms(text: str) -> LexicalTerms:
    accented = " ".join(_SYLLABLE.findall(text.lower()))
    return LexicalTerms(fold(accented), accented)  # folding keeps every character's place


@dataclass(frozen=True)
class Phrase:
    """One syllable of a query, searched in one column."""

    column: str  # "folded" or "accented"
    term: str


def query_phrases(question: str, ignored: frozenset[str] = frozenset()) -> list[Phrase]:
    """Any syllable of the question, folded always, as written when it has diacritics.

    `ignored` (folded syllables) are words too common to tell passages apart ("bao nhiêu").
    """
    terms = lexical_terms(question)
    folded = [Phrase("folded", s) for s in dict.fromkeys(terms.folded.split()) if s not in ignored]
    if not folded or terms.folded == terms.accented:
        return folded
    accented = [s for s in dict.fromkeys(terms.accented.split()) if fold(s) not in ignored and fold(s) != s]
    return folded + [Phrase("accented", s) for s in accented]


def match_expression(phrases: list[Phrase]) -> str | None:
    """The FTS5 query of these phrases: `folded : ("a" OR "b") OR accented : ("á")`."""
    clauses = [
        f"{column} : ({' OR '.join(_quoted(p.term) for p in phrases if p.column == column)})"
        for column in COLUMNS
        if any(p.column == column for p in phrases)
    ]
    return " OR ".join(clauses) or None


@dataclass(frozen=True)
class TermStatistics:
    """What BM25 weighs a match by: the passages searched, their terms, and the passages holding each phrase."""

    rows: int
    tokens: int
    hits: dict[Phrase, int]


def bm25(phrases: list[Phrase], row: dict[str, list[str]], statistics: TermStatistics) -> float:
    """A passage's score as FTS5's bm25() computes it (same weights, k1, b, idf floor), with the
    statistics given rather than those of the passage's own table: a segment of a few changes
    is scored as part of the whole index."""
    length = sum(len(tokens) for tokens in row.values())
    average = statistics.tokens / max(statistics.rows, 1)
    score = 0.0
    for phrase in phrases:
        hits = statistics.hits.get(phrase, 0)
        idf = math.log((statistics.rows - hits + 0.5) / (hits + 0.5))
        frequency = row[phrase.column].count(phrase.term) * BM25_WEIGHTS[phrase.column]
        score += (
            (idf if idf > 0 else _IDF_FLOOR)
            * frequency
            * (_K1 + 1)
            / (frequency + _K1 * (1 - _B + _B * length / average))
        )
    return score


def _quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'
