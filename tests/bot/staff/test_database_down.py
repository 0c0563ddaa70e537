"""The staff area and feedback while the database is down: a 503 that says so (never a 500 or a stack trace),
nothing half-written, and everything as before once the database is back."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from starlette.testclient import TestClient

from bot.conversation import Assistant
from bot.feedback import FeedbackStore
from bot.staff.routes import DATABASE_DOWN, StaffOptions
from bot.web import create_app
from runtime.stack import free_port
from storage.tables import AUDIT, REVIEWED
from tests.bot.staff.conftest import ADMIN, CONVERSATIONS, KB, LOGIN
from tests.bot.staff.test_pages import csrf, keys
from tests.deploy.servers import postgres
from tools import staff_seed

PAGES = ["/staff/", "/staff/prijava", "/staff/nerazumljeno", "/staff/odzivi", "/staff/odgovori", "/staff/racuni"]
ANSWER = "0" * 32


def gateway(url: str) -> TestClient:
    """The gateway's app with the staff area and feedback on the database at `url` (Rasa is not needed)."""
    assistant = Assistant((f"http://127.0.0.1:{free_port()}",), 1.0, KB)
    app = create_app(assistant, feedback_store=FeedbackStore(url), staff=StaffOptions(url))
    return TestClient(app, follow_redirects=False, raise_server_exceptions=False)


def assert_database_down(response) -> None:
    assert response.status_code == 503, (response.status_code, response.text[:300])
    assert response.text == DATABASE_DOWN and response.headers["retry-after"] == "60"
    assert "Traceback" not in response.text


def test_a_database_that_cannot_be_reached_gives_every_page_a_503_that_says_so(tmp_path: Path) -> None:
    with gateway(f"sqlite:///{tmp_path / 'no-such-folder' / 'tracker.db'}") as client:  # cannot be opened
        for path in PAGES:
            assert_database_down(client.get(path))
        assert client.get("/staff/staff.css").status_code == 200  # needs no database
        feedback = client.post("/api/feedback", json={"session": "s", "answer_id": ANSWER, "value": "up"})
    assert feedback.status_code == 503 and feedback.json() == {"error": "feedback cannot be stored right now"}


def counts(url: str) -> tuple[int, int]:
    """Rows of the audit log and of texts marked as reviewed."""
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        audit = connection.execute(sa.select(sa.func.count()).select_from(AUDIT)).scalar()
        reviewed = connection.execute(sa.select(sa.func.count()).select_from(REVIEWED)).scalar()
    engine.dispose()
    return audit, reviewed


@pytest.mark.slow
def test_postgresql_stopped_under_a_signed_in_session_and_started_again() -> None:
    """A member of staff signed in, a page open; PostgreSQL stops (its connections in the pool are cut): every
    page and form is a 503 saying so, a sign-in too, nothing is written; once it is back, the same session
    goes on and the form sent during the outage can be sent again."""
    with postgres() as server:
        engine = sa.create_engine(server.url)
        staff_seed.write(engine, CONVERSATIONS)
        engine.dispose()
        staff_seed.account(server.url, LOGIN[0], "urednik", LOGIN[1])
        staff_seed.account(server.url, ADMIN[0], "skrbnik", ADMIN[1])
        with gateway(server.url) as client, gateway(server.url) as stranger:
            assert staff_seed.sign_in(client, *LOGIN).status_code == 303
            page = client.get("/staff/nerazumljeno").text
            token, key = csrf(page), keys(page)[0]
            before = counts(server.url)
            server.stop()
            try:
                for path in PAGES:
                    assert_database_down(client.get(path))
                assert_database_down(client.post("/staff/nerazumljeno/pregledano", data={"csrf": token, "oznaci": key}))
                assert_database_down(stranger.get("/staff/prijava"))
                feedback = client.post("/api/feedback", json={"session": "s", "answer_id": ANSWER, "value": "up"})
                assert feedback.status_code == 503
            finally:
                server.start()
            assert counts(server.url) == before  # not an audit row, not a text marked
            assert client.get("/staff/nerazumljeno").status_code == 200  # the same session, the pool renewed
            marked = client.post("/staff/nerazumljeno/pregledano", data={"csrf": token, "oznaci": key})
            assert marked.status_code == 303 and key not in keys(client.get("/staff/nerazumljeno").text)
            assert staff_seed.sign_in(stranger, *ADMIN).status_code == 303
