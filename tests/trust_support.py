"""Helpers for the trust tests: a database to start on, reading the capture screen."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from conftest import small_meeting
from terminal_driver import TmuxTerminal

from spiegel_tui.storage import Draft, MeetingStore


def new_database(path: Path, remarks: int = 0) -> int:
    """A database at ``path`` with one meeting; returns the meeting's id."""
    store = MeetingStore.open(path)
    try:
        return store.add_meeting(small_meeting(remarks))
    finally:
        store.close()


def open_capture(path: Path, meeting_id: int, **kwargs: object) -> TmuxTerminal:
    """The installed ``spiegel`` on the capture screen of ``meeting_id``, in tmux."""
    terminal = TmuxTerminal(
        ["--db", str(path), "open", str(meeting_id)],
        **{"width": 80, "height": 24, **kwargs},  # type: ignore[arg-type]
    )
    try:
        terminal.wait_for("Spreker", timeout=20)
    except BaseException:
        terminal.close()
        raise
    return terminal


def stored_texts(path: Path, meeting_id: int) -> list[str]:
    """The meeting's remarks in order, read on a connection of its own."""
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(
            "SELECT text FROM remarks WHERE meeting_id = ? ORDER BY seq", [meeting_id]
        )
        return [row[0] for row in rows]
    finally:
        conn.close()


def stored_draft(path: Path, meeting_id: int) -> Draft | None:
    store = MeetingStore.open(path)
    try:
        return store.load_draft(meeting_id)
    finally:
        store.close()


def integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return "; ".join(row[0] for row in conn.execute("PRAGMA integrity_check"))
    finally:
        conn.close()


def context_row(screen: str) -> int:
    """The index of the context bar ("Spreker ... Org ..."): the input line follows it."""
    lines = screen.splitlines()
    for index in range(len(lines) - 1, -1, -1):
        if lines[index].lstrip().startswith("Spreker") and "Org" in lines[index]:
            return index
    raise AssertionError(f"no context bar on the screen:\n{screen}")


def input_line(screen: str) -> str:
    """What the capture input shows (the placeholder when empty), without a
    notification that may lie over its right end."""
    return screen.splitlines()[context_row(screen) + 1].split("▌")[0].strip()


def timeline_text(screen: str) -> str:
    """The screen above the who-was-heard panel: header, question bar, timeline."""
    lines = screen.splitlines()
    end = context_row(screen)
    for index in range(end, -1, -1):
        if lines[index].lstrip().startswith("Gehoord"):
            end = index
            break
    return "\n".join(lines[:end])


def file_digests(*paths: Path) -> dict[str, str]:
    import hashlib

    return {
        str(p): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "-" for p in paths
    }
