"""Intent accuracy by language: does each other language's data teach it without costing Slovenian?

    python -m tools.nlu_languages [--folds 3]

The other languages are the folders of data/nlu/ (data/nlu/it/, data/nlu/en/, …), each with a held-out set
tests/nlu/<language's English name>_heldout.yml (italian_heldout.yml, english_heldout.yml), never trained on.

1. Slovenian: the examples of data/nlu/*.yml are split into folds (by intent, fixed seed). For each fold
   two models are trained with config.yml, one on the other Slovenian folds alone and one on them plus all
   the other languages' data, and both parse the same held-out Slovenian fold.
2. Each other language: its held-out set is parsed by a model trained on all the data of every language,
   and by one trained on the Slovenian alone.

Every model also gets the generated lookup tables and regexes (data/nlu/generated.yml: `make generate`).
Writes docs/nlu-languages.md: per measure the share whose top intent is right ("top"), the share answered
right with the FallbackClassifier in place ("answered": a fallback counts as wrong) and how many danger
messages are recognised as crisis; then the Italian mistakes. About ten minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import platform
import random
import subprocess
import sys
import tempfile
from pathlib import Path

import structlog
import yaml

from tools.reports import write_keeping_notes

ROOT = Path(__file__).resolve().parent.parent
NLU = ROOT / "data" / "nlu"
GENERATED = NLU / "generated.yml"
HELD_OUT_DIR = ROOT / "tests" / "nlu"
REPORT = ROOT / "docs" / "nlu-languages.md"
SEED = 7

Examples = list[tuple[str, str]]  # (text, intent)


def read(paths: list[Path]) -> Examples:
    found = []
    for path in paths:
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            if "intent" in item:
                for line in item["examples"].splitlines():
                    if line.strip():
                        found.append((line.strip().removeprefix("- "), item["intent"]))
    return found


def slovenian() -> Examples:
    return read([p for p in sorted(NLU.glob("*.yml")) if p != GENERATED])


def other_languages() -> list[str]:
    """The codes of the languages with a folder of their own under data/nlu/ ("it", "en", …)."""
    return sorted(path.name for path in NLU.iterdir() if path.is_dir() and any(path.glob("*.yml")))


def language_name(code: str) -> str:
    """ "Italian", "English": the language's name in English, as the reports and held-out files name it."""
    from babel import Locale

    return Locale("en").languages[code]


def examples_of(code: str) -> Examples:
    return read(sorted((NLU / code).glob("*.yml")))


def held_out_file(code: str) -> Path:
    return HELD_OUT_DIR / f"{language_name(code).lower()}_heldout.yml"


def folds(examples: Examples, count: int) -> list[Examples]:
    """`count` folds with each intent's examples spread evenly over them."""
    by_intent: dict[str, list[str]] = {}
    for text, intent in examples:
        by_intent.setdefault(intent, []).append(text)
    parts: list[Examples] = [[] for _ in range(count)]
    rng = random.Random(SEED)
    for intent, texts in sorted(by_intent.items()):
        texts = sorted(texts)
        rng.shuffle(texts)
        for index, text in enumerate(texts):
            parts[index % count].append((text, intent))
    return parts


def write_nlu(examples: Examples, folder: Path) -> Path:
    folder.mkdir(parents=True)
    by_intent: dict[str, list[str]] = {}
    for text, intent in examples:
        by_intent.setdefault(intent, []).append(text)
    blocks = [{"intent": i, "examples": "".join(f"- {t}\n" for t in texts)} for i, texts in by_intent.items()]
    (folder / "examples.yml").write_text(yaml.safe_dump({"version": "3.1", "nlu": blocks}, allow_unicode=True))
    (folder / "generated.yml").write_text(GENERATED.read_text(encoding="utf-8"), encoding="utf-8")
    return folder


def train(examples: Examples, work: Path, name: str) -> Path:
    data = write_nlu(examples, work / f"data-{name}")
    command = [sys.executable, "-m", "rasa", "train", "nlu", "--config", "config.yml", "--domain", "domain.yml",
               "--nlu", str(data), "--out", str(work), "--fixed-model-name", name, "--quiet"]  # fmt: skip
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "RASA_TELEMETRY_ENABLED": "false"}
    subprocess.run(command, cwd=ROOT, check=True, env=env, stdout=subprocess.DEVNULL)
    print(f"  trained {name}", flush=True)
    return work / f"{name}.tar.gz"


