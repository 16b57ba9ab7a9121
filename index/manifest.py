"""What an index was built with, saved beside it; a mismatch is refused with the command to run."""
from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from solieu.errors import IndexMismatchError

FORMAT_VERSION = 1
FILENAME = "manifest.json"


@dataclass(frozen=True)
class Manifest:
    encoder: str
    model: str
    dimension: int
    corpus_hash: str
    sources_fingerprint: str
    articles: int
    passages: int
    figures: int
    built_at: str
    format_version: int = FORMAT_VERSION

    def save(self, directory: Path) -> None:
        (directory / FILENAME).write_text(json.dumps(asdict(self), ensure_ascii=False, indent=2), encoding="utf-8")

    def save_atomically(self, directory: Path) -> None:
        """Rewrite the manifest of a live generation: write aside, then replace."""
        staging = directory / f".{FILENAME}.part"
        staging.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=2), encoding="utf-8")
        os.replace(staging, directory / FILENAME)

    @classmethod
    def load(cls, directory: Path) -> Manifest:
        data = json.loads((directory / FILENAME).read_text(encoding="utf-8"))
        if data.get("format_version") != FORMAT_VERSION:
            raise IndexMismatchError(
                f"Chỉ mục ở {directory} có định dạng phiên bản {data.get('format_version')}, phiên bản hiện tại là "
                f"{FORMAT_VERSION}: chạy `solieu index build` để tạo lại."
            )
        return cls(**data)

    def check_compatible(self, encoder: str, model: str, dimension: int | None = None) -> None:
        if (self.encoder, self.model) != (encoder, model) or (dimension is not None and dimension != self.dimension):
            raise IndexMismatchError(
                f"Chỉ mục được tạo bằng {self.encoder} ({self.model}, {self.dimension} chiều) nhưng cấu hình hiện "
                f"dùng {encoder} ({model}{f', {dimension} chiều' if dimension else ''}): chạy "
                "`solieu index build` để tạo lại chỉ mục cho bộ mã hoá này."
            )
