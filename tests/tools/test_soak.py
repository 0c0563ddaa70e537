"""The soak's arithmetic and its report, on made-up turns and samples: nothing is started."""

from __future__ import annotations

import os

import pytest

from tools import soak
from tools.soak import Events, Ledger, Sample, Turn, growth, ledger, memory_at, plan_from, windows


def turn(started: float, ms: float = 20.0, session: str = "s", text: str = "kaj pa sezana", **kw: object) -> Turn:
    return Turn(session, text, started, ms / 1000, **{"status": 200, **kw})  # type: ignore[arg-type]


def test_turns_fall_into_the_window_they_were_sent_in() -> None:
    turns = [turn(0.0, 10), turn(59.9, 30), turn(60.0, 50), turn(119.0, 70, status=429), turn(130.0, 90, apology=True)]
    first, second, third = windows(turns, 60.0, 150.0)
    assert (first.turns, first.p50, first.p95, first.max) == (2, 10.0, 30.0, 30.0)  # nearest rank (bench_flood)
    assert (second.turns, second.errors, second.apologies) == (2, 1, 0)
    assert (third.start, third.end, third.turns, third.apologies) == (120.0, 150.0, 1, 1)


def test_p95_of_a_hundred_turns_is_the_95th() -> None:
    (window,) = windows([turn(i, ms=i + 1) for i in range(100)], 100.0, 100.0)
    assert (window.p50, window.p95, window.max) == (51.0, 95.0, 100.0)


def test_an_empty_window_has_no_latency() -> None:
    assert windows([], 60.0, 60.0)[0].p95 == 0.0


def sample(at: float, rss: float) -> Sample:
    return Sample(at, {"gateway": rss}, {}, {}, 0.0)


def test_memory_is_read_from_the_last_sample_before_the_moment() -> None:
    samples = [sample(0.0, 100.0), sample(10.0, 110.0), sample(20.0, 120.0)]
    assert memory_at(samples, 15.0) == {"gateway": 110.0}
    assert memory_at(samples, 20.0) == {"gateway": 120.0}
    assert memory_at(samples, -1.0) == {"gateway": 100.0}  # before the first sample: the first
    assert growth(100.0, 104.0) == pytest.approx(4.0) and growth(100.0, 95.0) == pytest.approx(-5.0)


def test_cpu_shares_cover_the_time_since_the_sample_before() -> None:
    """Samples a little late each time: the first in a window still counts the seconds before the window began."""
    samples = [Sample(0.0, {}, {}, {}, 0.0)] + [Sample(10 * n + 0.1, {}, {"rasa-1": 5.0}, {}, 0.0) for n in range(1, 5)]
    share = soak.shares(samples, 20.0, 40.0)  # the samples at 20.1 and 30.1: 10 CPU-s over 10.1 to 30.1
    assert share["rasa-1"] == pytest.approx(50.0 / (os.cpu_count() or 1))
    assert share["other programs"] == 0.0 and soak.shares(samples, 50.0, 60.0)["rasa-1"] == 0.0
    late = [Sample(0.01, {}, {"rasa-1": 0.0}, {}, 0.0), *samples[1:]]  # the first sample, taken just after the start
    assert soak.shares(late, 0.0, 20.0)["rasa-1"] == pytest.approx(5.0 / 10.1 * 100 / (os.cpu_count() or 1))


def test_a_turn_answered_and_not_stored_is_lost() -> None:
    turns = [turn(0, text="a"), turn(1, text="b"), turn(2, session="t", text="a")]
    stored = {"s": [("a", "1")], "t": [("a", "3")]}
    assert ledger(turns, stored) == Ledger(sent=3, answered=3, conversations=2, stored=2, lost=1, twice=0)


def test_a_turn_stored_twice_is_found_by_its_id_and_by_its_text() -> None:
    turns = [turn(0, text="a"), turn(1, text="b")]
    assert ledger(turns, {"s": [("a", "1"), ("a", "1"), ("b", "2")]}).twice == 1  # one id twice
    assert ledger(turns, {"s": [("a", "1"), ("a", "3"), ("b", "2")]}).twice == 1  # "a" sent once, stored twice


