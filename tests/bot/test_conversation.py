"""The gateway's side of a turn: each message's language is guessed and sent to Rasa with the client's
hint; English and Croatian get the polite note without Rasa; danger in another language is flagged;
the conversation's language comes back from the actions."""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
from collections.abc import AsyncIterator

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from bot.conversation import Assistant, unavailable_reply
from knowledge import load_knowledge_base
from replies import answers
from runtime.readiness import WEBHOOK_PATH
from runtime.stack import free_port
from tests.bot.fake_rasa import recording_rasa, scripted_rasa
from tests.bot.fake_telegram import serving

KB = load_knowledge_base()


def ask(text: str, hint: str | None = None, rasa_language: str | None = None) -> tuple[list[dict], object]:
    """What Rasa was sent, and the Answer, for one message."""
    received: list[dict] = []

    async def run() -> object:
        async with recording_rasa(received, rasa_language) as url:
            assistant = Assistant([url], 5.0, KB)
            try:
                return await assistant.ask("web:test", text, hint)
            finally:
                await assistant.close()

    answer = asyncio.run(run())
    return received, answer


def without_turn(metadata: dict) -> dict:
    """The metadata but the turn's id, a new one for every message."""
    assert len(metadata.pop("turn")) == 32
    return metadata


def test_an_italian_message_is_sent_with_its_language() -> None:
    received, answer = ask("Il servizio di intervento copre anche Isola?", rasa_language="it")
    assert without_turn(received[0]["metadata"]) == {"hint": "sl", "language": "it", "danger": False}
    assert answer.language == "it" and answer.replies[0].text == "ok"


def test_a_message_too_short_to_tell_keeps_the_clients_language_as_a_hint() -> None:
    received, answer = ask("Pirano?", hint="it")
    assert without_turn(received[0]["metadata"]) == {"hint": "it", "language": None, "danger": False}
    assert answer.language == "it"  # Rasa said nothing of it: the hint stands


def test_a_slovenian_message_in_an_italian_conversation_is_slovenian() -> None:
    received, _ = ask("Ali interventna služba pokriva Izolo?", hint="it")
    assert received[0]["metadata"]["language"] == "sl"


def test_danger_in_italian_goes_to_rasa_flagged() -> None:
    received, _ = ask("aiuto, mi picchia")
    assert received[0]["metadata"]["danger"] is True and received[0]["metadata"]["language"] == "it"


def answered_by(messages: list[dict], text: str) -> list[str]:
    """The gateway's replies to `text` when Rasa answers every message with `messages`."""

    async def run() -> list[str]:
        async with scripted_rasa(messages) as url:
            assistant = Assistant([url], 5.0, KB)
            try:
                return [reply.text for reply in (await assistant.ask("web:test", text)).replies]
            finally:
                await assistant.close()

    return asyncio.run(run())


IT = load_knowledge_base(language="it")
EMERGENCY_IT = answers.emergency(IT).text


def test_danger_taken_for_help_gets_the_emergency_lines_though_the_help_reply_names_112() -> None:
    help_reply = IT.reply("help").text
    assert "112" in help_reply
    replies = answered_by([{"text": help_reply}, {"custom": {"language": "it"}}], "aiuto, mi picchia")
    assert replies == [EMERGENCY_IT, help_reply]


def test_the_emergency_lines_the_actions_sent_are_not_sent_twice() -> None:
    sent = [{"text": EMERGENCY_IT}, {"custom": {"language": "it", "emergency": True}}]
    assert answered_by(sent, "aiuto, mi picchia") == [EMERGENCY_IT]


def test_a_message_without_danger_words_gets_no_lines_from_the_gateway() -> None:
    assert answered_by([{"text": "ok"}], "Il servizio di intervento copre anche Isola?") == ["ok"]


def test_english_gets_the_polite_note_without_rasa() -> None:
    received, answer = ask("Hello, where is the social work centre?", hint="it")
    assert received == []
    assert [reply.text for reply in answer.replies] == [KB.reply("other_language").text]
    assert answer.language == "it"  # the conversation's language is not changed by a note


def pressed(payload: str, hint: str | None = None) -> list[dict]:
    """What Rasa was sent for a pressed button with `payload`."""
    received: list[dict] = []

    async def run() -> None:
        async with recording_rasa(received) as url:
            assistant = Assistant([url], 5.0, KB)
            try:
                await assistant.press("web:test", payload, hint)
            finally:
                await assistant.close()

    asyncio.run(run())
    return received


