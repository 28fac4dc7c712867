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
"""

from __future__ import annotations

import codecs
import functools
import unicodedata

ERROR_HANDLER = "spiegel-latin1-fallback"


def _latin1_fallback(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    return bytes(bad).decode("latin-1"), error.end


codecs.register_error(ERROR_HANDLER, _latin1_fallback)


def tolerant_decoder_factory(encoding: str) -> functools.partial[codecs.IncrementalDecoder]:
    """What Textual's driver calls as ``getincrementaldecoder(encoding)``."""
    return functools.partial(codecs.getincrementaldecoder(encoding), errors=ERROR_HANDLER)


def is_typed_text(character: str | None) -> bool:
    """Whether a key's character belongs in the text: printable, or a format mark."""
    if character is None or len(character) != 1:
        return character is not None and character.isprintable()
    return character.isprintable() or unicodedata.category(character) == "Cf"


def install_format_character_keys() -> None:
    """Let Textual's Input and TextArea insert typed format characters (see above)."""
    from textual import events

    events.Key.is_printable = property(lambda key: is_typed_text(key.character))  # type: ignore[method-assign,assignment]


def install_terminal_input_fixes() -> None:
    """Both fixes; the app calls this before it starts."""
    install_tolerant_input_decoder()
    install_format_character_keys()


def install_tolerant_input_decoder() -> None:
    """Make Textual's Linux driver decode input with the Latin-1 fallback."""
    try:
        from textual.drivers import linux_driver
    except ImportError:  # pragma: no cover - other platforms use other drivers
        return
    linux_driver.getincrementaldecoder = tolerant_decoder_factory  # type: ignore[assignment]
