"""The database file or the open meeting gone under a running app: nothing typed lost.

Class 3: a sync client, a restore or ``mv`` replaces or deletes the database file
while the app runs. SQLite keeps writing into the old file, which nobody will see
again: remarks shown on the screen were gone at quit, with a replace without a word.

Class 4: another Spiegel deletes or purges the meeting while it is open: text typed
afterwards was dropped; after a purge the open app wrote its draft back and added
new remarks to the purged meeting.

Now the session notices (at the next write, and once a second), stops writing to
the database, and keeps the whole meeting as it has it, plus everything typed
after, in an owner-only emergency copy (a meeting file ``spiegel import`` reads)
whose path it tells. These tests drive the session and the draft keeper; the real
two-process versions are in ``test_trust_vanished_live.py``.
"""

from __future__ import annotations

import datetime as dt
import shutil
import stat
from pathlib import Path

import pytest
from helpers import TZ, small_meeting

from spiegel_tui.capture.rescue import DRAFT_MARK
from spiegel_tui.capture.session import CaptureSession
from spiegel_tui.capture.sync import DraftKeeper
from spiegel_tui.errors import DatabaseGoneError, MeetingGoneError
from spiegel_tui.meetingfile import read_meeting_file
from spiegel_tui.storage import Draft, MeetingStore
from spiegel_tui.storage.maintenance import purge_meeting

OWNER = "test/1/1"


def clock() -> dt.datetime:
    return dt.datetime(2021, 10, 14, 20, 0, tzinfo=TZ)


@pytest.fixture
def opened(db_path: Path):
    store = MeetingStore.open(db_path)
    meeting_id = store.add_meeting(small_meeting(2))
    session = CaptureSession(store, meeting_id, clock, owner=OWNER)
    session.load()
    yield store, session, meeting_id
    store.close()


def rescued_texts(session: CaptureSession) -> list[str]:
    assert session.rescue is not None and session.rescue.path is not None
    path = session.rescue.path
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    return [r.text for r in read_meeting_file(path).meeting.remarks]


def other_texts(db_path: Path, meeting_id: int) -> list[str]:
    other = MeetingStore.open(db_path)
    try:
        if not other.meeting_exists(meeting_id):
            return []
        return [r.text for r in other.load_remarks(meeting_id)]
    finally:
        other.close()


def test_file_replaced_remarks_go_to_an_emergency_copy(opened, db_path: Path, tmp_path: Path):
    _store, session, meeting_id = opened
    restored = tmp_path / "oud.db"
    shutil.copy(db_path, restored)  # an older copy, as a restore or sync would bring
    assert session.commit("voor het vervangen").remark is not None
    restored.replace(db_path)
    result = session.commit("na het vervangen")
    assert result.remark is not None and result.error is None
    assert session.rescue is not None
    assert "vervangen" in session.rescue_reason
    texts = rescued_texts(session)
    assert "voor het vervangen" in texts and "na het vervangen" in texts
    assert session.rescue.path.parent == db_path.parent
    # The file now at the path never got it (nor, knowingly, anything else).
    assert "na het vervangen" not in other_texts(db_path, meeting_id)


def test_file_deleted_draft_goes_to_the_copy(opened, db_path: Path):
    _store, session, _meeting_id = opened
    session.commit("eerste")
    db_path.unlink()
    with pytest.raises(DatabaseGoneError):
        session.check_store()
    session.start_rescue(DatabaseGoneError("weg"), "half getypt")
    texts = rescued_texts(session)
    assert "eerste" in texts
    assert DRAFT_MARK + "half getypt" in texts
    session.commit("na het wissen")
    assert "na het wissen" in rescued_texts(session)


def test_a_write_into_the_old_file_after_a_replace_is_not_acknowledged(
    opened, db_path: Path, tmp_path: Path
):
    store, session, meeting_id = opened
    other = tmp_path / "ander.db"
    shutil.copy(db_path, other)
    other.replace(db_path)
    with pytest.raises(DatabaseGoneError):
        store.add_remark(meeting_id, session.meeting.remarks[0])


