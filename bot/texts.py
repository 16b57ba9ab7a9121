"""The bot's fixed words in Vietnamese: toasts, apologies, refusals, usage hints and /help.

Toasts above a pressed button and inline hints are plain text, which Telegram shows as it is;
everything meant for a chat message is HTML ready to send.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from telegram import Message

from bot.blocks import SPACER, Block, echo, paginate, short_message
from bot.commands import ADMIN_COMMANDS, PUBLIC_COMMANDS, Command

NAME = "Số Liệu"
EXAMPLE_QUESTIONS = (
    "Kim ngạch xuất khẩu của Bắc Ninh năm 2020 là bao nhiêu?",
    "Bắc Ninh phấn đấu tổng kim ngạch xuất, nhập khẩu năm 2021 đạt bao nhiêu?",
    "Lạng Sơn năm 2015 tổng mức bán lẻ đạt bao nhiêu?",
)
# Toasts above a pressed button: plain text, which Telegram shows as it is.
BUTTON_APOLOGY = "Xin lỗi, nút này vừa gặp lỗi. Vui lòng thử lại sau."
EXPIRED_ANSWER = "Câu trả lời này đã cũ, hãy hỏi lại."
EXPIRED_LISTING = "Danh sách này đã cũ, hãy gửi lại lệnh /source."
REPORT_THANKS = "Cảm ơn bạn đã báo! Chúng tôi sẽ kiểm tra lại câu trả lời này."
REPORT_ALREADY = "Bạn đã báo câu trả lời này rồi. Cảm ơn bạn!"
NO_OTHER_FIGURES = "Không có số liệu khác cho câu hỏi này."
UNKNOWN_BUTTON = "Nút này không còn dùng được. Hãy gửi lại câu hỏi."
NOT_ALLOWED = "Xin lỗi, Số Liệu chưa được mở cho cuộc trò chuyện này."  # also a message: NOT_ALLOWED_MESSAGE

# Fixed replies, as HTML ready to send.
APOLOGY = short_message("Xin lỗi, đã có lỗi khi xử lý câu hỏi. Vui lòng thử lại sau.")
COMMAND_APOLOGY = short_message("Xin lỗi, đã có lỗi khi thực hiện lệnh này. Vui lòng thử lại sau.")
UPLOAD_APOLOGY = short_message(
    "Xin lỗi, đã có lỗi khi thêm bài báo từ tệp này. Vui lòng gửi lại tệp sau ít phút."
)
NOT_ALLOWED_MESSAGE = short_message(NOT_ALLOWED)
ADMIN_ONLY = short_message("Xin lỗi, chỉ quản trị viên của Số Liệu mới dùng được lệnh này.")
UPLOAD_ADMIN_ONLY = short_message(
    "Xin lỗi, chỉ quản trị viên mới thêm được bài báo. Bạn có thể gõ câu hỏi về số liệu để được trả lời."
)
TEXT_ONLY = short_message(
    f"Số Liệu chỉ đọc được câu hỏi bằng chữ. Hãy gõ câu hỏi, ví dụ: {EXAMPLE_QUESTIONS[0]}"
)
EMPTY_ASK = short_message(f"Hãy viết câu hỏi sau lệnh /ask, ví dụ: /ask {EXAMPLE_QUESTIONS[0]}")
EMPTY_MENTION = short_message(f"Hãy viết câu hỏi ngay sau tên bot, ví dụ: {EXAMPLE_QUESTIONS[0]}")
SOURCE_USAGE = short_message("Hãy gửi kèm mã bài báo: /source mã. Xem các mã bằng /sources.")
REINDEXING = short_message("Đang lập lại chỉ mục…")
REMOVE_USAGE = short_message("Cách dùng: /remove mã_bài (xem mã bằng /sources).")


def apology_for(message: Message | None) -> str:
    """The apology that fits what failed: a file, a command, or else a question."""
    if message is None:
        return APOLOGY
    if message.document is not None:
        return UPLOAD_APOLOGY
    command = (message.text or "").partition(" ")[0].partition("@")[0]
    return COMMAND_APOLOGY if command.startswith("/") and command != "/ask" else APOLOGY


def slow_down(wait_seconds: float, *, whole_chat: bool) -> str:
    """Flood control's one notice (plain text, for a toast or an inline hint): who is asking too
    fast, and when the bot answers again."""
    who = "Nhóm này đang hỏi" if whole_chat else "Bạn hỏi"
    seconds = max(1, math.ceil(wait_seconds))
    return f"{who} nhanh quá, hãy chậm lại một chút: Số Liệu sẽ trả lời tiếp sau khoảng {seconds} giây."


def slow_down_message(wait_seconds: float, *, whole_chat: bool) -> str:
    """The same notice as a chat message."""
    return short_message(slow_down(wait_seconds, whole_chat=whole_chat))


def question_problem(reason: str) -> str:
    """A question the engine refused (empty, too long): its sentence and what to do."""
    return short_message(f"{reason} Hãy hỏi ngắn gọn về một số liệu, ví dụ: {EXAMPLE_QUESTIONS[0]}")


def unknown_article(article_id: str) -> str:
    return short_message(f"Không có bài báo mã “{echo(article_id)}”. Xem các mã bằng /sources.")


def unknown_command(command: str) -> str:
    return short_message(f"Không có lệnh {echo(command)}. Gõ /help để xem hướng dẫn, hoặc gõ thẳng câu hỏi.")


def upload_problem(reason: str) -> str:
    return short_message(f"Không thêm được bài: {reason}")


def download_failed(file_name: str) -> str:
    """An admin's file that could not be fetched from Telegram: about the file, not "a question"."""
    return short_message(
        f"Không tải được tệp “{echo(file_name)}” từ Telegram nên chưa thêm được bài. "
        "Hãy gửi lại tệp sau ít phút."
    )


