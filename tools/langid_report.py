"""Measure offline language identification on short chat messages and write docs/language-identification.md.

    python -m tools.langid_report

On the labelled messages of tests/language/messages.yml (Slovenian, Croatian, Italian, English, and messages too
short to tell), apart for the part the guesser was tuned on and the part held out: the confusion table of the
gateway's guesser (knowledge/language.py) and of py3langid restricted to the four languages, whose model ships
inside its package. Then, on the project's own sentences (the NLU examples and the evaluation turns), how many
of each language the guesser takes for another. Cyrillic is transliterated first, as the gateway does.
"""

from __future__ import annotations

import platform
import re
import resource
import time
from collections import Counter
from collections.abc import Callable

import yaml
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from knowledge import load_knowledge_base
from knowledge.language import LanguageGuesser
from knowledge.text import latin
from runtime.role import ROOT
from tools.reports import write_keeping_notes

MESSAGES = ROOT / "tests" / "language" / "messages.yml"
REPORT = ROOT / "docs" / "language-identification.md"
LANGUAGES = ("sl", "hr", "it", "en")
SHORT = "short"  # the messages too short to tell: the right guess is None
PARTS = {"tuning": "the part the guesser was tuned on", "held_out": "the held-out part, never tuned on"}
NAMES = {"sl": "Slovenian", "hr": "Croatian", "it": "Italian", "en": "English"}


def labelled(part: str) -> list[tuple[str, str]]:
    """(label, message) of one part of the labelled set; the label is a language code or "short"."""
    data = yaml.safe_load(MESSAGES.read_text(encoding="utf-8"))[part]
    return [(label, text) for label in (*LANGUAGES, SHORT) for text in data.get(label, [])]


def _nlu_examples(folder_files: list) -> list[str]:
    examples = []
    for path in folder_files:
        if path.name == "generated.yml":  # lookup tables of names, no sentences
            continue
        for item in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu", []):
            if "intent" in item:
                examples += [line.strip()[2:] for line in item["examples"].splitlines() if line.strip()]
    return examples


def _evaluation_turns(language: str) -> list[str]:
    """The turns of tests/eval/*.yml in `language`: a set's language is in its name ("heldout_it_2"), else
    Slovenian, and a case of another language in a mixed set says so in its id ("hs-posvojitev-it-1")."""
    turns = []
    for path in sorted((ROOT / "tests" / "eval").glob("*.yml")):
        named = re.search(r"_(it|en|hr)(_\d+)?$", path.stem)
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            own = re.search(r"-(it|en|hr)(-|$)", case["id"])
            if (own or named or _SLOVENIAN).group(1) == language:
                turns += case["turns"]
    return turns


_SLOVENIAN = re.match("(sl)", "sl")


def project_sentences() -> dict[str, list[str]]:
    """The project's sentences by language: the Slovenian examples of data/nlu/*.yml and the Slovenian turns of
    tests/eval (the ones the guesser must never take for Croatian), the examples of data/nlu/<language>/.
    Evaluation turns of other languages are left out: their conversations switch languages on purpose."""
    nlu = ROOT / "data" / "nlu"
    found = {"sl": _nlu_examples(sorted(nlu.glob("*.yml"))) + _evaluation_turns("sl")}
    for code in LANGUAGES[1:]:
        examples = _nlu_examples(sorted((nlu / code).glob("*.yml")))
        if examples:
            found[code] = examples
    return found


def identifiers() -> dict[str, Callable[[str], str | None]]:
    """Each method as a function from a message to a language code, or None for "too short to tell"."""
    guesser = LanguageGuesser(load_knowledge_base())
    four = LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)
    four.set_languages(list(LANGUAGES))
    return {
        "the gateway's guesser": lambda text: guesser.guess(latin(text)),
        "py3langid, restricted to sl, hr, it, en": lambda text: four.classify(latin(text))[0],
    }


def confusion(identify: Callable[[str], str | None], cases: list[tuple[str, str]]) -> Counter:
    """(label, guess) → how many messages."""
    return Counter((label, identify(text)) for label, text in cases)


