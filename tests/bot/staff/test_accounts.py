"""Staff accounts: the store (on SQLite and a real PostgreSQL), the password hashes, and the command line."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import sqlalchemy as sa

from bot.staff import accounts
from bot.staff.accounts import AccountError, AccountStore, StaffUser
from runtime.role import ROOT
from storage.tables import ACCOUNTS, AUDIT

PASSWORD = "dolgo-geslo-za-test"


@pytest.fixture
def store(empty_tracker_store: str) -> AccountStore:
    return AccountStore(sa.create_engine(empty_tracker_store))


def test_an_account_keeps_an_argon2_hash_never_the_password(store: AccountStore) -> None:
    made = store.create("  Ana   Kovač ", "urednik", PASSWORD)
    assert (made.name, made.role, made.active, made.last_sign_in_at) == ("Ana Kovač", "urednik", True, None)
    with store.engine.connect() as connection:
        row = connection.execute(sa.select(ACCOUNTS)).one()
    assert row.password_hash.startswith("$argon2id$") and PASSWORD not in " ".join(map(str, row))
    assert store.authenticate("ana kovač", PASSWORD).name == "Ana Kovač"  # the name as typed, any case
    assert store.find("Ana Kovač").last_sign_in_at is not None
    assert store.authenticate("Ana Kovač", PASSWORD + "!") is None
    assert store.authenticate("Nihče", PASSWORD) is None


@pytest.mark.parametrize(
    ("name", "role", "password", "says"),
    [
        ("Ana", "urednica", PASSWORD, "Vloga mora biti ena od: urednik, objavitelj, skrbnik"),
        ("Ana", "urednik", "kratko-gesl", "Geslo mora imeti vsaj 12 znakov."),
        ("", "urednik", PASSWORD, "Ime mora imeti od 1 do 64 znakov"),
        ("x" * 65, "urednik", PASSWORD, "Ime mora imeti od 1 do 64 znakov"),
        ("BOR", "urednik", PASSWORD, "Račun z imenom »BOR« že obstaja."),
    ],
)
def test_bad_accounts_are_refused_with_a_reason(
    store: AccountStore, name: str, role: str, password: str, says: str
) -> None:
    store.create("Bor", "urednik", PASSWORD)
    with pytest.raises(AccountError, match=says):
        store.create(name, role, password)
    assert [a.name for a in store.all()] == ["Bor"]


def test_roles_each_may_do_what_the_one_before_may() -> None:
    editor, publisher, admin = (StaffUser("x", role) for role in accounts.ROLES)
    assert (editor.can_edit, editor.can_publish, editor.can_manage) == (True, False, False)
    assert (publisher.can_edit, publisher.can_publish, publisher.can_manage) == (True, True, False)
    assert (admin.can_edit, admin.can_publish, admin.can_manage) == (True, True, True)


def test_disable_enable_role_and_password(store: AccountStore) -> None:
    store.create("Ana", "skrbnik", PASSWORD)
    store.create("Bor", "urednik", PASSWORD)
    assert not store.set_active("Bor", False).active
    assert store.authenticate("Bor", PASSWORD) is None  # a disabled account does not sign in
    assert store.set_active("bor", True).active and store.authenticate("Bor", PASSWORD) is not None
    assert store.set_role("Bor", "objavitelj").role == "objavitelj"
    store.set_password("Bor", "novo-geslo-za-bora")
    assert store.authenticate("Bor", PASSWORD) is None and store.authenticate("Bor", "novo-geslo-za-bora")
    with pytest.raises(AccountError, match="Zadnjemu dejavnemu skrbniku"):
        store.set_active("Ana", False)
    with pytest.raises(AccountError, match="Zadnjemu dejavnemu skrbniku"):
        store.set_role("Ana", "urednik")
    with pytest.raises(AccountError, match="Računa »Cene« ni."):
        store.set_role("Cene", "urednik")


def test_the_first_administrator_comes_from_staff_password_once(store: AccountStore) -> None:
    made = store.ensure_first_administrator(PASSWORD)
    assert (made.name, made.role) == ("skrbnik", "skrbnik")
    store.set_password("skrbnik", "zamenjano-geslo-1")
    assert store.ensure_first_administrator(PASSWORD) is None  # an administrator exists: nothing changes
    assert store.authenticate("skrbnik", PASSWORD) is None
    assert store.ensure_first_administrator("") is None


def test_an_unknown_name_verifies_a_dummy_hash(monkeypatch: pytest.MonkeyPatch, store: AccountStore) -> None:
    verified: list[str] = []
    original = accounts.PasswordHasher.verify

    def spy(self: accounts.PasswordHasher, hash: str, password: str) -> bool:
        verified.append(hash)
        return original(self, hash, password)

    monkeypatch.setattr(accounts.PasswordHasher, "verify", spy)
    store.create("Ana", "urednik", PASSWORD)
    assert store.authenticate("Nihče", PASSWORD) is None and store.authenticate("Ana", "napačno-geslo") is None
    assert len(verified) == 2 and all(h.startswith("$argon2id$") for h in verified)  # the same work either way


# --- the command line -------------------------------------------------------------------------------------
def cli(url: str, *arguments: str, password: str = "") -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "TRACKER_STORE_URL": url, "HOME": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "bot.staff.accounts", *arguments], input=password + "\n", cwd=ROOT, env=env,
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip


def test_the_command_line_creates_lists_and_changes_accounts(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    made = cli(url, "create", "Ana Kovač", "--role", "skrbnik", "--password-stdin", password=PASSWORD)
    assert made.returncode == 0 and "Račun »Ana Kovač« (skrbnik) je ustvarjen." in made.stdout, made.stderr
    assert cli(url, "create", "Bor", "--role", "urednik", "--password-stdin", password=PASSWORD).returncode == 0
    assert cli(url, "disable", "Bor").returncode == 0
    assert cli(url, "set-role", "Bor", "objavitelj").returncode == 0
    changed = cli(url, "set-password", "bor", "--password-stdin", password="novo-geslo-za-bora")
    assert changed.returncode == 0 and "seje so končane" in changed.stdout
    listed = cli(url, "list").stdout.splitlines()
    assert listed[1].split()[:4] == ["Ana", "Kovač", "skrbnik", "dejaven"]
    assert listed[2].split()[:3] == ["Bor", "objavitelj", "onemogočen"]
    store = AccountStore(sa.create_engine(url))
    assert store.authenticate("Bor", "novo-geslo-za-bora") is None  # disabled
    assert cli(url, "enable", "Bor").returncode == 0 and store.authenticate("Bor", "novo-geslo-za-bora")
    with store.engine.connect() as connection:
        rows = connection.execute(sa.select(AUDIT.c.user_name, AUDIT.c.action, AUDIT.c.details)).fetchall()
    assert [row.action for row in rows] == [
        "account_created", "account_created", "account_disabled", "role_set", "password_set", "account_enabled",
    ]  # fmt: skip
    assert all(row.user_name is None and json.loads(row.details)["via"] == "cli" for row in rows)


@pytest.mark.parametrize(
    ("arguments", "password", "says"),
    [
        (("create", "Ana", "--role", "kralj", "--password-stdin"), PASSWORD, "Vloga mora biti ena od"),
        (("create", "Ana", "--role", "urednik", "--password-stdin"), "kratko", "Geslo mora imeti vsaj 12 znakov."),
        (("create", "ana", "--role", "urednik", "--password-stdin"), PASSWORD, "Račun z imenom »ana« že obstaja."),
        (("disable", "Nihče"), "", "Računa »Nihče« ni."),
        (("set-role", "Ana", "boss"), "", "Vloga mora biti ena od"),
    ],
)
def test_the_command_line_says_what_is_wrong_without_a_traceback(tmp_path, arguments, password, says) -> None:
    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    assert cli(url, "create", "Ana", "--role", "urednik", "--password-stdin", password=PASSWORD).returncode == 0
    result = cli(url, *arguments, password=password)
    assert result.returncode != 0 and says in result.stderr and "Traceback" not in result.stderr


def test_the_command_line_refuses_a_bad_setting_and_a_bad_command(tmp_path) -> None:
    bad = cli("mysql://nowhere/db", "list")
    assert bad.returncode != 0 and "TRACKER_STORE_URL" in bad.stderr and "Traceback" not in bad.stderr
    unknown = cli(f"sqlite:///{tmp_path / 'tracker.db'}", "delete", "Ana")
    assert unknown.returncode == 2 and "Traceback" not in unknown.stderr
