"""What the assistant's processes log, at the production level (INFO): never a secret (passwords,
tokens), never the text of a message. Checked on everything the gateway, Rasa and the action server
wrote, after web and Telegram conversations, a history read and (earlier in this package) outages.
No secret on a process's command line either."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx

from tests.deploy.conftest import GuardedStack

WEB_MESSAGE = "Ali pomoč na domu pokriva Pivko? Sprašujem za teto Hildegardo."
TELEGRAM_MESSAGE = "Kaj izvajate za Izolo? Piše Bernardka."
# The security review's finding: text after "/" skipped redaction, and Rasa logged what it could not parse.
SLASHED = ["/greet hildegarda.novak@example.si", '/ask_centres{"municipality": "hildegarda.novak@example.si"}']
PRIVATE_WORDS = ("Hildegard", "hildegarda.novak", "Bernardk", "Sprašujem za teto", "Piše Bern")


def converse(guarded: GuardedStack) -> None:
    with httpx.Client(base_url=guarded.settings.gateway_url, timeout=60.0) as client:
        reply = client.post("/api/chat", json={"session": "logs", "text": WEB_MESSAGE})
        assert reply.json()["messages"][0]["text"].startswith("Da, regijski center za pomoč na domu pokriva")
        history = client.get("/api/history", params={"session": "logs"})  # Rasa's token in use
        assert history.json()["turns"][0] == {"role": "user", "text": WEB_MESSAGE}
        client.post("/api/chat", json={"session": "logs-slash", "text": SLASHED[0]})
        client.post("/api/chat", json={"session": "logs-slash", "payload": SLASHED[1]})
        turns = client.get("/api/history", params={"session": "logs-slash"}).json()["turns"]
        assert [turn["text"] for turn in turns if turn["role"] == "user"] == [
            "greet [e-naslov]",
            'ask_centres{"municipality": "[e-naslov]"}',
        ]
    loop, telegram = guarded.telegram_loop, guarded.telegram
    loop.call_soon_threadsafe(telegram.push, "message", telegram.message(TELEGRAM_MESSAGE))
    replies = asyncio.run_coroutine_threadsafe(telegram.wait_for(1, timeout=60.0), loop).result()
    assert replies[0]["text"].startswith("Za Izolo CSD Koper izvaja")
    loop.call_soon_threadsafe(telegram.push, "message", telegram.message(SLASHED[0]))  # an unknown command
    asyncio.run_coroutine_threadsafe(telegram.wait_for(2, timeout=60.0), loop).result()


def test_no_secret_and_no_message_text_in_the_logs(guarded_stack: GuardedStack) -> None:
    converse(guarded_stack)
    logs = {path.name: path.read_text(errors="replace") for path in sorted(guarded_stack.log_dir.glob("*.log"))}
    assert set(logs) == {"gateway.log", "rasa-0.log", "actions.log"}
    # The logs are there and at INFO: each process said something, so the checks below can fail.
    assert "Telegram: long polling as @csd_koper_bot" in logs["gateway.log"]
    assert "Rasa server is up and running" in logs["rasa-0.log"]
    assert "Action endpoint is up and running" in logs["actions.log"]
    everything = "\n".join(logs.values())
    for name, secret in guarded_stack.secrets.items():
        for part in {secret, secret.split(":")[-1]}:
            assert part not in everything, f"the {name} is in the logs"
    for words in PRIVATE_WORDS:
        assert words not in everything, f"message text in the logs: {words!r}"


def test_no_secret_on_a_command_line(guarded_stack: GuardedStack) -> None:
    """Every user of the host can read the process list; secrets stay in the environment."""
    for name, pid in guarded_stack.stack.pids().items():
        command_line = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        assert command_line.strip(), name
        for secret_name, secret in guarded_stack.secrets.items():
            assert secret not in command_line, f"the {secret_name} is on the command line of {name}"
