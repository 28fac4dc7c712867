"""Version 2 of the meeting file: what happens after the meeting.

The debrief's answers per key point and organisation, the improvement actions and
their history, the cycle's planned dates, the debrief notes and the letter (see
``docs/meeting-file.md``). Read only from version-2 files; always written, so a
version-2 file read and written again is the same file.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spiegel_tui.meetingfile.reader import Reader
from spiegel_tui.model import (
    Action,
    ActionEvent,
    ActionStatus,
    Cycle,
    Decision,
    KeyPoint,
    Outcome,
    Recognition,
    Response,
)

CYCLE_FIELDS = ("debrief", "letter", "feedback_meeting")
KEY_POINT_FIELDS = {"themes", "responses"}
OUTCOME_FIELDS = {"debrief_notes", "letter"}
_RESPONSE_FIELDS = {"organisation", "recognition", "note", "decision", "reason", "actions"}
_ACTION_FIELDS = {"text", "owner", "due", "status", "history"}


class FollowUpReader:
    """Reads the version-2 parts of one file; action ids are unique across the file."""

    def __init__(self, r: Reader, organisations: set[str]) -> None:
        self.r = r
        self.organisations = organisations
        self.action_ids: set[str] = set()

    def cycle(self, value: Any) -> Cycle:
        r = self.r
        if value is None:
            return Cycle()
        obj = r.obj(value, "meeting.cycle")
        r.unknown(obj, set(CYCLE_FIELDS), "meeting.cycle")
        dates = {name: r.date(obj.get(name), f"meeting.cycle.{name}") for name in CYCLE_FIELDS}
        return Cycle(**dates)

    def key_point(self, point: KeyPoint, obj: dict[str, Any], where: str) -> None:
        r = self.r
        themes = []
        for j, theme in enumerate(r.array(obj.get("themes", []), f"{where}.themes")):
            themes.append(
                r.text(theme, f"{where}.themes[{j}]", multiline=False, allow_empty=False).strip()
            )
        point.themes = themes
        answered: set[str] = set()
        for j, item in enumerate(r.array(obj.get("responses", []), f"{where}.responses")):
            response = self.response(item, f"{where}.responses[{j}]")
            if response.organisation in answered:
                raise r.fail(
                    f"{where}.responses[{j}].organisation",
                    f"organisatie '{response.organisation}' antwoordt al op dit kernpunt.",
                )
            answered.add(response.organisation)
            point.responses.append(response)

    def response(self, item: Any, where: str) -> Response:
        r = self.r
        obj = r.obj(item, where)
        r.unknown(obj, _RESPONSE_FIELDS, where)
        organisation = r.listed(
            r.required(obj, "organisation", where),
            f"{where}.organisation",
            self.organisations,
            "organisatie",
            "organisations",
        )
        return Response(
            organisation=organisation,
            recognition=r.choice(
                r.required(obj, "recognition", where),
                f"{where}.recognition",
                Recognition,
                "herkenning",
            ),
            decision=r.choice(
                r.required(obj, "decision", where), f"{where}.decision", Decision, "besluit"
            ),
            note=r.text(obj.get("note", ""), f"{where}.note"),
            reason=r.text(obj.get("reason", ""), f"{where}.reason"),
            actions=[
                self.action(a, f"{where}.actions[{k}]")
                for k, a in enumerate(r.array(obj.get("actions", []), f"{where}.actions"))
            ],
        )

    def action(self, item: Any, where: str) -> Action:
        r = self.r
        obj, _key = r.identified(item, where, _ACTION_FIELDS, self.action_ids)
        status = r.choice(
            r.required(obj, "status", where), f"{where}.status", ActionStatus, "status"
        )
        history = []
        for n, entry in enumerate(r.array(obj.get("history", []), f"{where}.history")):
            at = f"{where}.history[{n}]"
            event = r.obj(entry, at)
            r.unknown(event, {"at", "status", "note"}, at)
            history.append(
                ActionEvent(
                    at=r.timestamp(r.required(event, "at", at), f"{at}.at"),
                    status=r.choice(
                        r.required(event, "status", at), f"{at}.status", ActionStatus, "status"
                    ),
                    note=r.text(event.get("note", ""), f"{at}.note"),
                )
            )
        if history and history[-1].status != status:
            raise r.fail(
                f"{where}.status",
                f"'{status}' verschilt van de laatste status in de geschiedenis "
                f"('{history[-1].status}').",
            )
        return Action(
            text=r.text(r.required(obj, "text", where), f"{where}.text", allow_empty=False),
            owner=r.text(obj.get("owner", ""), f"{where}.owner", multiline=False),
            due=r.date(obj.get("due"), f"{where}.due"),
            status=status,
            history=history,
        )

    def outcome(self, outcome: Outcome, obj: dict[str, Any]) -> None:
        r = self.r
        outcome.debrief_notes = r.text(obj.get("debrief_notes", ""), "outcome.debrief_notes")
        outcome.letter = r.text(obj.get("letter", ""), "outcome.letter")


def cycle_to_dict(cycle: Cycle) -> dict[str, str | None]:
    return {
        name: (day.isoformat() if (day := getattr(cycle, name)) else None) for name in CYCLE_FIELDS
    }


class FollowUpWriter:
    """Writes the version-2 parts; action ids a1, a2, ... in file order.

    ``keep`` is applied to every free text (it replaces local labels when the file
    is to be shared).
    """

    def __init__(self, keep: Callable[[str], str] = str) -> None:
        self.keep = keep
        self.actions = 0

    def key_point(self, point: KeyPoint) -> dict[str, Any]:
        keep = self.keep
        return {
            "themes": [keep(theme) for theme in point.themes],
            "responses": [self.response(response) for response in point.responses],
        }

    def response(self, response: Response) -> dict[str, Any]:
        keep = self.keep
        return {
            "organisation": response.organisation,
            "recognition": str(response.recognition),
            "note": keep(response.note),
            "decision": str(response.decision),
            "reason": keep(response.reason),
            "actions": [self.action(action) for action in response.actions],
        }

    def action(self, action: Action) -> dict[str, Any]:
        self.actions += 1
        keep = self.keep
        return {
            "id": f"a{self.actions}",
            "text": keep(action.text),
            "owner": keep(action.owner),
            "due": action.due.isoformat() if action.due else None,
            "status": str(action.status),
            "history": [
                {"at": event.at.isoformat(), "status": str(event.status), "note": keep(event.note)}
                for event in action.history
            ],
        }
