"""The Textual application: routes between screens, owns the store."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable
from types import FrameType

from rich.text import Text
from textual import events
from textual.app import App, SystemCommand
from textual.screen import Screen

from spiegel_tui import __version__
from spiegel_tui.settings import Settings
from spiegel_tui.storage import MeetingStore
from spiegel_tui.ui.startup_gc import StartupGC
from spiegel_tui.ui.styles import app_stylesheets

Clock = Callable[[], dt.datetime]
#: After a hangup the terminal is gone and Textual's clean exit can hang for good
#: (seen here: its writer thread deadlocks when the terminal vanishes); every remark
#: and the draft are committed by then, so leave anyway after this long.
HANGUP_EXIT_DEADLINE_S = 2.0
#: On a hangup the backup is made only if it is done this quickly (it is abandoned
#: otherwise; the last one stays), well within the exit deadline.
HANGUP_BACKUP_S = 1.0


#: The signals that mean "the terminal or session is going away", by name: SIGHUP
#: does not exist on Windows, SIGBREAK (ctrl+break) only there.
HANGUP_SIGNAL_NAMES = ("SIGHUP", "SIGTERM", "SIGBREAK")


def hangup_signals() -> list[int]:
    """The hang-up signals this platform has (getattr: no AttributeError on Windows)."""
    found = (getattr(signal, name, None) for name in HANGUP_SIGNAL_NAMES)
    return [signum for signum in found if signum is not None]


def local_now() -> dt.datetime:
    return dt.datetime.now().astimezone()


class SpiegelApp(App[None]):
    """Spiegel. Built and run by :mod:`spiegel_tui.ui.factory` from a store or a path.

    ``clock`` gives "now" to every screen (remark times, the header clock), so tests
    and snapshots can freeze it. ``handle_signals``: save drafts and exit on SIGHUP
    and SIGTERM; by default only when running in a real terminal, not under
    ``run_test``.
    """

    TITLE = "Spiegel"
    SUB_TITLE = f"notuleren bij spiegelbijeenkomsten · {__version__}"
    CSS_PATH = app_stylesheets()

    def __init__(
        self,
        store: MeetingStore,
        *,
        meeting_id: int | None = None,
        clock: Clock | None = None,
        handle_signals: bool | None = None,
        settings: Settings | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.start_meeting_id = meeting_id
        self.clock: Clock = clock or local_now
        self.handle_signals = handle_signals
        self._hung_up = False
        #: How a hangup ends the process if the clean exit stalls (tests replace it).
        self.hangup_exit: Callable[[int], object] = os._exit
        from spiegel_tui.storage.maintenance import ClosingBackups

        #: A backup each time a meeting is closed (if anything was written).
        self.backups = ClosingBackups(store)
        #: Why the last backup failed, for the command line to repeat after exit.
        self.backup_error: str | None = None
        #: Where the capture screen kept the meeting when the database or the meeting
        #: was gone (see ``rescue.py``), for the command line to repeat after exit.
        self.rescue_notice: str | None = None
        #: The report of an unexpected error, printed when the terminal is back.
        self.crash_report: Text | None = None
        self._gc = StartupGC()
        #: The note-taker's settings (theme); None: nothing kept between sessions.
        self.settings = settings

    def on_mount(self) -> None:
        self._gc.pause()
        self.call_after_refresh(self._gc.started)
        if self.handle_signals or (self.handle_signals is None and not self.is_headless):
            self.install_signal_handlers()
        self._fit_theme_to_terminal()
        self._apply_settings()
        if self.start_meeting_id is not None:
            # Straight to the meeting; the list is built when it is asked for
            # (that saves 150 ms of start-up: see benchmarks/bench_capture.py).
            self.open_meeting(self.start_meeting_id)
        else:
            self.show_meetings()

    def on_unmount(self) -> None:
        self._gc.stopped()

    async def on_event(self, event: events.Event) -> None:
        # A screen that applies keys and pastes in arrival order (the capture screen:
        # see CaptureScreen.apply_in_order) gets each one here, as it is taken from
        # the app's queue, instead of Textual's split between bindings run now and
        # keys queued for the focused widget.
        if isinstance(event, events.Key | events.Paste) and not event.is_forwarded:
            apply = getattr(self.screen, "apply_in_order", None) if self._screen_stack else None
            if apply is not None:
                self.app_focus = True
                await apply(event)
                return
        await super().on_event(event)

    def _fit_theme_to_terminal(self) -> None:
        """16 colours (TERM=xterm or screen, common over SSH): the terminal's own palette.

        Textual's default theme squeezed into 16 colours made positive, wish and note
        the same grey in the timeline; ``ansi-dark`` keeps them green, blue and plain.
        A theme chosen with TEXTUAL_THEME is left alone.
        """
        if os.environ.get("TEXTUAL_THEME") or self.is_headless:
            return  # headless (tests, snapshots): the same theme whatever TERM says
        if self.console.color_system in ("standard", "windows"):
            self.theme = "ansi-dark"

    def _apply_settings(self) -> None:
        """The theme chosen last time (unless TEXTUAL_THEME says otherwise); from now
        on every theme the note-taker picks is remembered."""
        settings = self.settings
        if settings is None:
            return
        if settings.problem:
            self.notify(settings.problem, title="Instellingen", severity="warning", timeout=10)
        chosen = settings.theme
        if chosen in self.available_themes and not os.environ.get("TEXTUAL_THEME"):
            self.theme = chosen
        self.theme_changed_signal.subscribe(self, self._remember_theme)

    def _remember_theme(self, theme: object) -> None:
        settings = self.settings
        if settings is None or settings.theme == self.theme:
            return
        settings.theme = self.theme
        problem = settings.save()
        if problem:
            self.notify(problem, title="Thema niet bewaard", severity="warning", timeout=10)

    def show_meetings(self) -> None:
        from spiegel_tui.ui.screens.picker import PickerScreen

        self.push_screen(PickerScreen())

    # Navigation used by every screen.

    def open_meeting(self, meeting_id: int) -> None:
        from spiegel_tui.ui.screens.capture import CaptureScreen

        self.push_screen(CaptureScreen(meeting_id))

    def new_meeting(self) -> None:
        from spiegel_tui.ui.screens.setup import SetupScreen

        self.push_screen(SetupScreen(None))

    def edit_setup(self, meeting_id: int) -> None:
        from spiegel_tui.ui.screens.setup import SetupScreen

        self.push_screen(SetupScreen(meeting_id))

    def leave_meeting(self) -> None:
        """From the capture screen back to the list of meetings."""
        from spiegel_tui.ui.screens.picker import PickerScreen

        if any(isinstance(screen, PickerScreen) for screen in self.screen_stack):
            self.pop_screen()
        else:
            self.switch_screen(PickerScreen())

    def open_wrapup(self, meeting_id: int) -> None:
        from spiegel_tui.ui.screens.wrapup import WrapUpScreen

        self.push_screen(WrapUpScreen(meeting_id))

    def open_debrief(self, meeting_id: int) -> None:
        from spiegel_tui.ui.screens.debrief import DebriefScreen

        self.push_screen(DebriefScreen(meeting_id))

    def open_register(self) -> None:
        from spiegel_tui.ui.screens.register import RegisterScreen

        self.push_screen(RegisterScreen())

    # Never lose a note.

    def flush_drafts(self) -> None:
        """Write every open screen's unsaved draft, synchronously."""
        for screen in self.screen_stack:
            flush = getattr(screen, "flush_draft", None)
            if flush is not None:
                flush()

    async def action_quit(self) -> None:
        self.flush_drafts()
        self.exit()

    def meeting_closed(self) -> None:
        """The capture screen was left (or the app is closing): back up the database."""
        from spiegel_tui.errors import SpiegelError

        try:
            # A replaced or deleted file: nothing of ours to copy.
            self.store.check_file()
        except SpiegelError:
            return
        try:
            self.backups.make()
        except SpiegelError as error:
            self.backup_error = f"Geen reservekopie gemaakt: {error}"
            self.notify(self.backup_error, severity="warning", timeout=10)
        else:
            self.backup_error = None

    def install_signal_handlers(self) -> None:
        """SIGHUP (SSH dropped, terminal closed) and SIGTERM: save, then exit.

        Textual handles neither (textual#5140): without this the process dies with
        the draft unsaved. The handler runs between two bytecodes of the main thread,
        so a store call in progress finishes first; the exit itself is scheduled on
        the event loop.
        """
        for signum in hangup_signals():
            # Only from the main thread; a platform may still refuse one.
            with contextlib.suppress(ValueError, OSError):
                signal.signal(signum, self._on_hangup)

    def _on_hangup(self, signum: int, frame: FrameType | None) -> None:
        if self._hung_up:
            return
        self._hung_up = True
        # The watchdog first: whatever happens next, the process does not linger
        # without a terminal.
        watchdog = threading.Timer(HANGUP_EXIT_DEADLINE_S, self._exit_if_stuck, [signum])
        watchdog.daemon = True
        watchdog.start()
        try:
            self.flush_drafts()
            # Only if quick: the last good backup stays if this one is abandoned.
            with contextlib.suppress(Exception):
                self.backups.make(deadline=time.monotonic() + HANGUP_BACKUP_S)
        finally:
            loop = self._loop
            if loop is not None and not loop.is_closed():
                loop.call_soon_threadsafe(self.exit)
            else:
                self.hangup_exit(128 + signum)

    def _exit_if_stuck(self, signum: int) -> None:
        # Still here after the deadline: the clean exit is stuck.
        self.hangup_exit(128 + signum)

    # An unexpected error: no note text in the report.

    def _fatal_error(self) -> None:
        """Save the drafts, then report without locals or messages (see ``crash``).

        Replaces Textual's report, which prints every frame's local variables.
        """
        from spiegel_tui.ui.crash import crash_report

        try:
            self.flush_drafts()
            saved = True
        except Exception:
            saved = False
        exc_type, exc, tb = sys.exc_info()
        if exc is None and self._exception is not None:
            exc, exc_type, tb = self._exception, type(self._exception), None
        self.bell()
        # Printed by the command once run() has returned and the terminal is
        # restored: among Textual's exit renderables its first lines could land on
        # the alternate screen that is about to be discarded (seen under load).
        self.crash_report = crash_report(exc_type, exc, tb, draft_saved=saved)
        self._close_messages_no_wait()

    # The palette: Dutch, and no screenshot (it would put meeting notes in a file).

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield SystemCommand("Thema wisselen", "Licht of donker", self.action_toggle_theme)
        yield SystemCommand("Thema kiezen", "Alle kleurenschema's", self.action_change_theme)
        yield SystemCommand("Toetsen tonen", "Paneel met de toetsen van dit scherm", self._keys)
        yield SystemCommand("Spiegel afsluiten", "Concepten blijven bewaard", self.action_quit)

    def action_command_palette(self) -> None:
        """Textual's palette, asking in Dutch."""
        from textual.command import CommandPalette

        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            self.push_screen(
                CommandPalette(placeholder="Zoek een opdracht…", id="--command-palette")
            )

    def _keys(self) -> None:
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    def action_toggle_theme(self) -> None:
        """Between the light and dark variant of the current theme family."""
        pairs = {
            "textual-dark": "textual-light",
            "ansi-dark": "ansi-light",
            "solarized-dark": "solarized-light",
            "catppuccin-mocha": "catppuccin-latte",
        }
        pairs |= {light: dark for dark, light in pairs.items()}
        self.theme = pairs.get(
            self.theme, "textual-light" if self.current_theme.dark else "textual-dark"
        )
