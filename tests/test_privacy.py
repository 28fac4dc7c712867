"""The re-identification check (spiegel_tui.privacy): the test set's goals, and the
rules around it (protected vocabulary, local labels, keys, replacements)."""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
from privacy_cases import (
    ALL_CASES,
    IDENTIFYING,
    NOT_IDENTIFYING,
    SEED_KEY_POINTS,
    VOCABULARY,
    evaluate,
    report,
)

from spiegel_tui.privacy import (
    Finding,
    FindingKind,
    Text,
    Vocabulary,
    meeting_texts,
    meeting_vocabulary,
    replace_all,
    scan,
    scan_isolated,
)
from spiegel_tui.privacy.lookup import CACHE_ENV
from spiegel_tui.privacy.patterns import elf_proef

SEED = Path("/work/shared/seeds")


@pytest.fixture(scope="session", autouse=True)
def _lookup_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """One word-list cache per test process, outside the developer's home."""
    os.environ[CACHE_ENV] = str(tmp_path_factory.mktemp("privacy-cache"))


def found(text: str, vocabulary: Vocabulary = VOCABULARY) -> list[tuple[str, str]]:
    return [(f.kind.name.lower(), f.found) for f in scan([Text("t", text)], vocabulary)]


# The test set ---------------------------------------------------------------------


def test_the_set_has_sixty_sentences_half_of_them_identifying():
    assert len(ALL_CASES) >= 60
    assert abs(len(IDENTIFYING) - len(NOT_IDENTIFYING)) <= 0.1 * len(ALL_CASES)
    assert all(expected for _, expected in IDENTIFYING)
    assert not any(expected for _, expected in NOT_IDENTIFYING)
    assert {text for text, _ in NOT_IDENTIFYING} >= set(SEED_KEY_POINTS)


@pytest.mark.skipif(not SEED.is_dir(), reason="the seed documents are not on this machine")
def test_the_seed_key_points_are_the_documents_own():
    document = next(SEED.glob("002_*.txt")).read_text(encoding="utf-8")
    bullets = [line[2:].strip() for line in document.splitlines() if line.startswith("- ")]
    assert bullets == SEED_KEY_POINTS


def test_goals_on_the_test_set(capsys: pytest.CaptureFixture[str]):
    counts = evaluate()
    with capsys.disabled():
        print("\n" + report(counts))

    def recall(kind: str) -> float:
        return counts[kind]["tp"] / counts[kind]["expected"]

    for kind in ("phone", "email", "case_number", "date", "age", "local_label", "bsn"):
        assert recall(kind) == 1.0, kind
    assert recall("name") >= 0.9
    assert recall("place") >= 0.9
    seed_findings = scan(
        [Text(f"kernpunt:{n}", p) for n, p in enumerate(SEED_KEY_POINTS, 1)], VOCABULARY
    )
    assert len(seed_findings) <= 1, seed_findings
    # Precision: the sentences without identifying details stay (nearly) clean.
    clean = scan([Text(str(n), t) for n, (t, _) in enumerate(NOT_IDENTIFYING)], VOCABULARY)
    assert len(clean) <= 2, clean


# The meeting's vocabulary -----------------------------------------------------------


def test_an_organisation_name_stops_a_name_and_is_no_finding():
    text = "mevrouw De Vries van Veilig Thuis kwam langs"
    assert found(text) == [("name", "De Vries")]
    # An organisation only the meeting knows: without its name, the name runs on.
    text = "mevrouw De Vries van Kompas Jeugdhulp kwam langs"
    assert found(text, Vocabulary.of(["Kompas Jeugdhulp"])) == [("name", "De Vries")]
    assert found(text, Vocabulary()) == [("name", "De Vries van Kompas Jeugdhulp")]


def test_protected_names_and_pseudonyms_are_never_findings():
    vocabulary = Vocabulary.of(
        protected=["Stichting Jan Pieter Heije", "Ouder 3", "Pleegouder 1"],
    )
    text = "Bij Stichting Jan Pieter Heije zeiden Ouder 3 en Pleegouder 1 hetzelfde."
    assert found(text, vocabulary) == []
    assert ("name", "Jan Pieter Heije") in found(text, Vocabulary())


def test_a_local_label_is_a_finding_everywhere_with_its_pseudonym():
    vocabulary = Vocabulary.of(protected=["Team Marieke"], labels={"Marieke": "Ouder 1"})
    findings = scan([Text("t", "marieke  zei dat Team Marieke goed werkt")], vocabulary)
    assert [(f.kind, f.found, f.replacement) for f in findings] == [
        (FindingKind.LOCAL_LABEL, "marieke", "Ouder 1"),
        (FindingKind.LOCAL_LABEL, "Marieke", "Ouder 1"),
    ]


