"""The Textual application: routes between screens, owns the store."""

from __future__ import annotations

from pathlib import Path

from textual.app import App

from . import __version__
from .storage import MeetingStore
from .styles import stylesheets


class SpiegelApp(App[None]):
    """Spiegel. Built by :func:`create_app` from a database path, or from a store."""

    TITLE = "Spiegel"
    SUB_TITLE = f"notuleren bij spiegelbijeenkomsten · {__version__}"
    CSS_PATH = [str(p) for p in stylesheets()]  # noqa: RUF012 - Textual reads a list

    def __init__(self, store: MeetingStore, *, meeting_id: int | None = None) -> None:
        super().__init__()
        self.store = store
        self.start_meeting_id = meeting_id

    def on_mount(self) -> None:
        from .screens.picker import PickerScreen

        self.push_screen(PickerScreen())
        if self.start_meeting_id is not None:
            self.open_meeting(self.start_meeting_id)

    # Navigation used by every screen.

    def open_meeting(self, meeting_id: int) -> None:
        from .screens.capture import CaptureScreen

        self.push_screen(CaptureScreen(meeting_id))

    def new_meeting(self) -> None:
        from .screens.setup import SetupScreen

        self.push_screen(SetupScreen(None))

    def edit_setup(self, meeting_id: int) -> None:
        from .screens.setup import SetupScreen

        self.push_screen(SetupScreen(meeting_id))


def create_app(db_path: Path | str, *, meeting_id: int | None = None) -> SpiegelApp:
    """The app on the database at ``db_path`` (``":memory:"`` for tests)."""
    store = MeetingStore.open(db_path, create_folder=True)
    return SpiegelApp(store, meeting_id=meeting_id)
