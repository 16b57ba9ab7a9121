"""The SQLite store of one index generation: articles, passages, their figures, and the lexical index.

Readers open it read-only: opening an index never creates or changes a file. Only a generation
being built (a private copy) is opened for writing.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import replace
from pathlib import Path

from corpus.model import Article, Basis, Figure, Measure, Passage, Period, Subject
from corpus.numbers import parse_unit
from foundation.errors import IndexDamagedError
from index.lexical import LexicalTerms, lexical_terms

_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, text TEXT NOT NULL, date TEXT, event_date TEXT,
    place TEXT, author TEXT, url TEXT, publisher TEXT, path TEXT
);
CREATE TABLE IF NOT EXISTS passages (
    id INTEGER PRIMARY KEY, article_id TEXT NOT NULL REFERENCES articles(id),
    start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS figures (
    id INTEGER PRIMARY KEY, article_id TEXT NOT NULL REFERENCES articles(id),
    value REAL NOT NULL, unit TEXT NOT NULL, text TEXT NOT NULL, metric TEXT NOT NULL,
    year INTEGER, months INTEGER, quarter INTEGER, month INTEGER, other_span TEXT, place TEXT,
    basis TEXT NOT NULL, measure TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
    sentence_start INTEGER NOT NULL, sentence_end INTEGER NOT NULL, qualifier TEXT, direction TEXT,
    commodity TEXT, partner TEXT, sector TEXT, company TEXT, classified TEXT, area TEXT
);
CREATE INDEX IF NOT EXISTS passages_by_article ON passages(article_id);
CREATE INDEX IF NOT EXISTS figures_by_article ON figures(article_id);
CREATE VIRTUAL TABLE IF NOT EXISTS passage_terms USING fts5(
    folded, accented, title, tokenize = "unicode61 remove_diacritics 0"
);
"""
# bm25 column weights: syllables as written count more than folded ones; the title adds context.
_BM25_WEIGHTS = (1.0, 1.5, 0.4)
# A syllable in more than this share of passages ("xuất", "năm", "đạt") tells them apart too little to
# pay for: BM25 weighs it near zero, and leaving it out of the query makes search 4× faster.
COMMON_TERM_SHARE = 0.05
# …and in at least this many: in a small corpus every word is worth searching.
COMMON_TERM_MIN_PASSAGES = 200
_ARTICLE_COLUMNS = (
    "id",
    "title",
    "text",
    "date",
    "event_date",
    "place",
    "author",
    "url",
    "publisher",
    "path",
)
_FIGURE_COLUMNS = (
    "article_id",
    "value",
    "unit",
    "text",
    "metric",
    "year",
    "months",
    "quarter",
    "month",
    "other_span",
    "place",
    "basis",
    "measure",
    "start",
    "end",
    "sentence_start",
    "sentence_end",
    "qualifier",
    "direction",
    "commodity",
    "partner",
    "sector",
    "company",
    "classified",
    "area",
)

# Terms whose passage counts are kept between questions.
_TERMS_KEPT = 100_000


