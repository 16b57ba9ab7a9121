"""An index directory and the sources it is built from: open it, build it, add and remove articles.

Who may rebuild: only a build, or a start-up that is told which corpus to serve (SOLIEU_CORPUS for
the bot, or `ask --corpus`) when that corpus changed. A start with no corpus configured serves the
index that is there as it was built; the bundled seed articles are only what a first run builds
when there is no index yet. Reading an index never rebuilds or changes it. The sources of an index
are recorded in its manifest, so `index build` without `--corpus` rebuilds from what the index was
made of, uploads and `index add` files included.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from corpus.articles import (
    MAX_ARTICLE_BYTES,
    Skipped,
    bundled_corpus,
    check_upload_name,
    iter_corpus,
    parse_document,
    skipped_summary,
)
from corpus.model import Article
from corpus.rules import rules_fingerprint
from foundation.errors import ArticleError, IndexMissingError, SolieuError
from foundation.settings import Settings
from index.builder import (
    LoadedIndex,
    build_index,
    change_index,
    current_generation,
    open_index,
    sources_fingerprint,
)
from index.encoder import Encoder
from index.manifest import Manifest

log = logging.getLogger(__name__)


class Library:
    def __init__(
        self,
        index_dir: Path,
        encoder: Encoder,
        corpus: list[Path],
        upload_dir: Path,
        max_article_bytes: int = MAX_ARTICLE_BYTES,
    ) -> None:
        self.index_dir = index_dir
        self.encoder = encoder
        self.corpus = corpus  # as configured: empty when none is
        self.upload_dir = upload_dir
        self.max_article_bytes = max_article_bytes

    @classmethod
    def configured(cls, settings: Settings, encoder: Encoder) -> Library:
        return cls(
            settings.resolved_index_dir,
            encoder,
            settings.corpus,
            settings.resolved_upload_dir,
            settings.max_article_bytes,
        )

    @property
    def configured_sources(self) -> list[Path]:
        """The configured corpus and the uploads directory; with no corpus configured, what the index
        was built from (the bundled seeds and the uploads when there is no index yet)."""
        return self._with_uploads(self.corpus) if self.corpus else self.recorded_sources()

    def _with_uploads(self, sources: list[Path]) -> list[Path]:
        upload_dir = self.upload_dir.resolve()
        if self.upload_dir.is_dir() and upload_dir not in [s.resolve() for s in sources]:
            return [*sources, self.upload_dir]
        return list(sources)

    def recorded_sources(self) -> list[Path]:
        """What the current index was built from, and the uploads directory."""
        generation = current_generation(self.index_dir)
        recorded = Manifest.recorded_sources(generation) if generation is not None else None
        if recorded is None:
            first_run = self.corpus or [bundled_corpus()]
            if generation is not None:
                log.warning(
                    "Không đọc được các nguồn mà chỉ mục %s ghi lại: lập lại từ %s.",
                    self.index_dir,
                    ", ".join(map(str, first_run)),
                )
            return self._with_uploads(first_run)
        return self._with_uploads(recorded)

    def open(self, *, refresh: bool, progress: bool = True) -> LoadedIndex:
        """The current index. Built when there is none; rebuilt only when `refresh` is asked, a corpus
        is configured, and either it changed since the index was built or the index's figures were read
        by another version's rules (without both, such an index is served with a warning)."""
        generation = current_generation(self.index_dir)
        if generation is None and not (self.index_dir / "generations").exists():
            self.build(self.configured_sources, progress=progress)
        elif generation is None:
            raise IndexMissingError(
                f"Chỉ mục ở {self.index_dir} thiếu tệp CURRENT: chạy `solieu index build --index {self.index_dir}`.",
                path=self.index_dir,
            )
        else:
            manifest = Manifest.load(generation)
            manifest.check_compatible(
                self.encoder.backend, self.encoder.model, self.encoder.dimension, index_dir=self.index_dir
            )
            stale = manifest.read_with_other_rules(rules_fingerprint())
            if (
                refresh
                and self.corpus
                and (stale or manifest.sources_fingerprint != sources_fingerprint(self.configured_sources))
            ):
                self.build(self.configured_sources, progress=progress)
            elif stale:
                log.warning(
                    "Chỉ mục ở %s được đọc bằng quy tắc của một phiên bản khác: số liệu của nó có thể đã cũ. "
                    "Chạy `solieu index build --index %s` để đọc lại các bài.",
                    self.index_dir,
                    self.index_dir,
                )
        return open_index(self.index_dir)

    def build(self, sources: list[Path] | None = None, *, progress: bool = True) -> Manifest:
        """Rebuild from these sources, else from the ones the index records; removed ids stay out."""
        return build_index(
            self.index_dir,
            sources or self.recorded_sources(),
            self.encoder,
            progress=progress,
            removed=self._removed(),
            max_article_bytes=self.max_article_bytes,
        )

    def _removed(self) -> frozenset[str]:
        generation = current_generation(self.index_dir)
        if generation is None:
            return frozenset()
        try:
            return frozenset(Manifest.load(generation).removed)
        except SolieuError:
            return frozenset()  # a damaged index is being rebuilt: nothing of it can be trusted

    def add_files(self, paths: list[Path]) -> list[Article]:
        """Index these files (any article format) beside what is there, and record them as sources."""
        skipped: list[Skipped] = []
        articles = list(iter_corpus(paths, skipped, max_article_bytes=self.max_article_bytes))
        if not articles:
            reason = f" ({skipped_summary(skipped)})" if skipped else ""
            raise ArticleError(f"Không có bài báo nào dùng được trong các tệp đã cho{reason}.")
        sources = self.recorded_sources()
        known = {s.resolve() for s in sources}
        sources += [p for p in paths if p.resolve() not in known]
        change_index(self.index_dir, self.encoder, add=articles, sources=sources)
        return articles

    def add_upload(self, name: str, data: bytes, known: Mapping[str, Article]) -> Article:
        """Keep an uploaded article in the uploads directory and index it. Its name must not be a
        corpus article's id: that article would be shadowed, and every rebuild would fail on it."""
        check_upload_name(name, known, self.upload_dir)
        article = parse_document(name, data)
        target = self.upload_dir / Path(name).name
        self.upload_dir.mkdir(parents=True, exist_ok=True)
        previous = target.read_bytes() if target.exists() else None
        staging = target.with_name(f".{target.name}.part")
        staging.write_bytes(data)
        os.replace(staging, target)  # in place first, so the manifest's fingerprint includes it
        stored = replace(article, path=str(target))
        try:
            change_index(self.index_dir, self.encoder, add=[stored], sources=self.recorded_sources())
        except BaseException:
            if previous is None:
                target.unlink(missing_ok=True)
            else:
                target.write_bytes(previous)
            raise
        return stored

    def remove(self, article_ids: list[str], known: Mapping[str, Article]) -> list[Article]:
        """Take articles out of the index, embedding nothing. Rebuilds leave them out too: an
        uploaded article's file is deleted, any other id is recorded as removed in the manifest."""
        missing = [i for i in article_ids if i not in known]
        if missing:
            raise ArticleError(
                f"Không có bài nào mã {', '.join(missing)} trong chỉ mục (xem `solieu sources`)."
            )
        change_index(self.index_dir, self.encoder, remove=article_ids, sources=self.recorded_sources())
        removed = [known[i] for i in article_ids]
        for article in removed:
            if article.path and _inside(article.path, self.upload_dir):
                Path(article.path).unlink(missing_ok=True)
        return removed


def _inside(path: str | None, directory: Path) -> bool:
    if not path:
        return False
    try:
        return Path(path.split("#", 1)[0]).resolve().is_relative_to(directory.resolve())
    except OSError:
        return False
