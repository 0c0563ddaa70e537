"""Named staff accounts with roles, their passwords (Argon2id), and the command line that manages them.

    python -m bot.staff.accounts create NAME --role urednik|objavitelj|skrbnik [--password-stdin]
    python -m bot.staff.accounts list
    python -m bot.staff.accounts set-password NAME [--password-stdin]
    python -m bot.staff.accounts disable NAME | enable NAME
    python -m bot.staff.accounts set-role NAME ROLE

Roles, each with what the one before it may do: `urednik` (editor: reads the area, writes drafts of staff
answers), `objavitelj` (publisher: approves and publishes), `skrbnik` (administrator: manages accounts).
The command line uses the database the gateway uses (TRACKER_STORE_URL, else the SQLite file in DATA_DIR).
"""

from __future__ import annotations

import argparse
import getpass
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from storage.tables import ACCOUNTS, SESSIONS, create_staff

ROLES = ("urednik", "objavitelj", "skrbnik")  # each may do what the ones before it may
MIN_PASSWORD = 12
MAX_PASSWORD = 256  # hashing a megabyte-long "password" would be work an attacker picks
MAX_NAME = 64
FIRST_ADMIN = "skrbnik"


class AccountError(ValueError):
    """A request about accounts that cannot be done; the message (Slovenian) says why, for staff."""


@dataclass(frozen=True)
class StaffUser:
    """A signed-in member of staff, as the pages see him."""

    name: str
    role: str

    def has(self, role: str) -> bool:
        return ROLES.index(self.role) >= ROLES.index(role)

    @property
    def can_edit(self) -> bool:
        return self.has("urednik")

    @property
    def can_publish(self) -> bool:
        return self.has("objavitelj")

    @property
    def can_manage(self) -> bool:
        return self.has("skrbnik")


@dataclass(frozen=True)
class Account:
    id: int
    name: str
    role: str
    active: bool
    created_at: float
    last_sign_in_at: float | None

    @property
    def user(self) -> StaffUser:
        return StaffUser(self.name, self.role)


@cache
def hasher() -> PasswordHasher:
    """argon2-cffi's defaults: Argon2id with RFC 9106's low-memory profile (64 MiB, 3 passes)."""
    return PasswordHasher()


@cache
def _dummy_hash(hasher: PasswordHasher) -> str:
    return hasher.hash("no such account: verified so that an unknown name costs as long as a known one")


# Each hash takes 64 MiB for a moment: a handful of sign-ins at once must not take the gateway's memory.
_HASHING = threading.BoundedSemaphore(2)


def hash_password(password: str) -> str:
    with _HASHING:
        return hasher().hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    """Whether `password` matches; with no hash (no such account) a dummy one is verified, for the same time."""
    dummy = _dummy_hash(hasher())
    try:
        with _HASHING:
            return hasher().verify(stored_hash or dummy, password) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def check_name(name: str) -> str:
    name = " ".join(name.split())
    if not name or len(name) > MAX_NAME or not name.isprintable():
        raise AccountError(f"Ime mora imeti od 1 do {MAX_NAME} znakov brez posebnih znakov.")
    return name


def check_role(role: str) -> str:
    if role not in ROLES:
        raise AccountError(f"Vloga mora biti ena od: {', '.join(ROLES)} (ne »{role}«).")
    return role


def check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"Geslo mora imeti vsaj {MIN_PASSWORD} znakov.")
    if len(password) > MAX_PASSWORD:
        raise AccountError(f"Geslo sme imeti največ {MAX_PASSWORD} znakov.")
    return password


def name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


