"""Parts of the assistant fail while people are writing to it: the action server, the tracker store
(a real PostgreSQL), the lock store (a real Redis). A person always gets a clear reply, the emergency
numbers in it when the assistant cannot answer or the message is a cry for help, and the assistant
answers again by itself once the part is back, in the conversation's context from before the outage.
(Rasa itself down or slower than the timeout: tests/bot; a Rasa instance gone or killed: test_replicas.)"""

from __future__ import annotations

import time
from pathlib import Path

import httpx
import sqlalchemy as sa

from bot.conversation import unavailable_reply
from knowledge import load_knowledge_base
from replies.answers import emergency
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
# How long a process may take to start, as the stack's own start allows (Stack.wait_until_ready): a guard
# against a hang, not a measure of speed.
START_SECONDS = 300.0


def ask(stack: Stack, session: str, text: str) -> str:
    response = httpx.post(
        f"{stack.settings.gateway_url}/api/chat", json={"session": session, "text": text}, timeout=60.0
    )
    assert response.status_code == 200, response.text
    return response.json()["messages"][0]["text"]


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
    stack.wait_until_ready()  # Rasa answers a conversation again: the action server is back
    # Back by itself, with nothing else restarted: the next message is answered, in the context from before.
    assert ask(stack, "actions-outage", FOLLOW_UP[0]).startswith(FOLLOW_UP[1])


def test_tracker_store_down_then_back(guarded_stack: GuardedStack) -> None:
    """While PostgreSQL is down a turn cannot be stored, so it is not answered as if it were: a cry for help
    gets the apology with the emergency numbers (Rasa's FailSafeTrackerStore used to answer from a fresh
    conversation in memory, and the turn was never stored), and nothing of it is stored. A Rasa instance that
    starts meanwhile waits for the database, saying so, instead of running without it. Once PostgreSQL is
    back, the conversation goes on in its stored context. (Under load, with two instances: test_database_outage.py.)"""
    stack, database = guarded_stack.stack, guarded_stack.database
    assert ask(stack, "database-outage", QUESTION[0]).startswith(QUESTION[1])
    database.stop()
    try:
        reply = ask(stack, "database-outage", CRY_FOR_HELP)
        assert reply == APOLOGY and all(number in reply for number in ("112", "113", "080 11 55", "116 123"))
        assert ask(stack, "new-during-the-outage", QUESTION[0]) == APOLOGY
        stack.stop_process("rasa-0")
        stack.restart_process("rasa-0")
        rasa_log = guarded_stack.log_dir / "rasa-0.log"
        waiting = f"the database {database.url.replace(database.password, '***')} is not usable, it cannot be reached"
        wait_for_line(rasa_log, waiting, stack)
        assert ask(stack, "database-outage", FOLLOW_UP[0]) == APOLOGY  # Rasa does not listen meanwhile
    finally:
        database.start()
    stack.wait_until_ready()
    # The follow-up is read in the context stored before the outage, the cry for help was not stored.
    assert ask(stack, "database-outage", FOLLOW_UP[0]).startswith(FOLLOW_UP[1])
    with sa.create_engine(database.url).connect() as connection:
        texts = connection.execute(
            sa.text(
                "SELECT sender_id, CAST(data AS json) ->> 'text' FROM events WHERE type_name = 'user' AND "
                "sender_id IN ('web:database-outage', 'web:new-during-the-outage') ORDER BY id"
            )  # fmt: skip
        ).fetchall()
    assert [tuple(row) for row in texts] == [
        ("web:database-outage", QUESTION[0]),
        ("web:database-outage", FOLLOW_UP[0]),
    ]
    assert ask(stack, "after-the-outage", QUESTION[0]).startswith(QUESTION[1])
    assert "me spet tepe" not in rasa_log.read_text(errors="replace")
    stack.check_alive()


def wait_for_line(log: Path, line: str, stack: Stack) -> None:
    """Until the process writes `line` to `log` (it retries every few seconds); fails when a process exits.
    Bounded by the stack's own start deadline: the line comes before Rasa would listen."""
    deadline = time.monotonic() + START_SECONDS
    while line not in log.read_text(errors="replace"):
        stack.check_alive()
        assert time.monotonic() < deadline, f"{line!r} not in {log} after {START_SECONDS:.0f} s"
        time.sleep(0.2)


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
