"""A meeting's setup rows (participants, organisations, questions) kept in step."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from spiegel_tui.model import (
    Meeting,
)
from spiegel_tui.storage.connection import StoreConnection

if TYPE_CHECKING:
    pass


@dataclass(frozen=True)
class _KeyMaps:
    """A meeting's keys to row ids, looked up once per write."""

    people: dict[str, int]
    questions: dict[str, int]
    orgs: dict[str, int]


class SetupRows(StoreConnection):
    """The setup part of :class:`~spiegel_tui.storage.MeetingStore`."""

    def _sync_setup(self, meeting_id: int, meeting: Meeting) -> None:
        org_ids = self._sync_items(
            "organisations",
            meeting_id,
            [{"key": o.key, "name": o.name} for o in meeting.organisations],
        )
        person_ids = self._sync_items(
            "participants",
            meeting_id,
            [
                {
                    "key": p.key,
                    "pseudonym": p.pseudonym,
                    "role": str(p.role),
                    "present": int(p.present),
                    "label": p.label,
                }
                for p in meeting.participants
            ],
        )
        for person in meeting.participants:
            pid = person_ids[person.key]
            self.conn.execute(
                "DELETE FROM participant_organisations WHERE participant_id = ?", [pid]
            )
            for key in dict.fromkeys(person.organisations):
                if key in org_ids:
                    self.conn.execute(
                        "INSERT INTO participant_organisations VALUES (?, ?)", [pid, org_ids[key]]
                    )
        self._sync_items(
            "questions", meeting_id, [{"key": q.key, "text": q.text} for q in meeting.questions]
        )

    def _sync_items(
        self, table: str, meeting_id: int, items: list[dict[str, Any]]
    ) -> dict[str, int]:
        existing = self._key_ids(table, meeting_id)
        wanted = {item["key"] for item in items}
        for key, row_id in existing.items():
            if key not in wanted:
                self.conn.execute(f"DELETE FROM {table} WHERE id = ?", [row_id])
        ids: dict[str, int] = {}
        for position, item in enumerate(items):
            row = {**item, "meeting_id": meeting_id, "position": position}
            if item["key"] in existing:
                ids[item["key"]] = existing[item["key"]]
                self.db[table].update(existing[item["key"]], row)
            else:
                ids[item["key"]] = self.db[table].insert(row).last_pk
        return ids

    def _key_maps(self, meeting_id: int) -> _KeyMaps:
        return _KeyMaps(
            people=self._key_ids("participants", meeting_id),
            questions=self._key_ids("questions", meeting_id),
            orgs=self._key_ids("organisations", meeting_id),
        )

    def _key_ids(self, table: str, meeting_id: int) -> dict[str, int]:
        rows = self.conn.execute(f"SELECT key, id FROM {table} WHERE meeting_id = ?", [meeting_id])
        return dict(rows.fetchall())
