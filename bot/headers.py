"""Security headers for every response of the gateway, chosen by path; and a bound on a request's head.

- everything: `X-Content-Type-Options: nosniff`;
- the staff area: no caching, a strict Content-Security-Policy (its own stylesheet and data: images,
  nothing else), never framed, no referrer;
- the demo pages (/ and /it): a CSP that allows exactly what they load (widget.js and widget.css from
  here, the chat API, their own inline <style> by hash), never framed;
- the API (/api/*, /healthz): no caching, and a CSP that lets a JSON answer run nothing if opened;
- widget.js and widget.css stay embeddable by any site (`Cross-Origin-Resource-Policy: cross-origin`).

A request whose head (path, query and headers) is over MAX_HEAD_BYTES gets 431 (HeaderLimit). Browsers send
one or two KiB; nginx's default buffers (docs/deploy.md) refuse more than 32 KiB before it gets here. The server
(uvicorn with h11, bot/__main__.py) reads little more than this while it waits for the end of a head.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

from starlette.datastructures import MutableHeaders
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_HEAD_BYTES = 16 * 1024  # h11's own default for an incomplete head

STAFF_CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
API_CSP = "default-src 'none'; frame-ancestors 'none'"
DEMO_PAGES = ("/", "/it")
WIDGET_FILES = ("/widget.js", "/widget.css")


def inline_style_hashes(pages: Iterable[Path]) -> list[str]:
    """CSP hash sources of the <style> blocks of the demo pages (so no 'unsafe-inline' is needed)."""
    hashes = []
    for page in pages:
        for style in re.findall(r"<style>(.*?)</style>", page.read_text(encoding="utf-8"), re.DOTALL):
            digest = base64.b64encode(hashlib.sha256(style.encode("utf-8")).digest()).decode("ascii")
            hashes.append(f"'sha256-{digest}'")
    return sorted(set(hashes))


def demo_csp(style_hashes: Iterable[str]) -> str:
    styles = " ".join(["'self'", *style_hashes])
    return (
        f"default-src 'none'; script-src 'self'; style-src {styles}; connect-src 'self'; img-src 'self' data:; "
        "form-action 'none'; frame-ancestors 'none'; base-uri 'none'"
    )


def headers_for(path: str, demo_policy: str) -> dict[str, str]:
    headers = {"X-Content-Type-Options": "nosniff"}
    if path == "/staff" or path.startswith("/staff/"):
        headers |= {
            "Cache-Control": "no-store",
            "Content-Security-Policy": STAFF_CSP,
            # Not "no-referrer": with it a browser sends "Origin: null" on the staff area's own forms, which
            # the same-origin check must then refuse; "same-origin" still sends nothing to other sites.
            "Referrer-Policy": "same-origin",
            "X-Frame-Options": "DENY",
        }
    elif path in DEMO_PAGES:
        headers |= {"Content-Security-Policy": demo_policy, "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY"}
    elif path.startswith("/api/") or path == "/healthz":
        headers |= {"Cache-Control": "no-store", "Content-Security-Policy": API_CSP}
    elif path in WIDGET_FILES:
        headers["Cross-Origin-Resource-Policy"] = "cross-origin"
    return headers


class SecurityHeaders:
    """ASGI middleware adding `headers_for(path)` to every HTTP response (the app's own values win none)."""

    def __init__(self, app: ASGIApp, static: Path) -> None:
        self.app = app
        self.demo_policy = demo_csp(inline_style_hashes(static.glob("index*.html")))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = headers_for(scope["path"], self.demo_policy)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in extra.items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


class HeaderLimit:
    """ASGI middleware: 431 for a request whose path, query and headers take more than `limit` bytes."""

    def __init__(self, app: ASGIApp, limit: int = MAX_HEAD_BYTES) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            size = len(scope.get("raw_path") or b"") + len(scope.get("query_string") or b"")
            size += sum(len(name) + len(value) for name, value in scope["headers"])
            if size > self.limit:
                await PlainTextResponse("request header fields too large", status_code=431)(scope, receive, send)
                return
        await self.app(scope, receive, send)
