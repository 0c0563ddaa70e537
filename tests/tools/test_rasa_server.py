"""The Rasa server's validation of action server responses: the same verdicts as jsonschema's own
`validate`, with the schema checked once instead of on every turn."""

from __future__ import annotations

import sys

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction

from tools import rasa_server

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


def test_the_token_comes_from_the_environment_not_the_command_line(monkeypatch) -> None:
    started_with = []
    monkeypatch.setattr("rasa.__main__.main", lambda: started_with.append(list(sys.argv)))
    monkeypatch.setattr(jsonschema, "validate", jsonschema.validate)  # restored afterwards
    monkeypatch.setattr(sys, "argv", ["tools/rasa_server.py", "run", "--enable-api"])
    monkeypatch.setenv("RASA_TOKEN", "-zeton")
    rasa_server.main()
    assert started_with == [["tools/rasa_server.py", "run", "--enable-api", "--auth-token=-zeton"]]
    assert jsonschema.validate is rasa_server.validate
    monkeypatch.delenv("RASA_TOKEN")
    with pytest.raises(SystemExit, match="RASA_TOKEN must be set"):
        rasa_server.main()
