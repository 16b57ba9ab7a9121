"""From the outside: `solieu run` as a separate process, configured only by environment variables,
talking to the fake Bot API over HTTP, stopped with SIGINT like a user pressing Ctrl-C."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from tests.bot.conftest import EXPORT_FIGURE, EXPORT_QUESTION, EXPORT_SOURCE, TOKEN
from tests.fake_bot_api import FakeBotApi

START_TIMEOUT = 60.0  # process start, imports and model load on a busy machine
REPLY_TIMEOUT = 20.0


def test_solieu_run_answers_over_the_bot_api_and_never_prints_the_token(tmp_path, engine_settings, engine):
    data_dir = tmp_path / "data"
    shutil.copytree(engine_settings.resolved_index_dir, data_dir / "index")  # no index build in the child
    api = FakeBotApi.run_in_thread(TOKEN)
    env = {name: value for name, value in os.environ.items() if not name.startswith("SOLIEU_")}
    env |= {
        "SOLIEU_TELEGRAM_TOKEN": TOKEN,
        "SOLIEU_TELEGRAM_BASE_URL": api.base_url,
        "SOLIEU_TELEGRAM_BASE_FILE_URL": api.base_file_url,
        "SOLIEU_DATA_DIR": str(data_dir),
        "SOLIEU_LOG_LEVEL": "DEBUG",  # the most talkative the bot can be: still no token
    }
    output_path = tmp_path / "solieu-run.log"
    with output_path.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "solieu.cli", "run"],
            env=env,
            cwd=tmp_path,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        api.wait_for("getUpdates", timeout=START_TIMEOUT)

        api.api.push_message(EXPORT_QUESTION)
        [answer] = api.wait_for("sendMessage", timeout=REPLY_TIMEOUT)
        assert answer.result["text"].startswith(EXPORT_FIGURE)
        assert EXPORT_SOURCE in answer.result["text"]

        api.api.push_message("Mọi người ăn trưa chưa?", chat_type="group")
        mention = api.api.push_mention(EXPORT_QUESTION)
        _, reply = api.wait_for("sendMessage", count=2, timeout=REPLY_TIMEOUT)
        assert reply.params["reply_parameters"]["message_id"] == mention["message"]["message_id"]
        assert reply.result["text"].startswith(EXPORT_FIGURE)
        api.wait_for(
            "getUpdates",
            timeout=REPLY_TIMEOUT,
            predicate=lambda call: (call.params.get("offset") or 0) > mention["update_id"],
        )
        assert len(api.api.calls("sendMessage")) == 2  # the chatter got nothing

        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=REPLY_TIMEOUT) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
        api.stop()
        logged = output_path.read_text(encoding="utf-8", errors="replace")
        print(logged)  # shown by pytest only when the test fails
    assert "Số Liệu is running as @solieu_test_bot" in logged
    assert TOKEN not in logged
    assert "Traceback" not in logged


def solieu_run_until_it_stops(data_dir: Path, cwd: Path, token: str = TOKEN) -> subprocess.CompletedProcess:
    """`solieu run` against a fake Bot API, for a start that is expected to fail: stdout and stderr."""
    api = FakeBotApi.run_in_thread(TOKEN)
    env = {name: value for name, value in os.environ.items() if not name.startswith("SOLIEU_")}
    env |= {
        "SOLIEU_TELEGRAM_TOKEN": token,
        "SOLIEU_TELEGRAM_BASE_URL": api.base_url,
        "SOLIEU_TELEGRAM_BASE_FILE_URL": api.base_file_url,
        "SOLIEU_DATA_DIR": str(data_dir),
    }
    try:
        return subprocess.run(
            [sys.executable, "-m", "solieu.cli", "run"],
            env=env,
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=START_TIMEOUT,
        )
    finally:
        api.stop()


def test_solieu_run_with_a_rejected_token_says_so_in_one_sentence(tmp_path):
    result = solieu_run_until_it_stops(tmp_path / "data", tmp_path, token="999:WRONG")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1].startswith("Lỗi: Telegram từ chối token")
    assert (
        "Traceback" not in result.stdout + result.stderr and "999:WRONG" not in result.stdout + result.stderr
    )
