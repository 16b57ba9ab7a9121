"""Build and change an index atomically, one writer at a time.

INDEX_DIR/
  CURRENT                      name of the generation in use (replaced atomically)
  generations/<name>/          manifest.json: sources, counts, the segments it serves and their seals
  segments/<name>/             store.sqlite, vectors.f32, vectors.ids (and vectors.ivf when big)
  embeddings.sqlite            vector cache shared by all generations
  .lock                        held by the one build, add or remove running

A build writes one new segment, the base. A change (`index add`, `index remove`, an upload) writes
one small segment with what was added since the base, the one before it copied and changed, and
lists the base's articles it replaces or removes as hidden: its cost follows the changes since the
last build, not the archive. An index smaller than FOLD_BELOW passages is rewritten whole instead,
as cheap at that size, so a small index is always one segment. Either is published by writing a
new generation and swapping CURRENT: a failed or killed writer leaves the good index serving, and
the next writer clears what it left behind. A reader holds a shared lock on the manifest of the
generation it serves for as long as it serves it, so no writer deletes a generation, nor a segment,
that someone still reads from.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import sys
import time
import uuid
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from corpus.articles import MAX_ARTICLE_BYTES, Corpus, Skipped, iter_article_files
from corpus.figures import extract_figures
from corpus.model import Article
from corpus.passages import figure_passages
from foundation.errors import ArticleError, IndexBusyError, IndexMissingError
from index.embedding_cache import EmbeddingCache
from index.encoder import Encoder
from index.manifest import FILENAME as MANIFEST_FILE
from index.manifest import Manifest, SegmentRecord
from index.progress import Progress
from index.segment import BUILDING_PREFIX, SEGMENTS, STORE_FILE, NewSegment, Segment, SegmentView, segment_dir
from index.store import Store, prepare
from index.understanding import understood_corpus
from index.vectors import VectorWriter, copy_without

CURRENT = "CURRENT"
GENERATIONS = "generations"
CACHE_FILE = "embeddings.sqlite"
LOCK_FILE = ".lock"
# Texts per encoder call. Sorted by length first, so a batch pads little.
BATCH_SIZE = 32
# Passages embedded (or found in the cache) at a time: a build's memory does not grow with the corpus.
EMBED_CHUNK = 8192
# An index with fewer passages than this is rewritten whole by a change (about a second's copying).
FOLD_BELOW = 20_000
# Tries at opening the current generation when a writer swaps it out meanwhile.
_OPEN_TRIES = 3


@dataclass
class LoadedIndex:
    """A generation as served: its manifest, and its segments as it sees them (the first is the base)."""

    directory: Path
    manifest: Manifest
    segments: list[SegmentView]
    hold: GenerationHold

    def close(self) -> None:
        for view in self.segments:
            view.segment.release()
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


def open_index(index_dir: Path, reuse: LoadedIndex | None = None) -> LoadedIndex:
    """The current generation, read-only and held (see GenerationHold). Nothing is created: a missing
    or damaged part is an error that says to rebuild. Segments that `reuse` (the generation served
    until now) also lists are shared with it rather than opened again."""
    if index_dir.exists() and not index_dir.is_dir():
        raise IndexMissingError(f"{index_dir} là một tệp, không phải thư mục chỉ mục.", path=index_dir)
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
        raise IndexMissingError(
            f"Chỉ mục ở {index_dir} đang được thay liên tục: thử lại sau.", path=index_dir
        )
    opened: list[Segment] = []
    try:
        manifest = Manifest.load(generation)
        served = {view.segment.name: view.segment for view in reuse.segments} if reuse else {}
        for record in manifest.segments:
            shared = served.get(record.name)
            opened.append(
                shared.share()
                if shared
                else Segment(segment_dir(index_dir, record.name), record, manifest.dimension)
            )
        base, *changes = opened
        hidden = frozenset(manifest.hidden)
        views = [
            SegmentView(base, hidden, frozenset(base.store.passage_ids_of(sorted(hidden)))),
            *(SegmentView(segment) for segment in changes),
        ]
    except BaseException:
        for segment in opened:
            segment.release()
        hold.release()
        raise
    return LoadedIndex(generation, manifest, views, hold)


def build_index(
    index_dir: Path,
    sources: list[Path],
    encoder: Encoder,
    *,
    progress: bool = True,
    removed: frozenset[str] = frozenset(),
    max_article_bytes: int = MAX_ARTICLE_BYTES,
) -> Manifest:
    """Build a fresh base segment from the corpus sources (less the `removed` ids) and make it
    current. Unusable files are skipped with a warning; a corpus where nothing at all could be read
    is an error, so it never replaces a good index with an empty one."""
    with writer_lock(index_dir), NewSegment(index_dir) as segment:
        store = Store.create(segment.path / STORE_FILE)
        vectors = VectorWriter(segment.path, encoder.dimension)
        try:
            skipped: list[Skipped] = []
            for prepared in understood_corpus(
                sources, skipped, progress=progress, max_article_bytes=max_article_bytes
            ):
                if prepared.article.id not in removed:
                    store.add(prepared)
            counts = store.counts()
            if skipped and not counts["articles"]:
                raise ArticleError(f"Không đọc được bài báo nào ({Corpus([], skipped).summary()}).")
            _embed(index_dir, encoder, store, vectors, after=0, progress=progress)
            tokens = store.token_count()
        finally:
            store.close()
        record = segment.publish([STORE_FILE, *vectors.finish()], counts, tokens)
        return _publish(index_dir, _manifest(encoder, sources, removed, (record,), (), counts))


def change_index(
    index_dir: Path,
    encoder: Encoder,
    *,
    add: Iterable[Article] = (),
    remove: Collection[str] = (),
    sources: list[Path] | None = None,
) -> Manifest:
    """Add or replace some articles and remove others, embedding only the added ones, in a new last
    segment: the previous last segment copied and changed, or (over a big base) a new one."""
    with writer_lock(index_dir):
        previous = Manifest.load(_existing_generation(index_dir))
        previous.check_compatible(encoder.backend, encoder.model, encoder.dimension, index_dir=index_dir)
        small = len(previous.segments) == 1 and previous.segments[0].passages < FOLD_BELOW
        rewritten = previous.segments[-1] if small or len(previous.segments) > 1 else None
        kept = list(previous.segments[:-1] if rewritten else previous.segments)
        kept_stores = [
            Store.open_readonly(segment_dir(index_dir, r.name) / STORE_FILE, r.passages) for r in kept
        ]
        try:
            hidden = set(previous.hidden)
            last_ids = [kept_store.last_ids() for kept_store in kept_stores]
            first_ids = (
                max((p for p, _ in last_ids), default=0) + 1,
                max((f for _, f in last_ids), default=0) + 1,
            )
            with NewSegment(index_dir) as segment:
                if rewritten:
                    shutil.copyfile(
                        segment_dir(index_dir, rewritten.name) / STORE_FILE, segment.path / STORE_FILE
                    )
                store = Store.create(segment.path / STORE_FILE, first_ids)
                try:
                    gone: set[int] = set()

                    def take_out(article_id: str) -> None:
                        gone.update(store.remove_article(article_id))
                        if any(s.article(article_id) for s in kept_stores):
                            hidden.add(article_id)

                    for article_id in remove:
                        take_out(article_id)
                    last_kept = store.next_passage_id - 1
                    added = set()
                    for article in add:
                        take_out(article.id)
                        figures = extract_figures(article)
                        store.add(prepare(article, figure_passages(article, figures), figures))
                        added.add(article.id)
                    vectors = (
                        copy_without(
                            segment_dir(index_dir, rewritten.name), segment.path, encoder.dimension, gone
                        )
                        if rewritten
                        else VectorWriter(segment.path, encoder.dimension)
                    )
                    _embed(index_dir, encoder, store, vectors, after=last_kept, progress=False)
                    counts = store.counts()
                    tokens = store.token_count()
                finally:
                    store.close()
                record = segment.publish([STORE_FILE, *vectors.finish()], counts, tokens)
            for kept_store in kept_stores:
                for name, count in kept_store.counts_of(sorted(hidden)).items():
                    counts[name] -= count
            for kept_record in kept:
                for name in counts:
                    counts[name] += getattr(kept_record, name)
        finally:
            for kept_store in kept_stores:
                kept_store.close()
        removed = (set(previous.removed) | set(remove)) - added
        kept_sources = sources if sources is not None else [Path(s) for s in previous.sources]
        manifest = _manifest(
            encoder, kept_sources, frozenset(removed), (*kept, record), tuple(sorted(hidden)), counts
        )
        return _publish(index_dir, manifest)


def _manifest(
    encoder: Encoder,
    sources: list[Path],
    removed: frozenset[str],
    segments: tuple[SegmentRecord, ...],
    hidden: tuple[str, ...],
    counts: dict[str, int],
) -> Manifest:
    return Manifest(
        encoder=encoder.backend,
        model=encoder.model,
        dimension=encoder.dimension,
        sources_fingerprint=sources_fingerprint(sources),
        articles=counts["articles"],
        passages=counts["passages"],
        figures=counts["figures"],
        built_at=datetime.now(UTC).isoformat(timespec="seconds"),
        sources=tuple(str(s.resolve()) for s in sources),
        removed=tuple(sorted(removed)),
        segments=segments,
        hidden=hidden,
    )


def _embed(
    index_dir: Path, encoder: Encoder, store: Store, vectors: VectorWriter, *, after: int, progress: bool
) -> None:
    """Vectors for the store's passages numbered above `after`, from the cache or the encoder."""
    cache = EmbeddingCache(index_dir / CACHE_FILE, encoder.backend, encoder.model, encoder.dimension)
    total = store.next_passage_id - 1 - after
    try:
        with Progress("Mã hoá đoạn văn", total, "đoạn", shown=progress and total > 0) as bar:
            while rows := store.passage_texts(after, EMBED_CHUNK):
                ids, texts = [row[0] for row in rows], [row[1] for row in rows]
                cached = cache.get_many(texts)
                missing = sorted({t for t in texts if cache.key(t) not in cached}, key=len)
                for start in range(0, len(missing), BATCH_SIZE):
                    batch = missing[start : start + BATCH_SIZE]
                    matrix = encoder.encode_passages(batch)
                    cache.put_many(batch, matrix)
                    cached.update({cache.key(t): v for t, v in zip(batch, matrix, strict=True)})
                vectors.add(ids, np.stack([cached[cache.key(t)] for t in texts]))
                bar.update(len(ids))
                after = ids[-1]
    finally:
        cache.close()


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
                    f"Đã dừng chờ: một lần lập chỉ mục khác vẫn đang chạy ở {index_dir}.", path=index_dir
                ) from None
        try:
            _clear_leftovers(index_dir)
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _clear_leftovers(index_dir: Path) -> None:
    """What a killed writer left: half-written generations and segments, pointer files. Safe under
    the lock."""
    for directory in (index_dir / GENERATIONS, index_dir / SEGMENTS):
        if directory.is_dir():
            for path in directory.glob(f"{BUILDING_PREFIX}*"):
                shutil.rmtree(path, ignore_errors=True)
    for path in index_dir.glob(f".{CURRENT}.*"):
        path.unlink(missing_ok=True)


