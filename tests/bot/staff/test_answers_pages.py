"""The staff answers pages (/staff/odgovori…) as the staff use them, through the gateway's app on a real SQLite
database: drafts, four eyes, publishing, withdrawing, rolling back, conflicts, field and publication checks,
the preview, the export, the contact details, escaping, and STAFF_SELF_PUBLISH."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from starlette.testclient import TestClient

from bot.metrics import PUBLICATION_KINDS
from bot.staff.routes import StaffOptions
from staff_answers.entries import Entry, read_bulk
from staff_answers.store import CONTACT_ID, AnswerStore
from storage import days
from storage.tables import AUDIT
from tests.bot.staff.conftest import gateway
from tests.bot.test_metrics import value
from tools.staff_seed import account, sign_in

PASSWORD = "geslo-za-odgovore-1"
ANA, BOR = "Ana Urednica", "Bor Urednik"  # editors (urednik)
PIA, ROK = "Pia Objaviteljica", "Rok Objavitelj"  # publishers (objavitelj)
ROLES = {ANA: "urednik", BOR: "urednik", PIA: "objavitelj", ROK: "objavitelj"}
REVIEW = "2027-06-30"
CHILD_BENEFIT = {
    "id": "otroski-dodatek",
    "vprasanja_sl": "Kako uveljavim otroški dodatek?\nKje oddam vlogo za otroški dodatek?\n"
    "Ali imam pravico do otroškega dodatka?\nKdo dobi otroški dodatek?\notroški dodatek",
    "odgovor_sl": "Vlogo za otroški dodatek oddate na https://e-uprava.gov.si/ ali na centru.",
    "vir": "Ana, pisarna za denarne pomoči",
    "pregled": REVIEW,
}
SCRIPT = '<script>alert("x")</script>'
Person = Callable[..., TestClient]


def csrf(page: str) -> str:
    return re.search(r'name="csrf" value="([0-9a-f]+)"', page).group(1)


def based_on(page: str) -> str:
    return re.search(r'name="based_on" value="(\d*)"', page).group(1)


@pytest.fixture(scope="module")
def accounts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with the four accounts, made once (hashing passwords takes time) and copied for each test."""
    path = tmp_path_factory.mktemp("answers") / "accounts.db"
    for name, role in ROLES.items():
        account(f"sqlite:///{path}", name, role, PASSWORD)
    return path


@pytest.fixture
def database(accounts: Path, tmp_path: Path) -> str:
    path = tmp_path / "tracker.db"
    shutil.copyfile(accounts, path)
    return f"sqlite:///{path}"


@pytest.fixture
def person(database: str) -> Iterator[Person]:
    """person(name, self_publish=False): the gateway with that member of staff signed in (one per name)."""
    clients: dict[tuple[str, bool], TestClient] = {}
    with ExitStack() as stack:

        def signed_in(name: str, self_publish: bool = False) -> TestClient:
            if (name, self_publish) not in clients:
                client = stack.enter_context(gateway(database, StaffOptions(database, self_publish=self_publish)))
                assert sign_in(client, name, PASSWORD).status_code == 303
                clients[name, self_publish] = client
            return clients[name, self_publish]

        yield signed_in


def save(client: TestClient, form_page: str = "/staff/odgovori/nov", **fields: str) -> TestClient:
    page = client.get(form_page).text
    data = {"csrf": csrf(page), "based_on": based_on(page), **fields}
    return client.post("/staff/odgovori/shrani", data=data, follow_redirects=False)


def post(client: TestClient, path: str, **fields: str | list[str]) -> TestClient:
    page = client.get("/staff/odgovori").text
    return client.post(path, data={"csrf": csrf(page), **fields}, follow_redirects=False)


def audit(database: str) -> list[tuple[str, str, dict]]:
    engine = sa.create_engine(database)
    with engine.connect() as connection:
        rows = connection.execute(sa.select(AUDIT).order_by(AUDIT.c.id)).fetchall()
    engine.dispose()
    return [(row.user_name, row.action, json.loads(row.details)) for row in rows if row.action != "view"]


def store(database: str) -> AnswerStore:
    return AnswerStore(database)


def published(database: str) -> list[str]:
    answers = store(database)
    try:
        return sorted(answers.publication().revisions)
    finally:
        answers.close()


