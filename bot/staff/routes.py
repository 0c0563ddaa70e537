"""The staff area's routes, mounted at /staff by bot/web.py when STAFF_AREA is true or STAFF_PASSWORD is set.

GET  /staff/prijava                   the sign-in form (?naprej=/staff/… : where to go after it)
POST /staff/prijava                   sign in (form: csrf, ime, geslo, naprej); POST /staff/odjava signs out
GET  /staff/                          overview (?od=YYYY-MM-DD&do=YYYY-MM-DD, default the last 7 days)
GET  /staff/nerazumljeno              not understood (+ &kanal=web|telegram&namen=<intent>&pregledano=1&osebje=1),
                                      each with the staff answer that takes it now and links to a new answer
GET  /staff/nerazumljeno.csv          the same list as CSV
POST /staff/nerazumljeno/pregledano   mark as reviewed (form: csrf, izbrano=<key>… or oznaci=<key>)
POST /staff/nerazumljeno/nlu.yml      Rasa NLU YAML of the texts given an intent (form: csrf, namen-<key>=<intent>)
POST /staff/nerazumljeno/primer       add a text as an example question to an entry's draft (form: csrf,
                                      besedilo, jezik, odgovor=<entry id>); 303 back with &dodano=<entry id>
GET  /staff/odzivi                    answers that got a 👎, with their questions
GET  /staff/pogovor/<short hash>      one whole conversation
GET  /staff/racuni, POST /staff/racuni  the accounts (skrbnik only: bot/staff/account_pages.py)
GET  /staff/odgovori…, POST …         the staff answers: drafts, publications, preview, contact details
                                      (bot/staff/answers_pages.py)
GET  /staff/staff.css                 the stylesheet (no sign-in: nothing in it is private)

Every page but the sign-in form and the stylesheet needs a session (bot/staff/sessions.py; without one: 303
to the sign-in form) and a role (bot/staff/accounts.py; without it: 403), and is recorded in the audit log
(bot/staff/audit.py). Every POST carries its session's form token (CSRF).

The pages run in Starlette's thread pool: the database calls are blocking. Before a page takes a thread,
its client address must be within STAFF_REQUESTS_PER_MINUTE, with at most STAFF_IN_FLIGHT_PER_ADDRESS of its
pages and STAFF_IN_FLIGHT in all being made (429 or 503 with Retry-After, at once): the pool is shared
with the rest of the gateway, which a flood of pages, signed in or not, must not starve.

While the database is down every page, the sign-in form too, is a 503 that says so (never a 500); each change
is one transaction, so none is half made.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from pathlib import Path
from urllib.parse import urlencode

import sqlalchemy as sa
import yaml
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route

from bot.flood import AddressGuard, Refusal, client_address
from bot.staff import account_pages, charts, signin
from bot.staff.accounts import AccountStore, StaffUser, check_role
from bot.staff.answer_stats import Usage
from bot.staff.answers_pages import AnswersPages
from bot.staff.audit import AuditLog
from bot.staff.auth import SignInLimits, csrf_ok
from bot.staff.export import groups_csv, nlu_yaml
from bot.staff.forms import read_form
from bot.staff.inbox import NotAdded, NowAnswered, add_example, editable_entries
from bot.staff.keys import stored_key
from bot.staff.pages import overview_charts, render, share
from bot.staff.sessions import ABSOLUTE_SECONDS, COOKIE, IDLE_SECONDS, Session, SessionStore
from bot.staff.store import Store
from runtime.settings import Settings
from staff_answers.entries import ID
from staff_answers.store import AnswerStore, Conflict
from storage import days
from storage.daily_totals import CHANNELS, LOW_CONFIDENCE, NOT_UNDERSTOOD_INTENTS

logger = logging.getLogger("bot.staff")
STATIC = Path(__file__).resolve().parent / "static"
DOMAIN = Path(__file__).resolve().parents[2] / "domain.yml"
MAX_DAYS = 400
# The dates a filter may name: the assistant did not exist before, and Python's dates end at 9999 (a day after
# the last one, as a range's end needs, would not exist).
FIRST_DATE, LAST_DATE = date(2000, 1, 1), date(2099, 12, 31)
MAX_GROUPS = 500
# The only query parameters a page reads, and the only ones the audit log keeps: filters, never text.
FILTERS = ("od", "do", "kanal", "namen", "pregledano", "osebje", "dodano", "obstaja")
# A person reads a page in seconds; these leave room for a whole office behind one address, and leave most of
# the thread pool (40 threads) to the public side.
STAFF_REQUESTS_PER_MINUTE = 120
STAFF_IN_FLIGHT = 8
STAFF_IN_FLIGHT_PER_ADDRESS = 4
REFUSED = {
    429: "Preveč zahtev z vašega naslova. Poskusite znova čez nekaj sekund.",
    503: "Pregled je ta trenutek preobremenjen. Poskusite znova čez nekaj sekund.",
}
# The database down (or a connection lost under a page): a 503 saying so, never a 500. Each change the area
# makes is one transaction, so a change it could not finish is not there at all.
DATABASE_DOWN = (
    "Baza podatkov ta trenutek ni dosegljiva, zato strani ni mogoče prikazati ali shraniti sprememb. "
    "Poskusite znova čez minuto."
)
DATABASE_RETRY_SECONDS = 60


def database_unreachable(error: sa.exc.SQLAlchemyError) -> bool:
    """Whether `error` says the database cannot be reached (not a mistake in a statement)."""
    connection_lost = isinstance(error, sa.exc.DBAPIError) and error.connection_invalidated
    return connection_lost or isinstance(error, (sa.exc.OperationalError, sa.exc.InterfaceError, sa.exc.TimeoutError))


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
    staff_only: bool = False  # only the texts a published staff answer now takes
    notice: str = ""  # why the dates shown are not the ones asked for

    @classmethod
    def of(cls, request: Request, intents: Sequence[str]) -> Filters:
        params = request.query_params
        today = days.today()
        problems: set[str] = set()
        first = _date(params.get("od"), today - timedelta(days=6), problems)
        last = _date(params.get("do"), today, problems)
        if problems:  # one bad end makes the pair meaningless: the default range, and why
            first, last = today - timedelta(days=6), today
        first, last = min(first, last), max(first, last)
        first = max(first, last - timedelta(days=MAX_DAYS))
        intent = params.get("namen", "")
        return cls(
            first, last,
            channel=params.get("kanal", "") if params.get("kanal") in CHANNELS else "",
            intent=intent if intent in intents or intent in NOT_UNDERSTOOD_INTENTS else "",
            with_reviewed=params.get("pregledano") == "1",
            staff_only=params.get("osebje") == "1",
            notice=" ".join(sorted(problems)) + " Prikazan je privzeti obseg (zadnjih 7 dni)." if problems else "",
        )  # fmt: skip

    def query(self, full: bool = True) -> str:
        params = {"od": self.first.isoformat(), "do": self.last.isoformat()}
        if full:
            params |= {"kanal": self.channel, "namen": self.intent, "pregledano": "1" if self.with_reviewed else "",
                       "osebje": "1" if self.staff_only else ""}  # fmt: skip
        return "?" + urlencode({k: v for k, v in params.items() if v})


def _refused(refusal: Refusal) -> Response:
    return PlainTextResponse(REFUSED[refusal.status], refusal.status, headers=refusal.headers)


def _date(raw: str | None, default: date, problems: set[str]) -> date:
    """The date `raw` names, or `default` (nothing given, or a problem added to `problems`)."""
    if not raw:
        return default
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        problems.add("Datum mora biti v obliki LLLL-MM-DD, npr. 2026-12-07.")
        return default
    if not FIRST_DATE <= day <= LAST_DATE:
        problems.add(f"Datum mora biti med {FIRST_DATE.isoformat()} in {LAST_DATE.isoformat()}.")
        return default
    return day


def logged_path(request: Request) -> str:
    """The request's path with the filters of its query (never anything else: a query may hold text)."""
    kept = urlencode([(k, v) for k, v in request.query_params.multi_items() if k in FILTERS])
    return request.url.path + ("?" + kept if kept else "")


