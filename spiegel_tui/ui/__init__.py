"""The terminal UI: everything that imports Textual (and Rich) lives in this package.

``factory`` is the one way the app is built and run (by ``spiegel``, ``spiegel open``,
``spiegel new --open`` and ``spiegel demo``), ``app`` the Textual application (routing
between screens, owning the store), ``screens/`` the picker, setup, capture and wrap-up
screens and their dialogs, ``widgets/`` the widgets they share, ``palette`` the capture
screen's command palette, ``terminal_input`` the fixes for Textual's input (Latin-1
bytes, format characters, escape sequences in a paste, SIGCONT), ``startup_gc`` the
paused collector while the app starts, ``crash`` the crash report without note text,
``styles`` the .tcss lookup, ``demo`` the app on the sample meeting.

The rule, checked by import-linter (pyproject.toml) and tests/test_layers.py: only this
package imports Textual, only it and the entry point (``spiegel_tui.cli``) import it,
and it reaches the database only through ``spiegel_tui.storage``'s methods, never SQL.
"""