def test_an_editor_writes_a_draft_that_waits_for_a_publisher(person: Person, database: str) -> None:
    ana = person(ANA)
    assert 'href="/staff/odgovori"' in ana.get("/staff/").text  # in the navigation
    saved = save(ana, **CHILD_BENEFIT)
    assert saved.status_code == 303 and saved.headers["location"].startswith("/staff/odgovori/uredi/otroski-dodatek")
    page = ana.get(saved.headers["location"]).text
    assert "Osnutek je shranjen" in page and "čaka na objavo" in page and "Objavi najnovejšo" not in page
    assert 'name="id" value="otroski-dodatek"' in page and 'type="hidden" name="id"' in page  # fixed now
    overview = ana.get("/staff/odgovori").text
    drafts = overview.split('id="osnutki"')[1].split('id="objavljeni"')[0]
    assert "otroski-dodatek" in drafts and ANA in drafts
    assert "Objavljenega ni še nobenega odgovora." in overview
    assert "Objavi izbrane" not in overview and "Umakni" not in overview  # no buttons for an editor
    for link in ("/staff/odgovori/nov", "/staff/odgovori/kontakt", "/staff/odgovori/objave", "/staff/odgovori.yml",
                 "/staff/odgovori/preizkus"):  # fmt: skip
        assert f'href="{link}"' in overview
    assert (ANA, "answer_saved", {"entry": "otroski-dodatek", "revision": 1, "based_on": None}) in audit(database)


def test_a_new_entry_from_the_inbox_has_its_example_filled_in(person: Person) -> None:
    page = person(ANA).get("/staff/odgovori/nov?primer=Kdaj+dobim+otro%C5%A1ki+dodatek%3F+%3Cb%3E").text
    assert ">Kdaj dobim otroški dodatek? &lt;b&gt;</textarea>" in page
    assert person(ANA).get("/staff/odgovori/uredi/ni-ga").status_code == 404


def test_publishing_takes_a_publisher_and_a_second_person(person: Person, database: str) -> None:
    ana, pia, rok = person(ANA), person(PIA), person(ROK)
    save(ana, **CHILD_BENEFIT)
    refused = post(ana, "/staff/odgovori/objavi", izbrano="otroski-dodatek")
    assert refused.status_code == 403 and "potrebna je vloga objavitelj" in refused.text
    own = {**CHILD_BENEFIT, "id": "varstveni-dodatek", "vprasanja_sl": "Kaj je varstveni dodatek?\n"
           "Kako zaprosim za varstveni dodatek?\nKdo je upravičen do varstvenega dodatka?\ndodatek k nizki pokojnini"}  # fmt: skip
    assert save(pia, **own).status_code == 303
    page = pia.get("/staff/odgovori").text
    assert "Objavi izbrane" in page and "vaš</span>" in page
    four_eyes = post(pia, "/staff/odgovori/objavi", izbrano=["varstveni-dodatek"])
    assert four_eyes.status_code == 400
    assert (
        "Osnutek »varstveni-dodatek« ste napisali sami: objavi ga lahko le kdo drug (načelo štirih oči)."
        in four_eyes.text
    )
    assert published(database) == []
    done = post(rok, "/staff/odgovori/objavi", izbrano=["otroski-dodatek", "varstveni-dodatek"])
    assert done.status_code == 303, done.text
    overview = rok.get(done.headers["location"]).text
    assert "Objava št. 1 je v veljavi" in overview
    listed = overview.split('id="objavljeni"')[1]
    assert "otroski-dodatek" in listed and "Kako uveljavim otroški dodatek?" in listed and "Ana, pisarna" in listed
    assert "Ni osnutkov, ki bi čakali na objavo." in overview
    assert published(database) == ["otroski-dodatek", "varstveni-dodatek"]
    rows = audit(database)
    assert (PIA, "answers_publish_refused") in [(who, action) for who, action, _ in rows]
    assert (ROK, "answers_published", {"publication": 1, "entries": "otroski-dodatek,varstveni-dodatek"}) in rows