class AccountStore:
    """Accounts in the staff area's database (the tracker store's)."""

    def __init__(self, engine: sa.engine.Engine, clock: Callable[[], float] = time.time) -> None:
        self.engine = engine
        self.clock = clock
        create_staff(engine)

    def all(self) -> list[Account]:
        with self.engine.connect() as connection:
            rows = connection.execute(sa.select(ACCOUNTS).order_by(ACCOUNTS.c.name_key)).fetchall()
        return [_account(row) for row in rows]

    def find(self, name: str) -> Account | None:
        with self.engine.connect() as connection:
            row = connection.execute(sa.select(ACCOUNTS).where(ACCOUNTS.c.name_key == name_key(name))).first()
        return _account(row) if row else None

    def get(self, name: str) -> Account:
        found = self.find(name)
        if found is None:
            raise AccountError(f"Računa »{name}« ni.")
        return found

    def create(self, name: str, role: str, password: str) -> Account:
        name, role, password = check_name(name), check_role(role), check_password(password)
        if self.find(name) is not None:
            raise AccountError(f"Račun z imenom »{name}« že obstaja.")
        row = {"name": name, "name_key": name_key(name), "role": role, "password_hash": hash_password(password),
               "active": True, "created_at": self.clock(), "last_sign_in_at": None}  # fmt: skip
        try:
            with self.engine.begin() as connection:
                connection.execute(sa.insert(ACCOUNTS), row)
        except sa.exc.IntegrityError:  # made at the same moment elsewhere
            raise AccountError(f"Račun z imenom »{name}« že obstaja.") from None
        return self.get(name)

    def set_password(self, name: str, password: str) -> Account:
        """A new password; the account's sessions end (whoever knew the old one is signed out)."""
        account = self.get(name)
        self._update(account, password_hash=hash_password(check_password(password)))
        self.end_sessions(account)
        return account

    def set_role(self, name: str, role: str) -> Account:
        account = self.get(name)
        role = check_role(role)
        if account.role == "skrbnik" and role != "skrbnik":
            self._keep_an_administrator(account)
        self._update(account, role=role)
        return self.get(name)

    def set_active(self, name: str, active: bool) -> Account:
        account = self.get(name)
        if not active:
            self._keep_an_administrator(account)
        self._update(account, active=active)
        if not active:
            self.end_sessions(account)
        return self.get(name)

    def _keep_an_administrator(self, account: Account) -> None:
        others = [a for a in self.all() if a.role == "skrbnik" and a.active and a.id != account.id]
        if account.role == "skrbnik" and account.active and not others:
            raise AccountError("Zadnjemu dejavnemu skrbniku ni mogoče odvzeti vloge ali onemogočiti računa.")

    def _update(self, account: Account, **values: object) -> None:
        with self.engine.begin() as connection:
            connection.execute(sa.update(ACCOUNTS).where(ACCOUNTS.c.id == account.id).values(**values))

    def end_sessions(self, account: Account) -> None:
        with self.engine.begin() as connection:
            connection.execute(sa.delete(SESSIONS).where(SESSIONS.c.account_id == account.id))

    def authenticate(self, name: str, password: str) -> Account | None:
        """The active account with this name and password, else None; as slow for an unknown name."""
        if len(password) > MAX_PASSWORD:
            return None
        with self.engine.connect() as connection:
            row = connection.execute(
                sa.select(ACCOUNTS).where(ACCOUNTS.c.name_key == name_key(name)[:MAX_NAME])
            ).first()
        if not verify_password(row.password_hash if row else None, password) or row is None or not row.active:
            return None
        account = _account(row)
        self._update(account, last_sign_in_at=self.clock())
        return account

    def ensure_first_administrator(self, password: str) -> Account | None:
        """The account `skrbnik` with this password, made when no administrator account exists yet (the
        way in for the first administrator: STAFF_PASSWORD); None when there is one already."""
        if not password or any(a.role == "skrbnik" for a in self.all()):
            return None
        try:
            return self.create(FIRST_ADMIN, "skrbnik", password)
        except AccountError:  # the name is someone else's, or another replica made it just now
            return None


def _account(row: sa.engine.Row) -> Account:
    return Account(row.id, row.name, row.role, bool(row.active), row.created_at, row.last_sign_in_at)


# --- the command line ------------------------------------------------------------------------------------
def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    password = getpass.getpass("Geslo: ")
    if getpass.getpass("Ponovite geslo: ") != password:
        raise AccountError("Gesli se ne ujemata.")
    return password


