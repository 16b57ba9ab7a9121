"""A bigger corpus from the real one: the same articles again under new ids, up to a total.

    python benchmarks/rekey_corpus.py SOURCE.jsonl TARGET.jsonl [--total 10000]

For scale benchmarks only (the texts repeat, so answers are not meaningful). The target belongs in a
cache directory, never in the project: the articles are test data.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def rekeyed(source: Path, target: Path, total: int) -> Path:
    """Write `total` records cycling through `source`, copy k of an article keyed "<id>~k"."""
    if target.exists() and sum(1 for _ in target.open(encoding="utf-8")) == total:
        return target
    records = [json.loads(line) for line in source.open(encoding="utf-8") if line.strip()]
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.with_suffix(".part")
    with staging.open("w", encoding="utf-8") as out:
        for number in range(total):
            record = dict(records[number % len(records)])
            copy = number // len(records)
            if copy:
                record["id"] = f"{record['id']}~{copy}"
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    staging.replace(target)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("source", type=Path)
    parser.add_argument("target", type=Path)
    parser.add_argument("--total", type=int, default=10_000)
    args = parser.parse_args()
    print(rekeyed(args.source, args.target, args.total))


if __name__ == "__main__":
    main()
