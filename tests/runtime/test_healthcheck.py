"""Rasa's readiness probe is a real parse by the loaded model, with the token; liveness only asks `/`."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from runtime.healthcheck import PROBE_TEXT, alive, ready
from runtime.settings import Settings

TOKEN = "zeton"


@contextmanager
def fake_rasa(model_loaded: bool) -> Iterator[tuple[int, list[str]]]:
    """A Rasa answering `/` always and /model/parse as Rasa 3.6 does; yields its port and what it parsed."""
    parsed: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def answer(self, status: int, body: dict) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:  # noqa: N802
            self.answer(200, {"version": "3.6.21"})

        def do_POST(self) -> None:  # noqa: N802
            text = json.loads(self.rfile.read(int(self.headers["Content-Length"])))["text"]
            if parse_qs(urlsplit(self.path).query).get("token") != [TOKEN]:
                self.answer(401, {"reason": "NotAuthenticated"})
            elif not model_loaded:
                self.answer(409, {"reason": "Conflict", "message": "No agent loaded."})
            else:
                parsed.append(text)
                self.answer(200, {"text": text, "intent": {"name": "greet", "confidence": 0.99}})

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server.server_address[1], parsed
    finally:
        server.shutdown()
        server.server_close()


def test_rasa_is_alive_before_its_model_is_loaded_but_not_ready() -> None:
    with fake_rasa(model_loaded=False) as (port, parsed):
        settings = Settings(rasa_port=port, rasa_token=TOKEN)
        assert alive("rasa", settings)
        with pytest.raises(OSError):  # urllib raises HTTPError (an OSError) on 409: the probe exits 1
            ready("rasa", settings)
    assert parsed == []


def test_rasa_is_ready_when_its_model_parses_a_message_with_the_token() -> None:
    with fake_rasa(model_loaded=True) as (port, parsed):
        assert ready("rasa", Settings(rasa_port=port, rasa_token=TOKEN))
        with pytest.raises(OSError):
            ready("rasa", Settings(rasa_port=port, rasa_token="wrong"))
    assert parsed == [PROBE_TEXT]


def test_probe_exits_0_or_1(monkeypatch: pytest.MonkeyPatch) -> None:
    from runtime import healthcheck

    with fake_rasa(model_loaded=False) as (port, _):
        monkeypatch.setattr("sys.argv", ["healthcheck", "--ready"])
        monkeypatch.setenv("ROLE", "rasa")
        monkeypatch.setenv("RASA_PORT", str(port))
        monkeypatch.setenv("RASA_TOKEN", TOKEN)
        with pytest.raises(SystemExit) as not_ready:
            healthcheck.main()
        monkeypatch.setattr("sys.argv", ["healthcheck"])
        with pytest.raises(SystemExit) as live:
            healthcheck.main()
    assert (not_ready.value.code, live.value.code) == (1, 0)
