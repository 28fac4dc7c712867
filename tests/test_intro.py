"""The drafted introduction: the register of seed 002, from the meeting's setup."""

from __future__ import annotations

import datetime as dt

import pytest
from samenkracht import samenkracht_meeting

from spiegel_tui.model import Meeting, Organisation, Participant, Role
from spiegel_tui.outcome.intro import (
    draft_introduction,
    dutch_list,
    number_word,
    people_phrase,
    with_article,
)

ORGS = [
    Organisation("vt", "Veilig Thuis"),
    Organisation("rvdk", "Raad voor de Kinderbescherming"),
    Organisation("jgb", "Jeugd- & Gezinsbeschermers"),
]
ALL = ["vt", "rvdk", "jgb"]


def meeting(participants: list[Participant], **setup) -> Meeting:
    setup.setdefault("organisations", ORGS)
    setup.setdefault("start", dt.time(19, 30))
    return Meeting(
        topic="Bejegening in de keten",
        date=dt.date(2022, 3, 1),
        participants=participants,
        **setup,
    )


def people(role: Role, present: int, absent: int = 0, orgs: list[str] | None = None):
    stem = role.pseudonym_stem
    return [
        Participant(f"{stem}{n}", f"{stem} {n}", role, n <= present, list(orgs or ALL))
        for n in range(1, present + absent + 1)
    ]


def test_seed_setup_gives_the_seed_sentences():
    text = draft_introduction(samenkracht_meeting())
    assert text == (
        "Veilig Thuis, de Raad voor de Kinderbescherming en de Jeugd- & Gezinsbeschermers "
        "willen graag leren van de ervaringen van ouders. Het onderwerp van deze bijeenkomst "
        "is: Spiegelbijeenkomst thema bejegening binnen de Jeugdbeschermingsketen. "
        # From here on word for word as in the facilitators' own document:
        "We hebben voor deze avond zeven ouders bereid gevonden om hun ervaringen te delen. "
        "Helaas zijn er twee ouders verhinderd. De vijf ouders die deelnemen aan deze avond "
        "hebben allen ervaring met alle drie de organisaties; te weten Veilig Thuis, de Raad "
        "voor de Kinderbescherming en de Jeugd- & Gezinsbeschermers."
    )


def test_everyone_present_mentions_no_absence():
    text = draft_introduction(meeting(people(Role.OUDER, 4)))
    assert "verhinderd" not in text
    assert "voor deze avond vier ouders bereid gevonden" in text
    assert "De vier ouders die deelnemen aan deze avond hebben allen ervaring" in text


def test_one_excused_is_singular():
    text = draft_introduction(meeting(people(Role.OUDER, 5, 1)))
    assert "zes ouders bereid gevonden" in text
    assert "Helaas is er één ouder verhinderd." in text
    assert "De vijf ouders die deelnemen" in text


def test_mixed_roles_are_counted_per_role():
    group = [
        *people(Role.OUDER, 3, 1),
        *people(Role.JONGERE, 2),
        *people(Role.PLEEGOUDER, 0, 1),
    ]
    text = draft_introduction(meeting(group))
    assert text.startswith(
        "Veilig Thuis, de Raad voor de Kinderbescherming en de Jeugd- & Gezinsbeschermers "
        "willen graag leren van de ervaringen van ouders, jongeren en pleegouders."
    )
    assert "vier ouders, twee jongeren en één pleegouder bereid gevonden" in text
    assert "Helaas zijn er één ouder en één pleegouder verhinderd." in text
    assert "De drie ouders en twee jongeren die deelnemen aan deze avond" in text


def test_no_organisations():
    text = draft_introduction(meeting(people(Role.JONGERE, 3), organisations=[]))
    assert text.startswith("De organisaties willen graag leren van de ervaringen van jongeren.")
    assert "ervaring met" not in text
    assert text.endswith("Drie jongeren nemen deel aan deze avond.")


def test_partial_experience_is_not_overstated():
    group = people(Role.OUDER, 2, orgs=["vt"]) + people(Role.PLEEGOUDER, 1, orgs=["rvdk"])
    text = draft_introduction(meeting(group))
    assert "allen" not in text
    assert text.endswith(
        "hebben ervaring met een of meer van de organisaties; te weten Veilig Thuis en "
        "de Raad voor de Kinderbescherming."
    )


def test_single_participant_and_single_organisation():
    text = draft_introduction(
        meeting(people(Role.JONGERE, 1), organisations=[ORGS[0]], start=dt.time(10, 0))
    )
    assert text.startswith("Veilig Thuis wil graag leren van de ervaringen van jongeren.")
    assert "voor deze ochtend één jongere bereid gevonden om zijn of haar ervaringen" in text
    assert text.endswith(
        "De jongere die deelneemt aan deze ochtend heeft ervaring met Veilig Thuis."
    )


def test_invited_beyond_the_list_and_no_start_time():
    text = draft_introduction(meeting(people(Role.OUDER, 3), invited=14, start=None))
    assert "voor deze bijeenkomst 14 ouders bereid gevonden" in text
    assert "Helaas zijn er elf ouders verhinderd." in text


def test_topic_without_double_full_stop():
    m = meeting(people(Role.OUDER, 2))
    m.topic = "Samen werken aan veiligheid."
    assert "is: Samen werken aan veiligheid. We hebben" in draft_introduction(m)


@pytest.mark.parametrize(
    ("n", "word"), [(0, "nul"), (1, "één"), (7, "zeven"), (12, "twaalf"), (13, "13")]
)
def test_number_words(n, word):
    assert number_word(n) == word


def test_dutch_list_has_no_comma_before_en():
    assert dutch_list([]) == ""
    assert dutch_list(["a"]) == "a"
    assert dutch_list(["a", "b"]) == "a en b"
    assert dutch_list(["a", "b", "c"]) == "a, b en c"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Veilig Thuis", "Veilig Thuis"),
        ("Raad voor de Kinderbescherming", "de Raad voor de Kinderbescherming"),
        ("Jeugd- & Gezinsbeschermers", "de Jeugd- & Gezinsbeschermers"),
        ("Leger des Heils", "het Leger des Heils"),
        ("de William Schrikker Stichting", "de William Schrikker Stichting"),
    ],
)
def test_articles(name, expected):
    assert with_article(name) == expected


def test_people_phrase_follows_role_order():
    group = people(Role.PLEEGOUDER, 1) + people(Role.OUDER, 2)
    assert people_phrase(group) == "twee ouders en één pleegouder"
