"""The ``spiegel`` command. Messages in Dutch; no traceback for anything a user causes.

Exit codes: 0 done, 1 refused (bad file, unwritable path, ...), 2 wrong arguments.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import errno
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from spiegel_tui import __version__
from spiegel_tui.errors import SpiegelError
from spiegel_tui.paths import DB_ENV, default_db_path

if TYPE_CHECKING:
    from spiegel_tui.ui.app import SpiegelApp

EXIT_REFUSED = 1
EXIT_USAGE = 2
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
            .replace("ambiguous option", "optie niet eenduidig")
            .replace("could match", "kan zijn")
            .replace("not allowed with argument", "gaat niet samen met")
            .replace("ignored explicit argument", "overbodige waarde bij")
            .replace("expected at most one argument", "verwacht hoogstens een waarde")
            .replace("argument ", "argument ")
        )
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"spiegel: fout: {translated}\n")


def build_parser() -> DutchParser:
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
    commands = parser.add_subparsers(
        dest="command", metavar="OPDRACHT", title="opdrachten", parser_class=DutchParser
    )

    cmd = commands.add_parser("open", help="open een bijeenkomst in het notuleerscherm")
    cmd.add_argument("id", type=_meeting_id, metavar="ID", help="nummer van de bijeenkomst")

    cmd = commands.add_parser("new", help="maak een nieuwe bijeenkomst aan (voor scripts)")
    cmd.add_argument("--topic", required=True, metavar="TEKST", help="project/onderwerp")
    cmd.add_argument("--date", metavar="JJJJ-MM-DD", help="datum (standaard vandaag)")
    cmd.add_argument("--start", metavar="UU:MM", help="begintijd")
    cmd.add_argument("--location", default="", metavar="PLAATS", help="locatie")
    cmd.add_argument("--invited", type=_count, metavar="N", help="aantal uitgenodigde deelnemers")
    cmd.add_argument(
        "--facilitator",
        action="append",
        default=[],
        metavar="NAAM",
        help="gespreksleider (herhaalbaar)",
    )
    cmd.add_argument("--listeners", default="", metavar="TEKST", help="wie er luisteren")
    cmd.add_argument(
        "--org",
        action="append",
        default=[],
        metavar="SLEUTEL=NAAM",
        help="organisatie, bv. vt='Veilig Thuis' (herhaalbaar)",
    )
    cmd.add_argument(
        "--participant",
        action="append",
        default=[],
        metavar="PSEUDONIEM[:ROL[:afwezig]]",
        help="deelnemer, bv. 'Ouder 1:ouder' (herhaalbaar)",
    )
    cmd.add_argument(
        "--question",
        action="append",
        default=[],
        metavar="TEKST",
        help="voorbereide vraag (herhaalbaar, in volgorde)",
    )
    cmd.add_argument("--open", action="store_true", help="open daarna het notuleerscherm")

    cmd = commands.add_parser("list", help="toon de bijeenkomsten")
    cmd.add_argument("--json", action="store_true", help="als JSON, voor scripts")

    cmd = commands.add_parser("import", help="lees een bijeenkomstbestand (.json) in")
    cmd.add_argument("file", type=_path, metavar="BESTAND")
    cmd.add_argument(
        "--into",
        type=_meeting_id,
        metavar="ID",
        help="voeg samen met een bestaande bijeenkomst (tweede notulist)",
    )
    cmd.add_argument(
        "--force",
        action="store_true",
        help="--into: voeg ook samen als onderwerp of datum van het bestand afwijken",
    )

    cmd = commands.add_parser("export", help="schrijf een bijeenkomst naar een bestand")
    cmd.add_argument("id", type=_meeting_id, metavar="ID", help="nummer van de bijeenkomst")
    cmd.add_argument(
        "--format",
        default="docx",
        choices=["json", "docx", "md", "csv"],
        help="json (bijeenkomstbestand), docx (Word), md of csv; standaard docx",
    )
    cmd.add_argument(
        "-o",
        "--output",
        type=_path,
        metavar="BESTAND",
        help="doelbestand ('-' voor standaarduitvoer); standaard in deze map",
    )
    cmd.add_argument("--force", action="store_true", help="vervang een bestaand bestand")
    cmd.add_argument(
        "--template",
        type=_path,
        metavar="SJABLOON",
        help="Word-sjabloon (.docx/.dotx) met de huisstijl",
    )
    cmd.add_argument(
        "--appendix",
        action="store_true",
        help="voeg een bijlage toe met de opmerkingen per organisatie",
    )
    cmd.add_argument(
        "--include-private",
        action="store_true",
        help="csv/json: neem ook vertrouwelijke opmerkingen op (zonder deze optie "
        "staan ze er niet in)",
    )
    cmd.add_argument(
        "--include-labels",
        action="store_true",
        help="json: neem de lokale namen van deelnemers op en laat ze in de teksten staan "
        "(alleen voor eigen gebruik; zonder deze optie staat er het pseudoniem)",
    )

    cmd = commands.add_parser(
        "purge",
        help="wis de ruwe notities (opmerkingen, lokale namen) van afgeronde bijeenkomsten; "
        "de uitkomsten blijven",
    )
    cmd.add_argument(
        "id", type=_meeting_id, nargs="?", metavar="ID", help="nummer van de bijeenkomst"
    )
    cmd.add_argument(
        "--older-than",
        type=_days,
        metavar="DAGEN",
        help="alle bijeenkomsten ouder dan zoveel dagen, bv. 90d",
    )
    cmd.add_argument("-y", "--yes", action="store_true", help="niet om bevestiging vragen")

    commands.add_parser("demo", help="open Spiegel op een voorbeeldbijeenkomst")
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


def _meeting_id(text: str) -> int:
    return _whole_number(text, "bijeenkomstnummer", "3", 1, MAX_ID)


def _count(text: str) -> int:
    return _whole_number(text, "aantal", "7", 0, MAX_INVITED)


def _days(text: str) -> int:
    value = text.strip().lower().removesuffix("d")
    return _whole_number(value, "aantal dagen", "90d", 0, MAX_DAYS)


def _safe_streams() -> None:
    """Output that cannot hold "ë" (PYTHONIOENCODING=ascii, LANG=C) gets "?" instead
    of a traceback."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(Exception):
                reconfigure(errors="replace")


