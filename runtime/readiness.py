"""Whether a process answers: the runner's wait for Rasa and the gateway (runtime/stack.py), the gateway's for Rasa.

Here, not in the gateway's Rasa client (bot/rasa_client.py), so that the runner waits without loading the
gateway: `runtime` never imports `bot`.
"""

from __future__ import annotations

import httpx

WEBHOOK_PATH = "/webhooks/rest/webhook"  # Rasa's REST channel: what the gateway and the probe talk to


async def is_ready(client: httpx.AsyncClient, url: str) -> bool:
    """Whether GET `url` answers 200 (Rasa's `/` does once its model is loaded)."""
    try:
        response = await client.get(url, timeout=2.0)
    except httpx.HTTPError:
        return False
    return response.status_code == 200


async def is_answering(client: httpx.AsyncClient, rasa_url: str) -> bool:
    """Whether Rasa and its action server answer a conversation: a list of messages, not empty. Rasa's `/`
    answers before its model is loaded (messages meanwhile get no reply), so readiness is a real exchange."""
    body = {"sender": "readiness-probe", "message": "/greet"}
    try:
        response = await client.post(f"{rasa_url}{WEBHOOK_PATH}", json=body)
        response.raise_for_status()
        messages = response.json()
    except (httpx.HTTPError, ValueError):  # no answer, an error status, or no JSON
        return False
    return isinstance(messages, list) and bool(messages)