def test_withdraw_and_roll_back(person: Person, database: str) -> None:
    ana, rok = person(ANA), person(ROK)
    counted = {kind: value("csd_gateway_staff_publications_total", kind=kind) for kind in PUBLICATION_KINDS}
    save(ana, **CHILD_BENEFIT)
    assert post(rok, "/staff/odgovori/objavi", izbrano="otroski-dodatek").status_code == 303
    withdrawn = post(rok, "/staff/odgovori/umakni", odgovor="otroski-dodatek")
    assert withdrawn.status_code == 303 and published(database) == []
    assert "Odgovor je umaknjen (objava št. 2)." in rok.get(withdrawn.headers["location"]).text
    assert post(rok, "/staff/odgovori/umakni", odgovor="otroski-dodatek").status_code == 400  # not published
    assert post(ana, "/staff/odgovori/umakni", odgovor="otroski-dodatek").status_code == 403
    history = rok.get("/staff/odgovori/objave").text
    assert "umaknjen: otroski-dodatek" in history and "Objavi znova št. 1" in history
    assert "Objavi znova št. 2" not in history  # the one in force
    token = csrf(history)
    restored = rok.post("/staff/odgovori/objave/1/ponovno", data={"csrf": token}, follow_redirects=False)
    assert restored.status_code == 303 and published(database) == ["otroski-dodatek"]
    assert "(ponovno objava št. 1)" in rok.get("/staff/odgovori/objave").text
    missing = rok.post("/staff/odgovori/objave/99999999999999999999999/ponovno", data={"csrf": token})
    assert missing.status_code == 400 and "Objave št." in missing.text
    actions = [action for who, action, _ in audit(database) if who == ROK]
    assert actions[-4:] == ["answer_withdrawn", "answer_withdraw_refused", "publication_restored",
                            "publication_restore_refused"]  # fmt: skip
    # Each publication once in the metrics, a refused one not at all; the newest one's time for the alert that
    # an action server did not get it (deploy/prometheus/alerts.yml).
    assert {kind: value("csd_gateway_staff_publications_total", kind=kind) - counted[kind] for kind in counted} == {
        "publish": 1, "withdraw": 1, "restore": 1}  # fmt: skip
    assert value("csd_gateway_staff_publication_timestamp_seconds") > 0


def test_two_editors_on_one_entry_lose_nothing(person: Person, database: str) -> None:
    ana, bor = person(ANA), person(BOR)
    save(ana, **CHILD_BENEFIT)
    path = "/staff/odgovori/uredi/otroski-dodatek"
    ana_page, bor_page = ana.get(path).text, bor.get(path).text
    assert based_on(ana_page) == based_on(bor_page) == "1"
    mine = {**CHILD_BENEFIT, "odgovor_sl": "Anina nova različica odgovora."}
    assert ana.post("/staff/odgovori/shrani", data={"csrf": csrf(ana_page), "based_on": "1", **mine},
                    follow_redirects=False).status_code == 303  # fmt: skip
    his = {**CHILD_BENEFIT, "odgovor_sl": "Borova različica odgovora."}
    conflict = bor.post("/staff/odgovori/shrani", data={"csrf": csrf(bor_page), "based_on": "1", **his})
    assert conflict.status_code == 409
    text = conflict.text
    assert f"Odgovor je medtem spremenil(a) {ANA}" in text
    assert "  Anina nova različica odgovora." in text  # her text, shown
    assert text.count("Borova različica odgovora.") == 2  # his, shown and still in the form
    assert based_on(text) == "2"
    answers = store(database)
    assert [(rev.id, rev.author) for rev in answers.history("otroski-dodatek")] == [(2, ANA), (1, ANA)]
    answers.close()
    merged = {**CHILD_BENEFIT, "odgovor_sl": "Anina nova različica odgovora. Borova različica odgovora."}
    again = bor.post("/staff/odgovori/shrani", data={"csrf": csrf(text), "based_on": based_on(text), **merged},
                     follow_redirects=False)  # fmt: skip
    assert again.status_code == 303
    diff = bor.get("/staff/odgovori/razlike/otroski-dodatek?od=2&do=3").text
    assert '<span class="del">−   Anina nova različica odgovora.</span>' in diff
    assert '<span class="add">+   Anina nova različica odgovora. Borova različica odgovora.</span>' in diff
    assert "Datum mora" not in diff  # od/do are revisions here, not dates
    assert bor.get("/staff/odgovori/razlike/otroski-dodatek?od=x&do=3").status_code == 404
    assert bor.get("/staff/odgovori/razlike/otroski-dodatek?do=999999999999999999999").status_code == 404
    assert ("Bor Urednik", "answer_conflict") in [(who, action) for who, action, _ in audit(database)]
    # A new entry under an id that exists is a conflict too, not an overwrite.
    taken = save(ana, **{**CHILD_BENEFIT, "odgovor_sl": "Nekaj drugega."})
    assert taken.status_code == 409 and "Odgovor z oznako »otroski-dodatek« že obstaja" in taken.text


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"odgovor_sl": "Več na http://csd-kp.si/otroski"}, "Povezava »http://csd-kp.si/otroski« ni dovoljena"),
        ({"odgovor_sl": ""}, "Odgovor v slovenščini manjka."),
        ({"vprasanja_sl": "otroški dodatek"}, "Vpišite vsaj 3 primere vprašanj v slovenščini."),
        ({"pregled": "9999-12-31"}, "Datum pregleda mora biti med 2000-01-01 in 2099-12-31."),
        ({"pregled": "2026-13-45"}, "Datum pregleda »2026-13-45« manjka ali ni v obliki LLLL-MM-DD."),
        ({"id": "Otroški dodatek"}, "sme imeti le male črke a–z"),
        ({"id": CONTACT_ID}, "je rezervirana za kontaktne podatke"),
    ],
)
def test_field_problems_are_shown_and_nothing_is_saved(person: Person, database: str, fields: dict,
                                                       problem: str) -> None:  # fmt: skip
    refused = save(person(ANA), **{**CHILD_BENEFIT, **fields})
    assert refused.status_code == 400 and "Osnutek ni shranjen." in refused.text and problem in refused.text
    assert 'value="Ana, pisarna za denarne pomoči"' in refused.text  # the form keeps what was typed
    answers = store(database)
    assert answers.newest_revisions() == {}
    answers.close()


