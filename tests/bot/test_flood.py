"""A flood from one source: limits per client address, X-Forwarded-For only from a trusted proxy, and a bound
on the work in flight, on the chat API, the Telegram webhook and the staff area. The real gateway app, served
by uvicorn on 127.0.0.1 as `python -m bot` serves it, in front of a fake Rasa."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient
from telegram.ext import Application

from bot import flood
from bot.conversation import Assistant
from bot.flood import AddressGuard, InFlight, RateLimiter, Refusal
from bot.staff import routes as staff_routes
from bot.staff.routes import StaffArea, StaffOptions
from bot.telegram_bot import build_application
from bot.telegram_webhook import SECRET_HEADER, WRONG_SECRETS_PER_MINUTE, webhook_route
from bot.web import create_app
from knowledge import load_knowledge_base
from runtime.settings import Settings
from runtime.stack import free_port
from tests.bot.fake_rasa import held_rasa, recording_rasa
from tests.bot.fake_telegram import TOKEN, FakeTelegram, serving

KB = load_knowledge_base()
SLOW_DOWN = KB.reply("slow_down").text
SLOW_DOWN_IT = load_knowledge_base(language="it").reply("slow_down").text
OTHER = "127.0.0.2"  # loopback has every 127.x address: another client on the same machine, not a trusted proxy


@pytest.fixture(autouse=True)
def short_hold(monkeypatch: pytest.MonkeyPatch) -> None:
    """An address over its minute waits a fifth of a second for its 429 here, not a second."""
    monkeypatch.setattr(flood, "HOLD_SECONDS", 0.2)


WEBHOOK_URL, SECRET = "https://x.example/telegram", "webhook-secret_123"
RIGHT = {SECRET_HEADER: SECRET}


def webhook_app(fake: FakeTelegram, **limits: int) -> tuple[Application, Starlette]:
    """The gateway with the Telegram webhook, its Application not started: every update taken stays waiting."""
    settings = Settings(rasa_url="http://127.0.0.1:9", telegram_token=TOKEN, telegram_base_url=fake.base_url,
                        telegram_webhook_url=WEBHOOK_URL, telegram_webhook_secret=SECRET)  # fmt: skip
    assistant = Assistant(["http://127.0.0.1:9"], 1.0, KB)
    application = build_application(settings, assistant)
    return application, create_app(assistant, extra_routes=[webhook_route(application, WEBHOOK_URL, SECRET, **limits)])


def random_session() -> str:
    return uuid.uuid4().hex


@contextlib.asynccontextmanager
async def gateway(app: Starlette, trusted: tuple[str, ...] = ("127.0.0.1",)) -> AsyncIterator[str]:
    """The app served by uvicorn with the proxy headers options of bot/__main__.py; yields its URL."""
    port = free_port()
    async with serving(app, port, proxy_headers=True, forwarded_allow_ips=list(trusted)):
        yield f"http://127.0.0.1:{port}"


def client_from(url: str, address: str = "127.0.0.1") -> httpx.AsyncClient:
    """A client whose connections come from `address` (the socket's source address)."""
    return httpx.AsyncClient(base_url=url, timeout=30.0, transport=httpx.AsyncHTTPTransport(local_address=address))


async def chat(client: httpx.AsyncClient, headers: dict[str, str] | None = None, **body: Any) -> httpx.Response:
    return await client.post("/api/chat", json={"session": random_session(), "text": "zivjo", **body}, headers=headers)


def test_random_sessions_from_one_address_are_limited_and_another_address_is_not() -> None:
    async def scenario() -> None:
        async with recording_rasa([]) as rasa_url:
            assistant = Assistant([rasa_url], 5.0, KB)
            app = create_app(assistant, requests_per_minute_per_address=3)
            async with gateway(app) as url, client_from(url) as flood, client_from(url, OTHER) as person:
                codes = [(await chat(flood)).status_code for _ in range(4)]
                assert codes == [200, 200, 200, 429]  # a new session each time does not help
                refused = await chat(flood, language="it")
                assert refused.status_code == 429 and 1 <= int(refused.headers["Retry-After"]) <= 60
                assert refused.json()["messages"][0]["text"] == SLOW_DOWN_IT  # polite, in its language
                assert "112" in SLOW_DOWN_IT
                assert (await chat(person)).status_code == 200
                history = await flood.get("/api/history", params={"session": random_session()})
                assert history.status_code == 429 and history.json()["error"]  # history reaches Rasa too
            await assistant.close()

    asyncio.run(scenario())


def test_x_forwarded_for_is_the_client_only_from_a_trusted_proxy() -> None:
    async def scenario() -> None:
        async with recording_rasa([]) as rasa_url:
            assistant = Assistant([rasa_url], 5.0, KB)
            app = create_app(assistant, requests_per_minute_per_address=2)
            async with gateway(app) as url, client_from(url) as proxy, client_from(url, OTHER) as spoofer:
                # Behind the trusted proxy (127.0.0.1) each client has its own allowance.
                first = {"X-Forwarded-For": "203.0.113.7"}
                assert [(await chat(proxy, first)).status_code for _ in range(3)] == [200, 200, 429]
                assert (await chat(proxy, {"X-Forwarded-For": "203.0.113.8"})).status_code == 200
                # A client that is no trusted proxy cannot pick its address: its header is ignored.
                codes = [(await chat(spoofer, {"X-Forwarded-For": f"198.51.100.{n}"})).status_code for n in range(3)]
                assert codes == [200, 200, 429]
            await assistant.close()

    asyncio.run(scenario())


def test_with_no_trusted_proxy_every_header_is_ignored() -> None:
    async def scenario() -> None:
        async with recording_rasa([]) as rasa_url:
            assistant = Assistant([rasa_url], 5.0, KB)
            app = create_app(assistant, requests_per_minute_per_address=1)
            async with gateway(app, trusted=("10.9.9.9",)) as url, client_from(url) as client:
                assert (await chat(client, {"X-Forwarded-For": "203.0.113.1"})).status_code == 200
                assert (await chat(client, {"X-Forwarded-For": "203.0.113.2"})).status_code == 429
            await assistant.close()

    asyncio.run(scenario())


def test_a_full_gateway_answers_503_at_once_and_serves_again_when_the_work_is_done() -> None:
    async def scenario() -> None:
        release, arrived = asyncio.Event(), []
        async with held_rasa(release, arrived) as rasa_url:
            assistant = Assistant([rasa_url], 30.0, KB)
            app = create_app(assistant, max_in_flight=2, max_in_flight_per_address=2)
            async with gateway(app) as url, client_from(url) as first, client_from(url, OTHER) as second:
                held = [asyncio.create_task(chat(first)) for _ in range(2)]
                while len(arrived) < 2:
                    await asyncio.sleep(0.01)
                # Both slots are held until `release`: an answer now cannot have waited for one.
                full = await chat(second, language="it")
                assert not release.is_set() and len(arrived) == 2
                assert full.status_code == 503 and full.headers["Retry-After"] == "1"
                assert full.json()["error"] == "the assistant is busy"
                assert full.json()["messages"][0]["text"] == SLOW_DOWN_IT
                feedback = await second.post(
                    "/api/feedback", json={"session": "s", "answer_id": "0" * 32, "value": "up"}
                )
                assert feedback.status_code == 503  # no feedback store here; refused either way, not queued
                release.set()
                assert [(await task).status_code for task in held] == [200, 200]
                assert (await chat(second)).status_code == 200
            await assistant.close()

    asyncio.run(scenario())


def test_one_address_cannot_take_every_slot() -> None:
    async def scenario() -> None:
        release, arrived = asyncio.Event(), []
        async with held_rasa(release, arrived) as rasa_url:
            assistant = Assistant([rasa_url], 30.0, KB)
            app = create_app(assistant, max_in_flight=10, max_in_flight_per_address=2)
            async with gateway(app) as url, client_from(url) as flood, client_from(url, OTHER) as person:
                held = [asyncio.create_task(chat(flood)) for _ in range(2)]
                while len(arrived) < 2:
                    await asyncio.sleep(0.01)
                third = await chat(flood)
                assert third.status_code == 429 and third.headers["Retry-After"] == "1"
                assert third.json()["messages"][0]["text"] == SLOW_DOWN
                answered = asyncio.create_task(chat(person))
                while len(arrived) < 3:  # the other address's message reaches Rasa beside the flood's
                    await asyncio.sleep(0.01)
                release.set()
                assert (await answered).status_code == 200
                assert [(await task).status_code for task in held] == [200, 200]
            await assistant.close()

    asyncio.run(scenario())


def test_the_telegram_webhook_refuses_with_503_while_too_many_updates_wait() -> None:
    fake = FakeTelegram()
    application, app = webhook_app(fake, max_waiting=3)

    def update(number: int) -> dict[str, Any]:
        return {"update_id": number, "message": fake.message(f"sporočilo {number}")}

    with TestClient(app) as client:
        codes = [client.post("/telegram", json=update(n), headers=RIGHT).status_code for n in range(4)]
        assert codes == [200, 200, 200, 503]  # Telegram delivers a refused update again later: nothing is lost
        refused = client.post("/telegram", json=update(5), headers=RIGHT)
        assert refused.headers["Retry-After"] == "1"
        assert client.post("/telegram", json=update(6)).status_code == 403  # the secret is still checked first
        application.update_queue.get_nowait()
        assert client.post("/telegram", json=update(7), headers=RIGHT).status_code == 200
    assert application.update_queue.qsize() == 3


def test_wrong_webhook_secrets_are_limited_per_address_and_the_right_one_still_passes() -> None:
    fake = FakeTelegram()
    application, app = webhook_app(fake)
    update = {"update_id": 1, "message": fake.message("zivjo")}
    with TestClient(app) as client:
        codes = [client.post("/telegram", json=update, headers={SECRET_HEADER: f"guess-{n}"}).status_code
                 for n in range(WRONG_SECRETS_PER_MINUTE)]  # fmt: skip
        assert set(codes) == {403}
        refused = client.post("/telegram", json=update, headers={SECRET_HEADER: "guess"})
        assert refused.status_code == 429 and int(refused.headers["Retry-After"]) >= 1
        assert client.post("/telegram", json=update).status_code == 429  # no secret at all counts the same
        assert client.post("/telegram", json=update, headers=RIGHT).status_code == 200  # Telegram is never held up
    assert application.update_queue.qsize() == 1


def test_the_webhook_bounds_the_updates_it_reads_at_once() -> None:
    fake = FakeTelegram()
    application, app = webhook_app(fake, max_in_flight=1)
    body = json.dumps({"update_id": 1, "message": fake.message("zivjo")}).encode()
    reading, release = asyncio.Event(), asyncio.Event()

    async def slow_body() -> AsyncIterator[bytes]:
        yield body[:10]
        reading.set()  # the gateway asks for the rest: the update is in flight
        await release.wait()
        yield body[10:]

    async def scenario() -> None:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as client:
            slow = asyncio.create_task(client.post("/telegram", content=slow_body(), headers=RIGHT))
            await reading.wait()
            busy = await client.post("/telegram", content=body, headers=RIGHT)
            assert busy.status_code == 503 and busy.headers["Retry-After"] == "1"  # Telegram sends it again later
            release.set()
            assert (await slow).status_code == 200
            assert (await client.post("/telegram", content=body, headers=RIGHT)).status_code == 200

    asyncio.run(scenario())
    assert application.update_queue.qsize() == 2


def staff_app(tmp_path: Path) -> tuple[StaffArea, Starlette]:
    area = StaffArea(StaffOptions(f"sqlite:///{tmp_path / 'tracker.db'}"), task_titles={}, intents=[])
    return area, Starlette(routes=[area.mount()])


def test_the_staff_area_limits_each_address_before_a_page_takes_a_thread(tmp_path: Path) -> None:
    area, app = staff_app(tmp_path)
    with TestClient(app, follow_redirects=False) as client:  # not signed in: a 303 to the sign-in form each
        codes = [client.get("/staff/").status_code for _ in range(staff_routes.STAFF_REQUESTS_PER_MINUTE)]
        assert set(codes) == {303}
        refused = client.get("/staff/nerazumljeno")
        assert refused.status_code == 429 and int(refused.headers["Retry-After"]) >= 1
        assert refused.text.startswith("Preveč zahtev z vašega naslova.")
        form = client.post("/staff/nerazumljeno/pregledano", data={"csrf": "x"})
        assert form.status_code == 429  # forms too
        assert client.get("/staff/staff.css").status_code == 200  # the stylesheet costs nothing


def test_the_staff_area_answers_503_when_its_pages_are_full(tmp_path: Path) -> None:
    area, app = staff_app(tmp_path)
    area.limits.in_flight.count = staff_routes.STAFF_IN_FLIGHT  # as if that many pages were being made
    with TestClient(app, follow_redirects=False) as client:
        full = client.get("/staff/")
        assert full.status_code == 503 and full.headers["Retry-After"] == "1"
        assert full.text.startswith("Pregled je ta trenutek preobremenjen.")
        assert client.get("/staff/prijava").status_code == 503  # the sign-in form too
        area.limits.in_flight.count = 0
        assert client.get("/staff/").status_code == 303


def test_in_flight_counts_per_address_and_in_all() -> None:
    gate = InFlight(total=3, per_address=2)
    with gate.slot("a") as one, gate.slot("a") as two, gate.slot("a") as three:
        assert one is None and two is None and three is not None and three.status == 429
        with gate.slot("b") as four, gate.slot("c") as five:
            assert four is None and five is not None and five.status == 503
    assert gate.count == 0
    with gate.slot("a") as again:
        assert again is None


def test_rate_limiter_says_when_to_come_back() -> None:
    limiter = RateLimiter(2, window=30.0)
    assert limiter.allow("a") and limiter.allow("a") and not limiter.allow("a")
    assert 29 <= limiter.retry_after("a") <= 30
    assert limiter.retry_after("b") == 1


def test_a_refusal_for_a_full_line_still_counts_against_the_address() -> None:
    guard = AddressGuard(per_minute=3, total_in_flight=1, in_flight_per_address=1)
    with guard.admit("a") as held:
        assert held is None
        refusals = []
        for _ in range(3):
            with guard.admit("a") as refusal:
                refusals.append(refusal.status if refusal else 200)
    assert refusals == [429, 429, 429]
    with guard.admit("a") as after:
        assert after is not None and after.retry_after > 1  # the minute is used up, though the line is free


@pytest.mark.parametrize("trusted", [("127.0.0.1",), ("10.0.0.0/8", "127.0.0.0/8")])
def test_the_default_and_a_network_of_proxies_are_settings(trusted: tuple[str, ...]) -> None:
    env = {"TRUSTED_PROXIES": ",".join(trusted)} if trusted != ("127.0.0.1",) else {}
    assert Settings.from_env(env).trusted_proxies == trusted


def test_an_address_over_its_minute_waits_for_its_429_and_only_so_many_wait() -> None:
    async def scenario() -> None:
        guard = AddressGuard(per_minute=1, total_in_flight=5, in_flight_per_address=5)
        with guard.admit("a") as first, guard.admit("a") as second:
            assert first is None and second is not None and second.held
        started = time.perf_counter()
        await asyncio.gather(*(guard.hold(second) for _ in range(3)))
        assert time.perf_counter() - started >= flood.HOLD_SECONDS and guard.holding == 0
        # Answered at once, whatever the machine's load: the hold is over at its first step, with no wait.
        at_once = Refusal(503, 1, "the assistant is busy")
        guard.holding = 0
        for refusal, holding in ((at_once, 0), (second, flood.MAX_HELD)):  # MAX_HELD waiting already
            guard.holding = holding
            task = asyncio.ensure_future(guard.hold(refusal))
            await asyncio.sleep(0)
            assert task.done(), refusal

    asyncio.run(scenario())
