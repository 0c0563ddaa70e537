"""A regenerated report keeps the notes written below it."""

from __future__ import annotations

from pathlib import Path

from tools.reports import write_keeping_notes


def test_notes_survive_a_new_report(tmp_path: Path) -> None:
    report = tmp_path / "docs" / "report.md"
    write_keeping_notes(report, "# Report\n\nfirst figures\n", "## Notes")
    report.write_text(report.read_text(encoding="utf-8") + "\n## Notes\n\nwhy the figures moved\n", encoding="utf-8")
    write_keeping_notes(report, "# Report\n\nnew figures\n", "## Notes")
    text = report.read_text(encoding="utf-8")
    assert text.startswith("# Report\n\nnew figures\n") and text.endswith("## Notes\n\nwhy the figures moved\n")
    assert "first figures" not in text


def test_write_section_replaces_only_its_own_section(tmp_path) -> None:
    from tools.reports import write_section

    path = tmp_path / "performance.md"
    path.write_text("# Performance\n\nbench\n\n## Notes\n\nby hand\n", encoding="utf-8")
    write_section(path, "## Staff", "## Staff\n\nfirst run\n")
    write_section(path, "## Staff", "## Staff\n\nsecond run\n")
    assert (
        path.read_text(encoding="utf-8") == "# Performance\n\nbench\n\n## Notes\n\nby hand\n\n## Staff\n\nsecond run\n"
    )
    path.write_text("# P\n\n## Staff\n\nold\n\n## After\n\nkept\n", encoding="utf-8")
    write_section(path, "## Staff", "## Staff\n\nnew\n")
    assert path.read_text(encoding="utf-8") == "# P\n\n## Staff\n\nnew\n\n## After\n\nkept\n"
