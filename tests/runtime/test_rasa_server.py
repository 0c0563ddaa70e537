"""The Rasa server's validation of action server responses: the same verdicts as jsonschema's own
`validate`, with the schema checked once instead of on every turn."""

from __future__ import annotations

import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from rasa.core.actions.action import RemoteAction
from rasa.core.tracker_store import TrackerStore
from rasa.shared.core.domain import Domain
from rasa.utils.endpoints import EndpointConfig

from runtime import rasa_server
from runtime.endpoints import endpoints, write_endpoints
from runtime.role import ROOT
from runtime.settings import Settings
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


@pytest.fixture
def patched(monkeypatch) -> None:
    """Rasa's RemoteAction as the Rasa process runs it; restored afterwards."""
    monkeypatch.setattr(RemoteAction, "_validate_action_result", RemoteAction._validate_action_result)
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
