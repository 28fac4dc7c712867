"""The paste guard: escape sequences inside a bracketed paste never become keys.

Textual's parser turns the characters after an ESC inside a paste into key presses
(a pasted "\\x1b[31m ...\\x11" pressed ctrl+q and closed the app); the decoder the
app installs removes escape sequences between the paste markers first.
"""

from __future__ import annotations

import pytest

from spiegel_tui.ui.terminal_input import (
    PASTE_END,
    PASTE_START,
    PasteEndHold,
    PasteGuard,
    TerminalDecoder,
)


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


# A paste holding the end marker itself ------------------------------------------


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def held(*pieces: str, quiet: bool = True) -> str:
    """What a PasteEndHold passes on for ``pieces`` read one by one (with a tick after
    each read, as Textual's input thread does), then a quiet read if ``quiet``."""
    hold = PasteEndHold(FakeClock())
    out = ""
    for piece in pieces:
        out += hold.feed(piece)
        out += hold.tick()
    if quiet:
        out += hold.tick()
    return out


HOSTILE = [
    # (what the terminal sends for one paste, what the parser gets)
    (
        f"{PASTE_START}abc{PASTE_END}\x11\r{PASTE_END}",
        f"{PASTE_START}abc{PASTE_END}{PASTE_START}\x11\r{PASTE_END}",
    ),
    (
        f"{PASTE_START}a{PASTE_END}\x1b[A\x1b[201~x{PASTE_END}",
        f"{PASTE_START}a{PASTE_END}{PASTE_START}x{PASTE_END}",
    ),
    (  # two embedded end markers
        f"{PASTE_START}a{PASTE_END}b\x11{PASTE_END}c\r{PASTE_END}",
        f"{PASTE_START}a{PASTE_END}{PASTE_START}b\x11{PASTE_END}{PASTE_START}c\r{PASTE_END}",
    ),
    (  # an end marker, keys and a start marker
        f"{PASTE_START}a{PASTE_END}\x11{PASTE_START}b{PASTE_END}",
        f"{PASTE_START}a{PASTE_END}{PASTE_START}\x11{PASTE_END}{PASTE_START}b{PASTE_END}",
    ),
]


@pytest.mark.parametrize(("sent", "parsed"), HOSTILE)
@pytest.mark.parametrize("piece", [None, 1, 3, 7])
def test_keys_after_an_embedded_end_marker_stay_pasted(sent: str, parsed: str, piece) -> None:
    pieces = [sent] if piece is None else [sent[i : i + piece] for i in range(0, len(sent), piece)]
    assert held(*pieces) == parsed


def test_keys_typed_after_a_paste_arrive_unchanged_after_a_quiet_read() -> None:
    hold = PasteEndHold(FakeClock())
    assert hold.feed(f"{PASTE_START}abc{PASTE_END}\x11") == f"{PASTE_START}abc{PASTE_END}"
    assert hold.tick() == ""  # the read that brought them: the terminal may send more
    assert hold.feed("\r\x1b") == ""
    assert hold.tick() == ""
    assert hold.tick() == "\x11\r\x1b"  # nothing more to read: they were typed
    assert not hold.holding
    assert hold.feed("x") == "x"  # and nothing is held after that


def test_typing_on_without_a_pause_is_held_at_most_a_second() -> None:
    clock = FakeClock()
    hold = PasteEndHold(clock)
    out = hold.feed(f"{PASTE_START}p{PASTE_END}")
    for char in "abcdefghij":
        clock.now += 0.15
        out += hold.feed(char) + hold.tick()
    assert out == f"{PASTE_START}p{PASTE_END}abcdefghij"
    assert not hold.holding


def test_nothing_held_stays_behind_at_the_end_of_input() -> None:
    from spiegel_tui.ui.terminal_input import guarded_parser_class

    parser = guarded_parser_class()()
    events = [*parser.feed(f"{PASTE_START}p{PASTE_END}x"), *parser.feed("")]
    assert [type(e).__name__ for e in events] == ["Paste", "Key"]


@pytest.mark.slow
@pytest.mark.bad_input
def test_a_paste_holding_the_end_marker_presses_no_keys(tmp_path) -> None:
    """In the installed app, in a terminal that pastes as is (tmux ``paste-buffer -p
    -r``): the clipboard holds the end marker, then ctrl+q, Enter, ctrl+l and more
    text. All of it is text of the line; the app runs on; nothing is stored until
    Enter is typed."""
    import time

    from helpers import require_tool, wait_until
    from trust_support import input_line, new_database, open_capture, stored_texts

    require_tool("tmux")
    path = tmp_path / "paste.db"
    meeting_id = new_database(path)
    terminal = open_capture(path, meeting_id)
    try:
        clipboard = f"begin{PASTE_END}\x11\r\x0cmidden{PASTE_END}\x1b[A\reinde"
        source = tmp_path / "clipboard.bin"
        source.write_bytes(clipboard.encode())
        terminal._tmux("load-buffer", "-b", "plak", str(source))
        terminal._tmux("paste-buffer", "-p", "-r", "-d", "-b", "plak", "-t", "t")
        terminal.wait_for(lambda s: "einde" in input_line(s))
        time.sleep(0.5)  # a stray Enter or ctrl+q would have acted by now
        assert terminal.alive()
        assert stored_texts(path, meeting_id) == []
        terminal.press("Enter")
        wait_until(lambda: stored_texts(path, meeting_id), what="the pasted remark stored")
        [text] = stored_texts(path, meeting_id)
        assert text.startswith("begin") and text.endswith("einde") and "midden" in text
        conn = __import__("sqlite3").connect(path)
        flags = conn.execute("SELECT starred, private FROM remarks").fetchone()
        conn.close()
        assert flags == (0, 0)
    finally:
        terminal.close()


def test_the_parser_reads_keys_held_after_a_paste() -> None:
    """Everything after the paste held at first: the parser must not take the empty
    text it is given meanwhile as the end of input (it did: no key was read again)."""
    from spiegel_tui.ui.terminal_input import guarded_parser_class

    parser = guarded_parser_class()()
    first = list(parser.feed(f"{PASTE_START}p{PASTE_END}"))
    assert [type(e).__name__ for e in first] == ["Paste"]
    assert list(parser.feed("\r")) == []  # held: the terminal may send more
    assert list(parser.tick()) == []
    keys = list(parser.tick())  # a quiet read: typed
    assert [getattr(e, "key", None) for e in keys] == ["enter"]
    assert [getattr(e, "key", None) for e in parser.feed("x")] == ["x"]
