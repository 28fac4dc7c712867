"""Every path the export dialog accepts is checked first (issue 10 class 5).

Before: the live database given as the file, "vervangen?" answered yes, and the
meeting database became a Word file; a 256-character name ended the app with a
traceback. Now the dialog says what is wrong, in Dutch, and stays open; nothing is
written and the app keeps running.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest
from test_wrapup import add_seed, notes, wait_for_export, wrapup
from textual.widgets import Input, Static

from spiegel_tui.storage import MeetingStore
from spiegel_tui.ui.screens.dialogs import ConfirmDialog
from spiegel_tui.ui.screens.export_dialog import ExportDialog
from spiegel_tui.ui.screens.wrapup import WrapUpScreen


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


async def try_path(app, pilot, text: str) -> str:
    """Open the dialog, type ``text`` as the file, export; the dialog's error line."""
    await pilot.press("ctrl+r")
    dialog = app.screen
    assert isinstance(dialog, ExportDialog)
    dialog.query_one("#export-path", Input).value = text
    await pilot.press("ctrl+s")
    await wait_for_export(app, pilot)
    if isinstance(app.screen, ExportDialog):
        return str(app.screen.query_one("#export-error", Static).render())
    return ""


def other_database(folder: Path) -> Path:
    path = folder / "agenda.db"
    connection = sqlite3.connect(path)
    connection.execute("create table t(x)")
    connection.commit()
    connection.close()
    return path


@pytest.mark.parametrize("which", ["own", "own-wal", "other", "other-named-docx"])
async def test_the_dialog_never_writes_over_a_database(
    store: MeetingStore, db_path: Path, tmp_path: Path, monkeypatch, which: str
) -> None:
    monkeypatch.chdir(tmp_path)
    meeting_id, _ = add_seed(store)
    if which == "own":
        target = db_path
    elif which == "own-wal":
        target = db_path.with_name(db_path.name + "-wal")
    elif which == "other":
        target = other_database(tmp_path)
    else:
        target = other_database(tmp_path).rename(tmp_path / "verslag.docx")
    assert target.exists()
    before = digest(target)
    async with wrapup(store, meeting_id) as (app, pilot):
        error = await try_path(app, pilot, str(target))
        assert "database" in error
        # No "vervangen?" question: the dialog refused before it.
        assert not isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")
        assert isinstance(app.screen, WrapUpScreen)
        assert digest(target) == before or which.startswith("own")
    # The meeting database is still a database with the meeting in it.
    assert store.load_meeting(meeting_id).topic
    with open(db_path, "rb") as handle:
        assert handle.read(16) == b"SQLite format 3\0"


@pytest.mark.parametrize(
    ("name", "expect"),
    [
        ("a" * 256 + ".docx", "te lang"),
        ("a" * 5000, "te lang"),
        ("/dev/null", "geen gewoon bestand"),
        ("FIFO", "geen gewoon bestand"),
    ],
)
async def test_odd_paths_are_refused_in_the_dialog_without_a_traceback(
    store: MeetingStore, tmp_path: Path, monkeypatch, name: str, expect: str
) -> None:
    monkeypatch.chdir(tmp_path)
    if name == "FIFO":
        os.mkfifo(tmp_path / "pijp")
        name = str(tmp_path / "pijp")
    meeting_id, _ = add_seed(store)
    async with wrapup(store, meeting_id) as (app, pilot):
        error = await try_path(app, pilot, name)
        assert expect in error
        assert app.return_code is None  # still running
        await pilot.press("escape")
        assert isinstance(app.screen, WrapUpScreen)
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".docx"] == []


async def test_a_path_through_a_file_or_a_missing_folder_gives_a_message(
    store: MeetingStore, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "gewoon.txt").write_text("x")
    meeting_id, _ = add_seed(store)
    async with wrapup(store, meeting_id) as (app, pilot):
        error = await try_path(app, pilot, str(tmp_path / "gewoon.txt" / "uit.docx"))
        assert "geen map" in error
        await pilot.press("escape")
        # A missing folder: the export itself reports it (as before).
        await try_path(app, pilot, str(tmp_path / "nergens" / "uit.docx"))
        assert isinstance(app.screen, WrapUpScreen)
        assert any("bestaat niet" in n for n in notes(app))
