"""Generated reports under docs/ that keep the notes a person wrote below them."""

from __future__ import annotations

from pathlib import Path


def write_keeping_notes(path: Path, generated: str, notes_heading: str) -> None:
    """Write `generated` to `path`, followed by the section from `notes_heading` on, if the file had one."""
    existing = path.read_text(encoding="utf-8") if path.exists() else ""
    notes = existing[existing.index(notes_heading) :] if notes_heading in existing else ""
    path.parent.mkdir(exist_ok=True)
    path.write_text(generated + ("\n" + notes if notes else ""), encoding="utf-8")
