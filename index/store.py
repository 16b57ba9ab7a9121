"""The SQLite store of one index segment: articles, passages, their figures, and the lexical index.

Answering looks everything up through the store's own indexes (figures by article, by metric and
year, by unit and year; passages by id and by article), so opening a store reads nothing but its
schema, whatever its size. Readers open it read-only: opening an index never creates or changes a
file. Only a segment being built (new, or a private copy) is opened for writing.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from corpus.model import (
    Article,
    Basis,
    Figure,
    Measure,
    Passage,
    Period,
    PeriodKind,
    Subject,
    UnitKey,
    Unnamed,
)
from corpus.numbers import parse_unit
from foundation.errors import IndexDamagedError
from index.lexical import BM25_WEIGHTS, COLUMNS, LexicalTerms, Phrase, lexical_terms

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
    year INTEGER, months INTEGER, quarter INTEGER, month INTEGER, other_span TEXT, span_kind TEXT, place TEXT,
    basis TEXT NOT NULL, measure TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
    sentence_start INTEGER NOT NULL, sentence_end INTEGER NOT NULL, qualifier TEXT, direction TEXT,
    commodity TEXT, partner TEXT, sector TEXT, company TEXT, unnamed TEXT, classified TEXT, area TEXT,
    unit_family TEXT NOT NULL, unit_noun TEXT
);
CREATE INDEX IF NOT EXISTS passages_by_article ON passages(article_id, start);
CREATE INDEX IF NOT EXISTS figures_by_article ON figures(article_id);
CREATE INDEX IF NOT EXISTS figures_by_metric_year ON figures(metric, year);
CREATE INDEX IF NOT EXISTS figures_by_unit_year ON figures(unit_family, unit_noun, year);
CREATE VIRTUAL TABLE IF NOT EXISTS passage_terms USING fts5(
    folded, accented, title, tokenize = "unicode61 remove_diacritics 0"
);
"""
_TABLES = {"articles", "passages", "figures", "passage_terms"}
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
    "span_kind",
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
    "unnamed",
    "classified",
    "area",
    "unit_family",
    "unit_noun",
)
_FIGURE_SELECT = f"SELECT id, {', '.join(_FIGURE_COLUMNS)} FROM figures"
_PASSAGE_SELECT = "SELECT id, article_id, start, end, text FROM passages"

# Terms whose passage counts are kept between questions.
_TERMS_KEPT = 100_000
# Ids bound per SQL statement: well under SQLite's limit on bound parameters (999 in old builds).
_IDS_PER_QUERY = 500


@dataclass(frozen=True)
class PreparedArticle:
    """An article understood and ready to store: its passages, its figures, and the lexical terms of
    each passage (those of its whole sentence: a short window is what the encoder can afford, not what
    words need). Prepared in worker processes during a build; stored by the one writer."""

    article: Article
    passages: list[Passage]
    figures: list[Figure]
    terms: list[LexicalTerms]  # one per passage
    title: str  # the title's folded terms


def prepare(article: Article, passages: list[Passage], figures: list[Figure]) -> PreparedArticle:
    sentences = sorted({(f.sentence_start, f.sentence_end) for f in figures})
    terms_of: dict[str, LexicalTerms] = {}  # the windows of one sentence share its terms
    terms = []
    for passage in passages:
        sentence = _sentence_of(article, passage, sentences)
        if sentence not in terms_of:
            terms_of[sentence] = lexical_terms(sentence)
        terms.append(terms_of[sentence])
    return PreparedArticle(article, passages, figures, terms, lexical_terms(article.title).folded)


