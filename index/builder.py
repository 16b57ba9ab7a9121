"""Build and update index generations atomically: build aside, then swap the CURRENT pointer.

INDEX_DIR/
  CURRENT                      name of the generation in use (replaced atomically)
  generations/<name>/          manifest.json, store.sqlite, vectors.faiss
  embeddings.sqlite            vector cache shared by all generations
A failed or interrupted build leaves CURRENT, and so the good index, untouched.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
from tqdm import tqdm

from corpus.articles import content_hash, iter_article_files, load_articles
from corpus.figures import extract_figures
from corpus.model import Article, Passage
from corpus.passages import split_passages
from index.embedding_cache import EmbeddingCache
from index.encoder import Encoder
from index.manifest import Manifest
from index.store import Store
from index.vectors import VectorIndex
from solieu.errors import IndexMissingError

CURRENT = "CURRENT"
GENERATIONS = "generations"
STORE_FILE = "store.sqlite"
VECTORS_FILE = "vectors.faiss"
CACHE_FILE = "embeddings.sqlite"
BATCH_SIZE = 32


@dataclass
class LoadedIndex:
    directory: Path
    manifest: Manifest
    store: Store
    vectors: VectorIndex

    def close(self) -> None:
        self.store.close()


def sources_fingerprint(sources: Iterable[Path]) -> str:
    """Cheap change detector over the corpus files: paths, sizes and modification times."""
    digest = hashlib.sha256()
    for source in sources:
        if not source.exists():
            continue
        for path in iter_article_files([source]):
            stat = path.stat()
            digest.update(f"{path.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


def current_generation(index_dir: Path) -> Path | None:
    pointer = index_dir / CURRENT
    if not pointer.is_file():
        return None
    generation = index_dir / GENERATIONS / pointer.read_text().strip()
    return generation if (generation / "manifest.json").is_file() else None


def open_index(index_dir: Path) -> LoadedIndex:
    generation = current_generation(index_dir)
    if generation is None:
        raise IndexMissingError(f"Chưa có chỉ mục ở {index_dir}: chạy `solieu index build`.")
    manifest = Manifest.load(generation)
    return LoadedIndex(
        generation, manifest, Store(generation / STORE_FILE), VectorIndex.load(generation / VECTORS_FILE)
    )


def build_index(index_dir: Path, sources: list[Path], encoder: Encoder, *, progress: bool = True) -> Manifest:
    """Build a fresh generation from the corpus sources and make it current."""
    articles = load_articles(sources)
    index_dir.mkdir(parents=True, exist_ok=True)
    with _Generation(index_dir) as building:
        store = Store(building.path / STORE_FILE)
        vectors = VectorIndex(encoder.dimension)
        passages: list[Passage] = []
        for article in articles:
            passages += store.add(article, split_passages(article), extract_figures(article))
        _embed(index_dir, encoder, passages, vectors, progress=progress)
        manifest = _finish(building.path, store, vectors, encoder, sources_fingerprint(sources))
        building.commit()
    return manifest


def add_article(index_dir: Path, article: Article, sources: list[Path], encoder: Encoder) -> Manifest:
    """Add or replace one article without a full rebuild: copy the current generation, change it, swap."""
    generation = current_generation(index_dir)
    if generation is None:
        raise IndexMissingError(f"Chưa có chỉ mục ở {index_dir}: chạy `solieu index build`.")
    Manifest.load(generation).check_compatible(encoder.backend, encoder.model, encoder.dimension)
    with _Generation(index_dir, copy_from=generation) as building:
        store = Store(building.path / STORE_FILE)
        vectors = VectorIndex.load(building.path / VECTORS_FILE)
        vectors.remove(store.remove_article(article.id))
        passages = store.add(article, split_passages(article), extract_figures(article))
        _embed(index_dir, encoder, passages, vectors, progress=False)
        manifest = _finish(building.path, store, vectors, encoder, sources_fingerprint(sources))
        building.commit()
    return manifest


def _embed(index_dir: Path, encoder: Encoder, passages: list[Passage], vectors: VectorIndex, *, progress: bool) -> None:
    cache = EmbeddingCache(index_dir / CACHE_FILE, encoder.backend, encoder.model, encoder.dimension)
    try:
        texts = [p.text for p in passages]
        cached = cache.get_many(texts)
        missing = [p for p in passages if cache.key(p.text) not in cached]
        bar = tqdm(
            total=len(missing), unit="đoạn", desc="Mã hoá đoạn văn", disable=not progress or not missing,
            dynamic_ncols=True,
        )
        with bar:
            for start in range(0, len(missing), BATCH_SIZE):
                batch = missing[start : start + BATCH_SIZE]
                batch_texts = [p.text for p in batch]
                matrix = encoder.encode_passages(batch_texts)
                cache.put_many(batch_texts, matrix)
                cached.update({cache.key(t): v for t, v in zip(batch_texts, matrix)})
                bar.update(len(batch))
        if passages:
            matrix = np.stack([cached[cache.key(p.text)] for p in passages])
            vectors.add([p.id for p in passages], matrix)
    finally:
        cache.close()


def _finish(directory: Path, store: Store, vectors: VectorIndex, encoder: Encoder, fingerprint: str) -> Manifest:
    counts = store.counts()
    manifest = Manifest(
        encoder=encoder.backend,
        model=encoder.model,
        dimension=encoder.dimension,
        corpus_hash=content_hash(store.articles()),
        sources_fingerprint=fingerprint,
        articles=counts["articles"],
        passages=counts["passages"],
        figures=counts["figures"],
        built_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
    )
    store.close()
    vectors.save(directory / VECTORS_FILE)
    manifest.save(directory)
    return manifest


class _Generation:
    """A generation being built in a hidden directory; `commit()` publishes it, anything else discards it."""

    def __init__(self, index_dir: Path, copy_from: Path | None = None) -> None:
        self.index_dir = index_dir
        self.name = f"{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:8]}"
        self.path = index_dir / GENERATIONS / f".building-{self.name}"
        self._copy_from = copy_from
        self._committed = False

    def __enter__(self) -> _Generation:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self._copy_from is not None:
            shutil.copytree(self._copy_from, self.path)
            (self.path / "manifest.json").unlink()
        else:
            self.path.mkdir()
        return self

    def commit(self) -> None:
        final = self.index_dir / GENERATIONS / self.name
        os.replace(self.path, final)
        pointer = self.index_dir / f".{CURRENT}.{self.name}"
        pointer.write_text(self.name)
        with open(pointer) as handle:
            os.fsync(handle.fileno())
        os.replace(pointer, self.index_dir / CURRENT)
        self._committed = True
        self._prune(keep=final)

    def _prune(self, keep: Path) -> None:
        """Old generations go; the newest previous one stays for readers that still have it open."""
        generations = sorted(
            (p for p in (self.index_dir / GENERATIONS).iterdir() if p.is_dir() and not p.name.startswith(".")),
            key=lambda p: p.name,
        )
        for old in [p for p in generations if p != keep][:-1]:
            shutil.rmtree(old, ignore_errors=True)

    def __exit__(self, *exc_info) -> None:
        if not self._committed:
            shutil.rmtree(self.path, ignore_errors=True)
