"""Benchmark: what published staff answers cost a turn in the action server, and how fast a publication
reaches another replica. Prints figures; asserts nothing (docs/performance.md keeps them).

    python -m tools.bench_staff_answers [--entries 500] [--questions 10]

Synthetic entries: each example question is a few words drawn from the training data's vocabulary, so that
the matcher works on realistic words. The baseline, measured in the same run, is the same turn's matching
with no publication.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
import tracemalloc
from pathlib import Path

from staff_answers.corpus import corpus
from staff_answers.entries import Entry
from staff_answers.live import LiveAnswers, answering_matcher
from staff_answers.store import AnswerStore

MESSAGES = [
    "Kako dobim otroški dodatek?", "Ali interventna služba pokriva Izolo?", "nimam denarja za najemnino",
    "Come posso chiedere un contributo?", "hvala lepa", "Kje ste in kdaj imate uradne ure?",
    "Mož me tepe, kaj naj naredim?", "Kdo plača pogreb, če ni denarja?",
]  # fmt: skip


def synthetic(count: int, questions: int, seed: int = 7) -> list[Entry]:
    rng = random.Random(seed)
    words = sorted({w for e in corpus().examples for w in e.text.split() if w.isalpha() and len(w) > 3})
    return [
        Entry.from_data(
            {
                "id": f"vnos-{n}",
                "source": "bench",
                "review_by": "2030-01-01",
                "questions": {"sl": [" ".join(rng.sample(words, 5)) + "?" for _ in range(questions)]},
                "answer": {"sl": f"Odgovor {n}."},
            }
        )  # fmt: skip
        for n in range(count)
    ]


def per_message_ms(publication_entries: list[Entry], rounds: int) -> tuple[float, float]:
    """(p50, p95) in ms of matching one message against a publication of these entries."""
    matcher = answering_matcher(publication_entries)
    times = []
    for _ in range(rounds):
        for message in MESSAGES:
            start = time.perf_counter()
            matcher.verdict(message)
            times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=500)
    parser.add_argument("--questions", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()
    corpus()  # the training data, read once per process in any case
    entries = synthetic(args.entries, args.questions)
    base = per_message_ms([], args.rounds)
    small = per_message_ms(entries[:8], args.rounds)
    tracemalloc.start()
    full = per_message_ms(entries, args.rounds)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    start = time.perf_counter()
    answering_matcher(entries)
    built = time.perf_counter() - start
    print(f"matching one message, no publication:        p50 {base[0]:.2f} ms, p95 {base[1]:.2f} ms")
    print(f"matching one message, 8 entries:             p50 {small[0]:.2f} ms, p95 {small[1]:.2f} ms")
    print(f"matching one message, {args.entries} x {args.questions} questions:  "
          f"p50 {full[0]:.2f} ms, p95 {full[1]:.2f} ms (+{full[0] - base[0]:.2f} ms p50)")  # fmt: skip
    print(f"building the matcher of {args.entries} entries: {built * 1000:.0f} ms; "
          f"peak memory while built and used: {peak / 2**20:.1f} MB")  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        staff = AnswerStore(url)
        replica = LiveAnswers(lambda: AnswerStore(url))
        replica.current()
        start = time.perf_counter()
        publication = staff.import_entries(entries, "bench", publish_as="bench")[1]
        published = time.perf_counter() - start
        assert publication is not None
        while replica.current().id != publication.id:
            time.sleep(0.01)
        reached = time.perf_counter() - start
        replica.stop()
        staff.close()
    print(f"publishing {args.entries} entries: {published:.2f} s; in use on a second replica after {reached:.2f} s "
          f"(polled every second)")  # fmt: skip


if __name__ == "__main__":
    main()
