"""Vietnamese-aware lexical terms for SQLite FTS5: syllables as written and accent-folded.

Each passage is indexed twice: its syllables without diacritics ("xuat khau") and as written,
lower-cased ("xuất khẩu"). A question typed without diacritics searches the folded column only;
one typed with diacritics searches both, and the column as written weighs more, so "bị" (passive
voice) does not count as much as "Bỉ" (Belgium) for a question about Belgium.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.text import fold

_SYLLABLE = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class LexicalTerms:
    folded: str  # space-separated syllables without diacritics
    accented: str  # space-separated syllables as written, lower-cased


def lexical_terms(text: str) -> LexicalTerms:
    accented = " ".join(_SYLLABLE.findall(text.lower()))
    return LexicalTerms(fold(accented), accented)  # folding keeps every character's place


def match_expression(question: str, ignored: frozenset[str] = frozenset()) -> str | None:
    """An FTS5 query: any syllable of the question, folded always, as written when it has diacritics.

    `ignored` (folded syllables) are words too common to tell passages apart ("bao nhiêu").
    """
    terms = lexical_terms(question)
    folded = [s for s in dict.fromkeys(terms.folded.split()) if s not in ignored]
    if not folded:
        return None
    typed_with_diacritics = terms.folded != terms.accented
    clauses = [f"folded : ({' OR '.join(_quoted(s) for s in folded)})"]
    if typed_with_diacritics:
        accented = [
            s for s in dict.fromkeys(terms.accented.split()) if fold(s) not in ignored and fold(s) != s
        ]
        if accented:
            clauses.append(f"accented : ({' OR '.join(_quoted(s) for s in accented)})")
    return " OR ".join(clauses)


def _quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'
