"""The Rasa server process: `python -m runtime.rasa_server run …` takes the arguments of `rasa run`.

Rasa's HTTP API token comes from RASA_TOKEN in the environment: Rasa 3.6 takes it only as the
`--auth-token` argument, which every user of the host could read in the process list, so it is added
to the arguments here, inside the process.

It is also `rasa run` with two changes. The first was found by profiling a turn (docs/performance.md):
Rasa 3.6 checks every action server response with `jsonschema.validate(result, schema)`, and that
function first validates the constant schema itself against JSON Schema's meta-schema, about 14 ms of
CPU on every turn, the largest single cost of a turn of ours. Here `RemoteAction._validate_action_result`
is replaced: the validator is made once per schema; each response is still validated the same way, and
a bad one raises the same ValidationError with Rasa's own hint.

The second: every turn Rasa answers is stored, or it is not answered. Rasa 3.6 wraps the tracker store in
its FailSafeTrackerStore (`Agent._create_tracker_store`): while the database is down, reading a
conversation gives a new one (its context lost) and saving it keeps the turn in the process's memory, so
the person got a real answer that was never stored (missing from the history and the staff area, and
from the context of the next turn on another instance). The team's decision: **a turn that cannot be
stored is not answered as if it were.** The person gets the gateway's apology, which carries the
emergency numbers (bot/conversation.py `unavailable_reply`). Why: while the database is down a
conversation's context cannot be read either, so follow-ups would be misread; a spool in a second store
would be a second source of truth with its own ordering problems across replicas (and Redis fails
too); and the apology keeps the emergency lines in front of the person. So, three replacements:

- `Agent._create_tracker_store` gives Rasa's processor the tracker store itself, without the
  FailSafeTrackerStore: a failed read or save raises in the processor.
- `Agent.handle_message`: a turn that raised (its tracker not read, or not saved: the save is the turn's
  last step and one transaction, runtime/tracker_store.py) is not answered. Rasa's REST channel would
  send what the actions had already given its collector, then log the message's text with the error;
  here the collector is emptied, and a database error is logged as one line without text or sender.
  The gateway answers an empty reply with the apology and does not send the message to another
  instance, which would meet the same database.
- Rasa's loading of a tracker store named by its class (`_load_from_module_name_in_endpoint_config`)
  falls back to an in-memory store on an ImportError or AttributeError, even one raised by the store's
  constructor (a database driver that is not installed); and Rasa's SQLTrackerStore starts without
  its table when the database is down (it logs "Could not create tables" and goes on). Here an error
  stops the start, and a database that cannot be reached, or has no `events` table yet, is waited for:
  one line every WAIT_SECONDS in the log, and Rasa does not listen (its probes fail) until it is there.

All of these and the lean tracker store (runtime/tracker_store.py) replace private parts of Rasa, so the
process refuses to start on a Rasa version they were not written for, and on a tracker store that Rasa
would otherwise quietly replace by an in-memory one (conversations lost at the next restart).
"""

from __future__ import annotations

import functools
import json
import logging
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import jsonschema
import sqlalchemy as sa
import yaml
from jsonschema.exceptions import best_match

from runtime.settings import Settings, SettingsError

logger = logging.getLogger("runtime.rasa_server")  # not "__main__" when run with -m

# The Rasa release whose private methods the patches here and in runtime/tracker_store.py replace.
WRITTEN_FOR = "3.6.21"
WAIT_SECONDS = 5.0  # between two tries to reach the tracker store's database at start (Rasa's own pause)


class UnsupportedRasa(RuntimeError):
    """The installed Rasa is not the one the patches were written for."""


class UnusableTrackerStore(RuntimeError):
    """The tracker store the endpoints name cannot be made: Rasa stops instead of keeping conversations in memory."""


def check_rasa_version() -> None:
    import rasa

    if rasa.__version__ != WRITTEN_FOR:
        raise UnsupportedRasa(
            f"Rasa {rasa.__version__} is installed; runtime/rasa_server.py and runtime/tracker_store.py replace "
            f"private parts of Rasa {WRITTEN_FOR}. Check them against the new release, then change WRITTEN_FOR."
        )


@functools.lru_cache(maxsize=32)
def _validator(schema_json: str) -> Any:
    schema = json.loads(schema_json)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def validate(instance: Any, schema: dict[str, Any]) -> None:
    """`jsonschema.validate(instance, schema)`, with the checked validator of a schema kept for the next call."""
    error = best_match(_validator(json.dumps(schema, sort_keys=True)).iter_errors(instance))
    if error is not None:
        raise error


def _validate_action_result(self: Any, result: dict[str, Any]) -> bool:
    """Rasa 3.6's RemoteAction._validate_action_result, with the validator made once."""
    from rasa.shared.constants import DOCS_BASE_URL

    try:
        validate(result, self.action_response_format_spec())
        return True
    except jsonschema.ValidationError as error:
        error.message += (
            ". Failed to validate Action server response from API, make sure your response from the Action "
            f"endpoint is valid. For more information about the format visit {DOCS_BASE_URL}/custom-actions"
        )
        raise


def _create_tracker_store(store: Any, domain: Any) -> Any:
    """Rasa 3.6's Agent._create_tracker_store without the FailSafeTrackerStore: the processor sees the store's
    errors. (No store configured: Rasa's in-memory one, as Rasa does; `rasa run` here always names ours.)"""
    from rasa.core.tracker_store import InMemoryTrackerStore

    if store is None:
        return InMemoryTrackerStore(domain)
    store.domain = domain
    return store


HandleMessage = Callable[[Any, Any], Awaitable[Any]]


