"""Every private name of Textual, Rich and python-docx that Spiegel touches, in one list.

An upgrade of a pinned library that removes or renames one of them fails here with a
readable list, before a test deep in the capture screen fails for a reason nobody
can see. The scan below keeps the list complete: a new ``obj._private`` in the
package that is not Spiegel's own, and not listed, fails too.
"""

from __future__ import annotations

import importlib
import inspect
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "spiegel_tui"

#: (where it lives, private name, where Spiegel uses it and why).
PRIVATE_SURFACE: list[tuple[str, str, str]] = [
    # Textual: the app
    ("textual.app:App", "_check_bindings", "ui/screens/capture.py: keys in arrival order"),
    ("textual.app:App", "_close_messages_no_wait", "ui/app.py: exit after a hangup"),
    ("textual.app:App", "_fatal_error", "ui/app.py: crash report without note text"),
    ("textual.app:App", "_loop", "ui/app.py, ui/terminal_input.py: signal handling"),
    ("textual.app:App", "_screen_stack", "ui/app.py, ui/terminal_input.py: screen present?"),
    # Textual: widgets
    ("textual.widget:Widget", "_on_key", "ui/widgets/timeline, capture_input: key order"),
    ("textual.widget:Widget", "_set_dirty", "ui/widgets/timeline/render.py: lines to redraw"),
    ("textual.widget:Widget", "_border_title", "ui/widgets/timeline/render.py: plain lines"),
    ("textual.widget:Widget", "_border_subtitle", "ui/widgets/timeline/render.py: plain lines"),
    ("textual.scroll_view:ScrollView", "_scroll_update", "ui/widgets/timeline/layout.py"),
    ("textual.widgets:Input", "_on_key", "ui/widgets/capture_input.py: keys in order"),
    ("textual.widgets:Input", "_on_paste", "ui/widgets/capture_input.py: paste end"),
    ("textual.widgets:Input", "_watch_value", "ui/widgets/capture_input.py: draft saving"),
    # Textual: the Linux driver (ui/terminal_input.py: one input reader, bad bytes)
    ("textual.drivers.linux_driver:LinuxDriver", "_sigcont_application", "SIGCONT fix"),
    ("textual.drivers.linux_driver:LinuxDriver", "_app", "input thread restart"),
    ("textual.drivers.linux_driver:LinuxDriver", "_key_thread", "input thread restart"),
    ("textual.drivers.linux_driver:LinuxDriver", "_auto_restart", "input thread restart"),
    ("textual.drivers.linux_driver:LinuxDriver", "_patch_iflag", "terminal modes"),
    ("textual.drivers.linux_driver:LinuxDriver", "_patch_lflag", "terminal modes"),
    ("textual.drivers.linux_driver:LinuxDriver", "_enable_mouse_support", "terminal modes"),
    ("textual.drivers.linux_driver:LinuxDriver", "_enable_bracketed_paste", "terminal modes"),
    ("textual.drivers.linux_driver", "XTermParser", "replaced by a guarded parser"),
    ("textual.drivers.linux_driver", "getincrementaldecoder", "replaced: no crash on Latin-1"),
    ("textual._xterm_parser", "XTermParser", "subclassed: the guarded parser"),
    # python-docx (export/docx_document.py: style by id, 4x faster than by name)
    ("docx.document:Document", "_body", "paragraphs added without a style lookup"),
    ("docx.text.paragraph:Paragraph", "_p", "the paragraph's XML, to set its style id"),
    # python-docx (export/docx_style.py: PAGE/NUMPAGES fields have no public API)
    ("docx.text.run:Run", "_r", "the run's XML, to add the page-number field codes"),
]

#: Private names Spiegel reaches through objects that are not its own; the scan
#: finds ``obj._name`` and ``from lib._module import``.
ACCESS = re.compile(r"(?<![\w.])(?!self\b|cls\b)(\w+(?:\(\))?)\.(_[a-z]\w*)")
PRIVATE_MODULE = re.compile(r"^\s*(?:from|import)\s+((?:textual|rich|docx)[\w.]*\._\w+)", re.M)


def _present(where: str, name: str) -> bool:
    module_name, _, class_name = where.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        return False
    if not class_name:
        return hasattr(module, name)
    owner = getattr(module, class_name, None)
    if owner is None:
        return False
    if hasattr(owner, name):
        return True
    # Set in __init__ (an instance attribute): look for the assignment in the source.
    for cls in inspect.getmro(owner):
        try:
            if f"self.{name}" in inspect.getsource(cls):
                return True
        except (OSError, TypeError):
            continue
    return False


def test_every_private_name_we_rely_on_still_exists() -> None:
    missing = [
        f"{where}.{name}  (used by {why})"
        for where, name, why in PRIVATE_SURFACE
        if not _present(where, name)
    ]
    assert not missing, "Private names gone after an upgrade:\n  " + "\n  ".join(missing)


def _own_private_names() -> set[str]:
    """Private names Spiegel defines itself (methods, attributes, module globals)."""
    names: set[str] = set()
    for source in PACKAGE.rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        names |= set(re.findall(r"def (_\w+)", text))
        names |= set(re.findall(r"(?:self|cls)\.(_\w+)\s*(?::[^=\n]+)?=(?!=)", text))
        names |= set(re.findall(r"^\s*(_\w+)\s*[:=]", text, re.M))
        names |= set(re.findall(r"(?:self|cls)\.(_\w+),", text))
        # Spiegel's own markers set on others' objects (e.g. a patched function's).
        names |= set(re.findall(r"\w\.(_[a-z]\w*) = True", text))
    return names


def test_the_list_is_complete() -> None:
    """A private name of another library used anywhere in the package is listed above
    (names of the standard library's objects are allowed: os._exit, argparse's)."""
    listed = {name for _, name, _ in PRIVATE_SURFACE}
    listed_modules = {where.partition(":")[0] for where, _, _ in PRIVATE_SURFACE}
    own = _own_private_names()
    stdlib = {"_exit", "_SubParsersAction", "_positionals", "_optionals", "_subcommands"}
    unlisted = []
    for source in sorted(PACKAGE.rglob("*.py")):
        text = source.read_text(encoding="utf-8")
        where = source.relative_to(PACKAGE)
        for number, line in enumerate(text.splitlines(), 1):
            code = line.split("#", 1)[0]
            if PRIVATE_MODULE.match(code):
                continue  # an import: checked below
            for _, name in ACCESS.findall(code):
                if name not in listed and name not in own and name not in stdlib:
                    unlisted.append(f"{where}:{number}: {name}")
        for module in PRIVATE_MODULE.findall(text):
            if module not in listed_modules:
                unlisted.append(f"{where}: import of {module}")
    assert not unlisted, "Private names not in PRIVATE_SURFACE:\n  " + "\n  ".join(unlisted)


def test_rich_is_pinned_beside_textual() -> None:
    """Rich is drawn with directly (timeline, heard panel, crash report): pinned
    exactly, like Textual, so an upgrade is a decision and not an accident."""
    pyproject = (PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'"textual==[\d.]+"', pyproject)
    assert re.search(r'"rich==[\d.]+"', pyproject)
