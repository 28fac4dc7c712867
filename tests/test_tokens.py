"""The inline token parser of the capture line (pure, no Textual)."""

from __future__ import annotations

import pytest
from helpers import small_meeting

from spiegel_tui.capture.tokens import (
    ClearOrgs,
    Context,
    SetKind,
    SetOrg,
    SetParticipant,
    TogglePrivate,
    ToggleStar,
    Vocabulary,
    apply,
    format_line,
    parse,
)
from spiegel_tui.model import Kind

VOCAB = Vocabulary.from_meeting(small_meeting(0))


def ctx(line: str, start: Context | None = None) -> tuple[Context, str]:
    parsed = parse(line, VOCAB)
    assert parsed.error is None, parsed.error
    return apply(parsed.ops, start or Context(), VOCAB), parsed.text


@pytest.mark.parametrize(
    ("line", "participant"),
    [
        ("@1 tekst", "p1"),
        ("@3 tekst", "p3"),
        ("@4 tekst", "p4"),  # absent people keep their number
        ("@p2 tekst", "p2"),
        ("@P2 tekst", "p2"),
        ("@marieke tekst", "p1"),  # local name
        ("@mar tekst", "p1"),  # unique start of it
        ("@jongere tekst", "p3"),
        ("@jongere1 tekst", "p3"),
        ("@ouder2 tekst", "p2"),
        ("@0 tekst", None),
        ("@- tekst", None),
    ],
)
def test_participant_tokens(line: str, participant: str | None) -> None:
    context, text = ctx(line, Context(participant="p4"))
    assert context.participant == participant
    assert text == "tekst"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("@9 tekst", "geen deelnemer 9"),
        ("@ouder tekst", "meerdere deelnemers"),
        ("@xyz tekst", "Onbekende deelnemer @xyz"),
        ("#xyz tekst", "Onbekende organisatie #xyz"),
        ("#7 tekst", "geen organisatie 7"),
    ],
)
def test_unknown_names_are_errors_and_stay_text(line: str, message: str) -> None:
    parsed = parse(line, VOCAB)
    assert parsed.error is not None and message in parsed.error
    assert parsed.ops == ()
    assert parsed.consumed == 0
    assert parsed.text == line


def test_error_after_good_tokens_keeps_the_good_ones() -> None:
    parsed = parse("@2 #zz tekst", VOCAB)
    assert parsed.ops == (SetParticipant("p2"),)
    assert parsed.consumed == 3
    assert parsed.error is not None


def test_organisations_a_run_replaces_and_adds() -> None:
    context, _ = ctx("#vt #rvdk tekst")
    assert context.organisations == ("vt", "rvdk")
    # A new run replaces: people move on to another organisation.
    context, _ = ctx("#jgb tekst", context)
    assert context.organisations == ("jgb",)
    context, _ = ctx("#- tekst", context)
    assert context.organisations == ()
    context, _ = ctx("#3 #1 x")  # by number, kept in setup order
    assert context.organisations == ("vt", "jgb")
    context, _ = ctx("#veilig #0 #raad x")  # start of the name; #0 clears
    assert context.organisations == ("rvdk",)
    context, _ = ctx("#vt @2 #rvdk x")  # another token ends the run
    assert context.organisations == ("rvdk",)


def test_organisation_run_across_separate_calls() -> None:
    """Typed token by token, the capture screen applies them one at a time."""
    start = Context(organisations=("jgb",))
    first = apply(parse("#vt ", VOCAB, final=False).ops, start, VOCAB)
    assert first.organisations == ("vt",)
    second = apply(parse("#rvdk ", VOCAB, final=False).ops, first, VOCAB, in_org_run=True)
    assert second.organisations == ("vt", "rvdk")


def test_toggle_org_for_chords() -> None:
    order = ("vt", "rvdk", "jgb")
    context = Context(organisations=("jgb",)).toggle_org("vt", order)
    assert context.organisations == ("vt", "jgb")
    assert context.toggle_org("jgb", order).organisations == ("vt",)


@pytest.mark.parametrize(
    ("line", "kind", "starred", "private"),
    [
        ("+ goed", Kind.POSITIVE, False, False),
        ("! beter", Kind.IMPROVEMENT, False, False),
        ("? wens", Kind.WISH, False, False),
        (". notitie", Kind.NOTE, False, False),
        ("* ster", Kind.NOTE, True, False),
        ("% geheim", Kind.NOTE, False, True),
        ("~ geheim", Kind.NOTE, False, True),
        ("+* beide", Kind.POSITIVE, True, False),
        ("!*% alles", Kind.IMPROVEMENT, True, True),
        ("* * tweemaal", Kind.NOTE, False, False),
        ("+ + terug", Kind.NOTE, False, False),
        ("+ ! laatste telt", Kind.IMPROVEMENT, False, False),
    ],
)
def test_flag_tokens(line: str, kind: Kind, starred: bool, private: bool) -> None:
    context, text = ctx(line)
    assert (context.kind, context.starred, context.private) == (kind, starred, private)
    assert text and text.split()[0].isalpha()


