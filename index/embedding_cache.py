"""Passage vectors keyed by (backend, model, text hash): a rebuild re-embeds only what changed."""

from __future__ import annotations

import hashlib
import logging
import sqlite3
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

# Keys looked up per SQL statement: well under SQLite's limit on bound parameters (999 in old builds).
_KEYS_PER_QUERY = 500


class EmbeddingCache:
    """Only a cache: a damaged file is thrown away and started afresh, never an error."""

    def __init__(self, path: Path, backend: str, model: str, dimension: int) -> None:
        try:
            self._db = _opened(path)
        except sqlite3.DatabaseError:
            log.warning("Bộ đệm vectơ %s hỏng: bỏ đi và tạo lại (các đoạn sẽ được mã hoá lại).", path)
            path.unlink(missing_ok=True)
            self._db = _opened(path)
        self._prefix = f"{backend}\0{model}\0{dimension}\0"
        self._dimension = dimension

    def key(self, text: str) -> str:
        return hashlib.sha256((self._prefix + text).encode()).hexdigest()

    def get_many(self, texts: list[str]) -> dict[str, np.ndarray]:
        """Cached vectors by text hash key."""
        keys = [self.key(t) for t in texts]
        found: dict[str, np.ndarray] = {}
        for chunk_start in range(0, len(keys), _KEYS_PER_QUERY):
            chunk = keys[chunk_start : chunk_start + _KEYS_PER_QUERY]
            rows = self._db.execute(
                f"SELECT key, vector FROM vectors WHERE key IN ({', '.join('?' * len(chunk))})", chunk
            )
            for key, blob in rows:
                vector = np.frombuffer(blob, dtype=np.float32)
                if vector.shape == (self._dimension,):
                    found[key] = vector
        return found

    def put_many(self, texts: list[str], vectors: np.ndarray) -> None:
        with self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO vectors (key, vector) VALUES (?, ?)",
                [
                    (self.key(t), np.asarray(v, dtype=np.float32).tobytes())
                    for t, v in zip(texts, vectors, strict=True)
                ],
            )

    def close(self) -> None:
        self._db.close()


def _opened(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path)
    try:
        db.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vector BLOB NOT NULL)")
        db.execute("SELECT key FROM vectors LIMIT 1").fetchall()
    except sqlite3.DatabaseError:
        db.close()
        raise
    return db
