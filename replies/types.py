"""What an answer is, for every process: text and quick-reply buttons, as plain data."""

from __future__ import annotations

import json
from dataclasses import dataclass


@dataclass(frozen=True)
class Button:
    title: str
    payload: str


@dataclass(frozen=True)
class Reply:
    text: str
    buttons: tuple[Button, ...] = ()


def payload(intent: str, **entities: str) -> str:
    """A quick-reply payload in Rasa's "/intent{...}" form; it works typed as well as pressed."""
    return f"/{intent}{json.dumps(entities, ensure_ascii=False)}" if entities else f"/{intent}"
