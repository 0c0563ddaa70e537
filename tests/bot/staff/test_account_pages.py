"""The administrators' page of accounts (/staff/racuni): who may see it, what it changes, what is audited,
and that what it shows is escaped."""

from __future__ import annotations

import json
import re

import sqlalchemy as sa
from starlette.testclient import TestClient

from storage.tables import AUDIT
from tests.bot.staff.conftest import ADMIN, LOGIN, gateway
from tools.staff_seed import sign_in


def csrf(page: str) -> str:
    return re.search(r'name="csrf" value="([0-9a-f]+)"', page).group(1)


def change(client: TestClient, **fields: str) -> tuple[int, str]:
    page = client.get("/staff/racuni").text
    response = client.post("/staff/racuni", data={"csrf": csrf(page), **fields})
    return response.status_code, response.text


def test_an_editor_sees_no_link_and_gets_403(client: TestClient) -> None:
    assert 'href="/staff/racuni"' not in client.get("/staff/").text
    page = client.get("/staff/racuni")
    assert page.status_code == 403 and "Za to stran nimate pravic: potrebna je vloga skrbnik" in page.text
    token = csrf(client.get("/staff/").text)
    form = {"csrf": token, "dejanje": "ustvari", "ime": "Vsiljivec", "vloga": "skrbnik", "geslo": "x" * 12}
    assert client.post("/staff/racuni", data=form).status_code == 403


def test_an_administrator_manages_accounts(admin: TestClient, database: str) -> None:
    page = admin.get("/staff/racuni")
    assert page.status_code == 200 and 'href="/staff/racuni" aria-current="page"' in page.text
    row = {
        name: page.text.split(f'<th scope="row">{name}</th>', 1)[1].split("</tr>")[0] for name in (LOGIN[0], ADMIN[0])
    }
    assert "še nikoli" in row[LOGIN[0]] and "še nikoli" not in row[ADMIN[0]]  # the last sign-in
    assert "urednik" in row[LOGIN[0]] and "dejaven" in row[LOGIN[0]]
    status, text = change(admin, dejanje="ustvari", ime="Bor Novak", vloga="objavitelj", geslo="borovo-geslo-1")
    assert status == 200 and "Račun »Bor Novak« (objavitelj) je ustvarjen." in text
    status, text = change(admin, dejanje="ustvari", ime="bor novak", vloga="urednik", geslo="borovo-geslo-1")
    assert status == 400 and "že obstaja" in text
    status, text = change(admin, dejanje="ustvari", ime="Cene", vloga="urednik", geslo="kratko")
    assert status == 400 and "Geslo mora imeti vsaj 12 znakov." in text
    assert change(admin, dejanje="vloga", ime="Bor Novak", vloga="urednik")[0] == 200
    assert change(admin, dejanje="onemogoci", ime="Bor Novak")[0] == 200
    with gateway(database) as bor:
        assert sign_in(bor, "Bor Novak", "borovo-geslo-1").status_code == 403  # disabled
        assert change(admin, dejanje="omogoci", ime="Bor Novak")[0] == 200
        assert sign_in(bor, "Bor Novak", "borovo-geslo-1").status_code == 303
        assert change(admin, dejanje="geslo", ime="Bor Novak", geslo="novo-borovo-geslo")[0] == 200
        assert bor.get("/staff/", follow_redirects=False).status_code == 303  # his session ended with it
        assert sign_in(bor, "Bor Novak", "novo-borovo-geslo").status_code == 303
    status, text = change(admin, dejanje="onemogoci", ime=ADMIN[0])
    assert status == 400 and "Zadnjemu dejavnemu skrbniku" in text
    assert change(admin, dejanje="izbrisi", ime="Bor Novak")[0] == 400
    engine = sa.create_engine(database)
    with engine.connect() as connection:
        rows = connection.execute(sa.select(AUDIT).where(AUDIT.c.user_name == ADMIN[0]).order_by(AUDIT.c.id)).fetchall()
    engine.dispose()
    changes = [(row.action, json.loads(row.details)) for row in rows if row.action not in ("view", "sign_in")]
    assert changes == [
        ("account_created", {"name": "Bor Novak", "role": "objavitelj"}),
        ("role_set", {"name": "Bor Novak", "role": "urednik"}),
        ("account_disabled", {"name": "Bor Novak"}),
        ("account_enabled", {"name": "Bor Novak"}),
        ("password_set", {"name": "Bor Novak"}),
    ]
    assert all(
        row.role == "skrbnik" and row.method in ("GET", "POST") and row.path == "/staff/racuni" for row in rows[1:]
    )


def test_what_the_area_shows_is_escaped(admin: TestClient) -> None:
    status, text = change(admin, dejanje="ustvari", ime='<script>alert("x")</script>', vloga="urednik", geslo="y" * 12)
    assert status == 200 and "<script>" not in text and "&lt;script&gt;" in text
    page = admin.get("/staff/racuni").text
    assert "<script>" not in page and "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page


def test_a_role_change_counts_at_once(admin: TestClient, database: str) -> None:
    with gateway(database) as ana:
        sign_in(ana, *LOGIN)
        assert ana.get("/staff/racuni").status_code == 403
        assert change(admin, dejanje="vloga", ime=LOGIN[0], vloga="skrbnik")[0] == 200
        assert ana.get("/staff/racuni").status_code == 200
