"""The real python-telegram-bot Application against a fake Bot API server on 127.0.0.1, talking to
the real assistant: polling and webhook, commands, questions and follow-ups, buttons, non-text and
edited messages, groups, Rasa down and back."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import datetime
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route
from telegram.ext import Application

from bot.conversation import Assistant
from bot.feedback import FeedbackStore
from bot.staff.store import Store
from bot.telegram_bot import CallbackPayloads, addressed_text, build_application, language_choice, split_text
from bot.telegram_webhook import SECRET_HEADER, webhook_route
from bot.web import create_app
from knowledge import load_knowledge_base
from replies import answers
from replies.answers import emergency_in
from replies.buttons import button_payloads
from replies.languages import DEFAULT, SERVED, served
from runtime.endpoints import tracker_store_url
from runtime.role import ROOT
from runtime.settings import Settings
from runtime.stack import free_port
from tests.bot.conftest import KBS
from tests.bot.fake_rasa import GOODBYE, goodbye_rasa, held_rasa, recording_rasa
from tests.bot.fake_telegram import BOT, TOKEN, USER, FakeTelegram, gateway_process, serving

KB = load_knowledge_base()
NAMES = KB.languages.served  # each served language by its own name
SECRET = "webhook-secret_123"


def telegram_settings(fake: FakeTelegram, rasa_url: str, **changes) -> Settings:
    base = Settings(rasa_url=rasa_url, telegram_token=TOKEN, telegram_base_url=fake.base_url)
    return replace(base, **changes)


@contextlib.asynccontextmanager
async def polling_bot(
    fake: FakeTelegram, rasa_url: str, timeout: float = 30.0, feedback: FeedbackStore | None = None, **changes
) -> AsyncIterator[Application]:
    assistant = Assistant([rasa_url], timeout, KB)
    application = build_application(telegram_settings(fake, rasa_url, **changes), assistant, feedback)
    async with serving(fake.app(), fake.port), application:
        await application.start()
        await application.updater.start_polling(poll_interval=0.0, timeout=1)
        try:
            yield application
        finally:
            await application.updater.stop()
            await application.stop()
            await assistant.close()


def run(coroutine) -> None:
    asyncio.run(coroutine)


def test_start_welcomes_with_examples_and_a_privacy_note(assistant_stack) -> None:
    async def scenario() -> None:
        fake = FakeTelegram()
        async with polling_bot(fake, assistant_stack.rasa_url):
            fake.push("message", fake.message("/start"))
            (welcome,) = await fake.wait_for(1)
        assert welcome["text"].startswith("Pozdravljeni! Sem avtomatski pomočnik Centra za socialno delo Koper.")
        assert "ne pošiljajte osebnih podatkov" in welcome["text"] and "112" in welcome["text"]
        assert "izbriše 30 dni po zadnjem sporočilu" in welcome["text"] and "{" not in welcome["text"]
        assert "/language" in welcome["text"] and "/reset" in welcome["text"]  # the commands it names work
        buttons = [row[0] for row in welcome["reply_markup"]["inline_keyboard"]]
        assert [b["text"] for b in buttons][:2] == ["Kaj dela center?", "Regijske naloge"]
        assert all(len(b["callback_data"].encode()) <= 64 for b in buttons)
        assert "parse_mode" not in welcome  # plain text: nothing in it can break the message

    run(scenario())


def test_question_follow_up_and_button(assistant_stack) -> None:
    async def scenario() -> None:
        fake = FakeTelegram()
        async with polling_bot(fake, assistant_stack.rasa_url):
            fake.push("message", fake.message("Katere občine pokriva interventna služba?"))
            answer = (await fake.wait_for(1))[0]
            assert answer["text"].startswith("Regijska interventna služba pokriva občine Koper, Izola in Piran.")
            assert fake.sent("sendChatAction")[0]["action"] == "typing"

            fake.push("message", fake.message("kaj pa sezana"))
            follow_up = (await fake.wait_for(2))[1]
            assert follow_up["text"].startswith("Ne, regijska interventna služba ne pokriva Sežane.")

            fake.push("message", fake.message("katere regijske naloge imate"))
            overview = (await fake.wait_for(3))[2]
            button = overview["reply_markup"]["inline_keyboard"][4][0]
            assert button["text"] == "Pomoč na domu"
            press(fake, button, "cq-1")
            pressed = (await fake.wait_for(4))[3]
            assert pressed["text"].startswith("Regijski center za pomoč na domu pokriva občine")
            assert fake.sent("answerCallbackQuery")[0]["callback_query_id"] == "cq-1"

    run(scenario())


def test_reset_starts_a_new_conversation(assistant_stack) -> None:
    async def scenario() -> None:
        fake = FakeTelegram()
        chat = {"id": 77, "type": "private", "first_name": "Ana"}
        async with polling_bot(fake, assistant_stack.rasa_url):
            fake.push("message", fake.message("Ali pomoč na domu velja za Komen?", chat=chat))
            await fake.wait_for(1)
            fake.push("message", fake.message("/reset", chat=chat))
            assert (await fake.wait_for(2))[1]["text"].startswith("Začenjava nov pogovor.")
            fake.push("message", fake.message("kaj pa interventna", chat=chat))
            after = (await fake.wait_for(3))[2]["text"]
            assert "Komn" not in after  # the forgotten place is not used

    run(scenario())


def test_non_text_and_edited_messages_get_a_short_reply(assistant_stack) -> None:
    async def scenario() -> None:
        fake = FakeTelegram()
        photo = [{"file_id": "f1", "file_unique_id": "u1", "width": 10, "height": 10}]
        async with polling_bot(fake, assistant_stack.rasa_url):
            fake.push("message", fake.message(photo=photo))
            fake.push("message", fake.message(sticker={"file_id": "s1", "file_unique_id": "s1", "width": 5,
                                                       "height": 5, "is_animated": False, "is_video": False,
                                                       "type": "regular"}))  # fmt: skip
            fake.push("message", fake.message(location={"latitude": 45.55, "longitude": 13.73}))
            fake.push("edited_message", fake.message("popravljeno vprašanje", edit_date=1))
            replies = await fake.wait_for(4)
        assert all(r["text"] == KB.reply("non_text").text for r in replies)

    run(scenario())


def test_in_a_group_only_when_addressed(assistant_stack) -> None:
    async def scenario() -> None:
        fake = FakeTelegram()
        group = {"id": -100, "type": "group", "title": "Sosedje"}
        async with polling_bot(fake, assistant_stack.rasa_url):
            fake.push("message", fake.message("kdo gre jutri na kavo?", chat=group))
            fake.push("message", fake.message("@csd_koper_bot ali interventna služba pokriva Piran?", chat=group))
            (reply,) = await fake.wait_for(1)
            await asyncio.sleep(0.5)
        assert reply["text"].startswith("Da, regijska interventna služba pokriva tudi Piran.")
        assert int(reply["chat_id"]) == -100 and len(fake.sent()) == 1

    run(scenario())


def test_rasa_down_then_back() -> None:
    async def scenario() -> None:
        fake = FakeTelegram()
        rasa_port = free_port()

        async def webhook(request) -> JSONResponse:
            return JSONResponse([{"recipient_id": "x", "text": "Rasa je spet tu."}])

        rasa = Starlette(routes=[Route("/webhooks/rest/webhook", webhook, methods=["POST"])])
        async with polling_bot(fake, f"http://127.0.0.1:{rasa_port}", timeout=3.0):
            fake.push("message", fake.message("mož me tepe"))
            apology = (await fake.wait_for(1))[0]["text"]
            assert apology.startswith("Oprostite, pomočnik ta trenutek ne more odgovoriti.")
            assert "112" in apology and "113" in apology and "080 11 55" in apology
            async with serving(rasa, rasa_port):
                fake.push("message", fake.message("ali ste spet tu?"))
                assert (await fake.wait_for(2))[1]["text"] == "Rasa je spet tu."

    run(scenario())


def test_danger_in_another_language_gets_the_emergency_lines_first() -> None:
    """Whatever Rasa would make of it (this one takes everything for a goodbye): a language the assistant does not
    answer in never reaches it; one it answers in (Italian, English, Croatian) does, and its emergency lines come first in
    that language."""
    messages = {"hr": "pomozite, muz me tuce", "en": "i want to kill myself", "it": "voglio farla finita"}

    async def scenario() -> None:
        fake = FakeTelegram()
        received: list[str] = []
        async with goodbye_rasa(received) as rasa_url, polling_bot(fake, rasa_url):
            for count, text in enumerate(messages.values()):
                fake.push("message", fake.message(text))
                await fake.wait_for(2 * count + 2)
        replies = [r["text"] for r in fake.sent()]
        note = KB.reply("other_language").text
        expected = []
        for language in messages:
            if served(language):
                expected += [answers.emergency(load_knowledge_base(language=language)).text, GOODBYE]
            else:
                expected += [emergency_in(KB, language).text, note]
        assert replies == expected
        assert received == [text for language, text in messages.items() if served(language)]

    run(scenario())


def test_danger_in_slovenian_is_answered_by_rasa_as_before(assistant_stack) -> None:
    async def scenario() -> None:
        fake = FakeTelegram()
        async with polling_bot(fake, assistant_stack.rasa_url):
            fake.push("message", fake.message("moz me tepe"))
            (reply,) = await fake.wait_for(1)
            await asyncio.sleep(0.5)
        assert reply["text"].startswith("Če ste vi ali kdo drug v nevarnosti, takoj pokličite 112 ali policijo 113.")
        assert len(fake.sent("sendMessage")) == 1

    run(scenario())


def test_webhook_checks_the_secret_and_answers(assistant_stack) -> None:
    async def scenario() -> None:
        fake = FakeTelegram()
        url = "https://pomocnik.example/telegram"
        settings = telegram_settings(
            fake, assistant_stack.rasa_url, telegram_webhook_url=url, telegram_webhook_secret=SECRET
        )
        assistant = Assistant([assistant_stack.rasa_url], 30.0, KB)
        application = build_application(settings, assistant)
        assert application.updater is None
        port = free_port()
        web = create_app(assistant, extra_routes=[webhook_route(application, url, SECRET)])
        update = {"update_id": 1, "message": fake.message("Kateri center je pristojen za Pivko?")}
        async with serving(fake.app(), fake.port), application, serving(web, port):
            await application.start()
            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
                assert (await client.post("/telegram", json=update)).status_code == 403
                for guess in ("guess", "geslo-č".encode(), SECRET.encode() + b"\xff", SECRET[:-1].encode()):
                    wrong = await client.post("/telegram", json=update, headers={SECRET_HEADER: guess})
                    assert wrong.status_code == 403, guess
                right = await client.post("/telegram", json=update, headers={SECRET_HEADER: SECRET})
                assert right.status_code == 200
            (reply,) = await fake.wait_for(1)
            await application.stop()
        await assistant.close()
        assert reply["text"].startswith("Za Pivko je pristojen Center za socialno delo Postojna.")

    run(scenario())


def test_an_unknown_command_is_redacted_text_and_the_bots_commands_still_work() -> None:
    async def scenario() -> list[dict]:
        fake, received = FakeTelegram(), []
        async with recording_rasa(received) as rasa_url, polling_bot(fake, rasa_url):
            for number, text in enumerate(["/greet ana.novak@example.si", "/help", "/start", "/reset"], start=1):
                fake.push("message", fake.message(text))
                await fake.wait_for(number)
        assert fake.sent()[2]["text"].startswith("Pozdravljeni! Sem avtomatski pomočnik")  # /start: the welcome
        assert fake.sent()[3]["text"].startswith("Začenjava nov pogovor.")  # /reset
        return received

    received = asyncio.run(scenario())
    assert [body["message"] for body in received] == ["greet [e-naslov]", "/help", "/restart"]


def test_split_text_at_paragraphs() -> None:
    paragraphs = ["a" * 3000, "b" * 3000, "c" * 100]
    parts = split_text("\n\n".join(paragraphs), limit=4096)
    assert parts == ["a" * 3000, "b" * 3000 + "\n\n" + "c" * 100]
    assert split_text("x" * 5000, limit=4096) == ["x" * 4096, "x" * 904]
    assert split_text("krajše besedilo <b> & _*") == ["krajše besedilo <b> & _*"]


def test_callback_payloads_fit_telegram_and_only_the_knowledge_bases_come_back() -> None:
    payloads = CallbackPayloads(button_payloads(KB))
    long_payload = (
        '/ask_task_covers_municipality{"municipality": "Ilirska Bistrica", "task": "alternativno_izvajanje_kazni"}'
    )
    key = payloads.key_for(long_payload)
    assert key is not None and len(key.encode()) <= 64 and payloads.payload_for(key) == long_payload
    assert CallbackPayloads(button_payloads(KB)).payload_for(key) == long_payload  # another replica, a restart
    assert key == hashlib.sha256(long_payload.encode()).hexdigest()[:32]  # as before: sent buttons keep working
    forged = '/ask_task_covers_municipality{"municipality": "Koper", "task": "x"}'
    assert payloads.key_for(forged) is None
    assert payloads.payload_for(CallbackPayloads.key_of(forged)) is None
    assert payloads.payload_for(forged) is None and payloads.payload_for("") is None


def test_addressed_text() -> None:
    from telegram import Message as TgMessage

    def message(text: str, chat_type: str, reply_from: int | None = None) -> TgMessage:
        data = {"message_id": 1, "date": 0, "chat": {"id": 1, "type": chat_type}, "text": text, "from": USER}
        if reply_from is not None:
            data["reply_to_message"] = {"message_id": 2, "date": 0, "chat": {"id": 1, "type": chat_type},
                                        "from": {**BOT, "id": reply_from}, "text": "…"}  # fmt: skip
        return TgMessage.de_json(data, None)

    assert addressed_text(message("zivjo", "private"), "csd_koper_bot", 999) == "zivjo"
    assert addressed_text(message("zivjo vsi", "group"), "csd_koper_bot", 999) is None
    assert addressed_text(message("@CSD_koper_bot kaj delate", "supergroup"), "csd_koper_bot", 999) == "kaj delate"
    assert addressed_text(message("pa za Izolo?", "group", reply_from=999), "csd_koper_bot", 999) == "pa za Izolo?"


def test_the_gateway_process_serves_web_and_telegram_together(assistant_stack) -> None:
    """`python -m bot`'s serve(): the web chat and Telegram long polling in one event loop."""

    async def scenario() -> None:
        fake = FakeTelegram()
        settings = replace(telegram_settings(fake, assistant_stack.rasa_url), port=free_port())
        async with serving(fake.app(), fake.port), gateway_process(settings) as client:
            web = await client.post("/api/chat", json={"session": "both", "text": "Kaj izvajate za Pivko?"})
            fake.push("message", fake.message("Kaj izvajate za Pivko?"))
            (telegram,) = await fake.wait_for(1)
        assert web.json()["messages"][0]["text"] == telegram["text"]
        assert telegram["text"].startswith("Za Pivko CSD Koper izvaja te regijske naloge:")

    run(scenario())


