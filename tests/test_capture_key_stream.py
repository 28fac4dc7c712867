"""Generated key streams at Pilot level: many more examples than a real terminal allows.

The same steps and the same plain model as the real-terminal test
(``test_trust_key_stream.py``, which also covers what only a terminal shows: the
input parser, pastes holding the end marker, resizes, stop/continue). Here each
step's key events are posted to the app directly, one by one or gathered into
bursts that the app receives before it handles the first; after each example the
database must equal the model. ``SPIEGEL_HYPOTHESIS_PILOT_EXAMPLES`` sets the budget
(default 25).
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from pathlib import Path

from capture_support import SIZE, capture_app
from helpers import small_meeting
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from key_stream_model import (
    CHORDS,
    LINE_KEYS,
    ORGS,
    PASTE_END,
    PASTES,
    TEXT,
    TIMELINE_KEYS,
    TOKENS,
    Model,
    Row,
    Step,
    keys_of,
)
from textual import events
from textual.keys import _character_to_key
from trust_figures import record

from spiegel_tui.storage import MeetingStore

EXAMPLES = int(os.environ.get("SPIEGEL_HYPOTHESIS_PILOT_EXAMPLES", "25"))
STEPS = int(os.environ.get("SPIEGEL_HYPOTHESIS_STEPS", "20"))

#: tmux key names as Textual's parser reports them.
NAMED = {
    "Enter": ("enter", "\r"),
    "Escape": ("escape", "\x1b"),
    "Tab": ("tab", "\t"),
    "BTab": ("shift+tab", None),
    "BSpace": ("backspace", "\x7f"),
    "DC": ("delete", None),
    "Up": ("up", None),
    "Down": ("down", None),
}


def key_events(step: Step) -> list[events.Event]:
    if step.kind == "paste":
        # What the terminal input guard makes of a paste holding the end marker.
        return [events.Paste(part) for part in step.value.split(PASTE_END)]
    out: list[events.Event] = []
    for key in keys_of(step):
        if key in NAMED:
            out.append(events.Key(*NAMED[key]))
        elif key.startswith("C-"):
            letter = key[2:]
            out.append(events.Key(f"ctrl+{letter}", chr(ord(letter) - 96)))
        else:
            out.append(events.Key(_character_to_key(key), key))
    return out


def draw_step(data: st.DataObject, model: Model) -> Step:
    choices = ["text", "chord", "paste"]
    if model.can_type_token():
        choices.append("token")
    choices += ["timeline_key"] if model.on_timeline else ["enter", "line_key"]
    kind = data.draw(st.sampled_from(choices))
    if kind == "text":
        return Step("text", data.draw(TEXT))
    if kind == "token":
        return Step("token", data.draw(TOKENS))
    if kind == "enter":
        return Step("enter")
    if kind == "chord":
        name, char = data.draw(CHORDS)
        return Step("chord", name, "x" if (name, char) == ("C-n", "n") else char)
    if kind == "paste":
        return Step("paste", data.draw(PASTES))
    return Step("key", data.draw(TIMELINE_KEYS if model.on_timeline else LINE_KEYS))


def stored_rows(store: MeetingStore, meeting_id: int) -> list[Row]:
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
        for r in store.load_remarks(meeting_id)
    ]


async def run_example(data: st.DataObject, path: Path) -> None:
    store = MeetingStore.open(path)
    try:
        meeting_id = store.add_meeting(small_meeting(0))
        app = capture_app(store, meeting_id)
        model = Model()
        async with app.run_test(size=SIZE) as pilot:
            pending: list[events.Event] = []
            steps = 0

            async def flush() -> None:
                for event in pending:
                    app.post_message(event)
                pending.clear()
                await pilot.pause()

            for _ in range(data.draw(st.integers(1, STEPS), label="steps")):
                step = draw_step(data, model)
                model.apply(step)
                pending.extend(key_events(step))
                steps += 1
                if data.draw(st.booleans(), label="send now"):
                    await flush()
            await flush()
            await pilot.pause()
            got = stored_rows(store, meeting_id)
            assert got == model.rows, f"\nstored: {got}\nmodel:  {model.rows}"
    finally:
        store.close()
    # Per example (a file each, so it adds up across xdist workers).
    record(key_stream_pilot_examples=1, key_stream_pilot_steps=steps)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    print_blob=True,
)
@given(data=st.data())
def test_generated_key_streams_pilot(data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory(prefix="spiegel-keys-") as folder:
        asyncio.run(run_example(data, Path(folder) / "keys.db"))
