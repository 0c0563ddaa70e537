"""Staff answers in the staff area: how often each was given and how it was rated (from Rasa's `events` rows
and the feedback the gateway stores), and the way from the not-understood list to an answer; on SQLite and on
a real PostgreSQL."""

from __future__ import annotations

import re
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import sqlalchemy as sa
from starlette.testclient import TestClient

from bot.feedback import FeedbackStore, Outcome
from bot.staff.answer_stats import Usage
from bot.staff.inbox import NotAdded, NowAnswered, add_example, editable_entries
from bot.staff.store import Store
from runtime.role import ROOT
from runtime.tracker_store import LeanSQLTrackerStore
from staff_answers.entries import read_bulk
from staff_answers.store import AnswerStore
from storage.tables import AUDIT
from tests.bot.staff.conftest import LOGIN, TODAY, at
from tools.staff_seed import events_table

ENTRIES = read_bulk((ROOT / "tests" / "eval" / "answers" / "entries.yml").read_text(encoding="utf-8"))
WEEK = (TODAY - timedelta(days=6), TODAY)
SCRIPT = "<script>alert(1)</script> kako posvojiti otroka"


def csrf(page: str) -> str:
    return re.search(r'name="csrf" value="([0-9a-f]+)"', page).group(1)


# --- events as Rasa stores them ------------------------------------------------------------------------
def staff_turn(
    start: float, question: str, texts: list[str], entry: str | None, answer_id: str | None = None, **intent: Any
) -> list[dict[str, Any]]:
    """One turn: the user's message, the action, its bot messages with text, the custom message (naming the
    staff answer and the rating id when given), the slots and action_listen."""
    parse = {"intent": {"name": intent.get("name", "ask_practical_info"), "confidence": intent.get("confidence", 0.5)},
             "entities": [], "text": question, "metadata": {"language": "sl"}}  # fmt: skip
    custom: dict[str, Any] = {"language": "sl"}
    if entry is not None:
        custom["staff_answer"] = entry
    if answer_id is not None:
        custom["answer_id"] = answer_id
    events = [
        {"event": "user", "timestamp": start, "text": question, "parse_data": parse, "metadata": {"language": "sl"}},
        {"event": "action", "timestamp": start + 0.01, "name": "action_answer_practical_info"},
    ]
    events += [{"event": "bot", "timestamp": start + 0.02 + n / 100, "text": text, "data": {}}
               for n, text in enumerate(texts)]  # fmt: skip
    events += [
        {"event": "bot", "timestamp": start + 0.1, "text": None, "data": {"custom": custom}},
        {"event": "slot", "timestamp": start + 0.11, "name": "topic", "value": "staff_answer" if entry else None},
        {"event": "action", "timestamp": start + 0.12, "name": "action_listen"},
    ]
    return events


def write_events(url: str, sender: str, events: list[dict[str, Any]]) -> None:
    engine = sa.create_engine(url)
    table = events_table(engine)
    with engine.begin() as connection:
        connection.execute(table.insert(), [LeanSQLTrackerStore._row(sender, e, e["event"]) for e in events])
    engine.dispose()


def rate(url: str, sender: str, answer_id: str, value: int) -> None:
    """👍/👎 as the gateway stores it (bot/feedback.py finds the answer's timestamp itself)."""
    feedback = FeedbackStore(url)
    try:
        assert feedback.record(sender, answer_id, value) is Outcome.STORED
    finally:
        feedback.close()


