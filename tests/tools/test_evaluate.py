"""The evaluation's file format, folding and judging, without a running assistant."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest

from tools.evaluate import Case, EvalFileError, judge, load_cases, post_politely, report


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "set.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_load_cases(tmp_path: Path) -> None:
    path = write(
        tmp_path, '- id: a\n  turns: ["Živjo", "Kaj pa Pivka?"]\n  must: ["\\\\bne\\\\b"]\n  must_not: ["x"]\n'
    )
    assert load_cases(path) == [Case("a", ("Živjo", "Kaj pa Pivka?"), (r"\bne\b",), ("x",))]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("id: a", "must be a YAML list"),
        ("- turns: [x]", "needs an `id`"),
        ("- id: a\n  turns: []", "non-empty list"),
        ("- id: a\n  turns: [x]\n  must: ['(']", "bad regex"),
        ("- id: a\n  turns: [x]\n- id: a\n  turns: [y]", "appears twice"),
    ],
)
def test_bad_files_are_refused_with_a_reason(tmp_path: Path, text: str, problem: str) -> None:
    with pytest.raises(EvalFileError, match=problem):
        load_cases(write(tmp_path, text))


def test_judge_folds_the_reply() -> None:
    case = Case("c", ("x",), must=("sezan", r"\bne\b"), must_not=("interventn",))
    assert judge(case, "Ne, ne pokriva Sežane.").passed
    failing = judge(case, "Da, pokriva Sežano in interventno …")
    assert failing.failures == [r"must /\bne\b/ not found", "must_not /interventn/ found"]


def test_empty_reply_fails_when_something_is_required() -> None:
    assert judge(Case("c", ("x",), must=(".",)), "").failures[0] == "empty reply"


def test_report_ends_with_the_accuracy_line() -> None:
    outcomes = [judge(Case("a", ("x",), must=("da",)), "Da"), judge(Case("b", ("y",), must=("da",)), "Ne")]
    lines = report(outcomes).splitlines()
    assert lines[0].startswith("FAIL b | y | 'ne' |")
    assert lines[-1] == "answer accuracy: 1/2 (50.0%)"


def test_a_refusal_of_the_gateway_is_waited_out_as_retry_after_asks() -> None:
    answers = iter([httpx.Response(429, headers={"Retry-After": "0"}), httpx.Response(503), httpx.Response(200)])
    sent: list[bytes] = []

    def gateway(request: httpx.Request) -> httpx.Response:
        sent.append(request.content)
        return next(answers)

    async def scenario() -> int:
        async with httpx.AsyncClient(transport=httpx.MockTransport(gateway)) as client:
            return (await post_politely(client, "http://gateway/api/chat", {"session": "s", "text": "x"})).status_code

    assert asyncio.run(scenario()) == 200 and len(sent) == 3 and len(set(sent)) == 1
