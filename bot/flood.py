"""Flood control: how many questions one user, and one chat, may ask before the bot asks them to slow down.

Each user and each chat has a token bucket: a question takes a token; tokens come back at the
per-minute rate, and a quiet user can save up half a minute's worth for a burst. Refused questions
are not computed. The first refusal in a row gets one "chậm lại" message; after that the bot stays
silent until a question is admitted again. Other users and chats have their own buckets and are
never slowed.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

# Buckets of everyone who asked recently; full buckets are forgotten beyond this many.
REMEMBERED_BUCKETS = 10_000
_Key = tuple[str, int]  # ("user", user id) or ("chat", chat id)


@dataclass
class TokenBucket:
    capacity: float
    per_second: float
    tokens: float
    updated: float

    def refill(self, now: float) -> None:
        self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.per_second)
        self.updated = now

    def seconds_until_token(self) -> float:
        return max(0.0, (1 - self.tokens) / self.per_second)


class Verdict(Enum):
    ANSWER = "answer"
    SLOW_DOWN = "slow down"  # the first refusal in a row: say so once
    IGNORE = "ignore"  # already told: stay silent


@dataclass(frozen=True)
class Admission:
    verdict: Verdict
    by_chat: bool = False  # the chat's limit refused it (everyone in a group together), not the user's
    wait_seconds: float = 0.0  # until the next question would be admitted


class FloodControl:
    def __init__(
        self, per_minute_per_user: int, per_minute_per_chat: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.per_minute = {"user": per_minute_per_user, "chat": per_minute_per_chat}
        self.clock = clock  # replaceable, so tests can move time on without waiting
        self._buckets: dict[_Key, TokenBucket] = {}
        self._told: set[_Key] = set()  # refused and already told to slow down

    def admit(self, user_id: int | None, chat_id: int | None) -> Admission:
        """Whether to answer a question from this user in this chat (either may be unknown). A
        private chat is the user's own: only the user's bucket counts there."""
        now = self.clock()
        keys: list[_Key] = [("user", user_id)] if user_id is not None else []
        if chat_id is not None and chat_id != user_id:
            keys.append(("chat", chat_id))
        buckets = {key: self._bucket(key, now) for key in keys}
        refusing = [key for key, bucket in buckets.items() if bucket.tokens < 1]
        if not refusing:
            for key, bucket in buckets.items():
                bucket.tokens -= 1
                self._told.discard(key)
            return Admission(Verdict.ANSWER)
        key = max(refusing, key=lambda refused: buckets[refused].seconds_until_token())
        verdict = Verdict.IGNORE if key in self._told else Verdict.SLOW_DOWN
        self._told.add(key)
        return Admission(verdict, by_chat=key[0] == "chat", wait_seconds=buckets[key].seconds_until_token())

    def _bucket(self, key: _Key, now: float) -> TokenBucket:
        bucket = self._buckets.get(key)
        if bucket is None:
            if len(self._buckets) >= REMEMBERED_BUCKETS:
                self._forget_full_buckets(now)
            per_minute = self.per_minute[key[0]]
            capacity = max(1.0, per_minute / 2)
            bucket = self._buckets[key] = TokenBucket(capacity, per_minute / 60, capacity, now)
        bucket.refill(now)
        return bucket

    def _forget_full_buckets(self, now: float) -> None:
        """A full bucket is the same as no bucket: drop those, so memory stays bounded."""
        for key, bucket in list(self._buckets.items()):
            bucket.refill(now)
            if bucket.tokens >= bucket.capacity:
                del self._buckets[key]
                self._told.discard(key)
