"""How fast and lean the capture screen is, against a bare Textual app in the same run.

    python benchmarks/bench_capture.py [--runs 5] [--enters 40]

The baseline is the smallest app that does the same job on screen: Header, Input and
Footer. Measured, each in a fresh process where it matters:

1. start: process start to first screen ready (headless), capture screen on a
   2,000-remark meeting vs the bare app; and to first paint in a pseudo-terminal.
2. Enter to committed and to painted, at 10, 1,000 and 10,000 remarks (headless):
   from the Enter key event to the remark committed by the store, to the handler
   done (timeline updated), and to the timeline rendering the new row. Also the
   time spent in all the frames one Enter causes, up to 40 ms after it (panels
   repainted a frame later count too): work a fast typist waits behind.
3. bytes written to the terminal per typed character (pseudo-terminal), capture
   input vs the bare app's Input, 50 characters after start-up has settled.
4. peak memory (max RSS) with 10,000 remarks vs the bare app.

Targets: start within 1.2x the bare app, Enter to painted under 5 ms and as fast at
10,000 as at 10, bytes per character within 1.2x, memory under 60 MiB. Never a
timed test: run it by hand and read the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import pty
import re
import select
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

TZ = dt.timezone(dt.timedelta(hours=2))
#: Escape sequences (colours, cursor moves) between the characters of a word.
ANSI = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]")
FROZEN = dt.datetime(2021, 10, 14, 20, 15, tzinfo=TZ)
HERE = Path(__file__).resolve()


# Fixtures -------------------------------------------------------------------------


def build_db(path: Path, remarks: int) -> int:
    from spiegel_tui.model import (
        Kind,
        Meeting,
        Organisation,
        Participant,
        Question,
        Remark,
        Role,
    )
    from spiegel_tui.storage import MeetingStore

    meeting = Meeting(
        topic="Bejegening in de jeugdbeschermingsketen",
        date=dt.date(2021, 10, 14),
        start=dt.time(19, 30),
        organisations=[
            Organisation("vt", "Veilig Thuis"),
            Organisation("rvdk", "Raad voor de Kinderbescherming"),
            Organisation("jgb", "Jeugd- & Gezinsbeschermers"),
        ],
        participants=[
            Participant(f"p{n}", f"Ouder {n}", Role.OUDER, True, ["vt"]) for n in range(1, 9)
        ],
        questions=[Question("q1", "Hoe werd u bejegend?"), Question("q2", "Wat kan beter?")],
    )
    kinds = list(Kind)
    start = dt.datetime(2021, 10, 14, 19, 30, tzinfo=TZ)
    for n in range(remarks):
        text = f"Opmerking {n + 1} over de bejegening"
        if n % 3 == 0:
            text += " en het gesprek duurde te lang, niemand wist wie verantwoordelijk was"
        meeting.remarks.append(
            Remark(
                at=start + dt.timedelta(seconds=n * 5),
                text=text,
                kind=kinds[n % 4],
                participant=f"p{n % 8 + 1}",
                organisations=[["vt"], ["rvdk"], ["jgb", "vt"]][n % 3],
                question="q1",
                starred=n % 7 == 0,
            )
        )
    store = MeetingStore.open(path)
    try:
        return store.add_meeting(meeting)
    finally:
        store.close()


def clear_draft(db: str, meeting_id: int) -> None:
    from spiegel_tui.storage import Draft, MeetingStore

    store = MeetingStore.open(db)
    store.save_draft(meeting_id, Draft())
    store.close()


def bare_app():
    from textual.app import App
    from textual.widgets import Footer, Header, Input

    class Bare(App[None]):
        def compose(self):
            yield Header()
            # No blinking, like the capture input: bytes per character then count
            # typing only, not the cursor's twice-a-second redraw.
            field = Input(placeholder="Typ een opmerking")
            field.cursor_blink = False
            yield field
            yield Footer()

    return Bare()


def capture_app(db: str, meeting_id: int):
    from spiegel_tui.storage import MeetingStore
    from spiegel_tui.ui.app import SpiegelApp

    return SpiegelApp(MeetingStore.open(db), meeting_id=meeting_id, clock=lambda: FROZEN)


def is_ready(app, kind: str) -> bool:
    if kind == "bare":
        return app.screen.query("Input") and app.screen.is_mounted
    from spiegel_tui.ui.screens.capture import CaptureScreen

    screen = app.screen
    return isinstance(screen, CaptureScreen) and screen.timeline.row_count > 0


def peak_rss_mib() -> float:
    """This process's peak RSS. Not getrusage: its ru_maxrss survives exec on Linux,
    so a child would report the (larger) parent's peak from before the fork."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# Children (run in a fresh process) ---------------------------------------------------


