"""Generated: two wrap-ups and a capture on one meeting, edits in random order.

Three connections to one file: sessions A and B edit the outcome (points made,
reworded, moved, merged, confirmed, removed; closing texts typed), C plays the capture
(remarks added, marked private, deleted). Each looks at the database only when its
rule says ``poll``, so the sessions are as stale as real screens get. After every
step: no confirmed edit is lost (a point holds the text of its last confirmed edit;
a closing text holds every word ever confirmed into it) and no private remark's text
is in a document made from the store.

Budget: ``SPIEGEL_HYPOTHESIS_EXAMPLES`` (default 25 in CI); the long run is
``benchmarks/outcome_interleavings.sh`` (2,000 examples).
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

import pytest
from helpers import small_meeting
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from trust_figures import record

from spiegel_tui.errors import MeetingGoneError, SpiegelError
from spiegel_tui.export.markdown import render_markdown
from spiegel_tui.model import Kind, Remark
from spiegel_tui.outcome.edit import without_held_points
from spiegel_tui.outcome.session import WrapUpSession
from spiegel_tui.storage import MeetingStore

EXAMPLES = int(os.environ.get("SPIEGEL_HYPOTHESIS_EXAMPLES", "25"))
FIELDS = ("produced", "input_follow_up", "follow_up_meeting")
RUNS = {"examples": 0, "steps": 0, "conflicts": 0, "refused": 0}


def remark_token(n: int) -> str:
    return f"rq{n}x"


class TwoWrapUpsAndACapture(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        RUNS["examples"] += 1
        self.folder = tempfile.TemporaryDirectory()
        path = Path(self.folder.name) / "samen.db"
        first = MeetingStore.open(path)
        meeting = small_meeting(0)
        for n in range(6):
            meeting.remarks.append(
                Remark(
                    at=dt.datetime(2021, 10, 14, 19, 40 + n, tzinfo=dt.UTC),
                    text=f"Opmerking {remark_token(n)}",
                    kind=Kind.IMPROVEMENT,
                    id=n + 1,
                )
            )
        self.meeting_id = first.add_meeting(meeting)
        self.capture = MeetingStore.open(path)
        self.sessions = {
            "A": WrapUpSession(first, self.meeting_id, owner="A"),
            "B": WrapUpSession(MeetingStore.open(path), self.meeting_id, owner="B"),
        }
        for session in self.sessions.values():
            session.load()
        self.next_remark = 6
        self.purged = False
        self.counter = 0
        #: Point id -> the text of its last confirmed edit.
        self.point_texts: dict[int, str] = {}
        #: Field -> every word confirmed into it.
        self.text_words: dict[str, set[str]] = {f: set() for f in FIELDS}

    def teardown(self) -> None:
        for session in self.sessions.values():
            session.store.close()
        self.capture.close()
        self.folder.cleanup()

    def _token(self, who: str) -> str:
        self.counter += 1
        return f"{who.lower()}w{self.counter}z"

    def _session(self, who: str) -> WrapUpSession:
        RUNS["steps"] += 1
        return self.sessions[who]

    def _stored_text(self, point_id: int | None) -> str | None:
        for point in self.capture.load_meeting(self.meeting_id).outcome.key_points:
            if point.id == point_id:
                return point.text
        return None

    def _try(self, edit) -> bool:  # type: ignore[no-untyped-def]
        try:
            edit()
        except SpiegelError as error:
            RUNS["conflicts" if "elders" in error.message else "refused"] += 1
            return False
        return True

    who = st.sampled_from(["A", "B"])

    # The wrap-ups --------------------------------------------------------------

    @rule(who=who)
    def poll(self, who: str) -> None:
        self._session(who).poll()

    @rule(who=who, pick=st.integers(0, 20))
    def make_point(self, who: str, pick: int) -> None:
        session = self._session(who)
        remarks = [r for r in session.meeting.remarks if not r.private and not r.deleted]
        if not remarks:
            return
        remark = remarks[pick % len(remarks)]
        result: list[int] = []
        if self._try(lambda: result.append(session.make_point([remark])[0])):
            point = session.points[result[0]]
            self.point_texts[point.id or 0] = point.text

    @rule(who=who)
    def new_point(self, who: str) -> None:
        session = self._session(who)
        text = self._token(who)
        result: list[int] = []
        if self._try(lambda: result.append(session.new_point(text)[0])):
            self.point_texts[session.points[result[0]].id or 0] = text

    @precondition(lambda self: any(s.points for s in self.sessions.values()))
    @rule(who=who, pick=st.integers(0, 20))
    def reword(self, who: str, pick: int) -> None:
        session = self._session(who)
        if not session.points:
            return
        point = session.points[pick % len(session.points)]
        text = self._token(who)
        before = self._stored_text(point.id)
        if self._try(lambda: session.reword(point, text)):
            # Replaced only what this session saw: no one else's edit went under.
            assert before == point.text, (before, point.text)
            self.point_texts[point.id or 0] = text

    @rule(who=who, pick=st.integers(0, 20), delta=st.sampled_from([-1, 1]))
    def move(self, who: str, pick: int, delta: int) -> None:
        session = self._session(who)
        if session.points:
            self._try(lambda: session.move(pick % len(session.points), delta))

    @rule(who=who, pick=st.integers(0, 20))
    def merge(self, who: str, pick: int) -> None:
        session = self._session(who)
        if len(session.points) < 2:
            return
        first = pick % (len(session.points) - 1)
        parts = session.points[first : first + 2]
        before = [self._stored_text(p.id) for p in parts]
        result: list[int] = []
        if self._try(lambda: result.append(session.merge([first, first + 1])[0])):
            assert before == [p.text for p in parts], (before, parts)
            self.point_texts.pop(parts[1].id or 0, None)
            self.point_texts[parts[0].id or 0] = session.points[result[0]].text

    @rule(who=who, pick=st.integers(0, 20))
    def remove(self, who: str, pick: int) -> None:
        session = self._session(who)
        if not session.points:
            return
        point = session.points[pick % len(session.points)]
        before = self._stored_text(point.id)
        if self._try(lambda: session.remove(point)):
            assert before == point.text, (before, point.text)
            self.point_texts.pop(point.id or 0, None)

    @rule(who=who, pick=st.integers(0, 20))
    def confirm(self, who: str, pick: int) -> None:
        # A note-taker confirms a point only after reading it: here, only a point whose
        # shown remarks are merely deleted (text of a private one must be reworded).
        session = self._session(who)
        held = [
            (i, p)
            for i, p in enumerate(session.points)
            if p.held_by
            and all(not (r := session.meeting.remark(x)) or not r.private for x in p.remarks)
        ]
        if held:
            index, _ = held[pick % len(held)]
            self._try(lambda: session.confirm(index))

    @rule(who=who, field=st.sampled_from(FIELDS), save=st.booleans())
    def type_text(self, who: str, field: str, save: bool) -> None:
        session = self._session(who)
        word = self._token(who)
        session.type_text(field, f"{session.text(field)} {word}".strip())
        if save:
            self._save(session)

    @rule(who=who)
    def save_texts(self, who: str) -> None:
        self._save(self._session(who))

    def _save(self, session: WrapUpSession) -> None:
        typed = dict(session.dirty)
        try:
            session.save_texts()
        except SpiegelError:
            return
        for field, text in typed.items():
            if field in FIELDS and field not in session.dirty:
                self.text_words[field] |= set(text.split())

    # The capture -------------------------------------------------------------------

    @rule()
    def add_remark(self) -> None:
        remark = Remark(
            at=dt.datetime(2021, 10, 14, 20, 30, tzinfo=dt.UTC),
            text=f"Opmerking {remark_token(self.next_remark)}",
            kind=Kind.POSITIVE,
        )
        self.next_remark += 1
        if self.purged:
            # A purged meeting takes no new remarks (issue 9: nothing is written back).
            with pytest.raises(MeetingGoneError):
                self.capture.add_remark(self.meeting_id, remark)
            return
        self.capture.add_remark(self.meeting_id, remark)

    @rule(pick=st.integers(0, 40), private=st.booleans())
    def flag_remark(self, pick: int, private: bool) -> None:
        remarks = self.capture.load_meeting(self.meeting_id).remarks
        if not remarks:  # all purged
            return
        remark = remarks[pick % len(remarks)]
        if private:
            remark.private = True
            self.capture.update_remark(self.meeting_id, remark)
        else:
            self.capture.set_remark_deleted(remark.id or 0, True)

    @precondition(lambda self: not self.purged and self.counter > 8)
    @rule()
    def purge(self) -> None:
        # ``spiegel purge`` under both open wrap-ups: remarks go, the outcome stays.
        self.purged = True
        self.capture.purge_raw_notes(self.meeting_id)

    # What must always hold -------------------------------------------------------

    @invariant()
    def no_confirmed_edit_is_lost(self) -> None:
        stored = self.capture.load_meeting(self.meeting_id)
        points = {p.id: p.text for p in stored.outcome.key_points}
        assert points == self.point_texts
        for field in FIELDS:
            words = set(getattr(stored.outcome, field).split())
            assert self.text_words[field] <= words, field

    @invariant()
    def no_private_text_in_a_document(self) -> None:
        stored = self.capture.load_meeting(self.meeting_id)
        document = render_markdown(without_held_points(stored), appendix=True)
        for remark in stored.remarks:
            if remark.private:
                token = remark.text.split()[-1]
                assert token not in document, token


TwoWrapUpsAndACapture.TestCase.settings = settings(
    max_examples=EXAMPLES,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


class TestInterleavings(TwoWrapUpsAndACapture.TestCase):  # type: ignore[name-defined]
    @classmethod
    def tearDownClass(cls) -> None:
        record(**{f"interleavings_{key}": value for key, value in RUNS.items()})
        print(f"outcome interleavings: {RUNS}")