def upload_too_large(limit_bytes: int) -> str:
    return short_message(f"Tệp quá lớn: Số Liệu chỉ nhận bài báo đến {_megabytes(limit_bytes)}.")


def remove_problem(reason: str) -> str:
    return short_message(f"Không bỏ được bài: {reason}")


def _megabytes(size_bytes: int) -> str:
    return f"{size_bytes // (1024 * 1024)} MB"


def _command_lines(commands: Iterable[Command]) -> list[Block]:
    return [Block(f"/{command} — {text[:1].lower()}{text[1:]}") for command, text in commands]


def help_message(bot_username: str, *, is_admin: bool, upload_limit_bytes: int) -> str:
    mention = f"@{bot_username}"
    blocks = [
        Block(
            f"{NAME} trả lời câu hỏi về số liệu trong các bài báo: con số, câu trích nguyên văn và nguồn.",
            ((0, len(NAME)),),
        ),
        SPACER,
        Block.strong("Ví dụ:"),
        *[Block(f"• {question}") for question in EXAMPLE_QUESTIONS],
        SPACER,
        Block("Trò chuyện riêng: gõ câu hỏi."),
        Block(f"Trong nhóm: /ask câu hỏi, {mention} câu hỏi, hoặc trả lời một tin nhắn của bot."),
        Block(f"Ở bất kỳ đâu: gõ {mention} câu hỏi rồi chọn kết quả."),
        Block(
            "Dưới mỗi câu trả lời: «Nguồn» xem đoạn văn gốc, «Số liệu khác» xem số liệu liên quan, "
            "«Báo sai» báo câu trả lời sai."
        ),
        SPACER,
        Block.strong("Lệnh:"),
        *_command_lines(PUBLIC_COMMANDS),
    ]
    if is_admin:
        blocks += [
            SPACER,
            Block.strong("Quản trị:"),
            Block(f"Gửi tệp .txt, .md hoặc .html để thêm bài báo (tối đa {_megabytes(upload_limit_bytes)})."),
            *_command_lines(ADMIN_COMMANDS),
        ]
    return paginate(blocks)[0]
