"""Year-suffix disambiguation for the citeproc-py bridge (citeproc-py does none).

When a style's citation says ``disambiguate-add-year-suffix="true"``, items whose first
citations would read the same get year-suffixes ``a``, ``b``, ... in bibliography order
(the suffix is written by :mod:`coprodcite.render.citeproc_py.fixes`). Other methods (added
names and given names) are not done, so a suffix may appear where citeproc-js would add
a name instead.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from string import ascii_lowercase
from typing import Any


def add_year_suffixes(
    style: Any, items: Iterable[Any], render_alone: Callable[[str], str | None]
) -> None:
    """Give ``items`` (citeproc-py CitationItems in bibliography order) year-suffixes
    where ``render_alone(key)`` (a first citation of that item alone) is the same."""
    citation = style.root.citation
    if citation is None or citation.get("disambiguate-add-year-suffix", "").lower() != "true":
        return
    rough: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for item in items:  # only items sharing first name and year can render the same
        rough[_rough_key(item.reference)].append(item)
    for group in (g for g in rough.values() if len(g) > 1):
        same: dict[str, list[Any]] = defaultdict(list)
        for item in group:
            text = render_alone(item.key)
            if text:
                same[text].append(item)
        for twins in (t for t in same.values() if len(t) > 1):
            for n, item in enumerate(twins):
                item.reference["year_suffix"] = suffix(n)


def suffix(n: int) -> str:
    """``a`` .. ``z``, then ``aa``, ``ab`` ... (as citeproc-js numbers them)."""
    letters = ""
    n += 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = ascii_lowercase[rest] + letters
    return letters


def _rough_key(reference: Any) -> tuple[str, str]:
    """First name's family name (or the title's start, which styles put in its place when
    there are no names) and year."""
    names = str(reference.get("title") or "")[:12]
    for role in ("author", "editor", "translator"):
        people = reference.get(role) or []
        if people:
            first = people[0]
            names = str(first.get("family") or first.get("literal") or first.get("given") or "")
            break
    issued = reference.get("issued")
    year = str(getattr(issued, "year", "") or getattr(getattr(issued, "begin", None), "year", ""))
    return names.lower(), year
