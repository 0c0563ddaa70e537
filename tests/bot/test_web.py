"""The chat API and the health check: the real gateway in front of the real assistant."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from starlette.testclient import TestClient

from bot.conversation import Assistant
from bot.web import create_app
from knowledge import load_knowledge_base
from knowledge.language import LanguageGuesser
from knowledge.schema import WidgetLabels
from replies import answers
from replies.answers import emergency, emergency_in
from replies.languages import SERVED, served
from runtime.stack import free_port
from runtime.tracker_store import TURNS_LOADED
from tests.bot.fake_rasa import GOODBYE, goodbye_rasa
from tests.knowledge.test_language import DANGER, ORDINARY, SLOVENIAN_DANGER

KB = load_knowledge_base()
KB_IT = load_knowledge_base(language="it")
NOTE = KB.reply("other_language").text
EMERGENCY_IT = answers.emergency(KB_IT).text
GUESSER = LanguageGuesser(KB)


def emergency_of(language: str) -> str:
    """The emergency lines as the actions send them in a served language."""
    return answers.emergency(load_knowledge_base(language=language)).text


def chat(settings, body, **kwargs) -> httpx.Response:
    return httpx.post(f"{settings.gateway_url}/api/chat", json=body, timeout=30.0, **kwargs)


def test_answer_and_follow_up(assistant_stack) -> None:
    first = chat(assistant_stack, {"session": "web-test-1", "text": "Ali interventna služba pokriva Izolo?"})
    assert first.status_code == 200
    assert first.json()["messages"][0]["text"].startswith("Da, regijska interventna služba pokriva tudi Izolo.")
    follow_up = chat(assistant_stack, {"session": "web-test-1", "text": "kaj pa sezana"})
    assert follow_up.json()["messages"][0]["text"].startswith("Ne, regijska interventna služba ne pokriva Sežane.")


def test_buttons_and_a_payload(assistant_stack) -> None:
    reply = chat(assistant_stack, {"session": "web-test-2", "text": "katere regijske naloge imate"}).json()
    buttons = reply["messages"][0]["buttons"]
    assert buttons[0] == {"title": "Interventna služba", "payload": '/ask_task_coverage{"task": "interventna_sluzba"}'}
    pressed = chat(assistant_stack, {"session": "web-test-2", "payload": buttons[0]["payload"]}).json()
    assert pressed["messages"][0]["text"].startswith(
        "Regijska interventna služba pokriva občine Koper, Izola in Piran."
    )
    assert "buttons" not in pressed["messages"][0]


def test_a_new_session_starts_a_new_conversation(assistant_stack) -> None:
    reply = chat(assistant_stack, {"session": "never-seen-before", "text": "kaj pa sezana"}).json()
    assert reply["messages"] and not reply["messages"][0]["text"].startswith("Ne, regijska interventna")


@pytest.mark.parametrize(
    ("content", "status", "error"),
    [
        (b"{not json", 400, "body must be JSON"),
        (b"[1, 2]", 400, "JSON object"),
        (b'{"text": "zivjo"}', 400, "`session`"),
        (b'{"session": "a b", "text": "zivjo"}', 400, "`session`"),
        (b'{"session": "abc"}', 400, "either `text` or `payload`"),
        (b'{"session": "abc", "text": "x", "payload": "/greet"}', 400, "either `text` or `payload`"),
        (b'{"session": "abc", "text": 5}', 400, "`text`"),
        (b'{"session": "abc", "text": "   "}', 400, "`text`"),
        (b'{"session": "abc", "payload": "greet"}', 400, "`payload`"),
        (b'{"session": "abc", "text": "' + b"a" * 5000 + b'"}', 413, "at most"),
        (b'{"session": "abc", "text": "' + b"a" * 20000 + b'"}', 413, "too large"),
    ],
)
def test_bad_requests_get_a_clear_4xx(assistant_stack, content: bytes, status: int, error: str) -> None:
    response = httpx.post(f"{assistant_stack.gateway_url}/api/chat", content=content, timeout=10.0)
    assert response.status_code == status
    assert error in response.json()["error"]


def test_health(assistant_stack) -> None:
    assert httpx.get(f"{assistant_stack.gateway_url}/healthz").status_code == 200


def test_rasa_down_gives_503_health_and_an_apology_with_emergency_numbers() -> None:
    assistant = Assistant([f"http://127.0.0.1:{free_port()}"], 2.0, load_knowledge_base())
    with TestClient(create_app(assistant)) as client:
        assert client.get("/healthz").status_code == 503
        reply = client.post("/api/chat", json={"session": "s", "text": "pomagajte"})
    assert reply.status_code == 200
    text = reply.json()["messages"][0]["text"]
    assert text.startswith("Oprostite, pomočnik ta trenutek ne more odgovoriti.")
    assert "112" in text and "113" in text and "116 123" in text


def test_history_of_a_conversation(assistant_stack) -> None:
    session = "web-history-1"
    overview = chat(assistant_stack, {"session": session, "text": "katere regijske naloge imate"}).json()
    payload = overview["messages"][0]["buttons"][5]["payload"]
    chat(assistant_stack, {"session": session, "payload": payload})
    turns = httpx.get(f"{assistant_stack.gateway_url}/api/history", params={"session": session}).json()["turns"]
    assert [t["role"] for t in turns] == ["user", "assistant", "user", "assistant"]
    assert turns[0]["text"] == "katere regijske naloge imate"
    assert turns[1]["buttons"][5]["title"] == "Obravnava v skupnosti"
    assert turns[2]["text"] == "Obravnava v skupnosti"  # a pressed button shows as its title
    assert turns[3]["text"].startswith("Koordinacija obravnave v skupnosti pokriva")


def test_a_long_conversation_keeps_its_language_its_follow_ups_and_its_whole_history(assistant_stack) -> None:
    """A turn loads only the conversation's latest turns (runtime/tracker_store.py): what was settled
    before them (the language) still holds, a follow-up still takes the task before it, and the history
    still shows the whole conversation."""
    session, said = "web-long-1", ["Quali comuni copre il servizio di intervento?"]
    chat(assistant_stack, {"session": session, "text": said[0]})
    for turn in range(2 * TURNS_LOADED):
        said.append(("ok", "Komen", "Izola")[turn % 3])
        chat(assistant_stack, {"session": session, "text": said[-1]})
    last = chat(assistant_stack, {"session": session, "text": "Komen"}).json()["messages"][0]["text"]
    # In Italian, chosen 21 turns ago: what is done for Komen, or whether the task asked about covers it.
    assert last.startswith(("Per Komen (Comeno) il CSD Koper svolge", "No, il servizio di intervento regionale"))
    chat(assistant_stack, {"session": session, "text": "Quali comuni copre il servizio di intervento?"})
    follow_up = chat(assistant_stack, {"session": session, "text": "e Sežana?"}).json()["messages"][0]["text"]
    assert follow_up.startswith("No, il servizio di intervento regionale non copre Sežana")
    turns = httpx.get(f"{assistant_stack.gateway_url}/api/history", params={"session": session}).json()["turns"]
    asked = [turn["text"] for turn in turns if turn["role"] == "user"]
    assert asked == [*said, "Komen", "Quali comuni copre il servizio di intervento?", "e Sežana?"]


def test_history_of_an_unknown_session_is_empty_and_a_bad_one_refused(assistant_stack) -> None:
    url = f"{assistant_stack.gateway_url}/api/history"
    assert httpx.get(url, params={"session": "nobody-here"}).json() == {"turns": []}
    assert httpx.get(url, params={"session": "../../etc"}).status_code == 400
    assert httpx.get(url).status_code == 400


# What every visitor of an embedding page downloads once (then revalidates by ETag): the two files as written,
# comments and all, since the widget has no build step. 25 KiB until the language menu for any number of
# languages (about 3.7 KB, most of it the keyboard and screen-reader handling of a WAI-ARIA menu button);
# 29.2 KB with it, so 30 KiB keeps the rule that the widget stays small without making every addition a cut.
WIDGET_BYTES = 30 * 1024


def test_widget_files_and_demo_page(assistant_stack) -> None:
    page = httpx.get(f"{assistant_stack.gateway_url}/")
    assert page.status_code == 200 and '<script src="/widget.js"' in page.text
    script = httpx.get(f"{assistant_stack.gateway_url}/widget.js")
    style = httpx.get(f"{assistant_stack.gateway_url}/widget.css")
    assert script.headers["content-type"].startswith("text/javascript")
    assert style.headers["content-type"].startswith("text/css")
    assert len(script.content) + len(style.content) <= WIDGET_BYTES
    assert "innerHTML" not in script.text  # everything is inserted as text
    assert not [word for word in ("Pošlji", "Napišite", "Invia") if word in script.text]  # from /api/config
    italian = httpx.get(f"{assistant_stack.gateway_url}/it")
    assert '<html lang="it">' in italian.text and '<script src="/widget.js"' in italian.text


def in_process_app(**options) -> TestClient:
    assistant = Assistant([f"http://127.0.0.1:{free_port()}"], 1.0, load_knowledge_base())
    return TestClient(create_app(assistant, **options))


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/chat", {"session": "abc\n", "text": "zivjo"}),
        ("/api/feedback", {"session": "abc\n", "answer_id": "0" * 32, "value": "up"}),
        ("/api/feedback", {"session": "abc", "answer_id": "0" * 32 + "\n", "value": "up"}),
    ],
)
def test_an_id_ending_in_a_newline_is_refused(path: str, body: dict[str, str]) -> None:
    # `$` matches before a final newline: "abc\n" would be another conversation than "abc".
    with in_process_app() as client:
        response = client.post(path, json=body)
        assert response.status_code == 400, response.text
        assert client.get("/api/history", params={"session": "abc\n"}).status_code == 400


NESTED = [b"[" * 1000 + b"]" * 1000, b'{"a":' * 1000 + b"1" + b"}" * 1000, b'{"session": "s", "text": ' + b"[" * 5000]


@pytest.mark.parametrize("path", ["/api/chat", "/api/feedback"])
@pytest.mark.parametrize("body", NESTED, ids=["lists", "objects", "unclosed"])
def test_deeply_nested_json_is_a_clear_400(path: str, body: bytes) -> None:
    # json.loads raises RecursionError, not a JSONDecodeError, past about a thousand levels.
    with in_process_app() as client:
        response = client.post(path, content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 400 and response.json()["error"] == "body must be JSON"


def test_config_names_the_help_lines_for_the_widget() -> None:
    with in_process_app(retention_days=14) as client:
        config = client.get("/api/config").json()
    assert config["retention_days"] == 14
    assert config["help_lines"] == ["112", "113", "116 111", "116 123", "080 11 55"]


@pytest.mark.parametrize(
    ("days", "slovenian", "italian"),
    [
        (1, "en dan", "un giorno"),
        (2, "dva dneva", "due giorni"),
        (4, "štiri dni", "quattro giorni"),
        (14, "14 dni", "14 giorni"),
    ],
)
def test_the_retention_says_its_days_agreeing_with_the_number(days: int, slovenian: str, italian: str) -> None:
    with in_process_app(retention_days=days) as client:
        words = client.get("/api/config").json()["languages"]
    assert words["sl"]["retention"] == f"Pogovor se izbriše {slovenian} po zadnjem sporočilu."
    assert words["it"]["retention"] == f"La conversazione viene cancellata {italian} dopo l'ultimo messaggio."


def test_config_gives_the_widget_its_words_in_every_language_and_their_names() -> None:
    with in_process_app() as client:
        config = client.get("/api/config").json()
    assert config.keys() == {
        "retention_days", "help_lines", "languages", "default_language", "language_names", "language_hints"
    }  # fmt: skip
    assert config["default_language"] == SERVED[0] == "sl"
    assert list(config["languages"]) == list(config["language_names"]) == list(SERVED)  # the menu's order
    assert config["language_names"]["sl"] == "Slovenščina" and config["language_names"]["it"] == "Italiano"
    assert all(words.keys() == set(WidgetLabels.__fields__) for words in config["languages"].values())
    # Bosnian and Serbian tags are read as Croatian, only when Croatian is served
    assert config["language_hints"] == ({"bs": "hr", "sr": "hr", "cnr": "hr", "sh": "hr"} if "hr" in SERVED else {})
    slovenian, italian = config["languages"]["sl"], config["languages"]["it"]
    retention = {"retention": "Pogovor se izbriše 30 dni po zadnjem sporočilu."}
    assert slovenian == KB.widget.dict() | retention
    assert italian == load_knowledge_base(language="it").widget.dict() | {
        "retention": "La conversazione viene cancellata 30 giorni dopo l'ultimo messaggio."
    }
    assert italian["notice"].startswith("Sono un assistente automatico, non una persona.")
    assert (slovenian["language_menu"], italian["language_menu"]) == ("Jezik pogovora", "Lingua della conversazione")


def test_cors_allows_only_the_listed_origins() -> None:
    with in_process_app(cors_origins=("https://www.koper.si",)) as client:
        allowed = client.options(
            "/api/chat", headers={"Origin": "https://www.koper.si", "Access-Control-Request-Method": "POST"}
        )
        assert allowed.headers.get("access-control-allow-origin") == "https://www.koper.si"
        refused = client.options(
            "/api/chat", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"}
        )
        assert "access-control-allow-origin" not in refused.headers
        simple = client.get("/healthz", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in simple.headers


def test_a_flooding_session_is_slowed_down_politely_and_others_are_not() -> None:
    with in_process_app(messages_per_minute=3) as client:
        codes = [
            client.post("/api/chat", json={"session": "flood", "text": f"sporočilo {i}"}).status_code for i in range(4)
        ]
        assert codes == [200, 200, 200, 429]
        slowed = client.post("/api/chat", json={"session": "flood", "text": "še eno"}).json()
        assert slowed["messages"][0]["text"].startswith("Prosimo, počakajte trenutek")
        assert "112" in slowed["messages"][0]["text"]
        assert client.post("/api/chat", json={"session": "calm", "text": "zivjo"}).status_code == 200


@pytest.mark.parametrize(
    "text",
    [
        "Hello, what does the centre do?",
        "Good morning, which municipalities do you cover?",
    ],
)
def test_another_language_gets_a_polite_reply_or_its_answer(assistant_stack, text: str) -> None:
    """A language the assistant does not answer in gets the polite note in several languages; one it answers
    in (English, since it is served) gets its answer in that language."""
    language = GUESSER.guess(text)
    answer = chat(assistant_stack, {"session": f"lang-{language}", "text": text}).json()
    reply = answer["messages"][0]["text"]
    if served(language):
        assert answer["language"] == language and reply != NOTE
        return
    assert reply == NOTE and reply.startswith("Odgovarjam v slovenščini") and "112" in reply


def test_croatian_is_answered_in_croatian(assistant_stack) -> None:
    answer = chat(assistant_stack, {"session": "lang-hr", "text": "Gdje je centar za socijalnu skrb?"}).json()
    assert answer["language"] == "hr"
    assert answer["messages"][0]["text"].startswith("Prema podacima s mrežne stranice centra")
    assert "• adresa: Prisoje 1, 6000 Koper" in answer["messages"][0]["text"]


def chat_behind_goodbye_rasa(text: str) -> tuple[list[str], list[str]]:
    """The gateway's replies to `text` when Rasa takes every message for a goodbye, and what reached Rasa."""

    async def scenario() -> tuple[list[dict[str, Any]], list[str]]:
        received: list[str] = []
        async with goodbye_rasa(received) as rasa_url:
            assistant = Assistant([rasa_url], 5.0, KB)
            transport = httpx.ASGITransport(app=create_app(assistant))
            async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as client:
                response = await client.post("/api/chat", json={"session": "danger-test", "text": text})
            await assistant.close()
        return response.json()["messages"], received

    messages, received = asyncio.run(scenario())
    return [message["text"] for message in messages], received