def test_meeting_deleted_elsewhere(opened, db_path: Path):
    store, session, meeting_id = opened
    elsewhere = MeetingStore.open(db_path)
    elsewhere.delete_meeting(meeting_id)
    elsewhere.close()
    keeper = DraftKeeper(store, meeting_id, OWNER)
    with pytest.raises(MeetingGoneError):
        keeper.save(Draft("getypt na het verwijderen"))
    result = session.commit("getypt na het verwijderen")
    assert result.remark is not None
    assert "verwijderd" in session.rescue_reason
    texts = rescued_texts(session)
    assert "getypt na het verwijderen" in texts
    # Deleted on purpose by another note-taker: what they deleted does not come back.
    assert "Opmerking 1 over de bejegening" not in texts
    assert not store.meeting_exists(meeting_id)


def test_meeting_purged_elsewhere_gets_no_draft_and_no_remarks_back(opened, db_path: Path):
    store, session, meeting_id = opened
    keeper = DraftKeeper(store, meeting_id, OWNER)
    keeper.save(Draft("concept voor de purge"))
    elsewhere = MeetingStore.open(db_path)
    purge_meeting(elsewhere, meeting_id)
    elsewhere.close()
    with pytest.raises(MeetingGoneError):
        keeper.save(Draft("concept na de purge"))
    with pytest.raises(MeetingGoneError):
        session.check_store()
    session.commit("opmerking na de purge")
    texts = rescued_texts(session)
    assert "opmerking na de purge" in texts
    assert "Opmerking 1 over de bejegening" not in texts  # purged stays purged
    assert b"Marieke" not in session.rescue.path.read_bytes()  # nor its local labels
    check = MeetingStore.open(db_path)
    assert check.load_remarks(meeting_id) == []
    assert check.draft_owners(meeting_id) == []
    check.close()


def test_edits_and_undo_after_the_rescue_go_to_the_copy(opened, db_path: Path):
    _store, session, _meeting_id = opened
    db_path.unlink()
    session.commit("een typefotu")
    remark = session.meeting.remarks[-1]
    session.edit(remark, "een typefout hersteld")
    assert "een typefout hersteld" in rescued_texts(session)
    session.undo()
    assert "een typefotu" in rescued_texts(session)


def test_presence_counts_running_apps_only_and_forgets_crashed_ones(
    opened, monkeypatch: pytest.MonkeyPatch
):
    from spiegel_tui.capture import draft_owner
    from spiegel_tui.capture.presence import open_elsewhere

    store, session, meeting_id = opened
    # Liveness is draft_owner's business (tested there): here two owners, one alive.
    monkeypatch.setattr(draft_owner, "is_running", lambda owner: owner == "nog-actief")
    store.mark_open(meeting_id, "gecrasht")
    store.mark_open(meeting_id, "nog-actief")
    assert open_elsewhere(store, meeting_id) == 1
    session.mark_open()
    assert "gecrasht" not in store.presence(meeting_id)
    assert session.owner in store.presence(meeting_id)
    session.mark_closed()
    assert session.owner not in store.presence(meeting_id)
    assert open_elsewhere(store, meeting_id) == 1


def test_no_place_for_a_copy_keeps_the_text_where_it_was_typed(
    opened, db_path: Path, monkeypatch: pytest.MonkeyPatch
):
    from spiegel_tui.capture import rescue
    from spiegel_tui.errors import SpiegelError

    _store, session, _meeting_id = opened
    monkeypatch.setattr(rescue, "rescue_folders", lambda path: [db_path.parent / "weg"])
    db_path.unlink()
    with pytest.raises(SpiegelError, match="noodkopie"):
        session.commit("blijft in de invoerregel")
    # Refused, so the screen keeps the line as typed (as for any refused Enter).
    assert "blijft in de invoerregel" not in [r.text for r in session.meeting.remarks]
