"""End-to-end evaluation: send every case of an evaluation file through the assistant's HTTP
interface and report answer accuracy (format: shared/eval/README.md).

    python -m tools.evaluate FILE [FILE …] [--held-out FILE …] [--min-accuracy 95] [--must-pass crisis]
                             [--answers STAFF_ANSWERS_FILE]

Goes through the gateway's chat API (POST /api/chat), as the web widget does. Uses the assistant
running at PORT when it answers; otherwise starts one on free loopback ports and stops it afterwards. Prints one line per failing case and, last, exactly
`answer accuracy: P/N (X%)`. Exits 0 whatever the accuracy unless --min-accuracy or --must-pass
is given and not met. A held-out set (never trained on, never tuned to) is reported on its own and held
to --must-pass only: a threshold on it would invite tuning to it. With --answers, the assistant is always
started here, on a database of its own (under var/), with that bulk file of staff answers published.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import sys
import tempfile
import uuid
from dataclasses import dataclass, field, replace
from pathlib import Path

import httpx
import yaml

from knowledge.text import fold
from runtime.endpoints import tracker_store_url
from runtime.settings import Settings
from runtime.stack import ROOT, assistant_running
from staff_answers.checks import publication_problems
from staff_answers.entries import BulkFileError, read_bulk
from staff_answers.store import AnswerStore, NotAllowed

CONCURRENT_CONVERSATIONS = 8


class EvalFileError(ValueError):
    """An evaluation file does not follow the format; the message names the file and case."""


@dataclass(frozen=True)
class Case:
    id: str
    turns: tuple[str, ...]
    must: tuple[str, ...] = ()
    must_not: tuple[str, ...] = ()


@dataclass
class Outcome:
    case: Case
    reply: str = ""
    failures: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.failures


def load_cases(path: Path) -> list[Case]:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise EvalFileError(f"{path}: cannot be read: {error}") from error
    if not isinstance(raw, list):
        raise EvalFileError(f"{path}: must be a YAML list of cases")
    cases, seen = [], set()
    for index, item in enumerate(raw):
        where = f"{path}: case {index + 1}"
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            raise EvalFileError(f"{where}: needs an `id`")
        if item["id"] in seen:
            raise EvalFileError(f"{where}: id {item['id']!r} appears twice")
        seen.add(item["id"])
        turns = item.get("turns")
        if not isinstance(turns, list) or not turns or not all(isinstance(t, str) for t in turns):
            raise EvalFileError(f"{where} ({item['id']}): `turns` must be a non-empty list of messages")
        checks = {}
        for key in ("must", "must_not"):
            patterns = item.get(key) or []
            if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
                raise EvalFileError(f"{where} ({item['id']}): `{key}` must be a list of regexes")
            for pattern in patterns:
                try:
                    re.compile(pattern)
                except re.error as error:
                    raise EvalFileError(f"{where} ({item['id']}): bad regex {pattern!r}: {error}") from error
            checks[key] = tuple(patterns)
        cases.append(Case(item["id"], tuple(turns), checks["must"], checks["must_not"]))
    return cases


def judge(case: Case, reply: str) -> Outcome:
    """Check the folded reply to the last turn against the case's regexes."""
    folded = fold(reply)
    outcome = Outcome(case, folded)
    if case.must and not folded.strip():
        outcome.failures.append("empty reply")
    outcome.failures += [f"must /{p}/ not found" for p in case.must if not re.search(p, folded)]
    outcome.failures += [f"must_not /{p}/ found" for p in case.must_not if re.search(p, folded)]
    return outcome


async def post_politely(client: httpx.AsyncClient, url: str, body: dict, tries: int = 30) -> httpx.Response:
    """POST, and when the gateway says 429 or 503 (its limits per address: all of this comes from one), wait
    as long as its Retry-After asks and send again."""
    for _ in range(tries - 1):
        response = await client.post(url, json=body)
        if response.status_code not in (429, 503):
            return response
        retry = response.headers.get("Retry-After", "1")
        await asyncio.sleep(min(60, int(retry)) if retry.isdigit() else 1)
    return await client.post(url, json=body)


