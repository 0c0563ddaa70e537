"""The Rasa server process: `python -m runtime.rasa_server run …` takes the arguments of `rasa run`.

Rasa's HTTP API token comes from RASA_TOKEN in the environment: Rasa 3.6 takes it only as the
`--auth-token` argument, which every user of the host could read in the process list, so it is added
to the arguments here, inside the process.

It is also `rasa run` with one change found by profiling a turn (docs/performance.md): Rasa 3.6 checks
every action server response with `jsonschema.validate(result, schema)`, and that function first
validates the constant schema itself against JSON Schema's meta-schema, about 14 ms of CPU on every
turn, the largest single cost of a turn of ours. Here only `RemoteAction._validate_action_result` is
replaced: the validator is made once per schema; each response is still validated the same way, and a
bad one raises the same ValidationError with Rasa's own hint.

Both this and the lean tracker store (runtime/tracker_store.py) replace private parts of Rasa, so the
process refuses to start on a Rasa version they were not written for, and on a tracker store that Rasa
would otherwise quietly replace by an in-memory one (conversations lost at the next restart).
"""

from __future__ import annotations

import functools
import json
import sys
from pathlib import Path
from typing import Any

import jsonschema
import yaml
from jsonschema.exceptions import best_match

from runtime.settings import Settings, SettingsError

# The Rasa release whose private methods the patches here and in runtime/tracker_store.py replace.
WRITTEN_FOR = "3.6.21"


class UnsupportedRasa(RuntimeError):
    """The installed Rasa is not the one the patches were written for."""


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


def patch_rasa() -> None:
    """Replace Rasa's per-turn schema check; refuse a Rasa release this was not written for."""
    check_rasa_version()
    from rasa.core.actions.action import RemoteAction

    RemoteAction._validate_action_result = _validate_action_result


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
