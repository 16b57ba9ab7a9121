"""The FAISS vector index: passage ids → normalised vectors, searched by inner product."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from foundation.errors import IndexDamagedError


@dataclass(frozen=True)
class VectorHit:
    id: int
    score: float


class VectorIndex:
    def __init__(self, dimension: int, index: faiss.Index | None = None) -> None:
        self.dimension = dimension
        # Any: faiss's SWIG bindings declare less than they have (IDMap's id_map, the flat index's xb).
        self._index: Any = index if index is not None else faiss.IndexIDMap2(faiss.IndexFlatIP(dimension))

    def __len__(self) -> int:
        return int(self._index.ntotal)

    def add(self, ids: list[int], vectors: np.ndarray) -> None:
        if len(ids) == 0:
            return
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if vectors.shape != (len(ids), self.dimension):
            raise ValueError(f"expected {len(ids)}×{self.dimension} vectors, got {vectors.shape}")
        self._index.add_with_ids(vectors, np.asarray(ids, dtype=np.int64))

    def remove(self, ids: list[int]) -> None:
        if ids:
            self._index.remove_ids(np.asarray(ids, dtype=np.int64))

    def search(self, query: np.ndarray, k: int) -> list[VectorHit]:
        if len(self) == 0:
            return []
        query = np.ascontiguousarray(query, dtype=np.float32).reshape(1, -1)
        scores, ids = self._index.search(query, min(k, len(self)))
        return [VectorHit(int(i), float(s)) for s, i in zip(scores[0], ids[0], strict=True) if i != -1]

    def rows(self) -> tuple[np.ndarray, np.ndarray]:
        """(ids, vectors) as stored, the vectors a read-only view of FAISS's own memory: scoring many
        passages is then one matrix product, with no second copy of the index."""
        count = len(self)
        ids = faiss.vector_to_array(self._index.id_map).astype(np.int64)
        if count == 0:
            return ids, np.zeros((0, self.dimension), np.float32)
        flat: Any = faiss.downcast_index(self._index.index)
        vectors = faiss.rev_swig_ptr(flat.get_xb(), count * self.dimension).reshape(count, self.dimension)
        vectors.flags.writeable = False
        return ids, vectors

    def save(self, path: Path) -> None:
        faiss.write_index(self._index, str(path))

    @classmethod
    def load(cls, path: Path) -> VectorIndex:
        try:
            index = faiss.read_index(str(path))
        except RuntimeError as error:  # FAISS reports a missing or truncated file this way
            reason = str(error).strip().splitlines()[-1][:120] if str(error).strip() else "không đọc được"
            raise IndexDamagedError(
                f"Chỉ mục hỏng: không đọc được {path} ({reason}). Chạy `solieu index build` để tạo lại.",
                path=path,
            ) from None
        return cls(index.d, index)
