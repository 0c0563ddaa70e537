"""Measure the gateway's redaction (bot/privacy.py) and write docs/privacy.md.

    python -m tools.privacy_report

On the labelled messages of tests/privacy/messages.yml: recall per kind of personal data (the share of
labelled pieces removed whole), precision per kind of marker (the share of removed pieces that were personal
data), the pieces the assistant needs that were lost, the time per message, and what redaction changes in
every turn of the evaluation sets (tests/eval/*.yml, ../shared/eval/*.yml), which should be nothing harmful.
"""

from __future__ import annotations

import platform
import re
import time
from dataclasses import dataclass, field

import yaml

from bot.privacy import Found, find, redact
from runtime.role import ROOT
from tools.reports import write_keeping_notes

MESSAGES = ROOT / "tests" / "privacy" / "messages.yml"
REPORT = ROOT / "docs" / "privacy.md"
EVAL_SETS = [*sorted((ROOT / "tests" / "eval").glob("*.yml")), *sorted((ROOT.parent / "shared" / "eval").glob("*.yml"))]
NLU = ROOT / "data" / "nlu"
# "[Koper](municipality)", "[Izola]{...}": an NLU example's annotation, around the words a person wrote.
_ANNOTATION = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})")
KINDS = ("phone", "emso", "tax", "email", "iban", "address", "date", "name")


@dataclass(frozen=True)
class Message:
    language: str
    text: str
    personal: tuple[tuple[str, int, int], ...]  # kind, start, end
    keep: tuple[str, ...]


@dataclass
class Score:
    """Counts per kind, and what went wrong, for reading."""

    labelled: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    removed: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    predicted: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    correct: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    kept: int = 0
    keeps: int = 0
    misses: list[tuple[str, str, str]] = field(default_factory=list)  # kind, piece, message
    false_alarms: list[tuple[str, str, str]] = field(default_factory=list)
    lost: list[tuple[str, str]] = field(default_factory=list)  # piece, redacted message

    def recall(self, kind: str) -> float | None:
        return self.removed[kind] / self.labelled[kind] if self.labelled[kind] else None

    def precision(self, kind: str) -> float | None:
        return self.correct[kind] / self.predicted[kind] if self.predicted[kind] else None


def labelled() -> list[Message]:
    """The labelled messages; a piece that is not found exactly once in its message is an error in the set."""
    data = yaml.safe_load(MESSAGES.read_text(encoding="utf-8"))
    messages = []
    for language, items in data.items():
        for item in items:
            text = item["text"]
            personal = []
            for kind, pieces in (item.get("personal") or {}).items():
                if kind not in KINDS:
                    raise ValueError(f"unknown kind {kind!r} in {text!r}")
                for piece in pieces:
                    if text.count(piece) != 1:
                        raise ValueError(f"{piece!r} must occur once in {text!r}")
                    start = text.index(piece)
                    personal.append((kind, start, start + len(piece)))
            messages.append(Message(language, text, tuple(personal), tuple(item.get("keep") or ())))
    return messages


def score(messages: list[Message]) -> Score:
    result = Score()
    for message in messages:
        found = find(message.text)
        for kind, start, end in message.personal:
            result.labelled[kind] += 1
            if _covered(start, end, found):
                result.removed[kind] += 1
            else:
                result.misses.append((kind, message.text[start:end], message.text))
        for item in found:
            result.predicted[item.kind] += 1
            if any(start < item.end and item.start < end for _, start, end in message.personal):
                result.correct[item.kind] += 1
            else:
                result.false_alarms.append((item.kind, message.text[item.start : item.end], message.text))
        redacted = redact(message.text)
        for piece in message.keep:
            result.keeps += 1
            if piece in redacted:
                result.kept += 1
            else:
                result.lost.append((piece, redacted))
    return result


def _covered(start: int, end: int, found: list[Found]) -> bool:
    """Whether every character of a labelled piece is inside something removed (of whatever kind)."""
    return all(any(item.start <= index < item.end for item in found) for index in range(start, end))


def eval_changes() -> tuple[int, list[tuple[str, str, str]]]:
    """How many evaluation turns there are, and each one that redaction changes: set, turn, redacted."""
    turns, changed = 0, []
    for path in EVAL_SETS:
        for case in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            for turn in case.get("turns", []):
                turns += 1
                if (redacted := redact(turn)) != turn:
                    changed.append((f"{path.parent.name}/{path.name} {case['id']}", turn, redacted))
    return turns, changed


