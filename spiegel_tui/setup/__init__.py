"""Setup: the meeting before it starts (topic, date, organisations, participants).

``state`` is what the setup screen edits, outside the widgets; ``form`` the pure
parsing, validating and suggesting behind the form; ``organisations`` the youth-
protection chain's organisations and their short keys; ``sync`` the form beside a
changing database, and its draft; ``args`` the same meeting built from ``spiegel new``
flags. The screens are in ``spiegel_tui.ui.screens.setup*``. No Textual here.
"""