@pytest.mark.parametrize(
    ("language", "text"), [(code, text) for code, texts in DANGER.items() for text in texts if not served(code)]
)
def test_danger_in_another_language_gets_the_emergency_lines_whatever_rasa_makes_of_it(
    language: str, text: str, caplog
) -> None:
    with caplog.at_level("DEBUG"):
        replies, received = chat_behind_goodbye_rasa(text)
    assert replies == [emergency_in(KB, language).text, NOTE]  # the line in its language, every number, the note
    assert received == []  # nothing of it reaches Rasa (or its tracker store)
    assert all(text not in record.getMessage() for record in caplog.records)


@pytest.mark.parametrize(
    ("language", "text"), [(code, text) for code, texts in DANGER.items() for text in texts if served(code)]
)
def test_danger_in_a_served_language_gets_its_emergency_lines_first_whatever_rasa_makes_of_it(
    language: str, text: str
) -> None:
    """A served language (Italian, English, Croatian) is answered by Rasa; should its answer lack the emergency lines, the
    gateway puts them first, in that language."""
    replies, received = chat_behind_goodbye_rasa(text)
    assert replies == [emergency_of(language), GOODBYE] and len(received) == 1


@pytest.mark.parametrize("text", [text for texts in ORDINARY.values() for text in texts])
def test_an_ordinary_foreign_message_gets_no_emergency_lines(text: str) -> None:
    replies, received = chat_behind_goodbye_rasa(text)
    language = GUESSER.guess(text)
    if language is not None and not served(language):
        assert replies == [NOTE] and received == []  # the polite note only, as before
    else:
        assert replies == [GOODBYE] and received == [text]  # served, or too short to tell: Rasa answers


