"""What the note-taker sees after an unexpected error: no note text, a reassuring line.

Textual's own crash report is a traceback with the local variables of every frame
(``show_locals=True`` in ``App._fatal_error``): the line being typed, remarks,
participants' names, printed to the terminal (and so to a shared screen, a terminal
log or a screenshot sent to a developer). This report shows where it happened (files,
lines, functions, the code on those lines) and the type of the error, but no values
and no error message, which can quote a note.
"""

from __future__ import annotations

import traceback
from types import TracebackType

from rich.text import Text

SAVED = (
    "Spiegel is gestopt door een onverwachte fout. Uw opmerkingen tot en met de laatste "
    "Enter staan in de database en wat u aan het typen was is als concept bewaard: open "
    "de bijeenkomst opnieuw om verder te gaan."
)
SAVED_EARLIER = (
    "Spiegel is gestopt door een onverwachte fout. Uw opmerkingen tot en met de laatste "
    "Enter staan in de database; van wat u aan het typen was, is bewaard wat er een halve "
    "seconde eerder stond. Open de bijeenkomst opnieuw om verder te gaan."
)
FOR_DEVELOPERS = "Voor de ontwikkelaars (zonder notitietekst of gegevens):"


def crash_report(
    exc_type: type[BaseException] | None,
    exc: BaseException | None,
    tb: TracebackType | None,
    *,
    draft_saved: bool,
) -> Text:
    """The report for an error, as ``sys.exc_info()`` gives it."""
    lines = [FOR_DEVELOPERS]
    seen: set[int] = set()
    chain: list[BaseException] = []
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        chain.append(exc)
        exc = exc.__cause__ or exc.__context__
    for number, error in enumerate(reversed(chain)):
        if number:
            lines.append("Tijdens de afhandeling daarvan:")
        lines.append("Traceback (most recent call last):")
        for frame in traceback.extract_tb(error.__traceback__):
            lines.append(f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}')
            if frame.line:
                lines.append(f"    {frame.line.strip()}")
        kind = type(error)
        lines.append(f"{kind.__module__}.{kind.__qualname__} (melding weggelaten)")
    if not chain and exc_type is not None:
        lines.append(f"{exc_type.__module__}.{exc_type.__qualname__}")
    # Last, so it is what stays in view on a small terminal after a long traceback.
    lines += ["", SAVED if draft_saved else SAVED_EARLIER]
    return Text("\n".join(lines))
