"""Greedy word wrap into slices: the timeline's rows and the heard panel's lines."""

from __future__ import annotations

from rich.cells import get_character_cell_size


def wrap(text: str, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap into ``(start, end)`` slices of at most ``width`` cells.

    Words longer than a line are cut. Cheap enough to run over 10,000 remarks on a
    resize (pure ASCII takes a fast path).
    """
    width = max(1, width)
    simple = text.isascii()
    # No cell_len() on whole texts: Rich caches its answers, 0.8 MB at 10,000 remarks.
    if len(text) <= width and (simple or 2 * len(text) <= width):
        return [(0, len(text))]
    lines: list[tuple[int, int]] = []
    start, end_of_text = 0, len(text)
    while start < end_of_text:
        while start < end_of_text and text[start] == " ":
            start += 1
        if start >= end_of_text:
            break
        if simple:
            end = min(start + width, end_of_text)
        else:
            end, cells = start, 0
            while end < end_of_text:
                size = get_character_cell_size(text[end])
                if cells + size > width:
                    break
                cells += size
                end += 1
            end = max(end, start + 1)
        if end >= end_of_text:
            stop = end_of_text
            while stop > start and text[stop - 1] == " ":
                stop -= 1
            lines.append((start, stop))
            break
        cut = end if text[end] == " " else text.rfind(" ", start, end)
        if cut <= start:
            cut = end
        stop = cut
        while stop > start and text[stop - 1] == " ":
            stop -= 1  # no trailing spaces: they would take the cursor row's colour
        lines.append((start, stop))
        start = cut
    return lines or [(0, 0)]
