"""Question → the passages most like it."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from corpus.model import Passage
from index.encoder import Encoder
from index.store import Store
from index.vectors import VectorIndex


@dataclass(frozen=True)
class Hit:
    passage: Passage
    score: float


class Retriever:
    def __init__(self, encoder: Encoder, vectors: VectorIndex, store: Store) -> None:
        self.encoder = encoder
        self.vectors = vectors
        self.store = store

    def embed(self, question: str) -> np.ndarray:
        return self.encoder.encode_queries([question])[0]

    def search(self, query_vector: np.ndarray, k: int) -> list[Hit]:
        found = self.vectors.search(query_vector, k)
        passages = self.store.passages([hit.id for hit in found])
        return [Hit(passages[hit.id], hit.score) for hit in found if hit.id in passages]
