"""Configuration from the environment, read once into one object that fails fast.

Every setting is documented in .env.example.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass, fields


class SettingsError(ValueError):
    """A setting has a value that cannot work; the message names it."""


# The webhook's secret is all that tells Telegram's updates from anyone's: long enough not to be guessed.
MIN_WEBHOOK_SECRET = 16


@dataclass(frozen=True)
class Settings:
    rasa_host: str = "127.0.0.1"
    rasa_port: int = 5005
    action_port: int = 5055
    rasa_url: str = ""
    rasa_urls: tuple[str, ...] = ()
    rasa_timeout: float = 20.0
    log_level: str = "INFO"
    host: str = "127.0.0.1"
    port: int = 8000
    telegram_token: str = ""
    telegram_base_url: str = "https://api.telegram.org/bot"
    telegram_webhook_url: str = ""
    telegram_webhook_secret: str = ""
    # False where many gateway replicas serve the webhook: a one-shot job registers it once (ROLE=register-webhook).
    telegram_webhook_register: bool = True
    rasa_token: str = ""
    cors_origins: tuple[str, ...] = ()
    messages_per_minute: int = 20
    tracker_store_url: str = ""
    lock_store_url: str = ""
    data_dir: str = "var"
    action_url: str = ""
    retention_days: int = 30
    # False where a scheduler runs retention (ROLE=retention): N gateway replicas would each run it daily.
    retention_in_gateway: bool = True
    # Where `python -m runtime.backup dump` writes (relative: to the project), and how many it keeps there.
    backup_dir: str = "backups"
    backup_keep: int = 14
    staff_password: str = ""
    # The staff area (/staff/) exists when this is true or STAFF_PASSWORD is set (.env.example).
    staff_area: bool = False
    staff_session_idle_minutes: int = 30
    staff_session_max_hours: int = 8
    # True: the author of a staff answer's draft may publish it himself (no second person; recorded as such).
    staff_self_publish: bool = False
    # True when browsers reach the site over https only (behind the TLS proxy): cookies get `Secure`.
    served_over_https: bool = False
    # Against a flood from one source (bot/flood.py); what each means and why these defaults: .env.example.
    trusted_proxies: tuple[str, ...] = ("127.0.0.1",)
    requests_per_minute_per_address: int = 120
    max_in_flight: int = 32
    max_in_flight_per_address: int = 4
    # Prometheus metrics (bot/metrics.py, actions/metrics.py) on ports of their own, never the public PORT;
    # 0: none served (what tests that start several stacks at once need: no fixed port to collide on).
    metrics_port: int = 0
    action_metrics_port: int = 0

    def __post_init__(self) -> None:
        if not self.rasa_url:
            object.__setattr__(self, "rasa_url", f"http://127.0.0.1:{self.rasa_port}")
        if not self.rasa_urls:
            object.__setattr__(self, "rasa_urls", (self.rasa_url,))
        if self.telegram_webhook_url and not self.telegram_webhook_secret:
            raise SettingsError("TELEGRAM_WEBHOOK_SECRET must be set when TELEGRAM_WEBHOOK_URL is")
        if self.telegram_webhook_secret:
            _check_secret("TELEGRAM_WEBHOOK_SECRET", self.telegram_webhook_secret, MIN_WEBHOOK_SECRET)
        if self.staff_session_idle_minutes > self.staff_session_max_hours * 60:
            raise SettingsError("STAFF_SESSION_IDLE_MINUTES must not be longer than STAFF_SESSION_MAX_HOURS")
        self._check_metrics_ports()

    def _check_metrics_ports(self) -> None:
        """The metrics ports are free of the servers' own: on PORT, /metrics would be public."""
        servers = {"PORT": self.port, "RASA_PORT": self.rasa_port, "ACTION_PORT": self.action_port}
        metrics = {"METRICS_PORT": self.metrics_port, "ACTION_METRICS_PORT": self.action_metrics_port}
        for name, port in metrics.items():
            taken = [other for other, value in servers.items() if value == port]
            if port and taken:
                raise SettingsError(f"{name} must differ from {taken[0]} ({port}): metrics get a port of their own")
        if self.metrics_port and self.metrics_port == self.action_metrics_port:
            raise SettingsError("METRICS_PORT and ACTION_METRICS_PORT must differ (one machine may run both)")

    @property
    def staff_enabled(self) -> bool:
        return self.staff_area or bool(self.staff_password)

    @property
    def action_endpoint_url(self) -> str:
        return self.action_url or f"http://127.0.0.1:{self.action_port}/webhook"

    @property
    def gateway_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def to_env(self) -> dict[str, str]:
        """The settings as the environment variables that `from_env` reads, for a process started with them."""
        env = {}
        for setting in fields(self):
            value = getattr(self, setting.name)
            env[setting.name.upper()] = ",".join(value) if isinstance(value, tuple) else str(value)
        return env

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        return cls(
            rasa_host=env.get("RASA_HOST", "").strip() or cls.rasa_host,
            rasa_port=_port(env, "RASA_PORT", cls.rasa_port),
            action_port=_port(env, "ACTION_PORT", cls.action_port),
            rasa_url=_url(env, "RASA_URL"),
            rasa_urls=_urls(env, "RASA_URLS"),
            rasa_timeout=_positive_float(env, "RASA_TIMEOUT", cls.rasa_timeout),
            log_level=_choice(env, "LOG_LEVEL", cls.log_level, ("DEBUG", "INFO", "WARNING", "ERROR")),
            host=env.get("HOST", "").strip() or cls.host,
            port=_port(env, "PORT", cls.port),
            telegram_token=env.get("TELEGRAM_TOKEN", "").strip(),
            telegram_base_url=_url(env, "TELEGRAM_BASE_URL", strip_slash=False) or cls.telegram_base_url,
            telegram_webhook_url=_url(env, "TELEGRAM_WEBHOOK_URL"),
            telegram_webhook_secret=_secret(env, "TELEGRAM_WEBHOOK_SECRET"),
            telegram_webhook_register=_flag(env, "TELEGRAM_WEBHOOK_REGISTER", cls.telegram_webhook_register),
            rasa_token=_secret(env, "RASA_TOKEN"),
            cors_origins=_origins(env, "CORS_ORIGINS"),
            messages_per_minute=_positive_int(env, "MESSAGES_PER_MINUTE", cls.messages_per_minute),
            tracker_store_url=_store_url(env, "TRACKER_STORE_URL", ("postgresql://", "sqlite:///")),
            lock_store_url=_store_url(env, "LOCK_STORE_URL", ("redis://",)),
            data_dir=env.get("DATA_DIR", "").strip() or cls.data_dir,
            action_url=_url(env, "ACTION_URL"),
            retention_days=_positive_int(env, "RETENTION_DAYS", cls.retention_days),
            retention_in_gateway=_flag(env, "RETENTION_IN_GATEWAY", cls.retention_in_gateway),
            backup_dir=env.get("BACKUP_DIR", "").strip() or cls.backup_dir,
            backup_keep=_positive_int(env, "BACKUP_KEEP", cls.backup_keep),
            staff_password=_staff_password(env, "STAFF_PASSWORD"),
            staff_area=_flag(env, "STAFF_AREA", cls.staff_area),
            staff_session_idle_minutes=_bounded_int(
                env, "STAFF_SESSION_IDLE_MINUTES", cls.staff_session_idle_minutes, 1, 24 * 60
            ),
            staff_session_max_hours=_bounded_int(
                env, "STAFF_SESSION_MAX_HOURS", cls.staff_session_max_hours, 1, 7 * 24
            ),
            staff_self_publish=_flag(env, "STAFF_SELF_PUBLISH", cls.staff_self_publish),
            served_over_https=_flag(env, "SERVED_OVER_HTTPS", cls.served_over_https),
            trusted_proxies=_addresses(env, "TRUSTED_PROXIES") or cls.trusted_proxies,
            requests_per_minute_per_address=_positive_int(
                env, "REQUESTS_PER_MINUTE_PER_ADDRESS", cls.requests_per_minute_per_address
            ),
            max_in_flight=_positive_int(env, "MAX_IN_FLIGHT", cls.max_in_flight),
            max_in_flight_per_address=_positive_int(env, "MAX_IN_FLIGHT_PER_ADDRESS", cls.max_in_flight_per_address),
            metrics_port=_optional_port(env, "METRICS_PORT"),
            action_metrics_port=_optional_port(env, "ACTION_METRICS_PORT"),
        )


