"""The container's entry point: one image serves every role, chosen by ROLE (or the first argument).

    gateway   python -m bot: web chat, widget, Telegram (the only role that publishes a port)
    rasa      Rasa with the trained model, its endpoints written from the settings, RASA_TOKEN from the
              environment (runtime/rasa_server.py), never on a command line
    actions   the action server (python -m actions: rasa_sdk's, with its metrics on ACTION_METRICS_PORT)
    all       everything in one container, as `make run` does (python -m runtime.stack)

One-shot roles, for a scheduler (Kubernetes: a Job and a CronJob) where several gateway replicas run:

    register-webhook   register the Telegram webhook once (runtime/webhook.py)
    retention          delete conversations older than RETENTION_DAYS once (runtime/retention.py)
    backup             back up the database into BACKUP_DIR, keeping the newest BACKUP_KEEP (runtime/backup.py)

Each role replaces this process (exec), so that signals reach the server itself.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from runtime.endpoints import write_endpoints
from runtime.settings import Settings, SettingsError

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "models" / "csd.tar.gz"
# LOG_LEVEL as the flags that Rasa and the action server both understand.
VERBOSITY = {"DEBUG": ["--debug"], "INFO": [], "WARNING": ["--quiet"], "ERROR": ["--quiet"]}


def command(role: str, settings: Settings, model: Path = MODEL) -> list[str]:
    """The command line of one role's process."""
    python = sys.executable
    verbosity = VERBOSITY[settings.log_level]
    if role == "gateway":
        return [python, "-m", "bot"]
    if role == "actions":
        return [python, "-m", "actions", "--actions", "actions", "--port", str(settings.action_port), *verbosity]
    if role == "rasa":
        if not settings.rasa_token:
            raise SettingsError("RASA_TOKEN must be set for the rasa role (the gateway reads history with it)")
        endpoints = ROOT / settings.data_dir / "run" / f"endpoints-{settings.rasa_port}.yml"
        write_endpoints(settings, ROOT, endpoints)
        return [python, "-m", "runtime.rasa_server", "run", "--model", str(model), "--endpoints", str(endpoints),
                "--credentials", str(ROOT / "credentials.yml"), "--interface", settings.rasa_host,
                "--port", str(settings.rasa_port), "--enable-api", *verbosity]  # fmt: skip
    if role == "all":
        return [python, "-m", "runtime.stack"]
    if role == "register-webhook":
        from runtime.webhook import check  # imports python-telegram-bot: only for this role

        check(settings)
        return [python, "-m", "runtime.webhook"]
    if role == "retention":
        return [python, "-m", "runtime.retention"]
    if role == "backup":
        return [python, "-m", "runtime.backup", "dump"]
    raise SettingsError(
        f"ROLE must be gateway, rasa, actions, all, register-webhook, retention or backup, not {role!r}"
    )


def main() -> None:
    role = (sys.argv[1] if len(sys.argv) > 1 else os.environ.get("ROLE", "all")).strip()
    try:
        argv = command(role, Settings.from_env())
    except SettingsError as error:
        sys.exit(f"role: {error}")
    os.execv(argv[0], argv)


if __name__ == "__main__":
    main()
