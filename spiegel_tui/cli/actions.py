"""``spiegel actions``: the improvement register across all meetings."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from typing import TYPE_CHECKING, Any

from spiegel_tui.cli.common import open_store
from spiegel_tui.cli.parser import meeting_id_arg, org_code_arg
from spiegel_tui.errors import NotFoundError, SpiegelError
from spiegel_tui.model import ACTION_STATUS_LABELS, ActionStatus

if TYPE_CHECKING:
    from spiegel_tui.cli.parser import Commands
    from spiegel_tui.storage.followup_read import ActionRow

#: A status by its value (in_progress) or its Dutch label (bezig).
_STATUS_WORDS: dict[str, ActionStatus] = {
    **{str(s): s for s in ActionStatus},
    **{label: s for s, label in ACTION_STATUS_LABELS.items()},
    "in-progress": ActionStatus.IN_PROGRESS,
}


def _status(text: str) -> ActionStatus:
    found = _STATUS_WORDS.get(text.strip().lower())
    if found is None:
        allowed = ", ".join(str(s) for s in ActionStatus)
        labels = ", ".join(ACTION_STATUS_LABELS[s] for s in ActionStatus if str(s) != s.label)
        raise argparse.ArgumentTypeError(
            f"'{text[:40]}' is geen status; kies uit {allowed} (of {labels})"
        )
    return found


def register(commands: Commands) -> None:
    cmd = commands.add_parser(
        "actions",
        help="toon de verbeteracties van alle bijeenkomsten (het verbeterregister)",
        description="Het verbeterregister: elke verbeteractie met haar bijeenkomst, "
        "organisatie, kernpunt, eigenaar, uiterste datum en status.",
    )
    cmd.add_argument("--json", action="store_true", help="als JSON (één object per actie)")
    cmd.add_argument(
        "--org", type=org_code_arg, metavar="CODE", help="alleen deze organisatie (code of naam)"
    )
    cmd.add_argument(
        "--status",
        type=_status,
        metavar="STATUS",
        help="alleen deze status: open, in_progress (bezig), done (gedaan) of dropped (vervallen)",
    )
    cmd.add_argument(
        "--overdue",
        action="store_true",
        help="alleen acties over hun uiterste datum die nog open of bezig zijn",
    )
    cmd.add_argument("--meeting", type=meeting_id_arg, metavar="ID", help="alleen deze bijeenkomst")
    cmd.set_defaults(handler=_actions)


def _actions(args: argparse.Namespace) -> int:
    from spiegel_tui.storage.followup_store import FollowUpStore

    today = dt.date.today()
    store = open_store(args)
    try:
        if args.meeting is not None and not store.meeting_exists(args.meeting):
            raise NotFoundError(f"Er is geen bijeenkomst met nummer {args.meeting}.")
        follow = FollowUpStore(store)
        if args.org is not None and not follow.organisation_known(args.org):
            raise SpiegelError(
                f"Geen organisatie met code of naam '{args.org}' in de database "
                "(zie 'spiegel export ID --format json' voor de codes)."
            )
        rows = follow.actions(
            organisation=args.org,
            status=args.status,
            overdue_on=today if args.overdue else None,
            meeting_id=args.meeting,
        )
    finally:
        store.close()
    if args.json:
        print(json.dumps([_as_json(row, today) for row in rows], ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print("Geen verbeteracties gevonden.")
        return 0
    print(f"{'id':>4}  {'bijeenk.':>8}  {'org.':<6}  {'status':<9}  {'uiterlijk':<10}  actie")
    for row in rows:
        due = row.due.strftime("%d-%m-%Y") if row.due else "-"
        late = " (te laat)" if row.overdue(today) else ""
        owner = f" [{row.owner}]" if row.owner else ""
        print(
            f"{row.id:>4}  {row.meeting_id:>8}  {row.organisation[:6]:<6}  "
            f"{row.status.label:<9}  {due:<10}  {_one_line(row.text)}{owner}{late}"
        )
    return 0


def _one_line(text: str, limit: int = 70) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _as_json(row: ActionRow, today: dt.date) -> dict[str, Any]:
    return {
        "id": row.id,
        "meeting": row.meeting_id,
        "meeting_topic": row.meeting_topic,
        "meeting_date": row.meeting_date.isoformat(),
        "organisation": row.organisation,
        "organisation_name": row.organisation_name,
        "key_point": row.key_point_text,
        "text": row.text,
        "owner": row.owner,
        "due": row.due.isoformat() if row.due else None,
        "status": str(row.status),
        "overdue": row.overdue(today),
        "history": [
            {"at": e.at.isoformat(), "status": str(e.status), "note": e.note} for e in row.history
        ],
    }
