"""The passage vectors of one index segment: normalised float32 rows searched by inner product.

On disk a segment's vectors are two plain arrays, `vectors.f32` (one row per passage) and
`vectors.ids` (its passage ids, ascending), so a row is found by bisecting the ids. A segment of up
to EXACT_UP_TO passages is read into memory and searched exactly (FAISS brute force, as before
segments). A bigger one is searched through an inverted-file index of 8-bit codes (`vectors.ivf`, a
quarter of the rows' size, in memory), whose candidates are re-scored exactly from the rows, which
stay on disk and are read with pread: the process never maps the rows, so its memory does not grow
with the archive.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from foundation.errors import IndexDamagedError

ROWS_FILE = "vectors.f32"
IDS_FILE = "vectors.ids"
IVF_FILE = "vectors.ivf"
FILES = (ROWS_FILE, IDS_FILE)
# Passages searched exactly, in memory: 100,000 × 384 floats is 147 MB and 20 ms of brute force on
# one core of the development machine. Above it, the inverted file: see benchmarks/scale.py for the
# recall against exact search.
EXACT_UP_TO = 100_000
# Inverted lists: about 4·√n, so a list holds a few hundred passages; an eighth of them is searched
# per question. On the 30,000-article index that finds 99% of the exact 24 nearest (benchmarks/scale.py).
IVF_LISTS_PER_SQRT = 4
IVF_PROBED_SHARE = 8
IVF_MIN_PROBES = 32
# Codes scored per question before the exact re-scoring: this many times k (at least IVF_MIN_CANDIDATES).
IVF_CANDIDATES_PER_K = 8
IVF_MIN_CANDIDATES = 256
# Rows k-means learns the lists from (FAISS's own advice: 39–256 per list).
IVF_TRAINING_PER_LIST = 64


@dataclass(frozen=True)
class VectorHit:
    id: int
    score: float


class SegmentVectors:
    """A segment's vectors, read-only."""

    def __init__(self, directory: Path, dimension: int) -> None:
        self.dimension = dimension
        self.ids = _read_array(directory / IDS_FILE, np.int64)
        rows_path = directory / ROWS_FILE
        size = rows_path.stat().st_size if rows_path.is_file() else -1
        if size != len(self.ids) * dimension * 4:
            raise _damaged(rows_path, f"{size} byte cho {len(self.ids)} vectơ {dimension} chiều")
        self._ivf: Any = None
        self._matrix: np.ndarray | None = None
        self._fd: int | None = None
        if (directory / IVF_FILE).is_file():
            try:
                self._ivf = faiss.read_index(str(directory / IVF_FILE))
            except RuntimeError as error:  # FAISS reports a missing or truncated file this way
                raise _damaged(directory / IVF_FILE, _faiss_reason(error)) from None
            self._ivf.nprobe = max(IVF_MIN_PROBES, self._ivf.nlist // IVF_PROBED_SHARE)
            self._fd = os.open(rows_path, os.O_RDONLY)
        else:
            self._matrix = _read_array(rows_path, np.float32).reshape(len(self.ids), dimension)
            self._matrix.flags.writeable = False

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def exact(self) -> bool:
        return self._ivf is None

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def search(self, query: np.ndarray, k: int, hidden: frozenset[int] = frozenset()) -> list[VectorHit]:
        """The k passages nearest the query, leaving out `hidden` ones."""
        if not len(self) or k <= 0:
            return []
        query = np.ascontiguousarray(query, dtype=np.float32).reshape(1, -1)
        if self._matrix is not None:
            wanted = min(k + len(hidden), len(self))
            scores, rows = faiss.knn(query, self._matrix, wanted, faiss.METRIC_INNER_PRODUCT)
            hits = [
                VectorHit(int(self.ids[r]), float(s))
                for s, r in zip(scores[0], rows[0], strict=True)
                if r != -1
            ]
        else:
            wanted = min(max(IVF_CANDIDATES_PER_K * k, IVF_MIN_CANDIDATES) + len(hidden), len(self))
            _, found = self._ivf.search(query, wanted)
            candidates = [int(i) for i in found[0] if i != -1 and int(i) not in hidden]
            exact = self.rows(candidates) @ query[0] if candidates else np.zeros(0, np.float32)
            hits = sorted(
                (VectorHit(i, float(s)) for i, s in zip(candidates, exact.tolist(), strict=True)),
                key=lambda hit: (-hit.score, hit.id),
            )
        return [hit for hit in hits if hit.id not in hidden][:k]

    def row_numbers(self, ids: list[int]) -> list[int | None]:
        """Where each passage's row is (None: not in this segment)."""
        rows = np.searchsorted(self.ids, ids).tolist()
        return [r if r < len(self.ids) and self.ids[r] == i else None for r, i in zip(rows, ids, strict=True)]

    def rows(self, ids: list[int]) -> np.ndarray:
        """The vectors of these passages (all in this segment), in the order asked."""
        found = self.row_numbers(ids)
        numbers = [n for n in found if n is not None]
        if len(numbers) < len(ids):
            raise KeyError([i for i, n in zip(ids, found, strict=True) if n is None])
        if self._matrix is not None:
            return self._matrix[numbers]
        assert self._fd is not None
        width = self.dimension * 4
        return np.stack(
            [np.frombuffer(os.pread(self._fd, width, n * width), dtype=np.float32) for n in numbers]
        )


class VectorWriter:
    """The vectors of a segment being built, appended as passages are embedded."""

    def __init__(self, directory: Path, dimension: int) -> None:
        self.directory = directory
        self.dimension = dimension
        self._rows = open(directory / ROWS_FILE, "ab")  # noqa: SIM115 (closed by finish)
        self._ids = open(directory / IDS_FILE, "ab")  # noqa: SIM115 (closed by finish)
        self.count = (directory / IDS_FILE).stat().st_size // 8
        self._last_id = int(_read_array(directory / IDS_FILE, np.int64)[-1]) if self.count else 0

    def add(self, ids: list[int], vectors: np.ndarray) -> None:
        if not ids:
            return
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if vectors.shape != (len(ids), self.dimension):
            raise ValueError(f"expected {len(ids)}×{self.dimension} vectors, got {vectors.shape}")
        if not np.isfinite(vectors).all():
            raise ValueError("the encoder returned vectors that are not finite (NaN or infinity)")
        if ids[0] <= self._last_id or any(b <= a for a, b in itertools.pairwise(ids)):
            raise ValueError("passage ids must come in ascending order")
        self._rows.write(vectors.tobytes())
        self._ids.write(np.asarray(ids, dtype=np.int64).tobytes())
        self.count += len(ids)
        self._last_id = ids[-1]

    def finish(self) -> list[str]:
        """Close the files and, for a big segment, build its inverted file; returns the file names."""
        self._rows.close()
        self._ids.close()
        if self.count <= EXACT_UP_TO:
            return list(FILES)
        _write_ivf(self.directory, self.dimension, self.count)
        return [*FILES, IVF_FILE]


def copy_without(source: Path, target: Path, dimension: int, removed: set[int]) -> VectorWriter:
    """A writer for `target` that starts with the exact rows of `source` but the `removed` ids."""
    ids = _read_array(source / IDS_FILE, np.int64)
    writer = VectorWriter(target, dimension)
    for start, rows in _row_chunks(source / ROWS_FILE, dimension, len(ids)):
        chunk_ids = ids[start : start + len(rows)]
        kept = np.fromiter((int(i) not in removed for i in chunk_ids), dtype=bool, count=len(chunk_ids))
        writer.add(chunk_ids[kept].tolist(), rows[kept])
    return writer


def _row_chunks(path: Path, dimension: int, count: int) -> Iterator[tuple[int, np.ndarray]]:
    """The rows of a vectors file a chunk at a time, read rather than mapped: a writer's memory stays
    a chunk's, however big the file."""
    for start in range(0, count, _CHUNK_ROWS):
        rows = np.fromfile(
            path,
            dtype=np.float32,
            count=min(_CHUNK_ROWS, count - start) * dimension,
            offset=start * dimension * 4,
        )
        yield start, rows.reshape(-1, dimension)


_CHUNK_ROWS = 65_536


def _write_ivf(directory: Path, dimension: int, count: int) -> None:
    """Inverted lists of 8-bit codes over the rows, trained on an even sample of them."""
    ids = _read_array(directory / IDS_FILE, np.int64)
    lists = max(1, int(IVF_LISTS_PER_SQRT * np.sqrt(count)))
    quantizer = faiss.IndexFlatIP(dimension)
    index = faiss.IndexIVFScalarQuantizer(
        quantizer, dimension, lists, faiss.ScalarQuantizer.QT_8bit, faiss.METRIC_INNER_PRODUCT
    )
    every = max(1, count // (lists * IVF_TRAINING_PER_LIST))
    index.train(
        np.concatenate([rows[::every] for _, rows in _row_chunks(directory / ROWS_FILE, dimension, count)])
    )
    for start, rows in _row_chunks(directory / ROWS_FILE, dimension, count):
        index.add_with_ids(rows, ids[start : start + len(rows)])
    faiss.write_index(index, str(directory / IVF_FILE))


def _read_array(path: Path, dtype: type) -> np.ndarray:
    try:
        return np.fromfile(path, dtype=dtype)
    except (OSError, ValueError) as error:
        raise _damaged(path, str(error)) from None


def _faiss_reason(error: RuntimeError) -> str:
    return str(error).strip().splitlines()[-1][:120] if str(error).strip() else "không đọc được"


def _damaged(path: Path, reason: str) -> IndexDamagedError:
    return IndexDamagedError(
        f"Chỉ mục hỏng: không đọc được {path} ({reason}). Chạy `solieu index build` để tạo lại.", path=path
    )
