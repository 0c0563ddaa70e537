"""The same turns give the same replies: every turn and call recorded by tools/record_replies.py, replayed offline
and compared exactly (text, buttons, the custom message's flags, the slots it sets). A deliberate change of wording is
recorded again with `python -m tools.record_replies` and named in its commit."""

from __future__ import annotations

from typing import Any

import pytest

from tools.record_replies import (
    call_differences,
    load,
    published,
    staff_files,
    turn_differences,
)
from tools.recorded_turns import calls, turns

RECORDED = load()


def _report(found: list[tuple[str, Any, Any]]) -> str:
    """The first few differences, readable: id, then what was recorded and what comes now."""
    lines = [f"{len(found)} differ from tests/replies/recorded_replies.yml:"]
    for item_id, was, now in found[:5]:
        lines += [f"{item_id}", f"  recorded: {was}", f"  now:      {now}"]
    return "\n".join(lines)


def test_the_fixture_holds_the_turns_and_calls_of_the_tool() -> None:
    """Turns are changed in tools/recorded_turns.py and recorded again, never in the fixture alone."""
    fields = ("replies", "custom", "sets")
    assert [{k: v for k, v in t.items() if k not in fields} for t in RECORDED["turns"]] == [
        t.as_data() for t in turns()
    ]
    assert [{k: v for k, v in c.items() if k != "replies"} for c in RECORDED["calls"]] == [c.as_data() for c in calls()]


@pytest.mark.parametrize("file", staff_files(RECORDED), ids=lambda file: file or "no staff answers")
def test_every_turn_gives_the_recorded_replies(file: str | None) -> None:
    with published(file) as available:
        if not available:
            pytest.skip(f"{file} is not there (the shared evaluation folder)")
    found = list(turn_differences(RECORDED, file))
    assert not found, _report(found)


def test_every_call_gives_the_recorded_replies() -> None:
    found = list(call_differences(RECORDED))
    assert not found, _report(found)


def test_the_recording_is_broad() -> None:
    """Both languages, every intent, each with several hundred turns; staff answers too."""
    by_language = {language: [t for t in RECORDED["turns"] if t["language"] == language] for language in ("sl", "it")}
    assert len(by_language["sl"]) >= 300 and len(by_language["it"]) >= 150
    assert any(t.get("staff") for t in RECORDED["turns"])
    from tests.test_intent_names import INTENTS

    assert {t["intent"] for t in RECORDED["turns"]} >= INTENTS