def child_start(kind: str, db: str, meeting_id: int) -> None:
    """Print READY once the first screen is mounted and has been refreshed once."""
    app = bare_app() if kind == "bare" else capture_app(db, meeting_id)

    async def pilot(pilot) -> None:
        while not is_ready(app, kind):
            await asyncio.sleep(0.001)
        await pilot.pause()  # one refresh: the screen has been laid out and rendered
        print(f"READY {peak_rss_mib():.1f}", flush=True)
        app.exit()

    app.run(headless=True, auto_pilot=pilot, size=(100, 40))


def child_tty(kind: str, db: str, meeting_id: int) -> None:
    app = bare_app() if kind == "bare" else capture_app(db, meeting_id)
    app.run()


def child_memory(db: str, meeting_id: int) -> None:
    """Max RSS after opening 10,000 remarks, scrolling through them and adding one."""
    app = capture_app(db, meeting_id)

    async def pilot(pilot) -> None:
        while not is_ready(app, "capture"):
            await asyncio.sleep(0.001)
        await pilot.pause()
        screen = app.screen
        screen.timeline.focus()
        for _ in range(20):
            await pilot.press("pageup")
        screen.line.value = "Nog een opmerking"
        screen.line.focus()
        await pilot.press("enter")
        await pilot.pause()
        print(f"RSS {peak_rss_mib():.1f}", flush=True)
        app.exit()

    app.run(headless=True, auto_pilot=pilot, size=(100, 40))


# Measurements -----------------------------------------------------------------------


def run_child(*args: str) -> tuple[float, str]:
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, str(HERE), "--child", *args], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    elapsed = time.perf_counter() - start
    process.wait(timeout=30)
    return elapsed, line.strip()


def measure_start(db: str, meeting_id: int, runs: int) -> dict[str, float]:
    figures: dict[str, list[float]] = {"bare": [], "capture": []}
    rss: dict[str, float] = {}
    for _ in range(runs):
        for kind in figures:
            elapsed, line = run_child("start", kind, db, str(meeting_id))
            figures[kind].append(elapsed)
            rss[kind] = float(line.split()[1])
    bare, capture = (statistics.median(figures[k]) for k in ("bare", "capture"))
    row("start, headless", bare * 1000, capture * 1000, "ms", "<= 1.2x")
    row("max RSS at start", rss["bare"], rss["capture"], "MiB")
    return {"bare": bare, "capture": capture}


def row(label: str, bare: float, capture: float, unit: str, target: str = "") -> None:
    """One line of figures: baseline, capture screen, ratio, target."""
    goal = f"  (target {target})" if target else ""
    print(
        f"  {label:<20} bare {bare:8.1f} {unit:<3}  capture {capture:8.1f} {unit:<3}"
        f"  ratio {capture / bare:5.2f}{goal}"
    )


class PtyApp:
    """A child app in a pseudo-terminal; counts every byte it writes."""

    def __init__(self, kind: str, db: str, meeting_id: int, size: tuple[int, int]) -> None:
        self.start = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:
            os.environ.update(TERM="xterm-256color", COLORTERM="truecolor", ESCDELAY="25")
            os.execv(
                sys.executable,
                [sys.executable, str(HERE), "--child", "tty", kind, db, str(meeting_id)],
            )
        self.pid, self.fd = pid, fd
        import fcntl
        import struct
        import termios

        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        self.output = bytearray()

    def read(self, timeout: float) -> int:
        """Read for ``timeout`` seconds; returns the number of bytes read."""
        deadline = time.perf_counter() + timeout
        count = 0
        while (left := deadline - time.perf_counter()) > 0:
            ready, _, _ = select.select([self.fd], [], [], left)
            if not ready:
                break
            try:
                data = os.read(self.fd, 65536)
            except OSError:
                break
            self.output += data
            count += len(data)
        return count

    def wait_for(self, marker: bytes, timeout: float = 20) -> float:
        """Seconds from process start until ``marker`` shows (styles stripped)."""
        deadline = time.perf_counter() + timeout
        while marker not in ANSI.sub(b"", bytes(self.output)):
            if time.perf_counter() > deadline:
                self.close()
                raise RuntimeError(f"no {marker!r} on screen")
            self.read(0.01)
        return time.perf_counter() - self.start

    def settle(self, quiet: float = 0.4, longest: float = 3.0) -> None:
        """Read until nothing has come for ``quiet`` seconds (or ``longest`` passed)."""
        deadline = time.perf_counter() + longest
        while self.read(quiet) and time.perf_counter() < deadline:
            pass

    def close(self) -> None:
        if self.fd < 0:
            return
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.fd)
        self.fd = -1


