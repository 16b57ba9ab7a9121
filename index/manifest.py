"""What an index was built with, saved beside it; a mismatch is refused with the command to run."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from foundation.errors import IndexDamagedError, IndexMismatchError
from index.integrity import Seal

# 3: passages are figure windows, a lexical (FTS5) index, figure spans and subjects, recorded sources.
# 4: what a classifier's count classifies ("48 chiếc F-15").
# 5: the named area below its place a figure is in ("quận 7", "huyện Gia Lâm").
# 6: seals (size, CRC-32, times) of the store and the vectors, checked at open.
# 7: segments (a base and the changes since), indexed lookups, plain vector rows.
# 8: a subject's fields left unnamed (a partner, a company, a part) apart from the names.
# 9: a period's kind ("lũy kế đến nay", "bình quân") apart from a span written out.
FORMAT_VERSION = 9
FILENAME = "manifest.json"


@dataclass(frozen=True)
class SegmentRecord:
    """One segment of an index: its directory's name under segments/, what it holds, its files' seals."""

    name: str
    articles: int
    passages: int
    figures: int
    tokens: int  # lexical terms of all its passages, for BM25 across segments
    seals: dict[str, Seal]
    rules: str = ""  # the fingerprint of the reading rules its figures were read with (corpus.rules)


@dataclass(frozen=True)
class Manifest:
    encoder: str
    model: str
    dimension: int
    sources_fingerprint: str
    articles: int  # as served: the segments' articles less the hidden ones
    passages: int
    figures: int
    built_at: str
    sources: tuple[str, ...] = ()  # the corpus files and directories it was built from
    removed: tuple[str, ...] = ()  # article ids taken out with `index remove`: rebuilds leave them out
    # The base a build made, then the one segment holding what was added since (see index.builder).
    segments: tuple[SegmentRecord, ...] = ()
    hidden: tuple[str, ...] = ()  # articles of the base replaced or removed since it was built
    format_version: int = FORMAT_VERSION

    def save(self, directory: Path) -> None:
        """Write aside, then replace: a reader never sees half a manifest."""
        staging = directory / f".{FILENAME}.part"
        staging.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=2), encoding="utf-8")
        os.replace(staging, directory / FILENAME)

    @classmethod
    def load(cls, directory: Path) -> Manifest:
        try:
            data = json.loads((directory / FILENAME).read_text(encoding="utf-8"))
            if not isinstance(data, dict):
                raise ValueError("not an object")
        except (OSError, ValueError) as error:
            raise IndexDamagedError(
                f"Chỉ mục hỏng: không đọc được {directory / FILENAME} ({error}). Chạy `solieu index build` để tạo lại.",
                path=directory / FILENAME,
            ) from None
        if data.get("format_version") != FORMAT_VERSION:
            raise IndexMismatchError(
                f"Chỉ mục ở {directory} có định dạng phiên bản {data.get('format_version')}, phiên bản hiện tại là "
                f"{FORMAT_VERSION}: chạy `solieu index build` để tạo lại.",
                path=directory,
            )
        try:
            manifest = cls(**data)
            segments = tuple(
                SegmentRecord(
                    **(record | {"seals": {name: Seal(**seal) for name, seal in record["seals"].items()}})
                )
                for record in data.get("segments", ())
            )
        except (TypeError, AttributeError, KeyError) as error:
            raise IndexDamagedError(
                f"Chỉ mục hỏng: {directory / FILENAME} không đúng dạng ({error}). Chạy `solieu index build` để tạo lại.",
                path=directory / FILENAME,
            ) from None
        if not segments:
            raise IndexDamagedError(
                f"Chỉ mục hỏng: {directory / FILENAME} không ghi phần nào. Chạy `solieu index build` để tạo lại.",
                path=directory / FILENAME,
            )
        return replace(
            manifest,
            sources=tuple(manifest.sources),
            removed=tuple(manifest.removed),
            segments=segments,
            hidden=tuple(manifest.hidden),
        )

    @staticmethod
    def recorded_sources(directory: Path) -> list[Path] | None:
        """The sources a manifest records, read even from a manifest of an older format (which must be
        rebuilt from them); None when there is no readable record."""
        try:
            sources = json.loads((directory / FILENAME).read_text(encoding="utf-8")).get("sources")
        except (OSError, ValueError, AttributeError):
            return None
        if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources) or not sources:
            return None
        return [Path(s) for s in sources]

    def read_with_other_rules(self, rules: str) -> bool:
        """Whether any segment's figures were read by other rules than these (an older version's)."""
        return any(segment.rules != rules for segment in self.segments)

    def check_compatible(
        self, encoder: str, model: str, dimension: int | None = None, *, index_dir: Path
    ) -> None:
        if (self.encoder, self.model) != (encoder, model) or (
            dimension is not None and dimension != self.dimension
        ):
            raise IndexMismatchError(
                f"Chỉ mục được tạo bằng {self.encoder} ({self.model}, {self.dimension} chiều) nhưng cấu hình hiện "
                f"dùng {encoder} ({model}{f', {dimension} chiều' if dimension else ''}): chạy "
                "`solieu index build` để tạo lại chỉ mục cho bộ mã hoá này.",
                path=index_dir,
            )
