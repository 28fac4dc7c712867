"""Generated key streams, typed into the installed ``spiegel`` in a real terminal.

Hypothesis draws what a note-taker does: text, Enter, tokens (``@2 #vt + ! ? . * %
\\``), ctrl chords (ctrl+n 1, ctrl+o 2, ctrl+t p), toggles (ctrl+k, ctrl+l), the
timeline (up into it, toggles and deletes there, Esc back), undo (ctrl+z), pastes
(also pastes holding the paste-end marker followed by keys), resizes and a plain
SIGSTOP ... SIGCONT with keys typed while stopped. Keys are sent one by one or
gathered into bursts (one ``tmux send-keys``: one write to the terminal, as an SSH
packet), in an order and size Hypothesis chooses. After each example the database
must hold exactly what the plain model in ``key_stream_model.py`` says was typed:
every remark's text, speaker, organisations, kind, star, privacy and deletion.

Budget: ``SPIEGEL_HYPOTHESIS_EXAMPLES`` examples (default 8 here, for CI) of up to
``SPIEGEL_HYPOTHESIS_STEPS`` steps (default 20), with ``SPIEGEL_HYPOTHESIS_LOAD`` busy
processes (default 1) keeping the machine busy. ``benchmarks/key_stream_long.py`` runs
a long budget. The number of examples and steps goes to the run's trust figures.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import tempfile
import time
from pathlib import Path

import pytest
from helpers import require_tool
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)
from key_stream_model import (
    CHORDS,
    LINE_KEYS,
    ORGS,
    PASTES,
    TEXT,
    TIMELINE_KEYS,
    TOKENS,
    Model,
    Row,
    Step,
    keys_of,
)
from load_support import busy_cores
from terminal_driver import TmuxTerminal
from trust_figures import record
from trust_support import new_database, open_capture

from spiegel_tui.storage import MeetingStore

EXAMPLES = int(os.environ.get("SPIEGEL_HYPOTHESIS_EXAMPLES", "8"))
STEPS = int(os.environ.get("SPIEGEL_HYPOTHESIS_STEPS", "20"))
LOAD = int(os.environ.get("SPIEGEL_HYPOTHESIS_LOAD", "1"))
SENTINEL = "zzslot"
SIZES = [(80, 24), (60, 18), (120, 40), (45, 14), (100, 30), (70, 50)]

_figures = {"examples": 0, "steps": 0, "bursts": 0, "resizes": 0, "stops": 0, "pastes": 0}


def stored_rows(path: Path, meeting_id: int) -> list[Row]:
    store = MeetingStore.open(path)
    try:
        remarks = store.load_remarks(meeting_id)
    finally:
        store.close()
    return [
        Row(
            r.text,
            r.participant,
            tuple(k for k in ORGS if k in r.organisations),
            r.kind,
            r.starred,
            r.private,
            r.deleted,
        )
        for r in remarks
    ]


class TerminalKeyStream(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.model = Model()
        self.pending: list[str] = []
        self.stopped = False
        self.one_by_one = False
        self.folder = Path(tempfile.mkdtemp(prefix="spiegel-keys-"))
        self.path = self.folder / "keys.db"
        self.meeting_id = new_database(self.path)
        self.terminal: TmuxTerminal = open_capture(self.path, self.meeting_id)
        _figures["examples"] += 1

    # Sending -------------------------------------------------------------------

    @initialize(one_by_one=st.booleans())
    def delivery(self, one_by_one: bool) -> None:
        """Every key on its own, or gathered into bursts of any size."""
        self.one_by_one = one_by_one

    def do(self, step: Step) -> None:
        if self.stopped and step.value == "Escape":
            # Read later together with the next key, ESC and that key are alt+key in
            # every terminal protocol: nobody can type a lone Escape into a stopped app.
            return
        self.model.apply(step)
        self.pending.extend(keys_of(step))
        _figures["steps"] += 1
        if self.one_by_one:
            for key in self.pending:
                self.terminal.press(key)
            self.pending.clear()
        if self.pending[-1:] == ["Escape"] or (self.one_by_one and step.value == "Escape"):
            # ESC and the key right after it is alt+key in every terminal protocol: a
            # real Escape is followed by a pause.
            self.flush()
            time.sleep(0.2)  # Textual: ESC, then nothing for a 0.1 s read

    @rule()
    def flush(self) -> None:
        """Send what was gathered as one write: a burst (or a single key)."""
        if self.pending:
            self.terminal.press(*self.pending)
            self.pending.clear()
            _figures["bursts"] += 1

    # What the note-taker does --------------------------------------------------------

    @rule(text=TEXT)
    def type_text(self, text: str) -> None:
        self.do(Step("text", text))

    @precondition(lambda self: self.model.can_type_token())
    @rule(token=TOKENS)
    def type_token(self, token: str) -> None:
        self.do(Step("token", token))

    @precondition(lambda self: not self.model.on_timeline)
    @rule()
    def enter(self) -> None:
        self.do(Step("enter"))

    @rule(chord=CHORDS)
    def chord(self, chord: tuple[str, str]) -> None:
        name, char = chord
        if name == "C-n" and char == "n":
            char = "x"  # ctrl+n n: the next present speaker; not in the model
        self.do(Step("chord", name, char))

    @precondition(lambda self: not self.model.on_timeline)
    @rule(key=LINE_KEYS)
    def line_key(self, key: str) -> None:
        self.do(Step("key", key))

    @precondition(lambda self: self.model.on_timeline)
    @rule(key=TIMELINE_KEYS)
    def timeline_key(self, key: str) -> None:
        self.do(Step("key", key))

    # Not while stopped: keys typed between two pastes that then arrive in one read
    # count as pasted (terminal_input.PasteEndHold; unit-tested there), which this
    # model leaves out.
    @precondition(lambda self: not self.stopped)
    @rule(text=PASTES)
    def paste(self, text: str) -> None:
        self.flush()
        self.model.apply(Step("paste", text))
        source = self.folder / "clipboard.bin"
        source.write_bytes(text.encode())
        self.terminal._tmux("load-buffer", "-b", "plak", str(source))
        self.terminal._tmux("paste-buffer", "-p", "-r", "-d", "-b", "plak", "-t", "t")
        # A person does not type and paste again within a tenth of a second; keys
        # that fast after a paste's end are read as part of it (terminal_input).
        time.sleep(0.25)
        _figures["pastes"] += 1

    @rule(size=st.sampled_from(SIZES))
    def resize(self, size: tuple[int, int]) -> None:
        self.flush()
        width, height = size
        self.terminal._tmux("resize-window", "-t", "t", "-x", str(width), "-y", str(height))
        _figures["resizes"] += 1

    @precondition(lambda self: not self.stopped)
    @rule()
    def stop(self) -> None:
        self.flush()
        self.terminal.kill(signal.SIGSTOP)
        self.stopped = True
        _figures["stops"] += 1

    @precondition(lambda self: self.stopped)
    @rule()
    def cont(self) -> None:
        self.flush()
        self.terminal.kill(signal.SIGCONT)
        self.stopped = False
        time.sleep(0.2)  # see paste(): what was typed while stopped is read first

    @invariant()
    def running(self) -> None:
        assert self.terminal.alive() or self.stopped

    # The check -----------------------------------------------------------------------

    def teardown(self) -> None:
        try:
            self.flush()
            if self.stopped:
                self.cont()
            # End with a remark of known text: once it is stored, all before it is.
            if self.model.on_timeline:
                self.do(Step("key", "Escape"))
            self.do(Step("text", SENTINEL))
            self.do(Step("enter"))
            self.flush()
            want = self.model.rows
            deadline = time.monotonic() + 30
            got = stored_rows(self.path, self.meeting_id)
            while not (got and got[-1].text.endswith(SENTINEL)) and time.monotonic() < deadline:
                time.sleep(0.1)
                got = stored_rows(self.path, self.meeting_id)
            assert self.terminal.alive(), self.terminal.screen()
            assert got == want, f"\nstored: {got}\nmodel:  {want}"
        finally:
            self.terminal.close()
            shutil.rmtree(self.folder, ignore_errors=True)


TerminalKeyStream.TestCase.settings = settings(
    max_examples=EXAMPLES,
    stateful_step_count=STEPS,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    print_blob=True,
)


@pytest.mark.slow
def test_generated_key_streams_in_a_real_terminal() -> None:
    require_tool("tmux")
    before = dict(_figures)
    with busy_cores(LOAD) if LOAD else contextlib.nullcontext():
        TerminalKeyStream.TestCase("runTest").runTest()
    ran = {k: _figures[k] - before[k] for k in _figures}
    print(f"\ngenerated key streams (real terminal): {ran}")
    record(
        key_stream_examples=ran["examples"],
        key_stream_steps=ran["steps"],
        key_stream_bursts=ran["bursts"],
        key_stream_resizes=ran["resizes"],
        key_stream_stops=ran["stops"],
        key_stream_pastes=ran["pastes"],
    )
    assert ran["examples"] >= 1
