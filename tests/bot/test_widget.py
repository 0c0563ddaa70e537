"""The widget in a real headless browser (Debian's chromium driven by playwright), on the demo page
served by the real gateway in front of the real assistant."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from playwright.sync_api import Browser, Page, expect

from bot.staff.store import Store
from knowledge import load_knowledge_base
from replies.compose import quantity
from replies.languages import SERVED
from runtime.endpoints import tracker_store_url
from runtime.role import ROOT
from tests.bot.conftest import KBS

ANSWER_TIMEOUT_MS = 30_000
KB = load_knowledge_base()


@pytest.fixture
def page(browser: Browser, assistant_stack) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1100, "height": 800})
    page = context.new_page()
    page.dialogs = []  # type: ignore[attr-defined]
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))  # type: ignore[attr-defined]
    page.goto(f"{assistant_stack.gateway_url}/")
    yield page
    context.close()


@pytest.fixture
def blank_page(browser: Browser, assistant_stack) -> Iterator[Page]:
    """A page of its own, with nothing stored yet: the widget starts in the language of the page it is on."""
    context = browser.new_context(viewport={"width": 1100, "height": 800})
    yield context.new_page()
    context.close()


def open_widget(page: Page) -> None:
    page.get_by_role("button", name="Vprašajte pomočnika").click()
    expect(page.get_by_role("log")).to_contain_text("Pozdravljeni!", timeout=ANSWER_TIMEOUT_MS)


def ask(page: Page, text: str) -> None:
    page.get_by_label("Vaše vprašanje").fill(text)
    page.get_by_role("button", name="Pošlji").click()


def test_a_question_gets_the_right_answer(page: Page) -> None:
    open_widget(page)
    notice = page.get_by_text("Sem avtomatski pomočnik, ne človek.")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("112 ali 113")
    expect(notice).to_contain_text("Pogovor se izbriše 30 dni po zadnjem sporočilu.")
    ask(page, "Ali interventna služba pokriva Izolo?")
    expect(page.get_by_role("log")).to_contain_text(
        "Da, regijska interventna služba pokriva tudi Izolo.", timeout=ANSWER_TIMEOUT_MS
    )
    expect(page.get_by_label("Vaše vprašanje")).to_have_value("")


def test_a_quick_reply_and_the_history_after_a_reload(page: Page) -> None:
    open_widget(page)
    page.get_by_role("button", name="Regijske naloge").click()
    log = page.get_by_role("log")
    expect(log).to_contain_text("Poleg tega izvaja te regijske naloge", timeout=ANSWER_TIMEOUT_MS)
    page.get_by_role("button", name="Pomoč na domu").click()
    expect(log).to_contain_text("Regijski center za pomoč na domu pokriva občine", timeout=ANSWER_TIMEOUT_MS)
    page.reload()
    page.get_by_role("button", name="Vprašajte pomočnika").click()
    expect(log).to_contain_text("Regijski center za pomoč na domu pokriva občine", timeout=ANSWER_TIMEOUT_MS)
    expect(log.locator(".message.user").last).to_contain_text("Pomoč na domu")


def test_new_conversation_starts_afresh(page: Page) -> None:
    open_widget(page)
    ask(page, "Kaj izvajate za Pivko?")
    expect(page.get_by_role("log")).to_contain_text("Za Pivko CSD Koper izvaja", timeout=ANSWER_TIMEOUT_MS)
    page.get_by_role("button", name="Nov pogovor").click()
    expect(page.get_by_role("log")).not_to_contain_text("Za Pivko")
    expect(page.get_by_role("log")).to_contain_text("Pozdravljeni!", timeout=ANSWER_TIMEOUT_MS)


def test_html_and_script_from_the_user_are_shown_as_text(page: Page) -> None:
    open_widget(page)
    attack = '<img src=x onerror=alert(1)> <a href="javascript:alert(2)">klik</a> javascript:alert(3)'
    ask(page, attack)
    log = page.get_by_role("log")
    expect(log.locator(".message.user").last).to_have_text("Vi: " + attack)
    expect(log).to_contain_text("Žal", timeout=ANSWER_TIMEOUT_MS)
    assert log.locator("img").count() == 0
    assert all(
        not href.startswith("javascript") for href in log.locator("a").evaluate_all("els => els.map(a => a.href)")
    )
    page.wait_for_timeout(300)
    assert page.dialogs == []  # type: ignore[attr-defined]


def test_only_safe_links_become_clickable(page: Page) -> None:
    open_widget(page)
    ask(page, "piši na mailto:info@example.si ali https://www.example.si/pomoc ali javascript:alert(1)")
    links = page.get_by_role("log").locator(".message.user").last.locator("a")
    expect(links).to_have_count(2)
    assert links.evaluate_all("els => els.map(a => a.href)") == [
        "mailto:info@example.si",
        "https://www.example.si/pomoc",
    ]


def test_keyboard_only(page: Page) -> None:
    launcher = page.get_by_role("button", name="Vprašajte pomočnika")
    expect(launcher).to_be_visible()  # once the gateway has given the widget its words
    page.keyboard.press("Tab")
    expect(launcher).to_be_focused()
    page.keyboard.press("Enter")
    question = page.get_by_label("Vaše vprašanje")
    expect(question).to_be_focused()
    page.keyboard.type("Kateri center je pristojen za Komen?")
    page.keyboard.press("Enter")
    expect(page.get_by_role("log")).to_contain_text(
        "Za Komen je pristojen Center za socialno delo Sežana.", timeout=ANSWER_TIMEOUT_MS
    )
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_be_hidden()
    expect(launcher).to_be_focused()
    expect(launcher).to_have_attribute("aria-expanded", "false")


def test_a_thumb_under_the_newest_answer_is_stored_and_thanked_for(page: Page, assistant_stack) -> None:
    open_widget(page)
    log = page.get_by_role("log")
    rating = log.get_by_role("group", name="Je bil odgovor v pomoč?")
    expect(rating).to_have_count(0)  # nothing to rate in the greeting
    ask(page, "Ali interventna služba pokriva Izolo?")
    expect(log).to_contain_text("Da, regijska interventna služba pokriva tudi Izolo.", timeout=ANSWER_TIMEOUT_MS)
    expect(rating).to_have_count(1)
    expect(rating).to_contain_text("Je bil odgovor v pomoč?")
    ask(page, "Kaj izvajate za Pivko?")
    expect(log).to_contain_text("Za Pivko CSD Koper izvaja", timeout=ANSWER_TIMEOUT_MS)
    expect(rating).to_have_count(1)  # under the newest answer only
    expect(log.locator(".rate + *")).to_have_count(0)  # the last thing in the log, below the answer
    rating.get_by_role("button", name="Da, odgovor je bil v pomoč").focus()
    page.keyboard.press("Enter")
    expect(log).to_contain_text("Hvala za vaš odziv.")
    expect(rating).to_have_count(0)
    expect(page.get_by_label("Vaše vprašanje")).to_be_focused()  # back where the conversation goes on

    session = page.evaluate("localStorage.getItem('csd-koper-pomocnik-seja')")
    engine = sa.create_engine(tracker_store_url(assistant_stack, ROOT))
    with engine.connect() as connection:
        (row,) = connection.execute(
            sa.text("SELECT value, answered_at FROM feedback WHERE sender_id = :sender"), {"sender": f"web:{session}"}
        ).fetchall()
        (question,) = connection.execute(
            sa.text(
                "SELECT data FROM events WHERE sender_id = :sender AND type_name = 'user' AND timestamp < :at"
                " ORDER BY timestamp DESC LIMIT 1"
            ),
            {"sender": f"web:{session}", "at": row.answered_at},
        ).one()
    engine.dispose()
    assert row.value == 1
    assert json.loads(question)["text"] == "Kaj izvajate za Pivko?"  # the rated answer is the newest one

    staff = Store(tracker_store_url(assistant_stack, ROOT), b"test key")  # and the staff area shows it
    channel, turns = staff.conversation(staff.short_hash(f"web:{session}"))
    staff.close()
    rated = [turn for turn in turns if turn.feedback]
    assert channel == "web" and [(t.text.split(" ")[0], t.feedback) for t in rated] == [("Za", 1)]


def test_the_whole_widget_fits_360_pixels(browser: Browser, assistant_stack) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 640})
    page = context.new_page()
    page.goto(f"{assistant_stack.gateway_url}/")
    open_widget(page)
    for name in ("dialog",):
        box = page.get_by_role(name).bounding_box()
        assert box and box["x"] >= 0 and box["y"] >= 0
        assert box["x"] + box["width"] <= 360 and box["y"] + box["height"] <= 640
    send = page.get_by_role("button", name="Pošlji").bounding_box()
    assert send and send["x"] + send["width"] <= 360
    context.close()


def test_a_gateway_error_keeps_the_typed_text_and_offers_a_retry(page: Page) -> None:
    open_widget(page)
    page.route("**/api/chat", lambda route: route.abort())
    ask(page, "Ali pomoč na domu velja za Komen?")
    expect(page.get_by_role("alert")).to_contain_text("Sporočilo ni bilo poslano.")
    expect(page.get_by_label("Vaše vprašanje")).to_have_value("Ali pomoč na domu velja za Komen?")
    page.unroute("**/api/chat")
    page.get_by_role("button", name="Poskusi znova").click()
    expect(page.get_by_role("log")).to_contain_text(
        "Da, regijski center za pomoč na domu pokriva tudi Komen.", timeout=ANSWER_TIMEOUT_MS
    )
    expect(page.get_by_role("alert")).to_be_hidden()


HELP_LINKS = {
    "tel:112": "112",
    "tel:113": "113",
    "tel:116111": "116 111",
    "tel:116123": "116 123",
    "tel:0801155": "080 11 55",
}


def tel_links(locator) -> list[tuple[str, str]]:
    """(href, visible text) of the tel: links inside `locator`, in order."""
    pairs = locator.locator('a[href^="tel:"]').evaluate_all(
        "els => els.map(a => [a.getAttribute('href'), a.textContent])"
    )
    return [(href, text) for href, text in pairs]


@pytest.mark.parametrize(("text", "you"), [("mož me tepe", "Vi: "), ("aiuto, mi picchia", "Lei: ")])
def test_help_lines_are_one_tap_away_in_a_danger_reply_and_the_notice(page: Page, text: str, you: str) -> None:
    open_widget(page)
    notice = page.get_by_text("Sem avtomatski pomočnik, ne človek.")
    expect(notice.locator('a[href="tel:113"]')).to_have_text("113")
    assert tel_links(notice) == [("tel:112", "112"), ("tel:113", "113")]
    expect(notice).to_contain_text("Če ste v nevarnosti, pokličite 112 ali 113. Pogovor se izbriše 30 dni")
    ask(page, text)
    reply = page.get_by_role("log").locator(".message.assistant").nth(1)
    expect(reply).to_contain_text("080 11 55", timeout=ANSWER_TIMEOUT_MS)
    for href, shown in HELP_LINKS.items():
        expect(reply.locator(f'a[href="{href}"]').first).to_have_text(shown)
    assert {href for href, _ in tel_links(reply)} == set(HELP_LINKS)
    expect(page.get_by_role("log").locator(".message.user").last).to_have_text(you + text)  # the answer's language


def test_other_numbers_do_not_become_links(page: Page) -> None:
    open_widget(page)
    log = page.get_by_role("log")
    ask(page, "Koliko krajevnih skupnosti ima MOK?")
    expect(log).to_contain_text("23 krajevnih skupnosti", timeout=ANSWER_TIMEOUT_MS)
    ask(page, "Koliko naselij ima MOK?")
    expect(log).to_contain_text("105 naselij", timeout=ANSWER_TIMEOUT_MS)
    assert log.locator("a").count() == 0
    reply = "Leta 2112 je imela občina 51.112 prebivalcev, 1.12.2023 ob 11.20 pa 1120; pokličite 0801155 ali 112."
    page.route("**/api/chat", lambda route: route.fulfill(json={"messages": [{"text": reply}]}))
    ask(page, "ali naj pokličem 112?")
    expect(log).to_contain_text(reply)
    assert tel_links(log) == [("tel:0801155", "0801155"), ("tel:112", "112")]  # not the 112 the user typed


# --- Every served language: the widget's words come from /api/config (knowledge/data/widget.yml and
# <code>/widget.yml); its language menu asks the assistant to switch. A test that needs a language other than
# the default takes Italian; tests/bot/test_widget_languages.py tries the menu itself at length.

LABELS = {code: kb.widget for code, kb in KBS.items()}
NAMES = KB.languages.served  # each served language by its own name
ITALIAN_QUESTION = "Il servizio di intervento copre anche Pirano?"
ITALIAN_ANSWER = "Sì, il servizio di intervento regionale copre anche Pirano (Piran)."


def expect_words_of(page: Page, language: str) -> None:
    """Every word the widget shows or names is the language's, and the widget says which language it is in."""
    words = LABELS[language]
    expect(page.locator("#csd-koper-pomocnik")).to_have_attribute("lang", language)
    launcher = page.locator("#csd-koper-pomocnik .launcher")
    expect(launcher).to_have_text(words.open)
    if page.get_by_role("dialog").is_hidden():
        return
    expect(page.get_by_role("dialog")).to_have_attribute("aria-label", words.title)
    expect(page.locator("#csd-koper-pomocnik h2")).to_have_text(words.title)
    menu_button = page.get_by_role("button", name=f"{words.language_menu}: {NAMES[language]}")
    expect(menu_button).to_have_text(language.upper())
    expect(page.get_by_role("button", name=words.restart)).to_be_visible()
    expect(page.get_by_role("button", name=words.close)).to_have_text("×")
    thirty_days = quantity(language, 30, "days")  # the gateway's retention, agreeing with its noun ("30 dni")
    expect(page.locator("#csd-koper-pomocnik .notice")).to_have_text(
        f"{words.notice} {words.retention.format(days=thirty_days)}"
    )
    expect(page.get_by_role("log")).to_have_attribute("aria-label", words.log)
    expect(page.get_by_label(words.question)).to_have_attribute("placeholder", words.placeholder)
    expect(page.get_by_role("button", name=words.send, exact=True)).to_be_visible()