def test_a_turn_without_an_answer_may_or_may_not_be_stored() -> None:
    """The apology after a timeout and a failed connection: Rasa may have stored the turn, or not. A refused turn
    (429) never reached Rasa: stored, it would be stored twice."""
    turns = [turn(0, text="a", apology=True), turn(1, text="b", status=0), turn(2, text="c", status=429)]
    assert ledger(turns, {"s": [("a", "1"), ("b", "2")]}) == Ledger(3, 0, 1, 2, lost=0, twice=0)
    assert ledger(turns, {}).lost == 0
    assert ledger(turns, {"s": [("c", "3")]}).twice == 1


def test_a_stored_conversation_nobody_held_counts_twice() -> None:
    assert ledger([turn(0)], {"s": [("kaj pa sezana", "1")], "other": [("x", "2")]}).twice == 1


def test_the_plan_takes_the_command_line_then_the_environment_then_the_defaults() -> None:
    plan, write = plan_from([], {})
    assert (plan.minutes, plan.window_minutes, plan.warm_up_minutes, plan.flood_seconds, write) == (20, 5, 5, 60, True)
    assert (plan.restart_at, plan.flood_at) == (600, 540)
    short, _ = plan_from([], {"SOAK_MINUTES": "3", "SOAK_PEOPLE": "4"})
    assert (short.minutes, short.people, short.window_minutes, short.flood_seconds) == (3, 4, 0.75, 9)
    chosen, write = plan_from(["--minutes", "4", "--window", "1", "--no-report"], {"SOAK_MINUTES": "3"})
    assert (chosen.minutes, chosen.window_minutes, chosen.warm_up_minutes, write) == (4, 1, 1, False)


def test_a_plan_whose_flood_does_not_fit_before_the_middle_is_refused() -> None:
    with pytest.raises(SystemExit):
        plan_from(["--minutes", "1", "--flood-seconds", "40"], {})


def test_the_report_has_a_row_a_window_every_process_and_each_goal() -> None:
    plan, _ = plan_from(["--minutes", "4"], {})
    turns = [turn(t, ms=20 + t / 10, session=f"s{t // 10}") for t in range(0, 240, 2)]
    processes = dict.fromkeys(soak.PROCESSES, 100.0)
    samples = [
        Sample(
            t, {**processes, "gateway": 100.0 + t / 100}, {"rasa-0": 1.0, "other programs": 2.0}, {"pytest": 2.0}, 1.5
        )
        for t in range(0, 250, 10)
    ]
    events = Events(flood_from=108.0, flood_to=120.0, flood_statuses={200: 4, 429: 300}, killed_at=120.0,
                    answering_after=12.0, failovers=5)  # fmt: skip
    stored: dict[str, list[tuple[str, str]]] = {}
    for t in turns:
        stored.setdefault(t.session, []).append((t.text, str(t.started)))
    books = ledger(turns, stored)
    text = soak.report(plan, turns, samples, events, books, "2026-12-07")
    assert text.startswith(soak.HEADING + "\n")
    assert text.count("\n| 0:00–1:00 |") == 1 and "\n| 3:00–4:00 | 30 |" in text
    assert all(f"\n| {name} |" in text for name in soak.PROCESSES)
    assert "| 0:00 | 1:00 | 2:00 | 3:00 | 4:00 | max | growth after the warm-up | in the last window |" in text
    assert "| gateway | 100 | 101 | 101 | 102 | 102 | 102 | +1.8% | +0.6% |" in text
    assert "gateway +1.8%" in text  # 100.6 MB at the end of the warm-up (1:00), 102.4 MB at the end
    assert "| memory after the warm-up (1 min) grows ≤ 5%, each process | yes |" in text
    assert "| no turn lost: every turn answered (none the apology), each stored in PostgreSQL once | yes |" in text
    assert "304 requests: 200 4, 429 300, 503 0, other 0" in text and "answering again after 12 s; 5 turns" in text
    assert "`pytest` 0.8 CPU-min" in " ".join(text.split())  # the prose is wrapped
