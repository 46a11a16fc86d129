"""The citeproc-py engine behind :mod:`coprodcite.render` (citeproc-py 0.11.1, pinned).

Everything that calls citeproc-py lives here and in :mod:`coprodcite.render.citeproc_py.markup`, so
a faster or different engine can replace them behind the same public API.

* Each item is read on its own, and each bibliography entry, sort key and citation is
  rendered on its own: when citeproc-py raises, that item gets a ``[coprodcite could not
  render ...]`` entry and a RenderWarning, and the rest still render.
* Items are given internal keys (citeproc-py lower-cases ids, so ``Smith2020`` and
  ``smith2020`` would collide); cited ids must match item ids exactly.
* Parsed styles are cached per (file and mtime, or XML text; locale). citeproc-py keeps
  per-render state on the style object, so renders with one parsed style are serialised
  by that style's lock; renders in different styles or locales run side by side (no
  class of citeproc-py is patched: see :mod:`coprodcite.render.citeproc_py.fixes`).
"""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Mapping, Sequence
from functools import lru_cache
from threading import RLock
from typing import Any

from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    Locator,
)
from citeproc.source import BibliographySource

from coprodcite.csl_schema import CSL_LOCATORS
from coprodcite.errors import InvalidInput, StyleError
from coprodcite.render.citeproc_py.disambiguate import add_year_suffixes
from coprodcite.render.citeproc_py.fixes import RENDER_HOOKS, parse_style
from coprodcite.render.citeproc_py.markup import (
    CLOSE_MARK,
    OPEN_MARK,
    OUTPUTS,
    CslJsonSource,
    ItemProblem,
    clean_item,
    escape,
    field_text,
    finish,
)
from coprodcite.render.csl.warn import warn
from coprodcite.render.styles import StyleSource, bundled_styles_dir

Cite = Mapping[str, Any]
_NS = "{http://purl.org/net/xbiblio/csl}"
LOCATOR_LABELS = CSL_LOCATORS


def bibliography(
    items: Sequence[Mapping[str, Any]],
    source: StyleSource,
    *,
    locale: str | None,
    fmt: str,
    cited: Sequence[Sequence[Cite]] | None,
) -> list[tuple[str, str]]:
    """(item id, entry) in bibliography order."""
    style = load_style(source, locale)
    with style.lock:
        session = _Session(items, style, source.label, fmt)
        if not session.style.has_bibliography():
            raise StyleError(
                f"style '{source.label}' has no bibliography",
                hint="use it for citations only, or pick another style",
            )
        for cluster in cited or []:
            session.register(cluster)
        session.register([{"id": item_id} for item_id in session.keys])
        session.sort()
        session.disambiguate()
        return session.bibliography()


def citations(
    items: Sequence[Mapping[str, Any]],
    clusters: Sequence[Sequence[Cite]],
    source: StyleSource,
    *,
    locale: str | None,
    fmt: str,
) -> list[str]:
    style = load_style(source, locale)
    with style.lock:
        session = _Session(items, style, source.label, fmt)
        for cluster in clusters:
            session.register(cluster)
        session.sort()
        session.disambiguate()
        return [session.cite(cluster) for cluster in clusters]


# -- styles and locales ---------------------------------------------------------------


def check_locale(locale: str) -> str:
    """Normalise ``en_us`` to ``en-US``; a locale without a locale file raises InvalidInput
    (citeproc-py and the own engine read the same locale files)."""
    from coprodcite.render.csl.locale import normalise_locale

    return normalise_locale(locale)


def load_style(source: StyleSource, locale: str | None) -> Any:
    """A parsed CitationStylesStyle. Locale: ``locale``, else the dependent style's, else
    the style's ``default-locale``, else en-US."""
    wanted = check_locale(locale) if locale else source.default_locale
    try:
        stamp = source.path.stat().st_mtime_ns if source.path else None
    except OSError as exc:
        raise StyleError(f"cannot read style '{source.label}': {exc.strerror}") from None
    return _load_style(source, wanted, stamp)


