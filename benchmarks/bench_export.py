"""How long exporting takes, against python-docx writing the same paragraphs bare.

    python benchmarks/bench_export.py [--runs 5]

Builds meetings of 300 and 10,000 remarks, exports them with the appendix (so every
remark becomes a paragraph) and, in the same run, lets python-docx write the very same
paragraphs with the same styles and nothing else. Prints medians and the ratio.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from spiegel_tui.export import export_document
from spiegel_tui.export.docx_document import STYLE_NAMES
from spiegel_tui.export.samenkracht import outcome_blocks
from spiegel_tui.model import (
    KeyPoint,
    Kind,
    Meeting,
    Organisation,
    Participant,
    Question,
    Remark,
    Role,
)

TZ = dt.timezone(dt.timedelta(hours=2))
SIZES = (300, 10_000)


def build_meeting(remarks: int) -> Meeting:
    orgs = [
        Organisation("vt", "Veilig Thuis"),
        Organisation("rvdk", "Raad voor de Kinderbescherming"),
        Organisation("jgb", "Jeugd- & Gezinsbeschermers"),
    ]
    meeting = Meeting(
        topic="Bejegening in de jeugdbeschermingsketen",
        date=dt.date(2021, 10, 14),
        start=dt.time(19, 30),
        organisations=orgs,
        participants=[
            Participant(f"p{n}", f"Ouder {n}", Role.OUDER, True, ["vt", "rvdk", "jgb"])
            for n in range(1, 11)
        ],
        questions=[Question("q1", "Hoe werd u bejegend?")],
    )
    kinds = list(Kind)
    start = dt.datetime(2021, 10, 14, 19, 30, tzinfo=TZ)
    for n in range(remarks):
        meeting.remarks.append(
            Remark(
                at=start + dt.timedelta(seconds=n),
                text=f"Opmerking {n}: de communicatie was niet helder en afspraken werden "
                "afgezegd zonder dat iemand het opnieuw oppakte.",
                kind=kinds[n % 4],
                participant=f"p{n % 10 + 1}" if n % 7 else None,
                organisations=[orgs[n % 3].key],  # one each: paragraphs == remarks
                question="q1",
                id=n + 1,
            )
        )
    meeting.outcome.key_points = [KeyPoint(f"Kernpunt {n}") for n in range(8)]
    meeting.outcome.produced = "Het is duidelijk geworden wat belangrijk is."
    return meeting


def bare_docx(paragraphs: list[tuple[str | None, str]], path: Path, how: str) -> None:
    """python-docx alone, the style given by name, as an object, or as an id on the XML.

    The public style setter looks the style up (and the default style) per paragraph:
    that lookup, not the XML, is most of python-docx's time on long documents.
    """
    import docx

    document = docx.Document()
    styles = {name: document.styles[name] for name in {n for n, _ in paragraphs if n}}
    for name, text in paragraphs:
        if name is None:
            document.add_paragraph(text)
        elif how == "name":
            document.add_paragraph(text, name)
        elif how == "object":
            document.add_paragraph(text, styles[name])
        else:
            document.add_paragraph(text)._p.style = styles[name].style_id
    document.save(str(path))


def median_seconds(action: Callable[[], object], runs: int) -> float:
    timings = []
    for _ in range(runs):
        gc.collect()  # garbage of the previous run is not this run's cost
        started = time.perf_counter()
        action()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    import docx  # noqa: F401  (the import itself is not what we measure)

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        for size in SIZES:
            meeting = build_meeting(size)
            # The same paragraphs and styles, worked out before the clock starts.
            paragraphs = [
                (STYLE_NAMES.get(b.kind), b.text) for b in outcome_blocks(meeting, appendix=True)
            ]
            n = runs if size < 1000 else max(3, runs // 2)
            ours = median_seconds(
                lambda m=meeting: export_document(
                    m, out / "uit.docx", "docx", appendix=True, force=True
                ),
                n,
            )
            bare = {
                how: median_seconds(
                    lambda p=paragraphs, h=how: bare_docx(p, out / "bare.docx", h), n
                )
                for how in ("name", "object", "id")
            }
            md = median_seconds(
                lambda m=meeting: export_document(
                    m, out / "uit.md", "md", appendix=True, force=True
                ),
                n,
            )
            csv = median_seconds(
                lambda m=meeting: export_document(m, out / "uit.csv", "csv", force=True), n
            )
            print(f"{size} remarks, {len(paragraphs)} paragraphs, median of {n} runs:")
            print(f"  {'docx export, appendix':<34}{ours * 1000:7.0f} ms")
            for how, seconds in bare.items():
                print(
                    f"  {'bare python-docx, style by ' + how:<34}{seconds * 1000:7.0f} ms  "
                    f"(export / bare = {ours / seconds:.2f})"
                )
            print(f"  {'md export, appendix':<34}{md * 1000:7.0f} ms")
            print(f"  {'csv export':<34}{csv * 1000:7.0f} ms")


if __name__ == "__main__":
    main()