class Store:
    """Read by many threads (the bot searches off the event loop); written only while building."""

    def __init__(self, db: sqlite3.Connection, path: Path) -> None:
        self.path = path
        self._db = db
        self._lock = threading.Lock()
        self._passage_count = 0  # known once opened for reading
        # Passages per term, kept: a store opened for reading never changes, and each question asks
        # for its terms twice (to leave common ones out of the search, to weigh its words).
        self._term_documents: dict[str, int] = {}

    @classmethod
    def create(cls, path: Path) -> Store:
        """A store of a generation being built: created if new, else the private copy is changed."""
        db = sqlite3.connect(path, check_same_thread=False)
        # Nobody reads a generation before it is published, and publishing syncs it to disk: waiting
        # for the disk after each article (3,000 times) would only protect files a crash discards.
        db.execute("PRAGMA synchronous = OFF")
        db.execute("PRAGMA journal_mode = MEMORY")
        db.executescript(_SCHEMA)
        return cls(db, path)

    @classmethod
    def open_readonly(cls, path: Path) -> Store:
        if not path.is_file() or path.stat().st_size == 0:
            raise IndexDamagedError(
                f"Chỉ mục hỏng: thiếu hoặc rỗng {path}. Chạy `solieu index build` để tạo lại.", path=path
            )
        try:
            db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not {"articles", "passages", "figures", "passage_terms"} <= tables:
                raise sqlite3.DatabaseError(
                    f"thiếu bảng {', '.join(sorted({'articles', 'passages', 'figures', 'passage_terms'} - tables))}"
                )
            columns = {row[1] for row in db.execute("PRAGMA table_info(figures)")}
            if not set(_FIGURE_COLUMNS) <= columns:
                raise sqlite3.DatabaseError(
                    f"bảng figures thiếu cột {', '.join(sorted(set(_FIGURE_COLUMNS) - columns))}"
                )
            # Term statistics, in this connection's own memory: the file is not touched.
            db.execute(
                "CREATE VIRTUAL TABLE temp.passage_vocab USING fts5vocab(main, 'passage_terms', 'row')"
            )
            passages = db.execute("SELECT COUNT(*) FROM passages").fetchone()[0]
        except sqlite3.DatabaseError as error:
            raise IndexDamagedError(
                f"Chỉ mục hỏng: không đọc được {path} ({error}). Chạy `solieu index build` để tạo lại.",
                path=path,
            ) from None
        store = cls(db, path)
        store._passage_count = passages
        return store

    def close(self) -> None:
        self._db.close()

    def add(self, article: Article, passages: list[Passage], figures: list[Figure]) -> list[Passage]:
        """Store one article; returns its passages with their new ids. The lexical index reads each
        passage's whole sentence: a short window is what the encoder can afford, not what words need."""
        title = lexical_terms(article.title).folded
        sentences = sorted({(f.sentence_start, f.sentence_end) for f in figures})
        terms_of: dict[str, LexicalTerms] = {}  # the windows of one sentence share its terms
        with self._lock, self._db:
            self._db.execute(
                f"INSERT INTO articles ({', '.join(_ARTICLE_COLUMNS)}) VALUES ({', '.join('?' * len(_ARTICLE_COLUMNS))})",
                [getattr(article, c) for c in _ARTICLE_COLUMNS],
            )
            stored = []
            for passage in passages:
                cursor = self._db.execute(
                    "INSERT INTO passages (article_id, start, end, text) VALUES (?, ?, ?, ?)",
                    (passage.article_id, passage.start, passage.end, passage.text),
                )
                sentence = _sentence_of(article, passage, sentences)
                if sentence not in terms_of:
                    terms_of[sentence] = lexical_terms(sentence)
                terms = terms_of[sentence]
                self._db.execute(
                    "INSERT INTO passage_terms (rowid, folded, accented, title) VALUES (?, ?, ?, ?)",
                    (cursor.lastrowid, terms.folded, terms.accented, title),
                )
                stored.append(
                    Passage(passage.article_id, passage.start, passage.end, passage.text, cursor.lastrowid)
                )
            self._db.executemany(
                f"INSERT INTO figures ({', '.join(_FIGURE_COLUMNS)}) VALUES ({', '.join('?' * len(_FIGURE_COLUMNS))})",
                [_figure_row(f) for f in figures],
            )
        return stored

    def remove_article(self, article_id: str) -> list[int]:
        """Delete an article; returns the ids of its passages (to drop from the vector index)."""
        with self._lock, self._db:
            ids = [
                row[0]
                for row in self._db.execute("SELECT id FROM passages WHERE article_id = ?", (article_id,))
            ]
            self._db.executemany("DELETE FROM passage_terms WHERE rowid = ?", [(i,) for i in ids])
            for table, column in (("figures", "article_id"), ("passages", "article_id"), ("articles", "id")):
                self._db.execute(f"DELETE FROM {table} WHERE {column} = ?", (article_id,))
        return ids

    def articles(self) -> list[Article]:
        rows = self._db.execute(f"SELECT {', '.join(_ARTICLE_COLUMNS)} FROM articles ORDER BY id")
        return [Article(*row) for row in rows]

    def all_passages(self) -> list[Passage]:
        rows = self._db.execute("SELECT id, article_id, start, end, text FROM passages ORDER BY id")
        return [Passage(row[1], row[2], row[3], row[4], row[0]) for row in rows]

    def common_terms(self, terms: set[str]) -> frozenset[str]:
        """The terms found in more than COMMON_TERM_SHARE of the passages (and in many)."""
        limit = max(COMMON_TERM_SHARE * self._passage_count, COMMON_TERM_MIN_PASSAGES)
        return frozenset(term for term, documents in self.term_documents(terms).items() if documents > limit)

    def term_documents(self, terms: set[str]) -> dict[str, int]:
        """In how many passages each term is found (terms found in none are left out)."""
        with self._lock:  # answers run in several threads: one reads or refills the counts at a time
            if len(self._term_documents) > _TERMS_KEPT:
                self._term_documents.clear()  # questions may bring any words: memory stays bounded
            unknown = sorted(terms - self._term_documents.keys())
            if unknown:
                rows = self._db.execute(
                    f"SELECT term, doc FROM passage_vocab WHERE term IN ({', '.join('?' * len(unknown))})",
                    unknown,
                ).fetchall()
                self._term_documents.update(dict.fromkeys(unknown, 0) | dict(rows))
            return {term: self._term_documents[term] for term in terms if self._term_documents[term]}

    @property
    def passage_count(self) -> int:
        return self._passage_count

    def lexical_search(self, expression: str, limit: int) -> list[tuple[int, float]]:
        """Passage ids by BM25 (higher is better) for an FTS5 match expression."""
        weights = ", ".join(str(w) for w in _BM25_WEIGHTS)
        with self._lock:
            rows = self._db.execute(
                f"SELECT rowid, -bm25(passage_terms, {weights}) AS score FROM passage_terms"
                " WHERE passage_terms MATCH ? ORDER BY score DESC LIMIT ?",
                (expression, limit),
            ).fetchall()
        return [(int(row[0]), float(row[1])) for row in rows]

    def figures(self) -> list[Figure]:
        rows = self._db.execute(f"SELECT id, {', '.join(_FIGURE_COLUMNS)} FROM figures ORDER BY id")
        return [_figure(row) for row in rows]

    def counts(self) -> dict[str, int]:
        return {
            table: self._db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            for table in ("articles", "passages", "figures")
        }


