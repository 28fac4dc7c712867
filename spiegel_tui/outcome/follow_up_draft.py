"""Drafts from the debrief's decisions and the cycle's dates, for the note-taker to edit.

The letter to the participants (plain language, B1: short sentences, no jargon) and
the outcome document's answer to "Wat gaat er met de input gebeuren en op welke
termijn?". Both are drafts: the UI puts them in an editor like the introduction; an
export uses the draft only where the note-taker wrote nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from spiegel_tui.model import Action, Decision, KeyPoint, Meeting, Organisation, dutch_long_date
from spiegel_tui.textclean import clean_line, clean_text

#: A key point quoted in a sentence is cut at its first sentence or this length.
QUOTE_LIMIT = 140


def public_points(meeting: Meeting) -> list[KeyPoint]:
    """Key points that may go into a document (not held back for a private remark)."""
    return [p for p in meeting.outcome.key_points if not p.held_by and p.text.strip()]


def points_for(meeting: Meeting, organisation: str | None) -> list[KeyPoint]:
    """The points about one organisation: it answered them, or a remark behind them
    named it. All public points when ``organisation`` is None."""
    points = public_points(meeting)
    if organisation is None:
        return points
    named = {
        r.id
        for r in meeting.public_remarks()
        if r.id is not None and organisation in r.organisations
    }
    return [
        p for p in points if p.response(organisation) is not None or named.intersection(p.remarks)
    ]


def organisations_of(meeting: Meeting, organisation: str | None) -> list[Organisation]:
    return [o for o in meeting.organisations if organisation is None or o.key == organisation]


def quote(text: str) -> str:
    """The point's first sentence, short enough to quote in a letter."""
    flat = " ".join(clean_text(text).split())
    for end in (". ", "? ", "! "):
        if end in flat:
            flat = flat[: flat.index(end) + 1]
            break
    if len(flat) > QUOTE_LIMIT:
        flat = flat[: QUOTE_LIMIT - 1].rsplit(" ", 1)[0] + "…"
    return flat


