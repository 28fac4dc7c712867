"""``spiegel demo``: the app on a sample meeting, in a throw-away database."""

from __future__ import annotations

import tempfile
from importlib.resources import files
from pathlib import Path

from .meetingfile import parse_meeting_bytes
from .storage import MeetingStore


def demo_meeting_bytes() -> bytes:
    return files("spiegel_tui").joinpath("data/demo-meeting.json").read_bytes()


def open_demo_store(folder: Path) -> tuple[MeetingStore, int]:
    """A fresh database in ``folder`` holding the demo meeting."""
    store = MeetingStore.open(folder / "demo.db")
    meeting_id = store.add_meeting(parse_meeting_bytes(demo_meeting_bytes(), "demo").meeting)
    return store, meeting_id


def run_demo() -> int:
    from .app import SpiegelApp
    from .settings import load_settings
    from .storage.database import INTERACTIVE_WRITE_PATIENCE_S
    from .terminal_input import install_terminal_input_fixes

    install_terminal_input_fixes()
    with tempfile.TemporaryDirectory(prefix="spiegel-demo-") as folder:
        store, meeting_id = open_demo_store(Path(folder))
        store.write_patience = INTERACTIVE_WRITE_PATIENCE_S
        app = SpiegelApp(store, meeting_id=meeting_id, settings=load_settings())
        try:
            app.run()
        finally:
            store.close()
    from .cli import print_crash_report

    print_crash_report(app)
    print("Demo afgesloten; de voorbeelddatabase is weggegooid.")
    return app.return_code or 0