def to_sign_in(request: Request) -> Response:
    """303 to the sign-in form, which comes back to this page (a GET) afterwards."""
    back = logged_path(request) if request.method == "GET" else "/staff/"
    return RedirectResponse(f"/staff/prijava?{urlencode({'naprej': back})}", status_code=303)


@dataclass(frozen=True)
class StaffOptions:
    """What the gateway's settings tell the staff area (runtime/settings.py, .env.example)."""

    database_url: str
    first_admin_password: str = ""  # STAFF_PASSWORD: the account `skrbnik` while no administrator exists
    idle_seconds: float = IDLE_SECONDS
    absolute_seconds: float = ABSOLUTE_SECONDS
    secure_cookies: bool = False
    self_publish: bool = False  # STAFF_SELF_PUBLISH: an author may publish his own draft (recorded as such)

    @classmethod
    def from_settings(cls, settings: Settings, database_url: str) -> StaffOptions:
        return cls(
            database_url, settings.staff_password, settings.staff_session_idle_minutes * 60.0,
            settings.staff_session_max_hours * 3600.0, settings.served_over_https, settings.staff_self_publish,
        )  # fmt: skip


Page = Callable[[Request, StaffUser], Response]
FormPage = Callable[[Request, StaffUser, FormData], Response]
Endpoint = Callable[[Request], Awaitable[Response]]


