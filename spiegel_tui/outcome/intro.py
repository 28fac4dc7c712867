"""A first draft of the introduction, written from the meeting's setup.

The register follows the outcome documents the facilitators already send out: plain
sentences about why the organisations listen, who was invited, who came and what they
have experience with. It is a draft: the note-taker edits it before sending.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from spiegel_tui.model import Meeting, Organisation, Participant, Role
from spiegel_tui.textclean import clean_line

NUMBER_WORDS = (
    "nul",
    "één",
    "twee",
    "drie",
    "vier",
    "vijf",
    "zes",
    "zeven",
    "acht",
    "negen",
    "tien",
    "elf",
    "twaalf",
)

ROLE_WORDS: dict[Role, tuple[str, str]] = {
    Role.OUDER: ("ouder", "ouders"),
    Role.JONGERE: ("jongere", "jongeren"),
    Role.PLEEGOUDER: ("pleegouder", "pleegouders"),
    Role.ANDERS: ("deelnemer", "deelnemers"),
}

# Most organisation names go without an article ("Veilig Thuis"), a few take one in
# running text ("de Raad voor de Kinderbescherming"): keyed by the first word.
_ARTICLES = {
    "raad": "de",
    "rechtbank": "de",
    "politie": "de",
    "gemeente": "de",
    "ggd": "de",
    "william": "de",
    "kinderombudsman": "de",
    "jeugd-": "de",
    "leger": "het",
    "wijkteam": "het",
    "centrum": "het",
}


def number_word(n: int) -> str:
    """Numbers up to twelve as words, as Dutch prose writes them."""
    return NUMBER_WORDS[n] if 0 <= n < len(NUMBER_WORDS) else str(n)


def dutch_list(items: Sequence[str]) -> str:
    """ "a", "a en b", "a, b en c": Dutch puts no comma before "en"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]


def with_article(name: str) -> str:
    words = name.split()
    if not words or words[0].lower() in ("de", "het", "een", "'t"):
        return name
    article = _ARTICLES.get(words[0].lower())
    if article is None and words[-1].lower().endswith("ers"):
        article = "de"  # a plural like "Gezinsbeschermers"
    return f"{article} {name}" if article else name


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def count_phrase(n: int, role: Role) -> str:
    singular, plural = ROLE_WORDS[role]
    return f"{number_word(n)} {singular if n == 1 else plural}"


def people_phrase(people: Sequence[Participant]) -> str:
    """ "vijf ouders en twee jongeren": counts per role, in the order of the roles."""
    return dutch_list(
        [count_phrase(n, role) for role in Role if (n := sum(1 for p in people if p.role == role))]
    )


def _group_phrase(n: int, known: Sequence[Participant], everyone: Sequence[Participant]) -> str:
    """``n`` people described by role when the setup says who they are."""
    if len(known) == n:
        return people_phrase(known)
    roles = {p.role for p in everyone}
    return count_phrase(n, roles.pop() if len(roles) == 1 else Role.ANDERS)


def _part_of_day(start: dt.time | None) -> str:
    if start is None:
        return "bijeenkomst"
    if start.hour < 12:
        return "ochtend"
    return "middag" if start.hour < 18 else "avond"


def _reason(meeting: Meeting, names: list[str]) -> list[str]:
    roles = [role for role in Role if any(p.role == role for p in meeting.participants)]
    who = dutch_list([ROLE_WORDS[r][1] for r in roles]) or "ouders en jongeren"
    if names:
        verb = "wil" if len(names) == 1 else "willen"
        subject = _capitalise(dutch_list(names))
    else:
        verb, subject = "willen", "De organisaties"
    sentences = [f"{subject} {verb} graag leren van de ervaringen van {who}."]
    topic = clean_line(meeting.topic).rstrip(".")
    if topic:
        sentences.append(f"Het onderwerp van deze bijeenkomst is: {topic}.")
    return sentences


def _experience(present: list[Participant], orgs: list[Organisation], moment: str) -> str:
    count = len(present)
    if count == 1:
        subject = f"De {ROLE_WORDS[present[0].role][0]} die deelneemt aan deze {moment}"
    else:
        subject = f"De {people_phrase(present)} die deelnemen aan deze {moment}"
    known = [o for o in orgs if any(o.key in p.organisations for p in present)]
    if not known:
        verb = "neemt" if count == 1 else "nemen"
        return f"{_capitalise(people_phrase(present))} {verb} deel aan deze {moment}."
    names = dutch_list([with_article(clean_line(o.name)) for o in known])
    everyone_all = all({o.key for o in orgs} <= set(p.organisations) for p in present)
    has = "heeft" if count == 1 else "hebben allen" if everyone_all else "hebben"
    if len(known) == 1:
        return f"{subject} {has} ervaring met {names}."
    if everyone_all and len(known) == len(orgs):
        what = f"alle {number_word(len(known))} de organisaties"
    else:
        what = "een of meer van de organisaties"
    return f"{subject} {has} ervaring met {what}; te weten {names}."


def draft_introduction(meeting: Meeting) -> str:
    """One paragraph in the register of the facilitators' outcome documents."""
    names = [with_article(clean_line(o.name)) for o in meeting.organisations if o.name.strip()]
    sentences = _reason(meeting, names)
    moment = _part_of_day(meeting.start)
    everyone = meeting.participants
    invited = meeting.invited_count
    if invited > 0:
        group = _group_phrase(invited, everyone, everyone)
        whose = "hun" if invited > 1 else "zijn of haar"
        sentences.append(
            f"We hebben voor deze {moment} {group} bereid gevonden om {whose} ervaringen te delen."
        )
    present = meeting.present_participants
    absent = max(invited - len(present), 0)
    if absent:
        missing = [p for p in everyone if not p.present]
        verb = "is" if absent == 1 else "zijn"
        sentences.append(f"Helaas {verb} er {_group_phrase(absent, missing, everyone)} verhinderd.")
    if present:
        sentences.append(_experience(present, meeting.organisations, moment))
    return " ".join(sentences)