def test_a_known_payload_is_sent_as_the_replies_build_it_with_the_hint_only() -> None:
    received = pressed('/set_language{"language":"it"}', hint="sl")  # as the widget's JSON.stringify writes it
    assert received[0]["message"] == '/set_language{"language": "it"}'
    assert without_turn(received[0]["metadata"]) == {"hint": "sl"}
    entities = '/ask_task_covers_municipality{"task": "pomoc_na_domu", "municipality": "Hrpelje-Kozina"}'
    assert pressed(entities)[0]["message"] == (
        '/ask_task_covers_municipality{"municipality": "Hrpelje-Kozina", "task": "pomoc_na_domu"}'
    )
    assert pressed("/greet")[0]["message"] == "/greet"  # the widget's greeting when it opens


@pytest.mark.parametrize(
    ("payload", "sent"),
    [
        ('/ask_centres{"municipality": "ana.novak@example.si"}', 'ask_centres{"municipality": "[e-naslov]"}'),
        ('/set_language{"language": "041 123 456"}', 'set_language{"language": "[telefon]"}'),
        ("/greet 0101990500123", "greet [EMŠO]"),
        ("//greet{", "greet{"),
    ],
)
def test_a_payload_the_gateway_does_not_know_is_redacted_text(payload: str, sent: str) -> None:
    # The security review: an e-mail, EMŠO, IBAN or phone in a payload was stored raw and logged by Rasa at INFO.
    assert pressed(payload)[0]["message"] == sent


@pytest.mark.parametrize(
    ("typed", "sent"),
    [
        ("/greet ana.novak@example.si", "greet [e-naslov]"),
        ("/greet SI56 0110 0000 0123 456", "greet [IBAN]"),
        ('/ask_centres{"municipality": "Koper"}', 'ask_centres{"municipality": "Koper"}'),  # typed, not pressed
        (" / /start", "start"),
        ("Scusi, preferisco l'italiano. /greet 041 123 456", "greet [telefon]"),
    ],
)
def test_typed_text_starting_with_a_slash_is_redacted_and_no_payload_for_rasa(typed: str, sent: str) -> None:
    received, _ = ask(typed)
    assert received[0]["message"] == sent


def test_a_message_of_slashes_alone_is_not_sent() -> None:
    received, answer = ask(" // ")
    assert received == [] and answer.replies[0].text.startswith(KB.reply("fallback").text)


def test_the_apology_is_in_the_conversations_language_when_rasa_is_down() -> None:
    async def run() -> object:
        assistant = Assistant([f"http://127.0.0.1:{free_port()}"], 1.0, KB)
        try:
            return await assistant.ask("web:test", "Pirano?", "it")
        finally:
            await assistant.close()

    answer = asyncio.run(run())
    italian = load_knowledge_base(language="it")
    assert answer.replies[0].text.startswith(italian.reply("unavailable").text)
    assert "112" in answer.replies[0].text and answer.language == "it"


def test_a_sentence_asking_for_a_language_sets_it_and_the_rest_is_the_question() -> None:
    received, _ = ask("Kaj pa Pirano? Scusi, preferisco l'italiano.", hint="sl")
    assert received[0]["message"] == "Kaj pa Pirano?"
    assert received[0]["metadata"]["language"] == "it"


def test_a_request_for_a_language_alone_is_the_language_choice() -> None:
    received, _ = ask("Lahko pišem v italijanščini?", hint="sl")
    assert received[0]["message"] == '/set_language{"language": "it"}'
    assert received[0]["metadata"]["language"] == "it"


def test_not_speaking_slovenian_well_is_answered_in_the_language_of_the_question() -> None:
    received, _ = ask("Scusate, non parlo bene lo sloveno. Chi fa l'assistenza domiciliare a Sesana?", hint="sl")
    assert received[0]["message"] == "Chi fa l'assistenza domiciliare a Sesana?"
    assert received[0]["metadata"]["language"] == "it"
    received, _ = ask("ne govorim dobro slovensko, quali comuni copre il centro?", hint="sl")
    assert received[0]["message"] == "quali comuni copre il centro?"
    assert received[0]["metadata"]["language"] == "it"


def test_a_language_asked_for_is_answered_in_whatever_the_question_is_written_in() -> None:
    received, _ = ask("Scusi, preferisco l'italiano. Where is your office?", hint="sl")
    assert received[0]["message"] == "Where is your office?"
    assert received[0]["metadata"]["language"] == "it"