class StaffArea:
    """The pages, each behind the limits, a session, a role and the audit log.

    For a new page: `self.page(handler, role=…)` (GET) or `self.form_page(handler, role=…)` (POST, CSRF checked);
    the handler gets the request and the signed-in StaffUser, runs in the thread pool, and renders with
    `self.html(…)`; a change it makes is recorded with `self.audit(user, action, request, **details)`.
    """

    def __init__(
        self,
        options: StaffOptions,
        *,
        retention_days: int = 30,
        task_titles: Mapping[str, str] | None = None,
        intents: Sequence[str] | None = None,
        clock: Callable[[], float] = time.time,
        sign_in_limits: SignInLimits | None = None,
    ) -> None:
        self.options = options
        self.limits = AddressGuard(STAFF_REQUESTS_PER_MINUTE, STAFF_IN_FLIGHT, STAFF_IN_FLIGHT_PER_ADDRESS)
        self.sign_in_limits = sign_in_limits or SignInLimits()
        self.clock = clock
        self.retention_days = retention_days
        self.task_titles = dict(task_titles or {})
        self.intents = list(domain_intents() if intents is None else intents)

    # On the first request: a gateway whose staff area is unused opens no connection.
    @cached_property
    def engine(self) -> sa.engine.Engine:
        return sa.create_engine(self.options.database_url, future=True, hide_parameters=True)

    @cached_property
    def store(self) -> Store:
        return Store(self.engine, stored_key(self.engine, "conversation_hash"))

    @cached_property
    def answers(self) -> AnswerStore:
        return AnswerStore(self.engine, self.clock)

    @cached_property
    def now_answered(self) -> NowAnswered:
        """The newest publication's matcher, built once per publication id in this process."""
        return NowAnswered(self.answers)

    @cached_property
    def audit_log(self) -> AuditLog:
        return AuditLog(self.engine, self.clock)

    @cached_property
    def sessions(self) -> SessionStore:
        return SessionStore(self.engine, self.options.idle_seconds, self.options.absolute_seconds, self.clock)

    @cached_property
    def accounts(self) -> AccountStore:
        accounts = AccountStore(self.engine, self.clock)
        made = accounts.ensure_first_administrator(self.options.first_admin_password)
        if made is not None:
            self.audit_log.audit(None, "account_created", name=made.name, role=made.role, via="STAFF_PASSWORD")
        return accounts

    def audit(self, user: StaffUser | None, action: str, request: Request | None = None, **details: object) -> None:
        """One row of the audit log: `action` by `user` (None: nobody signed in) on `request`'s path."""
        method, path = (request.method, logged_path(request)) if request is not None else ("", "")
        self.audit_log.audit(user, action, method=method, path=path, **details)

    def limited(self, handler: Endpoint) -> Endpoint:
        """The handler within the limits per client address and on the pages in flight."""

        async def within_limits(request: Request) -> Response:
            with self.limits.admit(client_address(request)) as refusal:
                if refusal is not None:
                    await self.limits.hold(refusal)
                    return _refused(refusal)
                try:
                    return await handler(request)
                except sa.exc.SQLAlchemyError as error:
                    if not database_unreachable(error):
                        raise
                    # Its type only: a statement's error can name what it was given (hidden here anyway).
                    logger.error("staff area: the database is not reachable (%s): 503", type(error).__name__)
                    headers = {"Retry-After": str(DATABASE_RETRY_SECONDS)}
                    return PlainTextResponse(DATABASE_DOWN, 503, headers=headers)

        return within_limits

    def session(self, request: Request) -> Session | None:
        return self.sessions.find(request.cookies.get(COOKIE, ""))

    def page(self, handler: Page, role: str = "urednik") -> Endpoint:
        """A GET page for staff with at least `role`: others signed in get 403, nobody signed in the sign-in form."""
        check_role(role)  # a typo fails when the routes are made, not when someone looks

        def guarded(request: Request) -> Response:
            charts.preload()
            session = self.session(request)
            if session is None:
                return to_sign_in(request)
            request.state.staff = session
            if not session.user.has(role):
                self.audit(session.user, "forbidden", request, needs=role)
                return self._forbidden(request, session.user, role)
            self.audit(session.user, "view", request)
            return handler(request, session.user)

        async def in_thread(request: Request) -> Response:
            return await run_in_threadpool(guarded, request)

        return self.limited(in_thread)

    def form_page(self, handler: FormPage, role: str = "urednik", action: str | None = "form") -> Endpoint:
        """A form's POST for staff with at least `role`: the session, the form's token (bound to the session),
        the role, then the audit row `action` (None: the handler records what it did) and the handler."""
        check_role(role)

        async def guarded(request: Request) -> Response:
            session = await run_in_threadpool(self.session, request)
            if session is None:
                return to_sign_in(request)
            form = await read_form(request)
            if form is None:
                return PlainTextResponse("Obrazec je prevelik ali ni v pravi obliki.", 400)
            if not csrf_ok(request, session.csrf, str(form.get("csrf", ""))):
                return PlainTextResponse("Obrazec ni veljaven: odprite stran znova in poskusite še enkrat.", 403)
            request.state.staff = session
            if not session.user.has(role):
                await run_in_threadpool(lambda: self.audit(session.user, "forbidden", request, needs=role))
                return await run_in_threadpool(self._forbidden, request, session.user, role)
            if action is not None:
                await run_in_threadpool(lambda: self.audit(session.user, action, request))
            return await run_in_threadpool(handler, request, session.user, form)

        return self.limited(guarded)

    def _forbidden(self, request: Request, user: StaffUser, role: str) -> Response:
        message = (f"Za to stran nimate pravic: potrebna je vloga {role} ali višja, vaša vloga je {user.role}. "
                   "Če jo potrebujete, se obrnite na skrbnika.")  # fmt: skip
        return self.html("message.html", request, user, "Ni dovoljeno", status=403, message=message)

    def html(
        self,
        template: str,
        request: Request,
        user: StaffUser,
        title: str,
        filters: Filters | None = None,
        *,
        status: int = 200,
        **context: object,
    ) -> Response:
        """A page of the area (`template` extends base.html) with the navigation, the user and the form token."""
        filters = filters or Filters.of(request, self.intents)
        session = getattr(request.state, "staff", None)
        body = render(
            template, title=title, user=user, current=request.url.path, first=filters.first, last=filters.last,
            range_query=filters.query(full=False), retention_days=self.retention_days, notice=filters.notice,
            csrf=session.csrf if session else "", **context,
        )  # fmt: skip
        return HTMLResponse(body, status)

    def overview(self, request: Request, user: StaffUser) -> Response:
        filters = Filters.of(request, self.intents)
        overview = self.store.overview(filters.first, filters.last)
        messages = sum(overview.summed("messages").values())
        helpful = overview.summed("helpful")
        usage = self.store.answer_usage(filters.first, filters.last)
        published = [entry.id for entry in self.answers.publication().entries()]
        ranked = sorted(
            ((entry_id, usage.get(entry_id, Usage())) for entry_id in {*published, *usage}),
            key=lambda item: (-item[1].given, item[0]),
        )
        staff_answers = [(entry_id, used, share(used.up, used.rated)) for entry_id, used in ranked]
        return self.html(
            "overview.html", request, user, "Pregled", filters,
            charts=overview_charts(overview, self.task_titles),
            total_conversations=sum(overview.summed("conversations").values()), total_messages=messages,
            not_understood_share=share(sum(overview.summed("not_understood").values()), messages),
            helpful_share=share(helpful["yes"], helpful["yes"] + helpful["no"]),
            stored_days=len(overview.stored_days), staff_answers=staff_answers,
        )  # fmt: skip

    def _groups(self, filters: Filters) -> list:
        return self.store.not_understood(
            filters.first, filters.last, filters.channel, filters.intent, filters.with_reviewed
        )

    def not_understood(self, request: Request, user: StaffUser) -> Response:
        filters = Filters.of(request, self.intents)
        groups = self._groups(filters)
        now = self.now_answered.entries(groups[:MAX_GROUPS] if not filters.staff_only else groups)
        if filters.staff_only:
            groups = [group for group in groups if group.key in now]
        entries = editable_entries(self.answers)
        params = request.query_params
        if params.get("dodano") in entries:
            filters.notice = f"Primer je dodan osnutku odgovora {params['dodano']}; objavi ga objavitelj."
        elif params.get("obstaja") in entries:
            filters.notice = f"To besedilo je že med primeri odgovora {params['obstaja']}."
        return self.html(
            "not_understood.html", request, user, "Nerazumljena sporočila", filters,
            groups=groups[:MAX_GROUPS], messages=sum(g.count for g in groups), truncated=len(groups) > MAX_GROUPS,
            shown=MAX_GROUPS, channel=filters.channel, intent=filters.intent, with_reviewed=filters.with_reviewed,
            intents=self.intents, filter_intents=[*NOT_UNDERSTOOD_INTENTS, *self.intents], query=filters.query(),
            low_confidence=str(LOW_CONFIDENCE).replace(".", ","), now=now, entries=entries,
            staff_only=filters.staff_only,
        )  # fmt: skip

    def add_example(self, request: Request, user: StaffUser, form: FormData) -> Response:
        """A not-understood text as a new example question of an entry: a new draft revision of it."""
        filters = Filters.of(request, self.intents)
        entry_id, text = str(form.get("odgovor", "")), str(form.get("besedilo", ""))
        language = str(form.get("jezik", "sl"))
        if not ID.fullmatch(entry_id) or entry_id not in editable_entries(self.answers):
            self.audit(user, "answer_example_refused", request, why="unknown entry",
                       entry=entry_id if ID.fullmatch(entry_id) else "(neveljavna oznaka)")  # fmt: skip
            return self.html("message.html", request, user, "Odgovora ni", filters, status=404,
                             message=f"Odgovora »{entry_id}« ni med objavljenimi ali osnutki.")  # fmt: skip
        try:
            added = add_example(self.answers, entry_id, text, language, user.name)
        except NotAdded as error:
            self.audit(user, "answer_example_refused", request, entry=entry_id, why="invalid")
            return self.html("message.html", request, user, "Primer ni dodan", filters, status=400, message=str(error))
        except Conflict as conflict:
            self.audit(user, "answer_example_refused", request, entry=entry_id, why="conflict")
            message = (f"Primer ni dodan: odgovor {entry_id} je ravno zdaj spreminjal(a) {conflict.newest.author}. "
                       "Odprite seznam znova in poskusite še enkrat.")  # fmt: skip
            return self.html("message.html", request, user, "Primer ni dodan", filters, status=409, message=message)
        self.audit(user, "answer_example_added", request, entry=entry_id, revision=added.revision,
                   language=language if language in ("sl", "it") else "sl", retried=added.retried)  # fmt: skip
        outcome = {"dodano" if added.revision is not None else "obstaja": entry_id}
        return RedirectResponse(f"/staff/nerazumljeno{filters.query()}&{urlencode(outcome)}", status_code=303)

    def not_understood_csv(self, request: Request, user: StaffUser) -> Response:
        filters = Filters.of(request, self.intents)
        name = f"nerazumljeno-{filters.first.isoformat()}-{filters.last.isoformat()}.csv"
        return Response(
            groups_csv(self._groups(filters)), media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )  # fmt: skip

    def mark_reviewed(self, request: Request, user: StaffUser, form: FormData) -> Response:
        one = form.get("oznaci")
        keys = [str(one)] if one else [str(key) for key in form.getlist("izbrano")]
        self.store.mark_reviewed(keys, user.name)
        filters = Filters.of(request, self.intents)
        return RedirectResponse(f"/staff/nerazumljeno{filters.query()}", status_code=303)

    def training_data(self, request: Request, user: StaffUser, form: FormData) -> Response:
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

    def disliked(self, request: Request, user: StaffUser) -> Response:
        filters = Filters.of(request, self.intents)
        items = self.store.disliked(filters.first, filters.last)
        return self.html("disliked.html", request, user, "Nekoristni odgovori (👎)", filters, items=items)

    def conversation(self, request: Request, user: StaffUser) -> Response:
        filters = Filters.of(request, self.intents)
        short = request.path_params["short"]
        found = self.store.conversation(short)
        if found is None:
            return self.html("message.html", request, user, "Pogovora ni", filters, status=404,
                              message="Tega pogovora ni: morda je že izbrisan.")  # fmt: skip
        channel, turns = found
        return self.html(
            "conversation.html", request, user, f"Pogovor {short}", filters, turns=turns, short=short, channel=channel
        )

    def mount(self) -> Mount:
        async def stylesheet(request: Request) -> Response:
            return FileResponse(STATIC / "staff.css", media_type="text/css; charset=utf-8")

        return Mount(
            "/staff",
            routes=[
                *signin.routes(self),
                *account_pages.routes(self),
                *AnswersPages(self, self.options.self_publish).routes(),
                Route("/", self.page(self.overview), methods=["GET"]),
                Route("/nerazumljeno", self.page(self.not_understood), methods=["GET"]),
                Route("/nerazumljeno.csv", self.page(self.not_understood_csv), methods=["GET"]),
                Route(
                    "/nerazumljeno/pregledano", self.form_page(self.mark_reviewed, action="reviewed"), methods=["POST"]
                ),
                Route(
                    "/nerazumljeno/nlu.yml",
                    self.form_page(self.training_data, action="training_data"),
                    methods=["POST"],
                ),
                Route("/nerazumljeno/primer", self.form_page(self.add_example, action=None), methods=["POST"]),
                Route("/odzivi", self.page(self.disliked), methods=["GET"]),
                Route("/pogovor/{short:str}", self.page(self.conversation), methods=["GET"]),
                Route("/staff.css", stylesheet, methods=["GET"]),
            ],
        )
