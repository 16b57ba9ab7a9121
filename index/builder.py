"""Build and change index generations atomically, one writer at a time.

INDEX_DIR/
  CURRENT                      name of the generation in use (replaced atomically)
  generations/<name>/          manifest.json, store.sqlite, vectors.faiss
  embeddings.sqlite            vector cache shared by all generations
  .lock                        held by the one build, add or remove running
A change is made in a hidden copy and published by swapping CURRENT: a failed or killed build
leaves the good index serving, and the next writer clears what it left behind. A reader holds a
shared lock on the manifest of the generation it serves for as long as it serves it, so no writer
deletes a generation someone still reads from.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import sys
import time
import uuid
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from tqdm import tqdm

from corpus.articles import (
    MAX_ARTICLE_BYTES,
    Corpus,
    Skipped,
    content_hash,
    count_articles,
    iter_article_files,
    iter_corpus,
)
from corpus.figures import extract_figures
from corpus.model import Article, Passage
from corpus.passages import figure_passages
from index.embedding_cache import EmbeddingCache
from index.encoder import Encoder
from index.integrity import check_sealed, seal
from index.manifest import FILENAME as MANIFEST_FILE
from index.manifest import Manifest
from index.store import Store
from index.vectors import VectorIndex
from solieu.errors import ArticleError, IndexBusyError, IndexDamagedError, IndexMissingError

CURRENT = "CURRENT"
GENERATIONS = "generations"
STORE_FILE = "store.sqlite"
VECTORS_FILE = "vectors.faiss"
CACHE_FILE = "embeddings.sqlite"
LOCK_FILE = ".lock"
BUILDING_PREFIX = ".building-"
# Texts per encoder call. Sorted by length first, so a batch pads little.
BATCH_SIZE = 32
# Tries at opening the current generation when a writer swaps it out meanwhile.
_OPEN_TRIES = 3


@dataclass
class LoadedIndex:
    directory: Path
    manifest: Manifest
    store: Store
    vectors: VectorIndex
    hold: GenerationHold

    def close(self) -> None:
        self.store.close()
        self.hold.release()


class GenerationHold:
    """A shared lock on a generation's manifest, held while the generation is served: writers delete
    no generation that someone holds."""

    def __init__(self, generation: Path) -> None:
        self.generation = generation
        self._handle = open(generation / MANIFEST_FILE, "rb")  # noqa: SIM115 (held until release)
        fcntl.flock(self._handle, fcntl.LOCK_SH)

    @property
    def still_published(self) -> bool:
        """The manifest locked is the one in place: a writer did not delete it before the lock."""
        try:
            return os.stat(self.generation / MANIFEST_FILE).st_ino == os.fstat(self._handle.fileno()).st_ino
        except OSError:
            return False

    def release(self) -> None:
        self._handle.close()


def _delete_unless_held(generation: Path) -> None:
    """Delete a generation no reader holds (see GenerationHold), keeping the lock while deleting: a
    reader that comes meanwhile finds it gone once it has the lock, and opens the current one."""
    try:
        handle = open(generation / MANIFEST_FILE, "rb")  # noqa: SIM115 (closed below)
    except OSError:
        shutil.rmtree(generation, ignore_errors=True)  # no manifest: never published
        return
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return
        shutil.rmtree(generation, ignore_errors=True)


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
    name = pointer.read_text(encoding="utf-8", errors="replace").strip()
    return index_dir / GENERATIONS / name if name else None


def _existing_generation(index_dir: Path) -> Path:
    """The current generation, or an error that says to build one."""
    generation = current_generation(index_dir)
    if generation is None:
        raise IndexMissingError(f"Chưa có chỉ mục ở {index_dir}: chạy `solieu index build`.")
    return generation


def open_index(index_dir: Path) -> LoadedIndex:
    """The current generation, read-only and held (see GenerationHold). Nothing is created: a missing
    or damaged part is an error that says to rebuild."""
    if index_dir.exists() and not index_dir.is_dir():
        raise IndexMissingError(f"{index_dir} là một tệp, không phải thư mục chỉ mục.")
    for _ in range(_OPEN_TRIES):
        generation = _existing_generation(index_dir)
        try:
            hold = GenerationHold(generation)
        except OSError:
            if current_generation(index_dir) != generation:
                continue  # replaced and deleted between reading CURRENT and opening it
            Manifest.load(generation)  # names what is missing
            raise
        if hold.still_published:
            break
        hold.release()  # deleted as stale between reading CURRENT and locking: CURRENT has moved on
    else:
        raise IndexMissingError(f"Chỉ mục ở {index_dir} đang được thay liên tục: thử lại sau.")
    try:
        manifest = Manifest.load(generation)
        for name in (STORE_FILE, VECTORS_FILE):
            if name not in manifest.seals:
                raise IndexDamagedError(
                    f"Chỉ mục hỏng: {generation / MANIFEST_FILE} không ghi dấu kiểm của {name}. "
                    "Chạy `solieu index build` để tạo lại."
                )
            check_sealed(generation / name, manifest.seals[name])
        store = Store.open_readonly(generation / STORE_FILE)
    except BaseException:
        hold.release()
        raise
    try:
        vectors = VectorIndex.load(generation / VECTORS_FILE)
    except BaseException:
        store.close()
        hold.release()
        raise
    return LoadedIndex(generation, manifest, store, vectors, hold)


def build_index(
    index_dir: Path,
    sources: list[Path],
    encoder: Encoder,
    *,
    progress: bool = True,
    removed: frozenset[str] = frozenset(),
    max_article_bytes: int = MAX_ARTICLE_BYTES,
) -> Manifest:
    """Build a fresh generation from the corpus sources (less the `removed` ids) and make it current.
    Unusable files are skipped with a warning; a corpus where nothing at all could be read is an
    error, so it never replaces a good index with an empty one."""
    with writer_lock(index_dir), _Generation(index_dir) as building:
        store = Store.create(building.path / STORE_FILE)
        vectors = VectorIndex(encoder.dimension)
        passages: list[Passage] = []
        skipped: list[Skipped] = []
        for article in _read(sources, skipped, progress, max_article_bytes):
            if article.id not in removed:
                passages += store.add(article, *_understood(article))
        if skipped and not passages and not store.counts()["articles"]:
            raise ArticleError(f"Không đọc được bài báo nào ({Corpus([], skipped).summary()}).")
        _embed(index_dir, encoder, passages, vectors, progress=progress)
        manifest = _finish(building.path, store, vectors, encoder, sources, removed)
        building.commit()
    return manifest


def change_index(
    index_dir: Path,
    encoder: Encoder,
    *,
    add: Iterable[Article] = (),
    remove: Collection[str] = (),
    sources: list[Path] | None = None,
) -> Manifest:
    """Add or replace some articles and remove others, embedding only the added ones: copy the
    current generation, change the copy, swap it in."""
    with writer_lock(index_dir):
        generation = _existing_generation(index_dir)
        previous = Manifest.load(generation)
        previous.check_compatible(encoder.backend, encoder.model, encoder.dimension)
        with _Generation(index_dir, copy_from=generation) as building:
            store = Store.create(building.path / STORE_FILE)
            vectors = VectorIndex.load(building.path / VECTORS_FILE)
            for article_id in remove:
                vectors.remove(store.remove_article(article_id))
            passages: list[Passage] = []
            added = set()
            for article in add:
                vectors.remove(store.remove_article(article.id))
                passages += store.add(article, *_understood(article))
                added.add(article.id)
            _embed(index_dir, encoder, passages, vectors, progress=False)
            kept = sources if sources is not None else [Path(s) for s in previous.sources]
            removed = (set(previous.removed) | set(remove)) - added
            manifest = _finish(building.path, store, vectors, encoder, kept, frozenset(removed))
            building.commit()
    return manifest


@contextmanager
def writer_lock(index_dir: Path) -> Iterator[None]:
    """One writer per index directory. A second one says so once, then waits its turn."""
    index_dir.mkdir(parents=True, exist_ok=True)
    with open(index_dir / LOCK_FILE, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(
                f"Một lần lập chỉ mục khác đang chạy ở {index_dir}: chờ nó xong…", file=sys.stderr, flush=True
            )
            try:
                fcntl.flock(handle, fcntl.LOCK_EX)
            except KeyboardInterrupt:
                raise IndexBusyError(
                    f"Đã dừng chờ: một lần lập chỉ mục khác vẫn đang chạy ở {index_dir}."
                ) from None
        try:
            _clear_leftovers(index_dir)
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _clear_leftovers(index_dir: Path) -> None:
    """What a killed writer left: half-built generations and pointer files. Safe under the lock."""
    generations = index_dir / GENERATIONS
    if generations.is_dir():
        for path in generations.glob(f"{BUILDING_PREFIX}*"):
            shutil.rmtree(path, ignore_errors=True)
    for path in index_dir.glob(f".{CURRENT}.*"):
        path.unlink(missing_ok=True)


def _read(
    sources: list[Path], skipped: list[Skipped], progress: bool, max_article_bytes: int
) -> Iterator[Article]:
    total = count_articles(sources) if progress else None
    articles = iter_corpus(sources, skipped, max_article_bytes=max_article_bytes)
    yield from tqdm(
        articles,
        total=total,
        unit="bài",
        desc="Đọc và hiểu bài báo",
        disable=_quiet(progress),
        dynamic_ncols=True,
    )


def _quiet(progress: bool) -> bool | None:
    """Progress bars only for a person watching a terminal (None lets tqdm check), never in logs."""
    return None if progress else True


def _understood(article: Article) -> tuple[list[Passage], list]:
    figures = extract_figures(article)
    return figure_passages(article, figures), figures


def _embed(
    index_dir: Path, encoder: Encoder, passages: list[Passage], vectors: VectorIndex, *, progress: bool
) -> None:
    cache = EmbeddingCache(index_dir / CACHE_FILE, encoder.backend, encoder.model, encoder.dimension)
    try:
        cached = cache.get_many([p.text for p in passages])
        missing = sorted({p.text for p in passages if cache.key(p.text) not in cached}, key=len)
        bar = tqdm(
            total=sum(map(len, missing)),
            unit="ký tự",
            unit_scale=True,
            desc=f"Mã hoá {len(missing)} đoạn",
            disable=_quiet(progress) or not missing,
            dynamic_ncols=True,
        )
        with bar:
            for start in range(0, len(missing), BATCH_SIZE):
                batch = missing[start : start + BATCH_SIZE]
                matrix = encoder.encode_passages(batch)
                cache.put_many(batch, matrix)
                cached.update({cache.key(t): v for t, v in zip(batch, matrix, strict=True)})
                bar.update(sum(map(len, batch)))
        if passages:
            vectors.add(
                [p.stored_id for p in passages], np.stack([cached[cache.key(p.text)] for p in passages])
            )
    finally:
        cache.close()


def _finish(
    directory: Path,
    store: Store,
    vectors: VectorIndex,
    encoder: Encoder,
    sources: list[Path],
    removed: frozenset[str],
) -> Manifest:
    counts = store.counts()
    manifest = Manifest(
        encoder=encoder.backend,
        model=encoder.model,
        dimension=encoder.dimension,
        corpus_hash=content_hash(store.articles()),
        sources_fingerprint=sources_fingerprint(sources),
        articles=counts["articles"],
        passages=counts["passages"],
        figures=counts["figures"],
        built_at=datetime.now(UTC).isoformat(timespec="seconds"),
        sources=tuple(str(s.resolve()) for s in sources),
        removed=tuple(sorted(removed)),
    )
    store.close()
    vectors.save(directory / VECTORS_FILE)
    for name in (STORE_FILE, VECTORS_FILE):
        _fsync(directory / name)
    manifest = replace(manifest, seals={name: seal(directory / name) for name in (STORE_FILE, VECTORS_FILE)})
    manifest.save(directory)
    return manifest


class _Generation:
    """A generation being built in a hidden directory; `commit()` publishes it, anything else discards it."""

    def __init__(self, index_dir: Path, copy_from: Path | None = None) -> None:
        self.index_dir = index_dir
        self.name = f"{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:8]}"
        self.path = index_dir / GENERATIONS / f"{BUILDING_PREFIX}{self.name}"
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
        _fsync(self.path / MANIFEST_FILE)
        final = self.index_dir / GENERATIONS / self.name
        os.replace(self.path, final)
        served = current_generation(self.index_dir)
        _swap_current(self.index_dir, self.name)
        self._committed = True
        self._prune(keep={final, served})

    def _prune(self, keep: set[Path | None]) -> None:
        """Generations neither current nor just replaced go, unless a reader still holds one. A
        generation published by a writer killed before it swapped CURRENT was never served: it goes."""
        for old in (self.index_dir / GENERATIONS).iterdir():
            if old.is_dir() and not old.name.startswith(".") and old not in keep:
                _delete_unless_held(old)

    def __exit__(self, *exc_info) -> None:
        if not self._committed:
            shutil.rmtree(self.path, ignore_errors=True)


def _swap_current(index_dir: Path, name: str) -> None:
    """Point CURRENT at a published generation, atomically."""
    pointer = index_dir / f".{CURRENT}.{name}"
    pointer.write_text(name)
    _fsync(pointer)
    os.replace(pointer, index_dir / CURRENT)


def _fsync(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())
