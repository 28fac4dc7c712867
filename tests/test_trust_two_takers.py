"""Two note-takers, one meeting: two real app instances on one database file.

As with one server and two SSH logins: two ``spiegel`` processes, each in its own
terminal, open the same meeting and each get 200 remarks typed, interleaved. All 400
must be stored exactly once, no "database is locked" (or any error) may reach either
screen, and each instance must show the other's remarks within 2 seconds, without a
restart.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from helpers import require_tool
from trust_figures import record
from trust_support import integrity, new_database, open_capture, stored_texts, timeline_text

PER_TAKER = 200
#: Every this many remarks, the time until the other instance shows one is measured.
SAMPLE_EVERY = 40
VISIBLE_WITHIN_S = 2.0
#: What an error notification would show (the Dutch texts of the store's errors).
ERROR_SIGNS = ("bezet", "locked", "Niet opgeslagen", "niet bewaard", "Fout", "schijf")
WORDS = ["warm", "kil", "gehoord", "beloofd", "brief", "zitting", "plan", "cliënt"]


def text_of(taker: str, number: int) -> str:
    return f"{taker}{number:03d} {WORDS[number % len(WORDS)]} {WORDS[(number * 3) % 8]}"


def wait_shown(terminal, text: str, timeout: float) -> float:
    """Seconds until ``text`` is in ``terminal``'s timeline."""
    start = time.monotonic()
    try:
        terminal.wait_for(lambda s: text in timeline_text(s), timeout=timeout)
    except AssertionError as error:
        state = "running" if terminal.alive() else "gone"
        raise AssertionError(f"{text!r} not shown by {terminal.name} ({state}): {error}") from None
    return time.monotonic() - start


@pytest.mark.slow
def test_two_instances_on_one_file_lose_nothing_and_see_each_other(tmp_path: Path) -> None:
    require_tool("tmux")
    path = tmp_path / "samen.db"
    meeting_id = new_database(path)
    first = open_capture(path, meeting_id)
    second = open_capture(path, meeting_id)
    terminals = {"A": first, "B": second}
    for name, terminal in terminals.items():
        terminal.name = name
    latencies: list[float] = []
    errors: list[str] = []

    def look_for_errors() -> None:
        for name, terminal in terminals.items():
            screen = terminal.screen()
            if any(sign in screen for sign in ERROR_SIGNS):
                errors.append(f"{name}:\n{screen}")

    try:
        for number in range(PER_TAKER):
            for taker, other in (("A", "B"), ("B", "A")):
                terminal = terminals[taker]
                terminal.type(text_of(taker, number))
                terminal.press("Enter")
                if number % SAMPLE_EVERY == SAMPLE_EVERY - 1:
                    # Stored when its own screen shows it; then the other must follow.
                    wait_shown(terminal, text_of(taker, number), timeout=10)
                    latencies.append(
                        wait_shown(terminals[other], text_of(taker, number), timeout=10)
                    )
                    look_for_errors()
            time.sleep(0.01)
            if number % 10 == 0:
                look_for_errors()
        # The last of each shows on both screens.
        for taker in "AB":
            for terminal in terminals.values():
                wait_shown(terminal, text_of(taker, PER_TAKER - 1), timeout=10)
        look_for_errors()
        assert first.alive() and second.alive()
    finally:
        first.close()
        second.close()

    stored = stored_texts(path, meeting_id)
    expected = {text_of(t, n) for t in "AB" for n in range(PER_TAKER)}
    assert len(stored) == 2 * PER_TAKER
    assert set(stored) == expected
    # Each note-taker's remarks keep their own order.
    for taker in "AB":
        mine = [s for s in stored if s.startswith(taker)]
        assert mine == [text_of(taker, n) for n in range(PER_TAKER)]
    assert integrity(path) == "ok"
    assert errors == [], errors[0]
    assert max(latencies) <= VISIBLE_WITHIN_S, latencies
    record(two_takers_remarks=len(stored), two_takers_max_latency_ms=int(max(latencies) * 1000))
    print(f"two note-takers: {len(stored)} remarks, other's remark shown after {latencies}")
