"""Cleaning text that came from a terminal, a clipboard or a file.

Pasted text can carry control characters, NUL, escape sequences and lone surrogates.
Stored they would break Word documents and confuse terminals, so they are removed at
the edges (input, import, export), while tabs and line breaks are kept as plain white
space and every printable character, emoji and right-to-left text included, is kept.
"""

from __future__ import annotations

import re

# CSI / OSC / other ESC sequences as terminals send or paste them.
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI ... final byte
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC ... BEL or ST
    r"|\x1b[@-Z\\-_]"  # two-character escapes
)
# C0 and C1 controls except tab and newline, DEL, and the XML non-characters.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(text: str, *, multiline: bool = True) -> str:
    """Text without control characters, escape sequences or lone surrogates.

    Line ends are normalised to ``\\n``; with ``multiline=False`` they become spaces.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ESCAPE_SEQUENCE.sub("", text)
    text = _CONTROL.sub("", text)
    text = _SURROGATE.sub("\ufffd", text)
    if not multiline:
        text = text.replace("\n", " ")
    return text


def clean_line(text: str) -> str:
    """A single line: cleaned, line breaks folded into spaces, ends trimmed."""
    return clean_text(text, multiline=False).strip()


def has_control_characters(text: str) -> bool:
    return clean_text(text) != text.replace("\r\n", "\n").replace("\r", "\n")
