"""Helpers for the capture screen tests: a frozen clock and an app on a store."""

from __future__ import annotations

import datetime as dt

from helpers import TZ

from spiegel_tui.storage import MeetingStore
from spiegel_tui.ui.app import SpiegelApp
from spiegel_tui.ui.screens.capture import CaptureScreen

FROZEN = dt.datetime(2021, 10, 14, 20, 15, tzinfo=TZ)
SIZE = (80, 24)


class TickingClock:
    """Starts at 20:15 and moves a minute each time it is read for a remark."""

    def __init__(self, start: dt.datetime = FROZEN) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now

    def tick(self, minutes: int = 1) -> None:
        self.now += dt.timedelta(minutes=minutes)


def capture_app(store: MeetingStore, meeting_id: int, clock=None) -> SpiegelApp:
    return SpiegelApp(store, meeting_id=meeting_id, clock=clock or (lambda: FROZEN))


def capture_screen(app: SpiegelApp) -> CaptureScreen:
    screen = app.screen
    assert isinstance(screen, CaptureScreen), screen
    return screen
