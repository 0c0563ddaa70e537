"""The staff area as a member of staff uses it, through the gateway's app: the pages, the downloads, the
headers, the audit of views, dates out of range, and no sender id anywhere. (Signing in: test_sign_in.py.)"""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
import yaml
from rasa.shared.nlu.training_data.loading import load_data
from starlette.testclient import TestClient

from bot.headers import STAFF_CSP
from runtime.role import ROOT
from storage.tables import AUDIT
from tests.bot.staff.conftest import SENDERS, TODAY, gateway

SENDER_PARTS = [part for sender in SENDERS for part in (sender, sender.split(":", 1)[1])]


def csrf(page: str) -> str:
    return re.search(r'name="csrf" value="([0-9a-f]+)"', page).group(1)


def keys(page: str) -> list[str]:
    return re.findall(r'name="izbrano" value="([0-9a-f]{64})"', page)


def test_the_overview_shows_the_week(client: TestClient) -> None:
    page = client.get("/staff/")
    assert page.status_code == 200
    text = page.text
    assert "<strong>4</strong> pogovori in <strong>8</strong> sporočil" in text
    assert "nerazumljenih 50 %" in text and "koristnih odgovorov 33 %" in text
    assert "Interventna služba</th><td>1</td>" in text  # the task's title from the knowledge base
    assert 'src="data:image/svg+xml;base64,' in text
    assert text.count("<table>") == 7 and '<th scope="col">' in text and 'href="#vsebina"' in text
    assert "Ana Kovač" in text
    assert "pogovori se izbrišejo 30 dni po zadnjem sporočilu" in text  # the days agree with their number


def test_not_understood_page_review_and_toggle(client: TestClient) -> None:
    page = client.get("/staff/nerazumljeno").text
    assert "kdo je ŽUPAN" in page and "3 različna besedila, skupaj 4 sporočila" in page
    first = keys(page)[0]
    marked = client.post(
        "/staff/nerazumljeno/pregledano", data={"csrf": csrf(page), "oznaci": first},
        follow_redirects=False,
    )  # fmt: skip
    assert marked.status_code == 303 and marked.headers["location"].startswith("/staff/nerazumljeno?")
    page = client.get("/staff/nerazumljeno").text
    assert "kdo je ŽUPAN" not in page and "2 različni besedili" in page
    shown = client.get("/staff/nerazumljeno?pregledano=1").text
    assert "kdo je ŽUPAN" in shown and "pregledano</span>" in shown
    only_telegram = client.get("/staff/nerazumljeno?kanal=telegram&pregledano=1").text
    assert "kdo je ŽUPAN" in only_telegram and "denarno socialno" not in only_telegram


def test_a_form_from_elsewhere_is_refused(client: TestClient) -> None:
    page = client.get("/staff/nerazumljeno").text
    key = keys(page)[0]
    for data, headers in [
        ({"oznaci": key}, {}),  # no token
        ({"oznaci": key, "csrf": "0" * 64}, {}),  # a wrong one
        ({"oznaci": key, "csrf": csrf(page)}, {"Origin": "https://evil.example"}),
        ({"oznaci": key, "csrf": csrf(page)}, {"Sec-Fetch-Site": "cross-site"}),
    ]:
        response = client.post("/staff/nerazumljeno/pregledano", data=data, headers=headers)
        assert response.status_code == 403
    assert key in keys(client.get("/staff/nerazumljeno").text)


def test_csv_export(client: TestClient) -> None:
    response = client.get("/staff/nerazumljeno.csv?kanal=telegram")
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [(r["besedilo"], r["število"], r["kanal"], r["najboljše ugibanje"], r["zanesljivost"]) for r in rows] == [
        ("kdo je ŽUPAN", "1", "telegram", "out_of_scope", "0.79"),  # its web twin is filtered out
        ("Kdaj dobim otroški dodatek na račun?", "1", "telegram", "ask_practical_info", "0.38"),
    ]


def test_training_data_is_valid_rasa_nlu(client: TestClient, tmp_path: Path) -> None:
    page = client.get("/staff/nerazumljeno?od=2000-01-01").text
    found = dict(re.findall(r'<th scope="row" class="text">([^<]+)</th>.*?name="namen-([0-9a-f]{64})"', page, re.S))
    chosen = {
        "Kdaj dobim otroški dodatek na račun?": "ask_practical_info",
        "Kdaj ste [odprti]?": "ask_practical_info",
        "kako se prijavim na denarno socialno pomoč": "ask_services",
    }
    form = {"csrf": csrf(page), **{f"namen-{found[text]}": intent for text, intent in chosen.items()}}
    form[f"namen-{found['kdo je ŽUPAN']}"] = "not_an_intent"  # ignored
    response = client.post("/staff/nerazumljeno/nlu.yml?od=2000-01-01", data=form)
    assert response.status_code == 200 and "attachment" in response.headers["content-disposition"]
    data = yaml.safe_load(response.text)
    assert data["version"] == "3.1"
    assert [block["intent"] for block in data["nlu"]] == ["ask_practical_info", "ask_services"]
    path = tmp_path / "nerazumljeno.yml"
    path.write_text(response.text, encoding="utf-8")
    training = load_data(str(path))
    examples = {(m.get("text"), m.get("intent")) for m in training.intent_examples}
    assert examples == {
        ("Kdaj dobim otroški dodatek na račun?", "ask_practical_info"),
        ("Kdaj ste (odprti)?", "ask_practical_info"),  # brackets would be read as an entity
        ("kako se prijavim na denarno socialno pomoč", "ask_services"),
    }
    assert not training.entity_examples


