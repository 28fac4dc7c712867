"""Surviving terminal input that is not UTF-8, and keeping every character typed.

Textual decodes keyboard input strictly as UTF-8 in its input thread; a single
Latin-1 byte (a terminal set to ISO-8859-1 typing "cliënt") raises there and ends
the app (textual#6456). Bytes that are not valid UTF-8 are instead read as Latin-1,
which is what such a terminal meant: "cli\\xebnt" becomes "cliënt".

Textual's inputs also drop every typed character that Python does not call
printable, and that includes the invisible *format* characters (Unicode category
Cf) that belong to the text: the zero-width joiner inside "👨‍👩‍👧" (a family, not
three faces), the right-to-left and isolate marks of Arabic or Hebrew text, the
zero-width non-joiner of Persian. Typed, they were lost; pasted, they were kept.
They count as printable here, so typing and pasting give the same text.

Finally, Textual's parser reads an escape sequence *inside* a bracketed paste (text
copied from a coloured terminal, a chat, a web page) as keys: the characters after
the ESC leave the paste and are typed, controls among them included, so pasting
"rood\\x1b[31m ...\\x11" pressed ctrl+q and closed the app. The decoder removes
escape sequences between the paste markers before the parser sees them; the rest of
the paste arrives whole, as one paste.
"""

from __future__ import annotations

import codecs
import functools
import time
import unicodedata
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual._xterm_parser import XTermParser

ERROR_HANDLER = "spiegel-latin1-fallback"


