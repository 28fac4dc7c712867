"""``python -m spiegel_tui`` runs the ``spiegel`` command."""

import sys

from spiegel_tui.cli import main

sys.exit(main())