def test_disliked_answers_and_a_conversation(client: TestClient) -> None:
    page = client.get("/staff/odzivi").text
    assert "Kje ste?" in page and "Naslova centra žal nimam." in page and "Kdo je župan?" in page
    link = re.search(r'href="/staff/pogovor/([0-9a-f]{10})"', page).group(1)
    conversation = client.get(f"/staff/pogovor/{link}")
    assert conversation.status_code == 200 and "Na to žal ne znam odgovoriti." in conversation.text
    assert client.get("/staff/pogovor/0000000000").status_code == 404


def test_no_sender_id_on_any_page(client: TestClient) -> None:
    wide = "?od=2000-01-01"
    pages = [client.get(path + wide).text for path in
             ("/staff/", "/staff/nerazumljeno", "/staff/nerazumljeno.csv", "/staff/odzivi")]  # fmt: skip
    pages += [client.get(f"/staff/pogovor/{short}").text
              for short in set(re.findall(r"/staff/pogovor/([0-9a-f]{10})", " ".join(pages)))]  # fmt: skip
    assert len(pages) > 6
    for page in pages:
        for part in SENDER_PARTS:
            # As a word of its own: "555" (of "tg:555") may well occur inside a random CSRF token.
            assert not re.search(rf"(?<![\w-]){re.escape(part)}(?![\w-])", page), part


def test_no_staff_area_without_the_flag_or_a_password(database: str) -> None:
    with gateway(database, staff=False) as client:
        for path in ("/staff/", "/staff/prijava", "/staff/nerazumljeno", "/staff/staff.css"):
            assert client.get(path).status_code == 404


def test_every_view_is_audited_without_text(client: TestClient, database: str) -> None:
    client.get("/staff/nerazumljeno?kanal=web&besedilo=Kdo+je+%C5%BEupan")
    engine = sa.create_engine(database)
    with engine.connect() as connection:
        rows = connection.execute(
            sa.select(AUDIT.c.user_name, AUDIT.c.role, AUDIT.c.method, AUDIT.c.path, AUDIT.c.action)
            .where(AUDIT.c.action == "view")
            .order_by(AUDIT.c.id)
        ).fetchall()
    engine.dispose()
    assert [tuple(row) for row in rows] == [
        ("Ana Kovač", "urednik", "GET", "/staff/nerazumljeno?kanal=web", "view"),
    ]


def test_headers_of_staff_and_public_pages(client: TestClient) -> None:
    staff = client.get("/staff/")
    css = client.get("/staff/staff.css")
    for response in (staff, css, client.get("/staff/prijava")):
        assert response.headers["cache-control"] == "no-store"
        assert response.headers["content-security-policy"] == STAFF_CSP
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "same-origin"
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    for path in ("/", "/it"):
        demo = client.get(path)
        policy = demo.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "connect-src 'self'" in policy and "'sha256-" in policy
        assert "frame-ancestors 'none'" in policy and "unsafe-inline" not in policy
        assert demo.headers["x-content-type-options"] == "nosniff"
    for path in ("/widget.js", "/widget.css"):
        widget = client.get(path)
        assert widget.headers["cross-origin-resource-policy"] == "cross-origin"
        assert widget.headers["x-content-type-options"] == "nosniff"
        assert "content-security-policy" not in widget.headers
    api = client.get("/api/history?session=x!")  # a 400 carries them as well
    assert api.headers["cache-control"] == "no-store" and api.headers["x-content-type-options"] == "nosniff"


def test_the_gateway_does_not_load_matplotlib_until_a_chart_is_drawn() -> None:
    code = "import sys, bot.__main__; print('matplotlib' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize(("n", "word"), [(1, "pogovor"), (2, "pogovora"), (3, "pogovori"), (5, "pogovorov"),
                                         (101, "pogovor"), (102, "pogovora"), (111, "pogovorov")])  # fmt: skip
def test_slovenian_number_forms(n: int, word: str) -> None:
    from bot.staff.pages import plural

    assert plural(n, "pogovor", "pogovora", "pogovori", "pogovorov") == word


@pytest.mark.parametrize(
    ("query", "notice"),
    [
        ("?od=nonsense&do=2999-99-99", "Datum mora biti v obliki LLLL-MM-DD"),
        ("?od=9999-12-31", "Datum mora biti med 2000-01-01 in 2099-12-31."),
        ("?do=0001-01-01", "Datum mora biti med 2000-01-01 in 2099-12-31."),
        ("?od=9999-12-31&do=9999-12-31", "Datum mora biti med 2000-01-01 in 2099-12-31."),
        ("?od=1999-12-31&do=2000-01-01", "Datum mora biti med 2000-01-01 in 2099-12-31."),
    ],
)
def test_dates_out_of_range_give_the_default_range_and_say_why(client: TestClient, query: str, notice: str) -> None:
    for path in ("/staff/", "/staff/nerazumljeno", "/staff/odzivi"):
        page = client.get(path + query)
        assert page.status_code == 200, (path, query)
        assert f'value="{TODAY.isoformat()}"' in page.text and notice in page.text
        assert "Prikazan je privzeti obseg (zadnjih 7 dni)." in page.text
    assert client.get("/staff/nerazumljeno.csv" + query).status_code == 200


def test_dates_at_the_ends_of_the_range_are_served(client: TestClient) -> None:
    page = client.get("/staff/?od=2099-12-31&do=2099-12-31")
    assert page.status_code == 200 and 'value="2099-12-31"' in page.text and "Datum mora" not in page.text
    assert client.get("/staff/nerazumljeno?od=2000-01-01&do=2000-01-02").status_code == 200
