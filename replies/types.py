"""What an answer is, for every process: text and quick-reply buttons, as plain data."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Button:
    title: str
    payload: str


@dataclass(frozen=True)
class Reply:
    text: str
    buttons: tuple[Button, ...] = ()


_PAYLOAD = re.compile(r"/([a-z_]+)(\{.*\})?", re.DOTALL)


def payload(intent: str, **entities: str) -> str:
    """A quick-reply payload in Rasa's "/intent{...}" form, which the gateway sends on only from a button."""
    return f"/{intent}{json.dumps(entities, ensure_ascii=False)}" if entities else f"/{intent}"


def payload_key(text: str) -> tuple[str, str] | None:
    """What a payload says, however it is spaced and ordered ('{"language":"it"}' from the widget's JSON):
    (intent, its entities as sorted JSON); None when `text` is no "/intent" or "/intent{…}"."""
    match = _PAYLOAD.fullmatch(text)
    if match is None:
        return None
    try:
        entities = json.loads(match.group(2) or "{}")
    except (ValueError, RecursionError):
        return None
    if not isinstance(entities, dict):
        return None
    return match.group(1), json.dumps(entities, ensure_ascii=False, sort_keys=True)