def test_without_a_token_the_gateway_serves_the_web_only(assistant_stack, caplog) -> None:
    async def scenario() -> None:
        async with gateway_process(replace(assistant_stack, port=free_port())) as client:
            assert (await client.get("/healthz")).status_code == 200

    with caplog.at_level("INFO", logger="bot"):
        run(scenario())
    lines = [r.getMessage() for r in caplog.records if "TELEGRAM_TOKEN" in r.getMessage()]
    assert len(lines) == 1 and "serving the web chat only" in lines[0]


def test_rasa_slower_than_the_timeout_gets_the_apology_at_the_timeout() -> None:
    """The apology comes once the timeout has passed, while Rasa is still working on the message (it answers
    only when the test lets it): bounded by the timeout, not by Rasa, whatever the machine's load."""

    async def scenario() -> None:
        fake = FakeTelegram()
        rasa_port = free_port()
        release = asyncio.Event()

        async def slow(request) -> JSONResponse:
            await release.wait()
            return JSONResponse([{"text": "prepozno"}])

        rasa = Starlette(routes=[Route("/webhooks/rest/webhook", slow, methods=["POST"])])
        async with serving(rasa, rasa_port), polling_bot(fake, f"http://127.0.0.1:{rasa_port}", timeout=1.0):
            started = asyncio.get_running_loop().time()
            fake.push("message", fake.message("ne zelim vec ziveti"))
            try:
                (apology,) = await fake.wait_for(1)
                assert asyncio.get_running_loop().time() - started >= 1.0  # not before the timeout
            finally:
                release.set()
        assert "112" in apology["text"] and "116 123" in apology["text"]

    run(scenario())


