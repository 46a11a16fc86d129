"""Bibliography entries, with subsequent-author-substitute.

When an entry's first names (or what substitutes for them) match the previous entry's,
``subsequent-author-substitute`` replaces them: ``complete-all`` (the default) replaces
the whole list when every name matches, ``complete-each`` replaces each name,
``partial-each`` replaces each name of a matching leading run, ``partial-first`` only
the first name when it matches.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from coprodcite.render.csl.rich import Out, leaf

if TYPE_CHECKING:
    from coprodcite.render.csl.processor import Engine

__all__ = ["substitute_authors"]


def substitute_authors(engine: Engine, entries: list[Out | None]) -> None:
    bibliography = engine.style.bibliography
    if bibliography is None:
        return
    text = bibliography.options.get("subsequent-author-substitute")
    if text is None:
        return
    rule = bibliography.options.get("subsequent-author-substitute-rule", "complete-all")
    previous: list[str] | None = None
    previous_whole: str | None = None
    for entry in entries:
        if entry is None:
            previous = None
            continue
        names = next(entry.find("names"), None)
        if names is None:
            previous = previous_whole = None
            continue
        each = [engine.write(n, "text") for n in names.find("name")]
        lists = list(names.find("name-list"))  # the names without their label
        whole = "\n".join(engine.write(n, "text") for n in lists or [names])
        if previous is not None:
            _apply(names, each, whole, previous, previous_whole, rule, text)
        previous, previous_whole = each, whole


def _apply(
    names: Out,
    each: list[str],
    whole: str,
    previous: list[str],
    previous_whole: str | None,
    rule: str,
    text: str,
) -> None:
    if rule == "complete-all":
        if whole == previous_whole and each == previous:
            _replace_all(names, text)
        return
    name_nodes = list(names.find("name"))
    if rule == "complete-each":
        if whole == previous_whole and each == previous:
            for node in name_nodes:
                _replace(node, text)
        return
    if rule == "partial-first":
        if each and previous and each[0] == previous[0]:
            _replace(name_nodes[0], text)
        return
    if rule == "partial-each":
        for node, mine, theirs in zip(name_nodes, each, previous, strict=False):
            if mine != theirs:
                break
            _replace(node, text)


def _replace_all(names: Out, text: str) -> None:
    """Replace the name list (keeping the label and affixes of cs:names)."""
    lists = list(names.find("name-list"))
    if not lists:
        names.children = [leaf(text)] if text else []
        names.text = None
        return
    for index, node in enumerate(lists):
        node.children = [leaf(text)] if text and index == 0 else []
        node.text = None


def _replace(node: Out, text: str) -> None:
    node.children = [leaf(text)] if text else []
    node.text = None