def parse_all(model: Path, examples: Examples) -> list[tuple[str, str, str, str]]:
    """(text, true intent, top intent without the fallback, answered intent) for every example."""
    from rasa.core.agent import Agent

    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.INFO))  # no debug per parse
    agent = Agent.load(str(model))

    async def run() -> list[tuple[str, str, str, str]]:
        rows = []
        for text, intent in examples:
            result = await agent.parse_message(text)
            ranking = [r["name"] for r in result.get("intent_ranking", []) if r["name"] != "nlu_fallback"]
            rows.append((text, intent, ranking[0] if ranking else "", result["intent"]["name"]))
        return rows

    return asyncio.run(run())


def score(rows: list[tuple[str, str, str, str]]) -> str:
    """A table row's cells: top intent right, answered right, danger recognised as crisis."""
    top = sum(true == predicted for _, true, predicted, _ in rows)
    answered = sum(true == final for _, true, _, final in rows)
    danger = [final for _, true, _, final in rows if true == "crisis"]
    n = len(rows)
    crisis = f"{danger.count('crisis')}/{len(danger)}"
    return f"{top}/{n} ({top / n:.1%}) | {answered}/{n} ({answered / n:.1%}) | {crisis}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=3)
    count = parser.parse_args().folds
    codes = other_languages()
    sl = slovenian()
    others = {code: examples_of(code) for code in codes}
    held_out = {code: read([held_out_file(code)]) for code in codes if held_out_file(code).exists()}
    every_other = [example for code in codes for example in others[code]]
    names = {code: language_name(code) for code in codes}
    print(
        f"{len(sl)} Slovenian examples; "
        + ", ".join(f"{len(others[c])} {names[c]} ({len(held_out.get(c, []))} held out)" for c in codes),
        flush=True,
    )
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        parts = folds(sl, count)
        without, with_others = [], []
        for index, test in enumerate(parts):
            rest = [e for j, part in enumerate(parts) if j != index for e in part]
            without += parse_all(train(rest, work, f"sl-fold{index}"), test)
            with_others += parse_all(train(rest + every_other, work, f"all-fold{index}"), test)
        full_sl = train(sl, work, "sl-all")
        full_all = train(sl + every_other, work, "all")
        results = {code: (parse_all(full_sl, rows), parse_all(full_all, rows)) for code, rows in held_out.items()}
    gained = sum(a[2] != a[1] and b[2] == b[1] for a, b in zip(without, with_others, strict=True))
    lost = sum(a[2] == a[1] and b[2] != b[1] for a, b in zip(without, with_others, strict=True))
    listed = ", ".join(names[c] for c in codes)
    everything = " + ".join(["Slovenian", *(names[c] for c in codes)])
    lines = [
        "# Intent accuracy by language",
        "",
        f"Generated by `python -m tools.nlu_languages`: one model with the same intents for Slovenian, {listed}",
        "(config.yml). Top: the top intent is right. Answered: right with the FallbackClassifier in",
        "place (a fallback counts as wrong). Crisis: danger messages answered as crisis.",
        f"Machine: {platform.machine()}, {platform.system()}, Python {platform.python_version()}.",
        "",
        f"## Slovenian: {count}-fold cross-validation of data/nlu/*.yml ({len(sl)} examples)",
        "",
        "Each fold is parsed by a model trained on the other Slovenian folds, without and with the",
        f"{len(every_other)} examples of " + ", ".join(f"data/nlu/{c}/ ({len(others[c])})" for c in codes) + ".",
        "",
        "| trained on | top | answered | crisis |",
        "|---|---|---|---|",
        f"| Slovenian | {score(without)} |",
        f"| {everything} | {score(with_others)} |",
        "",
        f"With the other languages' data {gained} Slovenian examples became right (top intent), {lost} became wrong.",
    ]
    for code, (alone, together) in results.items():
        name, path = names[code], held_file_name(code)
        lines += [
            "",
            f"## {name}: {len(held_out[code])} held-out messages ({path})",
            "",
            "Never trained on; parsed by models trained on all the data named.",
            "",
            "| trained on | top | answered | crisis |",
            "|---|---|---|---|",
            f"| Slovenian | {score(alone)} |",
            f"| {everything} | {score(together)} |",
            "",
            f"### {name} mistakes of the model of every language",
            "",
            "| message | intent | top intent | answered |",
            "|---|---|---|---|",
            *(f"| {text} | {true} | {top} | {final} |" for text, true, top, final in together if true != final),
        ]
    text = "\n".join([*lines, ""])
    write_keeping_notes(REPORT, text, "## Notes")
    print(text)


def held_file_name(code: str) -> str:
    return str(held_out_file(code).relative_to(ROOT))


if __name__ == "__main__":
    main()