def test_usage_and_ratings_per_staff_answer(database: str) -> None:
    ids = {name: uuid.uuid4().hex for name in ("a1", "a2", "a3", "b1", "b2", "old", "c1")}
    write_events(database, "web:staff-a", [
        *staff_turn(at(1), "dodatek za veliko družino?", ["TESTNI ODGOVOR dodatek za veliko družino."],
                    "velika-druzina", ids["a1"]),
        *staff_turn(at(1, 2), "kdaj se izplača", ["TESTNI ODGOVOR dodatek za veliko družino."], "velika-druzina",
                    ids["a2"]),
        # The emergency lines before the staff answer: the rated answer is the last text, the staff answer's.
        *staff_turn(at(1, 4), "posvojitev otroka", ["Klic v sili: 112", "TESTNI ODGOVOR posvojitev."], "posvojitev",
                    ids["a3"]),
        # A staff answer the actions gave no rating id to: given, never rated.
        *staff_turn(at(1, 6), "posvojitev", ["TESTNI ODGOVOR posvojitev."], "posvojitev"),
    ])  # fmt: skip
    write_events(database, "tg:staff-b", [
        *staff_turn(at(2), "tretji otrok dodatek", ["TESTNI ODGOVOR dodatek za veliko družino."], "velika-druzina",
                    ids["b1"]),
        # No staff answer (its text even names one): its 👍 is no staff answer's.
        *staff_turn(at(2, 2), "kje ste", ['Naslov: "staff_answer" Ulica 1'], None, ids["b2"]),
    ])  # fmt: skip
    # Given before the range: counted in another week only.
    write_events(database, "web:staff-old", staff_turn(at(20), "posvojitev", ["TESTNI ODGOVOR posvojitev."],
                                                       "posvojitev", ids["old"]))  # fmt: skip
    # Another conversation's answer at the very moment of web:staff-a's first one: a vote pairs by sender too.
    write_events(database, "web:staff-c", staff_turn(at(1), "kje ste", ["Naslov centra …"], None, ids["c1"]))
    rate(database, "web:staff-a", ids["a1"], 1)
    rate(database, "web:staff-a", ids["a3"], -1)
    rate(database, "tg:staff-b", ids["b1"], -1)
    rate(database, "tg:staff-b", ids["b2"], 1)
    rate(database, "web:staff-old", ids["old"], 1)
    rate(database, "web:staff-c", ids["c1"], -1)

    store = Store(database, b"test-key")
    assert store.answer_usage(*WEEK) == {
        "velika-druzina": Usage(given=3, up=1, down=1),
        "posvojitev": Usage(given=2, up=0, down=1),
    }
    assert store.answer_usage(TODAY - timedelta(days=25), TODAY - timedelta(days=15)) == {
        "posvojitev": Usage(given=1, up=1, down=0)
    }
    assert store.answer_usage(*WEEK)["velika-druzina"].helpful == 0.5
    assert Usage(given=2).helpful is None


def test_usage_without_events(tmp_path: Path) -> None:
    assert Store(f"sqlite:///{tmp_path / 'empty.db'}", b"k").answer_usage(*WEEK) == {}


def test_the_overview_lists_staff_answers(client: TestClient, database: str) -> None:
    AnswerStore(database).import_entries(ENTRIES[:2], "Uvoz", publish_as="Uvoz")
    answer_id = uuid.uuid4().hex
    write_events(database, "web:staff-a", [
        *staff_turn(at(1), "dodatek za veliko družino?", ["TESTNI ODGOVOR"], "velika-druzina", answer_id),
        *staff_turn(at(1, 2), "x", ["TESTNI ODGOVOR"], "<b>ne-obstaja</b>"),  # what an old action named
    ])  # fmt: skip
    rate(database, "web:staff-a", answer_id, 1)
    page = client.get("/staff/").text
    assert "Odgovori osebja" in page
    row = re.search(r'<tr><th scope="row"><a href="/staff/odgovori/uredi/velika-druzina">velika-druzina</a></th>'
                    r"(.*?)</tr>", page).group(1)  # fmt: skip
    assert row == "<td>1</td><td>1</td><td>0</td><td>100 %</td>"
    assert 'href="/staff/odgovori/uredi/starsevski-dodatek">starsevski-dodatek</a></th><td>0</td>' in page
    assert "&lt;b&gt;ne-obstaja&lt;/b&gt;" in page and "<b>ne-obstaja" not in page


# --- from the not-understood list to an answer ------------------------------------------------------------
@pytest.fixture
def published(database: str) -> AnswerStore:
    """The team's test entries published, and two more not-understood texts: one an entry takes, one with
    markup."""
    answers = AnswerStore(database)
    answers.import_entries(ENTRIES, "Uvoz", publish_as="Uvoz")
    write_events(database, "web:inbox", [
        *staff_turn(at(0, -60), "Imamo štiri otroke, ali dobimo dodatek za veliko družino?", ["Tega žal ne vem."],
                    None, name="nlu_fallback", confidence=0.3),
        *staff_turn(at(0, -50), SCRIPT, ["Tega žal ne vem."], None, name="nlu_fallback", confidence=0.3),
    ])  # fmt: skip
    return answers