def test_a_label_that_is_its_own_pseudonym_is_no_finding():
    vocabulary = Vocabulary.of(protected=["Ouder 1"], labels={"ouder  1": "Ouder 1"})
    assert found("Ouder 1 zei het al.", vocabulary) == []


def test_a_label_that_is_no_name_is_found_too():
    vocabulary = Vocabulary.of(labels={"vader met rode jas": "Ouder 2"})
    assert found("De vader met\nrode jas knikte.", vocabulary) == [
        ("local_label", "vader met\nrode jas")
    ]


# Findings: replacement, key, JSON ---------------------------------------------------


def test_replacing_every_finding_gives_a_neutral_sentence():
    text = "Mijn zoon Daan van 8 werd in Hilversum op 3 maart uit school gehaald."
    findings = scan([Text("kernpunt:1", text)], VOCABULARY)
    assert replace_all(text, findings) == (
        "een kind van [leeftijd] werd in een gemeente op [datum] uit school gehaald."
    )
    text = "Jeugdbeschermer Natasja belde nooit terug op 06-12345678."
    findings = scan([Text("kernpunt:2", text)], VOCABULARY)
    assert replace_all(text, findings) == (
        "Jeugdbeschermer [naam] belde nooit terug op [telefoonnummer]."
    )


def test_the_key_survives_edits_elsewhere_and_ignores_case_and_spacing():
    before = scan([Text("kernpunt:4", "Natasja belde niet.")], VOCABULARY)
    after = scan([Text("kernpunt:4", "Eerlijk is eerlijk: NATASJA  belde niet.")], VOCABULARY)
    assert [f.key for f in before] == ["name|natasja|kernpunt:4"]
    assert [f.key for f in after] == [f.key for f in before]
    assert after[0].start != before[0].start
    elsewhere = scan([Text("kernpunt:5", "Natasja belde niet.")], VOCABULARY)
    assert elsewhere[0].key != before[0].key


def test_a_finding_goes_through_json_unchanged():
    finding = scan([Text("opmerking:7", "Bel 06-12345678.")], VOCABULARY)[0]
    assert Finding.from_json(json.loads(json.dumps(finding.to_json()))) == finding


# Structured identifiers ---------------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    [
        "06-12345678",
        "0612345678",
        "06 12 34 56 78",
        "+31 6 12345678",
        "+31 (0)6 1234 5678",
        "0031612345678",
        "035-6231234",
        "(035) 623 12 34",
        "088 – 996 3000",
        "0800-2000",
        "0900 1234567",
    ],
)
def test_phone_numbers_in_the_ways_people_write_them(number: str):
    assert found(f"Ik belde {number} en niemand nam op.") == [("phone", number)]


def test_the_eleven_test():
    assert elf_proef("111222333")
    assert elf_proef("123456782")
    assert not elf_proef("123456789")
    assert not elf_proef("000000000")
    assert found("Het nummer 123.456.782 stond erin.") == [("bsn", "123.456.782")]
    # Not a valid BSN: a number all the same, but not called a BSN ...
    assert found("Het nummer 123456789 stond erin.") == [("case_number", "123456789")]
    # ... unless the text says it is one.
    assert found("Mijn BSN 123456789 stond erin.") == [("bsn", "123456789")]


@pytest.mark.parametrize(
    "text",
    [
        "Ik heb drie jaar lang gewacht.",
        "Dat is 2 jaar geleden gebeurd.",
        "In 2019 begon het traject, tussen 2019-2021 ging het mis.",
        "De avond begon om 19.30 uur en duurde 2 uur.",
        "Vanaf groep 8 ging het mis.",
        "Het kostte ons 125000 euro aan advocaten.",
        "Dat was een en ander, en dat is 3 keer gebeurd.",
        "Basisschool en middelbare school wisten het niet.",
        "Best raar dat niemand belde.",
        "Echt waar, niemand belde terug.",
    ],
)
def test_numbers_and_words_that_identify_no_one(text: str):
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hij woont in Best sinds januari.", [("place", "Best")]),
        ("Mijn ex woont nu in Den Bosch.", [("place", "Den Bosch")]),
        ("Ze woont bij oma in Den Haag.", [("place", "Den Haag")]),
        ("Het plan is in de regio Gooi en Vechtstreek.", [("place", "Gooi en Vechtstreek")]),
        ("Meneer J. de Groot belde.", [("name", "J. de Groot")]),
        ("Het adres was Prins Hendriklaan 4a.", [("address", "Prins Hendriklaan 4a")]),
        ("Op maandag 3 mei 2021 kwam de brief.", [("date", "maandag 3 mei 2021")]),
        ("De zitting was op 2021-05-03.", [("date", "2021-05-03")]),
        ("Een achtjarige moet je niet zo ondervragen.", [("age", "achtjarige")]),
        ("Hij zit op het Christelijk Lyceum Zeist.", [("school", "Christelijk Lyceum Zeist")]),
    ],
)
def test_more_shapes(text: str, expected: list[tuple[str, str]]):
    assert found(text) == expected


