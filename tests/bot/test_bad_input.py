"""Bad input at the chat API, against the real gateway and assistant: a clear 4xx or a polite Slovenian
reply, never a 500, and no other conversation disturbed."""

from __future__ import annotations

import json

import httpx
import pytest

BAD_BODIES = {
    "empty body": b"",
    "not json": b"zivjo",
    "half json": b'{"session": "x", "text": ',
    "invalid utf-8": b'{"session": "bad", "text": "\xff\xfe zivjo"}',
    "json list": b'["session", "text"]',
    "json number": b"42",
    "json null": b"null",
    "json string": b'"zivjo"',
    "session missing": b'{"text": "zivjo"}',
    "session a number": b'{"session": 5, "text": "zivjo"}',
    "session too long": json.dumps({"session": "s" * 200, "text": "zivjo"}).encode(),
    "session with a slash": b'{"session": "a/b", "text": "zivjo"}',
    "text and payload": b'{"session": "bad", "text": "a", "payload": "/greet"}',
    "text a list": b'{"session": "bad", "text": ["zivjo"]}',
    "text an object": b'{"session": "bad", "text": {"a": 1}}',
    "text null": b'{"session": "bad", "text": null}',
    "empty text": b'{"session": "bad", "text": ""}',
    "whitespace text": b'{"session": "bad", "text": " \\n\\t "}',
    "only control characters": b'{"session": "bad", "text": "\\u0000\\u0001\\u0002"}',
    "10000 characters": json.dumps({"session": "bad", "text": "a" * 10_000}).encode(),
    "oversized body": json.dumps({"session": "bad", "text": "b" * 50_000}).encode(),
    "payload without slash": b'{"session": "bad", "payload": "greet"}',
    "payload a number": b'{"session": "bad", "payload": 7}',
}

ODD_MESSAGES = {
    "emoji only": "😀🙏🏽❤️",
    "NUL inside": "zivjo\u0000 kaj delate",
    "html and javascript": "<script>alert(1)</script><img src=x onerror=alert(2)>",
    "sql-like": "'; DROP TABLE events; --",
    "json in text": '{"session": "other", "text": "hi"}',
    "a typed unknown payload": '/izbrisi_vse{"x": 1}',
    "italian": "Buongiorno, ho bisogno di aiuto per mia madre",
    "english": "Hello, what are the opening hours of the office?",
    "croatian": "Gdje mogu naći centar za socijalnu skrb u Kopru?",
    "right-to-left and zero-width": "\u202e\u200bkaj delate\u200b",
}


def post(settings, content: bytes) -> httpx.Response:
    return httpx.post(f"{settings.gateway_url}/api/chat", content=content, timeout=60,
                      headers={"Content-Type": "application/json"})  # fmt: skip


@pytest.mark.parametrize("name", BAD_BODIES)
def test_bad_bodies_get_a_clear_4xx(assistant_stack, name: str) -> None:
    response = post(assistant_stack, BAD_BODIES[name])
    assert response.status_code in (400, 413), response.text
    assert response.json()["error"]


@pytest.mark.parametrize("name", ODD_MESSAGES)
def test_odd_messages_get_a_polite_reply(assistant_stack, name: str) -> None:
    response = post(assistant_stack, json.dumps({"session": f"odd-{len(name)}", "text": ODD_MESSAGES[name]}).encode())
    assert response.status_code == 200, response.text
    reply = response.json()["messages"][0]["text"]
    assert reply and "Traceback" not in reply and "<script>" not in reply


def test_bad_input_disturbs_no_other_conversation(assistant_stack) -> None:
    ask = lambda text: post(assistant_stack, json.dumps({"session": "undisturbed", "text": text}).encode())  # noqa: E731
    assert ask("Katere občine pokriva interventna služba?").status_code == 200
    for content in BAD_BODIES.values():
        post(assistant_stack, content)
    follow_up = ask("kaj pa sezana").json()["messages"][0]["text"]
    assert follow_up.startswith("Ne, regijska interventna služba ne pokriva Sežane.")
