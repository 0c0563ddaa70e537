"""Staff answers from the command line, in the database the assistant uses (TRACKER_STORE_URL, else the SQLite
file under DATA_DIR):

    python -m staff_answers import FILE --author NAME             each entry of FILE as a draft, by NAME
    python -m staff_answers import FILE --author NAME --publish   … and published at once (a first set-up, tests)
    python -m staff_answers check FILE                            the checks a publication must pass
    python -m staff_answers export [FILE]                         the current publication in the bulk format
    python -m staff_answers status                                the current publication and the drafts

FILE is in the bulk format (shared/eval/staff_answers_fixture.yml). Problems are printed in Slovenian and the
command exits 1; nothing is half written.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from runtime.endpoints import tracker_store_url
from runtime.role import ROOT
from runtime.settings import Settings, SettingsError
from staff_answers.checks import publication_problems
from staff_answers.entries import BulkFileError, Entry, read_bulk, write_bulk
from staff_answers.store import AnswerStore, NotAllowed


def open_store(url: str | None = None) -> AnswerStore:
    return AnswerStore(url or tracker_store_url(Settings.from_env(), ROOT))


def _read(path: Path) -> list[Entry]:
    try:
        return read_bulk(path.read_text(encoding="utf-8"), str(path))
    except OSError as error:
        raise BulkFileError(f"{path}: datoteke ni mogoče prebrati ({error.strerror})") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m staff_answers", description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", help="database URL (default: the assistant's)")
    commands = parser.add_subparsers(dest="command", required=True)
    importing = commands.add_parser("import", help="import a bulk file as drafts")
    importing.add_argument("file", type=Path)
    importing.add_argument("--author", required=True, help="who imports (the drafts' author)")
    importing.add_argument("--publish", action="store_true", help="publish at once, checks first")
    checking = commands.add_parser("check", help="run the publication checks on a bulk file")
    checking.add_argument("file", type=Path)
    exporting = commands.add_parser("export", help="the current publication in the bulk format")
    exporting.add_argument("file", type=Path, nargs="?")
    commands.add_parser("status", help="the current publication and the drafts")
    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            found = publication_problems(_read(args.file), None)
            for problem in found:
                print(problem)
            print("Preverjanje uspešno: odgovore je mogoče objaviti." if not found else f"Težav: {len(found)}.")
            return 1 if found else 0
        store = open_store(args.database)
        if args.command == "import":
            entries = _read(args.file)
            publisher = args.author if args.publish else None
            saved, publication = store.import_entries(entries, args.author, publisher, check=publication_problems)
            print(f"Uvoženih osnutkov: {len(saved)}.")
            if publication is not None:
                print(f"Objava št. {publication.id}: {len(publication.entries())} odgovorov.")
            return 0
        if args.command == "export":
            publication = store.publication()
            stamp = datetime.now().astimezone().isoformat(timespec="seconds")
            text = write_bulk(publication.entries(), f"Objava št. {publication.id}, izvoženo {stamp}.")
            if args.file:
                args.file.write_text(text, encoding="utf-8")
            else:
                sys.stdout.write(text)
            return 0
        publication = store.publication()
        print(f"Objava št. {publication.id}: {len(publication.entries())} odgovorov.")
        for entry_id, revision in sorted(store.drafts().items()):
            state = "umik" if revision.withdrawn else "osnutek"
            print(f"  {state}: {entry_id} ({revision.author})")
        return 0
    except (BulkFileError, NotAllowed, SettingsError) as error:
        print(error, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
