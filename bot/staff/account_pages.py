"""The administrators' page of accounts (/staff/racuni), for bot/staff/routes.py.

A skrbnik sees every account (name, role, active, created, last sign-in) and, through POST forms with the
session's token, creates one with a first password, changes a role, disables or enables one, or sets a new
password (the account's sessions end). Every change is recorded in the audit log. Everyone else gets 403
(and sees no link to the page).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from bot.staff.accounts import MIN_PASSWORD, ROLES, AccountError, StaffUser

if TYPE_CHECKING:
    from bot.staff.routes import StaffArea

ADMIN = "skrbnik"


def routes(area: StaffArea) -> list[Route]:
    def page(request: Request, user: StaffUser, message: str = "", error: str = "") -> Response:
        return area.html(
            "accounts.html", request, user, "Računi osebja", status=400 if error else 200, accounts=area.accounts.all(), roles=ROLES, min_password=MIN_PASSWORD,
            message=message, error=error,
        )  # fmt: skip

    def create(request: Request, user: StaffUser, name: str, fields: FormData) -> str:
        account = area.accounts.create(name, str(fields.get("vloga", "")), str(fields.get("geslo", "")))
        area.audit(user, "account_created", request, name=account.name, role=account.role)
        return f"Račun »{account.name}« ({account.role}) je ustvarjen."

    def set_role(request: Request, user: StaffUser, name: str, fields: FormData) -> str:
        account = area.accounts.set_role(name, str(fields.get("vloga", "")))
        area.audit(user, "role_set", request, name=account.name, role=account.role)
        return f"Račun »{account.name}« ima zdaj vlogo {account.role}."

    def set_active(active: bool) -> Callable[[Request, StaffUser, str, FormData], str]:
        def change(request: Request, user: StaffUser, name: str, fields: FormData) -> str:
            account = area.accounts.set_active(name, active)
            area.audit(user, "account_enabled" if active else "account_disabled", request, name=account.name)
            return f"Račun »{account.name}« je {'omogočen' if active else 'onemogočen'}."

        return change

    def set_password(request: Request, user: StaffUser, name: str, fields: FormData) -> str:
        account = area.accounts.set_password(name, str(fields.get("geslo", "")))
        area.audit(user, "password_set", request, name=account.name)
        return f"Geslo računa »{account.name}« je nastavljeno; njegove seje so končane."

    actions = {
        "ustvari": create, "vloga": set_role, "onemogoci": set_active(False), "omogoci": set_active(True),
        "geslo": set_password,
    }  # fmt: skip

    def change(request: Request, user: StaffUser, fields: FormData) -> Response:
        action = actions.get(str(fields.get("dejanje", "")))
        if action is None:
            return page(request, user, error="Neznano dejanje.")
        try:
            return page(request, user, message=action(request, user, str(fields.get("ime", "")), fields))
        except AccountError as problem:
            return page(request, user, error=str(problem))

    def show(request: Request, user: StaffUser) -> Response:
        return page(request, user)

    return [
        Route("/racuni", area.page(show, role=ADMIN), methods=["GET"]),
        Route("/racuni", area.form_page(change, role=ADMIN, action=None), methods=["POST"]),
    ]
