"""The check before a document is written: what is still open, and the answers applied.

One entry for the command line and the app: :func:`check_document` scans the texts
that go into *this* document (the outcome document's texts, the appendix's remarks,
the CSV's remarks) and leaves out the findings the note-taker has answered;
:func:`apply_answers` gives the meeting as it goes into the document, each replaced
finding in its neutral wording. The stored texts are never changed here: an edit
goes through the wrap-up's checked outcome changes.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from spiegel_tui.model import Meeting
from spiegel_tui.privacy.findings import Finding, Text, Vocabulary
from spiegel_tui.privacy.meeting import meeting_texts, meeting_vocabulary

#: Formats whose file goes to others (the meeting file, json, is for the note-taker).
#: Any other format but json is a document too (see :func:`document_texts`).
DOCUMENT_FORMATS = ("docx", "md", "csv", "letter", "feedback")
NOT_A_DOCUMENT = ("json",)

#: The outcome texts by text id (see :func:`meeting_texts`).
OUTCOME_FIELDS = {
    "opgeleverd": "produced",
    "input": "input_follow_up",
    "vervolg": "follow_up_meeting",
}

Scanner = Callable[[Sequence[Text], Vocabulary], list[Finding]]


class Answer(Protocol):
    """A stored answer (see ``storage/privacy_store.py``)."""

    @property
    def answer(self) -> str: ...

    @property
    def replacement(self) -> str: ...


@dataclass
class Check:
    """The outcome of the check for one document."""

    findings: list[Finding]
    #: Findings without an answer: the document is not written while there are any.
    open: list[Finding]
    #: The scanned texts by id, to show a finding in its context.
    texts: dict[str, str] = field(default_factory=dict)

    def context(self, finding: Finding, width: int = 40) -> str:
        return in_context(self.texts.get(finding.text_id, ""), finding, width)


def document_texts(
    meeting: Meeting, fmt: str, *, appendix: bool = False, include_private: bool = False
) -> list[Text]:
    """The texts that go into a document of ``fmt`` (none for the meeting file).

    A format this function does not know (the letter, the report-back, what comes
    next) gets the outcome's texts and every follow-up text: fail safe, never skip."""
    if fmt in NOT_A_DOCUMENT:
        return []
    if fmt == "csv":
        remarks = [r for r in meeting.live_remarks() if include_private or not r.private]
        texts = [
            Text(f"opmerking:{r.id if r.id is not None else f'#{n}'}", r.text)
            for n, r in enumerate(remarks, start=1)
        ]
        return [t for t in texts if t.text.strip()]
    if fmt in ("docx", "md"):
        return meeting_texts(meeting, remarks=appendix)
    return meeting_texts(meeting, remarks=False) + follow_up_texts(meeting)


def follow_up_texts(meeting: Meeting) -> list[Text]:
    """The letter, and each organisation's answer and actions per key point."""
    texts = [Text("brief", meeting.outcome.letter)]
    for point in meeting.outcome.key_points:
        for response in point.responses:
            where = f"{point.id}:{response.organisation}"
            texts.append(Text(f"antwoord:{where}", response.note))
            texts.append(Text(f"reden:{where}", response.reason))
            for number, action in enumerate(response.actions, start=1):
                ident = action.id if action.id is not None else f"{where}#{number}"
                texts.append(Text(f"actie:{ident}", action.text))
    return [t for t in texts if t.text.strip()]


def _scan(texts: Sequence[Text], vocabulary: Vocabulary) -> list[Finding]:
    from spiegel_tui.privacy.scan import scan

    return scan(texts, vocabulary)


def check_document(
    meeting: Meeting,
    fmt: str,
    answers: Mapping[str, Answer],
    *,
    appendix: bool = False,
    include_private: bool = False,
    aliases: Iterable[str] = (),
    scanner: Scanner | None = None,
) -> Check:
    """Scan what goes into the document; open = findings without a stored answer.

    ``scanner``: :func:`scan` by default (a command that exits afterwards); the app
    passes :func:`scan_isolated` so the word lists never stay in its memory.
    """
    texts = document_texts(meeting, fmt, appendix=appendix, include_private=include_private)
    if not texts:
        return Check([], [], {})
    findings = (scanner or _scan)(texts, meeting_vocabulary(meeting, aliases))
    open_ = [f for f in findings if f.key not in answers]
    return Check(findings, open_, {t.id: t.text for t in texts})


