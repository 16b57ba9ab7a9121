"""Shared fixtures: the real engine on the bundled corpus, built once per session."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from bot.app import PTB_DURATIONS_AS_TIMEDELTA
from corpus.articles import bundled_corpus
from foundation.settings import Settings

# Every test runs PTB as the bot does, whichever test builds the bot first.
os.environ.setdefault(*PTB_DURATIONS_AS_TIMEDELTA)

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def shared_file(*parts: str) -> Path:
    """A file from ../shared (beside the clone in CI), or skip: a bare clone has no shared data."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(
            f"needs ../shared/{'/'.join(parts)}, which lives beside the repository in CI, not in a bare clone"
        )
    return path


def make_settings(data_dir: Path, **overrides) -> Settings:
    """Settings built explicitly: no .env, no surprises from the developer's environment."""
    return Settings(
        _env_file=None, data_dir=data_dir, corpus=overrides.pop("corpus", [bundled_corpus()]), **overrides
    )


@pytest.fixture(scope="session")
def engine_settings(tmp_path_factory) -> Settings:
    return make_settings(tmp_path_factory.mktemp("solieu-data"))


@pytest.fixture(scope="session")
def engine(engine_settings):
    from answer.engine import AnswerEngine

    engine = AnswerEngine.open(engine_settings, progress=False)
    yield engine
    engine.close()


@pytest.fixture
def cli_env(monkeypatch, engine_settings, engine):
    """The CLI, which reads SOLIEU_* like a user's shell, pointed at the session's built index."""
    monkeypatch.setenv("SOLIEU_DATA_DIR", str(engine_settings.data_dir))
    monkeypatch.chdir(engine_settings.data_dir)  # no stray .env
    return engine_settings


# Real vi-news articles (../shared) for series and conflicting sources: GDP growth stated for 2016,
# estimated for 2017 and reported for 2018 (and 2015's rate only as another article's aside);
# Vietnam Airlines' profit of the first quarter of 2017 as 746 and as 743 tỷ đồng; the Việt Nam-China
# trade of 2018 as 106,7 and "gần 107" tỷ USD (the same amount rounded), grown 13,8% or 13,5%.
NEWS_SAMPLE = (
    "baomoi-21488286",
    "vietnews-train-017773",
    "vietnews-train-064369",
    "baomoi-22341050",
    "baomoi-22234806",
    "baomoi-22229954",
    "vietnews-test-012517",
    "vietnews-val-011602",
)


@pytest.fixture(scope="session")
def news_engine(tmp_path_factory):
    """The engine on a handful of real vi-news articles, or skip without ../shared."""
    from answer.engine import AnswerEngine

    articles = shared_file("corpus", "vi-news", "articles.jsonl")
    data_dir = tmp_path_factory.mktemp("news-sample")
    sample = data_dir / "sample.jsonl"
    with articles.open(encoding="utf-8") as lines, sample.open("w", encoding="utf-8") as out:
        out.writelines(line for line in lines if json.loads(line)["id"] in NEWS_SAMPLE)
    engine = AnswerEngine.open(make_settings(data_dir, corpus=[sample]), progress=False)
    yield engine
    engine.close()
