"""coprodcite's subclasses of citeproc-py 0.11.1's CSL element classes (pinned exactly).

:func:`parse_style` parses a style (and its locales) with an lxml class lookup that maps
CSL tags to the subclasses here, falling back to citeproc-py's own classes; citeproc-py's
stock parsing (which builds its lookup from ``CitationStylesElement.__subclasses__()``,
direct subclasses only) is untouched. Every element proxy of a parsed tree is kept alive
by the tree's root, so state kept on elements (the caches below) survives.

Each fix is small and named (the CSL suite fixtures each one makes pass are in the
commit that added it; ``bench/bench_csl_suite.py`` counts them):

* caches: macros, ``calls_variable``, terms, locale dates and options, a layout's and a
  substitute's element, inherited name options (with the bridge's item look-ups: over
  3x faster on 1,000 APA items, output unchanged);
* ``Names`` without ``<name>`` gets a real ``cs:name`` element once, instead of a bare
  ``Name()`` added on every render (:mod:`coprodcite.render.citeproc_py.names`);
* text-case and strip-periods accept a plain ``str``, an ``int``, ``None`` and mixed
  strings with ``str`` parts (206 bundled styles raised on ordinary items);
* ``near-note-distance`` is read from ``<citation>`` (default 5; it raised KeyError);
* locale date-parts get their attributes back after a render (no mutation of trees);
* cites without a ``<sort>`` in the citation keep their order in the cluster, and cites
  the callback renders (unknown or failed items) keep their place;
* the implicit year-suffix after the first year (see :mod:`.disambiguate`);
* ``second-field-align``: left-margin and right-inline parts (a space in plain text,
  where citeproc-py wrote ``[1]A. Quill``);
* ``initialize="false"`` and hyphenated given names (``citeproc_names``);
* hooks (:data:`RENDER_HOOKS`) let the bridge watch the names a citation renders first
  and skip sorting, per thread, without patching citeproc-py's classes.
"""

from __future__ import annotations

import os
import warnings
from functools import cmp_to_key, lru_cache
from typing import Any

from citeproc import LANGUAGE_NAMES, LOCALES_PATH, PRIMARY_DIALECTS, SCHEMA_PATH, model
from citeproc.frontend import CitationStylesStyle, CitationStylesXML
from citeproc.model import VariableError
from lxml import etree

from coprodcite.render.citeproc_py import names as citeproc_names  # noqa: F401  (registers Name and Names)
from coprodcite.render.citeproc_py.base import (
    _FIXES,
    NS,
    RENDER_HOOKS,
    _Cached,
    _cached,
    _Cased,
    _fix,
)
from coprodcite.render.citeproc_py.output import MARKS


def _lookup() -> etree.ElementNamespaceClassLookup:
    lookup = etree.ElementNamespaceClassLookup()
    namespace = lookup.get_namespace(NS)
    namespace[None] = model.CitationStylesElement
    for cls in model.CitationStylesElement.__subclasses__():
        namespace[cls.__name__.replace("_", "-").lower()] = cls
    namespace.update(_FIXES)
    return lookup


@lru_cache(maxsize=1)
def _schema() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(SCHEMA_PATH))


def _parse(source: Any, validate: bool) -> Any:
    parser = etree.XMLParser(remove_comments=True, encoding="UTF-8", no_network=True)
    parser.set_element_class_lookup(_lookup())
    tree = etree.parse(source, parser)
    if validate and not _schema().validate(tree):
        warnings.warn(
            f"XML file didn't pass schema validation:\n{_schema().error_log}", stacklevel=3
        )
    root = tree.getroot()
    root._keep = list(root.iter())  # keep every proxy (and its cached state) alive
    return root


class _FixedXML(CitationStylesXML):  # type: ignore[misc]
    def __init__(self, f: Any, validate: bool = True) -> None:
        self.root = _parse(f, validate)
        self.xml = self.root.getroottree()


class FixedStyle(CitationStylesStyle, _FixedXML):  # type: ignore[misc]
    """A CitationStylesStyle whose tree (and locales) use the classes of this module."""


def parse_style(source: Any, locale: str | None, validate: bool) -> Any:
    """Parse a style (a path or a file object) as :class:`FixedStyle`."""
    return FixedStyle(source, locale=locale, validate=validate)  # type: ignore[call-arg]


def _set_year_suffix(layout: Any, item: Any) -> None:
    try:
        suffix = item.reference.get("year_suffix")
    except Exception:  # a cite without a reference (an unknown id)
        suffix = None
    if suffix and not _renders_year_suffix(layout.get_root()):
        RENDER_HOOKS.year_suffix = suffix


def _renders_year_suffix(root: Any) -> bool:
    found = root.__dict__.get("_explicit_year_suffix")
    if found is None:
        found = root._explicit_year_suffix = bool(
            root.xpath('.//cs:text[@variable="year-suffix"]', namespaces={"cs": NS})
        )
    return bool(found)


