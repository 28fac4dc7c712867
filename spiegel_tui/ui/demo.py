"""``spiegel demo``: the app on a sample meeting, in a throw-away database."""

from __future__ import annotations

import tempfile
from pathlib import Path

from spiegel_tui.demo import open_demo_store


def run_demo() -> int:
    from spiegel_tui.settings import load_settings
    from spiegel_tui.storage.database import INTERACTIVE_WRITE_PATIENCE_S
    from spiegel_tui.ui.app import SpiegelApp
    from spiegel_tui.ui.terminal_input import install_terminal_input_fixes

    install_terminal_input_fixes()
    with tempfile.TemporaryDirectory(prefix="spiegel-demo-") as folder:
        store, meeting_id = open_demo_store(Path(folder))
        store.write_patience = INTERACTIVE_WRITE_PATIENCE_S
        app = SpiegelApp(store, meeting_id=meeting_id, settings=load_settings())
        try:
            app.run()
        finally:
            store.close()
    from spiegel_tui.cli.meetings import print_crash_report

    print_crash_report(app)
    print("Demo afgesloten; de voorbeelddatabase is weggegooid.")
    return app.return_code or 0
