"""docker-compose.yml is accepted by Docker Compose, and the image's roles are what it runs."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
import yaml

from runtime.healthcheck import url
from runtime.role import ROOT, command
from runtime.settings import Settings, SettingsError

SECRETS = {"POSTGRES_PASSWORD": "geslo", "REDIS_PASSWORD": "skrivno", "RASA_TOKEN": "zeton"}


def compose_command() -> list[str] | None:
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    if shutil.which("docker") and subprocess.run(["docker", "compose", "version"], capture_output=True).returncode == 0:
        return ["docker", "compose"]
    return None


@pytest.fixture
def compose() -> list[str]:
    found = compose_command()
    if found is None:
        pytest.skip("neither docker-compose nor the docker compose plugin is installed (make test installs them)")
    return found


def config(compose: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*compose, "-f", str(ROOT / "docker-compose.yml"), "config"], capture_output=True, text=True,
                          env={"PATH": os.environ["PATH"], **env}, cwd=ROOT)  # fmt: skip


def test_compose_accepts_the_file_and_only_the_gateway_publishes_a_port(compose: list[str]) -> None:
    result = config(compose, SECRETS)
    assert result.returncode == 0, result.stderr
    services = yaml.safe_load(result.stdout)["services"]
    assert set(services) == {"gateway", "rasa-1", "rasa-2", "actions", "postgres", "redis", "backup"}
    assert [name for name, service in services.items() if service.get("ports")] == ["gateway"]
    assert services["gateway"]["environment"]["RASA_URLS"] == "http://rasa-1:5005,http://rasa-2:5005"
    # Metrics for a Prometheus on the internal network, on ports that are not published.
    assert [port["target"] for port in services["gateway"]["ports"]] == [8000]
    assert (
        services["gateway"]["environment"]["METRICS_PORT"],
        services["actions"]["environment"]["ACTION_METRICS_PORT"],
    ) == ("9102", "9103")
    for name in ("rasa-1", "rasa-2"):
        environment = services[name]["environment"]
        assert environment["ROLE"] == "rasa"
        assert environment["TRACKER_STORE_URL"] == "postgresql://rasa:geslo@postgres:5432/rasa"
        assert environment["LOCK_STORE_URL"] == "redis://:skrivno@redis:6379/1"
    assert services["postgres"]["volumes"] and services["redis"]["volumes"]
    assert "healthcheck" in services["postgres"] and "healthcheck" in services["redis"]
    # Whatever built the image (buildah and podman drop a Dockerfile's HEALTHCHECK), every service another
    # waits on has its health check in the compose file itself.
    waited_on = {name for service in services.values() for name, need in (service.get("depends_on") or {}).items()
                 if need.get("condition") == "service_healthy"}  # fmt: skip
    assert waited_on and [name for name in sorted(waited_on) if "healthcheck" not in services[name]] == []


def test_the_backup_service_runs_only_when_asked_and_writes_to_a_volume(compose: list[str]) -> None:
    backup = yaml.safe_load(config(compose, SECRETS).stdout)["services"]["backup"]
    assert backup["profiles"] == ["backup"]  # `up` never starts it: `docker-compose run --rm backup`
    assert backup["entrypoint"] + backup["command"] == ["python", "-m", "runtime.backup", "dump"]
    settings = Settings.from_env(backup["environment"])
    assert settings.tracker_store_url == "postgresql://rasa:geslo@postgres:5432/rasa"
    assert [volume.split(":")[:2] for volume in backup["volumes"]] == [["backups", settings.backup_dir]]


def test_compose_refuses_to_run_without_its_secrets(compose: list[str]) -> None:
    result = config(compose, {})
    assert result.returncode != 0
    assert "POSTGRES_PASSWORD" in result.stderr or "RASA_TOKEN" in result.stderr


def test_each_role_runs_its_own_process(tmp_path) -> None:
    settings = Settings(rasa_token="zeton", data_dir=str(tmp_path), rasa_host="0.0.0.0", rasa_port=5005)
    assert command("gateway", settings)[1:] == ["-m", "bot"]
    assert command("actions", settings)[1:] == ["-m", "actions", "--actions", "actions", "--port", "5055"]
    rasa = command("rasa", settings)
    assert rasa[1:4] == ["-m", "runtime.rasa_server", "run"] and rasa[rasa.index("--interface") + 1] == "0.0.0.0"
    endpoints = yaml.safe_load((tmp_path / "run" / "endpoints-5005.yml").read_text())
    assert endpoints["tracker_store"]["url"] == f"sqlite:///{tmp_path / 'tracker.db'}"
    assert command("all", settings)[1:] == ["-m", "runtime.stack"]
    assert not any("zeton" in argument for argument in rasa)  # the token stays in the environment
    with pytest.raises(SettingsError, match="RASA_TOKEN"):
        command("rasa", Settings())
    with pytest.raises(SettingsError, match="ROLE"):
        command("database", settings)


def test_healthcheck_asks_the_role_s_own_server() -> None:
    settings = Settings()
    assert url("gateway", settings) == "http://127.0.0.1:8000/healthz"
    assert url("rasa", settings) == "http://127.0.0.1:5005/"
    assert url("actions", settings) == "http://127.0.0.1:5055/health"
