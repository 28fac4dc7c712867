"""The remark timeline: the widget, its layout, its scrollbar and the word wrap."""

from spiegel_tui.ui.widgets.timeline.widget import Timeline
from spiegel_tui.ui.widgets.timeline.wrap import wrap

__all__ = ["Timeline", "wrap"]
