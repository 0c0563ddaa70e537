"""Rasa's endpoints (action server, tracker store, lock store) from the settings.

Embedded default: an SQLite tracker store under DATA_DIR (conversations survive a restart) and
Rasa's in-memory lock store. Production: TRACKER_STORE_URL (PostgreSQL) and LOCK_STORE_URL (Redis).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml

from runtime.settings import Settings

# Rasa's SQL tracker store, same table, leaner statements per turn (runtime/tracker_store.py).
TRACKER_STORE = "runtime.tracker_store.LeanSQLTrackerStore"
# Rasa's Redis lock store, with a ticket lifetime shorter than the gateway's timeout and locks in memory
# while Redis is gone (runtime/lock_store.py).
LOCK_STORE = "runtime.lock_store.FailSafeRedisLockStore"


def tracker_store_url(settings: Settings, root: Path) -> str:
    if settings.tracker_store_url:
        return settings.tracker_store_url
    data_dir = Path(settings.data_dir)
    data_dir = data_dir if data_dir.is_absolute() else root / data_dir
    data_dir.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{data_dir / 'tracker.db'}"


def lock_store(url: str) -> dict[str, Any] | None:
    """The Redis lock store's settings from redis://[:password@]host[:port][/db]; None: Rasa's in memory."""
    if not url:
        return None
    parts = urlsplit(url)
    config: dict[str, Any] = {"type": LOCK_STORE, "url": parts.hostname or "localhost", "port": parts.port or 6379}
    config["db"] = int(parts.path.strip("/") or 1)
    if parts.password:
        config["password"] = unquote(parts.password)
    return config


def endpoints(settings: Settings, root: Path) -> dict[str, Any]:
    config: dict[str, Any] = {
        "action_endpoint": {"url": settings.action_endpoint_url},
        "tracker_store": {"type": TRACKER_STORE, "url": tracker_store_url(settings, root)},
    }
    lock = lock_store(settings.lock_store_url)
    if lock is not None:
        config["lock_store"] = lock
    return config


def write_endpoints(settings: Settings, root: Path, path: Path) -> Path:
    """Write the endpoints file Rasa is started with; readable by its owner only (it may hold passwords)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600, exist_ok=True)
    path.write_text(yaml.safe_dump(endpoints(settings, root), sort_keys=False), encoding="utf-8")
    return path
