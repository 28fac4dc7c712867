"""``spiegel demo``: the app on a sample meeting, in a throw-away database."""

from __future__ import annotations

import tempfile
from pathlib import Path

from spiegel_tui.demo import open_demo_store


def run_demo() -> int:
    from spiegel_tui.ui.factory import build_app, run_app

    with tempfile.TemporaryDirectory(prefix="spiegel-demo-") as folder:
        store, meeting_id = open_demo_store(Path(folder))
        code = run_app(build_app(store, meeting_id=meeting_id))
    print("Demo afgesloten; de voorbeelddatabase is weggegooid.")
    return code