def join_names(names: list[str]) -> str:
    """ "A", "A en B", "A, B en C"."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " en " + names[-1]


def decision_sentence(name: str, decision: Decision, reason: str = "") -> str:
    """What an organisation decided, in plain words."""
    if decision is Decision.ACT:
        return f"{name} gaat hiermee aan de slag."
    if decision is Decision.ALREADY:
        return f"{name} is hier al mee bezig."
    if decision is Decision.NO_ACTION:
        reason = " ".join(clean_text(reason).split())
        return f"{name} gaat hier niets mee doen." + (f" De reden: {reason}" if reason else "")
    return f"{name} heeft nog geen besluit genomen."


def action_sentence(action: Action) -> str:
    text = " ".join(clean_text(action.text).split())
    if text and text[-1] not in ".!?":
        text += "."
    if action.due is not None:
        return f"{text} Dat is klaar vóór {dutch_long_date(action.due)}."
    return text


def _ending(text: str) -> str:
    return text if not text or text[-1] in ".!?" else text + "."


def draft_letter(
    meeting: Meeting, organisation: str | None = None, scrub: Callable[[str], str] = str
) -> str:
    """The letter to all participants together: thanks, what was heard, what the
    organisations decided and by when, what comes next. Paragraphs separated by a
    blank line; lines starting with "- " are a list."""
    orgs = organisations_of(meeting, organisation)
    names = [scrub(clean_line(o.name)) for o in orgs]
    place = f" in {scrub(clean_line(meeting.location))}" if meeting.location.strip() else ""
    topic = scrub(clean_line(meeting.topic))
    points = points_for(meeting, organisation)
    parts = [
        "Beste deelnemers,",
        f"Op {dutch_long_date(meeting.date)} was u bij de bijeenkomst “{topic}”{place}. "
        + (f"U vertelde over uw ervaringen met {join_names(names)}. " if names else "")
        + "Dank u wel daarvoor. Het is niet vanzelfsprekend om zo open te vertellen. "
        "Uw verhalen helpen de organisaties om beter te werken.",
    ]
    if points:
        parts.append(
            "Dit hebben we van u gehoord:\n"
            + "\n".join(f"- {scrub(quote(p.text))}" for p in points)
        )
    decided: list[str] = []
    for org, name in zip(orgs, names, strict=True):
        for point in points:
            response = point.response(org.key)
            if response is None:
                continue
            said = scrub(quote(point.text)).rstrip(".")
            line = f"- Over “{said}”: " + decision_sentence(
                name, response.decision, scrub(response.reason)
            )
            steps = [scrub(action_sentence(a)) for a in response.actions if a.text.strip()]
            if steps:
                line += " Wat er gebeurt: " + " ".join(steps)
            decided.append(line)
    if decided:
        parts.append("Dit hebben de organisaties besloten:\n" + "\n".join(decided))
    else:
        parts.append(
            "De organisaties bespreken uw punten nu met hun teams. Daarna laten zij u weten "
            "wat zij gaan doen."
        )
    parts.append(_next_steps(meeting, scrub))
    signers = [scrub(clean_line(f)) for f in meeting.facilitators if f.strip()]
    parts.append("Met vriendelijke groet,\n" + (join_names(signers) or "De gespreksleiders"))
    return "\n\n".join(part for part in parts if part.strip())


def _next_steps(meeting: Meeting, scrub: Callable[[str], str]) -> str:
    cycle = meeting.cycle
    sentences = []
    if cycle.feedback_meeting is not None:
        sentences.append(
            f"Op {dutch_long_date(cycle.feedback_meeting)} vertellen de organisaties in een "
            "bijeenkomst wat zij met uw verhalen hebben gedaan. U bent daar van harte welkom."
        )
    follow = " ".join(scrub(clean_text(meeting.outcome.follow_up_meeting)).split())
    if follow:
        sentences.append(_ending(follow))
    if not sentences:
        sentences.append("Wij laten u later weten wat er met uw verhalen is gedaan.")
    return "Hoe gaat het verder?\n" + " ".join(sentences)


def draft_input_follow_up(meeting: Meeting, scrub: Callable[[str], str] = str) -> str:
    """A draft answer to "Wat gaat er met de input gebeuren en op welke termijn?" from
    the decisions and the cycle's dates."""
    cycle = meeting.cycle
    names = [scrub(clean_line(o.name)) for o in meeting.organisations]
    paragraphs = []
    first = (
        "Bovengenoemde punten worden meegenomen naar de teams"
        + (f" van {join_names(names)}" if names else "")
        + " en besproken: welke punten herkennen zij, en waarmee gaan zij aan de slag?"
    )
    if cycle.debrief is not None:
        first += f" De nabespreking met de toehoorders is op {dutch_long_date(cycle.debrief)}."
    paragraphs.append(first)
    lines = []
    points = public_points(meeting)
    for org, name in zip(meeting.organisations, names, strict=True):
        answers = [r for p in points if (r := p.response(org.key)) is not None]
        if not answers:
            continue
        count = {d: sum(r.decision is d for r in answers) for d in Decision}
        said = []
        if count[Decision.ACT]:
            said.append(f"gaat aan de slag met {_points(count[Decision.ACT])}")
        if count[Decision.ALREADY]:
            said.append(f"is al bezig met {_points(count[Decision.ALREADY])}")
        if count[Decision.NO_ACTION]:
            said.append(f"pakt {_points(count[Decision.NO_ACTION])} niet op")
        if count[Decision.UNDECIDED]:
            said.append(f"besluit nog over {_points(count[Decision.UNDECIDED])}")
        dues = [a.due for r in answers for a in r.actions if a.due is not None]
        line = f"{name} {join_names(said)}."
        if dues:
            line += f" De afgesproken acties zijn uiterlijk {dutch_long_date(max(dues))} klaar."
        lines.append(line)
    if lines:
        paragraphs.append(" ".join(lines))
    dates = []
    if cycle.letter is not None:
        dates.append(
            f"De deelnemers krijgen uiterlijk {dutch_long_date(cycle.letter)} een brief met "
            "wat er is besloten."
        )
    if cycle.feedback_meeting is not None:
        dates.append(
            f"Op {dutch_long_date(cycle.feedback_meeting)} vertellen de organisaties in een "
            "terugkombijeenkomst wat er is gedaan."
        )
    if dates:
        paragraphs.append(" ".join(dates))
    return "\n\n".join(paragraphs)


def _points(n: int) -> str:
    return "één punt" if n == 1 else f"{n} punten"