@lru_cache(maxsize=32)
def _load_style(source: StyleSource, locale: str | None, stamp: int | None) -> Any:
    bundled = source.path is not None and bundled_styles_dir() in source.path.parents
    data: Any = str(source.path) if source.path else io.BytesIO((source.xml or "").encode())
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:  # bundled styles are validated upstream; validating costs 10x the parse
            style = parse_style(data, locale, validate=not bundled)
        except Exception as exc:
            raise StyleError(
                f"cannot load style '{source.label}': {short_reason(exc)}",
                hint="check that it is a CSL 1.0 style",
            ) from None
    if any("schema validation" in str(w.message) for w in caught):
        warn(f"style '{source.label}' does not pass CSL schema validation; its output may be wrong")
    if style.root.find(f"{_NS}citation") is None:
        raise StyleError(f"cannot load style '{source.label}': it has no <citation> element")
    style.lock = RLock()  # citeproc-py keeps per-render state on the parsed style
    return style


def short_reason(exc: BaseException) -> str:
    text = str(exc) if isinstance(exc, ItemProblem) else f"{type(exc).__name__}: {exc}"
    text = (text.splitlines() or [""])[0].strip()
    return text if len(text) <= 100 else text[:99] + "…"


# -- one render -----------------------------------------------------------------------


