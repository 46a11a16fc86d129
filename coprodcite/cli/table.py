"""Rows of text for `list` and `people list`: tab-separated for scripts, or a table
for a terminal whose columns fit its width without starving the widest one.

A cell is one line: tabs, newlines and control characters in data become spaces
or go, so one row is always one line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from coprodcite.cli.common import clean, echo

_SPACE = re.compile(r"[\t\n\r\v\f\x85\u2028\u2029]+")
GAP = "  "
ELLIPSIS = "…"


def cell(value: object) -> str:
    """``value`` as one line of text without control characters."""
    text = "" if value is None else str(value)
    if text.isprintable():
        return text.strip()
    return clean(_SPACE.sub(" ", text)).strip()


def tsv_line(values: Sequence[object]) -> str:
    """One row, tab-separated (``cut -f`` and ``awk -F'\\t'`` read it)."""
    return "\t".join(cell(v) for v in values)


@dataclass(frozen=True)
class Column:
    header: str
    cap: int | None = None  # widest it may be; None: the flexible column
    minimum: int = 0  # for the flexible column: narrowest before others give way
    drop_order: int | None = None  # left out first (lowest) when the width is too small
    shrink: bool = True  # may narrow to what most of its cells need (else: its cap, or go)


def layout(columns: Sequence[Column], rows: Sequence[Sequence[str]], width: int) -> list[int]:
    """Widths of the columns (0: left out) for a table ``width`` cells wide.

    Each capped column is as wide as its widest cell, up to its cap, and the flexible
    one gets the rest. Where that leaves it less than its minimum, the capped columns
    that may shrink narrow to what nine in ten of their cells need (the rest are cut),
    then droppable columns go, lowest ``drop_order`` first.
    """
    sizes = [sorted(_cells(row[i]) for row in rows) or [0] for i in range(len(columns))]
    heads = [_cells(c.header) for c in columns]
    widest = [max(s[-1], h) for s, h in zip(sizes, heads, strict=True)]
    widths = [w if c.cap is None else min(w, c.cap) for w, c in zip(widest, columns, strict=True)]
    flex = next(i for i, c in enumerate(columns) if c.cap is None)
    wanted = min(columns[flex].minimum, widest[flex])

    def room() -> int:
        shown = [w for i, w in enumerate(widths) if i != flex and w]
        return width - sum(shown) - len(GAP) * len(shown)

    if room() < wanted:
        for i, c in enumerate(columns):
            if c.cap is not None and c.shrink:
                typical = sizes[i][-(-len(sizes[i]) * 9 // 10) - 1]  # nine in ten fit
                widths[i] = min(widths[i], max(typical, heads[i]))
    droppable = sorted((c.drop_order, i) for i, c in enumerate(columns) if c.drop_order is not None)
    while room() < wanted and droppable:
        widths[droppable.pop(0)[1]] = 0
    widths[flex] = max(1, min(widest[flex], room()))
    return widths


def table_lines(
    columns: Sequence[Column], rows: Sequence[Sequence[str]], width: int
) -> tuple[str, list[str]]:
    """The header and the rows of a table ``width`` cells wide (see :func:`layout`):
    one line per row, a cell too long for its column cut with an ellipsis."""
    cells = [[cell(v) for v in row] for row in rows]
    widths = layout(columns, cells, width)
    shown = [i for i, w in enumerate(widths) if w]

    def line(values: Sequence[str]) -> str:
        return GAP.join([_fit(values[i], widths[i]) for i in shown]).rstrip()

    return line([c.header for c in columns]), [line(row) for row in cells]


def _cells(text: str) -> int:
    """How many terminal cells ``text`` takes (a CJK character takes two)."""
    if text.isascii():
        return len(text)
    from rich.cells import cell_len

    return cell_len(text)


def _fit(text: str, width: int) -> str:
    """``text`` padded or cut (with an ellipsis) to ``width`` cells."""
    if text.isascii():
        if len(text) <= width:
            return text.ljust(width)
        return text[: width - 1] + ELLIPSIS
    from rich.cells import cell_len, set_cell_size

    size = cell_len(text)
    if size <= width:
        return text + " " * (width - size)
    return set_cell_size(text, width - 1) + ELLIPSIS


def print_table(columns: Sequence[Column], rows: Sequence[Sequence[str]]) -> None:
    """A table as wide as the terminal, its header in bold."""
    import shutil

    from rich.console import Console
    from rich.text import Text

    header, lines = table_lines(columns, rows, shutil.get_terminal_size().columns)
    Console(markup=False, highlight=False, emoji=False).print(
        Text(header, style="bold"), soft_wrap=True
    )
    echo("\n".join(lines))
