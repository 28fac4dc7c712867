"""Keys that arrive together are applied in the order they arrived.

Over SSH, or typed ahead while the app is busy, many keys reach the app in one read.
Textual runs priority bindings (the capture screen's ctrl chords, up, tab, escape) as
each key reaches the app, but hands the other keys to the focused widget's own queue,
so a chord typed after an Enter was applied before that Enter: "openbaar1 ⏎ ctrl+l
GEHEIM1 ⏎" stored the first remark as private and the second as public. Here every
case is delivered as one burst (all keys posted before the app handles the first);
the real-terminal version is in ``test_trust_key_order.py``.
"""

from __future__ import annotations

import pytest
from capture_support import SIZE, capture_app, capture_screen
from textual import events
from textual.keys import _character_to_key

from spiegel_tui.model import Kind

PASTE = object()


def key_event(key: str) -> events.Key:
    if len(key) == 1:
        return events.Key(_character_to_key(key), key)
    return events.Key(key, "\r" if key == "enter" else None)


def burst_events(*parts: object) -> list[events.Event]:
    """Text (one key per character), ``[key names]`` and ``(PASTE, text)`` as events."""
    out: list[events.Event] = []
    for part in parts:
        if isinstance(part, list):
            out.extend(key_event(key) for key in part)
        elif isinstance(part, tuple):
            out.append(events.Paste(part[1]))
        else:
            out.extend(key_event(char) for char in str(part))
    return out


async def burst(pilot, *parts: object) -> None:
    """Deliver all at once, as one read from the terminal does, then let it settle."""
    app = pilot.app
    for event in burst_events(*parts):
        app.post_message(event)
    await pilot.pause()
    await pilot.pause()


def stored(store, meeting_id):
    return store.load_remarks(meeting_id)[3:]  # small_meeting has three already


async def test_private_toggle_after_enter_applies_to_the_next_remark(store, meeting_id) -> None:
    app = capture_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await burst(pilot, "openbaar1", ["enter", "ctrl+l"], "GEHEIM1", ["enter"])
        remarks = stored(store, meeting_id)
        assert [(r.text, r.private) for r in remarks] == [("openbaar1", False), ("GEHEIM1", True)]


async def test_chords_after_enter_apply_to_the_next_remark(store, meeting_id) -> None:
    app = capture_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await burst(
            pilot,
            "een",
            ["enter", "ctrl+k", "ctrl+n"],
            "2",
            ["ctrl+o"],
            "3",
            ["ctrl+t"],
            "v",
            "twee",
            ["enter"],
            "drie",
            ["enter"],
        )
        een, twee, drie = stored(store, meeting_id)
        assert (een.text, een.starred, een.participant, een.kind) == ("een", False, None, Kind.NOTE)
        assert (twee.text, twee.starred, twee.participant) == ("twee", True, "p2")
        assert (twee.organisations, twee.kind) == (["jgb"], Kind.IMPROVEMENT)
        assert (drie.starred, drie.participant, drie.kind) == (False, "p2", Kind.NOTE)


async def test_editing_keys_apply_between_the_letters(store, meeting_id) -> None:
    app = capture_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await burst(pilot, "abc", ["backspace"], "d", ["left", "left"], "X", ["end", "enter"])
        assert [r.text for r in stored(store, meeting_id)] == ["aXbd"]


async def test_a_typed_token_and_a_chord_apply_in_order(store, meeting_id) -> None:
    app = capture_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        # "+ " (positive), then ctrl+t v (improvement): the chord came last and wins.
        await burst(pilot, "+ ", ["ctrl+t"], "v", "tekst", ["enter"])
        # ctrl+t w (wish), then "+ ": the typed sign came last and wins.
        await burst(pilot, ["ctrl+t"], "w", "+ ", "tekst2", ["enter"])
        kinds = [(r.text, r.kind) for r in stored(store, meeting_id)]
        assert kinds == [("tekst", Kind.IMPROVEMENT), ("tekst2", Kind.POSITIVE)]


async def test_up_after_enter_selects_the_remark_just_stored(store, meeting_id) -> None:
    app = capture_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        screen = capture_screen(app)
        await burst(pilot, "een", ["enter", "up"], "*%", ["escape"], "twee", ["enter"])
        een, twee = stored(store, meeting_id)
        assert (een.text, een.starred, een.private) == ("een", True, True)
        assert (twee.text, twee.starred, twee.private) == ("twee", False, False)
        assert screen.focused is screen.line


async def test_toggles_on_the_timeline_apply_one_by_one(store, meeting_id) -> None:
    app = capture_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await burst(pilot, "een", ["enter", "up"], "**%", ["ctrl+k", "escape"], "x", ["enter"])
        een, x = stored(store, meeting_id)
        # * twice is off again, then ctrl+k on: starred; % once: private.
        assert (een.starred, een.private) == (True, True)
        assert (x.text, x.starred) == ("x", False)


async def test_keys_after_up_and_tab_go_to_the_timeline_then_back(store, meeting_id) -> None:
    app = capture_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await burst(pilot, "een", ["enter", "tab", "up"], "*", ["tab"], "twee", ["enter"])
        remarks = store.load_remarks(meeting_id)
        # Up from the newest went to the one before it: the third of small_meeting.
        assert remarks[2].starred != small_starred(2)
        assert [r.text for r in remarks[3:]] == ["een", "twee"]
        assert not remarks[3].starred


def small_starred(index: int) -> bool:
    return index % 5 == 0


async def test_a_paste_lands_between_the_keys_around_it(store, meeting_id) -> None:
    app = capture_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await burst(pilot, "a", (PASTE, "XY\nZ"), "b", ["enter"], (PASTE, "los"), ["enter"])
        assert [r.text for r in stored(store, meeting_id)] == ["aXY Zb", "los"]


async def test_enter_in_the_filter_sends_the_next_keys_to_the_line(store, meeting_id) -> None:
    app = capture_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        screen = capture_screen(app)
        await burst(pilot, ["ctrl+f"], "@1", ["enter"], "na filter", ["enter"])
        assert [r.text for r in stored(store, meeting_id)] == ["na filter"]
        assert screen.filter_input.value == "@1"
        await burst(pilot, ["ctrl+f", "escape"], "weer", ["enter"])
        assert [r.text for r in stored(store, meeting_id)][-1] == "weer"
        assert not screen.filter.active


async def test_letters_typed_on_the_timeline_continue_the_line_in_order(store, meeting_id) -> None:
    app = capture_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await burst(pilot, "een", ["enter", "up"], "twee drie", ["enter"])
        assert [r.text for r in stored(store, meeting_id)] == ["een", "twee drie"]


async def test_undo_after_a_delete_in_a_burst(store, meeting_id) -> None:
    app = capture_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await burst(pilot, "een", ["enter", "up", "delete", "ctrl+z", "escape"], "twee", ["enter"])
        remarks = stored(store, meeting_id)
        assert [(r.text, r.deleted) for r in remarks] == [("een", False), ("twee", False)]


@pytest.mark.parametrize("n", [1, 5])
async def test_many_remarks_in_one_burst(store, meeting_id, n: int) -> None:
    app = capture_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        parts: list[object] = []
        for i in range(n * 4):
            parts += [f"r{i}", ["enter", "ctrl+l"] if i % 2 == 0 else ["enter"]]
        await burst(pilot, *parts)
        remarks = stored(store, meeting_id)
        assert [(r.text, r.private) for r in remarks] == [
            (f"r{i}", i % 2 == 1) for i in range(n * 4)
        ]
