"""Stray punctuation at the start of an output dropped (a careful editor's rule).

CSL writes an element's affixes and a group's delimiters only between or around what
renders, but a style's prefix such as ``", doi: "`` or ``". "`` assumes that something
(an author, a title) was written before it. When that is missing, the entry (or the
``right-inline`` block of ``second-field-align``) would begin with the bare mark:
``[1] , doi: 10.1/x.``. No bibliography fixture of the CSL test suite starts an entry
or a block with ``,``, ``;``, ``:`` or ``. ``, so dropping such a leading mark of an
affix, or a text that is nothing but that mark, changes nothing the suite checks there
(one citation fixture, number_PreserveDelimiter, keeps a leading ``. ``: citations are
left alone).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coprodcite.render.csl.output import Run

__all__ = ["trim_leading"]

_RIGHT_INLINE = "d:right-inline"
# a text that is only a mark (a style's ``<text value=","/>``) is stray at the start too
_LONE_MARKS = (",", ";", ":", ".")


def trim_leading(runs: list[Run]) -> None:
    """Drop a leading ``,``/``;``/``:`` (or ``.`` before a space) of an affix or a lone
    mark, and the spaces after it, where an entry and each ``right-inline`` block start;
    in place."""
    for i, run in enumerate(runs):
        starts_block = _RIGHT_INLINE in run.styles and (
            i == 0 or _RIGHT_INLINE not in runs[i - 1].styles
        )
        if i == 0 or starts_block:
            _trim_from(runs, i, _RIGHT_INLINE if starts_block else None)


def _trim_from(runs: list[Run], start: int, block: str | None) -> None:
    """Trim the first affix with text from ``start`` on (within ``block``, if given)."""
    for i in range(start, len(runs)):
        run = runs[i]
        if block is not None and block not in run.styles:
            return
        if not run.text.strip():
            continue
        if run.kind != "a" and run.text.strip() not in _LONE_MARKS:
            return
        body = run.text.lstrip(" ")
        lead = run.text[: len(run.text) - len(body)]
        if body[:1] in (",", ";", ":") or (body[:1] == "." and body[1:2] in (" ", "")):
            rest = body[1:].lstrip(" ")
            run.text = lead + rest
            if not rest:
                _strip_spaces(runs, i + 1, block)
        return


def _strip_spaces(runs: list[Run], start: int, block: str | None) -> None:
    """The spaces that followed a dropped mark, up to the next text."""
    for run in runs[start:]:
        if block is not None and block not in run.styles:
            return
        run.text = run.text.lstrip(" ")
        if run.text:
            return
