"""`spiegel actions` and the follow-up documents (letter, report-back), read back with pandoc."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
from pathlib import Path

import pytest
from conftest import require_tool
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spiegel_tui.cli import main
from spiegel_tui.meetingfile import parse_meeting
from spiegel_tui.model import Cycle, Decision, Remark
from spiegel_tui.outcome.follow_up_draft import draft_input_follow_up, draft_letter
from spiegel_tui.storage import MeetingStore
from spiegel_tui.storage.followup_store import FollowUpStore

V2 = Path(__file__).parent / "fixtures" / "roundtrip_v2.json"
TZ = dt.timezone(dt.timedelta(hours=2))
PRIVATE = "Eigen zaak met naam van de rechter"
LABEL = "Marieke"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as stop:
        code = int(stop.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def v2_meeting(*, letter: bool = True):
    meeting = parse_meeting(json.loads(V2.read_text(encoding="utf-8"))).meeting
    meeting.participants[0].label = LABEL
    if not letter:
        meeting.outcome.letter = ""
    return meeting


@pytest.fixture
def filled(db_path: Path) -> dict[str, int]:
    """Two meetings: the v2 fixture (two actions of vt) and a second with three more."""
    store = MeetingStore.open(db_path)
    try:
        first = store.add_meeting(v2_meeting())
        second_meeting = v2_meeting()
        second_meeting.topic = "Tweede bijeenkomst"
        second_meeting.date = dt.date(2023, 3, 1)
        for point in second_meeting.outcome.key_points:
            point.responses = []
        second = store.add_meeting(second_meeting)
        follow = FollowUpStore(store)
        point = store.load_meeting(second).outcome.key_points[0].id
        assert point is not None
        late = follow.add_action(second, point, "jgb", "Terugbellen binnen een week.", "Team Zuid",
                                 dt.date(2023, 4, 1))  # fmt: skip
        done = follow.add_action(second, point, "rvdk", "Folder herschrijven.", "Communicatie",
                                 dt.date(2023, 4, 1))  # fmt: skip
        follow.set_action_status(done, "done", "Nieuwe folder ligt er.")
        future = follow.add_action(second, point, "vt", "Scholing.", "Academie", "2999-01-01")
    finally:
        store.close()
    return {"first": first, "second": second, "late": late, "done": done, "future": future}


# spiegel actions ------------------------------------------------------------------


def test_actions_json_has_one_object_per_action(capsys, db_path: Path, filled) -> None:
    code, out, err = run(capsys, "--db", str(db_path), "actions", "--json")
    assert (code, err) == (0, "")
    rows = json.loads(out)
    assert len(rows) == 5
    for row in rows:
        assert {"id", "meeting", "organisation", "text", "owner", "due", "status"} <= set(row)
    first = rows[0]
    assert first["meeting"] == filled["first"]
    assert (first["organisation"], first["status"], first["due"]) == ("vt", "in_progress",
                                                                       "2022-01-31")  # fmt: skip
    assert [e["status"] for e in first["history"]] == ["open", "in_progress"]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--org", "jgb"), ["late"]),
        (("--org", "Raad voor de Kinderbescherming"), ["done"]),
        (("--status", "done"), ["done"]),
        (("--status", "gedaan"), ["done"]),
        (("--overdue", "--meeting", "2"), ["late"]),
        (("--meeting", "2", "--org", "VT"), ["future"]),
    ],
)
def test_actions_filters(capsys, db_path: Path, filled, args, expected) -> None:
    code, out, _ = run(capsys, "--db", str(db_path), "actions", "--json", *args)
    assert code == 0
    assert [row["id"] for row in json.loads(out)] == [filled[name] for name in expected]


def test_actions_overdue_across_meetings(capsys, db_path: Path, filled) -> None:
    code, out, _ = run(capsys, "--db", str(db_path), "actions", "--json", "--overdue")
    assert code == 0
    rows = json.loads(out)
    # The first meeting's 2022 action is in progress and late; done and 2999 are not.
    assert filled["late"] in [r["id"] for r in rows]
    assert all(r["overdue"] and r["status"] in ("open", "in_progress") for r in rows)
    assert filled["future"] not in [r["id"] for r in rows]


def test_actions_table(capsys, db_path: Path, filled) -> None:
    code, out, _ = run(capsys, "--db", str(db_path), "actions", "--status", "open")
    assert code == 0
    assert "Terugbellen binnen een week. [Team Zuid] (te laat)" in out
    assert "Folder herschrijven" not in out


@pytest.mark.parametrize(
    ("args", "code", "named"),
    [
        (("--status", "klaar"), 2, "--status"),
        (("--meeting", "nul"), 2, "--meeting"),
        (("--org", ""), 2, "--org"),
        (("--org", "xx"), 1, "'xx'"),
        (("--meeting", "99"), 1, "99"),
    ],
)
def test_actions_bad_values_refused(capsys, db_path: Path, filled, args, code, named) -> None:
    got, out, err = run(capsys, "--db", str(db_path), "actions", *args)
    assert got == code
    assert named in err
    assert "Traceback" not in err and out == ""


# Documents ---------------------------------------------------------------------


def pandoc(path: Path) -> str:
    require_tool("pandoc")
    text = subprocess.run(
        ["pandoc", "-f", "docx", "-t", "plain", "--wrap=none", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return text.replace("\u2011", "-")


def export(capsys, db_path: Path, meeting_id: int, tmp_path: Path, *args: str) -> str:
    target = tmp_path / "uit.docx"
    code, _, err = run(
        capsys, "--db", str(db_path), "export", str(meeting_id), "-o", str(target), "--force",
        *args,
    )  # fmt: skip
    assert code == 0, err
    assert target.stat().st_mode & 0o777 == 0o600
    import docx

    # pandoc takes the Title paragraph as the document's metadata, not its text.
    title = docx.Document(str(target)).paragraphs[0].text
    return title + "\n\n" + pandoc(target)


def with_secrets(db_path: Path) -> int:
    """The v2 fixture with a local label typed into a decision's note and an owner."""
    meeting = v2_meeting(letter=False)
    response = meeting.outcome.key_points[0].responses[0]
    response.note += f" {LABEL} was er zelf bij."
    meeting.remarks.append(
        Remark(dt.datetime(2021, 10, 14, 20, 0, tzinfo=TZ), f"{PRIVATE} en meer", private=True)
    )
    store = MeetingStore.open(db_path)
    try:
        return store.add_meeting(meeting)
    finally:
        store.close()


