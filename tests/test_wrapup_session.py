"""WrapUpSession without a terminal: two sessions on two connections to one file.

Each test here is one of the ways two wrap-ups (or a wrap-up beside a capture, a
purge or a delete) used to undo each other or leak a private remark (issue 10).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import small_meeting

from spiegel_tui.errors import SpiegelError
from spiegel_tui.outcome.edit import without_held_points
from spiegel_tui.outcome.session import KEPT_MARK, PURGED, Conflict, WrapUpSession
from spiegel_tui.storage import MeetingStore
from spiegel_tui.storage.outcome_store import MEETING_GONE, MeetingGoneError


@pytest.fixture
def two(db_path: Path):
    """Two connections to one file, each with a session on the same meeting."""
    first = MeetingStore.open(db_path)
    meeting_id = first.add_meeting(small_meeting(6))
    second = MeetingStore.open(db_path)
    a = WrapUpSession(first, meeting_id, owner="A")
    b = WrapUpSession(second, meeting_id, owner="B")
    a.load()
    b.load()
    yield a, b
    first.close()
    second.close()


def stored(session: WrapUpSession):
    return session.store.load_meeting(session.meeting_id)


def test_a_point_added_here_and_a_text_typed_there_both_stay(two) -> None:
    a, b = two
    a.make_point([a.meeting.remarks[0]])
    b.type_text("produced", "Het leverde veel op.")
    b.save_texts()
    meeting = stored(a)
    assert [p.text for p in meeting.outcome.key_points] == ["Opmerking 1 over de bejegening."]
    assert meeting.outcome.produced == "Het leverde veel op."
    # A sees B's text after its poll, and moving a point keeps it.
    refresh = a.poll()
    assert refresh is not None and "produced" in refresh.texts
    assert a.text("produced") == "Het leverde veel op."
    a.new_point("Tweede punt")
    a.move(1, -1)
    meeting = stored(a)
    assert meeting.outcome.key_points[0].text == "Tweede punt"
    assert meeting.outcome.produced == "Het leverde veel op."


def test_rewording_a_point_changed_elsewhere_is_refused_and_the_text_kept(two) -> None:
    a, b = two
    a.new_point("Eerste versie")
    b.poll()
    seen_by_b = b.points[0]
    a.reword(a.points[0], "Versie van A")
    with pytest.raises(Conflict) as refused:
        b.reword(seen_by_b, "Versie van B")
    assert refused.value.message == "Kernpunt 1 is elders gewijzigd."
    assert refused.value.kept == "Versie van B"
    assert b.points[0].text == "Versie van A"  # B has reloaded
    assert [p.text for p in stored(a).outcome.key_points] == ["Versie van A"]


def test_removing_a_point_changed_elsewhere_is_refused(two) -> None:
    a, b = two
    a.new_point("Punt")
    b.poll()
    a.reword(a.points[0], "Anders")
    with pytest.raises(Conflict):
        b.remove(b.points[0])
    assert [p.text for p in stored(a).outcome.key_points] == ["Anders"]


def test_a_text_typed_in_both_keeps_both(two) -> None:
    a, b = two
    a.type_text("follow_up_meeting", "In maart.")
    b.type_text("follow_up_meeting", "Datum volgt.")
    a.save_texts()
    refresh = b.save_texts()
    assert any("elders gewijzigd" in n for n in refresh.notices)
    assert b.text("follow_up_meeting") == f"In maart.{KEPT_MARK}Datum volgt."
    assert stored(a).outcome.follow_up_meeting == "In maart."  # nothing overwritten
    b.save_texts()  # the next save writes both, on the new revision
    assert stored(a).outcome.follow_up_meeting == f"In maart.{KEPT_MARK}Datum volgt."


def test_a_stale_screen_cannot_make_a_point_of_a_remark_made_private(two) -> None:
    a, b = two
    remark = a.meeting.remarks[1]
    private = stored(b).remarks[1]
    private.private = True
    b.store.update_remark(b.meeting_id, private)
    with pytest.raises(SpiegelError, match="vertrouwelijk"):
        a.make_point([remark])  # A's copy still says public
    assert stored(a).outcome.key_points == []
    assert a.meeting.remarks[1].private  # and A now shows it as private


def test_a_point_whose_remark_turns_private_is_held_until_rewritten(two) -> None:
    a, b = two
    a.make_point([a.meeting.remarks[2]])
    remark = stored(b).remarks[2]
    remark.private = True
    b.store.update_remark(b.meeting_id, remark)
    refresh = a.poll()
    assert refresh is not None and any("vertrouwelijk" in n for n in refresh.notices)
    assert a.points[0].held_by == [remark.id]
    assert without_held_points(stored(a)).outcome.key_points == []
    a.reword(a.points[0], "Een eigen formulering")
    assert a.points[0].held_by == []
    assert [p.text for p in without_held_points(stored(a)).outcome.key_points] == [
        "Een eigen formulering"
    ]


def test_confirming_a_held_point_releases_it(two) -> None:
    a, b = two
    a.make_point([a.meeting.remarks[3]])
    b.store.set_remark_deleted(a.meeting.remarks[3].id or 0, True)
    a.poll()
    assert a.points[0].held_by
    a.confirm(0)
    assert not a.points[0].held_by


def test_purge_under_an_open_wrap_up_says_so_and_saving_still_works(two) -> None:
    a, b = two
    a.make_point([a.meeting.remarks[0]])
    b.store.purge_raw_notes(b.meeting_id)
    refresh = a.poll()
    assert refresh is not None and PURGED in refresh.notices
    assert a.meeting.remarks == []
    a.type_text("produced", "Na het wissen")
    a.save_texts()  # used to fail: FOREIGN KEY constraint failed
    a.new_point("Nog een punt")
    assert stored(a).outcome.produced == "Na het wissen"


def test_delete_under_an_open_wrap_up_keeps_the_local_text(two) -> None:
    a, b = two
    a.type_text("produced", "Getypt")
    b.store.delete_meeting(b.meeting_id)
    with pytest.raises(MeetingGoneError) as gone:
        a.save_texts()
    assert gone.value.message == MEETING_GONE
    assert a.gone and a.text("produced") == "Getypt"
    with pytest.raises(SpiegelError, match="verwijderd"):
        a.new_point("Nog een")


def test_point_editor_drafts_of_a_gone_app_are_taken_over(two) -> None:
    a, b = two
    a.save_draft("point-new", "Half getypt")
    b.owner = "C"  # a third app, after A is gone ('A' is no running process)
    assert b.left_drafts() == [("point-new", "Half getypt")]
    assert b.outcomes.text_drafts(b.meeting_id) == [("C", "point-new", "Half getypt")]
    b.clear_draft("point-new")
    assert b.left_drafts() == []


def test_confirming_on_a_stale_screen_does_not_accept_a_flag_it_never_showed(two) -> None:
    a, b = two
    remark_id = a.meeting.remarks[3].id or 0
    a.make_point([a.meeting.remarks[3]])
    b.store.set_remark_deleted(remark_id, True)
    a.poll()  # A shows it deleted
    remark = stored(b).remarks[3]
    remark.private = True
    b.store.update_remark(b.meeting_id, remark)  # and now private too; A has not looked
    a.confirm(0)
    assert stored(a).outcome.key_points[0].held_by == [remark_id]


def test_cli_export_leaves_out_a_held_point_and_says_so(two, tmp_path: Path, capsys) -> None:
    from spiegel_tui.cli import main

    a, b = two
    a.meeting.remarks[0].text = "Opmerking over tante Ria"
    remark = stored(b).remarks[0]
    remark.text = "Opmerking over tante Ria"
    b.store.update_remark(b.meeting_id, remark)
    a.poll()
    a.make_point([a.meeting.remarks[0]])
    remark.private = True
    b.store.update_remark(b.meeting_id, remark)
    target = tmp_path / "uit.md"
    path = a.store.path
    args = [
        "--db",
        str(path),
        "export",
        str(a.meeting_id),
        "--format",
        "md",
        "-o",
        str(target),
        "--allow-findings",
    ]
    assert main([*args, "--appendix"]) == 0
    err = capsys.readouterr().err
    assert "Kernpunt 1 blijft buiten het document" in err
    assert "tante Ria" not in target.read_text()


def test_text_typed_after_a_delete_elsewhere_goes_into_an_emergency_copy(
    two, tmp_path: Path
) -> None:
    import json
    import stat

    a, b = two
    a.type_text("produced", "Voor het wissen")
    b.store.delete_meeting(b.meeting_id)
    with pytest.raises(MeetingGoneError):
        a.save_texts()
    a.type_text("produced", "Voor het wissen NA-DELETE NOG-MEER")
    path = a.save_rescue()
    assert path is not None and path.parent == tmp_path
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["outcome"]["produced"] == "Voor het wissen NA-DELETE NOG-MEER"
    assert data["remarks"] == []  # what was deleted on purpose does not come back
