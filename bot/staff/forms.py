"""The staff area's HTML forms as they are posted (urlencoded), read with a bound on their size."""

from __future__ import annotations

from urllib.parse import parse_qsl

from starlette.datastructures import FormData
from starlette.requests import Request

MAX_FORM_BYTES = 512 * 1024  # a form of the not-understood list's 500 rows with a select each


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
