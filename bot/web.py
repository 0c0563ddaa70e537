"""The web side of the gateway: the chat API (widget, evaluation), the widget and the health check.

POST /api/chat     {"session": "<id>", "text": "…"} or {"session": "<id>", "payload": "/intent{…}"} (a button's
                   payload from a reply: any other is redacted and taken as text, like text starting with "/"),
                   optionally with "language": "sl"|"it"|… (the conversation's language as the widget knows it)
                -> 200 {"messages": [{"text": "…", "buttons": [{"title": "…", "payload": "…"}]}],
                        "language": "sl"|"it"|…,  (the conversation's language after this turn)
                        "answer_id": "…"}  (only for an answer that can be rated: not a greeting, an apology)
POST /api/feedback {"session": "<id>", "answer_id": "…", "value": "up"|"down"}: 👍/👎 on that session's answer
                -> 200 {"status": "stored"}, 409 already given for this answer, 404 no such answer in this
                   session's conversation, 400 a bad request, 429 too many, 503 the database is not reachable
GET  /api/history?session=<id> -> 200 {"turns": [{"role": "user"|"assistant", "text": "…", …}]}
GET  /api/config   -> {"retention_days": N, "help_lines": ["112", …], "default_language": "sl",
                        "languages": {"sl": {"title": "…", "notice": "…", …}, "it": {…}},
                        "language_names": {"sl": "Slovenščina", "it": "Italiano"}, "language_hints": {}}: for the
                   widget's notice and tel: links, its words in each language (knowledge/data/widget.yml, same
                   ids; the retention with its days filled in: "30 dni", "en dan"), its language menu (every
                   served language by its own name, in languages.yml's order) and the browser's language tags
                   it reads as a served one ("bs": "hr" when Croatian is served, bot/languages.py)
GET  /healthz      -> 200 when Rasa answers, 503 otherwise
GET  /, /it, /widget.js, /widget.css -> the demo pages (Slovenian, Italian) and the embeddable widget
/staff/…           the staff area (bot/staff/routes.py) when STAFF_AREA is true or STAFF_PASSWORD set, else 404

Chat, history and feedback answer 429 when their client address (or session) sends too much and 503 when the
gateway already works on MAX_IN_FLIGHT of them, at once, with Retry-After; the chat's refusals carry polite
`messages` in the conversation's language (bot/flood.py).

Every response gets the security headers of bot/headers.py; a request whose head is over 16 KiB gets 431.
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Route

from bot import metrics
from bot.conversation import Assistant, as_json, clean
from bot.feedback import ANSWER_ID, VALUES, FeedbackStore, Outcome
from bot.flood import AddressGuard, RateLimiter, Refusal, client_address
from bot.headers import HeaderLimit, SecurityHeaders
from bot.languages import kindred
from bot.rasa_client import RasaUnavailable
from replies.languages import DEFAULT, SERVED, served

if TYPE_CHECKING:
    from bot.staff.routes import StaffOptions

logger = logging.getLogger(__name__)
STATIC = Path(__file__).resolve().parent / "static"

MAX_BODY_BYTES = 16 * 1024
MAX_TEXT_CHARS = 4000
SESSION = re.compile(r"[A-Za-z0-9_-]{1,128}")  # fullmatch: `$` would let "abc\n" through


class BadRequest(ValueError):
    """The request cannot be served; the message says why, for the caller."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def error(message: str, status: int) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


async def read_json(request: Request) -> dict[str, Any]:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise BadRequest("request body is too large", 413)
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY_BYTES:
            raise BadRequest("request body is too large", 413)
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):  # a thousand nested brackets: RecursionError
        raise BadRequest("body must be JSON") from None
    if not isinstance(data, dict):
        raise BadRequest("body must be a JSON object")
    return data


def valid_session(session: object) -> str:
    if not isinstance(session, str) or not SESSION.fullmatch(session):
        raise BadRequest("`session` must be 1-128 characters of A-Z, a-z, 0-9, _ and -")
    return session


def chat_language(data: dict[str, Any]) -> str | None:
    """The conversation's language the widget sends, or None; BadRequest when it is no language we serve."""
    language = data.get("language")
    if language is not None and not served(language):
        raise BadRequest(f"`language` must be one of {', '.join(SERVED)}")
    return language


