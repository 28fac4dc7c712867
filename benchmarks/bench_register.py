"""How quick the meeting list and the improvement register are with a full database.

    python benchmarks/bench_register.py [--runs 5] [--meetings 300] [--actions 2000]

A database of 300 meetings with 300 remarks each (90,000 remarks), eight key points
per meeting and 2,000 improvement actions with their history (built once, kept in
the temporary folder between runs). Measured against a bare Textual app in the same
run, each in a fresh process in a pseudo-terminal at 80x24:

1. first paint: process start until the first screen's text shows: the bare app
   (Header, Input, Footer), the meeting list with one meeting and with the full
   database, the register opened as the first screen;
2. a filter in the register (headless): the status filter key until the table shows
   the filtered rows, against a bare app filtering a 2,000-row DataTable the same way.

Target: 1.2x the bare app. Never a timed test: run it by hand and read the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_capture import PtyApp

HERE = Path(__file__).resolve()
TZ = dt.timezone(dt.timedelta(hours=1))
SIZE = (80, 24)
TODAY = dt.datetime(2023, 6, 1, 10, 0, tzinfo=TZ)


def build_db(path: Path, meetings: int, actions: int, remarks: int = 300) -> None:
    from spiegel_tui.model import (
        ActionStatus,
        KeyPoint,
        Kind,
        Meeting,
        Organisation,
        Participant,
        Remark,
    )
    from spiegel_tui.storage import MeetingStore
    from spiegel_tui.storage.followup_store import FollowUpStore

    store = MeetingStore.open(path)
    follow = FollowUpStore(store)
    per_meeting = -(-actions // meetings)
    made = 0
    start = dt.date(2020, 1, 1)
    for n in range(meetings):
        day = start + dt.timedelta(days=3 * n)
        meeting = Meeting(
            topic=f"Spiegelbijeenkomst {n + 1:03d} over bejegening",
            date=day,
            organisations=[
                Organisation("vt", "Veilig Thuis"),
                Organisation("rvdk", "Raad voor de Kinderbescherming"),
                Organisation("jgb", "Jeugd- & Gezinsbeschermers"),
            ],
            participants=[Participant(f"p{i}", f"Ouder {i}") for i in range(1, 7)],
        )
        at = dt.datetime.combine(day, dt.time(19, 30), TZ)
        meeting.remarks = [
            Remark(
                at=at + dt.timedelta(seconds=10 * i),
                text=f"Opmerking {i} over hoe het eerste gesprek verliep en wat beter kan",
                kind=list(Kind)[i % 4],
                participant=f"p{i % 6 + 1}",
                organisations=[["vt"], ["rvdk"], ["jgb"]][i % 3],
            )
            for i in range(remarks)
        ]
        meeting.outcome.key_points = [
            KeyPoint(f"Kernpunt {k + 1}: communicatie is niet helder genoeg") for k in range(8)
        ]
        meeting_id = store.add_meeting(meeting)
        points = [p.id for p in store.load_meeting(meeting_id).outcome.key_points]
        for k in range(per_meeting):
            if made >= actions:
                break
            point = points[k % len(points)]
            org = ("vt", "rvdk", "jgb")[k % 3]
            action_id = follow.add_action(
                meeting_id,
                point or 0,
                org,
                f"Actie {made + 1}: vast aanspreekpunt binnen vijf werkdagen",
                owner="Team Intake",
                due=day + dt.timedelta(days=60 + k),
                at=at,
            )
            if made % 3:
                follow.set_action_status(
                    action_id, list(ActionStatus)[made % 4], "Besproken in het team", at=at
                )
            made += 1
    store.close()


def cached_db(meetings: int, actions: int) -> Path:
    path = Path(tempfile.gettempdir()) / f"spiegel-bench-register-{meetings}-{actions}.db"
    if not path.exists():
        began = time.perf_counter()
        partial = path.with_suffix(".building")
        for leftover in path.parent.glob(partial.name + "*"):
            leftover.unlink()
        build_db(partial, meetings, actions)
        partial.rename(path)
        print(f"  built {path} in {time.perf_counter() - began:.0f} s", flush=True)
    return path


# Children ----------------------------------------------------------------------------


def bare_app():
    from textual.app import App
    from textual.widgets import Footer, Header, Input

    class Bare(App[None]):
        def compose(self):
            yield Header()
            yield Input(placeholder="Typ een opmerking")
            yield Footer()

    return Bare()


def spiegel_app(db: str, first: str):
    from spiegel_tui.storage import MeetingStore
    from spiegel_tui.ui.app import SpiegelApp

    class App(SpiegelApp):
        def show_meetings(self) -> None:
            if first == "register":
                self.open_register()
            else:
                super().show_meetings()

    return App(MeetingStore.open(db), clock=lambda: TODAY)


def child_tty(kind: str, db: str) -> None:
    app = bare_app() if kind == "bare" else spiegel_app(db, kind)
    app.run()


# Measurements ------------------------------------------------------------------------


class Child(PtyApp):
    """PtyApp starting this file's children."""

    def __init__(self, kind: str, db: str) -> None:
        import pty

        self.start = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:
            os.environ.update(TERM="xterm-256color", COLORTERM="truecolor")
            os.execv(sys.executable, [sys.executable, str(HERE), "--child", kind, db])
        self.pid, self.fd = pid, fd
        import fcntl
        import struct
        import termios

        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[1], SIZE[0], 0, 0))
        self.output = bytearray()


