"""The buttons under the bot's messages: what each one is labelled, the callback data it carries
(`button:key[:page]`, at most 64 bytes) and how a press is read back."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from answer.model import Answer
from answer.series import Series

CALLBACK_DATA_LIMIT = 64  # bytes


class Button(StrEnum):
    """What a button press asks for; the first part of its callback data."""

    SOURCE = "src"
    OTHERS = "alt"
    REPORT = "bad"
    PAGE = "pg"


@dataclass(frozen=True)
class Press:
    """A decoded callback: which button, the key of the answer or listing, and a page number."""

    button: Button
    key: str
    page: int = 0


# Not PTB's arbitrary callback data: memory-only too, and one InvalidCallbackData for stale and forged alike.
def callback_data(button: Button, key: str, page: int | None = None) -> str:
    data = f"{button}:{key}" if page is None else f"{button}:{key}:{page}"
    if len(data.encode()) > CALLBACK_DATA_LIMIT:
        raise ValueError(f"callback data longer than {CALLBACK_DATA_LIMIT} bytes: {data!r}")
    return data


# Exactly what `callback_data` writes. Anything else is forged or from another bot: "pg:k:²" passes
# str.isdigit() but not int(), so digits are spelled out as ASCII.
_PRESS = re.compile(rf"({'|'.join(Button)}):([A-Za-z0-9_-]{{1,16}})(?::([0-9]{{1,6}}))?")


def parse_press(data: str) -> Press | None:
    """The callback data of one of these buttons, or None for anything else."""
    match = _PRESS.fullmatch(data)
    if match is None:
        return None
    name, key, page = match.groups()
    return Press(Button(name), key, int(page or "0"))


def _button(label: str, button: Button, key: str, page: int | None = None) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=callback_data(button, key, page))


def answer_keyboard(key: str, answer: Answer) -> InlineKeyboardMarkup:
    row = []
    if answer.best is not None:
        row.append(_button("Nguồn", Button.SOURCE, key))
    if answer.alternatives:
        row.append(_button("Số liệu khác", Button.OTHERS, key))
    row.append(_button("Báo sai", Button.REPORT, key))
    return InlineKeyboardMarkup([row])


def series_keyboard(key: str, series: Series) -> InlineKeyboardMarkup:
    row = []
    if series.found:
        row.append(_button("Nguồn", Button.SOURCE, key))
    row.append(_button("Báo sai", Button.REPORT, key))
    return InlineKeyboardMarkup([row])


def page_keyboard(key: str, page: int, pages: int) -> InlineKeyboardMarkup | None:
    """ "◂ Trang trước" / "Trang tiếp ▸" for page `page` (0-based) of `pages`."""
    row = []
    if page > 0:
        row.append(_button("◂ Trang trước", Button.PAGE, key, page - 1))
    if page + 1 < pages:
        row.append(_button("Trang tiếp ▸", Button.PAGE, key, page + 1))
    return InlineKeyboardMarkup([row]) if row else None
