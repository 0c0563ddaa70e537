"""Intent names written in several places agree with domain.yml: the actions' code, the button payloads of
the knowledge base, the `mok_<fact>` convention between domain.yml and koper.yml, and the replies the small
talk action sends by intent. A typo in any of them would give citizens the apology instead of an answer."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import yaml

from knowledge import KnowledgeBase

ROOT = Path(__file__).resolve().parents[1]
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
INTENTS = set(DOMAIN["intents"]) | {"nlu_fallback"}  # the FallbackClassifier's own intent
ENTITIES = {name for entity in DOMAIN["entities"] for name in entity}
INTENT_LIKE = re.compile(r"^(ask|mok)_[a-z_]+$")
RULES = yaml.safe_load((ROOT / "data" / "rules" / "rules.yml").read_text(encoding="utf-8"))["rules"]


def action_of(intent: str) -> str:
    return next(rule["steps"][1]["action"] for rule in RULES if rule["steps"][0].get("intent") == intent)


def test_every_intent_the_actions_name_is_in_the_domain() -> None:
    named: set[str] = set()
    for path in sorted((ROOT / "actions").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id.endswith(("_INTENT", "_INTENTS")) for t in node.targets
            ):
                named |= {
                    c.value for c in ast.walk(node.value) if isinstance(c, ast.Constant) and isinstance(c.value, str)
                }
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and INTENT_LIKE.match(node.value):
                named.add(node.value)
    assert len(named) >= 8
    assert sorted(named - INTENTS) == []


def test_every_button_payload_names_a_domain_intent_and_entities(kb: KnowledgeBase) -> None:
    payloads = [button.payload for reply in kb.replies.values() for button in reply.buttons]
    assert payloads
    for payload in payloads:
        match = re.fullmatch(r"/([a-z_]+)(\{.*\})?", payload)
        assert match and match.group(1) in INTENTS, payload
        assert set(json.loads(match.group(2) or "{}")) <= ENTITIES, payload


def test_every_fact_intent_has_its_fact_and_every_fact_its_intent(kb: KnowledgeBase) -> None:
    fact_intents = {intent for intent in INTENTS if intent.startswith("mok_")}
    # "borders" answers from koper.yml's borders and "overview" from its overview list, the rest a fact each
    facts = {fact.id for fact in kb.koper.facts} | {"borders", "overview"}
    assert {intent.removeprefix("mok_") for intent in fact_intents} == facts
    assert kb.koper.borders and set(kb.koper.overview) <= facts
    assert {action_of(intent) for intent in fact_intents} == {"action_answer_koper_fact"}


def test_every_small_talk_intent_has_its_reply(kb: KnowledgeBase) -> None:
    small_talk = [rule["steps"][0]["intent"] for rule in RULES if rule["steps"][1]["action"] == "action_small_talk"]
    assert len(small_talk) >= 5
    assert [intent for intent in small_talk if intent not in kb.replies] == []
