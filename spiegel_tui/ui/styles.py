"""Finding the .tcss files, installed or from a checkout, from any working directory."""

from __future__ import annotations

from pathlib import Path, PurePath

_PACKAGE_STYLES = Path(__file__).resolve().parents[1] / "styles"
_REPO_STYLES = Path(__file__).resolve().parents[2] / "styles"


def styles_dir() -> Path:
    """The wheel carries ``spiegel_tui/styles``; an editable install uses ``styles/``."""
    for candidate in (_PACKAGE_STYLES, _REPO_STYLES):
        if (candidate / "app.tcss").is_file():
            return candidate
    raise FileNotFoundError("Spiegel's styles folder is missing from this installation")


#: Read when the app starts: what every start shows (the picker or the capture screen)
#: and what opens over them. The setup and wrap-up screens bring their own
#: (``screen_stylesheet``): Textual parses and matches every rule it has at start-up,
#: and theirs are half of ours.
APP_SHEETS = ("app.tcss", "capture.tcss", "dialogs.tcss", "help.tcss", "picker.tcss")


def stylesheets() -> list[Path]:
    """Every .tcss file, app.tcss first, as absolute paths."""
    folder = styles_dir()
    rest = sorted(p for p in folder.glob("*.tcss") if p.name != "app.tcss")
    return [folder / "app.tcss", *rest]


def app_stylesheets() -> list[str | PurePath]:
    return [str(styles_dir() / name) for name in APP_SHEETS]


def screen_stylesheet(name: str) -> str:
    """A screen's own sheet; Textual reads it when the screen is first shown."""
    return str(styles_dir() / name)
