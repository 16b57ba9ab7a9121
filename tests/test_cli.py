"""The `solieu` command: what a user sees on stdout/stderr and the exit code."""

from __future__ import annotations

import io
import json

from solieu.cli import main


def test_ask_one_question(cli_env, capsys):
    assert main(["ask", "Kim ngạch xuất khẩu của Bắc Ninh năm 2020 là bao nhiêu?"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("38.905 triệu USD")
    assert "002_ab3f7892cfbcae5d" in out


def test_ask_json_reads_stdin_one_object_per_line(cli_env, capsys, monkeypatch):
    questions = "Kim ngạch xuất nhập khẩu Bắc Ninh 2020\n\nKim ngạch xuất khẩu năm 2017 là bao nhiêu?\n"
    monkeypatch.setattr("sys.stdin", io.StringIO(questions))
    assert main(["ask", "--json"]) == 0
    lines = capsys.readouterr().out.strip().split("\n")
    answers = [json.loads(line) for line in lines]
    assert [a["status"] for a in answers] == ["answered", "not_found"]
    assert answers[0]["figure"]["value"] == 72047 and answers[0]["source"]["id"] == "002_ab3f7892cfbcae5d"
    assert answers[1]["figure"] is None and answers[1]["alternatives"]


def test_too_long_question_is_one_sentence_not_a_traceback(cli_env, capsys):
    assert main(["ask", "x" * 5000]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Lỗi: Câu hỏi dài quá") and "Traceback" not in err


def test_sources_lists_the_bundled_articles(cli_env, capsys):
    assert main(["sources"]) == 0
    out = capsys.readouterr().out.strip().split("\n")
    assert len(out) == 5 and out[2].startswith("002_ab3f7892cfbcae5d")


def test_missing_corpus_path_is_a_clear_error(cli_env, capsys, tmp_path):
    assert (
        main(["index", "build", "--corpus", str(tmp_path / "nowhere.txt"), "--index", str(tmp_path / "i")])
        == 1
    )
    err = capsys.readouterr().err
    assert "Không tìm thấy tệp hoặc thư mục bài báo" in err and "Traceback" not in err


def test_index_built_with_another_encoder_is_refused(cli_env, capsys, tmp_path, monkeypatch):
    from index.builder import build_index
    from tests.fakes import HashingEncoder
    from tests.settings_paths import SEEDS

    build_index(tmp_path / "idx", [SEEDS], HashingEncoder(), progress=False)
    assert main(["ask", "--index", str(tmp_path / "idx"), "xuất khẩu"]) == 1
    assert "solieu index build" in capsys.readouterr().err


def test_index_build_reports_counts(cli_env, capsys, tmp_path):
    assert main(["index", "build", "--index", str(tmp_path / "fresh")]) == 0
    assert "5 bài" in capsys.readouterr().out


def test_shared_dev_grader_passes_all_questions(engine_settings, engine):
    """The project leads' grader, run on the real console script, scores 18/18."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    from tests.conftest import shared_file

    grader = shared_file("eval", "grade.py")
    questions = shared_file("eval", "dev-questions.jsonl")
    solieu = Path(sys.executable).with_name("solieu")
    env = {**os.environ, "SOLIEU_DATA_DIR": str(engine_settings.data_dir)}
    result = subprocess.run(
        [
            sys.executable,
            str(grader),
            str(questions),
            "--cmd",
            f"{solieu} ask --json",
            "--min",
            "1.0",
            "--verbose",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        cwd=engine_settings.data_dir,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "18/18 correct" in result.stdout


def test_index_add_then_remove_through_the_cli(tmp_path, capsys):
    """add → answerable → remove → not answerable, embedding only the added article; a rebuild keeps
    the removal."""
    from solieu.cli import main
    from tests.settings_paths import SEEDS

    index = tmp_path / "idx"
    article = tmp_path / "hai_phong_2020.txt"
    article.write_text(
        "Hải Phòng tổng kết năm 2020\n\nNăm 2020, kim ngạch xuất khẩu của thành phố Hải Phòng đạt 14.200 triệu USD.",
        encoding="utf-8",
    )
    question = "Kim ngạch xuất khẩu Hải Phòng năm 2020?"

    def ask() -> dict:
        capsys.readouterr()
        assert main(["ask", "--json", "--index", str(index), question]) == 0
        return json.loads(capsys.readouterr().out)

    assert main(["index", "build", "--corpus", str(SEEDS), "--index", str(index)]) == 0
    assert ask()["status"] == "not_found"
    assert main(["index", "add", str(article), "--index", str(index)]) == 0
    assert "Đã thêm 1 bài: hai_phong_2020" in capsys.readouterr().out
    answer = ask()
    assert (answer["figure"]["text"], answer["source"]["id"]) == ("14.200 triệu USD", "hai_phong_2020")
    assert main(["index", "remove", "hai_phong_2020", "--index", str(index)]) == 0
    assert "Đã bỏ 1 bài khỏi chỉ mục: hai_phong_2020" in capsys.readouterr().out
    assert ask()["status"] == "not_found"
    assert main(["index", "build", "--index", str(index)]) == 0  # from the recorded sources, removal kept
    assert ask()["status"] == "not_found"
    assert main(["index", "remove", "khong_co", "--index", str(index)]) == 1
    assert "Không có bài nào mã khong_co" in capsys.readouterr().err


def test_explain_shows_the_reading_and_why_each_figure_is_ruled_out(cli_env, capsys):
    assert main(["ask", "--explain", "Kim ngạch xuất khẩu của Bắc Ninh năm 2019 là bao nhiêu?"]) == 0
    out = capsys.readouterr().out
    assert "Câu hỏi: chỉ tiêu kim ngạch xuất khẩu · năm 2019 · Bắc Ninh" in out
    # the 2020 export figure is close but of another year, and says so in one phrase
    assert "✗ khác kỳ: 38.905 triệu USD — kim ngạch xuất khẩu · năm 2020" in out


def test_ask_json_gives_a_series_one_cited_point_a_year(cli_env, capsys):
    assert main(["ask", "--json", "Tổng kim ngạch xuất nhập khẩu của Lạng Sơn qua các năm"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["status"] == "answered" and shown["kind"] == "years" and shown["unit"] == "tỷ USD"
    [point] = shown["series"]
    assert {"figure", "quote", "source"} <= set(point)
    assert (point["label"], point["value"], point["figure"]["text"]) == ("2015", 4.1, "4.100 triệu USD")
    assert point["source"]["id"] == "001_84f642f01a2eec6d" and "4.100 triệu USD" in point["quote"]
    assert [t["figure"]["text"] for t in shown["targets"]] == ["3.700 triệu USD"]
    assert shown["missing"] == ["2016"] and shown["conflicts"] == []
    assert shown["answer"].startswith(
        "Tổng kim ngạch xuất nhập khẩu của Lạng Sơn qua các năm\nĐơn vị: tỷ USD"
    )


def test_ask_chart_writes_the_picture_of_a_series(cli_env, capsys, tmp_path):
    chart = tmp_path / "bieu-do.png"
    assert main(["ask", "--chart", str(chart), "So sánh xuất khẩu của Bắc Ninh và Lạng Sơn năm 2020"]) == 0
    out, err = capsys.readouterr()
    assert (
        "• Bắc Ninh: 38,905 tỷ USD (bài viết 38.905 triệu USD)" in out
        and "• Lạng Sơn: không có số liệu" in out
    )
    assert chart.read_bytes().startswith(b"\x89PNG\r\n\x1a\n") and str(chart) in err


def test_ask_chart_of_a_single_figure_says_there_is_nothing_to_draw(cli_env, capsys, tmp_path):
    chart = tmp_path / "bieu-do.png"
    assert (
        main(["ask", "--chart", str(chart), "Kim ngạch xuất khẩu của Bắc Ninh năm 2020 là bao nhiêu?"]) == 1
    )
    out, err = capsys.readouterr()
    assert out.startswith("38.905 triệu USD")
    assert err == f"Lỗi: không có dãy số liệu nào để vẽ, chưa ghi {chart}.\n" and not chart.exists()
