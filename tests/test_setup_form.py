"""Pure rules behind the setup form: organisations, dates, pseudonyms, question keys."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import small_meeting

from spiegel_tui.model import Organisation, Question, Role
from spiegel_tui.setup.form import (
    FieldError,
    FormErrors,
    build_meeting,
    check_topic,
    format_date,
    match_questions,
    next_key,
    parse_date,
    parse_invited,
    parse_names,
    parse_questions,
    parse_time,
    pseudonym_error,
    suggest_pseudonym,
)
from spiegel_tui.setup.organisations import (
    PRESETS,
    key_error,
    normalise_key,
    preset_for_name,
    presets,
    suggest_key,
    unique_key,
)
from spiegel_tui.setup.state import SetupState

# Organisations -----------------------------------------------------------


def test_presets_have_the_agreed_keys_unique_and_valid() -> None:
    keys = [key for key, _ in PRESETS]
    assert keys[:3] == ["vt", "rvdk", "jgb"]
    assert {"save", "gem", "wss", "ldh", "jz", "gi"} <= set(keys)
    assert len(keys) == len(set(keys))
    assert all(key_error(key, []) is None for key in keys)
    assert presets()[0].name == "Veilig Thuis"


def test_presets_returns_fresh_objects() -> None:
    presets()[0].name = "changed"
    assert presets()[0].name == "Veilig Thuis"


def test_preset_name_gets_preset_key() -> None:
    assert preset_for_name("  veilig   thuis ") == "vt"
    assert suggest_key("Raad voor de Kinderbescherming", []) == "rvdk"
    assert suggest_key("Veilig Thuis", ["vt"]) == "vt2"


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Stichting Jeugd Noord", "sjn"),
        ("Het Wijkteam van de Gemeente Utrecht", "wgu"),
        ("Kinderombudsman", "kind"),
        ("Zorgboerderij De Éénhoorn", "ze"),
        ("  ", "org"),
        ("112", "o112"),
    ],
)
def test_suggest_key_from_initials(name: str, key: str) -> None:
    assert suggest_key(name, []) == key


def test_suggest_key_is_unique() -> None:
    assert suggest_key("Stichting Jeugd Noord", ["sjn", "sjn2"]) == "sjn3"
    assert unique_key("a" * 20, []) == "a" * 10


def test_normalise_and_check_keys() -> None:
    assert normalise_key("#VT ") == "vt"
    assert normalise_key("Ré-gio 2") == "regio2"
    assert key_error("", []) is not None
    assert "letter" in key_error("2vt", [])
    assert "al in gebruik" in key_error("vt", ["vt"])
    assert "hoogstens" in key_error("a" * 13, [])
    assert key_error("vt", ["rvdk"]) is None


# Dates, times, numbers ------------------------------------------------------


@pytest.mark.parametrize("text", ["14-10-2021", "2021-10-14", "14/10/2021", " 14.10.2021 "])
def test_parse_date_accepts_dutch_and_iso(text: str) -> None:
    assert parse_date(text) == dt.date(2021, 10, 14)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Vul de datum in"),
        ("morgen", "geen datum"),
        ("30-02-2021", "februari 2021 heeft 28 dagen"),
        ("29-02-2024x", "geen datum"),
        ("01-13-2021", "geen maand 13"),
        ("14-10-21", "geen datum"),
    ],
)
def test_parse_date_rejects_with_dutch_message(text: str, message: str) -> None:
    with pytest.raises(FieldError, match=message):
        parse_date(text)


def test_leap_day_and_format() -> None:
    assert parse_date("29-02-2024") == dt.date(2024, 2, 29)
    assert format_date(dt.date(2021, 3, 4)) == "04-03-2021"


def test_parse_time() -> None:
    assert parse_time("19:30") == dt.time(19, 30)
    assert parse_time("9.05") == dt.time(9, 5)
    assert parse_time("") is None
    with pytest.raises(FieldError, match="geen tijd"):
        parse_time("half acht")
    with pytest.raises(FieldError, match="uren gaan tot 23"):
        parse_time("24:00")


def test_parse_invited() -> None:
    assert parse_invited(" 7 ") == 7
    assert parse_invited("") is None
    for bad in ("abc", "-3", "7.5", "٣"):
        with pytest.raises(FieldError, match="geen aantal"):
            parse_invited(bad)
    with pytest.raises(FieldError, match="999"):
        parse_invited("1000")


def test_topic_required_and_cleaned() -> None:
    assert check_topic("  Bejegening\x1b[31m ") == "Bejegening"
    with pytest.raises(FieldError, match="onderwerp"):
        check_topic("   ")


def test_parse_names_and_questions() -> None:
    assert parse_names("Gespreksleider A, , Gespreksleider B ") == [
        "Gespreksleider A",
        "Gespreksleider B",
    ]
    pasted = "1. Hoe was het eerste contact?\r\n\r\n- Wat ging goed?\n•  Wat kan beter?\x07\n"
    assert parse_questions(pasted) == [
        "Hoe was het eerste contact?",
        "Wat ging goed?",
        "Wat kan beter?",
    ]


# Keys and pseudonyms -----------------------------------------------------------


def test_next_key_continues_after_highest() -> None:
    assert next_key("p", []) == "p1"
    assert next_key("p", ["p1", "p4", "x9", "p"]) == "p5"


def test_suggest_pseudonym_numbers_per_role() -> None:
    names = ["Ouder 1", "Ouder 2", "Jongere 1"]
    assert suggest_pseudonym(Role.OUDER, names) == "Ouder 3"
    assert suggest_pseudonym(Role.JONGERE, names) == "Jongere 2"
    assert suggest_pseudonym(Role.PLEEGOUDER, names) == "Pleegouder 1"
    assert suggest_pseudonym(Role.ANDERS, ["Deelnemer 4"]) == "Deelnemer 5"


def test_pseudonym_error() -> None:
    assert pseudonym_error("Ouder 1", ["Ouder 2"]) is None
    assert "al in gebruik" in pseudonym_error("ouder 2", ["Ouder 2"])
    assert pseudonym_error("", []) is not None


# Keeping question keys -----------------------------------------------------------

OLD = [Question("q1", "Hoe was het eerste contact?"), Question("q2", "Wat kan beter?")]


def keys(questions: list[Question]) -> list[str]:
    return [q.key for q in questions]


def test_unchanged_questions_keep_keys() -> None:
    assert keys(match_questions(OLD, [q.text for q in OLD])) == ["q1", "q2"]


def test_inserted_line_gets_new_key_and_others_keep_theirs() -> None:
    texts = ["Nieuwe vraag?", "Hoe was het eerste contact?", "Wat kan beter?"]
    assert keys(match_questions(OLD, texts)) == ["q3", "q1", "q2"]


def test_edited_in_place_keeps_key() -> None:
    texts = ["Hoe was het allereerste contact met u?", "Wat kan beter?"]
    assert keys(match_questions(OLD, texts)) == ["q1", "q2"]


def test_moved_and_edited_keeps_key_by_resemblance() -> None:
    texts = ["Wat kan er beter?", "Hoe was het eerste contact?"]
    assert keys(match_questions(OLD, texts)) == ["q2", "q1"]


def test_removed_key_is_never_reused() -> None:
    texts = ["Wat kan beter?", "Iets heel anders dat niemand vroeg"]
    result = match_questions(OLD, texts, used_keys=["q7"])
    assert keys(result) == ["q2", "q8"]


# What the setup screen edits (SetupState) ------------------------------------


def test_state_lists_meeting_orgs_first_then_unused_presets() -> None:
    meeting = small_meeting()
    meeting.organisations.append(Organisation("gemhv", "Gemeente / lokaal team"))
    state = SetupState(meeting)
    keys = [r.org.key for r in state.rows]
    assert keys[:4] == ["vt", "rvdk", "jgb", "gemhv"]
    assert "gem" not in keys  # same name as a chosen one: not offered twice
    assert {"gi", "save", "wss", "ldh", "jz"} <= set(keys)
    assert len(keys) == len(set(keys))
    assert [r.selected for r in state.rows[:5]] == [True, True, True, True, False]


def test_state_counts_live_remarks_per_org_and_participant() -> None:
    meeting = small_meeting(4)
    meeting.remarks[3].deleted = True
    state = SetupState(meeting)
    assert state.remark_count_for_org(state.rows[0]) == 2  # remarks 1 and 3 name vt
    assert state.participant_remark_count("p1") == 1
    assert state.participant_remark_count("p4") == 0


def test_state_new_participant_never_reuses_a_key() -> None:
    state = SetupState(small_meeting())
    state.remove_participant("p4")
    person = state.new_participant()
    assert (person.key, person.pseudonym, person.role) == ("p5", "Jongere 2", Role.JONGERE)


def test_state_key_change_follows_into_participants_and_unticked_orgs_drop_out() -> None:
    state = SetupState(small_meeting())
    state.change_organisation(state.rows[0], Organisation("vth", "Veilig Thuis"))
    assert state.participants[0].organisations == ["vth", "rvdk"]
    state.rows[1].selected = False
    assert [p.organisations for p in state.final_participants()] == [["vth"], ["jgb"], ["vth"], []]
    # Ticking it again brings the link back: the form keeps what was chosen.
    state.rows[1].selected = True
    assert state.final_participants()[0].organisations == ["vth", "rvdk"]


# The whole form ------------------------------------------------------------------

FORM = {
    "topic": " Bejegening ",
    "date": "14-10-2021",
    "start": "",
    "invited": "",
    "location": "Hilversum\x07",
    "facilitators": "A, B",
    "listeners": "",
    "introduction": "Eerste alinea.\r\n\r\nTweede alinea.\n\n",
    "questions": "Hoe werd u bejegend bij het eerste contact?\nNieuwe vraag?",
}


def test_build_meeting_keeps_id_and_question_keys() -> None:
    base = small_meeting()
    base.id = 9
    meeting = build_meeting(base, FORM, organisations=[], participants=base.participants)
    assert (meeting.id, meeting.topic, meeting.date, meeting.start) == (
        9,
        "Bejegening",
        dt.date(2021, 10, 14),
        None,
    )
    assert meeting.location == "Hilversum"
    assert meeting.introduction == "Eerste alinea.\n\nTweede alinea."
    assert meeting.facilitators == ["A", "B"]
    assert [q.key for q in meeting.questions] == ["q1", "q3"]
    assert meeting.remarks == []  # the setup never carries remarks


def test_build_meeting_reports_every_bad_field_in_form_order() -> None:
    bad = FORM | {"invited": "3", "topic": "", "date": "31-04-2021", "start": "7 uur"}
    with pytest.raises(FormErrors) as caught:
        build_meeting(
            small_meeting(), bad, organisations=[], participants=small_meeting().participants
        )
    assert list(caught.value.errors) == ["topic", "date", "start", "invited"]
    assert "april 2021 heeft 30 dagen" in caught.value.errors["date"]
    assert "minstens 4" in caught.value.errors["invited"]


@pytest.mark.parametrize(
    ("old", "new", "kept"),
    [
        ("Wat ging goed?", "Wat kan beter?", False),
        ("Wat zou u anders willen zien?", "Nieuwe vraag?", False),
        (
            "Hoe werd u bejegend bij het eerste contact?",
            "Hoe werd u bejegend bij het eerste kontakt?",
            True,
        ),
        ("Wat zou u anders willen zien?", "Wat zou u graag anders zien bij Veilig Thuis?", True),
    ],
)
def test_replaced_in_place_keeps_key_only_when_alike(old: str, new: str, kept: bool) -> None:
    result = match_questions([Question("q1", "Eerste?"), Question("q2", old)], ["Eerste?", new])
    assert (result[1].key == "q2") is kept


def test_parse_invited_of_thousands_of_digits_is_a_dutch_message() -> None:
    # int() of more than 4300 digits raised ValueError: a traceback in the form.
    for huge in ("9" * 5000, "0" * 4999 + "1000"):
        with pytest.raises(FieldError, match="hoogstens 999"):
            parse_invited(huge)
    assert parse_invited("0" * 5000 + "7") == 7
