"""The index a running bot or CLI serves: the current generation's catalog, replaced whole once a
change (an upload, `index add`, `/remove`, a rebuild) has published a new generation. The segments
both generations list are shared, not opened again.

Changes take turns; readers keep the catalog they started with, so an answer never mixes two
generations.
"""

from __future__ import annotations

import threading
from pathlib import Path

from corpus.model import Article
from index.builder import open_index
from index.catalog import Catalog
from index.library import Library
from index.manifest import Manifest


class LiveIndex:
    def __init__(self, library: Library, catalog: Catalog) -> None:
        self.library = library
        self.catalog = catalog
        self._write_lock = threading.Lock()

    @classmethod
    def open(cls, library: Library, *, refresh: bool, progress: bool = True) -> LiveIndex:
        """The library's current index; built when there is none, rebuilt when `refresh` is asked and
        the configured corpus changed."""
        return cls(library, Catalog(library.open(refresh=refresh, progress=progress)))

    @property
    def manifest(self) -> Manifest:
        return self.catalog.manifest

    def close(self) -> None:
        self.catalog.close()

    def reload(self) -> None:
        """Serve the current generation (after a change made here or by another process)."""
        encoder = self.library.encoder
        loaded = open_index(self.library.index_dir, reuse=self.catalog.loaded)
        try:
            loaded.manifest.check_compatible(
                encoder.backend, encoder.model, encoder.dimension, index_dir=self.library.index_dir
            )
        except BaseException:
            loaded.close()
            raise
        old, self.catalog = self.catalog, Catalog(loaded)
        old.close()

    def add_upload(self, name: str, data: bytes) -> tuple[Article, bool]:
        """An uploaded .txt/.md/.html article, kept with the uploads and indexed at once; whether it
        replaced an article of the same name."""
        with self._write_lock:
            known = self.catalog.articles
            replaced = Path(name).stem in known
            article = self.library.add_upload(name, data, known)
            self.reload()
        return article, replaced

    def add_files(self, paths: list[Path]) -> list[Article]:
        with self._write_lock:
            articles = self.library.add_files(paths)
            self.reload()
        return articles

    def remove(self, article_ids: list[str]) -> list[Article]:
        with self._write_lock:
            removed = self.library.remove(article_ids, self.catalog.articles)
            self.reload()
        return removed

    def rebuild(self, *, progress: bool = False) -> Manifest:
        """Rebuild from the configured sources (the corpus and the uploads)."""
        with self._write_lock:
            manifest = self.library.build(self.library.configured_sources, progress=progress)
            self.reload()
        return manifest