def test_an_unexpected_error_is_logged_and_the_user_told_politely(assistant_stack, caplog) -> None:
    async def scenario() -> None:
        fake = FakeTelegram()
        async with polling_bot(fake, assistant_stack.rasa_url) as application:

            async def broken(sender: str, text: str, language: str | None = None) -> list:
                raise RuntimeError("disk on fire")

            application.bot_data["gateway"].assistant.ask = broken
            fake.push("message", fake.message("zivjo"))
            (reply,) = await fake.wait_for(1)
        assert reply["text"].startswith("Oprostite, prišlo je do napake.")
        assert "disk on fire" not in reply["text"] and "Traceback" not in reply["text"]

    with caplog.at_level("ERROR"):
        run(scenario())
    assert any("Error while handling a Telegram update" in r.getMessage() for r in caplog.records)


def test_bad_webhook_bodies_get_a_clear_4xx() -> None:
    from starlette.testclient import TestClient

    fake = FakeTelegram()
    settings = telegram_settings(
        fake, "http://127.0.0.1:9", telegram_webhook_url="https://x.example/telegram", telegram_webhook_secret=SECRET
    )
    assistant = Assistant(["http://127.0.0.1:9"], 1.0, KB)
    application = build_application(settings, assistant)
    app = create_app(assistant, extra_routes=[webhook_route(application, settings.telegram_webhook_url, SECRET)])
    bodies = [b"", b"{not json", b"[]", b'{"update_id": "x"}', b'{"update_id": 1, "message": 5}',
              b'{"update_id": 1, "message": {"chat": "nope"}}', b'{"message": {}}', b"\xff\xfe",
              b"[" * 1000 + b"]" * 1000, b'{"update_id": 1, "message": ' * 1000]  # fmt: skip
    with TestClient(app) as client:
        for body in bodies:
            response = client.post("/telegram", content=body, headers={SECRET_HEADER: SECRET})
            assert response.status_code in (400, 413), (body, response.status_code)


