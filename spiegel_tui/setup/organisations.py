"""Organisations of the Dutch youth-protection chain, and short keys for them.

Pure: no Textual, no SQL. A key is what the note-taker types in capture (``#vt``), so
keys are short, lowercase ASCII letters and digits, and unique within a meeting.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection

from spiegel_tui.model import Organisation

#: The organisations a mirror meeting usually asks about, in the order of the chain.
PRESETS: tuple[tuple[str, str], ...] = (
    ("vt", "Veilig Thuis"),
    ("rvdk", "Raad voor de Kinderbescherming"),
    ("jgb", "Jeugd- & Gezinsbeschermers"),
    ("gi", "Gecertificeerde instelling"),
    ("save", "SAVE"),
    ("gem", "Gemeente / lokaal team"),
    ("wss", "William Schrikker Stichting"),
    ("ldh", "Leger des Heils Jeugdbescherming & Reclassering"),
    ("jz", "Jeugdzorg / zorgaanbieder"),
    ("om", "Openbaar Ministerie"),
    ("rb", "Rechtbank (kinderrechter)"),
    ("pol", "Politie"),
)

KEY_MAX_LENGTH = 12
_KEY_PATTERN = re.compile(r"^[a-z][a-z0-9]*$")
# Words that carry no meaning in a Dutch organisation name; left out of initials.
_STOP_WORDS = frozenset(
    {"de", "het", "een", "van", "voor", "en", "der", "den", "in", "op", "te", "of", "met"}
)


def presets() -> list[Organisation]:
    """Fresh Organisation objects for the preset list (callers may change them)."""
    return [Organisation(key, name) for key, name in PRESETS]


def preset_for_name(name: str) -> str | None:
    """The preset key whose name matches ``name`` (ignoring case and spaces), if any."""
    wanted = _fold(name)
    return next((key for key, preset in PRESETS if _fold(preset) == wanted), None)


def normalise_key(text: str) -> str:
    """What a typed key becomes: lowercase, no '#', no accents, letters and digits only."""
    return re.sub(r"[^a-z0-9]", "", _ascii(text).lower())


def key_error(key: str, taken: Collection[str]) -> str | None:
    """A Dutch message when ``key`` cannot be used, else None. ``taken``: other keys."""
    if not key:
        return "Geef een korte code op, bijvoorbeeld vt."
    if not _KEY_PATTERN.match(key):
        return "Een code begint met een letter en bevat alleen letters en cijfers."
    if len(key) > KEY_MAX_LENGTH:
        return f"Een code is hoogstens {KEY_MAX_LENGTH} tekens lang."
    if key in taken:
        return f"De code {key} is al in gebruik bij een andere organisatie."
    return None


def suggest_key(name: str, taken: Collection[str]) -> str:
    """A short, unused key for an organisation called ``name``.

    A preset name gets its preset key; otherwise the initials of the meaningful
    words ("Stichting Jeugd Noord" -> "sjn"), or the start of a single word.
    """
    base = preset_for_name(name) or _initials(name) or "org"
    return unique_key(base, taken)


def unique_key(base: str, taken: Collection[str]) -> str:
    """``base``, or ``base2``, ``base3``, ... whichever is free first."""
    base = base[: KEY_MAX_LENGTH - 2]
    if base not in taken:
        return base
    number = 2
    while f"{base}{number}" in taken:
        number += 1
    return f"{base}{number}"


def _initials(name: str) -> str:
    words = [w for w in re.findall(r"[a-z0-9]+", _ascii(name).lower()) if w not in _STOP_WORDS]
    if not words:
        return ""
    key = "".join(w[0] for w in words)[:5] if len(words) > 1 else words[0][:4]
    if not key[0].isalpha():
        key = "o" + key
    return key


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return decomposed.encode("ascii", "ignore").decode("ascii")


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())