def rows(page: str) -> dict[str, str]:
    """text -> its row's HTML, for each row of the list."""
    found = re.findall(r'<th scope="row" class="text">(.*?)</th>(.*?)</tr>', page, re.S)
    return {text: row for text, row in found}


def test_the_list_says_which_answer_takes_a_text_now(client: TestClient, published: AnswerStore) -> None:
    page = client.get("/staff/nerazumljeno").text
    shown = rows(page)
    family = shown["Imamo štiri otroke, ali dobimo dodatek za veliko družino?"]
    assert 'Zdaj odgovori: <a href="/staff/odgovori/uredi/velika-druzina">velika-druzina</a>' in family
    assert "Zdaj odgovori: " in shown["kako se prijavim na denarno socialno pomoč"]  # a seeded text, now taken
    assert "Zdaj odgovori: " not in shown["kdo je ŽUPAN"]
    link = re.search(r'href="(/staff/odgovori/nov\?[^"]+)"', family).group(1)
    assert parse_qs(urlsplit(link.replace("&amp;", "&")).query) == {
        "primer": ["Imamo štiri otroke, ali dobimo dodatek za veliko družino?"]
    }
    assert "Dodaj kot primer k:" in family and 'form="primer-' in family
    options = re.findall(r'<option value="([a-z0-9-]+)"', family.split("Dodaj kot primer k:")[1])
    assert options == sorted(entry.id for entry in ENTRIES)  # the published entries (no drafts yet)
    assert '<option value="velika-druzina" selected>' in family

    only = rows(client.get("/staff/nerazumljeno?osebje=1").text)
    assert "kdo je ŽUPAN" not in only and "Imamo štiri otroke, ali dobimo dodatek za veliko družino?" in only


def test_nothing_published_nothing_offered(client: TestClient) -> None:
    page = client.get("/staff/nerazumljeno").text
    assert "Zdaj odgovori: " not in page and "Nov odgovor" in page and "Dodaj kot primer k:" not in page


def test_a_text_becomes_an_example_of_a_draft(client: TestClient, published: AnswerStore) -> None:
    before = published.history("posvojitev")[0]
    page = client.get("/staff/nerazumljeno").text
    text = "Imamo štiri otroke, ali dobimo dodatek za veliko družino?"
    form = {"csrf": csrf(page), "besedilo": text, "jezik": "sl", "odgovor": "posvojitev"}
    since = (TODAY - timedelta(days=30)).isoformat()
    response = client.post(f"/staff/nerazumljeno/primer?od={since}&kanal=web", data=form, follow_redirects=False)
    assert response.status_code == 303
    location = response.headers["location"]
    assert location == f"/staff/nerazumljeno?od={since}&do={TODAY.isoformat()}&kanal=web&dodano=posvojitev"
    newest = published.history("posvojitev")[0]
    assert newest.id != before.id and newest.based_on == before.id and newest.author == LOGIN[0]
    assert newest.data["questions"]["sl"] == [*before.data["questions"]["sl"], text]
    assert newest.data["answer"] == before.data["answer"]
    assert "posvojitev" in published.drafts()
    assert published.publication().revisions["posvojitev"].id == before.id  # published only by a publisher
    notice = client.get(location).text
    assert "Primer je dodan osnutku odgovora posvojitev; objavi ga objavitelj." in notice

    # The same text again: nothing written.
    again = client.post("/staff/nerazumljeno/primer", data=form, follow_redirects=False)
    assert again.headers["location"].endswith("&obstaja=posvojitev")
    assert published.history("posvojitev")[0].id == newest.id
    engine = sa.create_engine(published.engine.url)
    with engine.connect() as connection:
        audited = connection.execute(sa.select(AUDIT.c.action, AUDIT.c.details).order_by(AUDIT.c.id)).fetchall()
    engine.dispose()
    added = [details for action, details in audited if action == "answer_example_added"]
    assert len(added) == 2 and '"entry": "posvojitev"' in added[0] and text not in added[0]