def first_paint(kind: str, db: str, marker: bytes) -> float:
    app = Child(kind, db)
    try:
        return app.wait_for(marker, timeout=60)
    finally:
        app.close()


async def filter_time(kind: str, db: str, runs: int) -> float:
    """Median ms from the filter key to the filtered table refreshed."""
    from textual.app import App
    from textual.widgets import DataTable

    if kind == "bare":
        rows = [(f"{i}", f"Actie {i}", "Team", ("open", "bezig")[i % 2]) for i in range(2000)]

        class Bare(App[None]):
            BINDINGS = [("f", "filter", "Filter")]  # noqa: RUF012
            showing = 0

            def compose(self):
                yield DataTable(id="actions")

            def on_mount(self) -> None:
                table = self.query_one(DataTable)
                table.add_columns("Nr", "Actie", "Eigenaar", "Status")
                table.add_rows(rows)

            def action_filter(self) -> None:
                self.showing = (self.showing + 1) % 2
                table = self.query_one(DataTable)
                table.clear()
                wanted = ("open", "bezig")[self.showing]
                table.add_rows([r for r in rows if r[3] == wanted])

        app: App[None] = Bare()
    else:
        app = spiegel_app(db, "register")
    figures = []
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(50):
            await pilot.pause()
            if app.screen.query("#actions"):
                break
        app.screen.query_one("#actions", DataTable)  # the table is there
        for _ in range(runs):
            began = time.perf_counter()
            await pilot.press("f")
            await pilot.pause()
            figures.append((time.perf_counter() - began) * 1000)
    return statistics.median(figures)


def row(label: str, bare: float, ours: float, unit: str = "ms") -> None:
    print(
        f"  {label:<34} bare {bare:7.1f} {unit}  ours {ours:7.1f} {unit}  ratio {ours / bare:5.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--meetings", type=int, default=300)
    parser.add_argument("--actions", type=int, default=2000)
    parser.add_argument("--child", nargs=2)
    args = parser.parse_args()
    if args.child:
        child_tty(*args.child)
        return
    full = str(cached_db(args.meetings, args.actions))
    one = str(cached_db(1, 7))
    cases = {
        "bare": ("bare", one, b"een opmerking"),
        "list, 1 meeting": ("list", one, b"Spiegelbijeenkomst 001"),
        f"list, {args.meetings} meetings": (
            "list",
            full,
            b"Spiegelbijeenkomst %03d" % args.meetings,
        ),
        f"register, {args.actions} actions": ("register", full, b"acties"),
    }
    figures: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(args.runs):
        for name, (kind, db, marker) in cases.items():
            figures[name].append(first_paint(kind, db, marker) * 1000)
    bare = statistics.median(figures["bare"])
    print(f"First paint in a pseudo-terminal at 80x24 (median of {args.runs}; target <= 1.2x):")
    for name in list(cases)[1:]:
        row(name, bare, statistics.median(figures[name]))
    print("A status filter in the register (headless, median of 10):")
    row(
        f"filter, {args.actions} actions",
        asyncio.run(filter_time("bare", full, 10)),
        asyncio.run(filter_time("register", full, 10)),
    )


if __name__ == "__main__":
    main()
