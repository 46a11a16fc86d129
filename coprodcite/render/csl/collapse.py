"""Joining the cites of a cluster: cite grouping and collapsing (CSL 1.0.2).

* cite grouping (``cite-group-delimiter`` or a year collapse): cites whose names render
  the same form a group (neighbours only when the citation is not sorted), joined by
  ``cite-group-delimiter`` (default ``, ``);
* ``collapse="citation-number"``: runs of three or more consecutive numbers become a
  range (``[1]–[3]``);
* ``collapse="year"``: after the first cite of a group the names are left out
  (``Doe 2000, 2001``); ``year-suffix`` also leaves out a repeated year (``Doe 2000a,
  b``) and ``year-suffix-ranged`` makes ranges of three or more suffixes
  (``2000a–c``).

``year-suffix-delimiter`` (default: the cite-group-delimiter, else the layout's) joins
suffixes;
``after-collapse-delimiter`` (default: the layout's delimiter) follows a collapsed
group and a cite with a locator inside one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from coprodcite.render.csl.context import Cite
from coprodcite.render.csl.rich import Out, leaf

if TYPE_CHECKING:
    from coprodcite.render.csl.processor import Engine

__all__ = ["join_cites"]

_DASH = "\u2013"
_PUNCTUATION = ",.;:!?"
_YEAR_COLLAPSES = ("year", "year-suffix", "year-suffix-ranged")


@dataclass
class _Group:
    key: str | None
    cites: list[tuple[Cite, Out]] = field(default_factory=list)


@dataclass
class _Delims:
    layout: str
    group: str
    after: str
    suffix: str
    explicit: bool  # the style gives cite-group-delimiter


def join_cites(engine: Engine, rendered: list[tuple[Cite, Out]]) -> Out | None:
    """The cites of one cluster, grouped, collapsed and delimited."""
    options = engine.style.citation.options
    layout = engine.style.citation.layout.fmt.delimiter
    delims = _Delims(
        layout,
        options.get("cite-group-delimiter", ", "),
        options.get("after-collapse-delimiter", layout),
        options.get("year-suffix-delimiter", options.get("cite-group-delimiter", layout)),
        "cite-group-delimiter" in options,
    )
    collapse = options.get("collapse")
    if collapse == "citation-number":
        return _numbers(rendered, delims)
    if collapse not in _YEAR_COLLAPSES and "cite-group-delimiter" not in options:
        return _join_cites(rendered, layout)
    pieces: list[Out] = []
    previous: _Group | None = None
    for group in _group(engine, rendered):
        body = _render_group(engine, group, collapse, delims)
        if body is None:
            continue
        if previous is not None:
            collapsed = collapse in _YEAR_COLLAPSES and len(previous.cites) > 1
            pieces.append(leaf(delims.after if collapsed else layout))
        pieces.append(body)
        previous = group
    return Out(pieces) if pieces else None


def _join(outs: list[Out], delimiter: str) -> Out | None:
    pieces: list[Out] = []
    for out in outs:
        if out.is_empty():
            continue
        if pieces and delimiter:
            pieces.append(leaf(delimiter))
        pieces.append(out)
    return Out(pieces) if pieces else None


def _join_cites(rendered: list[tuple[Cite, Out]], delimiter: str) -> Out | None:
    """Cites joined by the layout's delimiter, which gives way to a cite prefix that
    opens with punctuation and keeps only its space after a suffix that closes with
    punctuation (``Smith, Book is one source, Jones``)."""
    pieces: list[Out] = []
    previous: Cite | None = None
    for cite, out in rendered:
        if out.is_empty():
            continue
        if previous is not None:
            between = _between(previous, cite, delimiter)
            if between:
                pieces.append(leaf(between))
        pieces.append(out)
        previous = cite
    return Out(pieces) if pieces else None


def _between(previous: Cite, cite: Cite, delimiter: str) -> str:
    if cite.prefix and cite.prefix[0] in _PUNCTUATION:
        return ""
    if previous.suffix and previous.suffix.rstrip()[-1:] in _PUNCTUATION:
        return delimiter[len(delimiter.rstrip()) :]
    return delimiter


# -- grouping --------------------------------------------------------------------------


def _names_key(engine: Engine, out: Out) -> str | None:
    names = next(out.find("names"), None)
    if names is None:
        return ""
    return engine.write(names, "text")


def _group(engine: Engine, rendered: list[tuple[Cite, Out]]) -> list[_Group]:
    """Cites with the same names, in groups. When the citation is sorted, a cite joins
    the first group with its names; else only its neighbour's (a cite with a prefix, or
    after one with a suffix, starts a new group)."""
    sorted_ = engine.style.citation.sort is not None
    groups: list[_Group] = []
    by_key: dict[str, _Group] = {}
    for cite, out in rendered:
        key = _names_key(engine, out)
        last = groups[-1] if groups else None
        target = by_key.get(key) if sorted_ and key is not None else last
        if (
            target is not None
            and key is not None
            and target.key == key
            and not cite.prefix
            and not target.cites[-1][0].suffix
        ):
            target.cites.append((cite, out))
            continue
        groups.append(_Group(key, [(cite, out)]))
        if key is not None:
            by_key.setdefault(key, groups[-1])
    return groups


def _render_group(engine: Engine, group: _Group, collapse: str | None, delims: _Delims) -> Out:
    if len(group.cites) == 1:
        return group.cites[0][1]
    if collapse not in _YEAR_COLLAPSES:
        return _join([out for _, out in group.cites], delims.group) or Out()
    runs = _year_runs(engine, group, collapse)
    pieces: list[Out] = []
    for index, run in enumerate(runs):
        if index:
            pieces.append(leaf(_run_delimiter(runs[index - 1], run, delims)))
        pieces.append(_render_run(run, collapse == "year-suffix-ranged", delims.suffix))
    return Out(pieces)


def _run_delimiter(previous: _Run, run: _Run, delims: _Delims) -> str:
    """The delimiter between two cites of a collapsed group: after-collapse-delimiter
    after a cite with a locator; else cite-group-delimiter when given; else, as
    citeproc-js does, the layout's delimiter after collapsed suffixes or between cites
    without a year, and ", " between cites with years (``Doe 2000a, 2000b, 2001``)."""
    if previous.cites[-1].locator is not None:
        return delims.after
    if delims.explicit:
        return delims.group
    if len(previous.outs) > 1 or (previous.year is None and run.year is None):
        return delims.layout
    return delims.group


# -- year and year-suffix collapsing ---------------------------------------------------


@dataclass
class _Run:
    """Cites of one group with the same year: the first in full, then suffixes."""

    year: str | None
    cites: list[Cite]
    outs: list[Out]
    numbers: list[int | None]


def _year_runs(engine: Engine, group: _Group, collapse: str) -> list[_Run]:
    runs: list[_Run] = []
    for index, (cite, out) in enumerate(group.cites):
        trimmed = out if index == 0 else _without_names(out)
        if trimmed.is_empty():
            continue
        year = _year_text(engine, trimmed)
        suffix = next(trimmed.find("year-suffix"), None)
        number = suffix.data if suffix is not None and isinstance(suffix.data, int) else None
        last = runs[-1] if runs else None
        if (
            collapse != "year"
            and last is not None
            and suffix is not None
            and year is not None
            and year == last.year
            and last.numbers[-1] is not None
            and not cite.locator
            and not last.cites[-1].locator
        ):
            last.cites.append(cite)
            last.outs.append(suffix.copy())
            last.numbers.append(number)
            continue
        runs.append(_Run(year, [cite], [trimmed], [number]))
    return runs


def _render_run(run: _Run, ranged: bool, delimiter: str) -> Out:
    if len(run.outs) == 1:
        return run.outs[0]
    spans: list[list[int]] = [[0]]
    for i in range(1, len(run.outs)):
        previous, number = run.numbers[i - 1], run.numbers[i]
        if ranged and previous is not None and number == previous + 1:
            spans[-1].append(i)
        else:
            spans.append([i])
    pieces: list[Out] = []
    for span_ in spans:
        if pieces:
            pieces.append(leaf(delimiter))
        if len(span_) >= 3:
            pieces += [run.outs[span_[0]], leaf(_DASH), run.outs[span_[-1]]]
        else:
            for n, i in enumerate(span_):
                if n:
                    pieces.append(leaf(delimiter))
                pieces.append(run.outs[i])
    return Out(pieces)


def _year_text(engine: Engine, out: Out) -> str | None:
    date = next(out.find("date"), None)
    if date is None:
        return None
    copy = date.copy()
    for node in list(copy.find("year-suffix")):
        node.text = ""
        node.children = []
    return engine.write(copy, "text")


def _without_names(out: Out) -> Out:
    copy = out.copy()
    names = next(copy.find("names"), None)
    if names is not None:
        names.children = []
        names.text = None
    return copy


# -- citation numbers ------------------------------------------------------------------


def _numbers(rendered: list[tuple[Cite, Out]], delims: _Delims) -> Out | None:
    runs: list[list[tuple[int | None, Out]]] = []
    for cite, out in rendered:
        number = _only_number(out, cite)
        previous = runs[-1][-1][0] if runs else None
        if number is not None and previous is not None and number == previous + 1:
            runs[-1].append((number, out))
        else:
            runs.append([(number, out)])
    pieces: list[Out] = []
    previous_collapsed = False
    for run in runs:
        if pieces:
            pieces.append(leaf(delims.after if previous_collapsed else delims.layout))
        if len(run) >= 3:
            pieces += [run[0][1], leaf(_DASH), run[-1][1]]
            previous_collapsed = True
            continue
        for i, (_, out) in enumerate(run):
            if i:
                pieces.append(leaf(delims.layout))
            pieces.append(out)
        previous_collapsed = False
    return Out(pieces) if pieces else None


def _only_number(out: Out, cite: Cite) -> int | None:
    """The citation number of a cite that renders as nothing but its number."""
    if cite.locator or cite.prefix or cite.suffix:
        return None
    numbers = list(out.find("citation-number"))
    if len(numbers) != 1:
        return None
    data = numbers[0].data
    return data if isinstance(data, int) else None