def test_an_example_for_no_entry_or_without_the_token_is_refused(client: TestClient, published: AnswerStore) -> None:
    page = client.get("/staff/nerazumljeno").text
    revisions = len(published.history("posvojitev"))
    for data, status in [
        ({"csrf": csrf(page), "besedilo": "x y", "odgovor": "ni-ga"}, 404),
        ({"csrf": csrf(page), "besedilo": "x y", "odgovor": "kontakt"}, 404),
        ({"csrf": csrf(page), "besedilo": "x y", "odgovor": "<script>"}, 404),
        ({"besedilo": "x y", "odgovor": "posvojitev"}, 403),  # no token
        ({"csrf": "0" * 64, "besedilo": "x y", "odgovor": "posvojitev"}, 403),
        ({"csrf": csrf(page), "besedilo": "   ", "odgovor": "posvojitev"}, 400),
        ({"csrf": csrf(page), "besedilo": "a" * 301, "odgovor": "posvojitev"}, 400),
    ]:
        response = client.post("/staff/nerazumljeno/primer", data=data, follow_redirects=False)
        assert response.status_code == status, data
        assert "<script>" not in response.text
    assert len(published.history("posvojitev")) == revisions
    assert "ni-ga" not in published.newest_revisions()


def test_markup_in_a_text_is_escaped_everywhere(client: TestClient, published: AnswerStore) -> None:
    page = client.get("/staff/nerazumljeno").text
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; kako posvojiti otroka" in page
    row = rows(page)["&lt;script&gt;alert(1)&lt;/script&gt; kako posvojiti otroka"]
    assert 'Zdaj odgovori: <a href="/staff/odgovori/uredi/posvojitev">' in row
    assert "/staff/odgovori/nov?primer=%3Cscript%3Ealert%281%29%3C%2Fscript%3E" in row
    assert 'name="besedilo" value="&lt;script&gt;alert(1)&lt;/script&gt; kako posvojiti otroka"' in page
    # Added as it was typed (the answer page escapes it in turn), and the notice after it is escaped too.
    form = {"csrf": csrf(page), "besedilo": SCRIPT, "jezik": "it", "odgovor": "posvojitev"}
    response = client.post("/staff/nerazumljeno/primer", data=form)
    assert response.status_code == 200 and "<script>alert" not in response.text
    assert published.history("posvojitev")[0].data["questions"]["it"][-1] == SCRIPT


# --- the pieces on their own -------------------------------------------------------------------------------
def test_a_conflict_is_retried_once_from_the_newest_revision(tmp_path: Path) -> None:
    class Busy(AnswerStore):
        """Someone else saves the entry just before each of the first `busy` saves."""

        busy = 0

        def save(self, entry_id: str, data: Any, author: str, based_on: int | None, note: str = "") -> Any:
            if self.busy:
                self.busy -= 1
                newest = self.history(entry_id)[0]
                other = {**newest.data, "source": "drugi vir"}
                super().save(entry_id, other, "Bojan", newest.id)
            return super().save(entry_id, data, author, based_on, note)

    answers = Busy(f"sqlite:///{tmp_path / 'answers.db'}")
    answers.import_entries(ENTRIES[:1], "Uvoz", publish_as="Uvoz")
    answers.busy = 1
    added = add_example(answers, "velika-druzina", "  dodatek   za   četrtega otroka ", "sl", "Ana")
    assert added.retried and added.revision is not None
    newest = answers.history("velika-druzina")[0]
    assert newest.data["source"] == "drugi vir"  # the other edit kept
    assert newest.data["questions"]["sl"][-1] == "dodatek za četrtega otroka"

    answers.busy = 2
    with pytest.raises(Exception, match="medtem spremenil"):
        add_example(answers, "velika-druzina", "še en primer", "sl", "Ana")
    with pytest.raises(NotAdded):
        add_example(answers, "ni-ga", "primer", "sl", "Ana")


def test_the_matcher_is_built_once_per_publication(tmp_path: Path) -> None:
    answers = AnswerStore(f"sqlite:///{tmp_path / 'answers.db'}")
    built: list[int] = []

    def builder(store: AnswerStore, publication_id: int) -> Any:
        from staff_answers.corpus import corpus
        from staff_answers.live import build

        built.append(publication_id)
        return build(store.publication(publication_id), corpus())

    now = NowAnswered(answers, builder)
    assert now.live() is None and built == []
    answers.import_entries(ENTRIES, "Uvoz", publish_as="Uvoz")
    first = now.live()
    assert now.live() is first and built == [first.id]
    answers.withdraw("Objavitelj", "velika-druzina")
    assert now.live().id != first.id and len(built) == 2
    assert "velika-druzina" in editable_entries(answers)  # withdrawn from the publication, still a draft
