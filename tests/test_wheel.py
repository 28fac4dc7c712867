"""The built wheel carries the styles and starts from any working directory."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

PROBE = textwrap.dedent(
    """
    import asyncio, datetime, sys
    from pathlib import Path
    from spiegel_tui.ui.factory import create_app
    from spiegel_tui.model import Meeting
    from spiegel_tui.ui.styles import styles_dir, stylesheets

    async def main() -> None:
        app = create_app(sys.argv[1])
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            print("STYLES", styles_dir())
            print("SHEETS", len(stylesheets()))
            print("SCREEN", type(app.screen).__name__)
            # The setup, wrap-up and debrief screens read their own sheets when they open.
            meeting = app.store.add_meeting(Meeting(topic="t", date=datetime.date.today()))
            app.edit_setup(meeting)
            await pilot.pause()
            app.pop_screen()
            app.open_wrapup(meeting)
            await pilot.pause()
            app.pop_screen()
            app.open_debrief(meeting)
            await pilot.pause()
            read = [path for path, _ in app.stylesheet.source if path.endswith(".tcss")]
            print("SOURCES", len(read))
            print("FROM", " ".join(sorted({str(Path(p).parent) for p in read})))

    asyncio.run(main())
    """
)


@pytest.mark.slow
def test_wheel_installs_and_starts_outside_the_repository(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=300,
    )
    wheel = next(dist.glob("spiegel_tui-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    tcss = sorted(n for n in names if n.endswith(".tcss"))
    assert "spiegel_tui/styles/app.tcss" in tcss
    assert len(tcss) == len(list((ROOT / "styles").glob("*.tcss")))
    assert "spiegel_tui/data/demo-meeting.json" in names

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", str(wheel)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    probe = elsewhere / "probe.py"
    probe.write_text(PROBE)
    result = subprocess.run(
        [str(python), str(probe), str(elsewhere / "s.db")],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    lines = dict(line.split(" ", 1) for line in result.stdout.splitlines() if " " in line)
    assert lines["STYLES"].startswith(str(venv)), lines["STYLES"]
    assert int(lines["SHEETS"]) == len(tcss)
    assert lines["SCREEN"] == "PickerScreen"
    assert int(lines["SOURCES"]) == len(tcss)
    assert lines["FROM"] == lines["STYLES"]

    version = subprocess.run(
        [str(venv / "bin" / "spiegel"), "--version"], capture_output=True, text=True, cwd=elsewhere
    )
    assert version.stdout.startswith("spiegel ")
