from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from runtime.settings import Settings, SettingsError


def test_defaults() -> None:
    settings = Settings.from_env({})
    assert settings.rasa_url == "http://127.0.0.1:5005"
    assert settings.action_endpoint_url == "http://127.0.0.1:5055/webhook"


def test_values_from_the_environment() -> None:
    settings = Settings.from_env(
        {"RASA_PORT": "6000", "ACTION_PORT": "6001", "RASA_TIMEOUT": "2.5", "LOG_LEVEL": "debug"}
    )
    assert (settings.rasa_url, settings.action_port, settings.rasa_timeout, settings.log_level) == (
        "http://127.0.0.1:6000",
        6001,
        2.5,
        "DEBUG",
    )
    assert Settings.from_env({"RASA_URL": "http://rasa:5005/"}).rasa_url == "http://rasa:5005"


def test_settings_pass_to_another_process_unchanged() -> None:
    settings = Settings(
        rasa_urls=("http://a:5005", "http://b:5005"), rasa_timeout=2.5, log_level="WARNING", port=8100,
        telegram_token="1:abc", cors_origins=("https://www.koper.si", "https://csd.example"),
        messages_per_minute=7, tracker_store_url="postgresql://u:p@db/rasa", retention_days=9,
        telegram_webhook_register=False, retention_in_gateway=False,
        trusted_proxies=("10.0.0.5", "172.16.0.0/12"), requests_per_minute_per_address=50, max_in_flight=9,
        max_in_flight_per_address=2, staff_area=True, staff_session_idle_minutes=15, staff_session_max_hours=4,
        served_over_https=True, backup_dir="/backups", backup_keep=30, metrics_port=9102, action_metrics_port=9103,
    )  # fmt: skip
    assert Settings.from_env(settings.to_env()) == settings
    assert Settings.from_env(Settings().to_env()) == Settings()


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"RASA_PORT": "http"}, "RASA_PORT"),
        ({"ACTION_PORT": "70000"}, "ACTION_PORT"),
        ({"RASA_URL": "rasa:5005"}, "RASA_URL"),
        ({"RASA_TIMEOUT": "-1"}, "RASA_TIMEOUT"),
        ({"LOG_LEVEL": "loud"}, "LOG_LEVEL"),
        ({"PORT": "0"}, "PORT"),
        ({"CORS_ORIGINS": "www.koper.si"}, "CORS_ORIGINS"),
        ({"CORS_ORIGINS": "https://www.koper.si/stran"}, "CORS_ORIGINS"),
        ({"MESSAGES_PER_MINUTE": "0"}, "MESSAGES_PER_MINUTE"),
        ({"TELEGRAM_WEBHOOK_REGISTER": "sometimes"}, "TELEGRAM_WEBHOOK_REGISTER"),
        ({"RETENTION_IN_GATEWAY": "off-ish"}, "RETENTION_IN_GATEWAY"),
        ({"TRUSTED_PROXIES": "*"}, "TRUSTED_PROXIES"),
        ({"TRUSTED_PROXIES": "127.0.0.1,proxy.example"}, "TRUSTED_PROXIES"),
        ({"REQUESTS_PER_MINUTE_PER_ADDRESS": "0"}, "REQUESTS_PER_MINUTE_PER_ADDRESS"),
        ({"MAX_IN_FLIGHT": "many"}, "MAX_IN_FLIGHT"),
        ({"MAX_IN_FLIGHT_PER_ADDRESS": "-1"}, "MAX_IN_FLIGHT_PER_ADDRESS"),
        ({"RASA_URLS": "http://a:5005,rasa-2:5005"}, "RASA_URLS"),
        ({"STAFF_PASSWORD": "too short"}, "STAFF_PASSWORD"),
        ({"STAFF_AREA": "maybe"}, "STAFF_AREA"),
        ({"STAFF_SESSION_IDLE_MINUTES": "0"}, "STAFF_SESSION_IDLE_MINUTES"),
        ({"STAFF_SESSION_IDLE_MINUTES": "half an hour"}, "STAFF_SESSION_IDLE_MINUTES"),
        ({"STAFF_SESSION_MAX_HOURS": "1000"}, "STAFF_SESSION_MAX_HOURS"),
        ({"STAFF_SESSION_IDLE_MINUTES": "120", "STAFF_SESSION_MAX_HOURS": "1"}, "STAFF_SESSION_IDLE_MINUTES"),
        ({"SERVED_OVER_HTTPS": "si"}, "SERVED_OVER_HTTPS"),
        ({"STAFF_SELF_PUBLISH": "morda"}, "STAFF_SELF_PUBLISH"),
        ({"TRACKER_STORE_URL": "mysql://db/rasa"}, "TRACKER_STORE_URL"),
        ({"BACKUP_KEEP": "0"}, "BACKUP_KEEP"),
        ({"LOCK_STORE_URL": "http://redis:6379"}, "LOCK_STORE_URL"),
        ({"TELEGRAM_BASE_URL": "api.telegram.org"}, "TELEGRAM_BASE_URL"),
        ({"TELEGRAM_WEBHOOK_URL": "https://bot.example/telegram"}, "TELEGRAM_WEBHOOK_SECRET"),
        (
            {"TELEGRAM_WEBHOOK_URL": "https://bot.example/telegram", "TELEGRAM_WEBHOOK_SECRET": "no spaces!"},
            "TELEGRAM_WEBHOOK_SECRET",
        ),
        (
            {"TELEGRAM_WEBHOOK_URL": "https://bot.example/telegram", "TELEGRAM_WEBHOOK_SECRET": "x"},
            "SECRET must be 16-256",
        ),
        ({"TELEGRAM_WEBHOOK_SECRET": "s3cret_-"}, "TELEGRAM_WEBHOOK_SECRET"),  # whatever the URL
        ({"TELEGRAM_WEBHOOK_SECRET": "x" * 257}, "TELEGRAM_WEBHOOK_SECRET"),
        ({"TELEGRAM_WEBHOOK_SECRET": "geslo-za-telegram-č"}, "TELEGRAM_WEBHOOK_SECRET"),
    ],
)
def test_bad_values_fail_fast_naming_the_setting(env: dict[str, str], named: str) -> None:
    with pytest.raises(SettingsError, match=named):
        Settings.from_env(env)


