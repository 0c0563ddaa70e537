"""The Rasa server's changes to Rasa: the validation of action server responses (the same verdicts as
jsonschema's own `validate`, with the schema checked once instead of on every turn), and the tracker store's
errors reaching Rasa's processor instead of its fallbacks to memory (a turn that cannot be stored is not
answered; a store that cannot be made stops the start; a database not there yet is waited for)."""

from __future__ import annotations

import asyncio
import logging
import sys
from pathlib import Path

import jsonschema
import pytest
import rasa.core.tracker_store
import sqlalchemy as sa
import yaml
from rasa.core.actions.action import RemoteAction
from rasa.core.agent import Agent
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.tracker_store import FailSafeTrackerStore, InMemoryTrackerStore, TrackerStore
from rasa.shared.core.domain import Domain
from rasa.utils.endpoints import EndpointConfig

from runtime import rasa_server
from runtime.endpoints import TRACKER_STORE, endpoints, write_endpoints
from runtime.role import ROOT
from runtime.settings import Settings
from runtime.stack import free_port
from runtime.tracker_store import LeanSQLTrackerStore

SPEC = RemoteAction.action_response_format_spec()
GOOD = [
    {"events": [{"event": "slot", "name": "task", "value": "interventna"}], "responses": [{"text": "Da."}]},
    {"events": [], "responses": []},
    {},
]
BAD = [
    {"events": [{"event": "no_such_event"}], "responses": []},
    {"events": "slot", "responses": []},
    {"events": [], "responses": ["Da."]},
    [],
]


@pytest.mark.parametrize("result", GOOD)
def test_a_good_response_passes(result) -> None:
    jsonschema.validate(result, SPEC)
    rasa_server.validate(result, SPEC)


@pytest.mark.parametrize("result", BAD)
def test_a_bad_response_raises_the_same_error(result) -> None:
    with pytest.raises(jsonschema.ValidationError) as expected:
        jsonschema.validate(result, SPEC)
    with pytest.raises(jsonschema.ValidationError) as ours:
        rasa_server.validate(result, SPEC)
    assert ours.value.message == expected.value.message


def test_the_schema_is_checked_once_and_a_bad_schema_still_refused() -> None:
    rasa_server._validator.cache_clear()
    for result in GOOD * 5:
        rasa_server.validate(result, RemoteAction.action_response_format_spec())  # a new dict each turn
    assert rasa_server._validator.cache_info().misses == 1
    with pytest.raises(jsonschema.SchemaError):
        rasa_server.validate({}, {"type": "no such type"})


def keep_rasa_as_it_is(monkeypatch) -> None:
    """Let monkeypatch restore every part of Rasa that `patch_rasa` replaces."""
    monkeypatch.setattr(RemoteAction, "_validate_action_result", RemoteAction._validate_action_result)
    monkeypatch.setattr(Agent, "_create_tracker_store", Agent.__dict__["_create_tracker_store"])
    monkeypatch.setattr(Agent, "handle_message", Agent.handle_message)
    monkeypatch.setattr(
        rasa.core.tracker_store,
        "_load_from_module_name_in_endpoint_config",
        rasa.core.tracker_store._load_from_module_name_in_endpoint_config,
    )


@pytest.fixture
def patched(monkeypatch) -> None:
    """Rasa as the Rasa process runs it; restored afterwards."""
    keep_rasa_as_it_is(monkeypatch)
    rasa_server.patch_rasa()
    rasa_server._validator.cache_clear()


def test_rasa_validates_action_responses_with_the_cached_validator(patched) -> None:
    action = RemoteAction("action_answer_coverage", None)
    for result in GOOD * 3:
        assert action._validate_action_result(result) is True
    assert rasa_server._validator.cache_info().misses == 1 and rasa_server._validator.cache_info().hits == 8
    with pytest.raises(jsonschema.ValidationError, match="Failed to validate Action server response"):
        action._validate_action_result(BAD[0])


def test_only_the_action_response_check_is_replaced(patched) -> None:
    assert jsonschema.validate is not rasa_server.validate  # the rest of the process keeps jsonschema's own


