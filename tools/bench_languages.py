"""NLU parse time by language: the trained model against one trained on the languages served before English and
Croatian (Slovenian and Italian), in the same run and the same process, the two parsing in turn.

    python -m tools.bench_languages      (make bench runs it too, after tools.bench)

Trains the reference NLU model in a temporary folder (about a minute on 2 cores) from data/nlu/*.yml and
data/nlu/it/, loads both with Rasa's Agent, and parses the sentences of each language alternately with each
model, so that both see the same load of the shared machine. Prints a table and returns it for
docs/performance.md.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from replies.languages import SERVED
from runtime.role import ROOT

MODEL = ROOT / "models" / "csd.tar.gz"
NLU = ROOT / "data" / "nlu"
# The languages the assistant answered in before English and Croatian: the reference model is trained on them.
BEFORE = ("sl", "it")
ROUNDS = 40
# Sentences of the same shapes in every language: a task's municipalities, a follow-up naming a place, what is
# done for a municipality, a life described.
SENTENCES = {
    "sl": ["Katere občine pokriva interventna služba?", "kaj pa sezana", "Kaj izvajate za Pivko?",
           "mama ne zmore več sama doma"],
    "it": ["Quali comuni copre l'assistenza domiciliare?", "e Postumia?", "Cosa fate per il comune di Pivka?",
           "mia madre non ce la fa più da sola"],
    "en": ["Which municipalities does home help cover?", "what about Postojna?", "What do you do for Pivka?",
           "my mum can't manage on her own anymore"],
    "hr": ["Koje općine pokriva interventna služba?", "a Sežana?", "Što radite za Pivku?",
           "mama više ne može sama kod kuće"],
}  # fmt: skip


@dataclass
class LanguageParse:
    language: str
    p50_now: float  # ms, the trained model
    p50_before: float | None  # ms, the model of BEFORE; None for a language it was not trained on


def train_reference(folder: Path) -> Path:
    """An NLU model trained on the Slovenian and Italian examples only, with the same config."""
    data = folder / "nlu"
    data.mkdir(parents=True)
    for path in sorted(NLU.glob("*.yml")):
        shutil.copy(path, data / path.name)
    for language in BEFORE[1:]:
        shutil.copytree(NLU / language, data / language)
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "RASA_TELEMETRY_ENABLED": "false"}
    subprocess.run([sys.executable, "-m", "rasa", "train", "nlu", "--nlu", str(data), "--config", str(ROOT / "config.yml"),
                    "--out", str(folder), "--fixed-model-name", "before"], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    return folder / "before.tar.gz"


async def _parse_times(now: object, before: object) -> list[LanguageParse]:
    times: dict[tuple[str, str], list[float]] = {}
    for _ in range(ROUNDS):
        for language in SERVED:
            for text in SENTENCES.get(language, []):
                for name, agent in (("now", now), ("before", before)):
                    if name == "before" and language not in BEFORE:
                        continue
                    started = time.perf_counter()
                    await agent.parse_message(text)  # type: ignore[attr-defined]
                    times.setdefault((language, name), []).append(time.perf_counter() - started)

    def p50(language: str, name: str) -> float | None:
        found = times.get((language, name))
        return statistics.median(found) * 1000 if found else None

    return [
        LanguageParse(language, p50(language, "now") or 0.0, p50(language, "before"))
        for language in SERVED
        if language in SENTENCES
    ]


def measure() -> list[LanguageParse]:
    from rasa.core.agent import Agent  # heavy: only when measuring

    with tempfile.TemporaryDirectory(prefix="csd-bench-languages-") as temporary:
        reference = train_reference(Path(temporary))
        now, before = Agent.load(str(MODEL)), Agent.load(str(reference))
        return asyncio.run(_parse_times(now, before))


def report(parses: list[LanguageParse]) -> str:
    rows = [
        "| language | NLU parse p50, this model | trained on Slovenian and Italian only | ratio |",
        "|---|---|---|---|",
    ]
    for parse in parses:
        before = f"{parse.p50_before:.1f} ms" if parse.p50_before is not None else "–"
        ratio = f"{parse.p50_now / parse.p50_before:.2f}×" if parse.p50_before else "–"
        rows.append(f"| {parse.language} | {parse.p50_now:.1f} ms | {before} | {ratio} |")
    return "\n".join(rows)


def main() -> None:
    print(report(measure()))


if __name__ == "__main__":
    main()
