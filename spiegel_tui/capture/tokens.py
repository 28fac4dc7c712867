"""Inline tokens at the start of a capture line: ``@2 #vt + * tekst``.

The note-taker sets the context of a remark without leaving the input line by
starting it with tokens, each followed by a space:

====================  =========================================================
``@2`` ``@p2``        speaker: number in the setup list, key, or the start of a
``@marieke``          pseudonym or local name; ``@0`` / ``@-`` nobody
``#vt`` ``#1``        the organisations the remark is about (key, number or
``#vt #rvdk``         start of the name): a run of them replaces the previous
                      ones, since people move on to another organisation;
                      ``#-`` / ``#0`` none
``+`` ``!`` ``?``     positive, improvement, wish (again: back to note)
``.``                 note
``*``                 star on/off
``%`` ``~``           private on/off
``\\``                 everything after it is text (``\\#1 is ...``)
====================  =========================================================

Flag tokens combine (``+*``). Only the start of the line counts: ``#`` or ``?``
later in a sentence is text. Pure Python, no Textual: the capture screen, the
edit dialog and the filter bar all use it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spiegel_tui.model import Kind, Meeting

FLAG_CHARS = frozenset("+!?.*%~")
KIND_TOKENS: dict[str, Kind] = {
    "+": Kind.POSITIVE,
    "!": Kind.IMPROVEMENT,
    "?": Kind.WISH,
    ".": Kind.NOTE,
}
KIND_SIGNS: dict[Kind, str] = {kind: sign for sign, kind in KIND_TOKENS.items()}
ESCAPE = "\\"
NOBODY = ("0", "-")


@dataclass(frozen=True)
class Person:
    key: str
    pseudonym: str
    label: str = ""
    present: bool = True


@dataclass(frozen=True)
class Org:
    key: str
    name: str


@dataclass(frozen=True)
class Vocabulary:
    """The names tokens can refer to, in setup order (numbers are 1-based)."""

    people: tuple[Person, ...] = ()
    orgs: tuple[Org, ...] = ()

    @classmethod
    def from_meeting(cls, meeting: Meeting) -> Vocabulary:
        return cls(
            people=tuple(
                Person(p.key, p.pseudonym, p.label, p.present) for p in meeting.participants
            ),
            orgs=tuple(Org(o.key, o.name) for o in meeting.organisations),
        )

    def person(self, key: str | None) -> Person | None:
        return next((p for p in self.people if p.key == key), None)

    def number_of_person(self, key: str | None) -> int:
        return next((i for i, p in enumerate(self.people, 1) if p.key == key), 0)

    def number_of_org(self, key: str) -> int:
        return next((i for i, o in enumerate(self.orgs, 1) if o.key == key), 0)


@dataclass(frozen=True)
class Context:
    """Who is speaking, about which organisations, and how the remark is tagged."""

    participant: str | None = None
    organisations: tuple[str, ...] = ()
    kind: Kind = Kind.NOTE
    starred: bool = False
    private: bool = False

    def next_remark(self) -> Context:
        """After a remark: speaker and organisations stay, the tags reset."""
        return Context(self.participant, self.organisations)

    def toggle_org(self, key: str, orgs_in_order: tuple[str, ...] = ()) -> Context:
        chosen = set(self.organisations) ^ {key}
        order = orgs_in_order or tuple(sorted(chosen))
        return replace(self, organisations=tuple(k for k in order if k in chosen))

    def with_kind(self, kind: Kind) -> Context:
        """Choosing the kind a remark already has turns it back into a note."""
        return replace(self, kind=Kind.NOTE if kind == self.kind else kind)


# Operations a line asks for -------------------------------------------------


@dataclass(frozen=True)
class SetParticipant:
    key: str | None


@dataclass(frozen=True)
class SetOrg:
    """One organisation of a run: the first of a run replaces, the next ones add."""

    key: str


@dataclass(frozen=True)
class ClearOrgs:
    pass


@dataclass(frozen=True)
class SetKind:
    kind: Kind


@dataclass(frozen=True)
class ToggleStar:
    pass


@dataclass(frozen=True)
class TogglePrivate:
    pass


Op = SetParticipant | SetOrg | ClearOrgs | SetKind | ToggleStar | TogglePrivate


@dataclass(frozen=True)
class Parsed:
    ops: tuple[Op, ...] = ()
    #: The remark text after the tokens (with a leading escape removed).
    text: str = ""
    #: How many characters of the line the tokens (and their spaces) took.
    consumed: int = 0
    #: A Dutch message about the first token that could not be understood.
    error: str | None = None
    #: While typing: what the unfinished last token would mean ("@ma → Ouder 1").
    preview: str | None = None


def parse(line: str, vocab: Vocabulary, *, final: bool = True) -> Parsed:
    """Split ``line`` into leading tokens and remark text.

    With ``final=False`` (while typing) a token is only taken once a space follows
    it, so ``@1`` is not mistaken for ``@12`` half-typed, and an escape stays in the
    line. Unknown ``@``/``#`` tokens stop the parse and are reported in ``error``;
    they stay part of the text.
    """
    ops: list[Op] = []
    pos = 0
    while True:
        start = _skip_space(line, pos)
        rest = start if ops else 0
        if start >= len(line):
            return Parsed(tuple(ops), "", rest)
        end = start
        while end < len(line) and not line[end].isspace():
            end += 1
        word = line[start:end]
        if word.startswith(ESCAPE):
            return Parsed(tuple(ops), line[start + 1 :].strip(), rest)
        word_ops, error = _word_ops(word, vocab)
        if end == len(line) and not final:
            preview = _describe(word_ops, vocab) if word_ops else None
            return Parsed(tuple(ops), line[start:].strip(), rest, preview=preview)
        if word_ops is None:
            return Parsed(tuple(ops), line[start:].strip(), rest, error=error)
        ops.extend(word_ops)
        pos = end


def _skip_space(line: str, pos: int) -> int:
    while pos < len(line) and line[pos].isspace():
        pos += 1
    return pos


def _word_ops(word: str, vocab: Vocabulary) -> tuple[list[Op] | None, str | None]:
    """The operations of one word; (None, None) when the word is ordinary text."""
    if word[0] == "@" and len(word) > 1:
        key, error = _find_person(word[1:], vocab)
        return ([SetParticipant(key)], None) if error is None else (None, error)
    if word[0] == "#" and len(word) > 1:
        name = word[1:]
        if name in NOBODY:
            return [ClearOrgs()], None
        org, error = _find_org(name, vocab)
        return ([SetOrg(org)], None) if org is not None else (None, error)
    # "." only on its own, so a line may start with an ellipsis.
    if word == "." or (set(word) <= FLAG_CHARS and "." not in word):
        ops: list[Op] = []
        for char in word:
            if char in KIND_TOKENS:
                ops.append(SetKind(KIND_TOKENS[char]))
            elif char == "*":
                ops.append(ToggleStar())
            else:
                ops.append(TogglePrivate())
        return ops, None
    return None, None


def _squash(text: str) -> str:
    return "".join(text.split()).casefold()


def _find_person(name: str, vocab: Vocabulary) -> tuple[str | None, str | None]:
    if name in NOBODY:
        return None, None
    if name.isdigit():
        number = int(name)
        if 1 <= number <= len(vocab.people):
            return vocab.people[number - 1].key, None
        return None, f"Er is geen deelnemer {number} (1-{len(vocab.people)}, 0 = niemand)."
    wanted = name.casefold()
    for person in vocab.people:
        if person.key.casefold() == wanted:
            return person.key, None
    hits = [
        p
        for p in vocab.people
        if any(_squash(n).startswith(wanted) for n in (p.pseudonym, p.label) if n)
    ]
    exact = [p for p in hits if wanted in (_squash(p.pseudonym), _squash(p.label))]
    if len(exact) == 1 or len(hits) == 1:
        return (exact or hits)[0].key, None
    if hits:
        names = ", ".join(p.pseudonym for p in hits[:4])
        return None, f"@{name} past bij meerdere deelnemers: {names}."
    return None, f"Onbekende deelnemer @{name}. Typ \\ vooraan om @ letterlijk te houden."


def _find_org(name: str, vocab: Vocabulary) -> tuple[str | None, str | None]:
    if name.isdigit():
        number = int(name)
        if 1 <= number <= len(vocab.orgs):
            return vocab.orgs[number - 1].key, None
        return None, f"Er is geen organisatie {number} (1-{len(vocab.orgs)})."
    wanted = name.casefold()
    for org in vocab.orgs:
        if org.key.casefold() == wanted:
            return org.key, None
    hits = [
        o
        for o in vocab.orgs
        if _squash(o.name).startswith(wanted) or o.key.casefold().startswith(wanted)
    ]
    if len(hits) == 1:
        return hits[0].key, None
    if hits:
        return None, f"#{name} past bij meerdere organisaties: {', '.join(o.key for o in hits)}."
    return None, f"Onbekende organisatie #{name}. Typ \\ vooraan om # letterlijk te houden."


def _describe(ops: list[Op], vocab: Vocabulary) -> str:
    parts = []
    for op in ops:
        if isinstance(op, SetParticipant):
            person = vocab.person(op.key)
            parts.append(person.pseudonym if person else "niemand")
        elif isinstance(op, SetOrg):
            parts.append(op.key)
        elif isinstance(op, ClearOrgs):
            parts.append("geen organisaties")
        elif isinstance(op, SetKind):
            parts.append(op.kind.label)
        elif isinstance(op, ToggleStar):
            parts.append("ster")
        else:
            parts.append("privé")
    return ", ".join(parts)


def apply(
    ops: tuple[Op, ...] | list[Op],
    context: Context,
    vocab: Vocabulary,
    *,
    in_org_run: bool = False,
) -> Context:
    """The context after the operations, in order.

    ``in_org_run``: the tokens before these (taken earlier from the same line)
    ended with an organisation, so a leading ``#`` adds to them instead of
    replacing them (``#vt `` then ``#rvdk `` typed one after the other).
    """
    order = tuple(o.key for o in vocab.orgs)
    run = in_org_run
    for op in ops:
        if not isinstance(op, SetOrg):
            run = False
        if isinstance(op, SetParticipant):
            context = replace(context, participant=op.key)
        elif isinstance(op, SetOrg):
            chosen = set(context.organisations) if run else set()
            chosen.add(op.key)
            context = replace(context, organisations=tuple(k for k in order if k in chosen))
            run = True
        elif isinstance(op, ClearOrgs):
            context = replace(context, organisations=())
        elif isinstance(op, SetKind):
            context = context.with_kind(op.kind)
        elif isinstance(op, ToggleStar):
            context = replace(context, starred=not context.starred)
        else:
            context = replace(context, private=not context.private)
    return context


def format_line(context: Context, text: str, vocab: Vocabulary) -> str:
    """A remark written back as tokens and text, for editing: ``@p2 #vt + * tekst``."""
    tokens: list[str] = []
    if context.participant:
        tokens.append(f"@{context.participant}")
    tokens.extend(f"#{key}" for key in context.organisations)
    if context.kind != Kind.NOTE:
        tokens.append(KIND_SIGNS[context.kind])
    if context.starred:
        tokens.append("*")
    if context.private:
        tokens.append("%")
    if text:
        check = parse(text, vocab)
        if check.consumed or check.error or text.startswith(ESCAPE):
            # Text that itself starts like a token must stay text.
            text = ESCAPE + text
    return " ".join([*tokens, text]) if text else " ".join(tokens)
