"""The Rasa server process: `python -m tools.rasa_server run …` takes the arguments of `rasa run`.

Rasa's HTTP API token comes from RASA_TOKEN in the environment: Rasa 3.6 takes it only as the
`--auth-token` argument, which every user of the host could read in the process list, so it is added
to the arguments here, inside the process.

It is also `rasa run` with one change found by profiling a turn (docs/performance.md): Rasa 3.6 checks
every action server response with `jsonschema.validate(result, schema)`, and that function first
validates the constant schema itself against JSON Schema's meta-schema, about 14 ms of CPU on every
turn, the largest single cost of a turn of ours. Here the validator is made once per schema; each
response is still validated the same way, and a bad one raises the same ValidationError.
"""

from __future__ import annotations

import functools
import json
import sys
from typing import Any

import jsonschema
from jsonschema.exceptions import best_match

from bot.settings import Settings, SettingsError

_validate_each_time = jsonschema.validate


@functools.lru_cache(maxsize=32)
def _validator(schema_json: str) -> Any:
    schema = json.loads(schema_json)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def validate(instance: Any, schema: dict[str, Any], cls: Any = None, *args: Any, **kwargs: Any) -> None:
    """`jsonschema.validate`, with the checked validator of a schema kept for the next call."""
    if cls is not None or args or kwargs:
        return _validate_each_time(instance, schema, cls, *args, **kwargs)
    error = best_match(_validator(json.dumps(schema, sort_keys=True)).iter_errors(instance))
    if error is not None:
        raise error
    return None


def main() -> None:
    try:
        token = Settings.from_env().rasa_token
    except SettingsError as error:
        sys.exit(f"rasa: {error}")
    if not token:
        sys.exit("rasa: RASA_TOKEN must be set (the gateway reads the chat history with it)")
    sys.argv.append(f"--auth-token={token}")  # one argument: a token beginning with "-" is no option
    # Rasa imports `validate` from jsonschema when it checks a response, so it finds this one.
    jsonschema.validate = validate
    from rasa.__main__ import main as rasa_main

    rasa_main()


if __name__ == "__main__":
    main()
