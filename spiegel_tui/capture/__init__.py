"""Capture: taking notes during the meeting, without a terminal.

The capture screen (``spiegel_tui.ui.screens.capture``) is layout and keys; what it does
lives here. ``session`` is the headless ``CaptureSession`` (commit a line, change,
delete, undo), ``tokens`` parses the inline tokens (``@2 #vt + * tekst``), ``filter``
filters the timeline with the same tokens, ``sync`` keeps the screen and the database in
step (draft keeping, another note-taker's remarks), ``draft_owner`` and ``presence``
tell which running Spiegel owns a draft or has a meeting open, ``rescue`` writes the
emergency copy when the database can no longer take a remark.

No Textual here (import-linter's contracts in pyproject.toml): tests drive it directly.
"""