def _unanswered_when_not_stored(handle_message: HandleMessage) -> HandleMessage:
    """Rasa's Agent.handle_message, with nothing answered for a turn that raised (not read, or not stored)."""

    @functools.wraps(handle_message)
    async def handle(self: Any, message: Any) -> Any:
        from rasa.core.channels.channel import CollectingOutputChannel

        try:
            return await handle_message(self, message)
        except Exception as error:
            # The actions' messages are collected before the save: sent, they would answer an unstored turn.
            if isinstance(message.output_channel, CollectingOutputChannel):
                message.output_channel.messages.clear()
            if not isinstance(error, sa.exc.SQLAlchemyError):
                raise  # Rasa's REST channel logs it and sends the emptied collector
            # The error's type only: its text can name a sender (a constraint's DETAIL), never the message.
            logger.error(
                "tracker store unavailable (%s): the turn is neither stored nor answered", type(error).__name__
            )
            return None

    handle.not_answered_unless_stored = True  # type: ignore[attr-defined]  # patch_rasa wraps Rasa's once
    return handle


def _database_missing(store: Any) -> str | None:
    """Why the SQL tracker store `store` cannot store a turn yet (None: it can, or it is no SQL store)."""
    engine = getattr(store, "engine", None)
    if not isinstance(engine, sa.engine.Engine):
        return None
    try:
        with engine.connect() as connection:
            if sa.inspect(connection).has_table(store.SQLEvent.__tablename__):
                return None
        return f"its table {store.SQLEvent.__tablename__} is missing (Rasa could not create it: see above)"
    except sa.exc.SQLAlchemyError as error:
        return f"it cannot be reached ({type(error).__name__})"


def _load_tracker_store(domain: Any, store: Any, event_broker: Any = None) -> Any:
    """Rasa 3.6's _load_from_module_name_in_endpoint_config without its fallback to an in-memory store (an
    error stops the start), waiting until the database can be reached and has Rasa's table."""
    from rasa.shared.utils.common import class_from_module_path

    store_class = class_from_module_path(store.type)
    while True:
        try:
            tracker_store = store_class(host=store.url, domain=domain, event_broker=event_broker, **store.kwargs)
            missing = _database_missing(tracker_store)
        except sa.exc.OperationalError as error:  # Rasa's store connects in its constructor with `login_db`
            tracker_store, missing = None, f"it cannot be reached ({type(error).__name__})"
        except (ImportError, AttributeError) as error:  # what Rasa answers with an in-memory store
            raise UnusableTrackerStore(
                f"the tracker store {store.type} cannot be made ({type(error).__name__}: {error}); "
                "Rasa does not start without it"
            ) from error
        if missing is None:
            return tracker_store
        where = _without_password(tracker_store.engine.url if tracker_store else store.url)
        logger.warning(
            "tracker store: the database %s is not usable, %s; Rasa waits for it and does not answer meanwhile "
            "(next try in %.0f s)", where, missing, WAIT_SECONDS,
        )  # fmt: skip
        if tracker_store is not None:
            tracker_store.engine.dispose()
        _pause()


def _without_password(url: Any) -> str:
    """A database URL without its password, as SQLAlchemy renders it ("postgresql://rasa:***@…")."""
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:  # not a URL: Rasa's store takes a bare host too
        return "(its host)"


def _pause() -> None:
    time.sleep(WAIT_SECONDS)  # blocking, as Rasa's own wait: nothing is served before the store is there


def patch_rasa() -> None:
    """Replace Rasa's per-turn schema check and its fallbacks from the tracker store to memory; refuse a Rasa
    release this was not written for."""
    check_rasa_version()
    import rasa.core.tracker_store
    from rasa.core.actions.action import RemoteAction
    from rasa.core.agent import Agent

    RemoteAction._validate_action_result = _validate_action_result
    Agent._create_tracker_store = staticmethod(_create_tracker_store)
    if not getattr(Agent.handle_message, "not_answered_unless_stored", False):
        Agent.handle_message = _unanswered_when_not_stored(Agent.handle_message)
    rasa.core.tracker_store._load_from_module_name_in_endpoint_config = _load_tracker_store


def check_tracker_store(arguments: list[str]) -> None:
    """Import the tracker store class that the endpoints file names, as Rasa will; a failure stops here.

    Rasa 3.6 answers an unimportable tracker store with a warning and an in-memory store.
    """
    from rasa.core.tracker_store import TrackerStore
    from rasa.shared.utils.common import class_from_module_path

    if "--endpoints" not in arguments:
        return
    endpoints = yaml.safe_load(Path(arguments[arguments.index("--endpoints") + 1]).read_text(encoding="utf-8"))
    kind = (endpoints.get("tracker_store") or {}).get("type", "")
    if "." not in kind:  # one of Rasa's own (sql, redis …), or none
        return
    try:
        store = class_from_module_path(kind)
    except (AttributeError, ImportError) as error:
        raise SystemExit(
            f"rasa: the tracker store {kind} cannot be loaded ({error}); not starting without it"
        ) from None
    if not (isinstance(store, type) and issubclass(store, TrackerStore)):
        raise SystemExit(f"rasa: {kind} is no tracker store")


def main() -> None:
    try:
        token = Settings.from_env().rasa_token
    except SettingsError as error:
        sys.exit(f"rasa: {error}")
    if not token:
        sys.exit("rasa: RASA_TOKEN must be set (the gateway reads the chat history with it)")
    try:
        patch_rasa()
    except UnsupportedRasa as error:
        sys.exit(f"rasa: {error}")
    check_tracker_store(sys.argv)
    sys.argv.append(f"--auth-token={token}")  # one argument: a token beginning with "-" is no option
    from rasa.__main__ import main as rasa_main

    rasa_main()


if __name__ == "__main__":
    main()
