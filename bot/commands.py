"""The bot's commands, as Telegram's command menu shows them and /help lists them."""

from __future__ import annotations

from typing import NamedTuple


class Command(NamedTuple):
    """A command as Telegram's command menu shows it; /help lists the same ones."""

    command: str
    description: str


PUBLIC_COMMANDS = (
    Command("ask", "Hỏi một số liệu: /ask câu hỏi"),
    Command("sources", "Các bài báo đã lập chỉ mục"),
    Command("source", "Chi tiết và nội dung một bài báo: /source mã"),
    Command("help", "Hướng dẫn và câu hỏi ví dụ"),
    Command("start", "Bắt đầu"),
)
ADMIN_COMMANDS = (
    Command("reindex", "Lập lại chỉ mục (quản trị)"),
    Command("remove", "Bỏ một bài khỏi chỉ mục: /remove mã (quản trị)"),
    Command("stats", "Thống kê chỉ mục và phản hồi (quản trị)"),
)
