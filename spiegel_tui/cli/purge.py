"""``spiegel purge``: wipe the raw notes of finished meetings; the outcomes stay."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import TYPE_CHECKING

from spiegel_tui.cli.common import EXIT_REFUSED, open_store
from spiegel_tui.cli.parser import days_arg, meeting_id_arg
from spiegel_tui.errors import SpiegelError

if TYPE_CHECKING:
    from spiegel_tui.cli.parser import Commands


def register(commands: Commands) -> None:
    cmd = commands.add_parser(
        "purge",
        help="wis de ruwe notities (opmerkingen, lokale namen) van afgeronde bijeenkomsten; "
        "de uitkomsten blijven",
    )
    cmd.add_argument(
        "id", type=meeting_id_arg, nargs="?", metavar="ID", help="nummer van de bijeenkomst"
    )
    cmd.add_argument(
        "--older-than",
        type=days_arg,
        metavar="DAGEN",
        help="alle bijeenkomsten ouder dan zoveel dagen, bv. 90d",
    )
    cmd.add_argument("-y", "--yes", action="store_true", help="niet om bevestiging vragen")
    cmd.set_defaults(handler=_purge)


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
    store = open_store(args)
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