def _sentence_of(article: Article, passage: Passage, sentences: list[tuple[int, int]]) -> str:
    for start, end in sentences:
        if start <= passage.start and passage.end <= end:
            return article.text[start:end]
    return passage.text


def _figure_row(f: Figure) -> tuple:
    return (
        f.article_id,
        f.value,
        f.unit.text,
        f.text,
        f.metric,
        f.period.year,
        f.period.months,
        f.period.quarter,
        f.period.month,
        f.period.other,
        f.place,
        f.basis.value,
        f.measure.value,
        f.start,
        f.end,
        f.sentence_start,
        f.sentence_end,
        f.qualifier,
        f.direction,
        f.subject.commodity,
        f.subject.partner,
        f.subject.sector,
        f.subject.company,
        f.unit.classified,
        f.area,
    )


# Enum lookups by value, once: loading 40,000 figures through Enum.__call__ cost a third of start-up.
_BASES = {basis.value: basis for basis in Basis}
_MEASURES = {measure.value: measure for measure in Measure}
_FULL_YEARS: dict[int | None, Period] = {}
_TOTAL = Subject()


def _figure(r: tuple) -> Figure:
    if r[7] is None and r[8] is None and r[9] is None and r[10] is None:
        period = _FULL_YEARS.get(r[6]) or _FULL_YEARS.setdefault(r[6], Period(r[6]))
    else:
        period = Period(r[6], r[7], r[8], r[9], r[10])
    subject = (
        _TOTAL if r[20] is None and r[21] is None and r[22] is None and r[23] is None else Subject(*r[20:24])
    )
    unit = parse_unit(r[3])
    return Figure(
        value=r[2],
        unit=replace(unit, classified=r[24]) if r[24] else unit,
        text=r[4],
        metric=r[5],
        period=period,
        place=r[11],
        basis=_BASES[r[12]],
        measure=_MEASURES[r[13]],
        article_id=r[1],
        start=r[14],
        end=r[15],
        sentence_start=r[16],
        sentence_end=r[17],
        qualifier=r[18],
        direction=r[19],
        subject=subject,
        area=r[25],
        id=r[0],
    )
