"""``spiegel check ID`` and the refusal of ``spiegel export`` while findings are open.

The re-identification check itself is imported only when a command needs it.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from spiegel_tui.cli.common import open_store
from spiegel_tui.cli.parser import meeting_id_arg

if TYPE_CHECKING:
    from spiegel_tui.cli.parser import Commands
    from spiegel_tui.model import Meeting
    from spiegel_tui.privacy.gate import Check
    from spiegel_tui.storage.privacy_store import PrivacyAnswer
    from spiegel_tui.storage.store import MeetingStore


def register(commands: Commands) -> None:
    cmd = commands.add_parser(
        "check",
        help="controleer de teksten op details die een gezin of professional herleidbaar "
        "maken (namen, plaatsen, data, nummers); uitkomst 1 zolang er open bevindingen zijn",
    )
    cmd.add_argument("id", type=meeting_id_arg, metavar="ID", help="nummer van de bijeenkomst")
    cmd.add_argument(
        "--format",
        choices=["docx", "md", "csv"],
        help="alleen wat in dit document komt (standaard: alle teksten van de documenten)",
    )
    cmd.add_argument(
        "--appendix", action="store_true", help="docx/md: met de bijlage met opmerkingen"
    )
    cmd.add_argument("--json", action="store_true", help="als JSON (voor scripts)")
    cmd.set_defaults(handler=_check)


def register_allow_findings(cmd: argparse.ArgumentParser) -> None:
    """``--allow-findings`` on ``spiegel export``."""
    cmd.add_argument(
        "--allow-findings",
        action="store_true",
        help="docx/md/csv: exporteer ook als de controle op herleidbaarheid nog open "
        "bevindingen heeft (zie 'spiegel check')",
    )


def _check(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        return run_check(args, store)
    finally:
        store.close()


def load_check(
    store: MeetingStore,
    meeting: Meeting,
    fmt: str,
    *,
    appendix: bool,
    include_private: bool = False,
) -> tuple[Check, dict[str, PrivacyAnswer]]:
    from spiegel_tui.privacy.gate import check_document
    from spiegel_tui.storage.privacy_store import PrivacyStore

    assert meeting.id is not None
    answers = PrivacyStore(store).answers(meeting.id)
    check = check_document(
        meeting, fmt, answers, appendix=appendix, include_private=include_private
    )
    return check, answers


def findings_json(meeting: Meeting, check: Check) -> list[dict[str, object]]:
    from spiegel_tui.privacy.gate import where

    return [
        {
            "kind": finding.kind.name.lower(),
            "kind_label": finding.kind.value,
            "text_id": finding.text_id,
            "where": where(meeting, finding.text_id),
            "found": finding.found,
            "context": check.context(finding),
            "replacement": finding.replacement,
            "key": finding.key,
        }
        for finding in check.open
    ]


def print_findings(meeting: Meeting, check: Check, out: Any) -> None:
    for item in findings_json(meeting, check):
        print(
            f"- {item['kind_label']} in {item['where']}: {item['context']}\n"
            f"  voorstel: {item['replacement']}",
            file=out,
        )


def run_check(args: argparse.Namespace, store: MeetingStore) -> int:
    meeting = store.load_meeting(args.id)
    from spiegel_tui.outcome.edit import without_held_points

    meeting = without_held_points(meeting)
    fmt = args.format or "docx"
    appendix = args.appendix or args.format is None
    check, answers = load_check(store, meeting, fmt, appendix=appendix)
    if args.json:
        json.dump(
            {
                "meeting": meeting.id,
                "open": findings_json(meeting, check),
                "answered": sum(1 for f in check.findings if f.key in answers),
            },
            sys.stdout,
            ensure_ascii=False,
            indent=2,
        )
        sys.stdout.write("\n")
    elif check.open:
        print(f"{len(check.open)} open bevinding(en) die herleidbaar kunnen zijn:")
        print_findings(meeting, check, sys.stdout)
        print("Beantwoord ze in de app (afronden, exporteren) of exporteer met --allow-findings.")
    else:
        print("Geen open bevindingen.")
    return 1 if check.open else 0


def gate_export(args: argparse.Namespace, store: MeetingStore, meeting: Meeting) -> Meeting | None:
    """The meeting as it goes into the document (answers applied), or None when open
    findings refuse the export (the list is then on stderr)."""
    from spiegel_tui.privacy.gate import NOT_A_DOCUMENT, apply_answers

    if args.format in NOT_A_DOCUMENT:
        return meeting
    check, answers = load_check(
        store,
        meeting,
        args.format,
        appendix=args.appendix,
        include_private=args.include_private,
    )
    if check.open and not args.allow_findings:
        print(
            f"spiegel: niet geëxporteerd: {len(check.open)} open bevinding(en) die een gezin "
            "of professional herleidbaar kunnen maken:",
            file=sys.stderr,
        )
        print_findings(meeting, check, sys.stderr)
        print(
            "spiegel: beantwoord ze in de app, bekijk ze met 'spiegel check "
            f"{meeting.id}', of exporteer toch met --allow-findings.",
            file=sys.stderr,
        )
        return None
    if check.open:
        print(
            f"spiegel: let op: {len(check.open)} open bevinding(en) staan in het document "
            "(--allow-findings).",
            file=sys.stderr,
        )
    return apply_answers(meeting, check, answers)
