"""The roles run on a read-only root filesystem, as the Kubernetes pods do (readOnlyRootFilesystem, with
emptyDirs for /tmp, HOME and DATA_DIR): the project, its venv, Python, /usr and /etc are mounted read-only
in a private mount namespace, and Rasa, the action server and the gateway must still start, Rasa's
readiness probe pass, a question be answered, and retention and a backup run. Needs root and `unshare` (skipped
otherwise) and the trained model."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from runtime.role import MODEL, ROOT
from runtime.stack import free_port

SCRIPT = r"""
set -u
for path in "$@"; do mount --bind -o ro "$path" "$path"; done
touch "$ROOT/.read-only-check" 2>/dev/null && { echo "the project is writable"; exit 1; }
cd "$ROOT"
ROLE=actions "$PYTHON" -m runtime.role > "$LOGS/actions.log" 2>&1 & ACTIONS=$!
ROLE=rasa "$PYTHON" -m runtime.role > "$LOGS/rasa.log" 2>&1 & RASA=$!
ROLE=gateway "$PYTHON" -m runtime.role > "$LOGS/gateway.log" 2>&1 & GATEWAY=$!
for _ in $(seq 1 150); do
  ROLE=rasa "$PYTHON" -m runtime.healthcheck --ready && { echo "rasa ready"; break; }
  sleep 2
done
"$PYTHON" - <<'CHECK'
import json, os, urllib.request
gateway, actions = f"http://127.0.0.1:{os.environ['PORT']}", f"http://127.0.0.1:{os.environ['ACTION_PORT']}"
print("actions", urllib.request.urlopen(f"{actions}/actions").status)
print("config", urllib.request.urlopen(f"{gateway}/api/config").status)
body = json.dumps({"session": "read-only", "text": "Ali interventna služba pokriva Izolo?"}).encode()
request = urllib.request.Request(f"{gateway}/api/chat", body, {"Content-Type": "application/json"})
print("answer", json.load(urllib.request.urlopen(request, timeout=60))["messages"][0]["text"][:40])
CHECK
ROLE=retention "$PYTHON" -m runtime.role 2>&1 | tail -1
ROLE=backup "$PYTHON" -m runtime.role > "$LOGS/backup.log" 2>&1 && ls "$BACKUP_DIR" | tr 0-9 N
kill $GATEWAY $RASA $ACTIONS
wait
"""


def can_unshare() -> bool:
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        return False
    return subprocess.run(["unshare", "-m", "true"], capture_output=True).returncode == 0


@pytest.mark.skipif(not can_unshare(), reason="needs root and unshare for a private mount namespace")
def test_every_role_runs_with_a_read_only_root_filesystem(tmp_path: Path) -> None:
    if not MODEL.exists():
        pytest.skip("no trained model")
    writable = {name: tmp_path / name for name in ("home", "data", "logs", "matplotlib", "backups")}
    for path in writable.values():
        path.mkdir()
    ports = {"RASA_PORT": free_port(), "ACTION_PORT": free_port(), "PORT": free_port()}
    env = {
        **{k: v for k, v in os.environ.items() if k in ("PATH", "LANG", "TF_CPP_MIN_LOG_LEVEL")},
        **{name: str(port) for name, port in ports.items()},
        "ROOT": str(ROOT), "PYTHON": sys.executable, "LOGS": str(writable["logs"]),
        "HOME": str(writable["home"]), "DATA_DIR": str(writable["data"]), "MPLCONFIGDIR": str(writable["matplotlib"]),
        "RASA_TOKEN": "read-only-check", "RASA_TELEMETRY_ENABLED": "false", "PYTHONDONTWRITEBYTECODE": "1",
        "RASA_URLS": f"http://127.0.0.1:{ports['RASA_PORT']}",
        "ACTION_URL": f"http://127.0.0.1:{ports['ACTION_PORT']}/webhook",
        "RETENTION_IN_GATEWAY": "false", "BACKUP_DIR": str(writable["backups"]),
    }  # fmt: skip
    read_only = sorted(
        {str(ROOT), str(Path(sys.prefix).resolve()), str(Path(sys.base_prefix).resolve()), "/usr", "/etc"}
    )
    result = subprocess.run(
        ["unshare", "-m", "sh", "-c", SCRIPT, "read-only", *read_only],
        env=env, capture_output=True, text=True, timeout=420,
    )  # fmt: skip
    logs = "\n".join(p.read_text(errors="replace")[-2000:] for p in writable["logs"].glob("*.log"))
    assert result.stdout.splitlines() == [
        "rasa ready",
        "actions 200",
        "config 200",
        "answer Da, regijska interventna služba pokriva ",
        "retention: deleted 0 conversations older than 30 days",
        "pomocnik-NNNNNNNNTNNNNNNZ.sqlite",
    ], result.stdout + result.stderr + logs
