"""Outcome: after the meeting, composing the Samenkracht! outcome (wrap-up).

``session`` is the headless wrap-up session (one outcome being composed), ``edit`` the
pure operations on key points, ``sources`` the remarks they are made from, ``changes``
the conflicts and reloads a session reports, ``intro`` the first draft of the
introduction. The wrap-up screen is in ``spiegel_tui.ui.screens.wrapup``; the document
itself is written by ``spiegel_tui.export``. No Textual here.
"""
