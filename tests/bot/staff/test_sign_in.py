"""Signing in and out of the staff area: the form, sessions that expire (a clock of the test's), the way back
to the page asked for, CSRF, failed sign-ins limited per client (/64 for IPv6) and in all, and the audit."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.testclient import TestClient

from bot.flood import network_of
from bot.headers import SecurityHeaders
from bot.staff.auth import SignInLimits
from bot.staff.routes import StaffArea, StaffOptions
from bot.staff.signin import safe_next
from bot.web import STATIC
from storage.tables import AUDIT
from tests.bot.staff.conftest import ADMIN, LOGIN, gateway
from tools.staff_seed import sign_in


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


def area_client(url: str, clock: Clock | None = None, address: str = "testclient", **options: object) -> TestClient:
    area = StaffArea(
        StaffOptions(url, **options), task_titles={}, intents=[], clock=clock or Clock(),
        sign_in_limits=SignInLimits(in_all=8),
    )  # fmt: skip
    app = Starlette(routes=[area.mount()], middleware=[Middleware(SecurityHeaders, static=STATIC)])
    client = TestClient(app, follow_redirects=False, client=(address, 50000))
    client.area = area  # type: ignore[attr-defined]
    return client


def audit_rows(url: str) -> list[sa.engine.Row]:
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        rows = connection.execute(sa.select(AUDIT).order_by(AUDIT.c.id)).fetchall()
    engine.dispose()
    return rows


@pytest.fixture
def anonymous_client(database: str, clock: Clock) -> Iterator[TestClient]:
    with area_client(database, clock) as client:
        yield client


def test_a_page_without_a_session_leads_to_the_form_and_back(anonymous_client: TestClient) -> None:
    client = anonymous_client
    asked = client.get("/staff/nerazumljeno?kanal=web&besedilo=skrivnost")
    assert asked.status_code == 303
    assert asked.headers["location"] == "/staff/prijava?naprej=%2Fstaff%2Fnerazumljeno%3Fkanal%3Dweb"
    form = client.get(asked.headers["location"])
    assert form.status_code == 200 and 'name="naprej" value="/staff/nerazumljeno?kanal=web"' in form.text
    assert "Prijavljeni ste" not in form.text and "Nerazumljeno" not in form.text  # no navigation yet
    signed_in = sign_in(client, *LOGIN, target="/staff/nerazumljeno?kanal=web")
    assert signed_in.status_code == 303 and signed_in.headers["location"] == "/staff/nerazumljeno?kanal=web"
    cookie = signed_in.headers["set-cookie"]
    assert (
        "staff_session=" in cookie and "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict")
    )
    assert "Path=/staff" in cookie and "Secure" not in cookie
    page = client.get("/staff/nerazumljeno?kanal=web")
    assert page.status_code == 200 and "Prijavljeni ste kot <strong>Ana Kovač</strong> (urednik)" in page.text
    assert client.get("/staff/prijava").status_code == 303  # signed in already: straight on


@pytest.mark.parametrize(
    "target", ["https://evil.example/staff/", "//evil.example/staff/", "/", "/api/chat", "/staff/../api", "/\\evil"]
)
def test_after_sign_in_only_a_staff_path(target: str) -> None:
    assert safe_next(target) == "/staff/"


def test_a_wrong_name_and_a_wrong_password_get_the_same_answer(anonymous_client: TestClient, database: str) -> None:
    wrong_password = sign_in(anonymous_client, LOGIN[0], "napačno-geslo-123")
    unknown_name = sign_in(anonymous_client, "Nihče Nikjer", LOGIN[1])
    assert wrong_password.status_code == unknown_name.status_code == 403
    assert "Ime ali geslo ni pravo." in wrong_password.text and "Ime ali geslo ni pravo." in unknown_name.text
    assert "staff_session" not in wrong_password.headers.get("set-cookie", "")
    failed = [row for row in audit_rows(database) if row.action == "sign_in_failed"]
    assert [json.loads(row.details)["name"] for row in failed] == ["Ana Kovač", None]  # no unknown name kept
    assert all(row.user_name is None and row.path == "/staff/prijava" for row in failed)


def test_sessions_expire_when_idle_and_in_any_case(database: str, clock: Clock) -> None:
    with area_client(database, clock, idle_seconds=30 * 60, absolute_seconds=8 * 3600) as client:
        assert sign_in(client, *LOGIN).status_code == 303
        for _ in range(16):  # a request every 29 minutes keeps it alive ...
            clock.now += 29 * 60
            assert client.get("/staff/odzivi").status_code == 200
        clock.now += 40 * 60  # ... until 8 hours after the sign-in
        assert client.get("/staff/odzivi").status_code == 303
        assert sign_in(client, *LOGIN).status_code == 303
        clock.now += 31 * 60  # 31 idle minutes
        assert client.get("/staff/odzivi").status_code == 303


def test_sign_out_needs_the_form_token_and_ends_the_session(anonymous_client: TestClient, database: str) -> None:
    client = anonymous_client
    sign_in(client, *LOGIN)
    page = client.get("/staff/").text
    token = page.split('name="csrf" value="', 1)[1].split('"', 1)[0]
    assert client.post("/staff/odjava", data={"csrf": "0" * 64}).status_code == 403
    assert (
        client.post("/staff/odjava", data={"csrf": token}, headers={"Origin": "https://evil.example"}).status_code
        == 403
    )
    kept = client.cookies.get("staff_session")
    out = client.post("/staff/odjava", data={"csrf": token})
    assert out.status_code == 303 and out.headers["location"] == "/staff/prijava?odjava=1"
    assert "Odjavljeni ste." in client.get("/staff/prijava?odjava=1").text
    client.cookies.set("staff_session", kept, path="/staff")  # the old cookie is worth nothing now
    assert client.get("/staff/").status_code == 303
    actions = [(row.user_name, row.action) for row in audit_rows(database)]
    assert ("Ana Kovač", "sign_in") in actions and ("Ana Kovač", "sign_out") in actions


def test_the_sign_in_form_needs_its_own_token(anonymous_client: TestClient) -> None:
    fields = {"ime": LOGIN[0], "geslo": LOGIN[1], "naprej": "/staff/"}
    assert anonymous_client.post("/staff/prijava", data={**fields, "csrf": "f" * 64}).status_code == 403
    form = anonymous_client.get("/staff/prijava").text
    token = form.split('name="csrf" value="', 1)[1].split('"', 1)[0]
    elsewhere = anonymous_client.post(
        "/staff/prijava", data={**fields, "csrf": token}, headers={"Sec-Fetch-Site": "cross-site"}
    )
    assert elsewhere.status_code == 403
    token = elsewhere.text.split('name="csrf" value="', 1)[1].split('"', 1)[0]  # each form its own token
    assert anonymous_client.post("/staff/prijava", data={**fields, "csrf": token}).status_code == 303


def test_the_secure_flag_when_served_over_https(database: str) -> None:
    with area_client(database, secure_cookies=True) as client:
        assert "Secure" in client.get("/staff/prijava").headers["set-cookie"]


def test_ipv6_failures_count_per_64(database: str) -> None:
    assert network_of("2001:db8::1") == network_of("2001:db8::ffff:1") == "2001:db8::/64"
    assert network_of("2001:db8:0:1::1") == "2001:db8:0:1::/64"
    assert network_of("::ffff:192.0.2.7") == network_of("192.0.2.7") == "192.0.2.7"
    clock = Clock()
    with area_client(database, clock, "2001:db8::1") as first:
        limits = first.area.sign_in_limits  # type: ignore[attr-defined]
        for _ in range(5):
            assert sign_in(first, LOGIN[0], "ugibam-ugibam").status_code == 403
        assert sign_in(first, *LOGIN).status_code == 429  # even the right password waits
    for address, expected in (("2001:db8::2", 429), ("2001:db8:0:1::1", 303), ("192.0.2.1", 303)):
        with area_client(database, clock, address) as other:
            other.area.sign_in_limits = limits  # type: ignore[attr-defined]  # one gateway process's counts
            answer = sign_in(other, *LOGIN)
            assert answer.status_code == expected, address
            if expected == 429:
                assert 1 <= int(answer.headers["retry-after"]) <= 60
                assert "Preveč neuspešnih prijav." in answer.text


def test_failures_from_everywhere_close_sign_in_for_a_while(database: str) -> None:
    limits = SignInLimits(per_client=5, in_all=8)
    for n in range(8):  # 8 networks, one failure each: none is over its own limit
        with area_client(database, address=f"198.51.100.{n}") as client:
            client.area.sign_in_limits = limits  # type: ignore[attr-defined]
            assert sign_in(client, LOGIN[0], "ugibam-ugibam").status_code == 403
    with area_client(database, address="203.0.113.9") as newcomer:
        newcomer.area.sign_in_limits = limits  # type: ignore[attr-defined]
        refused = sign_in(newcomer, *LOGIN)
        assert refused.status_code == 429 and int(refused.headers["retry-after"]) >= 1


def test_a_limit_passes_with_its_window() -> None:
    now = [0.0]
    limits = SignInLimits(per_client=2, in_all=100, window=60, clock=lambda: now[0])
    request = type("R", (), {"client": type("C", (), {"host": "192.0.2.1"})()})()
    limits.failed(request)
    limits.failed(request)
    assert limits.retry_after(request) == 60
    now[0] = 59.5
    assert limits.retry_after(request) == 1
    now[0] = 60.0
    assert limits.retry_after(request) is None


def test_staff_password_makes_the_first_administrator(empty_tracker_store: str) -> None:
    with area_client(empty_tracker_store, first_admin_password="prvo-geslo-skrbnika") as client:
        assert sign_in(client, "skrbnik", "prvo-geslo-skrbnika").status_code == 303
        assert client.get("/staff/racuni").status_code == 200
    made = [row for row in audit_rows(empty_tracker_store) if row.action == "account_created"]
    assert len(made) == 1 and json.loads(made[0].details) == {
        "name": "skrbnik",
        "role": "skrbnik",
        "via": "STAFF_PASSWORD",
    }


def test_the_whole_gateway_with_staff_area_and_a_first_administrator(database: str) -> None:
    with gateway(database, StaffOptions(database, first_admin_password="ne-bo-uporabljeno")) as client:
        assert sign_in(client, "skrbnik", "ne-bo-uporabljeno").status_code == 403  # an administrator exists
        assert sign_in(client, *ADMIN).status_code == 303
        assert client.get("/staff/racuni").status_code == 200