def measure_tty(db: str, meeting_id: int, runs: int) -> tuple[dict[str, float], dict[str, float]]:
    markers = {"bare": b"een opmerking", "capture": b"Gehoord"}
    paint: dict[str, list[float]] = {"bare": [], "capture": []}
    per_char: dict[str, list[float]] = {"bare": [], "capture": []}
    text = "Het eerste gesprek was warm maar het duurde lang.."
    assert len(text) == 50
    for _ in range(runs):
        for kind in paint:
            clear_draft(db, meeting_id)  # else the next run opens on the text typed here
            app = PtyApp(kind, db, meeting_id, (100, 40))
            try:
                paint[kind].append(app.wait_for(markers[kind]))
                app.settle()
                app.output.clear()
                for char in text:
                    os.write(app.fd, char.encode())
                    app.read(0.02)
                app.settle(0.3)
                per_char[kind].append(len(app.output) / len(text))
            finally:
                app.close()
    p_bare, p_cap = (statistics.median(paint[k]) for k in ("bare", "capture"))
    b_bare, b_cap = (statistics.median(per_char[k]) for k in ("bare", "capture"))
    row("first paint (pty)", p_bare * 1000, p_cap * 1000, "ms")
    row("bytes per char", b_bare, b_cap, "B", "<= 1.2x")
    return {"bare": p_bare, "capture": p_cap}, {"bare": b_bare, "capture": b_cap}


async def enter_latency(db: str, meeting_id: int, enters: int) -> dict[str, list[float]]:
    """Per Enter: key event to committed, to handler done, to new row rendered (ms);
    and the time in frames (screen updates) in the 40 ms after the key event."""
    from textual import events
    from textual.screen import Screen

    from spiegel_tui.ui.widgets.timeline import Timeline

    app = capture_app(db, meeting_id)
    stamps: dict[str, float] = {}
    store = app.store
    add_remark = store.add_remark

    def timed_add(meeting, remark):
        result = add_remark(meeting, remark)
        stamps.setdefault("committed", time.perf_counter())
        return result

    store.add_remark = timed_add  # type: ignore[method-assign]
    render_line = Timeline.render_line

    def timed_render(self, y: int):
        strip = render_line(self, y)
        if "want" in stamps and "painted" not in stamps and stamps["want"] in strip.text:
            stamps["painted"] = time.perf_counter()
        return strip

    Timeline.render_line = timed_render  # type: ignore[method-assign]
    update = Screen._on_timer_update
    frame_ms: list[float] = []

    def timed_update(self) -> None:
        begin = time.perf_counter()
        update(self)
        if "want" in stamps:
            frame_ms.append((time.perf_counter() - begin) * 1000)

    Screen._on_timer_update = timed_update  # type: ignore[method-assign]
    stages = ("committed", "handled", "painted")
    figures: dict[str, list[float]] = {key: [] for key in (*stages, "frames")}
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        submit = screen.line.on_submit or screen.commit_line

        def timed_commit(line: str):
            result = submit(line)
            stamps.setdefault("handled", time.perf_counter())
            return result

        screen.line.on_submit = timed_commit
        run = uuid.uuid4().hex[:6]
        for n in range(enters):
            marker = f"meting-{run}-{n:04d}"
            screen.line.value = f"Opmerking {marker}"
            # As when typing: the last key was a while ago (50 ms, a fast typist), so
            # Textual's 60 fps frame timer is not in the middle of a frame.
            await pilot.pause(0.05)
            stamps.clear()
            frame_ms.clear()
            stamps["want"] = marker  # type: ignore[assignment]
            start = time.perf_counter()
            app.post_message(events.Key("enter", "\r"))
            while "painted" not in stamps:
                await asyncio.sleep(0)
                if time.perf_counter() - start > 2:
                    raise RuntimeError("the new remark was never rendered")
            if len(stamps) < 4:
                raise RuntimeError(f"missing stamps: {stamps}")
            for key in stages:
                figures[key].append((stamps[key] - start) * 1000)
            await asyncio.sleep(max(0.0, start + 0.04 - time.perf_counter()))
            stamps.clear()  # frames from here on belong to the next remark's typing
            figures["frames"].append(sum(frame_ms))
        await pilot.pause()
    Timeline.render_line = render_line  # type: ignore[method-assign]
    Screen._on_timer_update = update  # type: ignore[method-assign]
    return figures