@pytest.mark.parametrize("text", SLOVENIAN_DANGER)
def test_slovenian_danger_still_goes_to_rasa(text: str) -> None:
    replies, received = chat_behind_goodbye_rasa(text)
    assert received == [text] and replies == [GOODBYE]  # Rasa answers; its actions send the emergency lines


def test_a_payload_the_gateway_does_not_know_is_redacted_and_a_known_one_passes() -> None:
    async def scenario() -> list[str]:
        received: list[str] = []
        async with goodbye_rasa(received) as rasa_url:
            assistant = Assistant([rasa_url], 5.0, KB)
            transport = httpx.ASGITransport(app=create_app(assistant))
            async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as client:
                for payload in (
                    '/ask_centres{"municipality": "ana.novak@example.si"}',
                    '/ask_centres{"municipality": "Piran"}',
                ):
                    response = await client.post("/api/chat", json={"session": "payload-test", "payload": payload})
                    assert response.status_code == 200
            await assistant.close()
        return received

    assert asyncio.run(scenario()) == [
        'ask_centres{"municipality": "[e-naslov]"}',
        '/ask_centres{"municipality": "Piran"}',
    ]


def test_what_goes_on_to_rasa_is_still_redacted() -> None:
    replies, received = chat_behind_goodbye_rasa("Pokličite me na 041 123 456, mož me tepe")
    assert received == ["Pokličite me na [telefon], mož me tepe"]
    replies, received = chat_behind_goodbye_rasa("chiamatemi al 041 123 456, mi picchia")
    assert received == ["chiamatemi al [telefon], mi picchia"] and replies[0] == EMERGENCY_IT