@_fix("style")
class Style(_Cached, model.Style):  # type: ignore[misc]
    def get_option(self, name: str) -> Any:
        if name == "near-note-distance":
            citation = self.find(f"{{{NS}}}citation")
            value = citation.get(name) if citation is not None else None
            return int(value) if value and value.strip().isdigit() else 5
        return super().get_option(name)

    def set_locale_list(self, output_locale: str, validate: bool = True) -> None:
        """citeproc-py's locale list, with the locale files parsed by this module."""
        self.locales = []
        added: set[str] = set()
        language = output_locale.split("-")[0]
        for wanted in (output_locale, language, None):
            expr = f'./cs:locale[@xml:lang="{wanted}"]' if wanted else "./cs:locale[not(@xml:lang)]"
            self.locales += self.xpath_search(expr)[:1]
        files = [output_locale] if output_locale in LANGUAGE_NAMES else []
        files += [PRIMARY_DIALECTS[language]] if language in PRIMARY_DIALECTS else []
        for name in [*files, "en-US"]:
            if name not in added:
                added.add(name)
                path = os.path.join(LOCALES_PATH, f"locales-{name}.xml")
                try:
                    self.locales.append(_parse(path, validate))
                except OSError:
                    raise ValueError(f"'{name}' is not a known locale") from None
        for locale in self.locales:
            locale.style = self


@_fix("locale")
class Locale(model.Locale):  # type: ignore[misc]
    def get_term(self, name: str, form: str | None = None, zero_padded: bool = False) -> Any:
        def find() -> Any:
            try:
                return super(Locale, self).get_term(name, form, zero_padded)
            except IndexError:
                return None

        term = _cached(self, "_terms", (name, form, zero_padded), find)
        if term is None:
            raise IndexError(name)
        return term

    def get_date(self, form: str) -> Any:
        return _or_index_error(
            _cached(self, "_dates", form, lambda: _first(super(Locale, self).get_date, form))
        )

    def get_option(self, name: str) -> Any:
        return _or_index_error(
            _cached(self, "_options", name, lambda: _first(super(Locale, self).get_option, name))
        )


def _first(lookup: Any, key: str) -> Any:
    try:
        return lookup(key)
    except IndexError:
        return None


def _or_index_error(value: Any) -> Any:
    if value is None:
        raise IndexError
    return value


for _tag, _base in (("text", model.Text), ("number", model.Number)):
    _FIXES[_tag] = type(_base.__name__, (_Cased, _Cached, _base), {"__module__": __name__})


@_fix("label")
class Label(_Cased, _Cached, model.Label):  # type: ignore[misc]
    def case(self, text: Any, language: str | None = None) -> Any:
        """Stock, but a label is a term, in the language of the locale rendering it:
        ``text-case="title"`` applies in an English locale (APA's "(Eds.)"). Stock took
        a label's language as unknown and never title-cased it."""
        return super().case(text, language or _locale_language(self))


def _locale_language(element: Any) -> str | None:
    locales = getattr(element.get_root(), "locales", None) or []
    tag = locales[0].get("{http://www.w3.org/XML/1998/namespace}lang") if locales else None
    return tag.split("-")[0] if tag else None


@_fix("date-part")
class Date_Part(_Cased, _Cached, model.Date_Part):  # type: ignore[misc]
    def render(self, *args: Any, **kwargs: Any) -> Any:
        """Stock, but the locale's date-part gets its attributes back afterwards: citeproc-py
        merges the style's date-part attributes into it, which leaked into later renders."""
        saved = dict(self.attrib)
        try:
            return super().render(*args, **kwargs)
        finally:
            if dict(self.attrib) != saved:
                self.attrib.clear()
                self.attrib.update(saved)

    def process(self, date: Any, context: Any = None) -> Any:
        """Stock, and the year carries an implicit year-suffix (see :class:`Layout`)."""
        text = super().process(date, context)
        suffix = RENDER_HOOKS.year_suffix
        if suffix and text and self.get("name") == "year":
            RENDER_HOOKS.year_suffix = None
            text = f"{text}{suffix}"
        return text


@_fix("date")
class Date(_Cached, model.Date):  # type: ignore[misc]
    def is_locale_date(self) -> bool:
        return bool(_cached(self, "_locale_date", None, super().is_locale_date))


_FIXES["name-part"] = type(
    "Name_Part", (_Cased, _Cached, model.Name_Part), {"__module__": __name__}
)


class _TypeTest:
    """``<if type="...">`` with the listed types split once (it is tested very often)."""

    def _type(self, item: Any) -> list[bool]:
        types = self.__dict__.get("_types")
        if types is None:
            types = self._types = [t.lower() for t in self.get("type").split()]  # type: ignore[attr-defined]
        kind = item.reference.type
        return [t == kind for t in types]


