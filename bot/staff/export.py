"""Downloads from the not-understood list: a CSV for a spreadsheet, and Rasa NLU training data (YAML)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date

from bot.staff.store import Group, fold

CSV_COLUMNS = ("dan", "besedilo", "število", "kanal", "namen", "najboljše ugibanje", "zanesljivost", "pogovor")


def _cell(value: str) -> str:
    """A spreadsheet runs a cell that starts with = + - @ as a formula: such text gets a leading '."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def groups_csv(groups: Iterable[Group]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for group in groups:
        writer.writerow(
            [
                group.day.isoformat(),
                _cell(group.text),
                group.count,
                ", ".join(sorted(group.channels)),
                group.intent,
                group.guess,
                f"{group.confidence:.2f}",
                group.conversation,
            ]
        )
    return buffer.getvalue()


def example(text: str) -> str:
    """One training example as a line of a YAML literal block, with nothing Rasa would read as markup.

    Rasa reads `[text](entity)` and `[text]{…}` in an example as an entity annotation, so square brackets
    become round ones; line breaks and control characters become spaces (one example is one line).
    """
    text = text.replace("[", "(").replace("]", ")")
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())


def nlu_yaml(chosen: Iterable[tuple[str, str]], today: date) -> str:
    """Rasa NLU training data (version "3.1") from (text, intent) pairs: one `nlu:` block per intent,
    each text once (the first intent chosen for it wins), ready to commit under data/nlu/."""
    by_intent: dict[str, list[str]] = {}
    seen: set[str] = set()
    for text, intent in chosen:
        line = example(text)
        if not line or fold(line) in seen:
            continue
        seen.add(fold(line))
        by_intent.setdefault(intent, []).append(line)
    lines = [
        f"# Iz nerazumljenih sporočil, izvoženo {today.isoformat()} v območju za osebje.",
        "# Pred uvrstitvijo v data/nlu/ preglejte vsak primer: besedilo je anonimizirano, ne pa nujno pravilno.",
        'version: "3.1"',
        "nlu:",
    ]
    for intent in sorted(by_intent):
        lines += [f"- intent: {intent}", "  examples: |"]
        lines += [f"    - {text}" for text in by_intent[intent]]
    return "\n".join(lines) + "\n"