def ask_and_get_language_sent(page: Page, text: str, language: str) -> str:
    """Ask `text` with the widget in `language`; the `language` the widget sent with it."""
    with page.expect_request("**/api/chat") as request:
        page.get_by_label(LABELS[language].question).fill(text)
        page.get_by_role("button", name=LABELS[language].send, exact=True).click()
    return request.value.post_data_json["language"]


def test_an_italian_page_gets_the_italian_widget(blank_page: Page, assistant_stack) -> None:
    page = blank_page
    page.goto(f"{assistant_stack.gateway_url}/it")
    expect_words_of(page, "it")
    page.get_by_role("button", name="Chieda all'assistente").click()
    expect(page.get_by_role("log")).to_contain_text("Buongiorno!", timeout=ANSWER_TIMEOUT_MS)
    expect_words_of(page, "it")
    notice = page.get_by_text("Sono un assistente automatico, non una persona.")
    expect(notice).to_contain_text("Non invii dati personali. Se è in pericolo, chiami il 112 o il 113.")
    expect(notice).to_contain_text("La conversazione viene cancellata 30 giorni dopo l'ultimo messaggio.")
    assert tel_links(notice) == [("tel:112", "112"), ("tel:113", "113")]
    expect(page.get_by_role("button", name="Lingua della conversazione: Italiano")).to_have_text("IT")
    assert ask_and_get_language_sent(page, ITALIAN_QUESTION, "it") == "it"
    expect(page.get_by_role("log")).to_contain_text(ITALIAN_ANSWER, timeout=ANSWER_TIMEOUT_MS)
    expect(page.get_by_role("log").locator(".message.user .hidden-label").last).to_have_text("Lei: ")