def test_the_reported_italian_message_gets_the_emergency_lines_in_italian_not_a_goodbye(assistant_stack) -> None:
    body = {"session": "danger-it-1", "text": "Non ce la faccio più, voglio farla finita"}
    answer = chat(assistant_stack, body).json()
    replies = [m["text"] for m in answer["messages"]]
    assert replies[0] == EMERGENCY_IT and answer["language"] == "it"
    assert not any("Nasvidenje" in reply or "Arrivederci" in reply for reply in replies) and NOTE not in replies


def test_an_italian_question_is_answered_in_italian_and_a_follow_up_keeps_it(assistant_stack) -> None:
    first = chat(assistant_stack, {"session": "it-1", "text": "Il servizio di intervento copre anche Pirano?"}).json()
    assert first["language"] == "it" and first["messages"][0]["text"].startswith("Sì, il servizio di intervento")
    follow_up = chat(assistant_stack, {"session": "it-1", "text": "e Postumia?", "language": "it"}).json()
    assert follow_up["messages"][0]["text"].startswith("No, il servizio di intervento regionale non copre Postojna")


def test_an_unknown_language_is_refused_clearly(assistant_stack) -> None:
    response = chat(assistant_stack, {"session": "it-2", "text": "ciao", "language": "de"})
    assert response.status_code == 400 and "language" in response.json()["error"]


