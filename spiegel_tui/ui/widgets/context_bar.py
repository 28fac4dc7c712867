"""The context bar above the input line: what the next remark will be saved with.

Speaker and organisations stay until changed (people talk in turns); kind, star and
private apply to the next remark only. While a chord waits for its second key the
bar shows the choices instead, and it shows what a half-typed token would mean.
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.widget import Widget

from spiegel_tui.capture.tokens import Context, Vocabulary
from spiegel_tui.model import Kind, Meeting

KIND_STYLE = {
    Kind.NOTE: "context--note",
    Kind.POSITIVE: "context--positive",
    Kind.IMPROVEMENT: "context--improvement",
    Kind.WISH: "context--wish",
}


class ContextBar(Widget):
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "context--label",
        "context--value",
        "context--empty",
        "context--note",
        "context--positive",
        "context--improvement",
        "context--wish",
        "context--star",
        "context--private",
        "context--preview",
        "context--error",
        "context--prompt",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.context = Context()
        self.vocab = Vocabulary()
        self.prompt: Text | None = None
        self.preview: str | None = None
        self.error: str | None = None

    def show(
        self,
        context: Context,
        vocab: Vocabulary,
        *,
        preview: str | None = None,
        error: str | None = None,
    ) -> None:
        state = (context, vocab, preview, error, None)
        if state != (self.context, self.vocab, self.preview, self.error, self.prompt):
            self.context, self.vocab, self.preview, self.error = context, vocab, preview, error
            self.prompt = None
            self.refresh()

    def ask(self, prompt: Text) -> None:
        """Show the choices of a chord until :meth:`show` is called again."""
        self.prompt = prompt
        self.refresh()

    def render(self) -> Text:
        if self.prompt is not None:
            return self.prompt
        label, value, empty = (
            self.get_component_rich_style(n)
            for n in ("context--label", "context--value", "context--empty")
        )
        context, vocab = self.context, self.vocab
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append("Spreker ", label)
        person = vocab.person(context.participant)
        if person is None:
            text.append("—", empty)
        else:
            text.append(f"{vocab.number_of_person(person.key)} {person.pseudonym}", value)
            if person.label:
                text.append(f" ({person.label})", empty)
        text.append("  Org ", label)
        text.append(
            " ".join(context.organisations) or "—", value if context.organisations else empty
        )
        text.append("  ")
        text.append(context.kind.label, self.get_component_rich_style(KIND_STYLE[context.kind]))
        if context.starred:
            text.append("  ★ ster", self.get_component_rich_style("context--star"))
        if context.private:
            text.append("  ⊘ privé", self.get_component_rich_style("context--private"))
        if context.kind != Kind.NOTE or context.starred or context.private:
            # These reset after the remark; speaker and organisations stay.
            text.append(" (alleen deze)", empty)
        if self.error:
            text.append("  " + self.error, self.get_component_rich_style("context--error"))
        elif self.preview:
            text.append("  → " + self.preview, self.get_component_rich_style("context--preview"))
        return text


def chord_prompt(name: str, meeting: Meeting, target: str, key_style: Style) -> Text:
    """The choices after ctrl+n (speaker), ctrl+o (org) or ctrl+t (kind)."""
    text = Text(no_wrap=True, overflow="ellipsis")
    choices: list[tuple[str, str]]
    if name == "speaker":
        text.append(f"Spreker ({target}): ")
        choices = [(str(n), p.pseudonym) for n, p in enumerate(meeting.participants[:9], 1)]
        choices += [("0", "niemand"), ("n", "volgende")]
    elif name == "org":
        text.append(f"Organisatie erbij/eraf ({target}): ")
        choices = [(str(n), o.key) for n, o in enumerate(meeting.organisations[:9], 1)]
        choices.append(("0", "geen"))
    else:
        text.append(f"Soort ({target}): ")
        choices = [("p", "positief"), ("v", "verbeterpunt"), ("w", "wens"), ("n", "notitie")]
    for key, label in choices:
        text.append(key, key_style)
        text.append(f" {label}  ")
    text.append(" esc: terug")
    return text