def choose_language(page: Page, language: str) -> None:
    """Open the header's language menu (named in the widget's language) and choose `language`."""
    page.locator("#csd-koper-pomocnik .language").click()
    page.get_by_role("menuitemradio", name=NAMES[language], exact=True).click()


@pytest.mark.parametrize("language", [code for code in SERVED if code != KB.language])
def test_each_language_of_the_menu_turns_the_widget_and_the_answers_to_it(page: Page, language: str) -> None:
    open_widget(page)
    with page.expect_response("**/api/chat") as response:
        choose_language(page, language)
    assert response.value.json()["language"] == language
    log = page.get_by_role("log")
    expect(log.locator(".message.assistant").last).to_have_text(
        LABELS[language].assistant + " " + KBS[language].reply("language_set").text, timeout=ANSWER_TIMEOUT_MS
    )  # "Va bene, Le rispondo in italiano. …", read as the assistant's in that language
    expect_words_of(page, language)
    page.get_by_role("button", name=LABELS[language].restart).click()  # a new conversation goes on in it
    expect(log.locator(".message.assistant").first).to_have_text(
        LABELS[language].assistant + " " + KBS[language].reply("greet").text, timeout=ANSWER_TIMEOUT_MS
    )
    expect_words_of(page, language)


def test_the_menu_turns_the_widget_italian_and_the_next_answer_is_italian(page: Page) -> None:
    open_widget(page)
    expect_words_of(page, "sl")
    with page.expect_request("**/api/chat") as request:
        choose_language(page, "it")
    assert request.value.post_data_json["payload"] == '/set_language{"language":"it"}'
    log = page.get_by_role("log")
    expect(log).to_contain_text("Va bene, Le rispondo in italiano.", timeout=ANSWER_TIMEOUT_MS)
    expect_words_of(page, "it")
    expect(log.locator(".message.assistant .hidden-label").first).to_have_text("Assistente: ")  # read again
    assert ask_and_get_language_sent(page, ITALIAN_QUESTION, "it") == "it"
    expect(log).to_contain_text(ITALIAN_ANSWER, timeout=ANSWER_TIMEOUT_MS)


