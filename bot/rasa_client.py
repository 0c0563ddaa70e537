"""Talks to Rasa's REST webhook: one user message in, the assistant's messages out. (Whether Rasa answers at
all: runtime/readiness.py, which the runner uses too.)"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import httpx

from runtime.readiness import WEBHOOK_PATH


class RasaUnavailable(RuntimeError):
    """Rasa did not answer in time, or answered with an error."""


class RasaGone(RasaUnavailable):
    """The instance is not there, or died under the message: it answered nothing, and another instance
    may take the message. (Not a timeout: the instance may still be working on the turn.)

    `sent`: the whole message had reached it, so it may have stored the turn before it died."""

    def __init__(self, message: str, sent: bool) -> None:
        super().__init__(message)
        self.sent = sent


class RasaTimedOut(RasaUnavailable):
    """The instance took the message and did not answer in time; it may still be working on the turn, so
    sending it to another instance could answer it twice."""


# No connection, or not all of the message sent (ConnectTimeout and PoolTimeout are timeouts before it
# was sent): nothing can be in progress.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.WriteError)
# The message sent, the connection lost without an answer: a killed instance's socket is reset or closed.
_DIED_UNDER = (httpx.ReadError, httpx.RemoteProtocolError)


def _what(error: Exception) -> str:
    """What went wrong, for the log: the error's type and Rasa's status, never its message. The gateway logs it
    at WARNING, and an error's text can hold what was sent (a UnicodeEncodeError's holds the whole body)."""
    if isinstance(error, httpx.HTTPStatusError):
        return f"{type(error).__name__} {error.response.status_code}"
    return type(error).__name__


async def send_message(
    client: httpx.AsyncClient, rasa_url: str, sender: str, text: str, metadata: dict[str, Any] | None = None
) -> list[dict[str, Any]]:
    """Send `text` as `sender`, with `metadata` for the actions (Rasa's REST channel passes it on);
    return Rasa's messages ({"text": …, "buttons": […]}, or {"custom": …})."""
    body: dict[str, Any] = {"sender": sender, "message": text}
    if metadata:
        body["metadata"] = metadata
    try:
        response = await client.post(f"{rasa_url}{WEBHOOK_PATH}", json=body)
        response.raise_for_status()
        messages = response.json()
    except _NOT_SENT as error:
        raise RasaGone(f"Rasa at {rasa_url} is gone: {_what(error)}", sent=False) from error
    except _DIED_UNDER as error:
        raise RasaGone(f"Rasa at {rasa_url} died under a message: {_what(error)}", sent=True) from error
    except httpx.TimeoutException as error:
        raise RasaTimedOut(f"Rasa at {rasa_url} did not answer in time: {_what(error)}") from error
    except (httpx.HTTPError, ValueError) as error:
        raise RasaUnavailable(f"Rasa at {rasa_url} did not answer: {_what(error)}") from error
    if not isinstance(messages, list):
        raise RasaUnavailable(f"Rasa at {rasa_url} answered with {type(messages).__name__}, not a list")
    return messages


async def tracker_events(client: httpx.AsyncClient, rasa_url: str, token: str, sender: str) -> list[dict[str, Any]]:
    """The events of `sender`'s conversation since its last restart (Rasa's HTTP API, with its token)."""
    url = f"{rasa_url}/conversations/{quote(sender, safe=':')}/tracker"
    try:
        response = await client.get(url, params={"include_events": "AFTER_RESTART", "token": token})
        response.raise_for_status()
        events = response.json().get("events") or []
    except (httpx.HTTPError, ValueError, AttributeError) as error:
        raise RasaUnavailable(f"Rasa at {rasa_url} gave no tracker: {type(error).__name__}") from error
    return [event for event in events if isinstance(event, dict)]
