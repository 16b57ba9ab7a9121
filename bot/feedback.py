"""User reports of wrong answers ("Báo sai"), kept apart from index generations so rebuilds never lose them."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path


class FeedbackLog:
    """The reports, one row each, in a SQLite file that admins read with `sqlite3` (see docs/telegram.md)."""

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
    ) -> None:
        created_at = datetime.now(UTC).isoformat(timespec="seconds")
        with self._lock, self._db:
            self._db.execute(
                "INSERT INTO feedback (question, answer, user_id, user_name, chat_id, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                (question, answer, user_id, user_name, chat_id, created_at),
            )

    def count(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM feedback").fetchone()[0]

    def close(self) -> None:
        self._db.close()