def test_a_publication_that_fails_its_checks_is_refused(person: Person, database: str) -> None:
    coverage = {**CHILD_BENEFIT, "id": "pokritost", "vprasanja_sl": "Katere občine pokriva pomoč na domu?\n"
                "Kje vse deluje pomoč na domu?\nKatere občine pokriva interventna služba?"}  # fmt: skip
    assert save(person(ANA), **coverage).status_code == 303
    refused = post(person(ROK), "/staff/odgovori/objavi", izbrano="pokritost")
    assert refused.status_code == 400 and "Objava ni mogoča:" in refused.text
    assert "pokritost: bi odgovoril na »katere občine pokriva pomoč na domu«, na kar pomočnik odgovori sam" in (
        refused.text.replace("&#34;", '"')
    )
    assert published(database) == []


def test_the_preview_shows_what_drafts_and_publication_would_answer(person: Person) -> None:
    ana = person(ANA)
    page = ana.get("/staff/odgovori/preizkus")
    assert page.status_code == 200 and 'name="vprasanje"' in page.text
    save(ana, **CHILD_BENEFIT)

    def preview(question: str, language: str = "sl") -> str:
        token = csrf(ana.get("/staff/odgovori/preizkus").text)
        response = ana.post("/staff/odgovori/preizkus", data={"csrf": token, "vprasanje": question, "jezik": language})
        assert response.status_code == 200
        return response.text

    drafts, publication = preview("Kako zaprosim za otroški dodatek za hčerko?").split("Z objavljenim")
    assert "Odgovor otroski-dodatek" in drafts and "Vlogo za otroški dodatek oddate na" in drafts
    assert '<a href="https://e-uprava.gov.si/" rel="noopener noreferrer">https://e-uprava.gov.si/</a>' in drafts
    assert "Ni odgovora osebja</strong>: ni nobenega odgovora" in publication
    assert "(slovensko)" in preview("Come richiedo l'assegno per i figli? otroški dodatek", "it")
    coverage = preview("Ali interventna služba pokriva Izolo?").split("Z objavljenim")[0]
    assert "Ni odgovora osebja</strong>: to vprašanje je za pomočnikovo lastno znanje" in coverage
    weak = preview("Kakšno bo jutri vreme?").split("Z objavljenim")[0]
    assert "Ni odgovora osebja</strong>: premalo podobno" in weak


def test_the_export_round_trips(person: Person, database: str) -> None:
    save(person(ANA), **CHILD_BENEFIT)
    post(person(ROK), "/staff/odgovori/objavi", izbrano="otroski-dodatek")
    response = person(ANA).get("/staff/odgovori.yml")
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/x-yaml")
    assert response.headers["content-disposition"] == 'attachment; filename="odgovori-objava-1.yml"'
    entries = read_bulk(response.text)
    answers = store(database)
    assert entries == answers.publication().entries() and entries[0].id == "otroski-dodatek"
    answers.close()


