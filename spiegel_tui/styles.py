"""Finding the .tcss files, installed or from a checkout, from any working directory."""

from __future__ import annotations

from pathlib import Path

_PACKAGE_STYLES = Path(__file__).resolve().parent / "styles"
_REPO_STYLES = Path(__file__).resolve().parent.parent / "styles"


def styles_dir() -> Path:
    """The wheel carries ``spiegel_tui/styles``; an editable install uses ``styles/``."""
    for candidate in (_PACKAGE_STYLES, _REPO_STYLES):
        if (candidate / "app.tcss").is_file():
            return candidate
    raise FileNotFoundError("Spiegel's styles folder is missing from this installation")


def stylesheets() -> list[Path]:
    """Every .tcss file, app.tcss first, as absolute paths."""
    folder = styles_dir()
    rest = sorted(p for p in folder.glob("*.tcss") if p.name != "app.tcss")
    return [folder / "app.tcss", *rest]
