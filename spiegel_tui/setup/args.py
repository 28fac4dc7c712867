"""Building a meeting from ``spiegel new`` flags, with Dutch messages for bad values."""

from __future__ import annotations

import datetime as dt

from spiegel_tui.errors import SpiegelError
from spiegel_tui.model import Meeting, Organisation, Participant, Question, Role
from spiegel_tui.textclean import clean_line


def meeting_from_args(
    *,
    topic: str,
    date: str,
    start: str | None,
    location: str,
    invited: int | None,
    facilitators: list[str],
    listeners: str,
    orgs: list[str],
    participants: list[str],
    questions: list[str],
) -> Meeting:
    topic = clean_line(topic)
    if not topic:
        raise SpiegelError("--topic mag niet leeg zijn.")
    try:
        day = dt.date.fromisoformat(date)
    except ValueError:
        raise SpiegelError(f"--date '{date}' is geen bestaande datum (JJJJ-MM-DD).") from None
    try:
        start_time = dt.time.fromisoformat(start) if start else None
    except ValueError:
        raise SpiegelError(f"--start '{start}' is geen tijd (UU:MM).") from None
    if invited is not None and invited < 0:
        raise SpiegelError("--invited kan niet negatief zijn.")
    meeting = Meeting(
        topic=topic,
        date=day,
        start=start_time,
        location=clean_line(location),
        invited=invited,
        facilitators=[clean_line(f) for f in facilitators if clean_line(f)],
        listeners=clean_line(listeners),
    )
    for spec in orgs:
        key, sep, name = spec.partition("=")
        key, name = clean_line(key).lower(), clean_line(name)
        if not sep or not key or not name or " " in key:
            raise SpiegelError(f"--org '{spec}': schrijf SLEUTEL=NAAM, bv. vt='Veilig Thuis'.")
        if meeting.organisation(key):
            raise SpiegelError(f"--org: de sleutel '{key}' komt twee keer voor.")
        meeting.organisations.append(Organisation(key=key, name=name))
    for number, spec in enumerate(participants, start=1):
        parts = [clean_line(p) for p in spec.split(":")]
        pseudonym = parts[0]
        if not pseudonym:
            raise SpiegelError(f"--participant '{spec}': het pseudoniem ontbreekt.")
        try:
            role = Role(parts[1].lower()) if len(parts) > 1 and parts[1] else Role.OUDER
        except ValueError:
            raise SpiegelError(
                f"--participant '{spec}': kies als rol ouder, jongere, pleegouder of anders."
            ) from None
        present = not (len(parts) > 2 and parts[2].lower() in {"afwezig", "verhinderd"})
        meeting.participants.append(
            Participant(key=f"p{number}", pseudonym=pseudonym, role=role, present=present)
        )
    meeting.questions = [
        Question(key=f"q{n}", text=clean_line(q))
        for n, q in enumerate((q for q in questions if clean_line(q)), start=1)
    ]
    return meeting
