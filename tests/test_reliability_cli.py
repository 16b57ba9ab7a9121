"""Issue 8 through the real `solieu` command: bad files are skipped and named, bad input lines fail
alone, and every problem is one sentence on stderr, never a traceback."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from solieu.cli import EXIT_OUTPUT_CLOSED, main
from tests.settings_paths import SEEDS

SOLIEU = Path(sys.executable).with_name("solieu")
EXPORTS_2020 = "Kim ngạch xuất khẩu của Bắc Ninh năm 2020 là bao nhiêu?"
GOOD = "Năm 2020, kim ngạch xuất khẩu của tỉnh Hà Nam đạt 5 tỷ USD, tăng 10% so với năm 2019."


def _run(
    args: list[str], *, env: dict[str, str], cwd: Path, stdin: bytes = b""
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(SOLIEU), *args],
        input=stdin,
        capture_output=True,
        env={**os.environ, **env},
        cwd=cwd,
        timeout=300,
    )


def _messy_corpus(root: Path) -> tuple[Path, Path]:
    """Two good seed articles and one good .jsonl line among every kind of bad file; an upload named
    like a corpus article."""
    corpus, uploads = root / "corpus", root / "uploads"
    corpus.mkdir()
    uploads.mkdir()
    for seed in ("000_c8caa60a5f5ab768.txt", "002_ab3f7892cfbcae5d.txt"):
        shutil.copy(SEEDS / seed, corpus / seed)
    shutil.copy(SEEDS / "002_ab3f7892cfbcae5d.txt", uploads / "002_ab3f7892cfbcae5d.txt")
    (corpus / "rong.txt").write_bytes(b"")
    (corpus / "trang.html").write_text("<html><head><title>Trống</title></head><body></body></html>")
    (corpus / "yaml.md").write_text(f"---\ntitle: [chưa đóng\n---\n{GOOD}\n", encoding="utf-8")
    (corpus / "ngay.md").write_text(f"---\ndate: 2021-02-30\n---\n{GOOD}\n", encoding="utf-8")
    latin = "Xuất khẩu đạt 5 tỷ USD".encode("cp1258", "replace")
    (corpus / "latin.txt").write_bytes(latin + b"\xe9" * (2 - len(latin) % 2))  # even length, not UTF-8
    (corpus / "lon.txt").write_text(GOOD * 60_000, encoding="utf-8")  # 5.4 MB
    (corpus / "news.jsonl").write_bytes(
        b"\n".join(
            [
                json.dumps({"id": None, "text": GOOD}).encode(),
                b'{"id": "hong", "text": ',
                json.dumps(
                    {"id": "ha-nam-2020", "title": "Hà Nam 2020", "text": GOOD}, ensure_ascii=False
                ).encode(),
                b'{"id": "x", "text": "xu\xe1\xba t kh\xff"}',
                json.dumps({"id": "so", "text": 42}).encode(),
            ]
        )
    )
    return corpus, uploads


def test_index_build_skips_each_bad_file_with_one_warning_and_sums_up(tmp_path):
    corpus, uploads = _messy_corpus(tmp_path)
    env = {"SOLIEU_DATA_DIR": str(tmp_path / "data"), "SOLIEU_UPLOAD_DIR": str(uploads)}
    result = _run(["index", "build", "--corpus", str(corpus)], env=env, cwd=tmp_path)
    out, err = result.stdout.decode(), result.stderr.decode()
    assert result.returncode == 0, err
    assert "Traceback" not in err
    assert out.startswith("Đã lập chỉ mục 3 bài")
    assert "7 tệp và 4 dòng bỏ qua:" in out
    warnings = [line for line in err.splitlines() if "Bỏ qua" in line]
    assert len(warnings) == 11, err
    expected = {
        "rong.txt": "không có nội dung",
        "trang.html": "Không tìm thấy nội dung",
        "yaml.md": "YAML",
        "ngay.md": "ngày không tồn tại",
        "latin.txt": "không phải văn bản UTF-8",
        "lon.txt": "lớn quá 5 MB",
        "news.jsonl dòng 1": "'id' phải là một chuỗi không rỗng (đang là null)",
        "news.jsonl dòng 2": "không phải JSON hợp lệ",
        "news.jsonl dòng 4": "không phải văn bản UTF-8",
        "news.jsonl dòng 5": "'text' phải là một chuỗi không rỗng (đang là 42)",
    }
    for where, reason in expected.items():
        assert any(f"{where}:" in line and reason in line for line in warnings), (where, err)
    # The upload named like a corpus article: the warning names both files, and the build goes on.
    duplicate = next(line for line in warnings if "trùng" in line)
    assert (
        str(uploads / "002_ab3f7892cfbcae5d.txt") in duplicate
        and str(corpus / "002_ab3f7892cfbcae5d.txt") in duplicate
    )


def test_a_corpus_with_nothing_readable_is_one_sentence_and_no_index(cli_env, capsys, tmp_path):
    (tmp_path / "rong.txt").write_bytes(b"")
    assert (
        main(["index", "build", "--corpus", str(tmp_path / "rong.txt"), "--index", str(tmp_path / "idx")])
        == 1
    )
    err = capsys.readouterr().err
    assert err.startswith("Lỗi: Không đọc được bài báo nào (0 bài, 1 tệp bỏ qua:") and err.count("\n") == 1
    assert not (tmp_path / "idx" / "CURRENT").exists()


def test_stdin_batch_survives_a_line_that_is_not_utf8_and_exits_non_zero(cli_env):
    questions = EXPORTS_2020.encode() + b"\n\xff\xfe kim ng\xe1ch\n\n" + EXPORTS_2020.encode() + b"\n"
    result = _run(
        ["ask", "--json"],
        env={"SOLIEU_DATA_DIR": str(cli_env.data_dir)},
        cwd=cli_env.data_dir,
        stdin=questions,
    )
    answers = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [a["status"] for a in answers] == ["answered", "error", "answered"]
    assert (
        answers[1]["error"].startswith("Câu hỏi không phải văn bản UTF-8")
        and "kim ng" in answers[1]["question"]
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr.decode()


def test_stdin_text_mode_names_the_bad_line(cli_env, capsys, monkeypatch):
    questions = EXPORTS_2020.encode() + b"\nkim ng\xe1ch\n"
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(questions), encoding="utf-8"))
    assert main(["ask"]) == 1
    captured = capsys.readouterr()
    assert captured.out.startswith("38.905 triệu USD")
    assert (
        captured.err
        == "Lỗi ở dòng 2: Câu hỏi không phải văn bản UTF-8: hãy gõ lại hoặc lưu tệp câu hỏi dạng UTF-8.\n"
    )


def test_question_argument_that_is_not_utf8_is_one_sentence(cli_env, capsys):
    # Python hands main() the bytes of a non-UTF-8 argument escaped as lone surrogates.
    assert main(["ask", b"kim ng\xe1ch".decode("utf-8", "surrogateescape")]) == 1
    assert capsys.readouterr().err.startswith("Lỗi: Câu hỏi không phải văn bản UTF-8")


def test_invisible_characters_in_a_question_change_nothing(cli_env, capsys):
    assert main(["ask", EXPORTS_2020]) == 0
    plain = capsys.readouterr().out
    assert (
        main(["ask", EXPORTS_2020.replace("xuất", "xu\u200bất").replace("Bắc Ninh", "Bắc\u00a0Ninh\ufeff")])
        == 0
    )
    assert capsys.readouterr().out == plain and plain.startswith("38.905 triệu USD")


def test_output_closed_early_stops_quietly(cli_env):
    env = {**os.environ, "SOLIEU_DATA_DIR": str(cli_env.data_dir)}
    process = subprocess.Popen(
        [str(SOLIEU), "ask", "--json"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=cli_env.data_dir,
    )
    assert process.stdin is not None and process.stdout is not None and process.stderr is not None
    process.stdin.write(EXPORTS_2020.encode() + b"\n")
    process.stdin.flush()
    assert json.loads(process.stdout.readline())["status"] == "answered"
    process.stdout.close()  # `| head -1`: the reader is gone
    process.stdin.write(EXPORTS_2020.encode() + b"\n")
    process.stdin.close()
    assert process.wait(timeout=120) == EXIT_OUTPUT_CLOSED
    assert process.stderr.read() == b""


def test_unknown_log_level_is_one_sentence(cli_env, capsys, monkeypatch):
    monkeypatch.setenv("SOLIEU_LOG_LEVEL", "loud")
    assert main(["sources"]) == 1
    err = capsys.readouterr().err
    assert err == (
        "Lỗi: cấu hình không hợp lệ — SOLIEU_LOG_LEVEL: mức log không có: 'loud'; chọn một trong DEBUG, INFO, "
        "WARNING, ERROR, CRITICAL (xem .env.example).\n"
    )


@pytest.mark.parametrize("command", [["ask", "xuất khẩu"], ["sources"], ["index", "build"]])
def test_index_pointing_at_a_file_is_one_sentence(cli_env, capsys, tmp_path, command):
    (tmp_path / "index.txt").write_text("not an index")
    for index in (tmp_path / "index.txt", tmp_path / "index.txt" / "sub"):
        assert main([*command, "--index", str(index)]) == 1
        err = capsys.readouterr().err
        assert err == (
            f"Lỗi: {tmp_path / 'index.txt'} là một tệp, không phải thư mục: hãy đặt chỉ mục (--index hoặc "
            "SOLIEU_INDEX_DIR) vào một thư mục.\n"
        )


def _built_index(tmp_path):
    from index.builder import build_index
    from tests.fakes import HashingEncoder
    from tests.settings_paths import SEEDS

    index = tmp_path / "idx"
    build_index(index, [SEEDS], HashingEncoder(), progress=False)
    return index


def _generation(index: Path) -> Path:
    from index.builder import current_generation

    generation = current_generation(index)
    assert generation is not None
    return generation


@pytest.mark.parametrize("damage", ["missing", "empty", "garbage"])
def test_a_damaged_store_is_an_error_that_says_what_to_run_and_nothing_is_recreated(tmp_path, damage):
    from foundation.errors import IndexDamagedError
    from index.builder import open_index
    from index.segment import STORE_FILE
    from tests.settings_paths import base_segment

    index = _built_index(tmp_path)
    store = base_segment(index) / STORE_FILE
    if damage == "missing":
        store.unlink()
    else:
        store.write_bytes(b"" if damage == "empty" else b"not a database at all" * 100)
    with pytest.raises(IndexDamagedError, match="solieu index build") as damaged:
        open_index(index)
    assert damaged.value.path == store
    assert store.exists() == (damage != "missing") and (damage != "empty" or store.stat().st_size == 0)


@pytest.mark.parametrize(
    "manifest", ['{"format_version": FORMAT, "encoder": "fake", "extra": 1}', "{not json", "[]", ""]
)
def test_a_garbled_manifest_is_an_error_not_a_traceback(tmp_path, manifest):
    from foundation.errors import IndexDamagedError
    from index.builder import open_index
    from index.manifest import FORMAT_VERSION

    index = _built_index(tmp_path)
    (_generation(index) / "manifest.json").write_text(manifest.replace("FORMAT", str(FORMAT_VERSION)))
    with pytest.raises(IndexDamagedError, match="solieu index build"):
        open_index(index)


def test_reading_an_index_never_rebuilds_it(tmp_path, capsys):
    """`index build --corpus D --index X`, then `sources --index X` / `ask --index X`: X is served as
    built, from D, not rebuilt from the bundled corpus."""
    from index.builder import current_generation

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "hp.txt").write_text(
        "Hải Phòng\n\nNăm 2020, xuất khẩu của Hải Phòng đạt 14.200 triệu USD.", encoding="utf-8"
    )
    index = tmp_path / "idx"
    assert main(["index", "build", "--corpus", str(corpus), "--index", str(index)]) == 0
    generation = current_generation(index)
    capsys.readouterr()
    assert main(["sources", "--index", str(index)]) == 0
    assert capsys.readouterr().out.startswith("hp ")
    assert main(["ask", "--index", str(index), "Xuất khẩu Hải Phòng năm 2020?"]) == 0
    assert current_generation(index) == generation


def _built_by_older_rules(tmp_path: Path) -> tuple[Path, Path]:
    """A corpus of the Bắc Ninh seed and its index, whose manifest says older rules read it."""
    corpus, index = tmp_path / "corpus", tmp_path / "idx"
    corpus.mkdir()
    shutil.copy(SEEDS / "002_ab3f7892cfbcae5d.txt", corpus)
    assert main(["index", "build", "--corpus", str(corpus), "--index", str(index)]) == 0
    manifest = _generation(index) / "manifest.json"
    data = json.loads(manifest.read_text())
    data["segments"] = [segment | {"rules": "older"} for segment in data["segments"]]
    manifest.write_text(json.dumps(data))
    return corpus, index


def test_an_index_read_by_older_rules_is_served_with_the_command_that_reads_it_again(
    tmp_path, capsys, caplog
):
    """After an upgrade the figures an index holds were read by the old rules: asking still answers and
    changes nothing, but says which command reads the articles again; that command silences it."""
    from index.builder import current_generation

    _, index = _built_by_older_rules(tmp_path)
    generation = current_generation(index)
    capsys.readouterr()
    assert main(["ask", "--index", str(index), EXPORTS_2020]) == 0
    assert capsys.readouterr().out.startswith("38.905 triệu USD")
    assert f"solieu index build --index {index}" in caplog.text
    assert current_generation(index) == generation
    assert main(["index", "build", "--index", str(index)]) == 0
    caplog.clear()
    assert main(["ask", "--index", str(index), EXPORTS_2020]) == 0
    assert "quy tắc" not in caplog.text


def test_a_configured_corpus_is_read_again_by_new_rules(tmp_path, capsys):
    from index.builder import current_generation

    corpus, index = _built_by_older_rules(tmp_path)
    generation = current_generation(index)
    capsys.readouterr()
    assert main(["ask", "--corpus", str(corpus), "--index", str(index), EXPORTS_2020]) == 0
    assert capsys.readouterr().out.startswith("38.905 triệu USD")
    assert current_generation(index) != generation


def test_a_second_writer_waits_for_the_first(tmp_path, capsys):
    import threading

    from index.builder import writer_lock

    index = tmp_path / "idx"
    order: list[str] = []
    with writer_lock(index):
        second = threading.Thread(target=lambda: _take(index, order))
        second.start()
        second.join(0.3)
        order.append("first done")
    second.join(5)
    assert order == ["first done", "second"]
    assert "Một lần lập chỉ mục khác đang chạy" in capsys.readouterr().err


def _take(index, order):
    from index.builder import writer_lock

    with writer_lock(index):
        order.append("second")


def test_a_truncated_vectors_file_is_an_error_that_says_what_to_run(tmp_path):
    from foundation.errors import IndexDamagedError
    from index.builder import open_index
    from index.vectors import ROWS_FILE
    from tests.settings_paths import base_segment

    index = _built_index(tmp_path)
    vectors = base_segment(index) / ROWS_FILE
    vectors.write_bytes(vectors.read_bytes()[: vectors.stat().st_size // 2])
    with pytest.raises(IndexDamagedError, match="solieu index build"):
        open_index(index)


def test_the_command_an_outdated_index_names_does_rebuild_it(tmp_path, capsys):
    """ "chạy `solieu index build`" must work on the index that said so."""
    import json as json_module

    index = _built_index(tmp_path)
    manifest = _generation(index) / "manifest.json"
    manifest.write_text(json_module.dumps(json_module.loads(manifest.read_text()) | {"format_version": 1}))
    assert main(["ask", "--index", str(index), "Xuất khẩu Bắc Ninh 2020?"]) == 1
    assert "solieu index build" in capsys.readouterr().err
    assert main(["index", "build", "--index", str(index)]) == 0
    capsys.readouterr()
    assert main(["ask", "--index", str(index), "Kim ngạch xuất khẩu Bắc Ninh năm 2020?"]) == 0
    assert capsys.readouterr().out.startswith("38.905 triệu USD")