def _moment(timestamp: float | None) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(timestamp)) if timestamp else "–"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot.staff.accounts", description="Računi osebja za območje /staff/ (imena, vloge, gesla)."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="UKAZ")
    made = commands.add_parser("create", help="nov račun")
    made.add_argument("name", metavar="IME")
    made.add_argument("--role", required=True, metavar="VLOGA", help=" | ".join(ROLES))
    made.add_argument("--password-stdin", action="store_true", help="geslo s standardnega vhoda (za skripte)")
    commands.add_parser("list", help="vsi računi")
    password = commands.add_parser("set-password", help="novo geslo (seje računa se končajo)")
    password.add_argument("name", metavar="IME")
    password.add_argument("--password-stdin", action="store_true", help="geslo s standardnega vhoda (za skripte)")
    for command, text in (("disable", "onemogoči račun (seje se končajo)"), ("enable", "omogoči račun")):
        commands.add_parser(command, help=text).add_argument("name", metavar="IME")
    role = commands.add_parser("set-role", help="nova vloga")
    role.add_argument("name", metavar="IME")
    role.add_argument("role", metavar="VLOGA", help=" | ".join(ROLES))
    return parser


def run(arguments: Sequence[str], database_url: str) -> str:
    """Do one command; the text to print. AccountError for what the user must correct."""
    from bot.staff.audit import AuditLog  # the CLI's changes go to the audit, as the pages' do

    options = _parser().parse_args(arguments)
    engine = sa.create_engine(database_url, future=True, hide_parameters=True)
    try:
        accounts, audit = AccountStore(engine), AuditLog(engine)
        by = {"via": "cli", "os_user": getpass.getuser()}
        if options.command == "list":
            lines = [f"{'ime':24} {'vloga':11} {'stanje':10} {'ustvarjen':16} zadnja prijava"]
            lines += [
                f"{a.name:24} {a.role:11} {'dejaven' if a.active else 'onemogočen':10} "
                f"{_moment(a.created_at):16} {_moment(a.last_sign_in_at)}"
                for a in accounts.all()
            ]
            return "\n".join(lines) if len(lines) > 1 else "Računov še ni."
        if options.command == "create":
            check_name(options.name), check_role(options.role)  # before asking for a password
            account = accounts.create(options.name, options.role, _read_password(options.password_stdin))
            audit.audit(None, "account_created", name=account.name, role=account.role, **by)
            return f"Račun »{account.name}« ({account.role}) je ustvarjen."
        if options.command == "set-password":
            account = accounts.get(options.name)
            accounts.set_password(account.name, _read_password(options.password_stdin))
            audit.audit(None, "password_set", name=account.name, **by)
            return f"Geslo računa »{account.name}« je spremenjeno; njegove seje so končane."
        if options.command in ("disable", "enable"):
            account = accounts.set_active(options.name, options.command == "enable")
            audit.audit(None, f"account_{options.command}d", name=account.name, **by)
            return f"Račun »{account.name}« je {'omogočen' if account.active else 'onemogočen'}."
        account = accounts.set_role(options.name, options.role)
        audit.audit(None, "role_set", name=account.name, role=account.role, **by)
        return f"Račun »{account.name}« ima zdaj vlogo {account.role}."
    finally:
        engine.dispose()


def main(arguments: Sequence[str] | None = None) -> None:
    from runtime.endpoints import tracker_store_url
    from runtime.role import ROOT
    from runtime.settings import Settings, SettingsError

    try:
        print(run(sys.argv[1:] if arguments is None else arguments, tracker_store_url(Settings.from_env(), ROOT)))
    except (AccountError, SettingsError) as problem:
        sys.exit(f"napaka: {problem}")
    except sa.exc.OperationalError as problem:  # hide_parameters: no password in the message
        sys.exit(f"napaka: baze ni mogoče odpreti ({problem.orig})")
    except (KeyboardInterrupt, EOFError):
        sys.exit("prekinjeno")


if __name__ == "__main__":
    main()
