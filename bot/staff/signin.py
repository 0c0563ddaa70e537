"""Signing in (an HTML form: name and password) and out, for bot/staff/routes.py.

The sign-in form has no session yet, so its CSRF token is a random one in a cookie of its own that the
form repeats (a page elsewhere can read neither). A wrong name and a wrong password get the same answer,
in about the same time (bot/staff/accounts.py verifies a dummy hash for an unknown name). Failed sign-ins
are limited per client and in all (bot/staff/auth.py). After it, the browser goes back to the page it came
from: only a path of the staff area, never another site.
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from bot.flood import client_address
from bot.staff.accounts import StaffUser
from bot.staff.auth import csrf_ok
from bot.staff.forms import read_form
from bot.staff.pages import render
from bot.staff.sessions import COOKIE

if TYPE_CHECKING:
    from bot.staff.routes import StaffArea

FORM_COOKIE = "staff_sign_in"
HOME = "/staff/"
WRONG = "Ime ali geslo ni pravo."


def safe_next(target: str | None) -> str:
    """`target` when it is a path of the staff area (the sign-in and sign-out aside), else the overview."""
    if not target or "\\" in target or not target.isprintable():
        return HOME
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path.startswith(HOME) or ".." in parts.path:
        return HOME
    if parts.path in ("/staff/prijava", "/staff/odjava"):
        return HOME
    return target


def routes(area: StaffArea) -> list[Route]:
    secure = area.options.secure_cookies

    def set_cookie(response: Response, name: str, value: str, max_age: int | None = None) -> None:
        response.set_cookie(
            name, value, max_age=max_age, path="/staff", secure=secure, httponly=True, samesite="strict"
        )

    def form(request: Request, target: str, message: str = "", status: int = 200, name: str = "") -> Response:
        """The sign-in form, with a fresh token in its cookie."""
        token = secrets.token_hex(32)
        body = render("sign_in.html", title="Prijava", user=None, csrf=token, target=target, message=message,
                      name=name)  # fmt: skip
        response = HTMLResponse(body, status)
        set_cookie(response, FORM_COOKIE, token)
        return response

    def show(request: Request) -> Response:
        target = safe_next(request.query_params.get("naprej"))
        if area.session(request) is not None:
            return RedirectResponse(target, status_code=303)
        message = "Odjavljeni ste." if request.query_params.get("odjava") == "1" else ""
        return form(request, target, message)

    def check(request: Request, fields: FormData) -> Response:
        target = safe_next(str(fields.get("naprej", "")))
        name, password = str(fields.get("ime", "")).strip(), str(fields.get("geslo", ""))
        if not csrf_ok(request, request.cookies.get(FORM_COOKIE, ""), str(fields.get("csrf", ""))):
            message = "Obrazec je potekel ali ni s te strani. Poskusite znova (piškotki morajo biti omogočeni)."
            return form(request, target, message, 403, name)
        wait = area.sign_in_limits.retry_after(request)
        if wait is not None:
            response = form(request, target, f"Preveč neuspešnih prijav. Poskusite znova čez {wait} s.", 429, name)
            response.headers["Retry-After"] = str(wait)
            return response
        account = area.accounts.authenticate(name, password)
        if account is None:
            area.sign_in_limits.failed(request)
            known = area.accounts.find(name)
            area.audit(
                None, "sign_in_failed", request, name=known.name if known else None, address=client_address(request)
            )
            return form(request, target, WRONG, 403, name)
        old = request.cookies.get(COOKIE, "")
        if old:
            area.sessions.end(old)  # a new token at each sign-in: a token planted before it is worth nothing
        session = area.sessions.start(account)
        area.audit(session.user, "sign_in", request, address=client_address(request))
        response = RedirectResponse(target, status_code=303)
        set_cookie(response, COOKIE, session.token, int(area.options.absolute_seconds))
        response.delete_cookie(FORM_COOKIE, path="/staff", secure=secure, httponly=True, samesite="strict")
        return response

    async def sign_in(request: Request) -> Response:
        fields = await read_form(request)
        if fields is None:
            return await run_in_threadpool(form, request, HOME, "Obrazec ni v pravi obliki.", 400)
        return await run_in_threadpool(check, request, fields)

    async def shown(request: Request) -> Response:
        return await run_in_threadpool(show, request)

    def sign_out(request: Request, user: StaffUser, fields: FormData) -> Response:
        area.sessions.end(request.state.staff.token)
        response = RedirectResponse("/staff/prijava?odjava=1", status_code=303)
        response.delete_cookie(COOKIE, path="/staff", secure=secure, httponly=True, samesite="strict")
        return response

    return [
        Route("/prijava", area.limited(shown), methods=["GET"]),
        Route("/prijava", area.limited(sign_in), methods=["POST"]),
        Route("/odjava", area.form_page(sign_out, action="sign_out"), methods=["POST"]),
    ]