def test_env_example_documents_every_setting() -> None:
    documented = Path(".env.example").read_text(encoding="utf-8")
    for setting in fields(Settings):  # every one: a setting added later is documented too
        assert f"\n{setting.name.upper()}=" in documented, setting.name


def test_metrics_are_off_by_default_and_never_on_a_servers_port() -> None:
    assert (Settings.from_env({}).metrics_port, Settings.from_env({}).action_metrics_port) == (0, 0)
    settings = Settings.from_env({"METRICS_PORT": "9102", "ACTION_METRICS_PORT": "9103"})
    assert (settings.metrics_port, settings.action_metrics_port) == (9102, 9103)
    assert Settings.from_env({"METRICS_PORT": "0"}).metrics_port == 0
    for env, named in [
        ({"PORT": "8000", "METRICS_PORT": "8000"}, "METRICS_PORT must differ from PORT"),
        ({"ACTION_METRICS_PORT": "5055"}, "ACTION_METRICS_PORT must differ from ACTION_PORT"),
        ({"METRICS_PORT": "9102", "ACTION_METRICS_PORT": "9102"}, "must differ"),
        ({"METRICS_PORT": "metrics"}, "METRICS_PORT must be a port"),
    ]:
        with pytest.raises(SettingsError, match=named):
            Settings.from_env(env)


def test_telegram_settings() -> None:
    settings = Settings.from_env(
        {
            "TELEGRAM_TOKEN": " 1:abc ",
            "TELEGRAM_WEBHOOK_URL": "https://bot.example/telegram",
            "TELEGRAM_WEBHOOK_SECRET": "s3cret_-s3cret_-",
        }
    )
    assert (settings.telegram_token, settings.telegram_webhook_secret) == ("1:abc", "s3cret_-s3cret_-")
    assert settings.telegram_base_url == "https://api.telegram.org/bot"
    assert settings.gateway_url == "http://127.0.0.1:8000"
    assert Settings.from_env({"TELEGRAM_WEBHOOK_SECRET": "A" * 256}).telegram_webhook_secret == "A" * 256


def test_a_short_webhook_secret_fails_however_the_settings_are_made() -> None:
    with pytest.raises(SettingsError, match="TELEGRAM_WEBHOOK_SECRET"):
        Settings(telegram_webhook_url="https://bot.example/telegram", telegram_webhook_secret="secret")


def test_widget_settings() -> None:
    settings = Settings.from_env(
        {"CORS_ORIGINS": "https://www.koper.si, https://csd-koper.si/", "MESSAGES_PER_MINUTE": "5"}
    )
    assert settings.cors_origins == ("https://www.koper.si", "https://csd-koper.si")
    assert settings.messages_per_minute == 5


def test_production_settings() -> None:
    settings = Settings.from_env(
        {"RASA_URLS": "http://rasa-1:5005, http://rasa-2:5005/", "TRACKER_STORE_URL": "postgresql://u:p@db/rasa",
         "LOCK_STORE_URL": "redis://:p@redis:6379/1", "ACTION_URL": "http://actions:5055/webhook"}
    )  # fmt: skip
    assert settings.rasa_urls == ("http://rasa-1:5005", "http://rasa-2:5005")
    assert settings.action_endpoint_url == "http://actions:5055/webhook"
    assert Settings.from_env({}).rasa_urls == ("http://127.0.0.1:5005",)


def test_a_bad_store_url_does_not_echo_its_password() -> None:
    with pytest.raises(SettingsError) as problem:
        Settings.from_env({"TRACKER_STORE_URL": "mysql://rasa:very-secret@db/rasa"})
    assert "very-secret" not in str(problem.value)


def test_what_a_single_gateway_does_by_default_and_replicas_turn_off() -> None:
    """`make run` and compose: the gateway registers its webhook and runs retention; a cluster turns both off."""
    assert (Settings.from_env({}).telegram_webhook_register, Settings.from_env({}).retention_in_gateway) == (True, True)
    cluster = Settings.from_env({"TELEGRAM_WEBHOOK_REGISTER": "false", "RETENTION_IN_GATEWAY": " False "})
    assert (cluster.telegram_webhook_register, cluster.retention_in_gateway) == (False, False)
    assert Settings.from_env({"RETENTION_IN_GATEWAY": "1"}).retention_in_gateway is True


def test_staff_area_settings() -> None:
    default = Settings.from_env({})
    assert not default.staff_enabled and (default.staff_session_idle_minutes, default.staff_session_max_hours) == (
        30,
        8,
    )
    assert not default.served_over_https
    assert Settings.from_env({"STAFF_AREA": "true"}).staff_enabled
    assert Settings.from_env({"STAFF_PASSWORD": "twelve chars!"}).staff_enabled  # the first administrator's
