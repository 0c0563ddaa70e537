"""Parts of the assistant fail while people are writing to it: the action server, the tracker store
(a real PostgreSQL), the lock store (a real Redis). A person always gets a clear reply, the emergency
numbers in it when the assistant cannot answer or the message is a cry for help, and the assistant
answers again by itself once the part is back, in the conversation's context from before the outage.
(Rasa itself down or slower than the timeout: tests/bot; a Rasa instance gone or killed: test_replicas.)"""

from __future__ import annotations

import time

import httpx

from bot.conversation import unavailable_reply
from knowledge import load_knowledge_base
from replies.sl import emergency
from runtime.stack import Stack
from tests.deploy.conftest import GuardedStack

KB = load_knowledge_base()
APOLOGY = unavailable_reply(KB).text
EMERGENCY = emergency(KB).text
QUESTION = (
    "Katere občine pokriva interventna služba?",
    "Regijska interventna služba pokriva občine Koper, Izola in Piran.",
)
FOLLOW_UP = ("kaj pa sezana", "Ne, regijska interventna služba ne pokriva Sežane.")
AND_PIRAN = ("pa piran?", "Da, regijska interventna služba pokriva tudi Piran.")
CRY_FOR_HELP = "mož me spet tepe, kaj naj naredim"
RECOVERY_SECONDS = 120.0


def ask(stack: Stack, session: str, text: str) -> str:
    response = httpx.post(
        f"{stack.settings.gateway_url}/api/chat", json={"session": session, "text": text}, timeout=60.0
    )
    assert response.status_code == 200, response.text
    return response.json()["messages"][0]["text"]


def until_answered(stack: Stack, session: str, turn: tuple[str, str]) -> None:
    """Ask again every second until the right answer (its beginning: `turn[1]`) comes, as a person retrying would."""
    deadline = time.monotonic() + RECOVERY_SECONDS
    while not (reply := ask(stack, session, turn[0])).startswith(turn[1]):
        assert reply == APOLOGY, f"neither the answer nor the apology: {reply!r}"
        assert time.monotonic() < deadline, f"not answering {RECOVERY_SECONDS:.0f} s after the part came back"
        time.sleep(1.0)


def test_action_server_down_then_back(guarded_stack: GuardedStack) -> None:
    stack = guarded_stack.stack
    assert ask(stack, "actions-outage", QUESTION[0]).startswith(QUESTION[1])
    stack.stop_process("actions")
    # Every answer comes from an action: a cry for help gets the apology with the emergency numbers,
    # not silence or an error.
    reply = ask(stack, "actions-outage", CRY_FOR_HELP)
    assert reply == APOLOGY
    assert all(number in reply for number in ("112", "113", "080 11 55", "116 123"))
    stack.restart_process("actions")
    # Back by itself, and the follow-up is understood in the context from before the outage.
    until_answered(stack, "actions-outage", FOLLOW_UP)


def test_tracker_store_down_then_back(guarded_stack: GuardedStack) -> None:
    """Rasa keeps answering without its tracker store (its FailSafeTrackerStore falls back to memory),
    so a person still gets a real answer, the emergency numbers first to a cry for help; what is said
    during the outage is not stored, and the stored conversation continues once PostgreSQL is back."""
    stack, database = guarded_stack.stack, guarded_stack.database
    assert ask(stack, "database-outage", QUESTION[0]).startswith(QUESTION[1])
    database.stop()
    assert ask(stack, "database-outage", CRY_FOR_HELP).startswith(EMERGENCY)
    assert ask(stack, "new-during-the-outage", QUESTION[0]).startswith(QUESTION[1])
    database.start()
    until_answered(stack, "database-outage", FOLLOW_UP)
    assert ask(stack, "after-the-outage", QUESTION[0]).startswith(QUESTION[1])
    stack.check_alive()


def test_lock_store_down_then_back(guarded_stack: GuardedStack) -> None:
    """Without Redis, Rasa 3.6's lock store raises on every message: Rasa answered nothing (the person got
    the apology) and logged the message's text with the error. The lock store here then locks in memory
    (runtime/lock_store.py): a person gets real answers in context, the emergency numbers first to a cry
    for help, nothing of the message is logged, and Redis is used again once it is back."""
    stack, lock_store = guarded_stack.stack, guarded_stack.lock_store
    assert ask(stack, "redis-outage", QUESTION[0]).startswith(QUESTION[1])
    lock_store.stop()
    try:
        assert ask(stack, "redis-outage", CRY_FOR_HELP).startswith(EMERGENCY)
        assert ask(stack, "redis-outage", AND_PIRAN[0]).startswith(AND_PIRAN[1])
        assert ask(stack, "new-during-redis-outage", QUESTION[0]).startswith(QUESTION[1])
    finally:
        lock_store.start()
    assert ask(stack, "redis-outage", FOLLOW_UP[0]).startswith(FOLLOW_UP[1])
    assert ask(stack, "after-redis-outage", QUESTION[0]).startswith(QUESTION[1])
    assert lock_store.ping()
    rasa_log = (guarded_stack.log_dir / "rasa-0.log").read_text(errors="replace")
    assert "Redis lock store unavailable (ConnectionError): locking in memory" in rasa_log
    assert "me spet tepe" not in rasa_log  # neither as it was written nor JSON-escaped ("mo\u017e me spet tepe")
    stack.check_alive()
