"""A plain model of the capture screen's key stream, for the generated tests.

What the note-taker types, as steps (text, tokens, Enter, chords, timeline keys,
undo, pastes), and what the database must then hold. It is written from the user's
side (README's key table and the token table in ``capture_tokens``), not from the
screen's code: a list of remarks, the line, the context for the next remark, where
the focus is and which remark the timeline has selected. Both the real-terminal test
(``test_trust_key_stream.py``) and the Pilot test (``test_capture_key_stream.py``)
drive the app with the same steps and compare the database with :class:`Model`.

The meeting is ``conftest.small_meeting(0)``: participants p1-p4, organisations
vt, rvdk, jgb (in that order), no remarks.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from hypothesis import strategies as st

from spiegel_tui.model import Kind
from spiegel_tui.textclean import clean_text

PEOPLE = ("p1", "p2", "p3", "p4")
ORGS = ("vt", "rvdk", "jgb")
KIND_OF = {
    "+": Kind.POSITIVE,
    "!": Kind.IMPROVEMENT,
    "?": Kind.WISH,
    ".": Kind.NOTE,
    "p": Kind.POSITIVE,
    "v": Kind.IMPROVEMENT,
    "w": Kind.WISH,
    "n": Kind.NOTE,
}
PASTE_END = "\x1b[201~"


@dataclass
class Ctx:
    participant: str | None = None
    organisations: tuple[str, ...] = ()
    kind: Kind = Kind.NOTE
    starred: bool = False
    private: bool = False


@dataclass
class Row:
    text: str
    participant: str | None
    organisations: tuple[str, ...]
    kind: Kind
    starred: bool
    private: bool
    deleted: bool = False


def toggled_kind(current: Kind, chosen: Kind) -> Kind:
    """The signs toggle: choosing the kind a remark has makes it a note again."""
    return Kind.NOTE if current == chosen else chosen


def toggle_org(orgs: tuple[str, ...], key: str) -> tuple[str, ...]:
    chosen = set(orgs) ^ {key}
    return tuple(k for k in ORGS if k in chosen)


# Steps: what the user does. ``keys`` are tmux key names / literal characters. -----


@dataclass(frozen=True)
class Step:
    kind: str  # text, token, enter, chord, key, paste
    value: str = ""
    arg: str = ""

    def __repr__(self) -> str:
        return f"{self.kind}({self.value!r}{', ' + repr(self.arg) if self.arg else ''})"


@dataclass
class Model:
    rows: list[Row] = field(default_factory=list)
    line: str = ""
    ctx: Ctx = field(default_factory=Ctx)
    org_run: bool = False  # the tokens taken from this line ended with an organisation
    on_timeline: bool = False
    cursor: int = -1
    undo: list[tuple[int, Row]] = field(default_factory=list)

    # The timeline ------------------------------------------------------------

    def visible(self) -> list[int]:
        return [i for i, r in enumerate(self.rows) if not r.deleted]

    def selected(self) -> int | None:
        shown = self.visible()
        if self.on_timeline and 0 <= self.cursor < len(shown):
            return shown[self.cursor]
        return None

    def change(self, index: int, **changes: object) -> None:
        before = self.rows[index]
        after = dataclasses.replace(before, **changes)
        if after == before:
            return
        self.undo.append((index, before))
        del self.undo[:-50]
        self.rows[index] = after
        self._after_change(index)

    def _after_change(self, index: int) -> None:
        # The timeline keeps the selected remark selected while it is shown, else
        # selects the last one.
        shown = self.visible()
        selected = self._selected_row
        if selected is not None and selected in shown:
            self.cursor = shown.index(selected)
        else:
            self.cursor = len(shown) - 1

    _selected_row: int | None = None

    # What each step does -------------------------------------------------------

    def apply(self, step: Step) -> None:
        self._selected_row = self.selected() if self.on_timeline else None
        getattr(self, f"_{step.kind}")(step)

    def _text(self, step: Step) -> None:
        text = step.value
        if self.on_timeline:
            self.on_timeline = False  # letters typed there continue the line
        if not self.line and text:
            self.org_run = False  # the text has begun
        self.line += text

    def _token(self, step: Step) -> None:
        # Only typed on an empty line, from the line (precondition).
        word = step.value
        ctx = self.ctx
        if word.startswith("@"):
            name = word[1:]
            ctx.participant = None if name in ("0", "-") else PEOPLE[int(name) - 1]
            self.org_run = False
        elif word.startswith("#"):
            name = word[1:]
            if name in ("0", "-"):
                ctx.organisations = ()
                self.org_run = False
            else:
                key = ORGS[int(name) - 1] if name.isdigit() else name
                chosen = set(ctx.organisations) if self.org_run else set()
                chosen.add(key)
                ctx.organisations = tuple(k for k in ORGS if k in chosen)
                self.org_run = True
        elif word == "\\":
            self.line = "\\"  # everything after it is text
        else:
            for char in word:
                if char in "+!?.":
                    ctx.kind = toggled_kind(ctx.kind, KIND_OF[char])
                elif char == "*":
                    ctx.starred = not ctx.starred
                else:
                    ctx.private = not ctx.private
            self.org_run = False

    def _enter(self, step: Step) -> None:
        # Enter on the line only (on the timeline it opens the edit dialog: not generated).
        line = self.line
        text = line[1:].strip() if line.startswith("\\") else line.strip()
        self.line = ""
        self.org_run = False
        if not text:
            return
        c = self.ctx
        self.rows.append(Row(text, c.participant, c.organisations, c.kind, c.starred, c.private))
        self.ctx = Ctx(c.participant, c.organisations)

    def _target(self) -> tuple[int | None, Ctx]:
        index = self.selected()
        if index is None:
            return None, self.ctx
        r = self.rows[index]
        return index, Ctx(r.participant, r.organisations, r.kind, r.starred, r.private)

    def _set(self, **changes: object) -> None:
        index, _ = self._target()
        if index is None:
            for name, value in changes.items():
                setattr(self.ctx, name, value)
        else:
            self.change(index, **changes)

    def _chord(self, step: Step) -> None:
        chord, char = step.value, step.arg
        _, target = self._target()
        if chord == "C-n":
            if char == "0":
                self._set(participant=None)
            elif char.isdigit() and int(char) <= len(PEOPLE):
                self._set(participant=PEOPLE[int(char) - 1])
        elif chord == "C-o":
            if char == "0":
                self._set(organisations=())
            elif char.isdigit() and int(char) <= len(ORGS):
                self._set(organisations=toggle_org(target.organisations, ORGS[int(char) - 1]))
        elif char in KIND_OF:  # C-t
            self._set(kind=KIND_OF[char])

    def _key(self, step: Step) -> None:
        key = step.value
        index = self.selected()
        shown = self.visible()
        if key in ("C-k", "C-l"):
            _, target = self._target()
            if key == "C-k":
                self._set(starred=not target.starred)
            else:
                self._set(private=not target.private)
        elif key == "C-z":
            if self.undo:  # one step back; a step that changes nothing is used up too
                at, before = self.undo.pop()
                if self.rows[at] != before:
                    self.rows[at] = before
                    self._after_change(at)
        elif key in ("Up", "Tab", "BTab") and not self.on_timeline:
            if shown:
                self.on_timeline, self.cursor = True, len(shown) - 1
        elif key in ("Tab", "BTab", "Escape"):
            self.on_timeline = False
        elif key == "Up":
            if shown:
                self.cursor = max(0, self.cursor - 1)
        elif key == "Down":
            if self.on_timeline:
                if self.cursor >= len(shown) - 1:
                    self.on_timeline = False
                else:
                    self.cursor += 1
        elif key == "DC":  # Delete
            if index is not None:
                self.change(index, deleted=True)
        elif key in "*%~+!?.":  # flag signs typed on the timeline
            if index is not None:
                r = self.rows[index]
                if key == "*":
                    self.change(index, starred=not r.starred)
                elif key in "%~":
                    self.change(index, private=not r.private)
                else:
                    self.change(index, kind=toggled_kind(r.kind, KIND_OF[key]))
        elif key == "BSpace":
            if not self.on_timeline:
                self.line = self.line[:-1]
        else:
            raise AssertionError(key)

    def _paste(self, step: Step) -> None:
        text = clean_text(step.value.replace(PASTE_END, ""), multiline=False)
        if self.on_timeline:
            self.on_timeline = False
        if text:
            if not self.line:
                self.org_run = False
            self.line += text

    # Preconditions -------------------------------------------------------------

    def can_type_token(self) -> bool:
        return not self.on_timeline and self.line == ""


# Strategies -----------------------------------------------------------------------

LETTERS = "abcdeklmnorstuvzë"
WORD = st.text(alphabet=LETTERS, min_size=1, max_size=6)
#: Text starts with a letter (so it never reads as a token) and has single spaces.
TEXT = st.lists(WORD, min_size=1, max_size=3).map(" ".join)
TOKENS = st.sampled_from(
    [
        *("@1", "@2", "@3", "@4", "@0", "#1", "#2", "#3", "#vt", "#jgb", "#-"),
        *("+", "!", "?", ".", "*", "%", "~", "+*", "!%", "\\"),
    ]
)
CHORDS = st.tuples(st.sampled_from(["C-n", "C-o", "C-t"]), st.sampled_from(list("01234pvwnx+!")))
LINE_KEYS = st.sampled_from(["C-k", "C-l", "C-z", "Up", "Tab", "BSpace", "Escape", "Down"])
TIMELINE_KEYS = st.sampled_from(
    ["Up", "Down", "C-k", "C-l", "C-z", "DC", "Escape", "Tab", "*", "%", "~", "+", "!", "?", "."]
)
PASTES = st.one_of(
    TEXT,
    st.tuples(TEXT, TEXT).map(lambda t: f"{t[0]}\n{t[1]}"),
    # The clipboard holds the paste-end marker and keys after it.
    st.tuples(TEXT, st.sampled_from(["\x11", "\r", "\x0c", "\x1b[A", "\x0b\r"]), TEXT).map(
        lambda t: f"{t[0]}{PASTE_END}{t[1]}{t[2]}"
    ),
)


def keys_of(step: Step) -> list[str]:
    """The tmux key arguments for a step (literal characters one per argument)."""
    if step.kind in ("text",):
        return [" " if c == " " else c for c in step.value]
    if step.kind == "token":
        return [*step.value, " "] if step.value != "\\" else ["\\"]
    if step.kind == "enter":
        return ["Enter"]
    if step.kind == "chord":
        return [step.value, step.arg]
    if step.kind == "key":
        return [step.value]
    raise AssertionError(step)
