"""The SQLite store of one index generation: articles, passages and their extracted figures."""
from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from corpus.model import Article, Basis, Figure, Measure, Passage, Period

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
    year INTEGER, months INTEGER, quarter INTEGER, month INTEGER, place TEXT,
    basis TEXT NOT NULL, measure TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
    sentence_start INTEGER NOT NULL, sentence_end INTEGER NOT NULL, qualifier TEXT, direction TEXT
);
CREATE INDEX IF NOT EXISTS passages_by_article ON passages(article_id);
CREATE INDEX IF NOT EXISTS figures_by_article ON figures(article_id);
"""

_ARTICLE_COLUMNS = ("id", "title", "text", "date", "event_date", "place", "author", "url", "publisher", "path")


class Store:
    """Read by many threads (the bot searches off the event loop); written only while building."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db = sqlite3.connect(path, check_same_thread=False)
        self._db.executescript(_SCHEMA)
        self._lock = threading.Lock()

    def close(self) -> None:
        self._db.close()

    def add(self, article: Article, passages: list[Passage], figures: list[Figure]) -> list[Passage]:
        """Store one article; returns its passages with their new ids."""
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
                stored.append(Passage(passage.article_id, passage.start, passage.end, passage.text, cursor.lastrowid))
            self._db.executemany(
                "INSERT INTO figures (article_id, value, unit, text, metric, year, months, quarter, month, place,"
                " basis, measure, start, end, sentence_start, sentence_end, qualifier, direction)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (f.article_id, f.value, f.unit, f.text, f.metric, f.period.year, f.period.months,
                     f.period.quarter, f.period.month, f.place, f.basis.value, f.measure.value, f.start, f.end,
                     f.sentence_start, f.sentence_end, f.qualifier, f.direction)
                    for f in figures
                ],
            )
        return stored

    def remove_article(self, article_id: str) -> list[int]:
        """Delete an article; returns the ids of its passages (to drop from the vector index)."""
        with self._lock, self._db:
            ids = [row[0] for row in self._db.execute("SELECT id FROM passages WHERE article_id = ?", (article_id,))]
            for table, column in (("figures", "article_id"), ("passages", "article_id"), ("articles", "id")):
                self._db.execute(f"DELETE FROM {table} WHERE {column} = ?", (article_id,))
        return ids

    def article(self, article_id: str) -> Article | None:
        row = self._db.execute(
            f"SELECT {', '.join(_ARTICLE_COLUMNS)} FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return Article(*row) if row else None

    def articles(self) -> list[Article]:
        rows = self._db.execute(f"SELECT {', '.join(_ARTICLE_COLUMNS)} FROM articles ORDER BY id")
        return [Article(*row) for row in rows]

    def passages(self, ids: list[int]) -> dict[int, Passage]:
        if not ids:
            return {}
        marks = ", ".join("?" * len(ids))
        rows = self._db.execute(f"SELECT id, article_id, start, end, text FROM passages WHERE id IN ({marks})", ids)
        return {row[0]: Passage(row[1], row[2], row[3], row[4], row[0]) for row in rows}

    def all_passages(self) -> list[Passage]:
        rows = self._db.execute("SELECT id, article_id, start, end, text FROM passages ORDER BY id")
        return [Passage(row[1], row[2], row[3], row[4], row[0]) for row in rows]

    def figures(self) -> list[Figure]:
        rows = self._db.execute(
            "SELECT id, article_id, value, unit, text, metric, year, months, quarter, month, place, basis, measure,"
            " start, end, sentence_start, sentence_end, qualifier, direction FROM figures ORDER BY id"
        )
        return [
            Figure(
                value=r[2], unit=r[3], text=r[4], metric=r[5], period=Period(r[6], r[7], r[8], r[9]), place=r[10],
                basis=Basis(r[11]), measure=Measure(r[12]), article_id=r[1], start=r[13], end=r[14],
                sentence_start=r[15], sentence_end=r[16], qualifier=r[17], direction=r[18], id=r[0],
            )
            for r in rows
        ]

    def counts(self) -> dict[str, int]:
        return {
            table: self._db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            for table in ("articles", "passages", "figures")
        }