def test_the_contact_details_are_saved_and_published_on_four_eyes(person: Person, database: str) -> None:
    ana, rok = person(ANA), person(ROK)
    page = ana.get("/staff/odgovori/kontakt")
    assert page.status_code == 200 and "(05) 66 34 534" in page.text  # what the website says, beside it
    fields = {"csrf": csrf(page.text), "based_on": based_on(page.text), "phone": "05 123 45 67", "phone-vir": "",
              "email": "info@csd-kp.si", "email-vir": "Tajništvo"}  # fmt: skip
    refused = ana.post("/staff/odgovori/kontakt", data=fields)
    assert refused.status_code == 400 and "Telefon: vpišite vir (kdo v centru ga potrdi)." in refused.text
    assert 'value="05 123 45 67"' in refused.text
    fields["phone-vir"] = "Vodja enote"
    saved = ana.post("/staff/odgovori/kontakt", data=fields, follow_redirects=False)
    assert saved.status_code == 303
    assert "Kontaktni podatki so shranjeni kot osnutek" in ana.get(saved.headers["location"]).text
    assert 'href="/staff/odgovori/kontakt">Kontaktni podatki</a></th>' in rok.get("/staff/odgovori").text
    assert post(ana, "/staff/odgovori/objavi", izbrano=CONTACT_ID).status_code == 403
    assert post(rok, "/staff/odgovori/objavi", izbrano=CONTACT_ID).status_code == 303
    answers = store(database)
    assert answers.publication().contact() == {
        "phone": {"text": "05 123 45 67", "source": "Vodja enote"},
        "email": {"text": "info@csd-kp.si", "source": "Tajništvo"},
    }
    answers.close()
    assert "in kontaktni podatki" in rok.get("/staff/odgovori/objave").text


def test_what_staff_wrote_is_escaped_on_every_page(person: Person, database: str) -> None:
    ana, rok = person(ANA), person(ROK)
    hostile = {**CHILD_BENEFIT, "vprasanja_sl": CHILD_BENEFIT["vprasanja_sl"] + "\n" + SCRIPT, "vir": SCRIPT,
               "opomba": SCRIPT}  # fmt: skip
    assert save(ana, **hostile).status_code == 303
    refused = save(ana, **{**CHILD_BENEFIT, "id": "drugi", "odgovor_sl": SCRIPT})  # markup is refused, and shown
    assert refused.status_code == 400 and "oznake HTML" in refused.text
    answers = store(database)  # published as it is (the checks would refuse the example as too far from the rest)
    answers.publish("uvoz", ["otroski-dodatek"], note=SCRIPT)
    answers.close()
    token = csrf(ana.get("/staff/odgovori/preizkus").text)
    pages = [
        refused,
        ana.get("/staff/odgovori"),
        ana.get("/staff/odgovori/uredi/otroski-dodatek"),
        ana.get("/staff/odgovori/razlike/otroski-dodatek?do=1"),
        ana.get("/staff/odgovori/objave"),
        ana.post("/staff/odgovori/preizkus", data={"csrf": token, "vprasanje": SCRIPT + " otroški dodatek"}),
        ana.get("/staff/odgovori/nov?primer=" + SCRIPT),
        rok.get("/staff/odgovori"),
    ]
    for page in pages:
        assert page.status_code == 200 or page is refused
        assert "<script>" not in page.text and "&lt;script&gt;" in page.text, page.url


def test_an_overdue_review_is_flagged(person: Person, database: str) -> None:
    yesterday = (days.today() - timedelta(days=1)).isoformat()
    answers = store(database)
    data = Entry.from_data({"id": "stara", "questions": {"sl": ["a", "b", "c"]}, "answer": {"sl": "Stari odgovor."},
                            "source": "Ana", "review_by": yesterday})  # fmt: skip
    answers.import_entries([data, Entry.from_data({**data.to_data(), "id": "nova", "review_by": REVIEW})], "Ana",
                           publish_as="Rok")  # fmt: skip
    answers.close()
    page = person(ANA).get("/staff/odgovori").text
    rows = {row.split("</th>")[0].rsplit(">", 2)[-2].split("<")[0]: row for row in page.split("<tr")[1:]}
    assert "Pregled zapadel" in rows["stara"] and "Pregled zapadel" not in rows["nova"]
    assert page.count("Pregled zapadel") == 1


def test_self_publication_when_the_centre_allows_it(person: Person, database: str) -> None:
    pia = person(PIA, self_publish=True)
    save(pia, **CHILD_BENEFIT)
    done = post(pia, "/staff/odgovori/objavi", izbrano="otroski-dodatek")
    assert done.status_code == 303
    answers = store(database)
    publication = answers.publication()
    assert publication.self_approved and publication.publisher == PIA
    answers.close()
    assert "objavil(a) lasten osnutek" in pia.get("/staff/odgovori/objave").text
    [(who, action, details)] = [row for row in audit(database) if row[1] == "answers_published"]
    assert who == PIA and details["self_approved"] is True and "STAFF_SELF_PUBLISH" in details["note"]
