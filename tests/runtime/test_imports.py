"""The arrows run one way: `bot` → `runtime` → `storage`, never back. The gateway, the replies and the runtime's
shared modules load no Rasa, no action server code and no developer tools; no module of `runtime` loads the
gateway; `storage` (the tables, declared once) loads nothing of the assistant's; the public side (the chat
API, Telegram, the feedback) loads no staff area; the action server loads no gateway code."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

from runtime.role import ROOT


def loaded_modules(*modules: str) -> set[str]:
    """The modules a fresh interpreter has loaded after importing `modules`."""
    code = f"import sys\nimport {', '.join(modules)}\nprint(' '.join(sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return set(result.stdout.split())


def loaded_packages(*modules: str) -> set[str]:
    """The top-level packages a fresh interpreter has loaded after importing `modules`."""
    return {name.split(".")[0] for name in loaded_modules(*modules)}


def every_module(package: str) -> list[str]:
    return sorted(f"{package}.{module.name}" for module in pkgutil.iter_modules([str(ROOT / package)]))


@pytest.mark.parametrize(
    ("modules", "forbidden"),
    [
        (["bot.__main__", "bot.staff.routes"], {"rasa", "rasa_sdk", "actions", "tools", "tensorflow"}),
        (
            ["replies.languages", "replies.answers", "replies.buttons"],
            {"rasa", "rasa_sdk", "actions", "bot", "tools"},
        ),
        (
            ["runtime.settings", "runtime.role", "runtime.stack", "runtime.healthcheck", "runtime.retention"],
            {"rasa", "rasa_sdk", "actions", "tools", "tensorflow"},
        ),
        # Every module of runtime, Rasa's process too: none loads the gateway (`runtime` → `bot`).
        (every_module("runtime"), {"bot", "actions", "tools"}),
        # Backups copy the whole database: they need no table of the gateway's.
        (["runtime.backup"], {"bot", "rasa", "rasa_sdk", "actions", "tools", "tensorflow"}),
        # What every side imports to name the tables imports none of them.
        (
            every_module("storage"),
            {"bot", "runtime", "staff_answers", "actions", "replies", "knowledge", "tools", "rasa", "rasa_sdk"},
        ),
        (["actions.actions"], {"bot", "tools", "rasa", "tensorflow"}),
    ],
)
def test_what_a_process_imports(modules: list[str], forbidden: set[str]) -> None:
    assert loaded_packages(*modules) & forbidden == set()


def test_the_public_side_loads_no_staff_area() -> None:
    """The chat API, Telegram and the feedback they store load the staff area only where it is on."""
    loaded = loaded_modules("bot.feedback", "bot.conversation", "bot.web", "bot.telegram_bot")
    assert {name for name in loaded if name == "bot.staff" or name.startswith("bot.staff.")} == set()
