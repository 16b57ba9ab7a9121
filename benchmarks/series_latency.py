"""Series questions: time to the first point, to the whole series, and to its chart; and in Telegram,
from the update to the bot's sendPhoto.

    python benchmarks/series_latency.py [--index ~/.cache/solieu/news] [--repeat 5] [--telegram 20]

Without --index the bundled seeds are built in a temporary directory; with it, an existing index is
opened read-only (seeds plus vi-news: ~/.cache/solieu/news). Each series question is answered
--repeat times after a warm-up (the first chart also imports matplotlib, timed apart). The chart is
drawn as the bot draws it, in a worker thread of its own. Target: chart p50 < 150 ms on a 2-core box.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from running_bot import running_bot
from statistics_of import percentile

from answer.chart import render_png
from answer.engine import AnswerEngine
from answer.series import Point, Series, answer_series, read_series
from foundation.settings import Settings

QUESTIONS = (
    "Tổng kim ngạch xuất nhập khẩu của Lạng Sơn qua các năm",
    "Kim ngạch xuất khẩu của Bắc Ninh qua các năm",
    "Tổng mức bán lẻ hàng hóa của Bắc Ninh từ năm 2019 đến năm 2021",
    "So sánh xuất khẩu của Bắc Ninh và Lạng Sơn năm 2020",
    "Tăng trưởng GDP của Việt Nam từ năm 2015 đến năm 2018",
    "Xuất khẩu gạo năm 2016 và 2017",
    "Kim ngạch xuất khẩu của cả nước các năm gần đây",
    "Chỉ số giá tiêu dùng tháng 4/2017 và tháng 4/2018",
)
TIMEOUT = 60.0
UNLIMITED = 1_000_000


def answer_timed(engine: AnswerEngine, question: str) -> tuple[Series, float, float]:
    """The series, the milliseconds to its first point and to its last."""
    asked = read_series(question)
    if asked is None:
        raise SystemExit(f"not read as a series: {question}")
    started = time.perf_counter()
    first: list[float] = []

    def heard(point: Point) -> None:
        if not first:
            first.append(time.perf_counter())

    series = answer_series(engine, asked, heard)
    done = time.perf_counter()
    return series, ((first[0] if first else done) - started) * 1000, (done - started) * 1000


def summary(name: str, values: list[float]) -> str:
    return (
        f"{name}: p50 {statistics.median(values):.1f} ms, p95 {percentile(values, 0.95):.1f} ms, "
        f"max {max(values):.1f} ms ({len(values)})"
    )


async def telegram_round_trips(engine: AnswerEngine, questions: list[str], count: int) -> list[float]:
    """Update pushed → sendPhoto answered, one question after another."""
    with tempfile.TemporaryDirectory() as scratch:
        settings = Settings(
            _env_file=None,
            data_dir=Path(scratch),
            telegram_token="123:ABC",
            questions_per_minute_per_user=UNLIMITED,
            questions_per_minute_per_chat=UNLIMITED,
        )
        latencies = []
        async with running_bot(settings, engine, TIMEOUT) as fake:
            for number in range(count):
                pushed_at = time.monotonic()
                fake.api.push_message(questions[number % len(questions)])
                calls = await fake.api.wait_for("sendPhoto", number + 1, TIMEOUT)
                latencies.append((calls[number].at - pushed_at) * 1000)
        return latencies


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--index", type=Path, help="an existing index (default: the seeds, built here)")
    parser.add_argument("--repeat", type=int, default=5, help="passes over the series questions")
    parser.add_argument("--telegram", type=int, default=20, help="series asked through the bot (0: none)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        settings = Settings(
            _env_file=None, data_dir=Path(scratch), index_dir=args.index or Path(scratch) / "index"
        )
        engine = AnswerEngine.open(settings, progress=False, refresh=args.index is None)
        drawing = ThreadPoolExecutor(max_workers=1)  # as the bot does: off the thread that answers
        charted = [q for q in QUESTIONS if answer_timed(engine, q)[0].plotted]
        started = time.perf_counter()
        drawing.submit(render_png, answer_timed(engine, charted[0])[0]).result()
        first_chart = (time.perf_counter() - started) * 1000
        to_first, to_series, to_chart, charts = [], [], [], []
        for _ in range(args.repeat):
            for question in QUESTIONS:
                series, first, whole = answer_timed(engine, question)
                to_first.append(first)
                to_series.append(whole)
                if series.plotted:
                    started = time.perf_counter()
                    drawing.submit(render_png, series).result()
                    drawn = (time.perf_counter() - started) * 1000
                    charts.append(drawn)
                    to_chart.append(whole + drawn)
        round_trips = (
            asyncio.run(telegram_round_trips(engine, charted, args.telegram)) if args.telegram else []
        )
        engine.close()

    print(
        f"index: {args.index or 'bundled seeds'}; {len(QUESTIONS)} series questions, {len(charted)} with a chart"
    )
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"first chart (imports matplotlib): {first_chart:.0f} ms")
    print(summary("question → first point", to_first))
    print(summary("question → whole series", to_series))
    print(summary("chart drawn (PNG)", charts))
    print(summary("question → chart", to_chart))
    if round_trips:
        print(summary("Telegram update → sendPhoto", round_trips))


if __name__ == "__main__":
    main()
