"""``spiegel`` (no subcommand), ``open``, ``new``, ``list`` and ``demo``."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import TYPE_CHECKING

from spiegel_tui.cli.common import open_store
from spiegel_tui.cli.parser import count_arg, meeting_id_arg

if TYPE_CHECKING:
    from spiegel_tui.cli.parser import Commands
    from spiegel_tui.ui.app import SpiegelApp


def register_open(commands: Commands) -> None:
    cmd = commands.add_parser("open", help="open een bijeenkomst in het notuleerscherm")
    cmd.add_argument("id", type=meeting_id_arg, metavar="ID", help="nummer van de bijeenkomst")
    cmd.set_defaults(handler=_open)


def register_new(commands: Commands) -> None:
    cmd = commands.add_parser("new", help="maak een nieuwe bijeenkomst aan (voor scripts)")
    cmd.add_argument("--topic", required=True, metavar="TEKST", help="project/onderwerp")
    cmd.add_argument("--date", metavar="JJJJ-MM-DD", help="datum (standaard vandaag)")
    cmd.add_argument("--start", metavar="UU:MM", help="begintijd")
    cmd.add_argument("--location", default="", metavar="PLAATS", help="locatie")
    cmd.add_argument(
        "--invited", type=count_arg, metavar="N", help="aantal uitgenodigde deelnemers"
    )
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
    cmd.set_defaults(handler=_new)


def register_list(commands: Commands) -> None:
    cmd = commands.add_parser("list", help="toon de bijeenkomsten")
    cmd.add_argument("--json", action="store_true", help="als JSON, voor scripts")
    cmd.set_defaults(handler=_list)


def register_demo(commands: Commands) -> None:
    cmd = commands.add_parser("demo", help="open Spiegel op een voorbeeldbijeenkomst")
    cmd.set_defaults(handler=_demo)


def run_default(args: argparse.Namespace) -> int:
    return _run_app(args, None)


def _open(args: argparse.Namespace) -> int:
    return _run_app(args, args.id)


def _demo(args: argparse.Namespace) -> int:
    from spiegel_tui.ui.demo import run_demo

    return run_demo()


def _run_app(args: argparse.Namespace, meeting_id: int | None) -> int:
    from spiegel_tui.settings import load_settings
    from spiegel_tui.storage.database import INTERACTIVE_WRITE_PATIENCE_S
    from spiegel_tui.ui.app import SpiegelApp
    from spiegel_tui.ui.terminal_input import install_terminal_input_fixes

    install_terminal_input_fixes()
    store = open_store(args)
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
    store = open_store(args)
    try:
        meeting_id = store.add_meeting(meeting)
    finally:
        store.close()
    print(meeting_id)
    if args.open:
        return _run_app(args, meeting_id)
    return 0


def _list(args: argparse.Namespace) -> int:
    store = open_store(args)
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
