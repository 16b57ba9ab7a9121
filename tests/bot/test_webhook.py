"""Webhook mode: updates with the secret header are answered, others get 403; no secret, no start."""

from __future__ import annotations

import logging
import socket

import pytest
from pydantic import SecretStr

from bot.app import ALLOWED_UPDATES, build_application, run_bot, webhook_options
from foundation.errors import SolieuError
from solieu.cli import main
from tests.bot.conftest import EXPORT_FIGURE, EXPORT_QUESTION, TOKEN, WAIT, bot_settings, text_of
from tests.bot.running import running, webhook
from tests.conftest import make_settings
from tests.fake_bot_api import FakeBotApi, post_update

SECRET = "s3cret_Token-1"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def test_webhook_answers_only_updates_carrying_the_secret(tmp_path, engine):
    port = _free_port()
    async with FakeBotApi(TOKEN) as api:
        settings = bot_settings(
            api,
            tmp_path,
            webhook_url=f"http://127.0.0.1:{port}/hook/telegram",
            webhook_listen="127.0.0.1",
            webhook_port=port,
            webhook_path="/hook/telegram/",
            webhook_secret=SECRET,
        )
        application = build_application(settings, engine)
        async with running(application, webhook(webhook_options(settings))):
            assert api.webhook == {
                "url": f"http://127.0.0.1:{port}/hook/telegram",
                "secret_token": SECRET,
                "max_connections": 40,
                "allowed_updates": ALLOWED_UPDATES,
            }
            update = api.push_message(EXPORT_QUESTION)
            assert await post_update(api.webhook["url"], update) == 403
            assert await post_update(api.webhook["url"], update, "wrong") == 403
            assert await post_update(api.webhook["url"], update, SECRET) == 200
            [reply] = await api.wait_for("sendMessage", timeout=WAIT)
            assert text_of(reply).startswith(EXPORT_FIGURE)
            assert len(api.calls("sendMessage")) == 1  # the refused posts were never handled


@pytest.fixture
def logging_restored():
    """run_bot configures logging for the process: put it back after the test."""
    root, before = (
        logging.getLogger(),
        {name: logging.getLogger(name).level for name in ("", "httpx", "httpcore")},
    )
    filters = {handler: list(handler.filters) for handler in root.handlers}
    yield
    for name, level in before.items():
        logging.getLogger(name).setLevel(level)
    for handler, kept in filters.items():
        handler.filters[:] = kept


def test_a_webhook_port_in_use_is_one_clear_sentence(engine_settings, engine, logging_restored):
    """engine_settings' data directory already holds the built index, so run_bot opens it at once."""
    with socket.socket() as taken, FakeBotApi.run_in_thread(TOKEN) as fake:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        settings = engine_settings.model_copy(
            update={
                "telegram_token": SecretStr(TOKEN),
                "telegram_base_url": fake.base_url,
                "webhook_url": "https://bot.example.com/t",
                "webhook_listen": "127.0.0.1",
                "webhook_port": port,
                "webhook_secret": SecretStr(SECRET),
            }
        )
        with pytest.raises(SolieuError) as raised:
            run_bot(settings)
    assert str(raised.value) == (
        f"Cổng {port} trên 127.0.0.1 đang được một chương trình khác dùng: "
        "dừng chương trình đó hoặc đặt SOLIEU_WEBHOOK_PORT khác."
    )
    assert raised.value.__cause__ is None


def test_webhook_mode_refuses_to_start_without_a_secret(tmp_path):
    settings = make_settings(tmp_path, telegram_token=TOKEN, webhook_url="https://bot.example.com/telegram")
    with pytest.raises(SolieuError, match=r"^Chế độ webhook cần SOLIEU_WEBHOOK_SECRET"):
        run_bot(settings)
    with pytest.raises(SolieuError, match="chỉ được gồm chữ cái Latin"):
        webhook_options(
            make_settings(tmp_path, webhook_url="https://bot.example.com/t", webhook_secret="có dấu")
        )


def test_the_cli_says_so_in_one_sentence(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    for name, value in {
        "SOLIEU_TELEGRAM_TOKEN": TOKEN,
        "SOLIEU_WEBHOOK_URL": "https://bot.example.com/t",
        "SOLIEU_DATA_DIR": str(tmp_path),
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("SOLIEU_WEBHOOK_SECRET", raising=False)
    assert main(["run"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Lỗi: Chế độ webhook cần SOLIEU_WEBHOOK_SECRET") and err.count("\n") == 1
    assert TOKEN not in err