def _latin1_fallback(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    return bytes(bad).decode("latin-1"), error.end


codecs.register_error(ERROR_HANDLER, _latin1_fallback)


ESC = "\x1b"
PASTE_START = "\x1b[200~"
PASTE_END = "\x1b[201~"


class PasteGuard:
    """Drops escape sequences inside bracketed pastes; passes everything else at once.

    Fed decoded terminal input in pieces of any size. Outside a paste nothing is held
    back (a lone ESC must reach the parser in time to count as the Escape key); inside
    one, an escape sequence is held until it is complete and then dropped, except the
    end marker, which is passed on.
    """

    def __init__(self) -> None:
        self.in_paste = False
        self._recent = ""  # outside a paste: the last characters, to spot PASTE_START
        self._escape = ""  # inside a paste: the escape sequence being read

    def feed(self, text: str) -> str:
        out: list[str] = []
        for char in text:
            if not self.in_paste:
                out.append(char)
                self._recent = (self._recent + char)[-len(PASTE_START) :]
                if self._recent == PASTE_START:
                    self.in_paste, self._recent = True, ""
            elif char == ESC:
                self._escape = char  # a sequence before it, if any, was cut short
            elif not self._escape:
                out.append(char)
            else:
                self._escape += char
                if PASTE_END.startswith(self._escape):
                    if self._escape == PASTE_END:
                        out.append(PASTE_END)
                        self.in_paste, self._escape = False, ""
                elif _complete_escape(self._escape):
                    self._escape = ""
        return "".join(out)


class PasteEndHold:
    """Holds what follows a paste's end marker until it is clear it was typed.

    A terminal that does not clean what it pastes (xterm with allowPasteControls,
    older VTE, some Windows terminals) sends the clipboard as it is. Text holding the
    end marker, "abc\\x1b[201~\\x11", then arrives as ``START abc END \\x11 END``: by
    the markers, the paste ends early and ctrl+q is pressed. Nothing in the first
    end marker tells the two apart; what does is the second one: a terminal only
    sends an end marker to close a paste it opened, so an end marker without a paste
    open proves the one before it was pasted text. And a paste is one write of the
    terminal, read in one go, while a person's keys after it come later.

    The rule: after an end marker, what follows is held. An end marker while holding
    makes the held text part of the paste (delivered as a paste of its own, its
    escape sequences removed as in any paste: its keys are never pressed); so does a
    new paste's start marker while holding. That last case is truly ambiguous: the
    clipboard "a END ctrl+q START b" arrives exactly as "paste a, press ctrl+q,
    paste b" typed into a stalled connection. Pasted text that presses keys is the
    known attack on bracketed paste (a web page can put anything in the clipboard),
    while typing between two pastes faster than the terminal sends one is rare, so
    here such keys count as pasted (their characters kept as text). What is
    held becomes keys, unchanged and in order, as soon as the terminal has nothing
    more to send (the input thread found nothing to read: :meth:`tick` after a quiet
    read), at the latest ``MAX_HOLD_S`` after the end marker (someone typing on
    without a pause). Typed keys are delayed by at most
    one quiet read (0.1 s) after a paste, never lost or reordered. Not covered: a
    paste that the network delivers in parts with a pause longer than that exactly
    after an embedded end marker.
    """

    MAX_HOLD_S = 1.0

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._recent = ""  # the last characters passed on, to spot PASTE_END
        self._held: str | None = None  # None: not holding
        self._since = 0.0
        self._fed = False

    @property
    def holding(self) -> bool:
        return self._held is not None

    def feed(self, text: str) -> str:
        out: list[str] = []
        self._fed = True
        for char in text:
            if self._held is None:
                out.append(char)
                self._recent = (self._recent + char)[-len(PASTE_END) :]
                if self._recent == PASTE_END:
                    self._held, self._since, self._recent = "", self._clock(), ""
                continue
            self._held += char
            if self._held.endswith(PASTE_END):
                # A second end: what came between was pasted.
                out.append(_as_paste(self._held[: -len(PASTE_END)]))
                self._held, self._since = "", self._clock()
            elif self._held.endswith(PASTE_START):
                # A new paste at machine speed after the end: what came between was
                # pasted as well (a person cannot type and paste again that fast).
                out.append(_as_paste(self._held[: -len(PASTE_START)]) + PASTE_START)
                self._held = None
        if self._held is not None and self._clock() - self._since > self.MAX_HOLD_S:
            out.append(self.release())
        return "".join(out)

    def tick(self) -> str:
        """Called after every read of the input thread (and every quiet 0.1 s)."""
        fed, self._fed = self._fed, False
        if self._held is None:
            return ""
        if not fed or self._clock() - self._since > self.MAX_HOLD_S:
            return self.release()
        return ""

    def release(self) -> str:
        held, self._held = self._held or "", None
        return held


def _as_paste(text: str) -> str:
    """``text`` as one paste, its escape sequences removed (nothing if it is empty)."""
    guard = PasteGuard()
    guard.in_paste = True
    content = guard.feed(text + PASTE_END)[: -len(PASTE_END)]
    return PASTE_START + content + PASTE_END if content else ""


def _complete_escape(sequence: str) -> bool:
    """Whether ``sequence`` (ESC and at least one more character) has ended."""
    kind, last = sequence[1], sequence[-1]
    if kind == "[":  # CSI: parameters and intermediates, then a final byte
        return len(sequence) > 2 and not ("\x20" <= last <= "\x3f")
    if kind in "]P_^X":  # OSC, DCS, APC, PM, SOS: up to BEL (or ESC \, see feed)
        return last == "\x07"
    if kind == "O":  # SS3: one more character
        return len(sequence) > 2
    return True  # ESC and one character


class TerminalDecoder:
    """UTF-8 with the Latin-1 fallback, then the paste guard."""

    def __init__(self, encoding: str = "utf-8") -> None:
        self._decoder = codecs.getincrementaldecoder(encoding)(errors=ERROR_HANDLER)
        self._guard = PasteGuard()

    def decode(self, data: bytes, final: bool = False) -> str:
        return self._guard.feed(self._decoder.decode(data, final))


def tolerant_decoder_factory(encoding: str) -> functools.partial[TerminalDecoder]:
    """What Textual's driver calls as ``getincrementaldecoder(encoding)``."""
    return functools.partial(TerminalDecoder, encoding)


def is_typed_text(character: str | None) -> bool:
    """Whether a key's character belongs in the text: printable, or a format mark."""
    if character is None or len(character) != 1:
        return character is not None and character.isprintable()
    return character.isprintable() or unicodedata.category(character) == "Cf"


def install_format_character_keys() -> None:
    """Let Textual's Input and TextArea insert typed format characters (see above)."""
    from textual import events

    # A monkeypatch: mypy refuses assigning to a method (a property here).
    events.Key.is_printable = property(lambda key: is_typed_text(key.character))  # type: ignore[method-assign,assignment]


def install_terminal_input_fixes() -> None:
    """All fixes; the app calls this before it starts."""
    install_tolerant_input_decoder()
    install_format_character_keys()
    install_single_input_reader()
    install_paste_end_hold()


def install_single_input_reader() -> None:
    """A SIGCONT never starts a second input thread (see :func:`continue_in_place`)."""
    try:
        from textual.drivers.linux_driver import LinuxDriver
    except ImportError:  # pragma: no cover - other platforms use other drivers
        return
    if getattr(LinuxDriver._sigcont_application, "_spiegel", False):
        return
    original = LinuxDriver._sigcont_application

    def _sigcont_application(self: LinuxDriver, *args: object) -> None:
        if not continue_in_place(self):
            original(self, *args)

    # A marker on the function (installed once); functions have no declared attributes.
    _sigcont_application._spiegel = True  # type: ignore[attr-defined]
    # The driver hands the bound method to signal.signal when it is made, after this.
    # A monkeypatch of Textual's method (see above), which mypy refuses to assign.
    LinuxDriver._sigcont_application = _sigcont_application  # type: ignore[method-assign]


def continue_in_place(driver: object) -> bool:
    """After a plain SIGSTOP: put the terminal back as the app needs it, keep the reader.

    Textual handles SIGCONT as the end of its own suspend (ctrl+z: it stopped the input
    thread, then stopped itself) and starts application mode again, with a new input
    thread. A SIGSTOP from elsewhere (``kill -STOP``, a job-control shell, a
    multiplexer, a debugger) never stopped the running thread, so there were two,
    reading the same terminal in turns with a parser each: keys typed meanwhile
    arrived twice, reordered or lost. When the reader is still alive this resets the
    terminal's modes (a shell that took the terminal may have changed them), and asks
    for a full repaint; nothing read is dropped, nothing starts. Returns False when
    Textual's own resume is the right thing (its suspend ended the reader).
    """
    thread = getattr(driver, "_key_thread", None)
    if not getattr(driver, "_auto_restart", True) or thread is None or not thread.is_alive():
        return False
    # ``driver`` is typed object so tests can pass a stand-in; the real one is a Driver.
    loop = driver._app._loop  # type: ignore[attr-defined]
    if loop is not None:
        # Not here: a signal handler runs between two bytecodes of whatever the main
        # thread was doing, maybe inside the writer queue's (not re-entrant) lock, and
        # writing would wait for that lock for ever. (A generated run froze once like
        # that, alive and reading nothing, while this still wrote from the handler.)
        loop.call_soon_threadsafe(_restore_terminal, driver)
    return True


def _restore_terminal(driver: Any) -> None:
    """Application mode's terminal settings again, and a full repaint (see above)."""
    import termios
    import tty

    fileno = driver.fileno
    try:
        attrs = termios.tcgetattr(fileno)
        attrs[tty.LFLAG] = driver._patch_lflag(attrs[tty.LFLAG])
        attrs[tty.IFLAG] = driver._patch_iflag(attrs[tty.IFLAG])
        attrs[tty.CC][termios.VMIN] = 1
        termios.tcsetattr(fileno, termios.TCSANOW, attrs)
    except termios.error:
        pass  # not a terminal (or gone): nothing to restore
    driver.write("\x1b[?1049h\x1b[?25l\x1b[?1004h")
    driver._enable_mouse_support()
    driver._enable_bracketed_paste()
    driver.flush()
    app = driver._app
    if app._screen_stack:
        # The shell may have drawn over it. A size changed meanwhile comes as SIGWINCH.
        app.screen.refresh()


def guarded_parser_class() -> type[XTermParser]:
    """Textual's input parser with :class:`PasteEndHold` in front of it."""
    from textual._xterm_parser import XTermParser

    class GuardedParser(XTermParser):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.paste_end = PasteEndHold()

        def feed(self, data: str) -> Iterable[Any]:
            if not data:  # the end of input: nothing stays held
                return [*super().feed(self.paste_end.release()), *super().feed("")]
            passed = self.paste_end.feed(data)
            # An empty feed means the end of input to Textual's parser.
            return super().feed(passed) if passed else []

        def tick(self) -> Iterable[Any]:
            released = self.paste_end.tick()
            early = list(super().feed(released)) if released else []
            return [*early, *super().tick()]

    return GuardedParser


def install_paste_end_hold() -> None:
    """Make Textual's Linux driver parse input through :class:`PasteEndHold`."""
    try:
        from textual.drivers import linux_driver
    except ImportError:  # pragma: no cover - other platforms use other drivers
        return
    if getattr(linux_driver.XTermParser, "__name__", "") != "GuardedParser":
        # A monkeypatch of the class the driver instantiates; mypy refuses assigning a type.
        linux_driver.XTermParser = guarded_parser_class()  # type: ignore[misc]


def install_tolerant_input_decoder() -> None:
    """Make Textual's Linux driver decode input with the Latin-1 fallback and the
    paste guard."""
    try:
        from textual.drivers import linux_driver
    except ImportError:  # pragma: no cover - other platforms use other drivers
        return
    # A monkeypatch of the codecs function the driver looked up at import; its
    # signature is the same in use but typeshed's overloads do not match ours.
    linux_driver.getincrementaldecoder = tolerant_decoder_factory  # type: ignore[assignment]