class Store:
    """Read by many threads (the bot searches off the event loop) through one connection, a query at
    a time; written only while its segment is built."""

    def __init__(self, db: sqlite3.Connection, path: Path, passage_count: int = 0) -> None:
        self.path = path
        self._db = db
        self._lock = threading.Lock()
        self._passage_count = passage_count
        # Passages per term, kept: a store opened for reading never changes, and each question asks
        # for its terms twice (to leave common ones out of the search, to weigh its words).
        self._term_documents: dict[str, int] = {}
        self._next_passage_id = self._next_figure_id = 0  # known once opened for writing

    @classmethod
    def create(cls, path: Path, first_ids: tuple[int, int] = (1, 1)) -> Store:
        """A store of a segment being built: created if new, else the private copy is changed. New
        passages and figures are numbered from `first_ids` on (or after the ones there), so that
        numbers stay unique across the segments of an index."""
        db = sqlite3.connect(path, check_same_thread=False)
        # Nobody reads a segment before it is published, and publishing syncs it to disk: waiting for
        # the disk after each article (30,000 times) would only protect files a crash discards.
        db.execute("PRAGMA synchronous = OFF")
        db.execute("PRAGMA journal_mode = MEMORY")
        db.executescript(_SCHEMA)
        store = cls(db, path)
        passages, figures = (
            db.execute(f"SELECT MAX(id) FROM {t}").fetchone()[0] or 0 for t in ("passages", "figures")
        )
        store._next_passage_id = max(passages + 1, first_ids[0])
        store._next_figure_id = max(figures + 1, first_ids[1])
        return store

    @classmethod
    def open_readonly(cls, path: Path, passage_count: int) -> Store:
        if not path.is_file() or path.stat().st_size == 0:
            raise IndexDamagedError(
                f"Chỉ mục hỏng: thiếu hoặc rỗng {path}. Chạy `solieu index build` để tạo lại.", path=path
            )
        try:
            db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not tables >= _TABLES:
                raise sqlite3.DatabaseError(f"thiếu bảng {', '.join(sorted(_TABLES - tables))}")
            columns = {row[1] for row in db.execute("PRAGMA table_info(figures)")}
            if not set(_FIGURE_COLUMNS) <= columns:
                raise sqlite3.DatabaseError(
                    f"bảng figures thiếu cột {', '.join(sorted(set(_FIGURE_COLUMNS) - columns))}"
                )
            # Term statistics, in this connection's own memory: the file is not touched.
            db.execute(
                "CREATE VIRTUAL TABLE temp.passage_vocab USING fts5vocab(main, 'passage_terms', 'row')"
            )
            db.execute(
                "CREATE VIRTUAL TABLE temp.passage_columns USING fts5vocab(main, 'passage_terms', 'col')"
            )
        except sqlite3.DatabaseError as error:
            raise IndexDamagedError(
                f"Chỉ mục hỏng: không đọc được {path} ({error}). Chạy `solieu index build` để tạo lại.",
                path=path,
            ) from None
        return cls(db, path, passage_count)

    def close(self) -> None:
        self._db.close()

    # -- writing --------------------------------------------------------------------------------

    def add(self, prepared: PreparedArticle) -> list[Passage]:
        """Store one article; returns its passages with their new ids."""
        article = prepared.article
        with self._lock, self._db:
            self._db.execute(
                f"INSERT INTO articles ({', '.join(_ARTICLE_COLUMNS)}) VALUES ({', '.join('?' * len(_ARTICLE_COLUMNS))})",
                [getattr(article, c) for c in _ARTICLE_COLUMNS],
            )
            first = self._next_passage_id
            stored = [replace(p, id=first + n) for n, p in enumerate(prepared.passages)]
            self._next_passage_id += len(stored)
            self._db.executemany(
                "INSERT INTO passages (id, article_id, start, end, text) VALUES (?, ?, ?, ?, ?)",
                [(p.id, p.article_id, p.start, p.end, p.text) for p in stored],
            )
            self._db.executemany(
                "INSERT INTO passage_terms (rowid, folded, accented, title) VALUES (?, ?, ?, ?)",
                [
                    (p.id, t.folded, t.accented, prepared.title)
                    for p, t in zip(stored, prepared.terms, strict=True)
                ],
            )
            first_figure = self._next_figure_id
            self._next_figure_id += len(prepared.figures)
            self._db.executemany(
                f"INSERT INTO figures (id, {', '.join(_FIGURE_COLUMNS)}) VALUES (?, {', '.join('?' * len(_FIGURE_COLUMNS))})",
                [(first_figure + n, *_figure_row(f)) for n, f in enumerate(prepared.figures)],
            )
        return stored

    def remove_article(self, article_id: str) -> list[int]:
        """Delete an article; returns the ids of its passages (to drop from the vectors)."""
        with self._lock, self._db:
            ids = [
                row[0]
                for row in self._db.execute("SELECT id FROM passages WHERE article_id = ?", (article_id,))
            ]
            self._db.executemany("DELETE FROM passage_terms WHERE rowid = ?", [(i,) for i in ids])
            for table, column in (("figures", "article_id"), ("passages", "article_id"), ("articles", "id")):
                self._db.execute(f"DELETE FROM {table} WHERE {column} = ?", (article_id,))
        return ids

    # -- reading --------------------------------------------------------------------------------

    def _rows(self, sql: str, parameters: tuple | list = ()) -> list[tuple]:
        with self._lock:
            return self._db.execute(sql, parameters).fetchall()

    def article(self, article_id: str) -> Article | None:
        rows = self._rows(f"SELECT {', '.join(_ARTICLE_COLUMNS)} FROM articles WHERE id = ?", (article_id,))
        return Article(*rows[0]) if rows else None

    def article_ids(self) -> list[str]:
        return [row[0] for row in self._rows("SELECT id FROM articles ORDER BY id")]

    def iter_articles(self) -> Iterator[Article]:
        """Every article, by id, read a page at a time."""
        last = ""
        while True:
            rows = self._rows(
                f"SELECT {', '.join(_ARTICLE_COLUMNS)} FROM articles WHERE id > ? ORDER BY id LIMIT 500",
                (last,),
            )
            if not rows:
                return
            yield from (Article(*row) for row in rows)
            last = rows[-1][0]

    def passage_texts(self, after: int, limit: int) -> list[tuple[int, str]]:
        """(id, text) of the passages numbered above `after`, by id, at most `limit` of them."""
        return self._rows("SELECT id, text FROM passages WHERE id > ? ORDER BY id LIMIT ?", (after, limit))

    def last_ids(self) -> tuple[int, int]:
        """The highest passage and figure numbers used here (0 for none)."""
        return tuple(
            self._rows(f"SELECT MAX(id) FROM {table}")[0][0] or 0 for table in ("passages", "figures")
        )  # type: ignore[return-value]

    @property
    def next_passage_id(self) -> int:
        return self._next_passage_id

    def passages(self, ids: list[int]) -> list[Passage]:
        """The passages of these ids found here, in no particular order."""
        found: list[Passage] = []
        for chunk in range(0, len(ids), _IDS_PER_QUERY):
            wanted = ids[chunk : chunk + _IDS_PER_QUERY]
            rows = self._rows(f"{_PASSAGE_SELECT} WHERE id IN ({', '.join('?' * len(wanted))})", wanted)
            found += [Passage(row[1], row[2], row[3], row[4], row[0]) for row in rows]
        return found

    def articles(self, ids: list[str]) -> list[Article]:
        """The articles of these ids found here, in no particular order."""
        found: list[Article] = []
        for chunk in range(0, len(ids), _IDS_PER_QUERY):
            wanted = ids[chunk : chunk + _IDS_PER_QUERY]
            rows = self._rows(
                f"SELECT {', '.join(_ARTICLE_COLUMNS)} FROM articles WHERE id IN ({', '.join('?' * len(wanted))})",
                wanted,
            )
            found += [Article(*row) for row in rows]
        return found

    def passage_spans(self, article_ids: list[str]) -> dict[str, list[tuple[int, int, int]]]:
        """Each article's passages as (start, end, id), in order of start."""
        spans: dict[str, list[tuple[int, int, int]]] = {}
        for chunk in range(0, len(article_ids), _IDS_PER_QUERY):
            wanted = article_ids[chunk : chunk + _IDS_PER_QUERY]
            rows = self._rows(
                f"SELECT article_id, start, end, id FROM passages WHERE article_id IN ({', '.join('?' * len(wanted))})"
                " ORDER BY article_id, start, id",
                wanted,
            )
            for article_id, start, end, passage_id in rows:
                spans.setdefault(article_id, []).append((start, end, passage_id))
        return spans

    def passage_ids_of(self, article_ids: list[str]) -> list[int]:
        found: list[int] = []
        for chunk in range(0, len(article_ids), _IDS_PER_QUERY):
            wanted = article_ids[chunk : chunk + _IDS_PER_QUERY]
            rows = self._rows(
                f"SELECT id FROM passages WHERE article_id IN ({', '.join('?' * len(wanted))})", wanted
            )
            found += [row[0] for row in rows]
        return found

    def figures_of(self, article_id: str) -> list[Figure]:
        return [
            _figure(r)
            for r in self._rows(f"{_FIGURE_SELECT} WHERE article_id = ? ORDER BY id", (article_id,))
        ]

    def figures_in_passages(self, passages: list[Passage]) -> dict[int, list[Figure]]:
        """The figures that start in each passage, by passage id, in order of figure id."""
        found: dict[int, list[Figure]] = {}
        for chunk in range(0, len(passages), _IDS_PER_QUERY // 4):
            wanted = passages[chunk : chunk + _IDS_PER_QUERY // 4]
            rows = self._rows(
                f"WITH wanted (passage, article_id, start, end) AS (VALUES {', '.join(['(?, ?, ?, ?)'] * len(wanted))})"
                f" SELECT wanted.passage, {', '.join(f'f.{c}' for c in ('id', *_FIGURE_COLUMNS))} FROM wanted"
                " JOIN figures f ON f.article_id = wanted.article_id AND f.start >= wanted.start AND f.start < wanted.end"
                " ORDER BY f.id",
                [value for p in wanted for value in (p.stored_id, p.article_id, p.start, p.end)],
            )
            for row in rows:
                found.setdefault(row[0], []).append(_figure(row[1:]))
        return found

    def figures_of_sentence(self, article_id: str, sentence_start: int) -> list[Figure]:
        rows = self._rows(
            f"{_FIGURE_SELECT} WHERE article_id = ? AND sentence_start = ? ORDER BY id",
            (article_id, sentence_start),
        )
        return [_figure(r) for r in rows]

    def figures_by_metric_year(self, metric: str, year: int | None) -> list[Figure]:
        rows = self._rows(f"{_FIGURE_SELECT} WHERE metric = ? AND year IS ? ORDER BY id", (metric, year))
        return [_figure(r) for r in rows]

    def years_of_metric(self, metric: str) -> list[int]:
        rows = self._rows(
            "SELECT DISTINCT year FROM figures WHERE metric = ? AND year IS NOT NULL", (metric,)
        )
        return [r[0] for r in rows]

    def years_of_unit(self, unit: UnitKey) -> list[int]:
        rows = self._rows(
            "SELECT DISTINCT year FROM figures WHERE unit_family = ? AND unit_noun IS ? AND year IS NOT NULL",
            _unit_columns(unit),
        )
        return [r[0] for r in rows]

    def figures_by_unit_year(self, unit: UnitKey, year: int | None) -> list[Figure]:
        rows = self._rows(
            f"{_FIGURE_SELECT} WHERE unit_family = ? AND unit_noun IS ? AND year IS ? ORDER BY id",
            (*_unit_columns(unit), year),
        )
        return [_figure(r) for r in rows]

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

    def lexical_search(
        self, expression: str, limit: int, hidden: frozenset[int] = frozenset()
    ) -> list[tuple[int, float]]:
        """Passage ids by BM25 (higher is better) for an FTS5 match expression, less `hidden` ones."""
        weights = ", ".join(str(BM25_WEIGHTS[column]) for column in COLUMNS)
        leaving_out = " AND rowid NOT IN (SELECT value FROM json_each(?))" if hidden else ""
        rows = self._rows(
            f"SELECT rowid, -bm25(passage_terms, {weights}) AS score FROM passage_terms"
            f" WHERE passage_terms MATCH ?{leaving_out} ORDER BY score DESC LIMIT ?",
            (expression, json.dumps(sorted(hidden)), limit) if hidden else (expression, limit),
        )
        return [(int(row[0]), float(row[1])) for row in rows]

    def matching_rows(
        self, expression: str, limit: int, hidden: frozenset[int] = frozenset()
    ) -> list[tuple[int, dict[str, list[str]]]]:
        """The passages an FTS5 match expression finds (the best `limit` by this store's own BM25),
        each with the terms of its columns, to be scored against other statistics."""
        rows = self._rows(
            f"SELECT rowid, {', '.join(COLUMNS)} FROM passage_terms WHERE passage_terms MATCH ? ORDER BY rank LIMIT ?",
            (expression, limit + len(hidden)),
        )
        found = [
            (int(row[0]), dict(zip(COLUMNS, (text.split() for text in row[1:]), strict=True))) for row in rows
        ]
        return [(pid, columns) for pid, columns in found if pid not in hidden][:limit]

    def phrase_documents(self, phrases: list[Phrase]) -> dict[Phrase, int]:
        """In how many passages each phrase is found, in its column."""
        rows = self._rows(
            f"SELECT term, col, doc FROM passage_columns WHERE term IN ({', '.join('?' * len(phrases))})",
            [p.term for p in phrases],
        )
        wanted = set(phrases)
        return {Phrase(col, term): doc for term, col, doc in rows if Phrase(col, term) in wanted}

    def token_count(self) -> int:
        """Terms in all the lexical columns of all passages (BM25's document length, summed)."""
        with self._lock:
            self._db.execute(
                "CREATE VIRTUAL TABLE IF NOT EXISTS temp.passage_columns USING fts5vocab(main, 'passage_terms', 'col')"
            )
            return self._db.execute("SELECT COALESCE(SUM(cnt), 0) FROM passage_columns").fetchone()[0]

    def counts(self) -> dict[str, int]:
        return {
            table: self._rows(f"SELECT COUNT(*) FROM {table}")[0][0]
            for table in ("articles", "passages", "figures")
        }

    def counts_of(self, article_ids: list[str]) -> dict[str, int]:
        """How many of each these articles hold (those found here)."""
        counts = dict.fromkeys(("articles", "passages", "figures"), 0)
        for chunk in range(0, len(article_ids), _IDS_PER_QUERY):
            wanted = article_ids[chunk : chunk + _IDS_PER_QUERY]
            marks = ", ".join("?" * len(wanted))
            for table, column in (("articles", "id"), ("passages", "article_id"), ("figures", "article_id")):
                counts[table] += self._rows(
                    f"SELECT COUNT(*) FROM {table} WHERE {column} IN ({marks})", wanted
                )[0][0]
        return counts


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
        f.period.kind.name if f.period.kind else None,
        f.place,
        f.basis.value,
        f.measure.value,
        f.start,
        f.end,
        f.sentence_start,
        f.sentence_end,
        f.qualifier,
        f.direction,
        *_subject_columns(f.subject),
        f.unit.classified,
        f.area,
        *_unit_columns(f.unit.key),
    )


def _unit_columns(key: UnitKey) -> tuple[str, str | None]:
    """A unit's family in its text form ("usd/tấn"), and its counted noun."""
    family, noun = key
    return str(family), noun


def _subject_columns(subject: Subject) -> tuple[str | None, ...]:
    """The subject's names, then apart from them the fields it leaves unnamed ("PARTNER,COMPANY")."""
    names = (subject.commodity, subject.partner, subject.sector, subject.company)
    unnamed = ",".join(name.name for name in names if isinstance(name, Unnamed))
    return (*(None if isinstance(name, Unnamed) else name for name in names), unnamed or None)


def _subject(r: tuple) -> Subject:
    unnamed = set(r[25].split(",")) if r[25] else set()
    return Subject(
        commodity=r[21],
        partner=Unnamed.PARTNER if Unnamed.PARTNER.name in unnamed else r[22],
        sector=Unnamed.PART if Unnamed.PART.name in unnamed else r[23],
        company=Unnamed.COMPANY if Unnamed.COMPANY.name in unnamed else r[24],
    )


# Enum lookups by value, once: loading 40,000 figures through Enum.__call__ cost a third of start-up.
_BASES = {basis.value: basis for basis in Basis}
_MEASURES = {measure.value: measure for measure in Measure}
_PERIOD_KINDS = {kind.name: kind for kind in PeriodKind}
_FULL_YEARS: dict[int | None, Period] = {}
_TOTAL = Subject()


def _figure(r: tuple) -> Figure:
    if r[7] is None and r[8] is None and r[9] is None and r[10] is None and r[11] is None:
        period = _FULL_YEARS.get(r[6]) or _FULL_YEARS.setdefault(r[6], Period(r[6]))
    else:
        period = Period(r[6], r[7], r[8], r[9], r[10], _PERIOD_KINDS[r[11]] if r[11] else None)
    subject = (
        _TOTAL
        if r[21] is None and r[22] is None and r[23] is None and r[24] is None and r[25] is None
        else _subject(r)
    )
    unit = parse_unit(r[3])
    return Figure(
        value=r[2],
        unit=replace(unit, classified=r[26]) if r[26] else unit,
        text=r[4],
        metric=r[5],
        period=period,
        place=r[12],
        basis=_BASES[r[13]],
        measure=_MEASURES[r[14]],
        article_id=r[1],
        start=r[15],
        end=r[16],
        sentence_start=r[17],
        sentence_end=r[18],
        qualifier=r[19],
        direction=r[20],
        subject=subject,
        area=r[27],
        id=r[0],
    )
