"""``spiegel check`` and the export's refusal while re-identification findings are open;
answers stored per meeting survive runs and a changed finding is asked again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import small_meeting

from spiegel_tui.cli import main
from spiegel_tui.model import KeyPoint
from spiegel_tui.storage import MeetingStore
from spiegel_tui.storage.outcome_store import OutcomeStore
from spiegel_tui.storage.privacy_store import PrivacyStore

POINT = "Mijn zoon Daan van 8 werd in Amersfoort op 3 maart uit school gehaald."
REMARK = "Jeugdbeschermer Natasja belde nooit terug op 06-12345678"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def add(db_path: Path, *, clean: bool = False) -> int:
    meeting = small_meeting()
    meeting.outcome.key_points = [KeyPoint("Ouders voelden zich niet gehoord.")]
    if not clean:
        meeting.outcome.key_points.insert(0, KeyPoint(POINT))
        meeting.remarks[0].text = REMARK
    store = MeetingStore.open(db_path)
    try:
        return store.add_meeting(meeting)
    finally:
        store.close()


def test_check_lists_open_findings_with_exit_1(capsys, db_path: Path) -> None:
    meeting_id = add(db_path)
    code, out, _ = run(capsys, "--db", str(db_path), "check", str(meeting_id))
    assert code == 1
    assert "6 open bevinding(en)" in out
    assert "- naam in kernpunt 1: »Mijn zoon Daan« van 8" in out
    assert "voorstel: een kind" in out
    assert "- telefoonnummer in opmerking van 19:40:" in out and "»06-12345678«" in out


def test_check_json_shape(capsys, db_path: Path) -> None:
    meeting_id = add(db_path)
    code, out, _ = run(capsys, "--db", str(db_path), "check", str(meeting_id), "--json")
    assert code == 1
    data = json.loads(out)
    assert data["meeting"] == meeting_id and data["answered"] == 0
    first = data["open"][0]
    assert set(first) == {
        "kind",
        "kind_label",
        "text_id",
        "where",
        "found",
        "context",
        "replacement",
        "key",
    }
    assert (first["kind"], first["kind_label"], first["where"]) == ("name", "naam", "kernpunt 1")
    assert first["found"] == "Mijn zoon Daan" and first["replacement"] == "een kind"
    kinds = sorted(item["kind"] for item in data["open"])
    assert kinds == ["age", "date", "name", "name", "phone", "place"]


def test_check_clean_meeting_exits_0(capsys, db_path: Path) -> None:
    meeting_id = add(db_path, clean=True)
    code, out, _ = run(capsys, "--db", str(db_path), "check", str(meeting_id))
    assert (code, out.strip()) == (0, "Geen open bevindingen.")
    code, out, _ = run(capsys, "--db", str(db_path), "check", str(meeting_id), "--json")
    assert code == 0 and json.loads(out)["open"] == []


def test_check_of_a_missing_meeting_is_refused_in_dutch(capsys, db_path: Path) -> None:
    add(db_path)
    code, _, err = run(capsys, "--db", str(db_path), "check", "99")
    assert code == 1 and "Traceback" not in err and err.startswith("spiegel: ")


@pytest.mark.parametrize("fmt", ["docx", "md", "csv"])
def test_export_refuses_while_findings_are_open(
    capsys, db_path: Path, tmp_path: Path, fmt: str
) -> None:
    meeting_id = add(db_path)
    target = tmp_path / f"uit.{fmt}"
    args = ["--db", str(db_path), "export", str(meeting_id), "--format", fmt, "-o", str(target)]
    code, out, err = run(capsys, *args)
    assert code == 1 and out == "" and not target.exists()
    assert "niet geëxporteerd" in err
    # The outcome document without appendix carries the key point; the CSV the remark.
    assert ("06-12345678" in err) == (fmt == "csv")
    assert ("Mijn zoon Daan" in err) == (fmt != "csv")

    code, out, err = run(capsys, *args, "--allow-findings")
    assert code == 0 and target.is_file()
    assert "--allow-findings" in err


def test_json_meeting_file_is_not_checked(capsys, db_path: Path, tmp_path: Path) -> None:
    meeting_id = add(db_path)
    target = tmp_path / "uit.json"
    code, _, _ = run(
        capsys, "--db", str(db_path), "export", str(meeting_id), "--format", "json", "-o",
        str(target),
    )  # fmt: skip
    assert code == 0 and target.is_file()


def test_answers_persist_and_are_applied_in_the_document(
    capsys, db_path: Path, tmp_path: Path
) -> None:
    meeting_id = add(db_path)
    code, out, _ = run(capsys, "--db", str(db_path), "check", str(meeting_id), "--json")
    found = json.loads(out)["open"]
    # Another run (the app) answers: replace the name and the place, accept the rest.
    store = MeetingStore.open(db_path)
    answers = PrivacyStore(store)
    for item in found:
        if item["kind"] in ("name", "place") and item["text_id"].startswith("kernpunt"):
            answers.answer(meeting_id, item["key"], "replaced", item["replacement"])
        else:
            answers.answer(meeting_id, item["key"], "accepted")
    store.close()

    code, out, _ = run(capsys, "--db", str(db_path), "check", str(meeting_id), "--json")
    assert code == 0 and json.loads(out)["answered"] == 6
    target = tmp_path / "uit.md"
    code, _, err = run(
        capsys, "--db", str(db_path), "export", str(meeting_id), "--format", "md", "-o",
        str(target),
    )  # fmt: skip
    assert code == 0, err
    text = target.read_text(encoding="utf-8")
    assert "een kind van 8 werd in een gemeente op 3 maart uit school gehaald." in text
    assert "Daan" not in text and "Amersfoort" not in text
    # The stored text is the note-taker's: never changed by an answer.
    store = MeetingStore.open(db_path)
    assert store.load_meeting(meeting_id).outcome.key_points[0].text == POINT
    store.close()


def test_a_changed_finding_is_asked_again(capsys, db_path: Path) -> None:
    meeting_id = add(db_path)
    store = MeetingStore.open(db_path)
    point = store.load_meeting(meeting_id).outcome.key_points[0]
    for kind, found in (("name", "mijn zoon daan"), ("age", "8"), ("place", "amersfoort")):
        PrivacyStore(store).answer(meeting_id, f"{kind}|{found}|kernpunt:{point.id}", "accepted")
    PrivacyStore(store).answer(meeting_id, f"date|3 maart|kernpunt:{point.id}", "accepted")
    code, out, _ = run(capsys, "--db", str(db_path), "check", str(meeting_id), "--format", "md")
    assert code == 0, out
    # Edited elsewhere in the text: still answered. Another place: asked.
    OutcomeStore(store).change_point(
        meeting_id, point.id or 0, point.revision, POINT.replace("Amersfoort", "Zwolle"), number=1
    )
    store.close()
    code, out, _ = run(capsys, "--db", str(db_path), "check", str(meeting_id), "--format", "md")
    assert code == 1
    assert "1 open bevinding(en)" in out and "»Zwolle«" in out


def test_purge_forgets_answers_about_remarks_and_labels(db_path: Path) -> None:
    meeting_id = add(db_path)
    store = MeetingStore.open(db_path)
    answers = PrivacyStore(store)
    answers.answer(meeting_id, "phone|06-12345678|opmerking:1", "accepted")
    answers.answer(meeting_id, "local_label|marieke|kernpunt:1", "accepted")
    answers.answer(meeting_id, "place|amersfoort|kernpunt:1", "replaced", "een gemeente")
    store.purge_raw_notes(meeting_id)
    assert list(answers.answers(meeting_id)) == ["place|amersfoort|kernpunt:1"]
    store.close()


def test_every_format_but_the_meeting_file_is_checked() -> None:
    """Fail safe: a document format the gate does not know (the letter, the report-back,
    what comes next) gets the outcome's texts and the follow-up's, never nothing."""
    from spiegel_tui.model import Action, Response
    from spiegel_tui.privacy.gate import apply_answers, check_document, document_texts

    meeting = small_meeting()
    point = KeyPoint(POINT, id=4)
    point.responses = [
        Response("vt", note="Besproken met Natasja.", actions=[Action("Bel Daan terug", id=9)])
    ]
    meeting.outcome.key_points = [point]
    meeting.outcome.letter = "Beste ouders, op 3 maart spraken we in Zwolle."
    assert document_texts(meeting, "json") == []
    for fmt in ("letter", "feedback", "iets-nieuws"):
        ids = {t.id for t in document_texts(meeting, fmt)}
        assert {"kernpunt:4", "brief", "antwoord:4:vt", "actie:9"} <= ids
        assert not any(i.startswith("opmerking:") for i in ids)
    check = check_document(meeting, "letter", {})
    found = {(f.text_id, f.found) for f in check.open}
    assert ("brief", "Zwolle") in found and ("antwoord:4:vt", "Natasja") in found

    class Replaced:
        answer, replacement = "replaced", "[naam]"

    answers = {f.key: Replaced() for f in check.open if f.text_id == "antwoord:4:vt"}
    applied = apply_answers(meeting, check, answers)
    assert applied.outcome.key_points[0].responses[0].note == "Besproken met [naam]."
    assert meeting.outcome.key_points[0].responses[0].note == "Besproken met Natasja."
