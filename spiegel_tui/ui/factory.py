"""The one way the app is built and run: by ``spiegel``, ``spiegel open``, ``spiegel
new --open``, ``spiegel demo`` and the tests that start the real program.

:func:`build_app` sets what every real run needs (the write patience of a UI thread,
the note-taker's settings); :func:`run_app` installs the terminal input fixes, runs
the app, closes the store and prints the crash report and notices on the restored
terminal.
"""

from __future__ import annotations

import sys
from pathlib import Path

from spiegel_tui.storage import MeetingStore
from spiegel_tui.ui.app import Clock, SpiegelApp


def build_app(
    store: MeetingStore,
    *,
    meeting_id: int | None = None,
    clock: Clock | None = None,
) -> SpiegelApp:
    """The app on an open ``store``, as the note-taker runs it."""
    from spiegel_tui.settings import load_settings
    from spiegel_tui.storage.database import INTERACTIVE_WRITE_PATIENCE_S

    # The app writes on its UI thread: a long lock is reported, not waited out.
    store.write_patience = INTERACTIVE_WRITE_PATIENCE_S
    return SpiegelApp(store, meeting_id=meeting_id, clock=clock, settings=load_settings())


def create_app(
    db_path: Path | str, *, meeting_id: int | None = None, clock: Clock | None = None
) -> SpiegelApp:
    """The app on the database at ``db_path`` (``":memory:"`` for tests), with the
    note-taker's settings from their configuration folder."""
    store = MeetingStore.open(db_path, create_folder=True)
    return build_app(store, meeting_id=meeting_id, clock=clock)


def run_app(app: SpiegelApp) -> int:
    """Run ``app`` in this terminal until it ends; the exit status for the command.

    The store is closed whatever happens; afterwards, on the restored terminal, the
    crash report (no note text) and any notice the app left for the note-taker.
    """
    from spiegel_tui.ui.terminal_input import install_terminal_input_fixes

    install_terminal_input_fixes()
    try:
        app.run()
    finally:
        app.store.close()
    print_crash_report(app)
    if app.backup_error:
        print(f"spiegel: let op: {app.backup_error}", file=sys.stderr)
    if app.rescue_notice:
        print(f"spiegel: let op: {app.rescue_notice}", file=sys.stderr)
    # 1 after an unexpected error (the app printed its report); 0 otherwise.
    return app.return_code or 0


def print_crash_report(app: SpiegelApp) -> None:
    """After an unexpected error: the report without note text, on the restored terminal."""
    if app.crash_report is not None:
        from rich.console import Console

        Console(stderr=True).print(app.crash_report)
