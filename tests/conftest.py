"""Shared fixtures: the real knowledge base, loaded once per test session. And the `slow` marker: a test
that starts the assistant, a real server (PostgreSQL, Redis), a browser or the trained model is slow, so
that `make quick` (`pytest -m "not slow"`) runs the pure-Python rest in seconds; `make test` runs all."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from knowledge import KnowledgeBase, load_knowledge_base
from knowledge.resolver import Resolver
from tests.deploy.servers import postgres


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge_base()


@pytest.fixture(scope="session")
def kb_it() -> KnowledgeBase:
    """The same facts with the Italian texts of knowledge/data/it/."""
    return load_knowledge_base(language="it")


@pytest.fixture(scope="session")
def resolver(kb: KnowledgeBase) -> Resolver:
    return Resolver(kb)


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A real PostgreSQL server, one for the whole test session."""
    with postgres() as database:
        yield database.url


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_tracker_store(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty tracker store's URL: SQLite in a new file, or the session's PostgreSQL with every table dropped."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'tracker.db'}"
    url = request.getfixturevalue("postgres_url")
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        for table in reversed(sa.inspect(engine).get_table_names()):
            connection.execute(sa.text(f'DROP TABLE IF EXISTS "{table}" CASCADE'))
    engine.dispose()
    return url


# Fixtures that start something: the whole assistant, a real database, a browser, the served staff area.
SLOW_FIXTURES = frozenset(
    ["assistant_stack", "guarded_stack", "postgres_url", "browser", "page", "blank_page", "staff_url", "model"]
)
# Modules that do so without such a fixture (the trained model loaded, servers started in the test). The
# tests of the Rasa patches (validator cache, the store Rasa builds, the version check) stay quick: Rasa is
# imported, nothing started; the tracker store on PostgreSQL is slow through its fixture.
SLOW_MODULES = frozenset(["deploy", "test_model.py"])
# Modules under those folders that start nothing (the Kubernetes manifests rendered in-process, the alert rules).
FAST_MODULES = frozenset(["test_k8s.py", "test_alerts.py"])


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: starts the assistant, a real server, a browser or the trained model")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        parts = set(Path(str(item.fspath)).parts)
        callspec = getattr(item, "callspec", None)  # parametrised tests: the staff tests' "postgresql" database
        uses_postgres = callspec is not None and "postgresql" in callspec.params.values()
        slow_module = bool(SLOW_MODULES & parts) and not FAST_MODULES & parts
        if SLOW_FIXTURES & set(item.fixturenames) or slow_module or uses_postgres:
            item.add_marker(pytest.mark.slow)