# How it runs ---------------------------------------------------------------------------


@pytest.mark.slow
def test_the_check_in_a_child_process_gives_the_same_findings():
    texts = [Text(f"case:{n}", text) for n, (text, _) in enumerate(ALL_CASES)]
    assert scan_isolated(texts, VOCABULARY) == scan(texts, VOCABULARY)


@pytest.mark.slow
def test_with_its_cache_the_check_loads_neither_deduce_nor_textual_nor_sqlite():
    scan([Text("t", "warm up the cache")])  # builds the cache file if needed
    probe = (
        "import sys\n"
        "from spiegel_tui.privacy import Text, scan\n"
        "assert scan([Text('t', 'Natasja uit Hilversum')])\n"
        "heavy = {'deduce', 'docdeid', 'numpy', 'rapidfuzz', 'textual', 'sqlite3', 'docx'}\n"
        "print(sorted(heavy & set(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]"


@pytest.mark.slow
def test_an_unwritable_cache_folder_still_gives_findings(tmp_path: Path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    probe = (
        "from spiegel_tui.privacy import Text, scan\n"
        "print(len(scan([Text('t', 'Natasja uit Hilversum')])))\n"
    )
    env = {**os.environ, CACHE_ENV: str(folder / "sub")}
    done = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.stdout.strip() == "2", done.stderr
    assert not re.search(r"Traceback", done.stderr)


@pytest.mark.slow
def test_the_child_process_refuses_a_bad_request_without_echoing_it():
    done = subprocess.run(
        [sys.executable, "-m", "spiegel_tui.privacy"],
        input=b'{"texts": [{"id": "x", "tekst": "Natasja belt"}]',
        capture_output=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert b"Natasja" not in done.stderr + done.stdout
    assert b"Traceback" not in done.stderr


def test_span_overlap_agrees_with_comparing_every_pair():
    from spiegel_tui.privacy.spans import Spans

    rng = random.Random(14)
    for _ in range(200):
        spans = Spans()
        kept: list[tuple[int, int]] = []
        for _ in range(30):
            start = rng.randrange(100)
            end = start + rng.randrange(1, 8)
            slow = any(s < end and start < e for s, e in kept)
            assert spans.overlaps(start, end) == slow
            if not slow:
                spans.add(start, end)
                kept.append((start, end))


def test_a_long_paste_is_checked_in_linear_time():
    # 320 KB: quadratic work (an overlap test against every earlier finding, the text
    # before each word searched again) took half a minute at 800 KB.
    sentence = "Jeugdbeschermer Natasja uit Hilversum belde 06-12345678 over school De Vonk. "
    found_all = scan([Text("plak", sentence * 4000)], VOCABULARY)
    assert len(found_all) == 4 * 4000


PIECES = [
    "Natasja",
    "NATASJA",
    "de",
    "Van",
    "der",
    "mevrouw",
    "zoon",
    "Daan",
    "van",
    "8",
    "jaar",
    "Hilversum",
    "Den",
    "Haag",
    "in",
    "op",
    "3",
    "maart",
    "2021",
    "06-12345678",
    "+31",
    "123.456.782",
    "1234 AB",
    "Kerkstraat",
    "12",
    "school",
    "De",
    "Vonk",
    "Lyceum",
    "Veilig Thuis",
    "Marieke",
    "Ouder 1",
    "a@b.nl",
    "C/13/654321",
    ".",
    ",",
    "!",
    "\n",
    "\t",
    "é",
    "ë",
    "ß",
    "日本",
    "🙂",
    "\u200b",
    "'t",
    "-",
    "–",
    "(",
    ")",
    "€",
    "J.",
    "VT-2021-1",
]


def test_generated_texts_give_consistent_findings():
    """Any mix of words, numbers and odd characters: findings point at their own text,
    do not overlap, come in order, and replacing them leaves none of them behind."""
    rng = random.Random(1414)
    for n in range(300):
        words = [rng.choice(PIECES) for _ in range(rng.randrange(1, 30))]
        text = "".join(w + rng.choice([" ", "", "  ", "\n"]) for w in words)
        findings = scan([Text(f"gen:{n}", text)], VOCABULARY)
        previous_end = 0
        for finding in findings:
            assert text[finding.start : finding.end] == finding.found
            assert finding.start >= previous_end, (text, findings)
            assert finding.key.endswith(f"|gen:{n}")
            previous_end = finding.end
        replaced = replace_all(text, findings)
        # Replacing is the same as scanning the neutral text: nothing new appears
        # out of the suggestions themselves.
        assert all(
            f.kind != FindingKind.LOCAL_LABEL for f in scan([Text("r", replaced)], VOCABULARY)
        )


def test_a_meetings_texts_and_vocabulary():
    import datetime as dt

    from spiegel_tui.model import KeyPoint, Meeting, Organisation, Participant, Remark

    at = dt.datetime(2021, 10, 14, 20, 0, tzinfo=dt.UTC)
    meeting = Meeting(
        topic="Bejegening",
        date=dt.date(2021, 10, 14),
        introduction="Vijf ouders vertelden over hun ervaringen.",
        organisations=[Organisation("vt", "Veilig Thuis"), Organisation("k", "Kompas Jeugdhulp")],
        participants=[Participant("p1", "Ouder 1", label="Marieke")],
        remarks=[
            Remark(at=at, text="Marieke: mevrouw De Vries van Kompas Jeugdhulp belde", id=7),
            Remark(at=at, text="Natasja belde 06-12345678", private=True, id=8),
        ],
    )
    meeting.outcome.key_points = [KeyPoint("Ouder 1 woont in Hilversum", id=3)]
    texts = meeting_texts(meeting)
    assert [t.id for t in texts] == ["onderwerp", "inleiding", "kernpunt:3", "opmerking:7"]
    findings = scan(texts, meeting_vocabulary(meeting))
    assert [(f.key, f.replacement) for f in findings] == [
        ("place|hilversum|kernpunt:3", "een gemeente"),
        ("local_label|marieke|opmerking:7", "Ouder 1"),
        ("name|de vries|opmerking:7", "[naam]"),
    ]


SEED_VOCABULARY = Vocabulary.of(
    [
        "Veilig Thuis",
        "Veilig Thuis Utrecht",
        "SAVE Jeugdbescherming",
        "SAVE",
        "Samen Veilig Midden-Nederland",
        "Samen Veilig Midden Nederland",
        "Bureau Jeugdzorg Utrecht",
        "Raad voor de Kinderbescherming",
        "Jeugd- & Gezinsbeschermers",
        "JbOV",
        "Jeugdbescherming west",
        "JB west",
    ]
)


@pytest.mark.skipif(not SEED.is_dir(), reason="the seed documents are not on this machine")
def test_real_documents_every_finding_is_right_and_none_is_missed():
    """The five seed texts (real Dutch pages about mirror meetings, ~2,800 words):
    read by hand, these are all the people, places, dates and numbers in them."""
    expected = {
        "000": {
            ("phone", "0800-2000"),
            ("phone", "088 – 996 3000"),
            ("phone", "0800- 2000"),
            ("place", "Flevoland"),
            ("place", "Utrecht"),
            ("place", "Amersfoort"),
            ("date", "9 september 2017"),
            ("date", "november 2017"),
            ("name", "Mieke"),
        },
        "001": {
            ("phone", "0800-2000"),
            ("phone", "088 – 996 3000"),
            ("phone", "0800- 2000"),
            ("place", "Flevoland"),
            ("place", "Utrecht"),
            ("date", "28 oktober 2019"),
            ("name", "Rutger Bregman"),
            ("name", "Tanno Klijn"),
        },
        "002": {
            ("date", "14 oktober 2021"),
            ("date", "november 2021"),
            ("place", "Gooi en Vechtstreek"),
        },
        "003": {("name", "Natasja")},
        "004": set(),
    }
    for path in sorted(SEED.glob("00[0-4]_*.txt")):
        findings = scan([Text(path.name, path.read_text(encoding="utf-8"))], SEED_VOCABULARY)
        got = {(f.kind.name.lower(), f.found) for f in findings}
        assert got == expected[path.name[:3]], path.name
    # Every one of the name's occurrences, not just one.
    text = next(SEED.glob("000_*.txt")).read_text(encoding="utf-8")
    findings = scan([Text("000", text)], SEED_VOCABULARY)
    assert sum(f.found == "Mieke" for f in findings) == text.count("Mieke") == 11
