"""Intent accuracy by language: does the Italian data teach Italian without costing Slovenian?

    python -m tools.nlu_languages [--folds 3]

1. Slovenian: the examples of data/nlu/*.yml are split into folds (by intent, fixed seed). For each fold
   two models are trained with config.yml, one on the other Slovenian folds alone and one on them plus all
   of data/nlu/it/, and both parse the same held-out Slovenian fold.
2. Italian: tests/nlu/italian_heldout.yml (never trained on) is parsed by a model trained on all of the
   Slovenian and Italian data, and by one trained on the Slovenian alone.

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
ITALIAN_HELD_OUT = ROOT / "tests" / "nlu" / "italian_heldout.yml"
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


def italian() -> Examples:
    return read(sorted((NLU / "it").glob("*.yml")))


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
    sl, it, held_out = slovenian(), italian(), read([ITALIAN_HELD_OUT])
    print(f"{len(sl)} Slovenian examples, {len(it)} Italian, {len(held_out)} Italian held out", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        parts = folds(sl, count)
        without, with_it = [], []
        for index, test in enumerate(parts):
            rest = [e for j, part in enumerate(parts) if j != index for e in part]
            without += parse_all(train(rest, work, f"sl-fold{index}"), test)
            with_it += parse_all(train(rest + it, work, f"slit-fold{index}"), test)
        full_sl = train(sl, work, "sl-all")
        full_both = train(sl + it, work, "slit-all")
        it_without = parse_all(full_sl, held_out)
        it_with = parse_all(full_both, held_out)
    gained = sum(a[2] != a[1] and b[2] == b[1] for a, b in zip(without, with_it, strict=True))
    lost = sum(a[2] == a[1] and b[2] != b[1] for a, b in zip(without, with_it, strict=True))
    mistakes = [f"| {text} | {true} | {top} | {final} |" for text, true, top, final in it_with if true != final]
    text = "\n".join(
        [
            "# Intent accuracy by language",
            "",
            "Generated by `python -m tools.nlu_languages`: one model with the same intents for Slovenian and",
            "Italian (config.yml). Top: the top intent is right. Answered: right with the FallbackClassifier in",
            "place (a fallback counts as wrong). Crisis: danger messages answered as crisis.",
            f"Machine: {platform.machine()}, {platform.system()}, Python {platform.python_version()}.",
            "",
            f"## Slovenian: {count}-fold cross-validation of data/nlu/*.yml ({len(sl)} examples)",
            "",
            "Each fold is parsed by a model trained on the other Slovenian folds, without and with the",
            f"{len(it)} Italian examples of data/nlu/it/.",
            "",
            "| trained on | top | answered | crisis |",
            "|---|---|---|---|",
            f"| Slovenian | {score(without)} |",
            f"| Slovenian + Italian | {score(with_it)} |",
            "",
            f"With the Italian data {gained} Slovenian examples became right (top intent), {lost} became wrong.",
            "",
            f"## Italian: {len(held_out)} held-out messages ({ITALIAN_HELD_OUT.relative_to(ROOT)})",
            "",
            "Never trained on; parsed by models trained on all the data named.",
            "",
            "| trained on | top | answered | crisis |",
            "|---|---|---|---|",
            f"| Slovenian | {score(it_without)} |",
            f"| Slovenian + Italian | {score(it_with)} |",
            "",
            "### Italian mistakes of the model of both languages",
            "",
            "| message | intent | top intent | answered |",
            "|---|---|---|---|",
            *mistakes,
            "",
        ]
    )
    write_keeping_notes(REPORT, text, "## Notes")
    print(text)


if __name__ == "__main__":
    main()