def chat_message(data: dict[str, Any]) -> tuple[str, str, bool]:
    """(session, message, whether it is a pressed button's payload) from a chat request, or BadRequest."""
    session = valid_session(data.get("session"))
    text, payload = data.get("text"), data.get("payload")
    if (text is None) == (payload is None):
        raise BadRequest("give either `text` or `payload`")
    if payload is not None:
        if not isinstance(payload, str) or not payload.startswith("/") or len(payload) > MAX_TEXT_CHARS:
            raise BadRequest("`payload` must be a button payload starting with /")
        return session, payload, True
    if not isinstance(text, str) or not clean(text):
        raise BadRequest("`text` must be a non-empty string")
    if len(text) > MAX_TEXT_CHARS:
        raise BadRequest(f"`text` must be at most {MAX_TEXT_CHARS} characters", 413)
    return session, clean(text), False


def feedback_request(data: dict[str, Any]) -> tuple[str, str, int]:
    """(session, answer id, +1 or -1) from a feedback request, or BadRequest."""
    session = valid_session(data.get("session"))
    answer_id, value = data.get("answer_id"), data.get("value")
    if not isinstance(answer_id, str) or not ANSWER_ID.fullmatch(answer_id):
        raise BadRequest("`answer_id` must be the `answer_id` of an answer from /api/chat")
    if not isinstance(value, str) or value not in VALUES:
        raise BadRequest('`value` must be "up" or "down"')
    return session, answer_id, VALUES[value]


OUTCOMES = {
    Outcome.STORED: ({"status": "stored"}, 200),
    Outcome.ALREADY_GIVEN: ({"error": "feedback on this answer was given already"}, 409),
    Outcome.UNKNOWN_ANSWER: ({"error": "this session's conversation has no such answer"}, 404),
}


def widget_words(assistant: Assistant, language: str, retention_days: int) -> dict[str, str]:
    """The widget's words in `language` (widget.yml), the retention said with its days agreeing ("en dan",
    "30 dni"), which the widget could not agree by itself."""
    words = assistant.kb_in(language).widget.dict()
    return {**words, "retention": words["retention"].replace("{days}", assistant.days(retention_days, language))}


