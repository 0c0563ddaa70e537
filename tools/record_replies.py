"""Record the assistant's replies to a broad set of turns (tools/recorded_turns.py) in a fixture, and replay them.

    python -m tools.record_replies            # write tests/replies/recorded_replies.yml
    python -m tools.record_replies --check    # replay every turn and list those whose replies differ

Each turn runs its action as the action server would (the action the rules give its intent, a hand-built Tracker
and a CollectingDispatcher), offline and below the NLU model, so that the recording depends on the actions and
the knowledge base only. Each call runs one reply function directly. tests/replies/test_recorded_replies.py
replays the fixture: a change of wording in replies/ shows as a difference there, and a deliberate one is
recorded again with this tool (and named in its commit).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

from tools.recorded_turns import Call, Turn, calls, turns

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "replies" / "recorded_replies.yml"
HEADER = """\
# Recorded by `python -m tools.record_replies` (tools/recorded_turns.py says which turns and why): the replies
# to each turn and call, text and buttons, as the actions and replies/ give them. Replayed by
# tests/replies/test_recorded_replies.py. Never edited by hand: a deliberate change is recorded again.
"""


def _resolve(path: str) -> Path:
    return (ROOT / path).resolve()


@contextmanager
def published(file: str | None) -> Iterator[bool]:
    """The actions answer from a store of their own for the block: `file`'s staff answers published, or none.
    Yields False when the file is not there (the shared fixture outside the repository)."""
    from actions import staff
    from staff_answers.entries import read_bulk
    from staff_answers.live import LiveAnswers
    from staff_answers.store import AnswerStore

    with tempfile.TemporaryDirectory() as folder:
        store = AnswerStore(f"sqlite:///{folder}/answers.db")
        live = LiveAnswers(store, interval=3600)
        available = file is None or _resolve(file).is_file()
        if file is not None and available:
            store.import_entries(read_bulk(_resolve(file).read_text(encoding="utf-8")), "ana", publish_as="bojan")
            live.refresh()
        staff.use_live_answers(live)
        try:
            yield available
        finally:
            staff.use_live_answers(None)
            live.stop()
            store.close()


def replay_turn(turn: Turn) -> dict[str, Any]:
    """The replies to one turn (text and buttons of each message), whether the answer may be rated, and the
    slots it sets ("sets"); the custom message's answer id is random, so only its presence is kept."""
    from rasa_sdk import Tracker
    from rasa_sdk.executor import CollectingDispatcher

    from actions.actions import _answerers, action_of_intent

    action_name = action_of_intent()[turn.intent]
    action = _action(action_name) or _answerers()[action_name]
    message = {
        "text": turn.text,
        "intent": {"name": turn.intent, "confidence": turn.confidence},
        "entities": [dict(e) for e in turn.entities],
        "intent_ranking": [
            {"name": name, "confidence": conf} for name, conf in (turn.ranking or ((turn.intent, turn.confidence),))
        ],
        "metadata": dict(turn.metadata),
    }
    tracker = Tracker("recorded", dict(turn.slots), message, [], False, None, {}, "action_listen")
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, {}))
    replies, flags = [], {}
    for sent in dispatcher.messages:
        custom = sent.get("custom")
        if custom:
            flags = {key: value for key, value in custom.items() if key != "answer_id"}
            flags["rated"] = "answer_id" in custom
            continue
        replies.append(_message(sent.get("text") or "", sent.get("buttons") or []))
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    return {"replies": replies, "custom": flags, "sets": slots}


def _action(name: str) -> Any:
    from actions import actions

    classes = [actions.ActionCrisis, actions.ActionSmallTalk, actions.ActionFallback, actions.ActionSetLanguage]
    return next((cls() for cls in classes if cls.action_name == name), None)


def _message(text: str, buttons: list[dict[str, str]]) -> dict[str, Any]:
    out: dict[str, Any] = {"text": text}
    if buttons:
        out["buttons"] = [[b["title"], b["payload"]] for b in buttons]
    return out


def replay_call(call: Call) -> dict[str, Any]:
    """What one reply function of replies.answers gives, in the call's language: a reply's text and buttons, or
    a string."""
    from knowledge import knowledge_base
    from replies import answers

    kb = knowledge_base(call.language)
    function = getattr(answers, call.function)
    if call.function == "quantity":  # the one that takes a language, not a knowledge base
        result = function(call.language, *call.args, **call.kwargs)
    else:
        result = function(kb, *call.args, **call.kwargs)
    if isinstance(result, str):
        return {"replies": [{"text": result}]}
    return {"replies": [_message(result.text, [{"title": b.title, "payload": b.payload} for b in result.buttons])]}


def record() -> dict[str, Any]:
    """Every turn and call with what it gives now."""
    recorded_turns = []
    for file, group in _by_staff_file(turns()).items():
        with published(file) as available:
            if not available:
                sys.exit(f"{file} is needed to record the staff answers' turns")
            recorded_turns += [{**turn.as_data(), **replay_turn(turn)} for turn in group]
    recorded_calls = [{**call.as_data(), **replay_call(call)} for call in calls()]
    return {"turns": recorded_turns, "calls": recorded_calls}


def _by_staff_file(items: list[Turn]) -> dict[str | None, list[Turn]]:
    groups: dict[str | None, list[Turn]] = {}
    for turn in items:
        groups.setdefault(turn.staff, []).append(turn)
    return groups


def load() -> dict[str, Any]:
    return yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))


def turn_differences(recorded: dict[str, Any], file: str | None) -> Iterator[tuple[str, Any, Any]]:
    """(id, recorded, now) of every turn answered with `file`'s staff answers published (None: none) whose
    replies, custom message or slots differ from the recording. Nothing when the file is missing."""
    items = [item for item in recorded["turns"] if item.get("staff") == file]
    with published(file) as available:
        if not available:
            return
        for item in items:
            now = replay_turn(Turn.from_data(_turn_fields(item)))
            was = {key: item[key] for key in ("replies", "custom", "sets")}
            if now != was:
                yield item["id"], was, now


def call_differences(recorded: dict[str, Any]) -> Iterator[tuple[str, Any, Any]]:
    """(id, recorded, now) of every call whose replies differ from the recording."""
    for item in recorded["calls"]:
        now = replay_call(Call.from_data(item))
        if now["replies"] != item["replies"]:
            yield item["id"], item["replies"], now["replies"]


def staff_files(recorded: dict[str, Any]) -> list[str | None]:
    """The files of staff answers the recorded turns were answered with, None (no staff answers) first."""
    return list(dict.fromkeys([None, *(item.get("staff") for item in recorded["turns"])]))


def differences(recorded: dict[str, Any]) -> Iterator[tuple[str, Any, Any]]:
    """Every difference from the recording: turns (skipping those whose staff answers file is missing), calls."""
    for file in staff_files(recorded):
        yield from turn_differences(recorded, file)
    yield from call_differences(recorded)


def _turn_fields(item: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in item.items() if key not in ("replies", "custom", "sets")}


def _dump(data: dict[str, Any]) -> str:
    return HEADER + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="replay the fixture and list the differences")
    args = parser.parse_args(argv)
    if args.check:
        found = list(differences(load()))
        for item_id, was, now in found:
            print(f"{item_id}:\n  recorded: {was}\n  now:      {now}")
        print(f"{len(found)} differences")
        return 1 if found else 0
    data = record()
    FIXTURE.write_text(_dump(data), encoding="utf-8")
    print(f"recorded {len(data['turns'])} turns and {len(data['calls'])} calls in {FIXTURE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
