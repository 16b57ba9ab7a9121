"""How far a long step of a build has come: a bar for a person at a terminal, and otherwise (a log
file, a pipe, the bot) a line every LOG_EVERY seconds with the rate and the time left."""

from __future__ import annotations

import logging
import sys
import time

from tqdm import tqdm

log = logging.getLogger(__name__)

# Seconds between two progress lines in a log.
LOG_EVERY = 15.0


class Progress:
    def __init__(self, description: str, total: int | None, unit: str, *, shown: bool) -> None:
        """`shown`: a person asked to watch (the CLI); a bar only when stderr is a terminal."""
        self.description = description
        self.total = total
        self.unit = unit
        self.done = 0
        self._bar = tqdm(
            total=total,
            unit=unit,
            desc=description,
            disable=not (shown and sys.stderr.isatty()),
            dynamic_ncols=True,
        )
        self._logs = self._bar.disable
        self._started = self._logged = time.monotonic()

    def update(self, count: int) -> None:
        self._bar.update(count)
        self.done += count
        now = time.monotonic()
        if self._logs and now - self._logged >= LOG_EVERY:
            self._logged = now
            log.info("%s", self.line(now))

    def line(self, now: float) -> str:
        """ "Đọc và hiểu bài báo: 12.000/30.005 bài (40%), 85 bài/giây, còn khoảng 3 phút" """
        elapsed = max(now - self._started, 1e-9)
        rate = self.done / elapsed
        done = f"{self.done:,}".replace(",", ".")
        if not self.total:
            return f"{self.description}: {done} {self.unit}, {rate:.0f} {self.unit}/giây"
        total = f"{self.total:,}".replace(",", ".")
        left = (self.total - self.done) / rate if rate else None
        remaining = f", còn khoảng {_duration(left)}" if left is not None and self.done < self.total else ""
        return (
            f"{self.description}: {done}/{total} {self.unit} ({100 * self.done / self.total:.0f}%), "
            f"{rate:.0f} {self.unit}/giây{remaining}"
        )

    def close(self) -> None:
        """The bar goes; a log gets a last line if the step was long enough to have had others."""
        self._bar.close()
        if self._logs and self.done and time.monotonic() - self._started >= LOG_EVERY:
            log.info(
                "%s — xong trong %s", self.line(time.monotonic()), _duration(time.monotonic() - self._started)
            )

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} giây"
    if seconds < 5400:
        return f"{seconds / 60:.0f} phút"
    return f"{seconds / 3600:.1f} giờ"
