"""The re-identification check: what in a text could identify a family or a professional.

Headless (no Textual, no SQLite) and never imported at start-up or during capture:
the export path imports it when a document is about to be written, or runs it in a
child process (:func:`scan_isolated`) so its word lists leave memory when it ends.

    findings = scan([Text("kernpunt:1", "Mijn zoon Daan van 8 ...")],
                    Vocabulary.of(protected=["Veilig Thuis", "Ouder 1"],
                                  labels={"Marieke": "Ouder 1"}))

Each :class:`Finding` has a kind, the span and text found, a neutral replacement
suggestion and a stable ``key`` (kind, normalised text, text id) under which the
note-taker's answer (replace, edit, accept) can be stored per meeting.
"""

from __future__ import annotations

from spiegel_tui.privacy.findings import Finding, FindingKind, Text, Vocabulary, replace_all
from spiegel_tui.privacy.isolated import scan_isolated
from spiegel_tui.privacy.meeting import meeting_texts, meeting_vocabulary
from spiegel_tui.privacy.scan import scan

__all__ = [
    "Finding",
    "FindingKind",
    "Text",
    "Vocabulary",
    "meeting_texts",
    "meeting_vocabulary",
    "replace_all",
    "scan",
    "scan_isolated",
]