def _port(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or not 1 <= int(raw) <= 65535:
        raise SettingsError(f"{name} must be a port number from 1 to 65535, not {raw!r}")
    return int(raw)


def _optional_port(env: Mapping[str, str], name: str) -> int:
    """A port, or 0 (empty or "0") for a server that is off."""
    return _port(env, name, 0) if env.get(name, "").strip() not in ("", "0") else 0


def _url(env: Mapping[str, str], name: str, strip_slash: bool = True) -> str:
    raw = env.get(name, "").strip()
    if strip_slash:
        raw = raw.rstrip("/")
    if raw and not raw.startswith(("http://", "https://")):
        raise SettingsError(f"{name} must start with http:// or https://, not {raw!r}")
    return raw


def _secret(env: Mapping[str, str], name: str) -> str:
    raw = env.get(name, "").strip()
    if raw:
        _check_secret(name, raw)
    return raw


def _check_secret(name: str, secret: str, shortest: int = 1) -> None:
    # Telegram's rule for secret_token: 1-256 characters A-Z, a-z, 0-9, _ and -.
    if not shortest <= len(secret) <= 256 or not all(c.isascii() and (c.isalnum() or c in "_-") for c in secret):
        raise SettingsError(f"{name} must be {shortest}-256 characters of A-Z, a-z, 0-9, _ and -")


def _staff_password(env: Mapping[str, str], name: str) -> str:
    raw = env.get(name, "")
    if raw and len(raw) < 12:  # the staff area shows what people asked: no short password guards it
        raise SettingsError(f"{name} must be at least 12 characters long (or empty: no staff area)")
    return raw


def _urls(env: Mapping[str, str], name: str) -> tuple[str, ...]:
    urls = tuple(u.strip().rstrip("/") for u in env.get(name, "").split(",") if u.strip())
    for url in urls:
        if not url.startswith(("http://", "https://")):
            raise SettingsError(f"{name} must list URLs starting with http:// or https://, not {url!r}")
    return urls


def _store_url(env: Mapping[str, str], name: str, schemes: tuple[str, ...]) -> str:
    raw = env.get(name, "").strip()
    if raw and not raw.startswith(schemes):
        raise SettingsError(f"{name} must start with {' or '.join(schemes)}")  # the URL may hold a password
    return raw


def _origins(env: Mapping[str, str], name: str) -> tuple[str, ...]:
    origins = tuple(o.strip().rstrip("/") for o in env.get(name, "").split(",") if o.strip())
    for origin in origins:
        if not origin.startswith(("http://", "https://")) or "/" in origin.split("://", 1)[1]:
            raise SettingsError(f"{name} must list origins such as https://www.koper.si, not {origin!r}")
    return origins


def _addresses(env: Mapping[str, str], name: str) -> tuple[str, ...]:
    """IP addresses or networks (10.0.0.0/8), comma-separated, as uvicorn's forwarded_allow_ips takes them."""
    entries = tuple(a.strip() for a in env.get(name, "").split(",") if a.strip())
    for entry in entries:
        try:
            ipaddress.ip_network(entry, strict=False)
        except ValueError:  # "*" too: it would let every client pick its address with X-Forwarded-For
            raise SettingsError(
                f"{name} must list IP addresses or networks such as 10.0.0.0/8, not {entry!r}"
            ) from None
    return entries


def _positive_int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise SettingsError(f"{name} must be a whole number of at least 1, not {raw!r}")
    return int(raw)


def _bounded_int(env: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or not low <= int(raw) <= high:
        raise SettingsError(f"{name} must be a whole number from {low} to {high}, not {raw!r}")
    return int(raw)


def _positive_float(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = 0.0
    if value <= 0:
        raise SettingsError(f"{name} must be a positive number of seconds, not {raw!r}")
    return value


def _flag(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = env.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in ("true", "1", "yes"):
        return True
    if raw in ("false", "0", "no"):
        return False
    raise SettingsError(f"{name} must be true or false, not {raw!r}")


def _choice(env: Mapping[str, str], name: str, default: str, choices: tuple[str, ...]) -> str:
    raw = env.get(name, "").strip().upper()
    if not raw:
        return default
    if raw not in choices:
        raise SettingsError(f"{name} must be one of {', '.join(choices)}, not {raw!r}")
    return raw