def test_not_speaking_slovenian_alone_chooses_the_language_it_is_said_in() -> None:
    received, _ = ask("Mi dispiace, non parlo lo sloveno.", hint="sl")
    assert received[0]["message"] == '/set_language{"language": "it"}'


def test_not_speaking_slovenian_said_in_slovenian_leaves_a_short_question_in_the_conversations_language() -> None:
    received, _ = ask("Ne govorim dobro slovensko. Capodistria?", hint="it")
    assert received[0]["message"] == "Capodistria?"
    assert received[0]["metadata"]["language"] is None  # not Slovenian: the conversation keeps Italian


@pytest.mark.parametrize(
    ("text", "hint", "tentative"),
    [
        ("grazie", "sl", "it"),
        ("Grazie mille!", "sl", "it"),
        ("grazie", "it", "it"),
        ("hvala", "it", None),
        ("ciao", "sl", None),
        ("ciao", "it", None),
    ],
)
def test_courtesy_alone_does_not_change_the_conversations_language(text: str, hint: str, tentative) -> None:
    """Its language goes as `tentative`: the actions start a new conversation in it, and keep an older one's."""
    received, answer = ask(text, hint=hint)
    assert received[0]["message"] == text
    assert received[0]["metadata"]["language"] is None
    assert received[0]["metadata"].get("tentative") == tentative
    assert answer.language == hint


def test_a_question_that_merely_names_a_language_is_left_whole() -> None:
    received, _ = ask("Ali pokrivate tudi italijansko narodno skupnost v Kopru?")
    assert received[0]["message"] == "Ali pokrivate tudi italijansko narodno skupnost v Kopru?"


def routed(urls: list[str], senders: list[str]) -> dict[str, str]:
    assistant = Assistant(urls, 1.0, KB)
    own = {sender: assistant.instances_for(sender)[0] for sender in senders}
    asyncio.run(assistant.close())
    return own


REPLICAS = [f"http://rasa-{n}.rasa:5005" for n in range(3)]  # a StatefulSet's stable names
SENDERS = [f"{channel}:{n}" for n in range(5000) for channel in ("web", "tg")]  # 10,000 conversations


def test_each_conversation_has_one_instance_and_every_instance_a_share() -> None:
    own = routed(REPLICAS, SENDERS)
    assert own == routed(REPLICAS, SENDERS)  # the same instance every time, in every gateway replica
    shares = [list(own.values()).count(url) / len(SENDERS) for url in REPLICAS]
    print("10,000 senders over 3 replicas:", [f"{share:.1%}" for share in shares])
    assert all(0.31 < share < 0.36 for share in shares), shares
    assistant = Assistant(REPLICAS, 1.0, KB)
    assert sorted(assistant.instances_for("web:1")) == sorted(REPLICAS)  # every instance, for failover
    asyncio.run(assistant.close())


def test_adding_a_fourth_replica_moves_about_a_quarter_all_to_it() -> None:
    fourth = "http://rasa-3.rasa:5005"
    before, after = routed(REPLICAS, SENDERS), routed([*REPLICAS, fourth], SENDERS)
    moved = [sender for sender in SENDERS if before[sender] != after[sender]]
    print(f"a fourth replica: {len(moved)} of 10,000 moved ({len(moved) / len(SENDERS):.1%}), all to it")
    assert all(after[sender] == fourth for sender in moved)  # nothing moves between the old three
    assert 0.22 < len(moved) / len(SENDERS) < 0.28  # about 1/(N+1) = 1/4
    assert sorted({before[sender] for sender in moved}) == REPLICAS  # taken from each of the three


def test_an_instance_gone_moves_only_its_own_conversations_to_where_failover_sent_them() -> None:
    urls = [f"http://rasa-{n}.rasa:5005" for n in range(4)]
    senders = [f"web:{n}" for n in range(2000)]
    before, after = routed(urls, senders), routed(urls[:3], senders)
    assistant = Assistant(urls, 1.0, KB)
    for sender in senders:
        if before[sender] == urls[3]:
            assert after[sender] == assistant.instances_for(sender)[1]
        else:
            assert after[sender] == before[sender]
    asyncio.run(assistant.close())