def training_changes() -> tuple[int, list[tuple[str, str]]]:
    """The NLU training examples (written by others, with no personal data): how many, and each that changes."""
    examples, changed = 0, []
    for path in sorted(NLU.glob("**/*.yml")):
        for item in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu", []):
            for line in (item.get("examples") or "").splitlines():
                if not line.strip().startswith("- "):
                    continue
                examples += 1
                text = _ANNOTATION.sub(r"\1", line.strip()[2:])
                if (redacted := redact(text)) != text:
                    changed.append((text, redacted))
    return examples, changed


def timing(messages: list[Message]) -> tuple[float, float, float, int]:
    """Milliseconds: building the indexes (first call), a short message and a long one; the long one's length."""
    started = time.perf_counter()
    redact("Živim v Šmarjah 45.")  # the first call builds the indexes; the gateway pays it once
    first = (time.perf_counter() - started) * 1000
    long_message = " ".join(message.text for message in messages[:25])
    return first, _per_call(messages[0].text), _per_call(long_message), len(long_message)


def _per_call(text: str, batches: int = 5, repeat: int = 40) -> float:
    """The best of a few batches, as timeit does: on a shared machine the others only add noise."""
    best = float("inf")
    for _ in range(batches):
        started = time.perf_counter()
        for _ in range(repeat):
            redact(text)
        best = min(best, (time.perf_counter() - started) / repeat * 1000)
    return best


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def main() -> None:
    messages = labelled()
    first, short, long, length = timing(messages)
    result = score(messages)
    turns, changed = eval_changes()
    examples, training = training_changes()
    counts = {language: sum(1 for m in messages if m.language == language) for language in ("sl", "it")}
    text = "\n".join(
        [
            "# Privacy: what the gateway redacts",
            "",
            "Generated by `python -m tools.privacy_report` from the labelled messages of",
            f"`tests/privacy/messages.yml` ({counts['sl']} Slovenian, {counts['it']} Italian). Recall: the share of",
            "labelled pieces removed whole (by a marker of any kind); precision: the share of removed pieces that",
            "were personal data. Offline: nothing is downloaded, the indexes come from `knowledge/data/`.",
            "",
            "| kind | labelled | removed | recall | removed as this kind | of them right | precision |",
            "|---|---|---|---|---|---|---|",
            *[
                f"| {kind} | {result.labelled[kind]} | {result.removed[kind]} | {_percent(result.recall(kind))}"
                f" | {result.predicted[kind]} | {result.correct[kind]} | {_percent(result.precision(kind))} |"
                for kind in KINDS
            ],
            "",
            f"Pieces the assistant needs (places, counts, help lines, years) still there: {result.kept}/{result.keeps}.",
            "",
            f"Time per message ({platform.machine()}, Python {platform.python_version()}): {short:.3f} ms for a"
            f" short one, {long:.3f} ms for one of {length} characters; building the indexes on the first call"
            f" {first:.0f} ms (once per process).",
            "",
            f"The {examples} NLU training examples of `data/nlu/` (others' questions, none personal) that"
            f" redaction changes: {len(training)}.",
            *[f"- {text} → {redacted}" for text, redacted in training],
            "",
            "## Missed",
            "",
            "| kind | piece | message |",
            "|---|---|---|",
            *[f"| {kind} | {piece} | {message} |" for kind, piece, message in result.misses],
            "",
            "## Removed although not personal",
            "",
            "| kind | piece | message |",
            "|---|---|---|",
            *[f"| {kind} | {piece} | {message} |" for kind, piece, message in result.false_alarms],
            "",
            "## Needed, but lost",
            "",
            "| piece | redacted message |",
            "|---|---|",
            *[f"| {piece} | {redacted} |" for piece, redacted in result.lost],
            "",
            "## The evaluation sets after redaction",
            "",
            f"Every turn of `tests/eval/*.yml` and `../shared/eval/*.yml` ({turns} turns) goes through `redact`;"
            f" {len(changed)} change:",
            "",
            "| case | turn | redacted |",
            "|---|---|---|",
            *[f"| {case} | {turn} | {redacted} |" for case, turn, redacted in changed],
            "",
        ]
    )
    write_keeping_notes(REPORT, text, "## Choices")
    print(text)


if __name__ == "__main__":
    main()