def create_app(
    assistant: Assistant,
    *,
    cors_origins: tuple[str, ...] = (),
    messages_per_minute: int = 20,
    retention_days: int = 30,
    feedback_store: FeedbackStore | None = None,
    extra_routes: list[Route] | None = None,
    staff: StaffOptions | None = None,
    requests_per_minute_per_address: int = 120,
    max_in_flight: int = 32,
    max_in_flight_per_address: int = 4,
) -> Starlette:
    """The gateway's web application; the Telegram webhook route joins it when configured, the staff area
    when it has its options (bot/staff/routes.py). Without a `feedback_store`, feedback is refused with 503.

    The API's requests that reach Rasa or the database (chat, history, feedback) are limited per client
    address as well as per session (bot/flood.py): a client picks its session ids, not its address."""
    limiter = RateLimiter(messages_per_minute)
    feedback_limiter = RateLimiter(messages_per_minute)  # its own: a click must not cost a message
    guard = AddressGuard(requests_per_minute_per_address, max_in_flight, max_in_flight_per_address)

    def refused_chat(refusal: Refusal, language: str | None) -> Response:
        # "Please wait, I received many messages at once", in the conversation's language, with the emergency
        # lines: true of a flood from one source and of a full gateway alike.
        metrics.refusal("chat", refusal.status)
        words = as_json(assistant.canned("slow_down", language))
        body = {"error": refusal.reason, "messages": [words]}
        return JSONResponse(body, status_code=refusal.status, headers=refusal.headers)

    def refused(endpoint: str, refusal: Refusal) -> Response:
        metrics.refusal(endpoint, refusal.status)
        return JSONResponse({"error": refusal.reason}, status_code=refusal.status, headers=refusal.headers)

    async def chat(request: Request) -> Response:
        try:
            data = await read_json(request)
            session, message, pressed = chat_message(data)
            language = chat_language(data)
        except BadRequest as problem:
            return error(str(problem), problem.status)
        with guard.admit(client_address(request)) as refusal:
            if refusal is not None:
                await guard.hold(refusal)
                return refused_chat(refusal, language)
            if not limiter.allow(session):
                return refused_chat(Refusal(429, limiter.retry_after(session), "too many messages"), language)
            # A payload is checked by `press`: one the assistant's buttons do not carry is redacted as text.
            turn = assistant.press if pressed else assistant.ask
            answer = await turn(f"web:{session}", message, language)
        reply: dict[str, Any] = {"messages": [as_json(reply) for reply in answer.replies], "language": answer.language}
        if answer.answer_id and feedback_store is not None:
            reply["answer_id"] = answer.answer_id
        return JSONResponse(reply)

    async def feedback(request: Request) -> Response:
        try:
            session, answer_id, value = feedback_request(await read_json(request))
        except BadRequest as problem:
            return error(str(problem), problem.status)
        if feedback_store is None:
            return error("feedback is not stored by this gateway", 503)
        with guard.admit(client_address(request)) as refusal:
            if refusal is not None:
                await guard.hold(refusal)
                return refused("feedback", refusal)
            if not feedback_limiter.allow(session):
                return refused("feedback", Refusal(429, feedback_limiter.retry_after(session), "too many requests"))
            try:
                outcome = await feedback_store.give(f"web:{session}", answer_id, value)
            except sa.exc.SQLAlchemyError:
                logger.exception("feedback: the database did not take it")  # its parameters are hidden
                metrics.refusal("feedback", 503)
                return error("feedback cannot be stored right now", 503)
        body, status = OUTCOMES[outcome]
        return JSONResponse(body, status_code=status)

    async def history(request: Request) -> Response:
        try:
            session = valid_session(request.query_params.get("session"))
        except BadRequest as problem:
            return error(str(problem), problem.status)
        with guard.admit(client_address(request)) as refusal:
            if refusal is not None:
                await guard.hold(refusal)
                return refused("history", refusal)
            try:
                turns = await assistant.history(f"web:{session}")
            except RasaUnavailable:
                metrics.refusal("history", 503)
                return error("history is not available right now", 503)
        return JSONResponse({"turns": turns})

    # The help lines' numbers come from the knowledge base (help_lines.yml), the one list of them; the
    # widget makes exactly these numbers tel: links in the assistant's words.
    help_lines = [line.number for line in assistant.kb.help_lines.emergency_lines]
    config = {
        "retention_days": retention_days,
        "help_lines": help_lines,
        "languages": {code: widget_words(assistant, code, retention_days) for code in SERVED},
        "default_language": DEFAULT,
        "language_names": {code: assistant.kb.languages.served[code] for code in SERVED},
        "language_hints": kindred(),
    }

    async def widget_config(request: Request) -> Response:
        """The widget's words and languages, how long conversations are kept, and which numbers to link."""
        return JSONResponse(config)

    async def healthz(request: Request) -> Response:
        if await assistant.ready():
            return JSONResponse({"status": "ok"})
        return JSONResponse({"status": "rasa unavailable"}, status_code=503)

    def static(name: str, media_type: str, path: str = "") -> Route:
        async def serve_file(request: Request) -> Response:
            return FileResponse(STATIC / name, media_type=media_type, headers={"Cache-Control": "no-cache"})

        return Route(path or f"/{name}", serve_file, methods=["GET"])

    routes = [
        Route("/api/chat", chat, methods=["POST"]),
        Route("/api/feedback", feedback, methods=["POST"]),
        Route("/api/history", history, methods=["GET"]),
        Route("/api/config", widget_config, methods=["GET"]),
        Route("/healthz", healthz, methods=["GET"]),
        static("index.html", "text/html; charset=utf-8", "/"),
        static("index-it.html", "text/html; charset=utf-8", "/it"),
        static("widget.js", "text/javascript; charset=utf-8"),
        static("widget.css", "text/css; charset=utf-8"),
        *(extra_routes or []),
    ]
    if staff is not None:
        from bot.staff.routes import StaffArea

        titles = {task.id: task.title for task in assistant.kb.tasks}
        routes.append(StaffArea(staff, retention_days=retention_days, task_titles=titles).mount())
    cors = Middleware(
        CORSMiddleware, allow_origins=list(cors_origins), allow_methods=["GET", "POST"], allow_headers=["Content-Type"]
    )
    middleware = [Middleware(SecurityHeaders, static=STATIC), Middleware(HeaderLimit), cors]  # outermost first
    return Starlette(routes=routes, middleware=middleware)