def table(counts: Counter) -> list[str]:
    columns = [*LANGUAGES, None]
    rows = ["| true ↓ guessed → | sl | hr | it | en | None | right |", "|---|---|---|---|---|---|---|"]
    for label in (*LANGUAGES, SHORT):
        cells = [counts[(label, column)] for column in columns]
        total = sum(cells)
        if not total:
            continue
        right = counts[(label, None if label == SHORT else label)]
        expected = None if label == SHORT else label
        shown = [
            f"**{cell}**" if column == expected else str(cell) for cell, column in zip(cells, columns, strict=True)
        ]
        rows.append(f"| {label} | {' | '.join(shown)} | {right}/{total} |")
    return rows


def right_share(counts: Counter) -> tuple[int, int]:
    right = sum(n for (label, guess), n in counts.items() if guess == (None if label == SHORT else label))
    return right, sum(counts.values())


def project_lines(guess: Callable[[str], str | None]) -> list[str]:
    lines = []
    for code, sentences in project_sentences().items():
        guesses = Counter(guess(sentence) for sentence in sentences)
        if code == "sl":
            lines.append(
                f"- Slovenian sentences of the project taken for Croatian: **{guesses['hr']} of {len(sentences)}**"
            )
        wrong = [other for other in LANGUAGES if other != code]
        lines.append(
            f"- {NAMES[code]} sentences of the project taken for another language:"
            f" **{sum(guesses[other] for other in wrong)} of {len(sentences)}**"
            f" ({', '.join(f'{NAMES[other]} {guesses[other]}' for other in wrong)});"
            f" {NAMES[code]} {guesses[code]}, too short to tell {guesses[None]}"
        )
    return lines


def main() -> None:
    methods = identifiers()
    sections, misses = [], []
    for part, description in PARTS.items():
        cases = labelled(part)
        sections += [f"## {part.replace('_', '-').capitalize()}: {description} ({len(cases)} messages)", ""]
        for name, identify in methods.items():
            started = time.perf_counter()
            counts = confusion(identify, cases)
            per_message = (time.perf_counter() - started) / len(cases) * 1000
            right, total = right_share(counts)
            sections += [f"**{name}**: {right}/{total} right, {per_message:.2f} ms a message", "", *table(counts), ""]
        guesser = methods["the gateway's guesser"]
        misses += [
            f"| {part} | {label} | {guess} | {text} |"
            for label, text in cases
            if (guess := guesser(text)) != (None if label == SHORT else label)
        ]
    memory = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    guesser = methods["the gateway's guesser"]
    long_message = " ".join(["ali interventna služba pokriva tudi Izolo, kje ste?"] * 80)[:4000]
    started = time.perf_counter()
    for _ in range(20):
        guesser(long_message)
    long_ms = (time.perf_counter() - started) / 20 * 1000
    text = "\n".join(
        [
            "# Language identification",
            "",
            "Generated by `python -m tools.langid_report` on the labelled short messages of",
            "`tests/language/messages.yml`, offline (py3langid 0.2.2 ships its model in its package). Rows are",
            "the true language (`short`: too short to tell, where the right guess is None, the conversation's",
            "language); columns the guess. py3langid always names a language, so its None column is empty.",
            f"Machine: {platform.machine()}, {platform.system()}, Python {platform.python_version()};"
            f" this process peaked at {memory} MB with the knowledge base and both identifiers loaded."
            f" The guesser takes {long_ms:.1f} ms on a message of 4,000 characters.",
            "",
            *sections,
            "## The project's own sentences",
            "",
            "The Slovenian examples of `data/nlu/*.yml` and the Slovenian turns of `tests/eval/*.yml`; the examples of",
            "`data/nlu/<language>/` for the other languages.",
            "",
            *project_lines(guesser),
            "",
            "## Misses of the guesser",
            "",
            "| part | true | guessed | message |",
            "|---|---|---|---|",
            *misses,
            "",
        ]
    )
    write_keeping_notes(REPORT, text, "## What follows")
    print(text)


if __name__ == "__main__":
    main()
