"""Benchmark the free-text resolver alone: every NLU training example and evaluation turn, resolved in
turn, a few rounds; prints the time per message (p50, p95, mean) and the time to build the resolver.

    python -m tools.bench_resolver [--rounds 5]

Imports `knowledge` from wherever PYTHONPATH points first, so the same script measures another checkout
(PYTHONPATH=../other python -m tools.bench_resolver) for a before/after comparison in one session.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import yaml

from knowledge import load_knowledge_base
from knowledge.resolver import Resolver

# This script's own checkout, not runtime.role's: with PYTHONPATH pointing at another checkout, both are
# measured on the same messages.
ROOT = Path(__file__).resolve().parent.parent


def messages() -> list[str]:
    """The NLU examples of data/nlu and the turns of tests/eval: the texts the resolver really sees."""
    texts: list[str] = []
    for path in sorted((ROOT / "data" / "nlu").glob("*.yml")):
        for block in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu", []):
            if "intent" in block:
                texts += [line[2:].strip() for line in block["examples"].splitlines() if line.startswith("- ")]
    for path in sorted((ROOT / "tests" / "eval").glob("*.yml")):
        texts += [turn for case in yaml.safe_load(path.read_text(encoding="utf-8")) for turn in case["turns"]]
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds
    kb = load_knowledge_base()
    started = time.perf_counter()
    resolver = Resolver(kb)
    build = time.perf_counter() - started
    texts = messages()
    timings = []
    for _ in range(rounds):
        for text in texts:
            started = time.perf_counter()
            resolver.resolve(text)
            timings.append(time.perf_counter() - started)
    timings.sort()
    print(f"resolver: {len(texts)} messages × {rounds} rounds, built in {build * 1000:.0f} ms")
    print(
        f"per message: p50 {statistics.median(timings) * 1000:.3f} ms, "
        f"p95 {timings[int(len(timings) * 0.95)] * 1000:.3f} ms, mean {statistics.fmean(timings) * 1000:.3f} ms"
    )


if __name__ == "__main__":
    main()