async def run_case(client: httpx.AsyncClient, gateway_url: str, case: Case, limit: asyncio.Semaphore) -> Outcome:
    session = uuid.uuid4().hex  # every case starts a new conversation
    language = None  # as the widget does: the conversation's language from the last answer, sent back
    async with limit:
        try:
            for turn in case.turns:
                request = {"session": session, "text": turn} | ({"language": language} if language else {})
                response = await post_politely(client, f"{gateway_url}/api/chat", request)
                response.raise_for_status()
                messages = response.json()["messages"]
                language = response.json().get("language")
        except (httpx.HTTPError, ValueError, KeyError) as error:
            return Outcome(case, failures=[f"conversation error: {error!r}"])
    reply = "\n".join(m["text"] for m in messages if isinstance(m.get("text"), str))
    return judge(case, reply)


async def run_all(cases: list[Case], gateway_url: str, timeout: float) -> list[Outcome]:
    limit = asyncio.Semaphore(CONCURRENT_CONVERSATIONS)
    async with httpx.AsyncClient(timeout=timeout + 5) as client:
        return list(await asyncio.gather(*(run_case(client, gateway_url, case, limit) for case in cases)))


def accuracy(outcomes: list[Outcome]) -> float:
    return 100.0 * sum(o.passed for o in outcomes) / len(outcomes) if outcomes else 0.0


def report(outcomes: list[Outcome]) -> str:
    lines = [
        f"FAIL {o.case.id} | {o.case.turns[-1]} | {o.reply!r} | {'; '.join(o.failures)}"
        for o in outcomes
        if not o.passed
    ]
    passed = sum(o.passed for o in outcomes)
    lines.append(f"answer accuracy: {passed}/{len(outcomes)} ({accuracy(outcomes):.1f}%)")
    return "\n".join(lines)


def with_answers_published(settings: Settings, answers: Path) -> Settings:
    """Settings of an assistant on a new SQLite database under var/ in which `answers` is published."""
    (ROOT / "var").mkdir(exist_ok=True)
    data_dir = Path(tempfile.mkdtemp(prefix="eval-answers-", dir=ROOT / "var"))
    own = replace(settings, data_dir=str(data_dir), tracker_store_url="")
    store = AnswerStore(tracker_store_url(own, ROOT))
    try:
        store.import_entries(read_bulk(answers.read_text(encoding="utf-8"), str(answers)), "evaluation",
                             publish_as="evaluation", check=publication_problems)  # fmt: skip
    finally:
        store.close()
    return own


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--held-out", nargs="*", type=Path, default=[], help="sets reported apart, no threshold")
    parser.add_argument("--min-accuracy", type=float, help="exit 1 if a file's accuracy is below this (percent)")
    parser.add_argument("--must-pass", help="exit 1 if a case whose id matches this regex fails")
    parser.add_argument("--answers", type=Path, help="a bulk file of staff answers, published for this evaluation")
    args = parser.parse_args(argv)
    if not args.files and not args.held_out:
        parser.error("give at least one evaluation file")
    try:
        sets = {path: load_cases(path) for path in [*args.files, *args.held_out]}
    except EvalFileError as error:
        print(f"evaluation: {error}", file=sys.stderr)
        return 2
    # An assistant started here takes the whole evaluation from one address: its per-address limits are lifted.
    own = replace(Settings.from_env(), requests_per_minute_per_address=1_000_000, max_in_flight_per_address=1000)
    if args.answers:
        try:
            own = with_answers_published(own, args.answers)
        except (BulkFileError, NotAllowed, OSError) as error:
            print(f"evaluation: {args.answers}: {error}", file=sys.stderr)
            return 2
    with assistant_running(own, ROOT / "var" / "log" / "eval", fresh=bool(args.answers)) as settings:
        timeout = settings.rasa_timeout
        results = {path: asyncio.run(run_all(cases, settings.gateway_url, timeout)) for path, cases in sets.items()}
    problems = []
    for path, outcomes in results.items():
        held_out = path in args.held_out
        if len(results) > 1:
            print(f"== {path}{' (held out: never trained on, reported apart)' if held_out else ''}")
        print(report(outcomes), flush=True)
        if args.min_accuracy is not None and not held_out and outcomes and accuracy(outcomes) < args.min_accuracy:
            problems.append(f"{path}: accuracy {accuracy(outcomes):.1f}% is below {args.min_accuracy:.1f}%")
        if args.must_pass:
            problems += [
                f"{path}: {o.case.id} must pass"
                for o in outcomes
                if re.search(args.must_pass, o.case.id) and not o.passed
            ]
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
