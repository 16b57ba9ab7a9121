"""User reports of wrong answers ("Báo sai"), kept apart from index generations so rebuilds never lose them."""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path


@dataclass(frozen=True)
class Feedback:
    question: str
    answer: str
    user_id: int | None
    user_name: str | None
    chat_id: int | None
    created_at: str
    id: int | None = None


class FeedbackLog:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, check_same_thread=False)
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS feedback (id INTEGER PRIMARY KEY, question TEXT NOT NULL, answer TEXT NOT NULL,"
            " user_id INTEGER, user_name TEXT, chat_id INTEGER, created_at TEXT NOT NULL)"
        )
        self._lock = threading.Lock()

    def record(
        self, question: str, answer: str, *, user_id: int | None, user_name: str | None, chat_id: int | None
    ) -> Feedback:
        entry = Feedback(
            question,
            answer,
            user_id,
            user_name,
            chat_id,
            datetime.now(UTC).isoformat(timespec="seconds"),
        )
        with self._lock, self._db:
            cursor = self._db.execute(
                "INSERT INTO feedback (question, answer, user_id, user_name, chat_id, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    entry.question,
                    entry.answer,
                    entry.user_id,
                    entry.user_name,
                    entry.chat_id,
                    entry.created_at,
                ),
            )
        return Feedback(**{**entry.__dict__, "id": cursor.lastrowid})

    def all(self) -> list[Feedback]:
        rows = self._db.execute(
            "SELECT question, answer, user_id, user_name, chat_id, created_at, id FROM feedback ORDER BY id"
        )
        return [Feedback(*row) for row in rows]

    def count(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM feedback").fetchone()[0]

    def close(self) -> None:
        self._db.close()