def test_feedback_document(capsys, db_path: Path, tmp_path: Path) -> None:
    meeting_id = with_secrets(db_path)
    text = export(capsys, db_path, meeting_id, tmp_path, "--format", "feedback")
    assert "Terugkoppeling: wat u ons vertelde, wat we deden" in text
    assert "Kernpunt 1" in text and "Wat u ons vertelde: Communicatie is niet helder." in text
    assert "Besluit: Veilig Thuis gaat hiermee aan de slag." in text
    assert "Elke ouder krijgt binnen vijf werkdagen een vast aanspreekpunt." in text
    assert "status: bezig" in text and "klaar vóór 31 januari 2022" in text
    assert "Laatste stand (1 december 2021): Pilot in twee teams." in text
    assert "Afgesproken in de nabespreking" not in text  # only the latest note
    assert "De reden: Valt buiten onze taak." in text
    assert "Nog geen antwoord van de organisaties." in text  # the third point
    assert "Deelnemers: 2 van de 7 uitgenodigden" in text
    assert PRIVATE not in text and LABEL.lower() not in text.lower()
    assert "Ouder 1 was er zelf bij." in text


def test_feedback_for_one_organisation(capsys, db_path: Path, tmp_path: Path) -> None:
    meeting_id = with_secrets(db_path)
    text = export(capsys, db_path, meeting_id, tmp_path, "--format", "feedback", "--org", "jgb")
    assert "Organisatie: Jeugd- & Gezinsbeschermers" in text
    assert "Valt buiten onze taak." in text
    assert "Veilig Thuis gaat hiermee aan de slag" not in text
    assert "vast aanspreekpunt" not in text
    assert "Een punt zonder bron." not in text  # not about jgb


def test_letter_drafted_and_typed(capsys, db_path: Path, tmp_path: Path) -> None:
    meeting_id = with_secrets(db_path)
    text = export(capsys, db_path, meeting_id, tmp_path, "--format", "letter")
    assert "Brief aan de deelnemers" in text and "Beste deelnemers," in text
    assert "Dank u wel" in text
    assert "Communicatie is niet helder." in text  # what was heard
    assert "Veilig Thuis gaat hiermee aan de slag." in text
    assert "Dat is klaar vóór 31 januari 2022." in text
    assert PRIVATE not in text and LABEL.lower() not in text.lower()
    store = MeetingStore.open(db_path)
    try:
        FollowUpStore(store).set_letter(
            meeting_id, f"Beste deelnemers,\n\nHartelijk dank, {LABEL}."
        )
    finally:
        store.close()
    typed = export(capsys, db_path, meeting_id, tmp_path, "--format", "letter")
    assert "Hartelijk dank, Ouder 1." in typed
    assert "gaat hiermee aan de slag" not in typed
    one = export(capsys, db_path, meeting_id, tmp_path, "--format", "letter", "--org", "jgb")
    assert "Jeugd- & Gezinsbeschermers gaat hier niets mee doen." in one
    assert "Veilig Thuis gaat" not in one and "Hartelijk dank" not in one