def test_switching_back_to_slovenian(page: Page) -> None:
    open_widget(page)
    choose_language(page, "it")
    log = page.get_by_role("log")
    expect(log).to_contain_text("Va bene, Le rispondo in italiano.", timeout=ANSWER_TIMEOUT_MS)
    choose_language(page, "sl")
    expect(log).to_contain_text("V redu, odgovarjam vam v slovenščini.", timeout=ANSWER_TIMEOUT_MS)
    expect_words_of(page, "sl")
    assert ask_and_get_language_sent(page, "Ali interventna služba pokriva Izolo?", "sl") == "sl"
    expect(log).to_contain_text("Da, regijska interventna služba pokriva tudi Izolo.", timeout=ANSWER_TIMEOUT_MS)


def test_a_question_in_italian_turns_the_widget_italian(page: Page) -> None:
    open_widget(page)
    assert ask_and_get_language_sent(page, ITALIAN_QUESTION, "sl") == "sl"
    expect(page.get_by_role("log")).to_contain_text(ITALIAN_ANSWER, timeout=ANSWER_TIMEOUT_MS)
    expect_words_of(page, "it")


def test_the_language_survives_a_reload_with_the_history(page: Page) -> None:
    open_widget(page)
    choose_language(page, "it")
    log = page.get_by_role("log")
    expect(log).to_contain_text("Va bene, Le rispondo in italiano.", timeout=ANSWER_TIMEOUT_MS)
    ask_and_get_language_sent(page, ITALIAN_QUESTION, "it")
    answers = log.locator(".message.assistant", has_text=ITALIAN_ANSWER)
    expect(answers).to_have_count(1, timeout=ANSWER_TIMEOUT_MS)
    page.reload()  # the demo page is Slovenian (data-lang="sl"): the conversation's language wins
    expect_words_of(page, "it")
    page.get_by_role("button", name="Chieda all'assistente").click()
    expect(answers).to_have_count(1, timeout=ANSWER_TIMEOUT_MS)
    expect(log).to_contain_text("Va bene, Le rispondo in italiano.")
    expect(log.locator(".message.user")).to_have_text(["Lei: " + ITALIAN_QUESTION])  # read in Italian
    expect(log).not_to_contain_text("Buongiorno!")  # the history, not a new conversation
    expect_words_of(page, "it")
    assert ask_and_get_language_sent(page, ITALIAN_QUESTION, "it") == "it"
    expect(answers).to_have_count(2, timeout=ANSWER_TIMEOUT_MS)
    page.get_by_role("button", name="Nuova conversazione").click()  # a new conversation, in the language chosen
    expect(log).to_contain_text("Buongiorno!", timeout=ANSWER_TIMEOUT_MS)
    expect_words_of(page, "it")


@pytest.mark.parametrize("status", [429, 503])
def test_a_refusal_for_a_flood_is_shown_politely(page: Page, status: int) -> None:
    """429 (too much from this session or address): the gateway's "please wait", with the emergency lines, as
    the assistant's message. 503 (the gateway is full): the message was not sent; the typed text stays."""
    slow_down = load_knowledge_base().reply("slow_down").text
    body = {"error": "too many requests", "messages": [{"text": slow_down}]}
    open_widget(page)
    page.route(
        "**/api/chat",
        lambda route: route.fulfill(status=status, json=body, headers={"Retry-After": "1"}),
    )
    ask(page, "Ali pomoč na domu velja za Komen?")
    if status == 429:
        expect(page.get_by_role("log")).to_contain_text("Prosimo, počakajte trenutek")
        expect(page.get_by_role("log").locator('a[href="tel:112"]')).to_have_count(1)
    else:
        expect(page.get_by_role("alert")).to_contain_text("Sporočilo ni bilo poslano.")
        expect(page.get_by_label("Vaše vprašanje")).to_have_value("Ali pomoč na domu velja za Komen?")
        expect(page.get_by_role("button", name="Poskusi znova")).to_be_visible()
