"""The capture rules without a terminal: CaptureSession on a real store."""

from __future__ import annotations

import pytest
from capture_support import FROZEN

from spiegel_tui.capture.session import CaptureSession
from spiegel_tui.capture.tokens import Context
from spiegel_tui.errors import StorageError
from spiegel_tui.model import Kind
from spiegel_tui.storage import Draft


@pytest.fixture
def session(store, meeting_id) -> CaptureSession:
    s = CaptureSession(store, meeting_id, lambda: FROZEN)
    s.load()
    return s


def test_commit_stores_first_and_resets_the_tags(session, store, meeting_id) -> None:
    result = session.commit("@2 #vt ! * % Te laat gebeld")
    assert result.error is None
    remark = result.remark
    assert remark is not None and remark.id is not None
    stored = store.load_remarks(meeting_id)[-1]
    assert stored == remark
    assert (stored.at, stored.question) == (FROZEN, None)
    assert session.context == Context("p2", ("vt",))
    assert session.meeting.remarks[-1] is remark


def test_commit_of_tokens_only_or_nothing(session, store, meeting_id) -> None:
    count = len(store.load_remarks(meeting_id))
    assert session.commit("   ").remark is None
    assert session.commit("@3 #rvdk").remark is None
    assert session.context.participant == "p3"
    assert session.commit("@7 x").error
    assert len(store.load_remarks(meeting_id)) == count


def test_commit_refused_by_the_store_changes_nothing(session, store, monkeypatch) -> None:
    def refuse(*args):
        raise StorageError("De schijf is vol.")

    monkeypatch.setattr(store, "add_remark", refuse)
    before = (session.context, len(session.meeting.remarks))
    with pytest.raises(StorageError):
        session.commit("+ verloren?")
    assert (session.context, len(session.meeting.remarks)) == before


def test_change_and_undo_including_delete(session, store, meeting_id) -> None:
    remark = session.live()[0]
    starred = session.change(remark, starred=not remark.starred)
    deleted = session.change(starred, deleted=True)
    assert store.load_meeting(meeting_id).remark(remark.id).deleted
    assert deleted not in session.live()
    assert session.undo() == starred
    assert not store.load_meeting(meeting_id).remark(remark.id).deleted
    assert session.undo() == remark
    assert store.load_meeting(meeting_id).remark(remark.id) == remark
    assert session.undo() is None
    assert session.change(remark) is None  # nothing changed, nothing to undo


def test_edit_line_replaces_text_and_tags(session, store, meeting_id) -> None:
    remark = session.live()[0]
    after = session.edit(remark, "@p3 #jgb ? nieuwe tekst")
    assert (after.text, after.participant, after.organisations, after.kind) == (
        "nieuwe tekst",
        "p3",
        ["jgb"],
        Kind.WISH,
    )
    assert not after.starred
    assert store.load_meeting(meeting_id).remark(remark.id) == after


def test_filter_and_visible(session) -> None:
    session.set_filter("@p1")
    assert {r.participant for r in session.visible()} == {"p1"}
    session.set_filter("bejegening")
    assert len(session.visible()) == len(session.live())
    session.set_filter("onzinwoord")
    assert session.visible() == []
    remark = session.commit("Een onzinwoord erbij").remark
    assert session.shows(remark)
    session.set_filter("")
    assert session.visible() == session.live()


def test_questions_and_speakers(session, store, meeting_id) -> None:
    assert session.step_question(1) == "q1"
    assert session.step_question(-1) == "q2"
    session.set_question("q1")
    assert store.current_question(meeting_id) == "q1"
    assert session.step_question(5) == "q2"
    # p4 is absent: skipped when taking turns.
    assert [session.next_speaker(k) for k in (None, "p1", "p2", "p3")] == ["p1", "p2", "p3", "p1"]


def test_draft_round_trip_drops_names_that_are_gone(session) -> None:
    session.restore(Draft("tekst", "p9", ["vt", "weg"], Kind.WISH, True, True))
    assert session.context == Context(None, ("vt",), Kind.WISH, True, True)
    assert session.draft("tekst") == Draft("tekst", None, ["vt"], Kind.WISH, True, True)


def test_the_emergency_copy_holds_private_remarks_and_the_lines_context(
    session, store, meeting_id
) -> None:
    import json

    session.commit("@1 %* een")
    session.commit("twee")
    assert [r.private for r in session.meeting.remarks][-2:] == [True, False]
    session.context = Context("p1", (), Kind.NOTE, False, False)  # "@1 " typed, then:
    path = session.start_rescue(StorageError("Het databasebestand is vervangen."), "bezig")
    data = json.loads(path.read_text(encoding="utf-8"))
    remarks = {r["text"]: r for r in data["remarks"]}
    assert remarks["een"]["private"] is True  # shown on the screen: kept, flagged
    assert remarks["(concept) bezig"]["participant"] == "p1"
