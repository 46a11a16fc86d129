"""coprodcite's subclasses of citeproc-py 0.11.1's CSL element classes (pinned exactly).

:func:`parse_style` parses a style (and its locales) with an lxml class lookup that maps
CSL tags to the subclasses here, falling back to citeproc-py's own classes; citeproc-py's
stock parsing (which builds its lookup from ``CitationStylesElement.__subclasses__()``,
direct subclasses only) is untouched. Every element proxy of a parsed tree is kept alive
by the tree's root, so state kept on elements (the caches below) survives.

Each fix is small and named:

* caches: ``get_macro``, ``calls_variable``, locale ``get_term`` and the inherited name
  options are looked up once per style (about 3x faster; output unchanged);
* ``Names`` without ``<name>`` gets a real ``cs:name`` element once, instead of a bare
  ``Name()`` added on every render;
* text-case and strip-periods accept a plain ``str``, an ``int`` or ``None``;
* ``near-note-distance`` is read from ``<citation>`` (default 5);
* cites without a ``<sort>`` in the citation keep their order in the cluster, and cites
  the callback renders (unknown or failed items) keep their place;
* hooks (:data:`RENDER_HOOKS`) let the bridge watch the names a citation renders first
  and skip sorting, per thread, without patching citeproc-py's classes.
"""

from __future__ import annotations

import os
import re
import threading
import warnings
from functools import lru_cache
from typing import Any

from citeproc import LANGUAGE_NAMES, LOCALES_PATH, PRIMARY_DIALECTS, SCHEMA_PATH, model
from citeproc.frontend import CitationStylesStyle, CitationStylesXML
from citeproc.model import VariableError
from citeproc.string import MixedString, String
from lxml import etree

NS = "http://purl.org/net/xbiblio/csl"
_MISSING = object()
_FIXES: dict[str, type] = {}


class RenderHooks(threading.local):
    """Per-thread switches the bridge sets around one render."""

    watch_names: list[str] | None = None  # collect the outermost rendered names here
    names_depth: int = 0
    no_sort: bool = False
    year_suffix: str | None = None  # append to the next year rendered (implicit year-suffix)


RENDER_HOOKS = RenderHooks()


def _fix(tag: str) -> Any:
    def register(cls: type) -> type:
        _FIXES[tag] = cls
        return cls

    return register


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


def _renders_year_suffix(root: Any) -> bool:
    found = root.__dict__.get("_explicit_year_suffix")
    if found is None:
        found = root._explicit_year_suffix = bool(
            root.xpath('.//cs:text[@variable="year-suffix"]', namespaces={"cs": NS})
        )
    return bool(found)


# -- caching lookups ------------------------------------------------------------------


def _cached(element: Any, attr: str, key: Any, compute: Any) -> Any:
    cache = element.__dict__.setdefault(attr, {})
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = cache[key] = compute()
    return value


class _Cached:
    """Mixin for element classes: memoised macro look-up and calls_variable()."""

    def get_macro(self, name: str) -> Any:
        root = self.get_root()  # type: ignore[attr-defined]
        macros = root.__dict__.get("_macros")
        if macros is None:
            macros = root._macros = {}
            for macro in root.iterchildren(f"{{{NS}}}macro"):
                macros.setdefault(macro.get("name"), macro)
        return macros[name]

    def get_layout(self) -> Any:
        layout = self.__dict__.get("_layout")
        if layout is None:
            layout = self._layout = super().get_layout()  # type: ignore[misc]
        return layout

    def calls_variable(self) -> bool:
        value = self.__dict__.get("_calls_variable")
        if value is None:
            value = self._calls_variable = super().calls_variable()  # type: ignore[misc]
        return bool(value)

    def get_term(
        self,
        name: str,
        form: str | None = None,
        fallback_locale: bool = True,
        zero_padded: bool = False,
    ) -> Any:
        root = self.get_root()  # type: ignore[attr-defined]
        key = (name, form, fallback_locale, zero_padded)
        return _cached(
            root,
            "_terms",
            key,
            lambda: super(_Cached, self).get_term(name, form, fallback_locale, zero_padded),  # type: ignore[misc]
        )


def _strings(text: MixedString) -> MixedString:
    """``text`` with its plain ``str`` segments (from affixes and delimiters) as Strings."""
    if all(isinstance(part, (String, MixedString)) for part in text):
        return text
    parts = [
        _strings(p)
        if isinstance(p, MixedString)
        else p
        if isinstance(p, String)
        else String(str(p))
        for p in text
    ]
    return type(text)(parts)


class _Cased:
    """text-case and strip-periods on a plain ``str``, an ``int`` or ``None`` (citeproc-py
    raised AttributeError: they need a citeproc String)."""

    def case(self, text: Any, language: str | None = None) -> Any:
        if text is None or self.get("text-case") is None:  # type: ignore[attr-defined]
            return text
        if isinstance(text, MixedString):
            return super().case(_strings(text), language)  # type: ignore[misc]
        if isinstance(text, String) or not isinstance(text, (str, int)):
            return super().case(text, language)  # type: ignore[misc]
        return str(super().case(String(str(text)), language))  # type: ignore[misc]

    def strip_periods(self, string: Any) -> Any:
        if string is None or self.get("strip-periods", "false").lower() != "true":  # type: ignore[attr-defined]
            return string
        return super().strip_periods(string if isinstance(string, str) else str(string))  # type: ignore[misc]


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


