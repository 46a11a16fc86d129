"""Shared pieces of coprodcite's citeproc-py element subclasses: the registry of fixed
classes, per-thread render hooks and the caching and text-case mixins (see
:mod:`coprodcite.render.citeproc_py.fixes`)."""

from __future__ import annotations

import threading
from typing import Any

from citeproc.string import MixedString, String

NS = "http://purl.org/net/xbiblio/csl"
_MISSING = object()
_FIXES: dict[str, type] = {}


class RenderHooks(threading.local):
    """Per-thread switches the bridge sets around one render."""

    watch_names: list[str] | None = None  # collect the outermost rendered names here
    names_depth: int = 0
    no_sort: bool = False
    title_case: bool = False  # inside text-case="title" (see markup.FieldString)
    year_suffix: str | None = None  # append to the next year rendered (implicit year-suffix)


RENDER_HOOKS = RenderHooks()


def _fix(tag: str) -> Any:
    def register(cls: type) -> type:
        _FIXES[tag] = cls
        return cls

    return register


# -- caching lookups ------------------------------------------------------------------


def _cached(element: Any, attr: str, key: Any, compute: Any) -> Any:
    cache = element.__dict__.setdefault(attr, {})
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = cache[key] = compute()
    return value


class _Cached:
    """Mixin for element classes: memoised root, child look-ups (``element.name``,
    ``.label``, ``.sort``...: the tree only changes where ``Names`` adds a ``cs:name``,
    which clears them), macros, terms, layout and calls_variable()."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        children = self.__dict__.get("_children")
        if children is None:
            children = self.__dict__["_children"] = {}
        found = children.get(name, _MISSING)
        if found is _MISSING:
            found = children[name] = super().__getattr__(name)  # type: ignore[misc]
        return found

    def get_root(self) -> Any:
        root = self.__dict__.get("_root")
        if root is None:
            root = self.__dict__["_root"] = self.getroottree().getroot()  # type: ignore[attr-defined]
        return root

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
        text_case = self.get("text-case")  # type: ignore[attr-defined]
        if text is None or text_case is None:
            return text
        if text_case == "title":
            RENDER_HOOKS.title_case = True
            try:
                return self._case(text, language)
            finally:
                RENDER_HOOKS.title_case = False
        return self._case(text, language)

    def _case(self, text: Any, language: str | None) -> Any:
        if isinstance(text, MixedString):
            return super().case(_strings(text), language)  # type: ignore[misc]
        if isinstance(text, String) or not isinstance(text, (str, int)):
            return super().case(text, language)  # type: ignore[misc]
        return str(super().case(String(str(text)), language))  # type: ignore[misc]

    def strip_periods(self, string: Any) -> Any:
        if string is None or self.get("strip-periods", "false").lower() != "true":  # type: ignore[attr-defined]
            return string
        return super().strip_periods(string if isinstance(string, str) else str(string))  # type: ignore[misc]