async def bare_key_latency(keys: int) -> list[float]:
    """The floor: a key typed in the bare app's Input until the Input renders it (ms)."""
    from textual import events
    from textual.widgets import Input

    app = bare_app()
    painted: list[float] = []
    want: list[str] = []
    render_line = Input.render_line

    def timed_render(self, y: int):
        strip = render_line(self, y)
        if want and want[0] in strip.text:
            painted.append(time.perf_counter())
            want.clear()
        return strip

    Input.render_line = timed_render  # type: ignore[method-assign]
    figures: list[float] = []
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        field = app.query_one(Input)
        for n in range(keys):
            field.value = f"Opmerking {n:04d}"
            field.cursor_position = len(field.value)
            await pilot.pause(0.05)
            painted.clear()
            want[:] = [f"{n:04d}x"]
            start = time.perf_counter()
            app.post_message(events.Key("x", "x"))
            while not painted:
                await asyncio.sleep(0)
                if time.perf_counter() - start > 2:
                    raise RuntimeError("the key was never rendered")
            figures.append((painted[0] - start) * 1000)
    Input.render_line = render_line  # type: ignore[method-assign]
    return figures


def measure_enter(folder: Path, enters: int) -> dict[int, float]:
    floor = statistics.median(asyncio.run(bare_key_latency(enters)))
    print(f"  key to painted, bare Input (the frame-timer floor): {floor:5.2f} ms")
    medians: dict[int, float] = {}
    for size in (10, 1_000, 10_000):
        db = folder / f"enter-{size}.db"
        meeting_id = build_db(db, size)
        figures = asyncio.run(enter_latency(str(db), meeting_id, enters))
        m = {k: statistics.median(v) for k, v in figures.items()}
        p95 = sorted(figures["painted"])[int(len(figures["painted"]) * 0.95) - 1]
        medians[size] = m["painted"]
        print(
            f"  Enter at {size:>6,}: committed {m['committed']:5.2f} ms,"
            f" handled {m['handled']:5.2f} ms, painted {m['painted']:5.2f} ms (p95 {p95:5.2f}),"
            f" frames {m['frames']:5.2f} ms"
        )
    ratio = medians[10_000] / medians[10]
    print(f"  painted at 10,000 vs at 10: ratio {ratio:.2f}  (target: about 1, under 5 ms)")
    return medians


def measure_memory(folder: Path) -> None:
    db = folder / "memory-10000.db"
    meeting_id = build_db(db, 10_000)
    _, line = run_child("memory", str(db), str(meeting_id))
    _, bare = run_child("start", "bare", str(db), str(meeting_id))
    row("max RSS, 10,000", float(bare.split()[1]), float(line.split()[1]), "MiB", "< 60 MiB")


def compile_package() -> None:
    """Byte-compile Spiegel first, as pip does when it installs a package.

    Textual's modules come precompiled from its install; ours, from an editable
    checkout with PYTHONDONTWRITEBYTECODE set (as on our CI machines), would be
    compiled from source at every start (30-40 ms), which no installed copy does.
    """
    import compileall

    import spiegel_tui

    compileall.compile_dir(Path(spiegel_tui.__file__).parent, quiet=1)


def main() -> None:
    sys.stdout.reconfigure(line_buffering=True)
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        what, *args = sys.argv[2:]
        if what == "start":
            child_start(args[0], args[1], int(args[2]))
        elif what == "tty":
            child_tty(args[0], args[1], int(args[2]))
        elif what == "memory":
            child_memory(args[0], int(args[1]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--enters", type=int, default=40)
    parser.add_argument(
        "--only", choices=["enter"], help="only Enter to committed/painted (no start, tty, memory)"
    )
    parser.add_argument(
        "--synchronous",
        choices=["NORMAL", "FULL"],
        help="SQLite's synchronous setting to measure with (default: what Spiegel uses)",
    )
    parser.add_argument(
        "--folder",
        type=Path,
        help="where the databases go (default: the temp folder; on tmpfs fsync costs nothing)",
    )
    args = parser.parse_args()
    compile_package()
    if args.synchronous:
        from spiegel_tui.storage import database

        database.SYNCHRONOUS = args.synchronous
    with tempfile.TemporaryDirectory(dir=args.folder) as tmp:
        folder = Path(tmp)
        if args.only == "enter":
            print(f"Enter path only, synchronous={args.synchronous or 'default'}, in {folder}")
            measure_enter(folder, args.enters)
            return
        db = folder / "start-2000.db"
        meeting_id = build_db(db, 2_000)
        print(f"Capture screen benchmark (medians of {args.runs} runs; bare = Header+Input+Footer)")
        measure_start(str(db), meeting_id, args.runs)
        measure_tty(str(db), meeting_id, args.runs)
        measure_enter(folder, args.enters)
        measure_memory(folder)


if __name__ == "__main__":
    main()
