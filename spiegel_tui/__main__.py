"""``python -m spiegel_tui`` runs the ``spiegel`` command."""

import sys

from .cli import main

sys.exit(main())
