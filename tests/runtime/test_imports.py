"""The arrows run one way: the gateway, the replies and the runtime's shared modules load no Rasa, no
action server code and no developer tools; the action server loads no gateway code."""

from __future__ import annotations

import subprocess
import sys

import pytest

from runtime.role import ROOT


def loaded_packages(*modules: str) -> set[str]:
    """The top-level packages a fresh interpreter has loaded after importing `modules`."""
    code = f"import sys\nimport {', '.join(modules)}\nprint(' '.join({{m.split('.')[0] for m in sys.modules}}))"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return set(result.stdout.split())


@pytest.mark.parametrize(
    ("modules", "forbidden"),
    [
        (["bot.__main__", "bot.staff.routes"], {"rasa", "rasa_sdk", "actions", "tools", "tensorflow"}),
        (
            ["replies.languages", "replies.sl", "replies.it", "replies.buttons"],
            {"rasa", "rasa_sdk", "actions", "bot", "tools"},
        ),
        (
            ["runtime.settings", "runtime.role", "runtime.stack", "runtime.healthcheck", "runtime.retention"],
            {"rasa", "rasa_sdk", "actions", "tools", "tensorflow"},
        ),
        # Backups copy the whole database: they need no table of the gateway's (no `runtime` → `bot`).
        (["runtime.backup"], {"bot", "rasa", "rasa_sdk", "actions", "tools", "tensorflow"}),
        (["actions.actions"], {"bot", "tools", "rasa", "tensorflow"}),
    ],
)
def test_what_a_process_imports(modules: list[str], forbidden: set[str]) -> None:
    assert loaded_packages(*modules) & forbidden == set()
