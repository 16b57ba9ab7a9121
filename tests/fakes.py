"""Hand-written fakes: a deterministic bag-of-words encoder that counts (and can fail) its work."""

from __future__ import annotations

import hashlib
import re

import numpy as np

from corpus.text import fold

_WORD = re.compile(r"[\wÀ-ỹ]+")


class HashingEncoder:
    """Words hashed into buckets: similar texts get similar vectors, with no model at all."""

    backend = "fake"

    def __init__(self, dimension: int = 64, model: str = "hashing", fail_after: int | None = None) -> None:
        self.model = model
        self.dimension = dimension
        self.passages_encoded = 0
        self._fail_after = fail_after

    def _vector(self, text: str) -> np.ndarray:
        vector = np.zeros(self.dimension, dtype=np.float32)
        for word in _WORD.findall(fold(text)):
            bucket = int(hashlib.md5(word.encode()).hexdigest(), 16) % self.dimension
            vector[bucket] += 1.0
        norm = np.linalg.norm(vector)
        return vector / norm if norm else vector

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return np.stack([self._vector(t) for t in texts])

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        if self._fail_after is not None and self.passages_encoded + len(texts) > self._fail_after:
            raise RuntimeError("encoder failed mid-build")
        self.passages_encoded += len(texts)
        return np.stack([self._vector(t) for t in texts])
