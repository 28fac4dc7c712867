"""Every character typed reaches the note: joiners and direction marks included.

Textual's inputs drop typed characters Python does not call printable, among them
the zero-width joiner of emoji sequences and the marks of right-to-left text; the
app installs :func:`install_format_character_keys` so they are kept (the real
terminal test is in ``test_trust_bad_input.py``).
"""

from __future__ import annotations

from capture_support import SIZE, capture_app, capture_screen
from textual import events
from textual.keys import _character_to_key

from spiegel_tui.ui.terminal_input import install_format_character_keys, is_typed_text

FAMILY = "👨\u200d👩\u200d👧"
RTL = "\u200fשלום\u200f \u2067مرحبا\u2069"


def test_format_characters_count_as_text() -> None:
    for char in ("\u200d", "\u200c", "\u200e", "\u200f", "\u2066", "\u2069", "a", "ë", "🙂"):
        assert is_typed_text(char), hex(ord(char))
    for char in ("\x00", "\x1b", "\x7f", "\n", "\t", None):
        assert not is_typed_text(char)


async def type_characters(pilot, text: str) -> None:
    """One key event per character, as a terminal's input parser makes them (Pilot's
    ``press`` cannot name format characters)."""
    for char in text:
        pilot.app._driver.send_message(events.Key(_character_to_key(char), char))
        await pilot.pause()


async def test_typed_joiners_and_marks_are_kept(store, meeting_id) -> None:
    install_format_character_keys()
    app = capture_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        screen = capture_screen(app)
        await type_characters(pilot, f"{FAMILY} {RTL} e\u0301")
        assert screen.line.value == f"{FAMILY} {RTL} e\u0301"
        await pilot.press("enter")
        assert store.load_remarks(meeting_id)[-1].text == f"{FAMILY} {RTL} e\u0301"
