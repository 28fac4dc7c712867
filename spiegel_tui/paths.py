"""Where Spiegel keeps its data: the user's data folder (XDG on Linux)."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path

APP_NAME = "spiegel"
DB_ENV = "SPIEGEL_DB"
DB_FILENAME = "spiegel.db"


def data_dir() -> Path:
    return user_data_path(APP_NAME, appauthor=False)


def default_db_path() -> Path:
    """``SPIEGEL_DB`` if set, else ``spiegel.db`` in the user's data folder."""
    env = os.environ.get(DB_ENV, "").strip()
    if env:
        return Path(env).expanduser()
    return data_dir() / DB_FILENAME


def backup_dir(db_path: Path) -> Path:
    """Backups sit beside the database, in a folder of their own."""
    return db_path.parent / f"{db_path.stem}-backups"