class _Session:
    """One bibliography object over one style, with per-item failures kept as data."""

    def __init__(
        self, items: Sequence[Mapping[str, Any]], style: Any, label: str, fmt: str
    ) -> None:
        self.style, self.label, self.fmt = style, label, fmt
        piq = style.root.get_locale_option("punctuation-in-quote")
        self.piq = str(piq).lower() == "true"
        self.keys: dict[str, str] = {}  # item id -> internal key
        self.ids: dict[str, str] = {}  # internal key -> item id
        self.failed: dict[str, str] = {}  # internal key -> reason
        source = BibliographySource()
        for n, item in enumerate(items):
            item_id = _item_id(item, n)
            if item_id in self.keys:
                raise InvalidInput(
                    f"two items have the id '{item_id}'", hint="give every item a unique id"
                )
            key = self.keys[item_id] = f"k{n}"
            self.ids[key] = item_id
            try:
                if not isinstance(item.get("type"), str) or not item["type"]:
                    warn(f"item {item_id} has no CSL 'type'; it is rendered as an article")
                    item = {**item, "type": "article"}  # as citeproc-js does
                source.update(CslJsonSource([clean_item(item, key, fmt)], fmt, OUTPUTS[fmt]))
            except Exception as exc:
                self.fail(key, exc)
        self.bib = CitationStylesBibliography(style, source, OUTPUTS[fmt])
        self._unknown: set[str] = set()

    def fail(self, key: str, reason: BaseException | str) -> str:
        """Record (and warn about, once) an item that cannot be rendered; its entry text."""
        if key not in self.failed:
            self.failed[key] = reason if isinstance(reason, str) else short_reason(reason)
            warn(f"could not render {self.ids[key]} in {self.label}: {self.failed[key]}")
        return self._failure([self.ids[key]], self.failed[key])

    def _failure(self, ids: list[str], reason: str) -> str:
        what = escape(f"{', '.join(ids)} in {self.label}: {reason}", self.fmt)
        return f"[coprodcite could not render {what}]"

    def key_of(self, cite: Cite) -> str | None:
        if not isinstance(cite, Mapping) or "id" not in cite:
            raise InvalidInput("a cite has no 'id'", hint="each cite is a dict with an 'id'")
        key = self.keys.get(str(cite["id"]))
        if key is None and str(cite["id"]) not in self._unknown:
            self._unknown.add(str(cite["id"]))
            warn(f"cited id '{cite['id']}' is not among the items")
        return key

    def register(self, cluster: Sequence[Cite]) -> None:
        for cite in cluster:
            key = self.key_of(cite)
            if key is not None and key not in self.failed:
                self.bib.register(Citation([_Item(key)]))  # no locator in the bibliography

    def sort(self) -> None:
        """Sort the bibliography; items whose sort keys make citeproc-py raise are dropped
        from the sort (and fail), and if sorting still fails the citation order stays."""
        if not self.style.has_bibliography():
            return
        try:
            self.bib.sort()
            return
        except Exception as exc:
            error: Exception = exc
        for item in list(self.bib.items):
            try:
                self.style.sort_bibliography([item])
            except Exception as exc:
                self.fail(item.key, exc)
        self.bib.items = [i for i in self.bib.items if i.key not in self.failed]
        self.bib.keys = [i.key for i in self.bib.items]
        try:
            self.bib.sort()
        except Exception:
            warn(
                f"could not sort the bibliography in {self.label}: {short_reason(error)}; "
                "entries are in citation order"
            )

    def disambiguate(self) -> None:
        items = [item for item in self.bib.items if item.key not in self.failed]
        add_year_suffixes(self.style, items, self._alone)

    def _alone(self, key: str) -> str | None:
        """The text of a first citation of this item alone (None if it fails)."""
        probe = Citation([_Item(key)])
        probe.bibliography = self.bib
        RENDER_HOOKS.no_sort = True
        try:
            return str(self.style.render_citation(probe, [], lambda item: ""))
        except Exception:
            return None
        finally:
            RENDER_HOOKS.no_sort = False

    def bibliography(self) -> list[tuple[str, str]]:
        """(item id, entry) in bibliography order."""
        entries = []
        for item in self.bib.items:
            try:
                rendered = self.style.render_bibliography([item])
                if not rendered or not str(rendered[0]).strip():
                    raise ValueError("the style produced no text")
                entries.append((item.key, str(rendered[0])))
            except Exception as exc:
                entries.append((item.key, self.fail(item.key, exc)))
        entries += [
            (key, self.fail(key, reason))
            for key, reason in self.failed.items()
            if key not in self.bib.keys
        ]
        return [(self.ids[key], finish(entry, self.fmt, self.piq)) for key, entry in entries]

    def cite(self, cluster: Sequence[Cite]) -> str:
        """One cluster. An author-only cite gives the first piece of the style's citation
        layout when that piece renders names (APA: "Okafor et al."), placed before the
        rest of the cluster; a suppress-author cite loses that piece and the delimiter
        after it. Where this cannot be done the cite renders in full, with a warning."""
        authors, rest = [], []
        for cite, key in ((c, self.key_of(c)) for c in cluster):
            author = self._author(key) if cite.get("author-only") else ""
            if author:
                authors.append(author)
            else:
                if cite.get("author-only") and key is not None and key not in self.failed:
                    warn(f"author-only is not supported for {cite['id']} in {self.label}")
                rest.append((cite, key))
        text = self._render_cluster(rest) if rest else ""
        return finish(" ".join(a for a in [*authors, text] if a), self.fmt, self.piq)

    def _render_cluster(self, cites: list[tuple[Cite, str | None]]) -> str:
        while True:
            items, bad = [], {}  # bad: placeholder key -> failure text
            for n, (cite, key) in enumerate(cites):
                if key is not None and key not in self.failed:
                    items.append(self._citation_item(cite, key, n))
                    continue
                bad[f"?{n}"] = (
                    self.fail(key, self.failed[key])
                    if key is not None
                    else self._failure([str(cite["id"])], "not among the items")
                )
                items.append(_Item(f"?{n}"))
            citation = Citation(items)
            citation.bibliography = self.bib  # what register() would set
            done = len(self.bib._cites)
            try:
                text = str(self.bib.cite(citation, lambda c, bad=bad: bad[c.key]))
                return self._suppress_authors(text, cites)
            except Exception:
                del self.bib._cites[done:]  # forget the positions of a failed cluster
            culprits = [
                (key, self._fails_alone(key))
                for _, key in cites
                if key is not None and key not in self.failed
            ]
            found = [self.fail(key, exc) for key, exc in culprits if exc is not None]
            if not found:
                break
        ids = [str(cite["id"]) for cite, _ in cites]
        warn(f"could not render the citation of {', '.join(ids)} in {self.label}")
        return self._failure(ids, "citeproc-py failed on this citation")

    def _citation_item(self, cite: Cite, key: str, n: int) -> Any:
        extra: dict[str, Any] = {}
        if cite.get("locator") not in (None, ""):
            label = str(cite.get("label") or "page").strip().replace(" ", "-")  # "sub verbo"
            if label not in LOCATOR_LABELS:
                raise InvalidInput(
                    f"unknown locator label '{label}'",
                    hint=f"use one of: {', '.join(LOCATOR_LABELS)}",
                )
            extra["locator"] = Locator(label, field_text(str(cite["locator"]), self.fmt))
        prefix, suffix = (
            field_text(str(cite.get(k) or ""), self.fmt) for k in ("prefix", "suffix")
        )
        if cite.get("suppress-author") and n < 256:
            prefix, suffix = f"{prefix}{OPEN_MARK}{chr(0xE100 + n % 256)}", CLOSE_MARK + suffix
        if prefix:
            extra["prefix"] = prefix
        if suffix:
            extra["suffix"] = suffix
        return _Item(key, **extra)

    def _fails_alone(self, key: str) -> Exception | None:
        probe = Citation([_Item(key)])
        probe.bibliography = self.bib
        try:
            self.style.render_citation(probe, [], lambda item: "")
            return None
        except Exception as exc:
            return exc

    def _suppress_authors(self, text: str, cites: list[tuple[Cite, str | None]]) -> str:
        def strip(match: re.Match[str]) -> str:
            cite, key = cites[ord(match.group(1)) - 0xE100]
            author, body = self._author(key), match.group(2)
            if author and body.startswith(author):
                return re.sub(r"^[,;:]?\s*", "", body[len(author) :])
            if author:  # a style without names in its citations has nothing to suppress
                warn(f"suppress-author is not supported for {cite['id']} in {self.label}")
            return body

        return re.sub(f"{OPEN_MARK}(.)(.*?){CLOSE_MARK}", strip, text, flags=re.DOTALL)

    def _author(self, key: str | None) -> str:
        """The names the style's citation renders first for this item (APA: "Okafor et
        al."), found by rendering the item alone while watching citeproc-py's Names."""
        if key is None or key in self.failed:
            return ""
        probe = Citation([_Item(key)])
        probe.bibliography = self.bib
        seen: list[str] = []
        RENDER_HOOKS.watch_names, RENDER_HOOKS.no_sort = seen, True
        try:  # one cite: nothing to sort, and sort keys render names too
            self.style.render_citation(probe, list(self.bib._cites), lambda item: "")
        except Exception as exc:
            self.fail(key, exc)
        finally:
            RENDER_HOOKS.watch_names, RENDER_HOOKS.no_sort = None, False
        return seen[0] if seen else ""


class _Item(CitationItem):  # type: ignore[misc]
    """citeproc-py's CitationItem, with its reference looked up once (it is read often)."""

    @property
    def reference(self) -> Any:
        ref = self.__dict__.get("_reference")  # CustomDict keeps attributes as dict items
        if ref is None:
            ref = dict.__getitem__(self, "citation").bibliography.source[self.key]
            object.__setattr__(self, "_reference", ref)
        return ref


def _item_id(item: Mapping[str, Any], n: int) -> str:
    if not isinstance(item, Mapping) or item.get("id") in (None, ""):
        raise InvalidInput(f"item {n + 1} has no 'id'", hint="give every CSL-JSON item an id")
    return str(item["id"])
