"""What of a meeting the check reads, and what it protects.

The texts are the ones a document carries (topic, introduction, key points, closing
texts, and the public remarks of the appendix and the CSV), each with an id that stays
the same between exports, so an answer stored under a finding's key still applies.
"""

from __future__ import annotations

from collections.abc import Iterable

from spiegel_tui.model import Meeting
from spiegel_tui.privacy.findings import Text, Vocabulary


def meeting_texts(meeting: Meeting, *, remarks: bool = True) -> list[Text]:
    """Every text of ``meeting`` that may go into a document."""
    from spiegel_tui.outcome.intro import draft_introduction

    introduction = meeting.introduction
    if not introduction.strip():
        introduction = draft_introduction(meeting)
    texts = [Text("onderwerp", meeting.topic), Text("inleiding", introduction)]
    for number, point in enumerate(meeting.outcome.key_points, start=1):
        texts.append(
            Text(f"kernpunt:{point.id if point.id is not None else f'#{number}'}", point.text)
        )
    outcome = meeting.outcome
    texts += [
        Text("opgeleverd", outcome.produced),
        Text("input", outcome.input_follow_up),
        Text("vervolg", outcome.follow_up_meeting),
    ]
    if remarks:
        for number, remark in enumerate(meeting.public_remarks(), start=1):
            ident = remark.id if remark.id is not None else f"#{number}"
            texts.append(Text(f"opmerking:{ident}", remark.text))
    return [text for text in texts if text.text.strip()]


def meeting_vocabulary(meeting: Meeting, aliases: Iterable[str] = ()) -> Vocabulary:
    """Organisation names (and ``aliases``) and pseudonyms protected; labels found."""
    protected = [org.name for org in meeting.organisations]
    protected += list(aliases)
    protected += [p.pseudonym for p in meeting.participants]
    labels = {p.label: p.pseudonym for p in meeting.participants if p.label.strip()}
    return Vocabulary.of(protected, labels)