@contextlib.asynccontextmanager
async def rasa_that(behaviour: str, taken: asyncio.Event, stored: list[dict]) -> AsyncIterator[str]:
    """A Rasa instance that takes a message and then dies under it ("dies": closes the connection without
    an answer, as a killed process's socket does; "stores and dies": first stores the turn in `stored`),
    works on it longer than any timeout ("hangs"), or answers it with no message ("answers nothing": what
    Rasa answers when its action server is down, or when the turn could not be read or stored because the
    tracker store's database is down, runtime/rasa_server.py)."""

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = await reader.readuntil(b"\r\n\r\n")
        length = int(re.search(rb"content-length: *(\d+)", head, re.IGNORECASE).group(1))
        message = json.loads(await reader.readexactly(length))
        taken.set()
        if behaviour == "stores and dies":  # killed right after its turn was saved, before it answered
            stored.extend([{"event": "user", "text": message["message"], "metadata": message["metadata"]},
                           {"event": "bot", "text": "stored answer", "data": {"custom": None}},
                           {"event": "bot", "data": {"custom": {"language": "it"}}}])  # fmt: skip
        if behaviour == "hangs":
            await asyncio.Event().wait()
        if behaviour == "answers nothing":
            writer.write(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n[]")
            await writer.drain()
        writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    async with server:
        yield f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}"


def first_then_next(behaviour: str, database_down: bool = False) -> tuple[bool, list[dict], object]:
    """Whether the first instance took the message, what the second one was sent, and the Answer, for a
    sender whose first instance behaves as `behaviour` says. Both share a conversation's stored events;
    with `database_down`, the second cannot read them (Rasa's API answers 500)."""
    received: list[dict] = []
    taken = asyncio.Event()
    stored: list[dict] = []

    async def webhook(request: Request) -> JSONResponse:
        received.append(await request.json())
        return JSONResponse([{"recipient_id": "x", "text": "ok"}])

    async def tracker(request: Request) -> JSONResponse:
        if database_down:
            return JSONResponse({"status": "failure", "message": "An unexpected error occurred."}, 500)
        return JSONResponse({"events": stored})

    second = Starlette(
        routes=[Route(WEBHOOK_PATH, webhook, methods=["POST"]), Route("/conversations/{sender}/tracker", tracker)]
    )

    async def run() -> object:
        port = free_port()
        async with rasa_that(behaviour, taken, stored) as first, serving(second, port):
            assistant = Assistant([first, f"http://127.0.0.1:{port}"], 1.0, KB, rasa_token="token")
            sender = next(f"web:{n}" for n in range(100) if assistant.instances_for(f"web:{n}")[0] == first)
            try:
                return await assistant.ask(sender, "Ali interventna služba pokriva Izolo?")
            finally:
                await assistant.close()

    answer = asyncio.run(run())
    return taken.is_set(), received, answer


def test_a_message_whose_instance_dies_under_it_is_answered_by_the_next() -> None:
    taken, received, answer = first_then_next("dies")
    assert taken and [body["message"] for body in received] == ["Ali interventna služba pokriva Izolo?"]
    assert answer.replies[0].text == "ok"


def test_a_message_whose_instance_is_too_slow_gets_the_apology_and_is_not_sent_again() -> None:
    # The instance may still answer it: sent again, the message would be answered (and stored) twice.
    taken, received, answer = first_then_next("hangs")
    assert taken and received == []
    assert answer.replies[0].text == unavailable_reply(KB).text


def test_a_turn_stored_by_an_instance_that_died_under_it_is_not_sent_again() -> None:
    # The next instance has the turn stored: its answer is given from there, the message not stored twice.
    taken, received, answer = first_then_next("stores and dies")
    assert taken and received == []
    assert answer.replies[0].text == "stored answer" and answer.language == "it"


def test_a_turn_its_instance_could_not_store_gets_the_apology_and_is_not_sent_again() -> None:
    # Rasa answers nothing when the database is down: the next instance shares that database.
    taken, received, answer = first_then_next("answers nothing")
    assert taken and received == []
    assert answer.replies[0].text == unavailable_reply(KB).text and answer.outcome == "apology"


def test_a_turn_whose_instance_died_under_it_is_not_sent_again_while_nobody_can_tell_if_it_was_stored() -> None:
    # The database down: the next instance cannot read whether the dead one had stored the turn; sent again
    # it could be stored twice, so the person gets the apology.
    taken, received, answer = first_then_next("dies", database_down=True)
    assert taken and received == []
    assert answer.replies[0].text == unavailable_reply(KB).text


def test_a_lone_surrogate_is_dropped_so_that_the_message_is_answered() -> None:
    # JSON may carry "\ud800"; UTF-8 cannot, so Rasa could never be sent the message: every instance failed.
    received, answer = ask("Ali interventna služba pokriva Izolo?\ud800")
    assert received[0]["message"] == "Ali interventna služba pokriva Izolo?"
    assert answer.replies[0].text == "ok"
