"""The garbage collector paused while the app starts, then told to leave alone what
start-up built.

Opening a meeting creates tens of thousands of long-lived objects (remarks, the
Textual DOM, styles). Python's cyclic collector walked all of them in the middle of
the first paint (20 ms with 2,000 remarks) and again every so often while typing.
Nothing built at start-up is garbage worth looking for, so collection waits until the
first screen is up, and ``gc.freeze`` then moves what exists into a generation the
collector skips. When the app ends, ``gc.unfreeze`` hands it all back, so a process
that runs several apps (the tests) frees each one.
"""

from __future__ import annotations

import gc


class StartupGC:
    def __init__(self) -> None:
        self._paused = False
        self._frozen = False

    def pause(self) -> None:
        """From the start of the app until :meth:`started`."""
        if gc.isenabled():
            gc.disable()
            self._paused = True

    def started(self) -> None:
        """The first screen is up: freeze what exists, collect again from here."""
        if self._paused:
            gc.freeze()
            self._frozen = True
            gc.enable()
            self._paused = False

    def stopped(self) -> None:
        """The app has ended (or never got going): everything back to normal."""
        if self._paused:
            gc.enable()
            self._paused = False
        if self._frozen:
            gc.unfreeze()
            self._frozen = False
