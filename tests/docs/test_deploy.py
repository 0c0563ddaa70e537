"""The reverse proxy that docs/deploy.md sets up: HSTS on every answer, and request heads bounded as the
gateway bounds them (bot/headers.py)."""

from __future__ import annotations

import re
from pathlib import Path

from bot.headers import MAX_HEAD_BYTES

DEPLOY = Path(__file__).resolve().parents[2] / "docs" / "deploy.md"


def nginx_config() -> str:
    (config,) = re.findall(r"```nginx\n(.*?)```", DEPLOY.read_text(encoding="utf-8"), re.DOTALL)
    return config


def test_the_proxy_sends_hsts_for_a_year_on_every_answer() -> None:
    hsts = re.search(r'add_header Strict-Transport-Security "max-age=(\d+)[^"]*" always;', nginx_config())
    assert hsts and int(hsts.group(1)) >= 365 * 24 * 3600  # `always`: on errors (a 429, a 503) too


def test_plain_http_is_sent_to_https() -> None:
    assert re.search(r"listen 80;.*?return 301 https://\$host\$request_uri;", nginx_config(), re.DOTALL)


def test_the_proxy_bounds_a_request_head_no_looser_than_the_gateway() -> None:
    size = re.search(r"large_client_header_buffers \d+ (\d+)k;", nginx_config()).group(1)
    assert int(size) * 1024 <= MAX_HEAD_BYTES  # one header line over the gateway's bound is refused at the proxy
    assert "16 KiB" in DEPLOY.read_text(encoding="utf-8")  # and the gateway's own bound is written down
