"""The assistant's own training data as the matcher needs it: which messages no staff answer may take, and
how common each word is in what people write to the assistant.

A staff answer may take what the knowledge base cannot answer: the practical questions it has no data for
(amounts, how to apply), "do you handle child benefit?" (ask_services, answered only in general), and
out-of-scope questions. Everything else the knowledge base answers itself, so those examples are
`protected`: a coverage question stays a coverage question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from knowledge import knowledge_base
from knowledge.practical import TopicFinder

ROOT = Path(__file__).resolve().parents[1]
NLU = ROOT / "data" / "nlu"
# Intents whose examples a staff answer may take: what the knowledge base answers only with "I do not
# have it" or in general terms.
OPEN_INTENTS = frozenset({"ask_practical_info", "ask_services", "out_of_scope"})
# Practical topics that the contact details answer (knowledge/data/practical.yml): not a staff answer's.
_ANNOTATION = re.compile(r"\[([^\]]*)\]\([^)]*\)|\[([^\]]*)\]\{[^}]*\}")


@dataclass(frozen=True)
class Example:
    text: str
    language: str
    intent: str


@dataclass(frozen=True)
class Corpus:
    examples: tuple[Example, ...]
    protected: tuple[Example, ...]

    def negatives(self) -> list[tuple[str, str, str]]:
        return [(e.text, e.language, e.intent) for e in self.protected]

    def background(self) -> list[tuple[str, str]]:
        return [(e.text, e.language) for e in self.examples]


def _plain(line: str) -> str:
    """An example without Rasa's entity annotations: "[Izola](municipality)" → "Izola"."""
    return _ANNOTATION.sub(lambda m: m.group(1) or m.group(2) or "", line).strip()


def read_examples(folder: Path = NLU) -> list[Example]:
    found = []
    for language, files in (("sl", sorted(folder.glob("*.yml"))), ("it", sorted((folder / "it").glob("*.yml")))):
        for path in files:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            for item in data.get("nlu") or []:
                if not isinstance(item, dict) or "intent" not in item:
                    continue
                for line in str(item.get("examples") or "").splitlines():
                    line = line.strip()
                    if line.startswith("- "):
                        found.append(Example(_plain(line[2:]), language, str(item["intent"])))
    return found


def _contact_topics(language: str) -> frozenset[str]:
    kb = knowledge_base(language)
    return frozenset(topic.id for topic in kb.practical if topic.fields)


@cache
def corpus(folder: Path = NLU) -> Corpus:
    """The training data, read once per process."""
    examples = read_examples(folder)
    finders = {language: TopicFinder(knowledge_base(language)) for language in ("sl", "it")}
    contact = {language: _contact_topics(language) for language in ("sl", "it")}

    def is_protected(example: Example) -> bool:
        if example.intent == "ask_practical_info":
            topics = finders[example.language].find(example.text)
            return bool(topics) and set(topics) <= contact[example.language]
        return example.intent not in OPEN_INTENTS

    return Corpus(tuple(examples), tuple(e for e in examples if is_protected(e)))