def test_another_rasa_release_is_refused(monkeypatch) -> None:
    monkeypatch.setattr("rasa.__version__", "3.7.0")
    with pytest.raises(rasa_server.UnsupportedRasa, match="3.7.0"):
        rasa_server.patch_rasa()
    with pytest.raises(rasa_server.UnsupportedRasa):
        LeanSQLTrackerStore(domain=Domain.empty(), host="sqlite:///:memory:")


def test_the_store_rasa_builds_from_our_endpoints_is_the_lean_one(tmp_path: Path) -> None:
    """Through Rasa's own factory, as `rasa run` does: a broken import would give an in-memory store."""
    settings = Settings.from_env({"DATA_DIR": str(tmp_path)})
    config = EndpointConfig.from_dict(endpoints(settings, ROOT)["tracker_store"])
    assert type(TrackerStore.create(config, Domain.empty())) is LeanSQLTrackerStore


def test_an_unloadable_tracker_store_stops_the_start(tmp_path: Path) -> None:
    path = tmp_path / "endpoints.yml"
    path.write_text(yaml.safe_dump({"tracker_store": {"type": "runtime.tracker_store.NoSuchStore", "url": "x"}}))
    with pytest.raises(SystemExit, match="cannot be loaded"):
        rasa_server.check_tracker_store(["run", "--endpoints", str(path)])
    path.write_text(yaml.safe_dump({"tracker_store": {"type": "runtime.settings.Settings", "url": "x"}}))
    with pytest.raises(SystemExit, match="no tracker store"):
        rasa_server.check_tracker_store(["run", "--endpoints", str(path)])
    write_endpoints(Settings.from_env({"DATA_DIR": str(tmp_path)}), ROOT, path)
    rasa_server.check_tracker_store(["run", "--endpoints", str(path)])  # ours loads


def test_the_token_comes_from_the_environment_not_the_command_line(monkeypatch, patched) -> None:
    started_with = []
    monkeypatch.setattr("rasa.__main__.main", lambda: started_with.append(list(sys.argv)))
    monkeypatch.setattr(sys, "argv", ["runtime/rasa_server.py", "run", "--enable-api"])
    monkeypatch.setenv("RASA_TOKEN", "-zeton")
    rasa_server.main()
    assert started_with == [["runtime/rasa_server.py", "run", "--enable-api", "--auth-token=-zeton"]]
    monkeypatch.delenv("RASA_TOKEN")
    with pytest.raises(SystemExit, match="RASA_TOKEN must be set"):
        rasa_server.main()


QUESTION = "Ali interventna služba pokriva Izolo?"
ANSWER = "Da, regijska interventna služba pokriva tudi Izolo."


class SaveFails:
    """Rasa's processor as far as it matters here: the actions' answer collected, then the tracker's save fails."""

    def __init__(self, error: Exception) -> None:
        self.error = error

    async def handle_message(self, message: UserMessage) -> list[dict] | None:
        await message.output_channel.send_text_message(message.sender_id, ANSWER)
        raise self.error


def turn(agent: Agent) -> tuple[list[dict] | None, list[dict]]:
    """One message through the agent as Rasa's REST channel sends it: what handle_message returns, and what the
    channel answers (its collector)."""
    collector = CollectingOutputChannel()
    returned = asyncio.run(agent.handle_message(UserMessage(QUESTION, collector, "web:ana-1")))
    return returned, collector.messages


def test_rasa_s_processor_gets_the_tracker_store_itself(monkeypatch) -> None:
    keep_rasa_as_it_is(monkeypatch)
    store = InMemoryTrackerStore(Domain.empty())
    assert type(Agent(tracker_store=store).tracker_store) is FailSafeTrackerStore  # Rasa's: errors become memory
    rasa_server.patch_rasa()
    assert Agent(tracker_store=store).tracker_store is store
    assert type(Agent().tracker_store) is InMemoryTrackerStore  # none configured: Rasa's own choice