_FIXES["if"] = type("If", (_TypeTest, _Cached, model.If), {"__module__": __name__})
_FIXES["else-if"] = type("Else_If", (_TypeTest, _Cached, model.Else_If), {"__module__": __name__})
for _tag, _base in (
    ("group", model.Group),
    ("choose", model.Choose),
    ("else", model.Else),
    ("macro", model.Macro),
    ("substitute", model.Substitute),
    ("et-al", model.Et_Al),
    ("citation", model.Citation),
    ("bibliography", model.Bibliography),
    ("key", model.Key),
):
    _FIXES[_tag] = type(_base.__name__, (_Cached, _base), {"__module__": __name__})


@_fix("sort")
class Sort(_Cached, model.Sort):  # type: ignore[misc]
    def sort(self, items: list[Any], context: Any) -> list[Any]:
        """citeproc-py's sort with each key normalised once per item instead of once per
        comparison (same order; it lower-cased and tried int() in every comparison)."""
        if RENDER_HOOKS.no_sort:
            return items
        descending, columns = [], []
        for key in self.findall("cs:key", self.nsmap):
            descending.append(key.get("sort", "ascending").lower() == "descending")
            columns.append([_sort_value(k) for k in key.sort_keys(items, context)])
        rows = list(zip(items, *columns, strict=True))

        def compare(left: tuple[Any, ...], right: tuple[Any, ...]) -> int:
            for n, desc in enumerate(descending, 1):
                a, b = left[n], right[n]
                if a is None or b is None:
                    if a is not None or b is not None:
                        return -1 if a is not None else 1
                    continue
                (a_text, a_int), (b_text, b_int) = a, b
                if a_int is not None and b_int is not None:
                    a_text, b_text = a_int, b_int
                result = (a_text > b_text) - (a_text < b_text)
                if result:
                    return -result if desc else result
            return 0

        return [row[0] for row in sorted(rows, key=cmp_to_key(compare))]


def _sort_value(key: Any) -> tuple[Any, int | None] | None:
    if key is None:
        return None
    if hasattr(key, "lower"):  # strings; dates give tuples
        key = str(key.lower())
    try:
        return key, int(str(key))
    except ValueError:
        return key, None


@_fix("layout")
class Layout(_Cached, model.Layout):  # type: ignore[misc]
    def render_children(self, item: Any, *args: Any, **kwargs: Any) -> Any:
        """Stock; an item's year-suffix goes after the first year rendered for it unless
        the style renders ``year-suffix`` itself (CSL 1.0.2, disambiguation)."""
        _set_year_suffix(self, item)
        try:
            return super().render_children(item, *args, **kwargs)
        finally:
            RENDER_HOOKS.year_suffix = None

    def render_bibliography(self, citation_items: list[Any]) -> list[Any]:
        """Stock, but with ``second-field-align`` the first field and the rest are marked
        (HTML: csl-left-margin and csl-right-inline divs; elsewhere one space between)."""
        if not self.getparent().get("second-field-align"):
            return list(super().render_bibliography(citation_items))
        output = []
        for item in citation_items:
            self.repressed: dict[str, Any] = {}
            _set_year_suffix(self, item)
            try:
                fields = self._fields(item)
            finally:
                RENDER_HOOKS.year_suffix = None
            if fields:
                (lm_open, lm_close), (ri_open, ri_close) = MARKS["lm"], MARKS["ri"]
                rest = self.wrap(model.join(fields[1:], "")) if fields[1:] else ""
                output.append(
                    self.format(f"{lm_open}{fields[0]}{lm_close}{ri_open}{rest}{ri_close}")
                )
        return output

    def _fields(self, item: Any) -> list[Any]:
        fields = []
        for child in self.iterchildren():
            try:
                text = (
                    child.render(item, delimiter="")
                    if isinstance(child, model.Choose)
                    else child.render(item)
                )
            except VariableError:
                continue
            if text is not None:
                fields.append(text)
        return fields

    def render_citation(self, citation: Any, callback: Any) -> Any:
        """Stock rendering, but cites keep their cluster order when the citation has no
        ``<sort>``, and cites rendered by ``callback`` keep their place."""
        parent = self.getparent()
        if parent.sort is not None:
            return super().render_citation(citation, callback)
        out = []
        for item in citation.cites:
            if item.is_bad():
                out.append(callback(item) or f"{item.key}?")
                continue
            self.repressed = {}
            try:
                output = self.render_children(item)
            except VariableError:
                continue
            if output is not None:
                out.append(item.get("prefix", "") + output + item.get("suffix", ""))
                parent.cites.append(item)
        return self.format(self.wrap(self.join(out)))
