"""The outcome document as Markdown, to paste into an e-mail.

It must read well as plain text and render as the same document: a line the
participants wrote that happens to look like Markdown ("- nee", "1. eerst", "# 3")
is escaped so it stays text.
"""

from __future__ import annotations

import re

from spiegel_tui.export.samenkracht import Block, BlockKind, outcome_blocks
from spiegel_tui.model import Meeting

_HEADING_PREFIX = {
    BlockKind.TITLE: "# ",
    BlockKind.HEADING: "## ",
    BlockKind.SUBHEADING: "### ",
    BlockKind.MINOR_HEADING: "#### ",
}

# Line starts that would turn text into a heading, quote, list, rule, fence or HTML.
_BLOCK_START = re.compile(
    r"^(?:"
    r"#{1,6}(?:\s|$)"  # ATX heading
    r"|>"  # block quote
    r"|[-+*](?:\s|$)"  # bullet
    r"|([-*_=])(?:\s*\1)+\s*$"  # thematic break or setext underline
    r"|```|~~~"  # code fence
    r"|<[A-Za-z/!?]"  # HTML block
    r")"
)
_ORDERED = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")
# A hard line break: two trailing spaces survive in plain text, unlike a backslash.
_HARD_BREAK = "  \n"


def escape_line(line: str) -> str:
    """One line of text, safe to start a Markdown line with."""
    line = line.lstrip()  # four spaces of indent would make a code block
    if _BLOCK_START.match(line):
        return "\\" + line
    return _ORDERED.sub(r"\1\\\2", line, count=1)


def _text(text: str) -> list[str]:
    return [escape_line(line) for line in text.split("\n")]


def render_block(block: Block) -> str:
    prefix = _HEADING_PREFIX.get(block.kind)
    if prefix is not None:
        return prefix + " ".join(_text(block.text))
    lines = _text(block.text)
    if block.kind is BlockKind.BULLET:
        return "- " + (_HARD_BREAK + "  ").join(lines)
    return _HARD_BREAK.join(lines)


def render_markdown(meeting: Meeting, *, appendix: bool = False) -> str:
    chunks: list[str] = []
    previous: BlockKind | None = None
    for block in outcome_blocks(meeting, appendix=appendix):
        # Bullets of one list are written without a blank line between them.
        if chunks:
            tight = previous is BlockKind.BULLET and block.kind is BlockKind.BULLET
            # The compact block under the title is one paragraph of short lines.
            info = previous is BlockKind.INFO and block.kind is BlockKind.INFO
            chunks.append(_HARD_BREAK if info else "\n" if tight else "\n\n")
        chunks.append(render_block(block))
        previous = block.kind
    return "".join(chunks) + "\n"
