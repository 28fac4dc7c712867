"""The paste guard: escape sequences inside a bracketed paste never become keys.

Textual's parser turns the characters after an ESC inside a paste into key presses
(a pasted "\\x1b[31m ...\\x11" pressed ctrl+q and closed the app); the decoder the
app installs removes escape sequences between the paste markers first.
"""

from __future__ import annotations

import pytest

from spiegel_tui.terminal_input import PASTE_END, PASTE_START, PasteGuard, TerminalDecoder


def guarded(text: str, *, piece: int | None = None) -> str:
    guard = PasteGuard()
    if piece is None:
        return guard.feed(text)
    return "".join(guard.feed(text[i : i + piece]) for i in range(0, len(text), piece))


PASTES = [
    # (pasted text, what the app receives as the paste)
    ("rood \x1b[31mkleur\x1b[0m klaar", "rood kleur klaar"),
    ("titel \x1b]0;venster\x07 na", "titel  na"),
    ("titel \x1b]0;venster\x1b\\ na", "titel  na"),
    ("pijl \x1bOA en \x1bx alt", "pijl  en  alt"),
    ("ctrl in plak \x1b[1m\x11\x0b blijft tekst", "ctrl in plak \x11\x0b blijft tekst"),
    ("afgebroken \x1b[3", "afgebroken "),
    ("esc aan het eind \x1b", "esc aan het eind "),
    ("dubbel \x1b\x1b[2J schoon", "dubbel  schoon"),
    ("geen escape, wel ëmoji 👨\u200d👩 en \t tab", "geen escape, wel ëmoji 👨\u200d👩 en \t tab"),
]


@pytest.mark.parametrize(("pasted", "received"), PASTES)
@pytest.mark.parametrize("piece", [None, 1, 2, 5])
def test_escape_sequences_in_a_paste_are_removed(pasted: str, received: str, piece) -> None:
    before, after = "vóór", "ná\x1b"
    stream = before + PASTE_START + pasted + PASTE_END + after
    assert guarded(stream, piece=piece) == before + PASTE_START + received + PASTE_END + after


def test_outside_a_paste_nothing_is_held_back() -> None:
    guard = PasteGuard()
    # A lone ESC (the Escape key) and half a sequence go through at once.
    assert guard.feed("\x1b") == "\x1b"
    assert guard.feed("[A") == "[A"
    assert guard.feed("\x1b[200") == "\x1b[200"
    assert guard.feed("~") == "~"  # the paste has started
    assert guard.in_paste
    assert guard.feed("a\x1b[") == "a"  # held: could be the end marker
    assert guard.feed("201~b") == PASTE_END + "b"
    assert not guard.in_paste


def test_two_pastes_and_keys_between() -> None:
    stream = f"{PASTE_START}een\x1b[1m{PASTE_END}\x1b[A{PASTE_START}twee{PASTE_END}"
    assert guarded(stream) == f"{PASTE_START}een{PASTE_END}\x1b[A{PASTE_START}twee{PASTE_END}"


def test_the_decoder_does_both() -> None:
    decoder = TerminalDecoder()
    data = b"cli\xebnt " + PASTE_START.encode() + "ë\x1b[0m".encode() + PASTE_END.encode()
    assert decoder.decode(data) == "cliënt " + PASTE_START + "ë" + PASTE_END
