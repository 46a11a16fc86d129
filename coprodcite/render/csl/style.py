"""A CSL style parsed once into frozen :class:`Node` trees.

Each element becomes a :class:`Node` (its CSL name, attributes, children and the
:class:`~.rich.Formatting` its attributes give); macros are indexed by name; the
inheritable name options of ``cs:style``, ``cs:citation`` and ``cs:bibliography`` are
kept per context so that ``cs:names`` and ``cs:name`` can resolve them. The parsed style
is immutable, so one parse serves any number of renders, threads included.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from coprodcite.render.csl.rich import PLAIN, Formatting, formatting_of

__all__ = ["NAME_OPTIONS", "Features", "Node", "Style", "parse_style"]

CSL_NS = "{http://purl.org/net/xbiblio/csl}"

# attributes of cs:name and cs:names that cs:style, cs:citation and cs:bibliography set
NAME_OPTIONS = (
    "and",
    "delimiter-precedes-et-al",
    "delimiter-precedes-last",
    "et-al-min",
    "et-al-use-first",
    "et-al-use-last",
    "et-al-subsequent-min",
    "et-al-subsequent-use-first",
    "initialize",
    "initialize-with",
    "name-as-sort-order",
    "sort-separator",
    "name-form",
    "name-delimiter",
    "names-delimiter",
)


@dataclass(frozen=True, slots=True, eq=False)
class Node:
    """One element of a style."""

    name: str
    attrs: dict[str, str]
    children: tuple[Node, ...] = ()
    fmt: Formatting = PLAIN
    text: str = ""  # text content (terms in cs:locale, never in layout)
    #: what the evaluator derives from the node once (compiled tests...), by name
    memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def get(self, attr: str, default: str | None = None) -> str | None:
        return self.attrs.get(attr, default)

    def child(self, name: str) -> Node | None:
        for child in self.children:
            if child.name == name:
                return child
        return None

    def all(self, name: str) -> list[Node]:
        return [child for child in self.children if child.name == name]


@dataclass(frozen=True, slots=True, eq=False)
class Context:
    """cs:citation or cs:bibliography: its layout, sort and options."""

    layout: Node
    sort: Node | None
    options: dict[str, str]  # the element's own attributes, style's inherited ones merged


@dataclass(frozen=True, slots=True)
class Features:
    """What the registry needs to know of a whole style, read from the parsed tree
    (never from the XML text, so quoting and comments make no difference)."""

    #: conditions testing ``disambiguate="true"`` (CSL 1.0.2, Choose: the registry sets
    #: them true one at a time while cites stay ambiguous, as citeproc-js does)
    disambiguate_tests: int = 0
    #: the style tests a cite's ``position`` somewhere
    tests_position: bool = False
    #: ``cs:text variable="year-suffix"`` appears (CSL 1.0.2, Disambiguation: otherwise
    #: the suffix follows the first year rendered through ``cs:date``)
    renders_year_suffix: bool = False


def _features(tree: Node) -> Features:
    disambiguate, position, year_suffix = 0, False, False
    stack = [tree]
    while stack:
        node = stack.pop()
        stack.extend(node.children)
        if node.name in ("if", "else-if"):
            disambiguate += node.attrs.get("disambiguate") == "true"
            position = position or "position" in node.attrs
        elif node.name == "text" and node.attrs.get("variable") == "year-suffix":
            year_suffix = True
    return Features(disambiguate, position, year_suffix)


@dataclass(frozen=True, slots=True, eq=False)
class Style:
    attrs: dict[str, str]
    macros: dict[str, Node]
    citation: Context
    bibliography: Context | None
    locales: tuple[Node, ...]  # cs:locale elements, in document order
    features: Features = field(default_factory=lambda: Features())
    #: what is derived from the style once (its merged locales, by language)
    memo: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def default_locale(self) -> str | None:
        return self.attrs.get("default-locale")

    @property
    def is_note(self) -> bool:
        return self.attrs.get("class") == "note"


def _convert(element: Any) -> Node:
    name = element.tag[len(CSL_NS) :] if element.tag.startswith(CSL_NS) else element.tag
    attrs = {str(k): str(v) for k, v in element.attrib.items() if isinstance(k, str)}
    children = tuple(_convert(child) for child in element if isinstance(child.tag, str))
    fmt = PLAIN
    if name in _FORMATTED:
        fmt = formatting_of(attrs, delimiter=name in _DELIMITED)
    return Node(name, attrs, children, fmt, (element.text or "") if not children else "")


_FORMATTED = {
    "text", "number", "label", "date", "date-part", "names", "name", "name-part", "et-al",
    "group", "layout",
}  # fmt: skip
_DELIMITED = {"group", "layout", "date", "names"}


def parse_style(xml: str | bytes) -> Style:
    """Parse CSL XML text (raises ``ValueError`` for a document that is not a style)."""
    from lxml import etree

    data = xml.encode("utf-8") if isinstance(xml, str) else xml
    parser = etree.XMLParser(remove_comments=True, remove_pis=True, resolve_entities=False)
    root = etree.fromstring(data, parser)
    tree = _convert(root)
    if tree.name != "style":
        raise ValueError("not a CSL style (the root element is not cs:style)")
    macros = {m.attrs.get("name", ""): m for m in tree.all("macro")}
    citation = tree.child("citation")
    if citation is None or citation.child("layout") is None:
        raise ValueError("the style has no cs:citation layout")
    bibliography = tree.child("bibliography")
    return Style(
        attrs=tree.attrs,
        macros=macros,
        citation=_context(citation, tree.attrs),
        bibliography=_context(bibliography, tree.attrs)
        if bibliography is not None and bibliography.child("layout") is not None
        else None,
        locales=tuple(tree.all("locale")),
        features=_features(tree),
    )


def _context(element: Node, style_attrs: dict[str, str]) -> Context:
    options = {k: v for k, v in style_attrs.items() if k in NAME_OPTIONS}
    options.update(element.attrs)
    layout = element.child("layout")
    assert layout is not None
    return Context(layout=layout, sort=element.child("sort"), options=options)
