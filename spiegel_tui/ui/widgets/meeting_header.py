"""The two top lines of the capture screen: topic with a clock, and the question.

The clock comes from ``app.clock`` so tests and snapshots can freeze it; it shows
minutes only and repaints only when the text changes (once a minute), which keeps
the bytes sent to a slow SSH link down.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual.widget import Widget

from spiegel_tui.model import Meeting, Question

Clock = Callable[[], dt.datetime]


def elapsed_since(meeting: Meeting, opened: dt.datetime, now: dt.datetime) -> dt.timedelta:
    """Since the meeting's start time when it is today and has begun, else since opening."""
    begin = opened
    if meeting.start is not None and meeting.date == now.date():
        start = dt.datetime.combine(meeting.date, meeting.start, tzinfo=now.tzinfo)
        if start <= now:
            begin = start
    return max(now - begin, dt.timedelta(0))


def format_clock(now: dt.datetime, elapsed: dt.timedelta) -> str:
    minutes = int(elapsed.total_seconds()) // 60
    return f"{now:%H:%M} · bezig {minutes // 60}:{minutes % 60:02d}"


class MeetingHeader(Widget):
    COMPONENT_CLASSES: ClassVar[set[str]] = {"header--app", "header--topic", "header--clock"}

    def __init__(self, meeting: Meeting, clock: Clock, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.meeting = meeting
        self.clock = clock
        self.opened = clock()
        self._clock_text = self._clock()

    def on_mount(self) -> None:
        self.set_interval(1.0, self._tick, name="clock")

    def _clock(self) -> str:
        now = self.clock()
        return format_clock(now, elapsed_since(self.meeting, self.opened, now))

    def _tick(self) -> None:
        text = self._clock()
        if text != self._clock_text:
            self._clock_text = text
            self.refresh()

    def render(self) -> Text:
        clock = Text(self._clock_text, style=self.get_component_rich_style("header--clock"))
        left = Text.assemble(
            Text(" Spiegel ", style=self.get_component_rich_style("header--app")),
            " ",
            Text(self.meeting.topic, style=self.get_component_rich_style("header--topic")),
        )
        room = self.size.width - clock.cell_len - 2
        left.truncate(max(room, 0), overflow="ellipsis")
        left.pad_right(max(room - left.cell_len, 0))
        return Text.assemble(left, " ", clock, " ")


class QuestionBar(Widget):
    """The prepared question being discussed, with its number."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"question--label", "question--text", "question--none"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.questions: list[Question] = []
        self.current: str | None = None

    def show(self, questions: list[Question], current: str | None) -> None:
        self.questions, self.current = list(questions), current
        self.refresh(layout=True)

    def render(self) -> Text:
        keys = [q.key for q in self.questions]
        if not self.questions:
            return Text(
                "Geen vragen voorbereid.", style=self.get_component_rich_style("question--none")
            )
        if self.current not in keys:
            return Text(
                f"Nog geen vraag gekozen ({len(keys)} voorbereid) — ctrl+y: eerste vraag",
                style=self.get_component_rich_style("question--none"),
            )
        index = keys.index(self.current)
        return Text.assemble(
            Text(
                f"Vraag {index + 1}/{len(keys)} ",
                style=self.get_component_rich_style("question--label"),
            ),
            Text(self.questions[index].text, style=self.get_component_rich_style("question--text")),
        )
