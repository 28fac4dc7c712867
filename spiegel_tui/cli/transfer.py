"""``spiegel import`` and ``spiegel export``: meetings in and out of the database."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from spiegel_tui.cli.common import db_path, open_store, progress
from spiegel_tui.cli.parser import meeting_id_arg, org_code_arg, path_arg

if TYPE_CHECKING:
    from spiegel_tui.cli.parser import Commands


def register_import(commands: Commands) -> None:
    cmd = commands.add_parser("import", help="lees een bijeenkomstbestand (.json) in")
    cmd.add_argument("file", type=path_arg, metavar="BESTAND")
    cmd.add_argument(
        "--into",
        type=meeting_id_arg,
        metavar="ID",
        help="voeg samen met een bestaande bijeenkomst (tweede notulist)",
    )
    cmd.add_argument(
        "--force",
        action="store_true",
        help="--into: voeg ook samen als onderwerp of datum van het bestand afwijken",
    )
    cmd.set_defaults(handler=_import)


def register_export(commands: Commands) -> None:
    from spiegel_tui.export.formats import FORMATS

    cmd = commands.add_parser("export", help="schrijf een bijeenkomst naar een bestand")
    cmd.add_argument("id", type=meeting_id_arg, metavar="ID", help="nummer van de bijeenkomst")
    cmd.add_argument(
        "--format",
        default="docx",
        choices=FORMATS,
        help="json (bijeenkomstbestand), docx (Word), md, csv, letter (brief aan de "
        "deelnemers, Word) of feedback (terugkoppeling: wat u ons vertelde, wat we deden, "
        "Word); standaard docx",
    )
    cmd.add_argument(
        "-o",
        "--output",
        type=path_arg,
        metavar="BESTAND",
        help="doelbestand ('-' voor standaarduitvoer); standaard in deze map",
    )
    cmd.add_argument("--force", action="store_true", help="vervang een bestaand bestand")
    cmd.add_argument(
        "--template",
        type=path_arg,
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
    cmd.add_argument(
        "--org",
        type=org_code_arg,
        metavar="CODE",
        help="letter/feedback: alleen de punten en acties van deze organisatie (bv. vt)",
    )
    cmd.set_defaults(handler=_export)


def _import(args: argparse.Namespace) -> int:
    from spiegel_tui.meetingfile import read_meeting_file

    parsed = read_meeting_file(args.file, progress=progress)
    for warning in parsed.warnings:
        print(f"spiegel: let op: {warning}", file=sys.stderr)
    store = open_store(args)
    try:
        if args.into is not None:
            from spiegel_tui.meetingfile.merge import check_same_meeting, merge_into

            if not args.force:
                check_same_meeting(store.load_meeting(args.into), parsed.meeting)
            result = merge_into(store, args.into, parsed.meeting)
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


def _export(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        meeting = store.load_meeting(args.id)
    finally:
        store.close()
    from spiegel_tui.export import export_meeting
    from spiegel_tui.outcome.edit import held_warnings, without_held_points

    if args.format != "json" and not args.include_private:
        # Key points whose remarks turned private or were deleted stay out, said aloud.
        for warning in held_warnings(meeting.outcome.key_points):
            print(f"spiegel: let op: {warning}", file=sys.stderr)
        meeting = without_held_points(meeting)
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
        protect=[db_path(args)[0]],
        organisation=args.org,
    )
    for warning in result.warnings:
        print(f"spiegel: let op: {warning}", file=sys.stderr)
    if result.path is not None:
        print(result.path)
    return 0
