"""The payloads a button can carry are known to every process from the knowledge base alone: a gateway
accepts a pressed button only with one of them, so a kind of button missing from the set would answer
"this button is no longer valid" on every press."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

from knowledge import KnowledgeBase
from replies import answers
from replies.buttons import button_payloads

REPLIES = Path(__file__).resolve().parents[2] / "replies"


def buttons_made_in_the_code() -> set[tuple[str, frozenset[str]]]:
    """(intent, entity names) of every `payload("intent", …)`, `municipality_buttons(kb, "intent", …)` and
    `Button(title, "/intent…")` written in replies/."""
    made = set()
    for path in sorted(REPLIES.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            names = frozenset(k.arg for k in node.keywords if k.arg)
            if node.func.id == "payload" and node.args and isinstance(node.args[0], ast.Constant):
                made.add((node.args[0].value, names))
            elif node.func.id == "municipality_buttons" and isinstance(node.args[1], ast.Constant):
                made.add((node.args[1].value, names | {"municipality"}))
            elif node.func.id == "Button" and len(node.args) > 1 and isinstance(node.args[1], ast.Constant):
                made.add(shape(node.args[1].value))  # a button written out whole
    return made


def parsed(payload: str) -> tuple[str, dict[str, str]]:
    """A payload's intent and entities."""
    match = re.fullmatch(r"/([a-z_]+)(\{.*\})?", payload)
    assert match, payload
    return match.group(1), json.loads(match.group(2) or "{}")


def shape(payload: str) -> tuple[str, frozenset[str]]:
    intent, entities = parsed(payload)
    return intent, frozenset(entities)


def test_every_kind_of_button_the_replies_make_is_known(kb: KnowledgeBase) -> None:
    known = {shape(p) for p in button_payloads(kb)}
    made = buttons_made_in_the_code()
    assert ("ask_task_covers_municipality", frozenset({"municipality", "task"})) in made  # the walk finds them
    assert sorted(made - known, key=str) == []


def test_the_buttons_of_answers_and_of_conversation_yml_are_in_the_set(kb: KnowledgeBase, kb_it: KnowledgeBase) -> None:
    known = button_payloads(kb)
    assert button_payloads(kb_it) == known  # Italian buttons carry the same ids
    replies = [
        answers.tasks_overview(kb),
        answers.unknown_municipality(kb),
        answers.unknown_municipality(kb, "pomoc_na_domu"),
        answers.services(kb_it, []),
        *(answers.canned(kb, name) for name in kb.replies),
    ]
    pressed = {b.payload for reply in replies for b in reply.buttons}
    assert len(pressed) > 20 and pressed <= known
    assert '/set_language{"language": "it"}' in known


def test_the_set_holds_ids_of_the_knowledge_base_only(kb: KnowledgeBase) -> None:
    known = button_payloads(kb)
    ids = {
        "municipality": {m.name for m in kb.municipalities},
        "task": {t.id for t in kb.tasks},
        "language": {"sl", "it"},
    }
    for payload in known:
        assert all(value in ids[name] for name, value in parsed(payload)[1].items()), payload
    assert '/ask_task_covers_municipality{"municipality": "Trst", "task": "pomoc_na_domu"}' not in known
    assert '/ask_tasks_for_municipality{"municipality": "Koper", "task": "pomoc_na_domu"}' not in known
