"""What every handler needs, built once at start-up and kept in `application.bot_data`, which
handlers read as `context.services` (PTB's typed `ContextTypes`)."""

from __future__ import annotations

import secrets
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar

from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot

from answer.model import Answer, Citation, Ingested, Source
from answer.series import Series
from bot.feedback import FeedbackLog
from bot.flood import FloodControl
from corpus.model import Article, Figure
from foundation.settings import Settings
from index.manifest import Manifest

# Buttons of the last this-many answers (and /source listings) keep working; older ones say so.
RECENT_LIMIT = 2000

T = TypeVar("T")


class Engine(Protocol):
    """The part of `answer.engine.AnswerEngine` the bot uses (synchronous: call it off the event loop)."""

    @property
    def manifest(self) -> Manifest: ...

    def ask(self, text: str) -> Answer | Series: ...

    def sources(self) -> list[Source]: ...

    def article(self, article_id: str) -> Article | None: ...

    def figures_of(self, article_id: str) -> list[Figure]: ...

    def passage_context(self, citation: Citation) -> str: ...

    def add_document(self, name: str, data: bytes) -> Ingested: ...

    def remove_documents(self, article_ids: list[str]) -> list[Article]: ...

    def rebuild(self) -> Manifest: ...

    def close(self) -> None: ...


class RecentItems(Generic[T]):
    """A bounded map from short random keys to recent values, for callback data (≤ 64 bytes).

    Keys are random rather than counted so that a button from before a restart can never reach
    another answer: it simply finds nothing and the user is asked to ask again.
    """

    def __init__(self, limit: int = RECENT_LIMIT) -> None:
        self.limit = limit
        self._items: OrderedDict[str, T] = OrderedDict()

    def put(self, value: T) -> str:
        key = secrets.token_urlsafe(6)
        self._items[key] = value
        while len(self._items) > self.limit:
            self._items.popitem(last=False)
        return key

    def get(self, key: str) -> T | None:
        value = self._items.get(key)
        if value is not None:
            self._items.move_to_end(key)
        return value

    def __len__(self) -> int:
        return len(self._items)


@dataclass
class RecentAnswer:
    """An answer (or a series) the bot sent, for its buttons; `reported_by` keeps one "Báo sai" per user."""

    answer: Answer | Series
    reported_by: set[int] = field(default_factory=set)


@dataclass
class Services:
    settings: Settings
    engine: Engine
    feedback: FeedbackLog
    answers: RecentItems[RecentAnswer] = field(default_factory=RecentItems)
    listings: RecentItems[str] = field(default_factory=RecentItems)  # /source pages: key → article id
    refused_chats: set[int] = field(default_factory=set)  # chats outside the allowlist already told so
    flood: FloodControl = field(init=False)

    def __post_init__(self) -> None:
        self.flood = FloodControl(
            self.settings.questions_per_minute_per_user, self.settings.questions_per_minute_per_chat
        )

    def is_admin(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in self.settings.admin_ids


class BotData:
    """`application.bot_data`: the services, from post_init (which loads the engine) to post_shutdown."""

    def __init__(self) -> None:
        self.services: Services | None = None


class BotContext(CallbackContext[ExtBot, dict, dict, BotData]):
    """The context every handler is given: the services by name and type, not by a key into a dict."""

    @property
    def services(self) -> Services:
        services = self.bot_data.services
        assert services is not None, "handlers run only between post_init and post_shutdown"
        return services


CONTEXT_TYPES = ContextTypes(context=BotContext, bot_data=BotData)
BotApplication = Application[Any, BotContext, dict, dict, BotData, Any]