for _tag, _base in (("text", model.Text), ("label", model.Label), ("number", model.Number)):
    _FIXES[_tag] = type(_base.__name__, (_Cased, _Cached, _base), {"__module__": __name__})


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
for _tag, _base in (
    ("group", model.Group),
    ("choose", model.Choose),
    ("if", model.If),
    ("else-if", model.Else_If),
    ("else", model.Else),
    ("macro", model.Macro),
    ("substitute", model.Substitute),
    ("et-al", model.Et_Al),
    ("citation", model.Citation),
    ("bibliography", model.Bibliography),
    ("key", model.Key),
):
    _FIXES[_tag] = type(_base.__name__, (_Cached, _base), {"__module__": __name__})


@_fix("name")
class Name(_Cached, model.Name):  # type: ignore[misc]
    def get_option(self, name: str, context: Any = None, sort_options: Any = None) -> Any:
        if sort_options is not None and name in sort_options:
            return super().get_option(name, context, sort_options)
        key = (name, context if context is not None and context is not self else None)
        return _cached(self, "_options", key, lambda: super(Name, self).get_option(name, context))

    def initialize(self, given: str, mark: str, context: Any) -> str:
        """Stock, with two fixes: ``initialize="false"`` keeps given names and only adds
        ``mark`` after initials already there (CSL 1.0.1); a lower-case part after a hyphen
        (``Jae-won``) is left out instead of becoming ``J.-. won .``."""
        if self.get("initialize", "true").lower() == "false":
            return _existing_initials(given, mark)
        if "-" in given and self.get_option("initialize-with-hyphen", context):
            first, *rest = given.split("-")
            given = "-".join([first, *(p for p in rest if not p[:1].islower())])
        return str(super().initialize(given, mark, context))


def _existing_initials(given: str, mark: str) -> str:
    """``John M.E.`` with mark ``. `` gives ``John M. E.``; words stay as written."""
    out = ""
    for token, dot in re.findall(r"([^\s.]+)(\.?)", given):
        if dot or (len(token) == 1 and token.isupper()):
            out += token + mark
        else:
            out += ("" if not out or out.endswith(" ") else " ") + token + " "
    return out.strip()


@_fix("names")
class Names(_Cached, model.Names):  # type: ignore[misc]
    def process(
        self, item: Any, names_context: Any = None, context: Any = None, **kwargs: Any
    ) -> Any:
        holder = names_context if names_context is not None else self
        if holder.name is None:  # give it a real cs:name, once
            name = holder.makeelement(f"{{{NS}}}name")
            holder.insert(0, name)
            holder.get_root()._keep.append(name)
        return super().process(item, names_context, context, **kwargs)

    def substitute(self) -> Any:
        return _cached(self, "_substitute", None, super().substitute)

    def get_parent_delimiter(self, context: Any = None) -> Any:
        key = None if context is None else context
        return _cached(
            self, "_delimiter", key, lambda: super(Names, self).get_parent_delimiter(context)
        )

    def render(self, *args: Any, **kwargs: Any) -> Any:
        hooks = RENDER_HOOKS
        hooks.names_depth += 1
        try:
            text = super().render(*args, **kwargs)
        finally:
            hooks.names_depth -= 1
        if (
            text
            and hooks.watch_names is not None
            and not hooks.watch_names
            and not hooks.names_depth
        ):
            hooks.watch_names.append(str(text))  # the outermost names, not a substitute's
        return text


@_fix("sort")
class Sort(_Cached, model.Sort):  # type: ignore[misc]
    def sort(self, items: list[Any], context: Any) -> list[Any]:
        if RENDER_HOOKS.no_sort:
            return items
        return list(super().sort(items, context))


@_fix("layout")
class Layout(_Cached, model.Layout):  # type: ignore[misc]
    def render_children(self, item: Any, *args: Any, **kwargs: Any) -> Any:
        """Stock; an item's year-suffix goes after the first year rendered for it unless
        the style renders ``year-suffix`` itself (CSL 1.0.2, disambiguation)."""
        hooks = RENDER_HOOKS
        try:
            suffix = item.reference.get("year_suffix")
        except Exception:  # a cite without a reference (an unknown id)
            suffix = None
        if suffix and not _renders_year_suffix(self.get_root()):
            hooks.year_suffix = suffix
        try:
            return super().render_children(item, *args, **kwargs)
        finally:
            hooks.year_suffix = None

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
            self.repressed: dict[str, Any] = {}
            try:
                output = self.render_children(item)
            except VariableError:
                continue
            if output is not None:
                out.append(item.get("prefix", "") + output + item.get("suffix", ""))
                parent.cites.append(item)
        return self.format(self.wrap(self.join(out)))
