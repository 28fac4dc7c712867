"""Composing key points and choosing their sources: pure functions, no Textual."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import TZ, small_meeting
from samenkracht import samenkracht_meeting

from spiegel_tui.errors import SpiegelError
from spiegel_tui.model import KeyPoint, Kind, Remark
from spiegel_tui.outcome import edit
from spiegel_tui.outcome.sources import (
    GENERAL_KEY,
    NOBODY,
    PRIVATE_KEY,
    STARRED,
    SourceFilter,
    kind_choice_label,
    next_choice,
    participant_choice_label,
    participant_choices,
    source_groups,
)


def remark(rid: int, text: str, **kw: object) -> Remark:
    return Remark(at=dt.datetime(2021, 10, 14, 19, 40, tzinfo=TZ), text=text, id=rid, **kw)


def points(*texts: str) -> list[KeyPoint]:
    return [KeyPoint(t, [n]) for n, t in enumerate(texts, start=1)]


# Joining -------------------------------------------------------------------


def test_joined_text_makes_sentences_and_single_spaces() -> None:
    assert edit.joined_text(["Het hangt af  van\nwie je treft", "", "  Echt waar! "]) == (
        "Het hangt af van wie je treft. Echt waar!"
    )


def test_joined_text_keeps_existing_sentence_ends() -> None:
    assert edit.joined_text(["Waarom?", "Zo…", "Kort"]) == "Waarom? Zo… Kort."


# Making and attaching ----------------------------------------------------


def test_point_from_one_remark() -> None:
    point = edit.point_from_remarks([remark(7, "Afspraken werden afgezegd")])
    assert point == KeyPoint("Afspraken werden afgezegd.", [7])


def test_point_from_several_remarks_keeps_order_and_ids_once() -> None:
    r1, r2 = remark(3, "Eerst dit."), remark(9, "Dan dat")
    point = edit.point_from_remarks([r2, r1, r2])
    assert point.text == "Dan dat. Eerst dit. Dan dat."
    assert point.remarks == [9, 3]


def test_point_from_a_private_remark_is_refused() -> None:
    with pytest.raises(SpiegelError, match="vertrouwelijke"):
        edit.point_from_remarks([remark(1, "a"), remark(2, "geheim", private=True)])


def test_point_from_nothing_is_refused() -> None:
    with pytest.raises(SpiegelError):
        edit.point_from_remarks([])


def test_add_point_appends_or_inserts_without_touching_the_input() -> None:
    before = points("a", "b")
    after, index = edit.add_point(before, KeyPoint("c", [5, 5]))
    assert [p.text for p in after] == ["a", "b", "c"] and index == 2
    assert after[2].remarks == [5]
    after, index = edit.add_point(before, KeyPoint("z"), at=0)
    assert [p.text for p in after] == ["z", "a", "b"] and index == 0
    assert [p.text for p in before] == ["a", "b"]


def test_attach_remarks_appends_new_texts_and_ids_only() -> None:
    before = [KeyPoint("Communicatie is niet helder", [1])]
    after = edit.attach_remarks(before, 0, [remark(1, "al erin"), remark(4, "Afspraken vervallen")])
    assert after[0] == KeyPoint("Communicatie is niet helder. Afspraken vervallen.", [1, 4])
    assert before[0].remarks == [1]
    assert edit.attach_remarks(after, 0, [remark(4, "x")]) == after


# Merging, moving, removing, rewording ----------------------------------


def test_merge_points_puts_the_result_where_the_first_stood() -> None:
    before = points("a", "b", "c", "d")
    after, index = edit.merge_points(before, [3, 1])
    assert index == 1
    assert [p.text for p in after] == ["a", "b. d.", "c"]
    assert after[1].remarks == [2, 4]
    assert len(before) == 4


def test_merge_points_needs_two() -> None:
    with pytest.raises(SpiegelError, match="twee"):
        edit.merge_points(points("a", "b"), [1, 1])


def test_move_point_up_down_and_stops_at_the_ends() -> None:
    before = points("a", "b", "c")
    after, index = edit.move_point(before, 2, -1)
    assert [p.text for p in after] == ["a", "c", "b"] and index == 1
    after, index = edit.move_point(before, 0, -1)
    assert [p.text for p in after] == ["a", "b", "c"] and index == 0
    after, index = edit.move_point(before, 0, 1)
    assert [p.text for p in after] == ["b", "a", "c"] and index == 1
    assert [p.remarks for p in after] == [[2], [1], [3]]


def test_remove_point() -> None:
    assert [p.text for p in edit.remove_point(points("a", "b", "c"), 1)] == ["a", "c"]
    with pytest.raises(IndexError):
        edit.remove_point(points("a"), 3)


def test_reword_point_keeps_its_remarks_and_cleans_the_text() -> None:
    after = edit.reword_point(points("a", "b"), 1, "  Nieuwe\x1b[31m tekst \r\n\r\nmet alinea  ")
    assert after[1] == KeyPoint("Nieuwe tekst\n\nmet alinea", [2])


def test_reword_point_refuses_empty_text() -> None:
    with pytest.raises(SpiegelError, match="leeg"):
        edit.reword_point(points("a"), 0, " \n ")


def test_points_by_remark_numbers_from_one() -> None:
    used = edit.points_by_remark([KeyPoint("a", [1, 2]), KeyPoint("b", [2])])
    assert used == {1: [1], 2: [1, 2]}


# Sources -----------------------------------------------------------------


def test_sources_grouped_by_organisation_with_private_apart() -> None:
    meeting = samenkracht_meeting()
    groups = source_groups(meeting)
    assert [g.title for g in groups] == [
        "Veilig Thuis",
        "Raad voor de Kinderbescherming",
        "Jeugd- & Gezinsbeschermers",
        "Algemeen",
        "Vertrouwelijk: komt nooit in het document",
    ]
    by_key = {g.key: [r.id for r in g.remarks] for g in groups}
    # r2, r15, r18, r21 are unstarred notes: not sources. r11 names all three.
    assert by_key["vt"] == [1, 3, 4, 5, 7, 11, 16, 17]
    assert by_key["rvdk"] == [8, 9, 10, 11]
    assert by_key["jgb"] == [5, 6, 11, 12, 13, 14, 16]
    assert by_key[GENERAL_KEY] == [20]
    assert by_key[PRIVATE_KEY] == [19]
    assert all(not r.private for g in groups[:-1] for r in g.remarks)


def test_starred_notes_are_sources_and_deleted_remarks_are_not() -> None:
    meeting = small_meeting(0)
    meeting.remarks = [
        remark(1, "ster", kind=Kind.NOTE, starred=True),
        remark(2, "gewoon", kind=Kind.NOTE),
        remark(3, "weg", kind=Kind.WISH, deleted=True),
    ]
    assert [[r.id for r in g.remarks] for g in source_groups(meeting)] == [[1]]


def test_filter_by_kind_and_participant() -> None:
    meeting = samenkracht_meeting()

    def ids(flt: SourceFilter) -> set[int]:
        return {r.id for g in source_groups(meeting, flt) for r in g.remarks if r.id}

    assert ids(SourceFilter(kind=Kind.WISH.value)) == {11, 13, 14, 20}
    assert ids(SourceFilter(kind=STARRED)) == {1, 3, 5, 8, 11, 16}
    assert ids(SourceFilter(participant="p5")) == {8, 9, 14, 17}
    assert ids(SourceFilter(kind=Kind.POSITIVE.value, participant="p2")) == {19}
    assert not SourceFilter().active and SourceFilter(participant=NOBODY).active


def test_participant_choices_and_labels() -> None:
    meeting = samenkracht_meeting()
    choices = participant_choices(meeting)
    assert choices == [None, "p1", "p2", "p3", "p4", "p5"]
    assert [participant_choice_label(meeting, c) for c in choices[:2]] == ["iedereen", "Ouder 1"]
    meeting.remarks.append(remark(99, "zomaar", kind=Kind.WISH))
    assert participant_choices(meeting)[-1] == NOBODY
    assert participant_choice_label(meeting, NOBODY) == "zonder deelnemer"


def test_next_choice_wraps_and_recovers() -> None:
    assert next_choice([None, "a", "b"], "b") is None
    assert next_choice([None, "a", "b"], None) == "a"
    assert next_choice([None, "a"], "gone") is None
    assert kind_choice_label(STARRED) == "belangrijk"