def press(fake: FakeTelegram, button: dict[str, Any], query_id: str) -> None:
    """The user presses an inline button of one of the bot's messages."""
    bot_message = {"message_id": 1, "date": 0, "chat": {"id": USER["id"], "type": "private"}, "from": BOT}
    query = {
        "id": query_id,
        "from": USER,
        "chat_instance": "ci",
        "data": button["callback_data"],
        "message": bot_message,
    }
    fake.push("callback_query", query)


def test_an_italian_telegram_user_is_welcomed_in_italian(assistant_stack) -> None:
    async def scenario() -> None:
        fake = FakeTelegram()
        async with polling_bot(fake, assistant_stack.rasa_url):
            fake.push("message", fake.message("/start", **{"from": {**USER, "language_code": "it-IT"}}))
            (welcome,) = await fake.wait_for(1)
        assert welcome["text"].startswith("Buongiorno! Sono l'assistente automatico")
        assert "30 giorni" in welcome["text"] and "112" in welcome["text"] and "/language" in welcome["text"]
        titles = [row[0]["text"] for row in welcome["reply_markup"]["inline_keyboard"]]
        assert titles[0] == "Che cosa fa il centro?"

    run(scenario())


def test_language_and_jezik_switch_the_conversation_and_follow_ups_keep_it(assistant_stack) -> None:
    async def scenario() -> None:
        fake = FakeTelegram()
        async with polling_bot(fake, assistant_stack.rasa_url):
            fake.push("message", fake.message("Ali interventna služba pokriva Izolo?"))
            assert (await fake.wait_for(1))[0]["text"].startswith("Da, regijska interventna služba pokriva tudi Izolo.")

            fake.push("message", fake.message("/language"))
            choice = (await fake.wait_for(2))[1]
            buttons = {row[0]["text"]: row[0] for row in choice["reply_markup"]["inline_keyboard"]}
            assert list(buttons) == list(NAMES.values())  # every served language, by its own name
            press(fake, buttons["Italiano"], "cq-it")
            assert (await fake.wait_for(3))[2]["text"].startswith("Va bene, Le rispondo in italiano.")

            fake.push("message", fake.message("Pirano?"))  # too short to tell: the chosen language
            follow_up = (await fake.wait_for(4))[3]["text"]
            assert follow_up.startswith("Sì, il servizio di intervento regionale copre anche Pirano (Piran).")
            fake.push("message", fake.message("/help"))
            assert (await fake.wait_for(5))[4]["text"].startswith("Rispondo a domande")

            fake.push("message", fake.message("/jezik"))  # as a Slovenian or Croatian speaker may type it
            choice = (await fake.wait_for(6))[5]
            assert choice["text"].startswith(KBS["it"].reply("language_choice").text)  # the chat's language first
            buttons = {row[0]["text"]: row[0] for row in choice["reply_markup"]["inline_keyboard"]}
            press(fake, buttons["Slovenščina"], "cq-sl")
            assert (await fake.wait_for(7))[6]["text"].startswith("V redu, odgovarjam vam v slovenščini.")
            fake.push("message", fake.message("kaj pa sezana"))
            assert (await fake.wait_for(8))[7]["text"].startswith("Ne, regijska interventna služba ne pokriva Sežane.")

    run(scenario())