def _publish(index_dir: Path, manifest: Manifest) -> Manifest:
    """Write a generation serving `manifest`'s segments and make it current; then delete the
    generations and segments nobody serves any more."""
    name = f"{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:8]}"
    building = index_dir / GENERATIONS / f"{BUILDING_PREFIX}{name}"
    building.mkdir(parents=True)
    try:
        manifest.save(building)
        _fsync(building / MANIFEST_FILE)
        final = index_dir / GENERATIONS / name
        os.replace(building, final)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    served = current_generation(index_dir)
    _swap_current(index_dir, name)
    _prune(index_dir, keep={final, served})
    return manifest


def _prune(index_dir: Path, keep: set[Path | None]) -> None:
    """Generations neither current nor just replaced go, unless a reader still holds one (a generation
    published by a writer killed before it swapped CURRENT was never served: it goes). Then segments
    that no generation left lists go too."""
    for old in (index_dir / GENERATIONS).iterdir():
        if old.is_dir() and not old.name.startswith(".") and old not in keep:
            _delete_unless_held(old)
    listed: set[str] = set()
    for generation in (index_dir / GENERATIONS).iterdir():
        if generation.name.startswith("."):
            continue
        try:
            listed.update(
                r["name"] for r in json.loads((generation / MANIFEST_FILE).read_text()).get("segments", ())
            )
        except (OSError, ValueError, AttributeError, KeyError, TypeError):
            return  # a generation whose segments cannot be known: keep every segment
    for segment in (index_dir / SEGMENTS).iterdir():
        if not segment.name.startswith(".") and segment.name not in listed:
            shutil.rmtree(segment, ignore_errors=True)


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
        raise IndexMissingError(f"Chưa có chỉ mục ở {index_dir}: chạy `solieu index build`.", path=index_dir)
    return generation


def _swap_current(index_dir: Path, name: str) -> None:
    """Point CURRENT at a published generation, atomically."""
    pointer = index_dir / f".{CURRENT}.{name}"
    pointer.write_text(name)
    _fsync(pointer)
    os.replace(pointer, index_dir / CURRENT)


def _fsync(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())