def test_a_turn_that_is_not_stored_is_not_answered(patched, caplog) -> None:
    agent = Agent(tracker_store=InMemoryTrackerStore(Domain.empty()))
    down = sa.exc.OperationalError("INSERT INTO events …", None, ConnectionRefusedError("connection refused"))
    agent.processor = SaveFails(down)
    with caplog.at_level(logging.ERROR):
        assert turn(agent) == (None, [])  # before: the answer went out, and only memory kept the turn
    assert caplog.messages == ["tracker store unavailable (OperationalError): the turn is neither stored nor answered"]
    # Any other failure is Rasa's to log, as before; the collected answer does not go out either.
    agent.processor = SaveFails(RuntimeError("boom"))
    collector = CollectingOutputChannel()
    with pytest.raises(RuntimeError):
        asyncio.run(agent.handle_message(UserMessage(QUESTION, collector, "web:ana-1")))
    assert collector.messages == []


def test_a_turn_that_is_stored_is_answered(patched) -> None:
    class Stored:
        async def handle_message(self, message: UserMessage) -> list[dict]:
            await message.output_channel.send_text_message(message.sender_id, ANSWER)
            return message.output_channel.messages

    agent = Agent(tracker_store=InMemoryTrackerStore(Domain.empty()))
    agent.processor = Stored()
    returned, sent = turn(agent)
    assert [m["text"] for m in sent] == [ANSWER] and returned == sent
    rasa_server.patch_rasa()  # twice (two copies of the module in `python -m`): wrapped once
    assert not getattr(Agent.handle_message.__wrapped__, "not_answered_unless_stored", False)


class NeedsAMissingDriver(LeanSQLTrackerStore):
    """The lean store on a database whose driver is not installed (sa.create_engine raises ImportError)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        raise ModuleNotFoundError("No module named 'pg8000'")


def test_a_tracker_store_that_cannot_be_made_stops_the_start(monkeypatch) -> None:
    keep_rasa_as_it_is(monkeypatch)
    config = EndpointConfig(type=f"{__name__}.NeedsAMissingDriver", url="postgresql+pg8000://rasa@db/rasa")
    with pytest.warns(UserWarning, match="not found"):  # Rasa's: conversations in memory, lost at the next restart
        assert type(TrackerStore.create(config, Domain.empty())) is InMemoryTrackerStore
    rasa_server.patch_rasa()
    with pytest.raises(rasa_server.UnusableTrackerStore, match="No module named 'pg8000'.*does not start"):
        TrackerStore.create(config, Domain.empty())


class StopWaiting(Exception):
    pass


def test_rasa_waits_for_a_database_that_is_not_there_yet(patched, monkeypatch, tmp_path: Path, caplog) -> None:
    """Rasa's SQL store starts without its table when the database is down ("Could not create tables") and then
    fails every turn; here Rasa waits, saying so without the password, and goes on once the database is there."""
    pauses = [0]

    def stop() -> None:
        raise StopWaiting

    monkeypatch.setattr(rasa_server, "_pause", stop)
    port = free_port()  # nothing listens there
    config = EndpointConfig(type=TRACKER_STORE, url=f"postgresql://rasa:tajno-geslo@127.0.0.1:{port}/rasa")
    with caplog.at_level(logging.WARNING), pytest.raises(StopWaiting):
        TrackerStore.create(config, Domain.empty())
    assert f"the database postgresql://rasa:***@127.0.0.1:{port}/rasa is not usable" in caplog.text
    assert "cannot be reached (OperationalError); Rasa waits for it" in caplog.text
    assert "tajno-geslo" not in caplog.text

    # A database that comes: SQLite in a folder that exists from the second try on.
    folder = tmp_path / "not-yet"

    def the_database_comes() -> None:
        pauses[0] += 1
        folder.mkdir(exist_ok=True)

    monkeypatch.setattr(rasa_server, "_pause", the_database_comes)
    url = f"sqlite:///{folder / 'tracker.db'}"
    store = TrackerStore.create(EndpointConfig(type=TRACKER_STORE, url=url), Domain.empty())
    assert type(store) is LeanSQLTrackerStore and pauses == [1]
    assert sa.inspect(sa.create_engine(url)).has_table("events")