def in_context(text: str, finding: Finding, width: int = 40) -> str:
    """The finding in its sentence, marked with » «, cut to ``width`` on either side."""
    before = text[max(0, finding.start - width) : finding.start]
    after = text[finding.end : finding.end + width]
    lead = "…" if finding.start > width else ""
    tail = "…" if finding.end + width < len(text) else ""
    found = text[finding.start : finding.end]
    return " ".join(f"{lead}{before}»{found}«{after}{tail}".split())


def apply_answers(meeting: Meeting, check: Check, answers: Mapping[str, Answer]) -> Meeting:
    """A copy of ``meeting`` with every finding answered 'replaced' in its wording.

    The spans are those of the texts scanned, so ``meeting`` must be the one checked.
    """
    by_text: dict[str, list[Finding]] = {}
    for finding in check.findings:
        answer = answers.get(finding.key)
        if answer is not None and answer.answer == "replaced":
            chosen = Finding(
                finding.kind,
                finding.text_id,
                finding.start,
                finding.end,
                finding.found,
                answer.replacement,
            )
            by_text.setdefault(finding.text_id, []).append(chosen)
    if not by_text:
        return meeting
    from spiegel_tui.privacy.findings import replace_all

    result = copy.deepcopy(meeting)
    for text_id, found in by_text.items():
        original = check.texts.get(text_id)
        if original is None:
            continue
        _set_text(result, text_id, replace_all(original, found))
    return result


def _set_text(meeting: Meeting, text_id: str, text: str) -> None:
    if text_id == "onderwerp":
        meeting.topic = text
    elif text_id == "inleiding":
        meeting.introduction = text
    elif text_id in OUTCOME_FIELDS:
        setattr(meeting.outcome, OUTCOME_FIELDS[text_id], text)
    elif text_id.startswith("kernpunt:"):
        ident = text_id.partition(":")[2]
        for number, point in enumerate(meeting.outcome.key_points, start=1):
            if ident == (str(point.id) if point.id is not None else f"#{number}"):
                point.text = text
    elif text_id.startswith("opmerking:"):
        ident = text_id.partition(":")[2]
        for remark in meeting.remarks:
            if remark.id is not None and str(remark.id) == ident:
                remark.text = text
    elif text_id == "brief":
        meeting.outcome.letter = text
    else:
        _set_follow_up_text(meeting, text_id, text)


def _set_follow_up_text(meeting: Meeting, text_id: str, text: str) -> None:
    kind, _, ident = text_id.partition(":")
    for point in meeting.outcome.key_points:
        for response in point.responses:
            where = f"{point.id}:{response.organisation}"
            if kind == "antwoord" and ident == where:
                response.note = text
            elif kind == "reden" and ident == where:
                response.reason = text
            for number, action in enumerate(response.actions, start=1):
                action_id = action.id if action.id is not None else f"{where}#{number}"
                if kind == "actie" and ident == str(action_id):
                    action.text = text


def where(meeting: Meeting, text_id: str) -> str:
    """Where a text is, in the words of the app: "kernpunt 2", "opmerking van 14:03"."""
    fixed = {
        "onderwerp": "onderwerp",
        "inleiding": "inleiding",
        "opgeleverd": "wat de bijeenkomst opleverde",
        "input": "input voor het vervolg",
        "vervolg": "vervolgbijeenkomst",
        "brief": "brief aan de deelnemers",
    }
    if text_id in fixed:
        return fixed[text_id]
    kind, _, ident = text_id.partition(":")
    if kind == "kernpunt":
        for number, point in enumerate(meeting.outcome.key_points, start=1):
            if ident in (str(point.id), f"#{number}"):
                return f"kernpunt {number}"
        return "kernpunt"
    if kind == "opmerking":
        for remark in meeting.remarks:
            if str(remark.id) == ident:
                return f"opmerking van {remark.at:%H:%M}"
        return "opmerking"
    follow_up = {
        "antwoord": "antwoord van een organisatie",
        "reden": "reden van een organisatie",
        "actie": "verbeteractie",
    }
    return follow_up.get(kind, text_id)


def editable(text_id: str) -> bool:
    """Whether the text is the outcome's own (key points, introduction, closing texts):
    those can be edited; remarks and the topic stay as typed."""
    return text_id == "inleiding" or text_id in OUTCOME_FIELDS or text_id.startswith("kernpunt:")
