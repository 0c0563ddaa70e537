"""The staff area's routes, mounted at /staff by bot/web.py when STAFF_PASSWORD is set.

GET  /staff/                          overview (?od=YYYY-MM-DD&do=YYYY-MM-DD, default the last 7 days)
GET  /staff/nerazumljeno              not understood (+ &kanal=web|telegram&namen=<intent>&pregledano=1)
GET  /staff/nerazumljeno.csv          the same list as CSV
POST /staff/nerazumljeno/pregledano   mark as reviewed (form: csrf, izbrano=<key>… or oznaci=<key>)
POST /staff/nerazumljeno/nlu.yml      Rasa NLU YAML of the texts given an intent (form: csrf, namen-<key>=<intent>)
GET  /staff/odzivi                    answers that got a 👎, with their questions
GET  /staff/pogovor/<short hash>      one whole conversation
GET  /staff/staff.css                 the stylesheet (no login: nothing in it is private)

The pages run in Starlette's thread pool: the database calls are blocking. Before a page takes a thread,
its client address must be within STAFF_REQUESTS_PER_MINUTE, with at most STAFF_IN_FLIGHT_PER_ADDRESS of its
pages and STAFF_IN_FLIGHT in all being made (429 or 503 with Retry-After, at once): the pool is shared
with the rest of the gateway, which a flood of pages, logged in or not, must not starve.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

import yaml
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route

from bot.flood import AddressGuard, Refusal, client_address
from bot.staff import charts, days
from bot.staff.auth import LoginGuard
from bot.staff.export import groups_csv, nlu_yaml
from bot.staff.pages import overview_charts, render, share
from bot.staff.store import CHANNELS, LOW_CONFIDENCE, NOT_UNDERSTOOD_INTENTS, Store

logger = logging.getLogger("bot.staff")
STATIC = Path(__file__).resolve().parent / "static"
DOMAIN = Path(__file__).resolve().parents[2] / "domain.yml"
MAX_DAYS = 400
MAX_GROUPS = 500
MAX_FORM_BYTES = 512 * 1024  # a form of MAX_GROUPS rows with a select each
# The only query parameters a page reads, and the only ones the view log keeps: filters, never text.
FILTERS = ("od", "do", "kanal", "namen", "pregledano")
# A person reads a page in seconds; these leave room for a whole office behind one address, and leave most of
# the thread pool (40 threads) to the public side.
STAFF_REQUESTS_PER_MINUTE = 120
STAFF_IN_FLIGHT = 8
STAFF_IN_FLIGHT_PER_ADDRESS = 4
REFUSED = {
    429: "Preveč zahtev z vašega naslova. Poskusite znova čez nekaj sekund.",
    503: "Pregled je ta trenutek preobremenjen. Poskusite znova čez nekaj sekund.",
}


def domain_intents(path: Path = DOMAIN) -> list[str]:
    """The intents a text can be given, from domain.yml (the fallback is none)."""
    try:
        intents = yaml.safe_load(path.read_text(encoding="utf-8")).get("intents", [])
    except OSError:
        return []
    names = [next(iter(i)) if isinstance(i, dict) else str(i) for i in intents]
    return sorted(name for name in names if name != "nlu_fallback")


@dataclass
class Filters:
    first: date
    last: date
    channel: str = ""
    intent: str = ""
    with_reviewed: bool = False

    @classmethod
    def of(cls, request: Request, intents: Sequence[str]) -> Filters:
        params = request.query_params
        today = days.today()
        first, last = _date(params.get("od"), today - timedelta(days=6)), _date(params.get("do"), today)
        first, last = min(first, last), max(first, last)
        first = max(first, last - timedelta(days=MAX_DAYS))
        intent = params.get("namen", "")
        return cls(
            first, last,
            channel=params.get("kanal", "") if params.get("kanal") in CHANNELS else "",
            intent=intent if intent in intents or intent in NOT_UNDERSTOOD_INTENTS else "",
            with_reviewed=params.get("pregledano") == "1",
        )  # fmt: skip

    def query(self, full: bool = True) -> str:
        params = {"od": self.first.isoformat(), "do": self.last.isoformat()}
        if full:
            params |= {"kanal": self.channel, "namen": self.intent, "pregledano": "1" if self.with_reviewed else ""}
        return "?" + urlencode({k: v for k, v in params.items() if v})


async def read_form(request: Request) -> FormData | None:
    """An HTML form's fields (urlencoded, as the pages post them), or None when too large or malformed.

    Parsed here rather than by request.form(), which needs python-multipart for no gain."""
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/x-www-form-urlencoded":
        return None
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FORM_BYTES:
            return None
    try:
        return FormData(parse_qsl(body.decode("utf-8"), keep_blank_values=True, max_num_fields=5000))
    except (UnicodeDecodeError, ValueError):
        return None


def _refused(refusal: Refusal) -> Response:
    return PlainTextResponse(REFUSED[refusal.status], refusal.status, headers=refusal.headers)


def _date(raw: str | None, default: date) -> date:
    try:
        return date.fromisoformat(raw or "")
    except ValueError:
        return default


class StaffArea:
    """The pages, with the login guard, the store and the view log around each."""

    def __init__(
        self,
        password: str,
        database_url: str,
        *,
        retention_days: int = 30,
        task_titles: Mapping[str, str] | None = None,
        intents: Sequence[str] | None = None,
    ) -> None:
        self.guard = LoginGuard(password)
        self.limits = AddressGuard(STAFF_REQUESTS_PER_MINUTE, STAFF_IN_FLIGHT, STAFF_IN_FLIGHT_PER_ADDRESS)
        self.database_url = database_url
        self.retention_days = retention_days
        self.task_titles = dict(task_titles or {})
        self.intents = list(domain_intents() if intents is None else intents)

    @cached_property
    def store(self) -> Store:  # on the first view: a gateway whose staff area is unused opens no connection
        return Store(self.database_url, self.guard.key)

    def limited(self, handler: Callable[[Request], Awaitable[Response]]) -> Callable[[Request], Awaitable[Response]]:
        """The handler within the limits per client address and on the pages in flight."""

        async def within_limits(request: Request) -> Response:
            with self.limits.admit(client_address(request)) as refusal:
                if refusal is not None:
                    await self.limits.hold(refusal)
                    return _refused(refusal)
                return await handler(request)

        return within_limits

    def page(self, handler: Callable[[Request, str], Response]) -> Callable[[Request], Awaitable[Response]]:
        def guarded(request: Request) -> Response:
            charts.preload()
            user = self.guard.check(request)
            if isinstance(user, Response):
                return user
            kept = urlencode([(k, v) for k, v in request.query_params.multi_items() if k in FILTERS])
            path = request.url.path + ("?" + kept if kept else "")
            self._log(user, request.method, path)
            return handler(request, user)

        async def in_thread(request: Request) -> Response:
            return await run_in_threadpool(guarded, request)

        return self.limited(in_thread)

    def _html(
        self, template: str, request: Request, user: str, title: str, filters: Filters, **context: object
    ) -> Response:
        body = render(
            template, title=title, user=user, current=request.url.path, first=filters.first, last=filters.last,
            range_query=filters.query(full=False), retention_days=self.retention_days, **context,
        )  # fmt: skip
        return HTMLResponse(body)

    def overview(self, request: Request, user: str) -> Response:
        filters = Filters.of(request, self.intents)
        overview = self.store.overview(filters.first, filters.last)
        messages = sum(overview.summed("messages").values())
        helpful = overview.summed("helpful")
        return self._html(
            "overview.html", request, user, "Pregled", filters,
            charts=overview_charts(overview, self.task_titles),
            total_conversations=sum(overview.summed("conversations").values()), total_messages=messages,
            not_understood_share=share(sum(overview.summed("not_understood").values()), messages),
            helpful_share=share(helpful["yes"], helpful["yes"] + helpful["no"]),
            stored_days=len(overview.stored_days),
        )  # fmt: skip

    def _groups(self, filters: Filters) -> list:
        return self.store.not_understood(
            filters.first, filters.last, filters.channel, filters.intent, filters.with_reviewed
        )

    def not_understood(self, request: Request, user: str) -> Response:
        filters = Filters.of(request, self.intents)
        groups = self._groups(filters)
        return self._html(
            "not_understood.html", request, user, "Nerazumljena sporočila", filters,
            groups=groups[:MAX_GROUPS], messages=sum(g.count for g in groups), truncated=len(groups) > MAX_GROUPS,
            shown=MAX_GROUPS, channel=filters.channel, intent=filters.intent, with_reviewed=filters.with_reviewed,
            intents=self.intents, filter_intents=[*NOT_UNDERSTOOD_INTENTS, *self.intents], query=filters.query(),
            csrf=self.guard.csrf_token(user), low_confidence=str(LOW_CONFIDENCE).replace(".", ","),
        )  # fmt: skip

    def not_understood_csv(self, request: Request, user: str) -> Response:
        filters = Filters.of(request, self.intents)
        name = f"nerazumljeno-{filters.first.isoformat()}-{filters.last.isoformat()}.csv"
        return Response(
            groups_csv(self._groups(filters)), media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )  # fmt: skip

    def form_page(
        self, handler: Callable[[Request, str, FormData], Response]
    ) -> Callable[[Request], Awaitable[Response]]:
        """A form's POST: the login, then the form's token, then the handler (in the thread pool)."""

        async def guarded(request: Request) -> Response:
            user = self.guard.check(request)
            if isinstance(user, Response):
                return user
            form = await read_form(request)
            if form is None:
                return PlainTextResponse("Obrazec je prevelik ali ni v pravi obliki.", 400)
            if not self.guard.csrf_ok(request, user, str(form.get("csrf", ""))):
                return PlainTextResponse("Obrazec ni veljaven: odprite stran znova in poskusite še enkrat.", 403)
            await run_in_threadpool(self._log, user, request.method, request.url.path)
            return await run_in_threadpool(handler, request, user, form)

        return self.limited(guarded)

    def _log(self, user: str, method: str, path: str) -> None:
        self.store.log_view(user, method, path)
        logger.info("staff view: %s %s %s", user, method, path)

    def mark_reviewed(self, request: Request, user: str, form: FormData) -> Response:
        one = form.get("oznaci")
        keys = [str(one)] if one else [str(key) for key in form.getlist("izbrano")]
        self.store.mark_reviewed(keys, user)
        filters = Filters.of(request, self.intents)
        return RedirectResponse(f"/staff/nerazumljeno{filters.query()}", status_code=303)

    def training_data(self, request: Request, user: str, form: FormData) -> Response:
        filters = Filters.of(request, self.intents)
        filters.with_reviewed = True  # a text may be reviewed and still be wanted as an example
        chosen = {
            key.removeprefix("namen-"): str(value)
            for key, value in form.multi_items()
            if key.startswith("namen-") and value in self.intents
        }
        groups = [group for group in self._groups(filters) if group.key in chosen] if chosen else []
        body = nlu_yaml(((group.text, chosen[group.key]) for group in groups), days.today())
        return Response(
            body, media_type="application/x-yaml; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="nerazumljeno-{days.today().isoformat()}.yml"'},
        )  # fmt: skip

    def disliked(self, request: Request, user: str) -> Response:
        filters = Filters.of(request, self.intents)
        items = self.store.disliked(filters.first, filters.last)
        return self._html("disliked.html", request, user, "Nekoristni odgovori (👎)", filters, items=items)

    def conversation(self, request: Request, user: str) -> Response:
        filters = Filters.of(request, self.intents)
        short = request.path_params["short"]
        found = self.store.conversation(short)
        if found is None:
            response = self._html("message.html", request, user, "Pogovora ni", filters,
                                  message="Tega pogovora ni: morda je že izbrisan.")  # fmt: skip
            response.status_code = 404
            return response
        channel, turns = found
        return self._html(
            "conversation.html", request, user, f"Pogovor {short}", filters, turns=turns, short=short, channel=channel
        )

    def mount(self) -> Mount:
        async def stylesheet(request: Request) -> Response:
            return FileResponse(STATIC / "staff.css", media_type="text/css; charset=utf-8")

        return Mount(
            "/staff",
            routes=[
                Route("/", self.page(self.overview), methods=["GET"]),
                Route("/nerazumljeno", self.page(self.not_understood), methods=["GET"]),
                Route("/nerazumljeno.csv", self.page(self.not_understood_csv), methods=["GET"]),
                Route("/nerazumljeno/pregledano", self.form_page(self.mark_reviewed), methods=["POST"]),
                Route("/nerazumljeno/nlu.yml", self.form_page(self.training_data), methods=["POST"]),
                Route("/odzivi", self.page(self.disliked), methods=["GET"]),
                Route("/pogovor/{short:str}", self.page(self.conversation), methods=["GET"]),
                Route("/staff.css", stylesheet, methods=["GET"]),
            ],
        )