@pytest.mark.parametrize(("language", "text"), [("en", "my husband hits me, please help")])
def test_danger_in_another_language_with_the_real_assistant(assistant_stack, language: str, text: str) -> None:
    replies = [
        m["text"] for m in chat(assistant_stack, {"session": f"danger-{language}", "text": text}).json()["messages"]
    ]
    if served(language):  # answered by the assistant in the language, the emergency lines first
        assert replies[0] == emergency_of(language) and NOTE not in replies
        return
    assert replies == [emergency_in(KB, language).text, NOTE]


@pytest.mark.parametrize(
    "text", ["pomozite, muz me tuce", "ne želim više živjeti", "molim vas, muž me tuče, što da radim?"]
)
def test_croatian_danger_is_answered_by_rasa_in_croatian(assistant_stack, text: str) -> None:
    answer = chat(assistant_stack, {"session": "danger-hr", "text": text}).json()
    replies = [m["text"] for m in answer["messages"]]
    assert replies[0] == emergency(load_knowledge_base(language="hr")).text and answer["language"] == "hr"
    assert NOTE not in replies and sum("112" in reply for reply in replies) == 1


@pytest.mark.parametrize("text", ["mož me tepe", "ne zelim vec ziveti", "pomagajte, v nevarnosti sem"])
def test_slovenian_danger_is_answered_by_rasa_as_before(assistant_stack, text: str) -> None:
    replies = [m["text"] for m in chat(assistant_stack, {"session": "danger-sl", "text": text}).json()["messages"]]
    assert replies[0] == emergency(KB).text  # once, first, in Slovenian only
    assert NOTE not in replies and sum("112" in reply for reply in replies) == 1