def test_letter_in_a_template(capsys, db_path: Path, tmp_path: Path) -> None:
    import docx

    template = tmp_path / "huisstijl.docx"
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Huisstijl Gemeente Gooi"
    document.save(str(template))
    meeting_id = with_secrets(db_path)
    text = export(
        capsys, db_path, meeting_id, tmp_path, "--format", "letter", "--template", str(template)
    )
    assert "Beste deelnemers," in text
    header = docx.Document(str(tmp_path / "uit.docx")).sections[0].header.paragraphs[0].text
    assert header == "Huisstijl Gemeente Gooi"


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (("--format", "letter", "--org", "zz"), "'org'"),
        (("--format", "docx", "--org", "vt"), "--org"),
        (("--format", "feedback", "--include-private"), "Privé"),
    ],
)
def test_document_bad_values_refused(capsys, db_path: Path, tmp_path: Path, args, named) -> None:
    meeting_id = with_secrets(db_path)
    target = tmp_path / "nee.docx"
    code, _, err = run(
        capsys, "--db", str(db_path), "export", str(meeting_id), "-o", str(target), *args
    )
    assert code == 1
    assert named in err and "Traceback" not in err
    assert not target.exists()


def test_house_style_header_footer_and_title(capsys, db_path: Path, tmp_path: Path) -> None:
    import zipfile

    meeting_id = with_secrets(db_path)
    export(capsys, db_path, meeting_id, tmp_path, "--format", "docx", "--appendix")
    with zipfile.ZipFile(tmp_path / "uit.docx") as package:
        xml = {n: package.read(n).decode() for n in package.namelist() if n.endswith(".xml")}
    footer = "".join(v for k, v in xml.items() if "footer" in k)
    header = "".join(v for k, v in xml.items() if "header" in k)
    assert " PAGE " in footer and " NUMPAGES " in footer and "pagina " in footer
    assert "14 oktober 2021" in header
    body = xml["word/document.xml"]
    assert "Samenkracht!</w:t></w:r><w:r><w:noBreakHyphen/>" in body
    assert "<w:pageBreakBefore/>" in body  # the appendix


# Drafts --------------------------------------------------------------------------


def test_input_follow_up_draft_from_decisions_and_dates() -> None:
    meeting = v2_meeting()
    meeting.cycle = Cycle(
        debrief=dt.date(2021, 10, 28),
        letter=dt.date(2021, 11, 11),
        feedback_meeting=dt.date(2022, 3, 15),
    )
    text = draft_input_follow_up(meeting)
    assert "De nabespreking met de toehoorders is op 28 oktober 2021." in text
    assert "Veilig Thuis gaat aan de slag met één punt en besluit nog over één punt." in text
    assert "uiterlijk 31 januari 2022 klaar" in text
    assert "Jeugd- & Gezinsbeschermers pakt één punt niet op." in text
    assert "uiterlijk 11 november 2021 een brief" in text
    assert "Op 15 maart 2022 vertellen de organisaties" in text
    bare = v2_meeting()
    for point in bare.outcome.key_points:
        point.responses = []
    bare.cycle = Cycle()
    assert draft_input_follow_up(bare).startswith("Bovengenoemde punten worden meegenomen")


def test_letter_draft_without_decisions_says_they_follow() -> None:
    meeting = v2_meeting(letter=False)
    for point in meeting.outcome.key_points:
        point.responses = []
    text = draft_letter(meeting)
    assert "De organisaties bespreken uw punten nu met hun teams." in text
    assert "Dit hebben de organisaties besloten" not in text
    assert "gaat hiermee aan de slag" not in text
    # With the decisions back, they are in the letter with their dates.
    decided = draft_letter(v2_meeting(letter=False))
    assert "Dit hebben de organisaties besloten" in decided
    assert "Veilig Thuis gaat hiermee aan de slag." in decided
    assert Decision.NO_ACTION.label not in decided  # plain words, not the screen's labels


# Generated arguments ---------------------------------------------------------------

_WORDS = st.sampled_from(
    ["open", "in_progress", "bezig", "done", "gedaan", "dropped", "vt", "VT", "jgb", "1", "2",
     "0", "-1", "99999999999999999999", "", " ", "é", "\x00", "--json", "klaar", "Veilig Thuis"]
)  # fmt: skip
_OPTIONS = st.sampled_from(["--status", "--org", "--meeting", "--overdue", "--json", "--bogus"])


@settings(
    max_examples=max(5, int(os.environ.get("SPIEGEL_CLI_EXAMPLES", "100")) // 3),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.lists(st.one_of(_OPTIONS, _WORDS, st.text(max_size=12)), max_size=6))
def test_actions_any_arguments_answer_in_dutch(capsys, db_path: Path, filled, argv) -> None:
    """Whatever the arguments: exit 0, 1 or 2, JSON or a Dutch line, never a traceback,
    and the database unchanged."""
    before = db_path.read_bytes()
    code, out, err = run(capsys, "--db", str(db_path), "actions", *argv)
    assert code in (0, 1, 2)
    assert "Traceback" not in err and "Error" not in err
    if code:
        assert err.startswith(("spiegel: ", "Gebruik: "))
    elif "--json" in argv and "-h" not in argv:
        assert isinstance(json.loads(out), list)
    assert db_path.read_bytes() == before