def test_everything_together() -> None:
    context, text = ctx("@3 #vt #rvdk + * % Dat   gesprek was  fijn ")
    assert context == Context("p3", ("vt", "rvdk"), Kind.POSITIVE, True, True)
    assert text == "Dat   gesprek was  fijn"


@pytest.mark.parametrize(
    "line",
    [
        "Ik heb #vt gebeld",
        "Waarom duurde het zo lang?",
        "Wat vond u? Goed.",
        "Ze zei: @home werken kan niet",
        "10% van de tijd",
        "...en toen belde niemand",
        "?!",  # a flag cluster (wish then improvement): checked separately below
        "+/- twee weken",
        "#",
        "@ het station",
        "*zucht* het was lang",
        "",
        "   ",
    ],
)
def test_text_that_merely_contains_token_characters(line: str) -> None:
    parsed = parse(line, VOCAB)
    if line == "?!":
        assert parsed.ops == (SetKind(Kind.WISH), SetKind(Kind.IMPROVEMENT))
        return
    assert parsed.ops == ()
    assert parsed.error is None
    assert parsed.text == line.strip()
    assert parsed.consumed == 0


def test_tokens_only_at_the_start() -> None:
    parsed = parse("tekst @2 #vt +", VOCAB)
    assert parsed.ops == ()
    assert parsed.text == "tekst @2 #vt +"


def test_escape_keeps_a_token_as_text() -> None:
    parsed = parse("\\#1 is het probleem", VOCAB)
    assert parsed.ops == ()
    assert parsed.text == "#1 is het probleem"
    parsed = parse("@2 \\+ 10 jaar", VOCAB)
    assert parsed.ops == (SetParticipant("p2"),)
    assert parsed.text == "+ 10 jaar"


def test_while_typing_a_token_waits_for_its_space() -> None:
    parsed = parse("@1", VOCAB, final=False)
    assert parsed.ops == ()
    assert parsed.consumed == 0
    assert parsed.preview == "Ouder 1"
    parsed = parse("@1 ", VOCAB, final=False)
    assert parsed.ops == (SetParticipant("p1"),)
    assert parsed.consumed == 3
    assert parsed.text == ""
    # The same line, final (Enter): the last token counts.
    assert parse("@1", VOCAB).ops == (SetParticipant("p1"),)


def test_while_typing_unknown_token_is_not_an_error_yet() -> None:
    parsed = parse("@xy", VOCAB, final=False)
    assert parsed.error is None and parsed.preview is None
    assert parse("@xy ", VOCAB, final=False).error is not None


def test_while_typing_consumed_marks_where_the_text_starts() -> None:
    line = "@2 #vt   Het was"
    parsed = parse(line, VOCAB, final=False)
    assert line[parsed.consumed :] == "Het was"
    assert parsed.ops == (SetParticipant("p2"), SetOrg("vt"))


def test_while_typing_escape_stays_in_the_line() -> None:
    parsed = parse("@2 \\#1 is", VOCAB, final=False)
    assert parsed.ops == (SetParticipant("p2"),)
    assert "@2 \\#1 is"[parsed.consumed :] == "\\#1 is"


def test_all_op_types() -> None:
    parsed = parse("@0 #- . * %", VOCAB)
    assert parsed.ops == (
        SetParticipant(None),
        ClearOrgs(),
        SetKind(Kind.NOTE),
        ToggleStar(),
        TogglePrivate(),
    )


def test_next_remark_keeps_speaker_and_organisations() -> None:
    context = Context("p1", ("vt",), Kind.WISH, True, True)
    assert context.next_remark() == Context("p1", ("vt",))


@pytest.mark.parametrize(
    ("context", "text"),
    [
        (Context("p2", ("vt", "jgb"), Kind.POSITIVE, True, True), "Fijn gesprek"),
        (Context(), "Zonder context"),
        (Context(None, (), Kind.WISH), "+ 10 jaar ervaring"),
        (Context("p1"), "#1 is het probleem"),
        (Context("p1"), "@xyz deed het"),
        (Context("p1"), "\\ met een backslash"),
        (Context("p3", ("rvdk",)), ""),
    ],
)
def test_format_line_round_trips(context: Context, text: str) -> None:
    line = format_line(context, text, VOCAB)
    parsed = parse(line, VOCAB)
    assert parsed.error is None
    assert apply(parsed.ops, Context(), VOCAB) == context
    assert parsed.text == text


def test_no_participants_or_organisations() -> None:
    empty = Vocabulary()
    assert "geen deelnemer 1" in (parse("@1 x", empty).error or "")
    assert parse("+ x", empty).ops == (SetKind(Kind.POSITIVE),)
