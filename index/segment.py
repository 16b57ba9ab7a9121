"""One segment of an index: a store and its passage vectors, written once in a hidden directory,
sealed, moved into INDEX_DIR/segments/, and from then on only read.

A generation lists its segments: the base a build made, then at most one more holding what was added
since (see `index.builder`). A segment never changes, so a generation is consistent as long as its
segments exist, and a new generation lists the ones it keeps instead of copying them.
"""

from __future__ import annotations

import os
import shutil
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from corpus.rules import rules_fingerprint
from foundation.errors import IndexDamagedError
from index.integrity import check_sealed, seal
from index.manifest import SegmentRecord
from index.store import Store
from index.vectors import FILES as VECTOR_FILES
from index.vectors import SegmentVectors

SEGMENTS = "segments"
STORE_FILE = "store.sqlite"
BUILDING_PREFIX = ".building-"


def segment_dir(index_dir: Path, name: str) -> Path:
    return index_dir / SEGMENTS / name


class Segment:
    """An opened segment, read-only. Generations served one after the other share the segments they
    both list (see `index.builder.open_index`): the last to let go closes it."""

    def __init__(self, directory: Path, record: SegmentRecord, dimension: int) -> None:
        self.name = record.name
        self.record = record
        self.directory = directory
        for name in (STORE_FILE, *VECTOR_FILES):
            if name not in record.seals:
                raise IndexDamagedError(
                    f"Chỉ mục hỏng: không có dấu kiểm của {directory / name}. Chạy `solieu index build` để tạo lại.",
                    path=directory / name,
                )
        for name, expected in record.seals.items():
            check_sealed(directory / name, expected)
        self.store = Store.open_readonly(directory / STORE_FILE, record.passages)
        try:
            self.vectors = SegmentVectors(directory, dimension)
        except BaseException:
            self.store.close()
            raise
        self._users = 1

    def share(self) -> Segment:
        self._users += 1
        return self

    def release(self) -> None:
        self._users -= 1
        if self._users == 0:
            self.store.close()
            self.vectors.close()


@dataclass(frozen=True)
class SegmentView:
    """A segment as one generation serves it: less its articles replaced or removed since."""

    segment: Segment
    hidden_articles: frozenset[str] = frozenset()
    hidden_passages: frozenset[int] = frozenset()

    @property
    def store(self) -> Store:
        return self.segment.store

    @property
    def vectors(self) -> SegmentVectors:
        return self.segment.vectors


class NewSegment:
    """A segment being written in a hidden directory: `publish()` seals it and moves it in place; a
    failure or a kill before that leaves only the hidden directory, which the next writer clears."""

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = index_dir
        self.name = f"{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:8]}"
        self.path = index_dir / SEGMENTS / f"{BUILDING_PREFIX}{self.name}"
        self._published = False

    def __enter__(self) -> NewSegment:
        self.path.mkdir(parents=True)
        return self

    def publish(self, files: list[str], counts: dict[str, int], tokens: int) -> SegmentRecord:
        for name in files:
            with open(self.path / name, "rb") as handle:
                os.fsync(handle.fileno())
        record = SegmentRecord(
            self.name,
            counts["articles"],
            counts["passages"],
            counts["figures"],
            tokens,
            {n: seal(self.path / n) for n in files},
            rules_fingerprint(),
        )
        os.replace(self.path, segment_dir(self.index_dir, self.name))
        self._published = True
        return record

    def __exit__(self, *exc_info: object) -> None:
        if not self._published:
            shutil.rmtree(self.path, ignore_errors=True)