def _utf8_arguments(argv: Sequence[str]) -> list[str]:
    """Arguments as typed: under LANG=C Python decodes "ö" as two undecodable bytes,
    which would be stored as two replacement characters."""
    result = []
    for arg in argv:
        try:
            result.append(arg if arg.isascii() else os.fsencode(arg).decode("utf-8"))
        except (UnicodeError, ValueError):
            result.append(arg)
    return result


def _output_closed() -> None:
    """Stdout was closed early (``| head``): drop what is left instead of failing again
    at exit when Python flushes it."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def main(argv: Sequence[str] | None = None) -> int:
    # Everything Spiegel creates (database, backups, exports) is for its owner only.
    os.umask(0o077)
    _safe_streams()
    args = build_parser().parse_args(_utf8_arguments(sys.argv[1:] if argv is None else argv))
    try:
        code = _run(args)
        sys.stdout.flush()
        return code
    except SpiegelError as error:
        _error(error.message)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        _output_closed()
        _error("de uitvoer werd gesloten voordat alles geschreven was.")
        return EXIT_REFUSED
    except OSError as error:
        # Writing to stdout or stderr failed (a full disk, /dev/full): say so if we can.
        if error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EPIPE):
            _output_closed()
            _error("de uitvoer kon niet geschreven worden (schijf vol of uitvoer gesloten).")
            return EXIT_REFUSED
        raise
    except Exception as error:
        # A SQLite error from a connection not opened by the store (none should be
        # left): Dutch all the same, never SQLite's English or a traceback.
        import sqlite3

        if not isinstance(error, sqlite3.Error):
            raise
        from spiegel_tui.storage.database import translate_sqlite_error

        _error(translate_sqlite_error(error, None).message)
        return EXIT_REFUSED


def _error(message: str) -> None:
    with contextlib.suppress(OSError, ValueError):
        print(f"spiegel: {message}", file=sys.stderr)


def _db_path(args: argparse.Namespace) -> tuple[Path, bool]:
    """The database path, and whether its folder may be created (default location)."""
    if args.db is not None:
        return args.db.expanduser(), False
    return default_db_path(), not os.environ.get(DB_ENV)


def _open_store(args: argparse.Namespace, *, readonly: bool = False):
    from spiegel_tui.storage import MeetingStore

    path, create_folder = _db_path(args)
    try:
        return MeetingStore.open(path, create_folder=create_folder, readonly=readonly)
    except OSError as error:  # the path itself (too long, through a file, ...)
        from spiegel_tui.errors import StorageError
        from spiegel_tui.fileio import describe_os_reason

        raise StorageError(
            f"Kan de database '{path}' niet openen: {describe_os_reason(error)}."
        ) from None


def _run(args: argparse.Namespace) -> int:
    command = args.command
    if command is None:
        return _run_app(args, None)
    if command == "open":
        return _run_app(args, args.id)
    if command == "demo":
        from spiegel_tui.ui.demo import run_demo

        return run_demo()
    handlers = {
        "new": _new,
        "list": _list,
        "import": _import,
        "export": _export,
        "purge": _purge,
    }
    return handlers[command](args)


def _run_app(args: argparse.Namespace, meeting_id: int | None) -> int:
    from spiegel_tui.settings import load_settings
    from spiegel_tui.storage.database import INTERACTIVE_WRITE_PATIENCE_S
    from spiegel_tui.ui.app import SpiegelApp
    from spiegel_tui.ui.terminal_input import install_terminal_input_fixes

    install_terminal_input_fixes()
    store = _open_store(args)
    # The app writes on its UI thread: a long lock is reported, not waited out.
    store.write_patience = INTERACTIVE_WRITE_PATIENCE_S
    try:
        if meeting_id is not None and not store.meeting_exists(meeting_id):
            from spiegel_tui.errors import NotFoundError

            raise NotFoundError(f"Er is geen bijeenkomst met nummer {meeting_id}.")
        app = SpiegelApp(store, meeting_id=meeting_id, settings=load_settings())
        app.run()
    finally:
        store.close()
    print_crash_report(app)
    if app.backup_error:
        print(f"spiegel: let op: {app.backup_error}", file=sys.stderr)
    if app.rescue_notice:
        print(f"spiegel: let op: {app.rescue_notice}", file=sys.stderr)
    # 1 after an unexpected error (the app printed its report); 0 otherwise.
    return app.return_code or 0


def print_crash_report(app: SpiegelApp) -> None:
    """After an unexpected error: the report without note text, on the restored terminal."""
    if app.crash_report is not None:
        from rich.console import Console

        Console(stderr=True).print(app.crash_report)


def _new(args: argparse.Namespace) -> int:
    from spiegel_tui.setup.args import meeting_from_args

    meeting = meeting_from_args(
        topic=args.topic,
        date=args.date or dt.date.today().isoformat(),
        start=args.start,
        location=args.location,
        invited=args.invited,
        facilitators=args.facilitator,
        listeners=args.listeners,
        orgs=args.org,
        participants=args.participant,
        questions=args.question,
    )
    store = _open_store(args)
    try:
        meeting_id = store.add_meeting(meeting)
    finally:
        store.close()
    print(meeting_id)
    if args.open:
        return _run_app(args, meeting_id)
    return 0


def _list(args: argparse.Namespace) -> int:
    store = _open_store(args)
    try:
        meetings = store.list_meetings()
    finally:
        store.close()
    if args.json:
        rows = [
            {"id": m.id, "date": m.date.isoformat(), "topic": m.topic, "remarks": m.remarks}
            for m in meetings
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not meetings:
        print("Nog geen bijeenkomsten. Begin met 'spiegel' of 'spiegel new --topic ...'.")
        return 0
    print(f"{'id':>4}  {'datum':<10}  {'opm.':>5}  onderwerp")
    for m in meetings:
        print(f"{m.id:>4}  {m.date.strftime('%d-%m-%Y'):<10}  {m.remarks:>5}  {m.topic}")
    return 0


def _import(args: argparse.Namespace) -> int:
    from spiegel_tui.meetingfile import read_meeting_file

    parsed = read_meeting_file(args.file, progress=_progress)
    for warning in parsed.warnings:
        print(f"spiegel: let op: {warning}", file=sys.stderr)
    store = _open_store(args)
    try:
        if args.into is not None:
            from spiegel_tui.meetingfile.merge import check_same_meeting, merge_into

            if not args.force:
                check_same_meeting(store.load_meeting(args.into), parsed.meeting)
            result = merge_into(store, args.into, parsed.meeting)
            for notice in result.notices:
                print(f"spiegel: let op: {notice}", file=sys.stderr)
            print(
                f"{result.added} opmerking(en) toegevoegd, {result.skipped} al aanwezig.",
                file=sys.stderr,
            )
            print(args.into)
            return 0
        meeting_id = store.add_meeting(parsed.meeting)
    finally:
        store.close()
    print(meeting_id)
    return 0


def _progress(message: str) -> None:
    """A line on stderr while something slow runs (only on a terminal: scripts read
    stderr for warnings)."""
    if sys.stderr.isatty():
        _error(message)


def _export(args: argparse.Namespace) -> int:
    store = _open_store(args)
    try:
        meeting = store.load_meeting(args.id)
    finally:
        store.close()
    from spiegel_tui.exporting import export_meeting

    # export_meeting leaves held key points out and says so (every format).
    to_stdout = args.output is not None and str(args.output) == "-"
    result = export_meeting(
        meeting,
        args.format,
        None if to_stdout else args.output,
        stdout=sys.stdout if to_stdout else None,
        force=args.force,
        template=args.template,
        appendix=args.appendix,
        include_private=args.include_private,
        include_labels=args.include_labels,
        protect=[_db_path(args)[0]],
    )
    for warning in result.warnings:
        print(f"spiegel: let op: {warning}", file=sys.stderr)
    if result.path is not None:
        print(result.path)
    return 0


def _confirm(question: str, assume_yes: bool) -> bool:
    if assume_yes:
        return True
    if not sys.stdin.isatty():
        raise SpiegelError("Bevestig met --yes: er is geen terminal om het te vragen.")
    answer = input(f"{question} [j/N] ").strip().lower()
    return answer in {"j", "ja", "y", "yes"}


def _purge(args: argparse.Namespace) -> int:
    from spiegel_tui.capture.presence import open_elsewhere, warning
    from spiegel_tui.storage.maintenance import purge_meeting, purge_meetings

    if (args.id is None) == (args.older_than is None):
        raise SpiegelError("Geef een bijeenkomstnummer of --older-than, niet beide of geen.")
    store = _open_store(args)
    try:
        if args.id is not None:
            meeting = store.load_meeting(args.id)
            question = (
                f"De {len(meeting.remarks)} opmerkingen en lokale namen van "
                f"'{meeting.topic}' ({meeting.date:%d-%m-%Y}) definitief wissen? "
                "De kernpunten en slotteksten blijven."
            )
            others = open_elsewhere(store, args.id)
            if others:
                print(f"spiegel: {warning(others)}", file=sys.stderr)
                if args.yes:
                    # --yes answers the question asked, not this one: ask it here.
                    raise SpiegelError(
                        f"Niets gewist: bijeenkomst {args.id} is nog geopend. Sluit haar "
                        "daar eerst, of wis zonder --yes en bevestig in de terminal."
                    )
            if not _confirm(question, args.yes):
                print("Niets gewist.")
                return 0
            removed = purge_meeting(store, args.id)
            print(f"{removed} opmerking(en) gewist; de uitkomsten zijn bewaard. {CHECKED}")
            return 0
        if not _confirm(
            f"De ruwe notities van alle bijeenkomsten ouder dan {args.older_than} dagen "
            "definitief wissen?",
            args.yes,
        ):
            print("Niets gewist.")
            return 0
        cutoff = dt.date.today() - dt.timedelta(days=args.older_than)
        ids, still_open = [], []
        for meeting_id in store.meetings_before(cutoff):
            (still_open if open_elsewhere(store, meeting_id) else ids).append(meeting_id)
        if ids:
            purge_meetings(store, ids)
        print(
            f"{len(ids)} bijeenkomst(en) gewist"
            + (f": {', '.join(map(str, ids))}. {CHECKED}" if ids else ".")
        )
        if still_open:
            print(
                "spiegel: niet gewist, want nog geopend in een andere Spiegel: "
                f"{', '.join(map(str, still_open))}. Sluit ze en voer de purge opnieuw uit.",
                file=sys.stderr,
            )
            return EXIT_REFUSED
        return 0
    finally:
        store.close()


#: What a finished purge has checked (see ``maintenance.purge_meetings``).
CHECKED = (
    "Gecontroleerd: de tekst staat niet meer in de database, het WAL-bestand of de reservekopieën."
)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
