"""The argument parser: Dutch texts, checked values, one registration per subcommand.

A new subcommand lives in a module of its own with a ``register(commands)`` function
that adds its parser and sets ``handler``; add that function to ``_subcommands``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from spiegel_tui import __version__
from spiegel_tui.cli.common import EXIT_USAGE
from spiegel_tui.paths import DB_ENV, default_db_path

#: Bounds for numbers on the command line: past them no meeting, day count or
#: invitation list exists, and SQLite or the date arithmetic would fail in English.
MAX_ID = 2**63 - 1
MAX_DAYS = 36_500
MAX_INVITED = 100_000


class DutchParser(argparse.ArgumentParser):
    """argparse with Dutch headings and errors (its own texts are English)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._positionals.title = "argumenten"
        self._optionals.title = "opties"
        self.add_argument("-h", "--help", action="help", help="toon deze hulptekst en stop")

    def format_usage(self) -> str:
        return super().format_usage().replace("usage:", "Gebruik:", 1)

    def format_help(self) -> str:
        return super().format_help().replace("usage:", "Gebruik:", 1)

    def error(self, message: str) -> NoReturn:
        translated = (
            message.replace("the following arguments are required", "deze argumenten ontbreken")
            .replace("unrecognized arguments", "onbekende argumenten")
            .replace("invalid choice", "ongeldige keuze")
            .replace("choose from", "kies uit")
            .replace("expected one argument", "verwacht een waarde")
            .replace("invalid int value", "geen geheel getal")
            .replace("invalid _meeting_id value", "geen bijeenkomstnummer")
            .replace("invalid _count value", "geen aantal")
            .replace("invalid _path value", "geen bruikbaar pad")
            .replace("invalid _org_code value", "geen organisatiecode")
            .replace("invalid _status value", "geen status")
            .replace("ambiguous option", "optie niet eenduidig")
            .replace("could match", "kan zijn")
            .replace("not allowed with argument", "gaat niet samen met")
            .replace("ignored explicit argument", "overbodige waarde bij")
            .replace("expected at most one argument", "verwacht hoogstens een waarde")
            .replace("argument ", "argument ")
        )
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"spiegel: fout: {translated}\n")


if TYPE_CHECKING:
    #: What ``add_subparsers`` returns; each subcommand's ``register`` adds to it.
    Commands = argparse._SubParsersAction[DutchParser]


def _subcommands() -> tuple[Callable[[Commands], None], ...]:
    """Every subcommand's registration, in the order ``spiegel --help`` lists them."""
    from spiegel_tui.cli import actions, meetings, purge, transfer

    return (
        meetings.register_open,
        meetings.register_new,
        meetings.register_list,
        transfer.register_import,
        transfer.register_export,
        purge.register,
        actions.register,
        meetings.register_demo,
    )


def build_parser() -> DutchParser:
    from spiegel_tui.cli.meetings import run_default

    parser = DutchParser(
        prog="spiegel",
        description="Spiegel: notuleren bij spiegelbijeenkomsten. "
        "Zonder opdracht opent Spiegel de lijst met bijeenkomsten.",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"spiegel {__version__}",
        help="toon het versienummer en stop",
    )
    parser.add_argument(
        "--db",
        type=_path,
        metavar="PAD",
        help=f"het databasebestand (standaard ${DB_ENV} of {default_db_path()})",
    )
    # Without a subcommand: the list of meetings in the app.
    parser.set_defaults(handler=run_default)
    commands = parser.add_subparsers(
        dest="command", metavar="OPDRACHT", title="opdrachten", parser_class=DutchParser
    )
    for register in _subcommands():
        register(commands)
    return parser


def _path(text: str) -> Path:
    if "\x00" in text:
        raise argparse.ArgumentTypeError("een pad kan geen NUL-teken bevatten")
    if not text.strip():
        raise argparse.ArgumentTypeError("het pad is leeg")
    return Path(text)


def _whole_number(text: str, what: str, example: str, low: int, high: int) -> int:
    value = text.strip()
    # isdecimal() also accepts other scripts' digits, which int() reads; ASCII only.
    if not value.isascii() or not value.isdecimal() or len(value) > 19:
        if value.isascii() and value.isdecimal():
            raise argparse.ArgumentTypeError(f"{what} {text[:30]}… is te groot")
        raise argparse.ArgumentTypeError(f"'{text[:40]}' is geen {what} (bv. {example})")
    number = int(value)
    if not low <= number <= high:
        raise argparse.ArgumentTypeError(f"{what} {number} ligt niet tussen {low} en {high}")
    return number


def _org_code(text: str) -> str:
    """An organisation's code as the meeting file and the setup use it ("vt")."""
    value = text.strip()
    if not value or len(value) > 40 or not value.isprintable():
        raise argparse.ArgumentTypeError(f"'{text[:40]}' is geen organisatiecode (bv. vt)")
    return value


def _meeting_id(text: str) -> int:
    return _whole_number(text, "bijeenkomstnummer", "3", 1, MAX_ID)


def _count(text: str) -> int:
    return _whole_number(text, "aantal", "7", 0, MAX_INVITED)


def _days(text: str) -> int:
    value = text.strip().lower().removesuffix("d")
    return _whole_number(value, "aantal dagen", "90d", 0, MAX_DAYS)


# The argument types under public names for the subcommand modules. Their function
# names stay private: argparse puts them in its errors ("invalid _path value"),
# which DutchParser.error translates.
path_arg = _path
meeting_id_arg = _meeting_id
count_arg = _count
days_arg = _days
org_code_arg = _org_code
