"""A small, independent validator of what Telegram accepts as a message in HTML parse mode.

Independent of the fake Bot API's parser on purpose: a bug shared by the renderer and one parser
should not hide itself. The rules: only Telegram's tags, with only their attributes; tags balanced
and properly nested; every "<", ">" and "&" of the text escaped as an entity; at most 4,096
UTF-16 units (checked on the HTML itself, which is never shorter than the text Telegram counts);
and some visible text left once the tags are gone.
"""

from __future__ import annotations

import html
import re

MESSAGE_LIMIT = 4096
# Tag → the attributes it may carry (Telegram's "HTML style" formatting options).
ALLOWED_TAGS: dict[str, frozenset[str]] = {
    **dict.fromkeys(("b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "tg-spoiler"), frozenset()),
    "span": frozenset({"class"}),
    "a": frozenset({"href"}),
    "code": frozenset({"class"}),
    "pre": frozenset(),
    "blockquote": frozenset({"expandable"}),
    "tg-emoji": frozenset({"emoji-id"}),
}
_PIECE = re.compile(
    r"<(?P<closing>/?)(?P<name>[a-zA-Z-]+)(?P<attributes>(?:\s[^<>]*)?)>"
    r"|&(?:lt|gt|amp|quot|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});"
    r"|(?P<bare>[<>&])"
)
_ATTRIBUTE = re.compile(r"""\s+([a-z-]+)(?:="[^"<>]*")?""")


class InvalidTelegramHtml(AssertionError):
    pass


def _check_attributes(name: str, attributes: str) -> None:
    names = [match.group(1) for match in _ATTRIBUTE.finditer(attributes)]
    if _ATTRIBUTE.sub("", attributes).strip() or not set(names) <= ALLOWED_TAGS[name]:
        raise InvalidTelegramHtml(f"attributes not allowed on <{name}>: {attributes!r}")
    if name == "span" and 'class="tg-spoiler"' not in attributes:
        raise InvalidTelegramHtml('<span> needs class="tg-spoiler"')


def check_message(message: str) -> None:
    """Raise InvalidTelegramHtml unless Telegram would accept `message` as it is."""
    if len(message.encode("utf-16-le")) // 2 > MESSAGE_LIMIT:
        raise InvalidTelegramHtml(f"{len(message)} characters: over Telegram's {MESSAGE_LIMIT}")
    open_tags: list[str] = []
    for piece in _PIECE.finditer(message):
        if piece.group("bare"):
            raise InvalidTelegramHtml(f"unescaped {piece.group('bare')!r} at {piece.start()}")
        name = (piece.group("name") or "").lower()
        if not name:
            continue  # an entity
        if name not in ALLOWED_TAGS:
            raise InvalidTelegramHtml(f"tag <{name}> is not one of Telegram's")
        if not piece.group("closing"):
            _check_attributes(name, piece.group("attributes"))
            open_tags.append(name)
        elif not open_tags or open_tags.pop() != name:
            raise InvalidTelegramHtml(f"</{name}> at {piece.start()} closes nothing open")
    if open_tags:
        raise InvalidTelegramHtml(f"<{open_tags[-1]}> is never closed")
    if not html.unescape(re.sub(r"<[^<>]*>", "", message)).strip():
        raise InvalidTelegramHtml("no visible text: Telegram refuses an empty message")
