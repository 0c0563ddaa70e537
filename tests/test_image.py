"""The image gets what runs and nothing that only develops or tests: the runtime lock (requirements.txt) and
not the dev lock, no tests/ or docs/. And the two locks agree: the dev lock is the runtime lock plus the
tools, with the same version of every package they share."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from runtime.role import ROOT

DEV_ONLY = {"playwright", "pytest", "ruff"}


def name(requirement: str) -> str:
    """PEP 503's normalised name: `pip freeze` may write RapidFuzz or rapidfuzz, typing_extensions or -."""
    return re.sub(r"[-_.]+", "-", re.split(r"[\[=<>!~;\s]", requirement, maxsplit=1)[0]).lower()


def pins(path: Path) -> dict[str, str]:
    """name → version of a file of `name==version` lines (comments, options and `-r` lines skipped)."""
    found: dict[str, str] = {}
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            requirement, _, version = line.partition("==")
            assert version, f"{path.name}: {line!r} is not pinned with =="
            found[name(requirement)] = version.split(";")[0].strip()
    return found


RUNTIME_LOCK = pins(ROOT / "requirements.txt")
DEV_LOCK = pins(ROOT / "requirements-dev.txt")


def test_every_runtime_pin_is_in_the_dev_lock_at_the_same_version() -> None:
    assert {package: DEV_LOCK.get(package) for package in RUNTIME_LOCK} == RUNTIME_LOCK


def test_the_runtime_lock_holds_no_development_tool() -> None:
    assert set(DEV_LOCK) >= DEV_ONLY
    assert not DEV_ONLY & set(RUNTIME_LOCK)


@pytest.mark.parametrize(("wanted", "lock"), [("requirements.in", RUNTIME_LOCK), ("requirements-dev.in", DEV_LOCK)])
def test_each_lock_pins_what_its_in_file_asks_for(wanted: str, lock: dict[str, str]) -> None:
    asked = pins(ROOT / wanted)
    assert {package: lock.get(package) for package in asked} == asked


def test_the_dev_requirements_build_on_the_runtime_ones() -> None:
    assert "-r requirements.in" in (ROOT / "requirements-dev.in").read_text().splitlines()


def test_the_image_installs_the_runtime_lock_only() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    installs = re.findall(r"pip install (?:[^&\n]* )?-r (\S+)", dockerfile)
    assert installs == ["requirements.txt"]
    assert "requirements-dev" not in dockerfile


def docker_ignores(path: str, patterns: list[str]) -> bool:
    """Docker's .dockerignore rules: a pattern excludes the path or a folder above it, `!` takes it back,
    the last matching line wins; `*` stays within a folder, `**` crosses folders."""
    ignored = False
    parts = path.split("/")
    for pattern in patterns:
        negated = pattern.startswith("!")
        glob = pattern.lstrip("!").strip("/")
        regex = "".join(
            ".*" if token == "**" else "[^/]*" if token == "*" else "[^/]" if token == "?" else re.escape(token)
            for token in re.findall(r"\*\*|\*|\?|[^*?]+", glob)
        )
        if any(re.fullmatch(regex, "/".join(parts[:end])) for end in range(1, len(parts) + 1)):
            ignored = not negated
    return ignored


def test_dockerignore_keeps_development_files_out_and_what_the_build_needs_in() -> None:
    lines = (ROOT / ".dockerignore").read_text().splitlines()
    patterns = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    kept_out = ["tests/conftest.py", "tests/deploy/test_compose.py", "docs/deploy.md", "tools/bench.py",
                "tools/widget_screenshot.py", "requirements-dev.txt", "requirements-dev.in", ".env", ".git/HEAD",
                ".venv/bin/python", "models/csd.tar.gz", "bot/__pycache__/web.cpython-310.pyc",
                ".rasa/cache/cache.db", ".pytest_cache/v/cache/nodeids", ".ruff_cache/CACHEDIR.TAG",
                "sl_csd_pipeline/sl_csd_pipeline.egg-info/PKG-INFO", ".venv-k8s/bin/python",
                "backups/pomocnik-20261207T024700Z.pgdump",
                "data/nlu/generated.yml"]  # fmt: skip
    needed = ["requirements.txt", "runtime/role.py", "runtime/stack.py", "bot/web.py", "bot/static/widget.js",
              "actions/actions.py", "replies/sl.py", "storage/tables.py", "knowledge/data/centre.yml",
              "data/nlu/it/crisis.yml", "config.yml", "domain.yml", "credentials.yml", "sl_csd_pipeline/pyproject.toml",
              "tools/__init__.py", "tools/generate_nlu.py"]  # fmt: skip
    assert [path for path in kept_out if not docker_ignores(path, patterns)] == []
    assert [path for path in needed if docker_ignores(path, patterns)] == []
