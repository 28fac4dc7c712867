"""What every subcommand shares: exit codes, the Dutch error line, the database."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from spiegel_tui.paths import DB_ENV, default_db_path

if TYPE_CHECKING:
    from spiegel_tui.storage import MeetingStore

EXIT_REFUSED = 1
EXIT_USAGE = 2


def print_error(message: str) -> None:
    with contextlib.suppress(OSError, ValueError):
        print(f"spiegel: {message}", file=sys.stderr)


def db_path(args: argparse.Namespace) -> tuple[Path, bool]:
    """The database path, and whether its folder may be created (default location)."""
    if args.db is not None:
        return args.db.expanduser(), False
    return default_db_path(), not os.environ.get(DB_ENV)


def open_store(args: argparse.Namespace, *, readonly: bool = False) -> MeetingStore:
    from spiegel_tui.storage import MeetingStore

    path, create_folder = db_path(args)
    try:
        return MeetingStore.open(path, create_folder=create_folder, readonly=readonly)
    except OSError as error:  # the path itself (too long, through a file, ...)
        from spiegel_tui.errors import StorageError
        from spiegel_tui.fileio import describe_os_reason

        raise StorageError(
            f"Kan de database '{path}' niet openen: {describe_os_reason(error)}."
        ) from None


def progress(message: str) -> None:
    """A line on stderr while something slow runs (only on a terminal: scripts read
    stderr for warnings)."""
    if sys.stderr.isatty():
        print_error(message)
