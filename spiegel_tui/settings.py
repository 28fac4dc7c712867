"""The note-taker's own settings (for now: the colour theme), kept between sessions.

A small JSON file in the user's configuration folder, apart from the database: it
holds no client data. A file that cannot be read is reported and left as it is; the
app then runs on the defaults and does not write over it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_config_path

from spiegel_tui.errors import ExportError
from spiegel_tui.fileio import describe_os_error, ensure_private_dir, write_atomic
from spiegel_tui.paths import APP_NAME

SETTINGS_FILENAME = "instellingen.json"


def default_settings_path() -> Path:
    return user_config_path(APP_NAME, appauthor=False) / SETTINGS_FILENAME


def load_settings() -> Settings:
    """The note-taker's settings from their configuration folder."""
    return Settings.load(default_settings_path())


@dataclass
class Settings:
    path: Path
    theme: str | None = None
    #: Why the file could not be read (Dutch), or None. Such a file is never replaced.
    problem: str | None = None

    @classmethod
    def load(cls, path: Path) -> Settings:
        try:
            text = path.read_text(encoding="utf-8")
        except (FileNotFoundError, NotADirectoryError):
            return cls(path)  # nothing kept yet (a save says why it cannot write there)
        except (OSError, UnicodeDecodeError):
            return cls(
                path,
                problem=f"Kan de instellingen in '{path}' niet lezen; Spiegel gebruikt "
                "de standaard en laat het bestand zoals het is.",
            )
        try:
            data = json.loads(text)
        except json.JSONDecodeError:
            data = None
        if not isinstance(data, dict) or not isinstance(data.get("theme", ""), str | None):
            return cls(
                path,
                problem=f"De instellingen in '{path}' zijn onleesbaar; Spiegel gebruikt "
                "de standaard en laat het bestand zoals het is.",
            )
        return cls(path, theme=data.get("theme") or None)

    def save(self) -> str | None:
        """Write the file; returns a Dutch message when that failed (or is refused)."""
        if self.problem is not None:
            return None  # a file we could not read is not ours to overwrite
        payload = json.dumps({"theme": self.theme}, ensure_ascii=False, indent=2) + "\n"
        try:
            ensure_private_dir(self.path.parent)
            write_atomic(self.path, payload.encode("utf-8"), force=True)
        except OSError as error:
            return describe_os_error(error, self.path)
        except ExportError as error:
            return error.message
        return None
