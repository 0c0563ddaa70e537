"""Shared fixtures: the real knowledge base, loaded once per test session."""

from __future__ import annotations

import pytest

from knowledge import KnowledgeBase, load_knowledge_base
from knowledge.resolver import Resolver


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
