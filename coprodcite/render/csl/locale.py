"""CSL locales: terms, date formats and options, merged in the order CSL 1.0.2 gives.

Sources, the first that has a term wins: the style's ``cs:locale`` for the exact
language (``de-AT``), then for the bare language (``de``), then without ``xml:lang``;
the locale file of the exact language, then of its primary dialect (``de-DE``); then
``en-US``. A source that defines any ordinal term replaces the ordinal terms of all
sources after it, as the specification asks.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path

from coprodcite.render.csl.style import Node, Style, _convert

__all__ = ["Locale", "Term", "load_locale"]


@dataclass(frozen=True, slots=True)
class Term:
    single: str
    multiple: str
    gender: str | None = None
    match: str | None = None


@dataclass(slots=True)
class Locale:
    lang: str
    terms: dict[tuple[str, str], list[Term]] = field(default_factory=dict)
    dates: dict[str, Node] = field(default_factory=dict)  # form -> cs:date
    options: dict[str, str] = field(default_factory=dict)

    def term(
        self,
        name: str,
        form: str = "long",
        plural: bool = False,
        gender: str | None = None,
    ) -> str | None:
        """The term's text, falling back along the forms (symbol → short → long,
        verb-short → verb → long); None when the locale lacks it."""
        found = self.find(name, form, gender)
        if found is None:
            return None
        return found.multiple if plural else found.single

    def find(self, name: str, form: str = "long", gender: str | None = None) -> Term | None:
        for candidate in _FALLBACK.get(form, (form, "long")):
            terms = self.terms.get((name, candidate))
            if terms:
                return gendered(terms, gender, strict=False)
        return None

    def has(self, name: str, form: str = "long") -> bool:
        return (name, form) in self.terms

    @property
    def punctuation_in_quote(self) -> bool:
        return self.options.get("punctuation-in-quote") == "true"

    @property
    def limit_day_ordinals(self) -> bool:
        return self.options.get("limit-day-ordinals-to-day-1") == "true"


def gendered(terms: list[Term], gender: str | None, *, strict: bool = True) -> Term | None:
    """The term of ``gender``, else the neuter one; any term at all unless ``strict``."""
    if gender is not None:
        for term in terms:
            if term.gender == gender:
                return term
    for term in terms:
        if term.gender is None:
            return term
    return None if strict or not terms else terms[0]


def normalise_locale(locale: str) -> str:
    """``en_us`` as ``en-US``; a locale without a locale file (or a language without a
    primary dialect) raises InvalidInput."""
    from coprodcite.errors import InvalidInput

    parts = locale.strip().replace("_", "-").split("-")
    parts[0] = parts[0].lower()
    if len(parts) == 2 and len(parts[1]) == 2:
        parts[1] = parts[1].upper()
    name = "-".join(parts)
    if _locale_file(name) is not None or parts[0] in _primary_dialects():
        return name  # for an unknown region the language's main dialect is used
    raise InvalidInput(
        f"unknown locale '{locale}'", hint="use one such as en-US, en-GB, de-DE, fr-FR or pt-BR"
    )


_FALLBACK = {
    "long": ("long",),
    "short": ("short", "long"),
    "symbol": ("symbol", "short", "long"),
    "verb": ("verb", "long"),
    "verb-short": ("verb-short", "verb", "long"),
}


def _locale_dir() -> Path:
    import citeproc

    return Path(citeproc.__file__).parent / "data" / "locales"


@functools.cache
def _primary_dialects() -> dict[str, str]:
    data = json.loads((_locale_dir() / "locales.json").read_text(encoding="utf-8"))
    return dict(data.get("primary-dialects", {}))


@functools.cache
def _locale_file(lang: str) -> Node | None:
    path = _locale_dir() / f"locales-{lang}.xml"
    if not path.is_file():
        return None
    from lxml import etree

    return _convert(etree.parse(str(path)).getroot())


def file_languages(lang: str) -> list[str]:
    """The locale files to read for ``lang``, most specific first."""
    out: list[str] = []
    base = lang.split("-")[0]
    for candidate in (lang, _primary_dialects().get(base, ""), "en-US"):
        if candidate and candidate not in out and _locale_file(candidate) is not None:
            out.append(candidate)
    return out


_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def load_locale(style: Style, lang: str | None = None) -> Locale:
    """The style's locale for ``lang`` (default: the style's ``default-locale``, else
    en-US), merged once per style and language: treat it as read-only."""
    lang = lang or style.default_locale or "en-US"
    cached = style.memo.get(("locale", lang))
    if cached is None:
        cached = style.memo[("locale", lang)] = _merged(style, lang)
    return cached  # type: ignore[no-any-return]


def _merged(style: Style, lang: str) -> Locale:
    base = lang.split("-")[0]
    sources: list[Node] = []
    # every cs:locale, not only the last, may add terms: keep document order per key
    for key in (lang, base, ""):
        for element in style.locales:
            if (element.attrs.get(_XML_LANG) or "") == key:
                sources.append(element)
    for file_lang in file_languages(lang):
        node = _locale_file(file_lang)
        if node is not None:
            sources.append(node)
    return merge(lang, sources)


def merge(lang: str, sources: list[Node]) -> Locale:
    locale = Locale(lang)
    ordinals_closed = False
    for source in sources:
        has_ordinals = False
        for child in source.children:
            if child.name == "terms":
                for term in child.all("term"):
                    name = term.attrs.get("name", "")
                    is_ordinal = name == "ordinal" or name.startswith("ordinal-")
                    if is_ordinal:
                        if ordinals_closed:
                            continue
                        has_ordinals = True
                    _add_term(locale, term)
            elif child.name == "date":
                locale.dates.setdefault(child.attrs.get("form", ""), child)
            elif child.name == "style-options":
                for key, value in child.attrs.items():
                    locale.options.setdefault(key, value)
        if has_ordinals:
            ordinals_closed = True
    return locale


def _add_term(locale: Locale, term: Node) -> None:
    name = term.attrs.get("name", "")
    form = term.attrs.get("form", "long")
    single_node = term.child("single")
    multiple_node = term.child("multiple")
    if single_node is not None or multiple_node is not None:
        single = single_node.text if single_node is not None else ""
        multiple = multiple_node.text if multiple_node is not None else single
    else:
        single = multiple = term.text
    if not single.strip():  # a term written as white space only is empty
        single = ""
    if not multiple.strip():
        multiple = ""
    gender = term.attrs.get("gender-form") or None
    entry = Term(single, multiple, gender, term.attrs.get("match"))
    existing = locale.terms.setdefault((name, form), [])
    if any(t.gender == entry.gender and t.match == entry.match for t in existing):
        return  # an earlier source has it
    existing.append(entry)
    if term.attrs.get("gender") and (name, "#gender") not in locale.terms:
        locale.terms[(name, "#gender")] = [Term(term.attrs["gender"], term.attrs["gender"])]


def gender_of(locale: Locale, name: str) -> str | None:
    found = locale.terms.get((name, "#gender"))
    return found[0].single if found else None
