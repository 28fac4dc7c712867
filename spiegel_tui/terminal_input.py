"""Surviving terminal input that is not UTF-8.

Textual decodes keyboard input strictly as UTF-8 in its input thread; a single
Latin-1 byte (a terminal set to ISO-8859-1 typing "cliënt") raises there and ends
the app (textual#6456). Bytes that are not valid UTF-8 are instead read as Latin-1,
which is what such a terminal meant: "cli\\xebnt" becomes "cliënt".
"""

from __future__ import annotations

import codecs
import functools

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


def install_tolerant_input_decoder() -> None:
    """Make Textual's Linux driver decode input with the Latin-1 fallback."""
    try:
        from textual.drivers import linux_driver
    except ImportError:  # pragma: no cover - other platforms use other drivers
        return
    linux_driver.getincrementaldecoder = tolerant_decoder_factory  # type: ignore[assignment]
