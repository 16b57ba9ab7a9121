"""The console chat: what `solieu run` offers when no Telegram token is set."""

from __future__ import annotations

import sys

from answer.engine import AnswerEngine
from answer.reply import render_text
from foundation.errors import QuestionError
from foundation.settings import Settings
from solieu.input_lines import question_text

GREETING = """Số Liệu — hỏi số liệu trong các bài báo, có trích dẫn nguồn.
Ví dụ: Kim ngạch xuất khẩu của Bắc Ninh năm 2020 là bao nhiêu?
Gõ /nguon để xem các bài báo, /thoat (hoặc Ctrl-D) để thoát.
Chưa kết nối Telegram: đặt SOLIEU_TELEGRAM_TOKEN (lấy từ @BotFather) rồi chạy lại `solieu run`."""


def chat(settings: Settings) -> int:
    engine = AnswerEngine.open(settings)
    print(GREETING, flush=True)
    if hasattr(sys.stdin, "reconfigure"):
        # Bytes that are not UTF-8 come through escaped and fail that one line (a strict stdin loses
        # everything it had buffered), see question_text.
        sys.stdin.reconfigure(errors="surrogateescape")
    while True:
        try:
            line = question_text(input("\n❓ ")).strip()
        except EOFError:
            print()
            return 0
        except QuestionError as error:
            print(error, file=sys.stderr, flush=True)
            continue
        if not line:
            continue
        if line in ("/thoat", "/quit", "/exit"):
            return 0
        if line in ("/nguon", "/sources"):
            for source in engine.sources():
                print(f"• {source.id} — {source.title}")
            continue
        try:
            print(render_text(engine.ask(line)), flush=True)
        except QuestionError as error:
            print(f"{error} Hãy hỏi ngắn gọn về một số liệu.", file=sys.stderr, flush=True)
