"""Command palette entries (ctrl+p) for the capture screen: "group: action".

Everything the keys do can be found here by name, so nobody has to remember a
chord. The entries are built from the open meeting (speakers, organisations,
questions) each time the palette opens.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import Protocol, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from spiegel_tui.model import Kind, Meeting

Command = tuple[str, Callable[[], object], str]


class CaptureActions(Protocol):
    """What the palette asks of the capture screen. A protocol rather than an import
    of the screen: the screen imports this module for its ``COMMANDS``."""

    meeting: Meeting

    def action_toggle_flag(self, flag: str) -> None: ...
    def edit_last(self) -> None: ...
    def action_undo(self) -> None: ...
    def set_speaker(self, key: str | None) -> None: ...
    def toggle_org(self, key: str) -> None: ...
    def set_kind(self, kind: Kind) -> None: ...
    def action_filter(self) -> None: ...
    def open_filter(self, line: str) -> None: ...
    def set_filter(self, line: str, *, keep_bar: bool = False) -> None: ...
    def action_question(self, step: int) -> None: ...
    def set_question(self, key: str | None) -> None: ...
    def action_help(self) -> None: ...
    def edit_setup(self) -> None: ...
    def wrap_up(self) -> None: ...
    def debrief(self) -> None: ...
    def close(self) -> None: ...


def capture_commands(screen: CaptureActions) -> Iterator[Command]:
    meeting = screen.meeting
    yield ("Opmerking: ster aan/uit", partial(screen.action_toggle_flag, "starred"), "ctrl+k")
    yield ("Opmerking: privé aan/uit", partial(screen.action_toggle_flag, "private"), "ctrl+l")
    yield ("Opmerking: laatste bewerken", screen.edit_last, "in de tijdlijn: Enter")
    yield ("Opmerking: herstellen", screen.action_undo, "ctrl+z: laatste wijziging terug")
    for number, person in enumerate(meeting.participants, 1):
        label = f" ({person.label})" if person.label else ""
        yield (
            f"Spreker: {number} {person.pseudonym}{label}",
            partial(screen.set_speaker, person.key),
            f"@{number} of ctrl+n {number}" if number < 10 else f"@{number}",
        )
    yield ("Spreker: niemand", partial(screen.set_speaker, None), "@0 of ctrl+n 0")
    for number, org in enumerate(meeting.organisations, 1):
        yield (
            f"Organisatie: {org.key} {org.name} erbij/eraf",
            partial(screen.toggle_org, org.key),
            f"#{org.key} of ctrl+o {number}",
        )
    for kind, sign in ((Kind.POSITIVE, "+"), (Kind.IMPROVEMENT, "!"), (Kind.WISH, "?")):
        yield (f"Soort: {kind.label}", partial(screen.set_kind, kind), f"{sign} vooraan")
    yield ("Soort: notitie", partial(screen.set_kind, Kind.NOTE), ". vooraan")
    yield ("Filter: zoeken…", screen.action_filter, "ctrl+f")
    yield ("Filter: alleen sterren", partial(screen.open_filter, "*"), "ctrl+f *")
    yield ("Filter: alleen privé", partial(screen.open_filter, "%"), "ctrl+f %")
    for kind, sign in ((Kind.POSITIVE, "+"), (Kind.IMPROVEMENT, "!"), (Kind.WISH, "?")):
        yield (f"Filter: {kind.label}", partial(screen.open_filter, sign), f"ctrl+f {sign}")
    for person in meeting.participants:
        yield (
            f"Filter: spreker {person.pseudonym}",
            partial(screen.open_filter, f"@{person.key}"),
            f"ctrl+f @{person.key}",
        )
    for org in meeting.organisations:
        yield (
            f"Filter: organisatie {org.name}",
            partial(screen.open_filter, f"#{org.key}"),
            f"ctrl+f #{org.key}",
        )
    yield ("Filter: uit", partial(screen.set_filter, ""), "Esc")
    yield ("Vraag: volgende", partial(screen.action_question, 1), "ctrl+y")
    yield ("Vraag: vorige", partial(screen.action_question, -1), "ctrl+r")
    for number, question in enumerate(meeting.questions, 1):
        yield (f"Vraag: {number} {question.text}", partial(screen.set_question, question.key), "")
    yield ("Bijeenkomst: opzet wijzigen", screen.edit_setup, "deelnemers, organisaties, vragen")
    yield (
        "Bijeenkomst: afronden en exporteren",
        screen.wrap_up,
        "kernpunten, inleiding, verslag als Word-bestand",
    )
    yield (
        "Bijeenkomst: nabespreking",
        screen.debrief,
        "per kernpunt en organisatie: herkend, besluit, acties",
    )
    yield ("Bijeenkomst: terug naar het overzicht", screen.close, "concept blijft bewaard")
    yield ("Hulp: alle toetsen", screen.action_help, "ctrl+g of F1")


class CaptureCommands(Provider):
    """Offered by the capture screen only (its ``COMMANDS``)."""

    def _commands(self) -> list[Command]:
        screen = self.screen
        if CaptureCommands not in getattr(screen, "COMMANDS", ()) or not screen.is_mounted:
            return []
        return list(capture_commands(cast(CaptureActions, screen)))

    async def discover(self) -> Hits:
        for title, callback, help_text in self._commands():
            yield DiscoveryHit(title, callback, help=help_text or None)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, callback, help_text in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text or None)
