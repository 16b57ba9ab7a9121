"""Numeric-answer reading comprehension (../shared/corpus/viquad-numeric), as a figure bot sees it.

    python benchmarks/viquad_numeric.py [--split dev|test]

Each Wikipedia context becomes an article; every question is asked against the index of all of
them. Most gold answers are dates, years or events rather than figures, and an honest "không tìm
thấy" is right for those. So the numbers that matter are how often it answers and how precise those
answers are: an answer counts as right when its figure text holds a number from a gold answer. Tune
on dev only; the test split is for measurement.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import json
import re
import tempfile
import time
from pathlib import Path

from answer.engine import AnswerEngine
from answer.model import Status
from foundation.settings import Settings

DATA = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "viquad-numeric" / "viquad_numeric.jsonl"


_DATE = re.compile(
    r"thế kỷ|thế kỉ|năm \d|tháng|ngày|\d{1,2}/\d{1,2}|^\s*(?:1\d|20)\d{2}\s*$|TCN|sau công nguyên",
    re.IGNORECASE,
)


_ASKS_AMOUNT = re.compile(r"bao nhiêu|mấy|tỷ lệ|tỉ lệ|phần trăm|số lượng|dân số|là bao|mức", re.IGNORECASE)


def answer_type(question: str, answers: list[str]) -> str:
    """ "figure" when the question asks for an amount, a count or a percentage and the gold answer is
    one (what this bot is for); "date" for years, centuries and dates; "other" for the rest (places,
    names, reasons — some with a number inside: "Quận 12 ở phía Đông")."""
    gold = answers[0]
    if _DATE.search(gold):
        return "date"
    return "figure" if _ASKS_AMOUNT.search(question) and re.search(r"\d", gold) else "other"


def numbers(text: str) -> set[str]:
    return {n.replace(".", "").replace(",", "") for n in re.findall(r"\d[\d.,]*\d|\d", text)}


def context_key(item: dict) -> str:
    return hashlib.sha1(item["context"].encode()).hexdigest()[:12]


def write_contexts(items: list[dict], corpus: Path) -> dict[str, str]:
    """Each distinct context once, as a .jsonl article; its id by context key."""
    ids: dict[str, str] = {}
    with corpus.open("w", encoding="utf-8") as out:
        for item in items:
            key = context_key(item)
            if key not in ids:
                ids[key] = f"viquad-{key}"
                article = {"id": ids[key], "title": item["title"], "text": item["context"]}
                out.write(json.dumps(article, ensure_ascii=False) + "\n")
    return ids


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    parser.add_argument(
        "--show-wrong", action="store_true", help="print each answer that holds no gold number"
    )
    parser.add_argument(
        "--work",
        type=Path,
        help="keep the index here (its embedding cache makes the next run fast); default: a temporary folder",
    )
    args = parser.parse_args()
    items = [json.loads(line) for line in DATA.open(encoding="utf-8")]
    items = [item for item in items if item["split"] == args.split]

    with tempfile.TemporaryDirectory() as temporary:
        work = args.work or Path(temporary)
        work.mkdir(parents=True, exist_ok=True)
        corpus = work / "contexts.jsonl"
        ids = write_contexts(items, corpus)
        settings = Settings(_env_file=None, data_dir=Path(work) / "data", corpus=[corpus])
        started = time.perf_counter()
        engine = AnswerEngine.open(settings, progress=False)
        build_seconds = time.perf_counter() - started

        statuses: collections.Counter[str] = collections.Counter()
        right = right_doc = 0
        by_type: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
        latencies = []
        for item in items:
            kind = answer_type(item["question"], item["answers"])
            by_type[kind]["questions"] += 1
            started = time.perf_counter()
            answer = engine.answer(item["question"])
            latencies.append((time.perf_counter() - started) * 1000)
            statuses[answer.status.value] += 1
            best = answer.best
            if answer.status is Status.NOT_FOUND or best is None:
                continue
            by_type[kind]["answered"] += 1
            gold = set().union(*(numbers(a) for a in item["answers"]))
            if numbers(best.figure.text) & gold:
                right += 1
                by_type[kind]["right"] += 1
                right_doc += best.source.id == ids[context_key(item)]
            elif args.show_wrong:
                print(
                    f"✗ {item['question']}\n  gold: {item['answers']}\n  got:  {best.figure.text} "
                    f"({best.figure.kind}) « {best.quote[:160]} »"
                )
        engine.close()

    answered = statuses["answered"] + statuses["ambiguous"]
    print(
        f"viquad-numeric {args.split}: {len(items)} questions, {len(ids)} contexts (index built in {build_seconds:.0f} s)"
    )
    print(
        f"answered {statuses['answered']}, ambiguous {statuses['ambiguous']}, not found {statuses['not_found']}"
    )
    if answered:
        print(
            f"precision of answers: {right}/{answered} = {right / answered:.0%} hold a gold number "
            f"({right_doc} from the right context)"
        )
    print(
        f"coverage: {right}/{len(items)} = {right / len(items):.0%} of all questions answered with a gold number"
    )
    for kind in ("figure", "date", "other"):
        counts = by_type[kind]
        if counts["questions"]:
            precision = f"{counts['right'] / counts['answered']:.0%}" if counts["answered"] else "—"
            print(
                f"  {kind:6}: {counts['questions']} questions, {counts['right']} answered with the gold figure "
                f"({counts['right'] / counts['questions']:.0%}), {counts['answered']} answered, precision {precision}"
            )
    latencies.sort()
    print(f"latency p50 {latencies[len(latencies) // 2]:.1f} ms")


if __name__ == "__main__":
    main()