def buttons_of(sent: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The inline buttons of a message the bot sent, by their text."""
    return {button["text"]: button for row in sent["reply_markup"]["inline_keyboard"] for button in row}


@pytest.mark.parametrize("language", SERVED)
def test_the_choice_asks_in_every_served_language_the_chat_s_first(language: str) -> None:
    choice = language_choice(Assistant(["http://127.0.0.1:9"], 1.0, KB), language)
    questions = [KBS[code].reply("language_choice").text for code in SERVED]
    assert all(" — " not in question for question in questions)  # each file asks in its own language alone
    asked = choice.text.split(" — ")
    assert asked[0] == KBS[language].reply("language_choice").text
    assert sorted(asked) == sorted(questions)  # each once
    assert [(b.title, b.payload) for b in choice.buttons] == [
        (NAMES[code], f'/set_language{{"language": "{code}"}}') for code in SERVED
    ]


def test_language_offers_every_served_language_and_each_button_switches_to_it(assistant_stack) -> None:
    async def scenario() -> None:
        fake = FakeTelegram()
        async with polling_bot(fake, assistant_stack.rasa_url):
            for index, code in enumerate([*SERVED[1:], SERVED[0]]):  # each, from the default's and back to it
                fake.push("message", fake.message("/language"))
                choice = (await fake.wait_for(2 * index + 1))[-1]
                buttons = buttons_of(choice)
                assert list(buttons) == list(NAMES.values())
                assert all(len(b["callback_data"].encode()) <= 64 for b in buttons.values())
                press(fake, buttons[NAMES[code]], f"cq-{code}")
                said = (await fake.wait_for(2 * index + 2))[-1]
                assert said["text"] == KBS[code].reply("language_set").text  # said in the language chosen
            fake.push("message", fake.message("/language"))
            choice = (await fake.wait_for(2 * len(SERVED) + 1))[-1]
            assert choice["text"].startswith(KBS[SERVED[0]].reply("language_choice").text + " — ")

    run(scenario())


def opening(text: str) -> str:
    """The opening words of a reply, enough to tell its language."""
    return text[:60]


HINTS = [
    ("it", "it"),
    ("it-IT", "it"),
    ("sl", "sl"),
    ("de-AT", DEFAULT),  # a language not served: the default
    (None, DEFAULT),
    ("en-GB", "en" if "en" in SERVED else DEFAULT),
    ("hr", "hr" if "hr" in SERVED else DEFAULT),
    ("bs", "hr" if "hr" in SERVED else DEFAULT),  # Bosnian and Serbian are answered in Croatian
    ("sr", "hr" if "hr" in SERVED else DEFAULT),
]


@pytest.mark.parametrize(("language_code", "language"), HINTS)
def test_the_telegram_language_is_the_first_hint_of_a_new_chat(
    assistant_stack, language_code: str | None, language: str
) -> None:
    async def scenario() -> None:
        fake = FakeTelegram()
        user = {**USER, "id": 500, "language_code": language_code}
        if language_code is None:
            del user["language_code"]
        chat = {"id": 9100 + HINTS.index((language_code, language)), "type": "private"}  # a new chat each
        async with polling_bot(fake, assistant_stack.rasa_url):
            fake.push("message", fake.message("/start", chat=chat, **{"from": user}))
            welcome = (await fake.wait_for(1))[0]["text"]
            fake.push("message", fake.message("/help", chat=chat, **{"from": user}))  # through Rasa, with the hint
            help_text = (await fake.wait_for(2))[1]["text"]
            fake.push("message", fake.message("/language", chat=chat, **{"from": user}))
            choice = (await fake.wait_for(3))[2]["text"]
        kb = KBS[language]
        assert welcome.startswith(opening(kb.reply("start").text))
        assert help_text.startswith(opening(kb.reply("help").text))
        assert choice.startswith(kb.reply("language_choice").text)

    run(scenario())


def test_a_question_in_italian_is_answered_in_italian_and_the_chat_keeps_it(assistant_stack) -> None:
    async def scenario() -> None:
        fake = FakeTelegram()
        async with polling_bot(fake, assistant_stack.rasa_url):
            fake.push("message", fake.message("Quali comuni copre l'assistenza domiciliare?"))
            answer = (await fake.wait_for(1))[0]["text"]
            assert answer.startswith("Il centro regionale per l'assistenza domiciliare copre i comuni di Capodistria")
            fake.push("message", fake.message("/reset"))
            assert (await fake.wait_for(2))[1]["text"].startswith("Iniziamo una nuova conversazione.")

    run(scenario())


def test_thumbs_under_an_answer_store_the_feedback_once_and_go_away(assistant_stack) -> None:
    async def scenario() -> None:
        fake = FakeTelegram()
        chat = {"id": 4711, "type": "private", "first_name": "Ana"}
        url = tracker_store_url(assistant_stack, ROOT)
        store = FeedbackStore(url)
        async with polling_bot(fake, assistant_stack.rasa_url, feedback=store):
            fake.push("message", fake.message("/start", chat=chat))
            fake.push("message", fake.message("katere regijske naloge imate", chat=chat))
            welcome, answer = await fake.wait_for(2)
            assert not any(b["callback_data"].startswith("fb:") for row in welcome["reply_markup"]["inline_keyboard"]
                           for b in row)  # fmt: skip
            rows = answer["reply_markup"]["inline_keyboard"]
            assert rows[4][0]["text"] == "Pomoč na domu"  # the quick replies stay as they were, 👍/👎 below
            assert [b["text"] for b in rows[-1]] == ["👍", "👎"]
            assert all(len(b["callback_data"].encode()) <= 64 for b in rows[-1])
            bot_message = {"message_id": 5, "date": 0, "chat": chat, "from": BOT, "text": answer["text"],
                           "reply_markup": answer["reply_markup"]}  # fmt: skip
            for query_id in ("cq-down", "cq-again"):  # a second press (a slow client) is not stored again
                fake.push("callback_query", {"id": query_id, "from": USER, "chat_instance": "ci",
                                             "data": rows[-1][1]["callback_data"], "message": bot_message})  # fmt: skip
            answered = await fake.wait_for(2, "answerCallbackQuery")
            edited = await fake.wait_for(2, "editMessageReplyMarkup")
        store.close()
        assert [a["callback_query_id"] for a in answered] == ["cq-down", "cq-again"]
        assert answered[0]["text"] == "Hvala za vaš odziv."
        assert edited[0]["message_id"] == 5 and edited[0]["reply_markup"]["inline_keyboard"] == rows[:-1]
        assert len(fake.sent()) == 2  # nothing was added to the chat

        engine = sa.create_engine(url)
        with engine.connect() as connection:
            feedback = connection.execute(
                sa.text("SELECT value, answered_at FROM feedback WHERE sender_id = 'tg:4711'")
            )
            ((value, answered_at),) = feedback.fetchall()
            (data,) = connection.execute(
                sa.text(
                    "SELECT data FROM events WHERE sender_id = 'tg:4711' AND type_name = 'bot' AND timestamp = :at"
                ),
                {"at": answered_at},
            ).one()
        engine.dispose()
        assert value == -1
        assert json.loads(data)["text"] == answer["text"]  # the answer's message with 👍/👎 under it

        staff = Store(url, b"test key")  # and it arrives in the staff area's list of unhelpful answers
        today = datetime.fromtimestamp(answered_at).date()
        listed = [d for d in staff.disliked(today, today) if d.question == "katere regijske naloge imate"]
        staff.close()
        assert len(listed) == 1 and listed[0].channel == "telegram" and listed[0].answers[0] == answer["text"]

    run(scenario())


def test_feedback_data_ending_in_a_newline_is_no_feedback(tmp_path) -> None:
    store = FeedbackStore(f"sqlite:///{tmp_path / 'tracker.db'}")

    async def scenario() -> None:
        fake = FakeTelegram()
        async with polling_bot(fake, f"http://127.0.0.1:{free_port()}", feedback=store):
            press(fake, {"callback_data": f"fb:{'0' * 32}:up\n"}, "cq-newline")
            (reply,) = await fake.wait_for(1)
        assert reply["text"] == KB.reply("button_expired").text  # an unknown button, not 👍 ("up\n": a KeyError)

    run(scenario())
    store.close()


def test_without_a_feedback_store_answers_get_no_thumbs(assistant_stack) -> None:
    async def scenario() -> None:
        fake = FakeTelegram()
        async with polling_bot(fake, assistant_stack.rasa_url):
            fake.push("message", fake.message("Ali interventna služba pokriva Izolo?"))
            (answer,) = await fake.wait_for(1)
        assert "reply_markup" not in answer

    run(scenario())


def test_a_button_sent_by_one_gateway_works_on_another_and_after_a_restart(assistant_stack) -> None:
    """Webhook gateways without affinity, as in production: gateway A sends the buttons, the press reaches
    gateway B, whose buttons are pressed on A restarted; a forged or outdated button gets a polite word."""

    async def scenario() -> None:
        fake = FakeTelegram()
        chat = {"id": 6464, "type": "private", "first_name": "Ana"}
        a, b = (
            replace(assistant_stack, port=free_port(), telegram_token=TOKEN, telegram_base_url=fake.base_url,
                    telegram_webhook_url="https://pomocnik.example/telegram", telegram_webhook_secret=SECRET,
                    telegram_webhook_register=False, retention_in_gateway=False)
            for _ in range(2)
        )  # fmt: skip

        async def deliver(gateway: httpx.AsyncClient, kind: str, payload: dict[str, Any]) -> None:
            update = {"update_id": len(fake.updates) + 1, kind: payload}
            fake.updates.append(update)
            response = await gateway.post("/telegram", json=update, headers={SECRET_HEADER: SECRET})
            assert response.status_code == 200

        def pressing(data: str, query_id: str) -> dict[str, Any]:
            message = {"message_id": 1, "date": 0, "chat": chat, "from": BOT}
            return {"id": query_id, "from": USER, "chat_instance": "ci", "data": data, "message": message}

        def buttons(sent: dict[str, Any]) -> dict[str, str]:
            return {b["text"]: b["callback_data"] for row in sent["reply_markup"]["inline_keyboard"] for b in row}

        async with serving(fake.app(), fake.port):
            async with gateway_process(a) as gateway_a, gateway_process(b) as gateway_b:
                await deliver(gateway_a, "message", fake.message("/start", chat=chat))
                welcome = (await fake.wait_for(1))[0]
                await deliver(gateway_b, "callback_query", pressing(buttons(welcome)["Centri v regiji"], "cq-b"))
                centres = (await fake.wait_for(2))[1]
            assert centres["text"].startswith("CSD Koper regijske naloge izvaja za območje teh centrov")
            # A restarted: a new process, with nothing of the old one's memory.
            async with gateway_process(replace(a, port=free_port())) as restarted_a:
                await deliver(restarted_a, "callback_query", pressing(buttons(centres)["Pivka"], "cq-a"))
                pivka = (await fake.wait_for(3))[2]
                forged = CallbackPayloads.key_of('/ask_task_covers_municipality{"municipality": "Koper", "task": "x"}')
                await deliver(restarted_a, "callback_query", pressing(forged, "cq-forged"))
                raw = '/ask_centres{"municipality": "Pivka"}'  # a payload itself is never taken from callback_data
                await deliver(restarted_a, "callback_query", pressing(raw, "cq-raw"))
                expired = (await fake.wait_for(5))[3:]
        assert pivka["text"].startswith("Za Pivko je pristojen Center za socialno delo Postojna.")
        assert [m["text"] for m in expired] == [KB.reply("button_expired").text] * 2
        answered = [query["callback_query_id"] for query in fake.sent("answerCallbackQuery")]
        assert answered == ["cq-b", "cq-a", "cq-forged", "cq-raw"]  # no spinner left on any of them

    run(scenario())


def test_long_polling_keeps_a_bounded_queue_and_refuses_the_excess_politely() -> None:
    """MAX_IN_FLIGHT updates wait, as in webhook mode; what comes beyond is not queued: a message meant for
    the bot is told to wait (once a minute per chat), a pressed button in its notice, a group's chatter not at
    all. What was queued is answered once Rasa is free."""

    async def scenario() -> None:
        fake = FakeTelegram()
        release, arrived = asyncio.Event(), []
        other = {"id": 43, "type": "private", "first_name": "Bor"}
        group = {"id": -500, "type": "group", "title": "Sosedje"}
        async with held_rasa(release, arrived) as rasa_url, polling_bot(fake, rasa_url, max_in_flight=2):
            try:
                fake.push("message", fake.message("Kaj dela center?"))
                while not arrived:  # the first is with Rasa, out of the queue
                    await asyncio.sleep(0.02)
                for text in ("Kaj pa Izola?", "Kaj pa Piran?", "Kaj pa Koper?", "Kaj pa Sežana?"):
                    fake.push("message", fake.message(text))
                fake.push("message", fake.message("Kaj pa Pivka?", chat=other))
                fake.push("message", fake.message("zivjo vsi", chat=group))
                press(fake, {"callback_data": "0" * 32}, "cq-busy")
                refused = await fake.wait_for(2, timeout=10.0)
                (notice,) = await fake.wait_for(1, "answerCallbackQuery", timeout=10.0)
            finally:
                release.set()  # else stopping the bot would wait for the held answer for ever
            answered = (await fake.wait_for(5))[2:]
            await asyncio.sleep(0.3)  # nothing more comes
        busy = KB.reply("slow_down").text
        assert [(m["chat_id"], m["text"]) for m in refused] == [(USER["id"], busy), (other["id"], busy)]
        assert notice == {"callback_query_id": "cq-busy", "text": busy}
        assert arrived == ["Kaj dela center?", "Kaj pa Izola?", "Kaj pa Piran?"]
        assert [m["text"] for m in answered] == ["ok"] * 3 and len(fake.sent()) == 5

    run(scenario())
