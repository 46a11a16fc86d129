"""Helpers shared by the source mappings: pure functions, no I/O.

The mappings are tables of ``(source path, CSL variable, converter)`` rules run by
:func:`map_fields`; the converters here turn source values (strings, lists of
strings, date objects, ORCID URLs) into CSL values or None.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from coprodcite.markup import plain_text, to_csl_rich_text
from coprodcite.model import CSL_TYPES  # noqa: F401  (re-exported for the mappings)

Converter = Callable[[Any], Any]
#: (dotted path in the source object, "" for the whole object; CSL variable; converter)
FieldRule = tuple[str, str, Converter]

_SPACES = re.compile(r"\s+")
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.|www\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_ORCID = re.compile(r"(\d{4})-?(\d{4})-?(\d{4})-?(\d{3}[\dX])")
_ISO_DATE = re.compile(r"(-?\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?=$|[T\s])")


def is_empty(value: Any) -> bool:
    """None, or an empty string, list, tuple or object."""
    return value is None or (isinstance(value, (str, list, tuple, dict)) and not value)


def lookup(source: Mapping[str, Any], path: str) -> Any:
    """``source[a][b]`` for ``path`` "a.b" (None when absent); "" is the whole object."""
    value: Any = source
    for part in path.split(".") if path else ():
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return value


def map_fields(source: Mapping[str, Any], rules: Iterable[FieldRule]) -> dict[str, Any]:
    """Run a mapping table. For each CSL variable the first rule with a value wins."""
    fields: dict[str, Any] = {}
    for path, variable, convert in rules:
        if variable in fields:
            continue
        raw = lookup(source, path)
        if is_empty(raw):
            continue
        value = convert(raw)
        if not is_empty(value):
            fields[variable] = value
    return fields


def as_list(value: Any) -> list[Any]:
    """A list for values that are sometimes a list, sometimes one item, sometimes None."""
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def text(value: Any) -> str | None:
    """A scalar (or the first non-empty scalar of a list) as stripped one-line text."""
    for item in as_list(value):
        if isinstance(item, bool) or not isinstance(item, (str, int, float)):
            continue
        cleaned = _SPACES.sub(" ", str(item)).strip()
        if cleaned:
            return cleaned
    return None


def rich(value: Any) -> str | None:
    """Like :func:`text`, as CSL rich text (for titles)."""
    for item in as_list(value):
        if isinstance(item, str) and (converted := to_csl_rich_text(item)):
            return converted
    return None


def join_title(title: str | None, subtitle: str | None) -> str | None:
    """ "Title: Subtitle" in CSL rich text, unless the title already ends with the
    subtitle (compared as plain text, ignoring case). "Why? An answer" keeps its "?"."""
    if not subtitle:
        return title
    if not title:
        return subtitle
    if plain_text(title).casefold().endswith(plain_text(subtitle).casefold()):
        return title
    return f"{title} {subtitle}" if plain_text(title)[-1:] in ":?!." else f"{title}: {subtitle}"


def doi(value: Any) -> str | None:
    """A DOI in lower case, without a resolver or ``doi:`` prefix."""
    found = text(value)
    return _DOI_PREFIX.sub("", found).lower() or None if found else None


#: number variables whose value a source fills with a placeholder ("null", edition "0")
_NUMBER_FIELDS = ("volume", "issue", "page", "number", "edition")
_PLACEHOLDERS = frozenset({"null", "none", "undefined", "n/a", "na", "no"})
_SAME_ENDS = re.compile(r"^\s*(\w+)\s*[-\u2013]\s*(\w+)\s*$")


#: text fields that library catalogues end with ISBD punctuation ("Title /", "Co.,")
_NAME_FIELDS = ("title", "container-title", "collection-title", "publisher", "publisher-place")
# a trailing ",", ";" or ":" (spaced or not), or a spaced " /" or " =" (so a URL keeps its
# "/"); not the ";" of an entity such as "&amp;"
_TRAILING_SEPARATOR = re.compile(r"(?:\s*[,;:]|\s+[/=])+\s*$")
_ENTITY_END = re.compile(r"(?:&|&amp;)[#\w]+;\s*$")


def tidy_fields(fields: dict[str, Any], csl_type: str | None = None) -> dict[str, Any]:
    """``fields`` as a careful editor would take them from a source, in place: a page
    range of one page written as one page (``431-431`` -> ``431``: styles print "pp."
    and a range otherwise), placeholders in number fields dropped (Crossref's volume
    ``"null"``, edition ``"0"``, page ``no-no``), the separators a library catalogue
    ends a title or publisher with dropped (ISBD ``Title /``, ``Plant Co.,``,
    ``San Francisco :``: the style writes its own punctuation after them), and values
    that only repeat another one dropped (:func:`drop_redundant`)."""
    for name in _NAME_FIELDS:
        value = fields.get(name)
        if isinstance(value, str) and not _ENTITY_END.search(value):
            fields[name] = _TRAILING_SEPARATOR.sub("", value) or value
    for name in _NUMBER_FIELDS:
        value = fields.get(name)
        if not isinstance(value, str):
            continue
        same = _SAME_ENDS.match(value)
        if name == "page" and same and same.group(1) == same.group(2):
            value = fields[name] = same.group(1)
        if value.strip().casefold() in _PLACEHOLDERS or (
            name in ("page", "edition") and value.strip() == "0"  # volume 0 exists
        ):
            del fields[name]
    return drop_redundant(fields, csl_type)


def drop_redundant(fields: dict[str, Any], csl_type: str | None = None) -> dict[str, Any]:
    """``fields`` without values that only repeat another one, in place: a resolver
    ``URL`` (:func:`drop_doi_url`), an ``original-title`` that is the title itself, a
    ``publisher`` that is the container's title and a ``number`` that is the page.

    CSL's original-title is the title of the original version (the untranslated title
    of a translation); Crossref deposits often copy the title there (Oxford DNB
    entries), and APA then prints "(Original work published as <title>)". A blog that
    publishes itself (Front Matter) gave AMA's "Front Matter. Front Matter.". An article
    number deposited as the page too (PeerJ ``e15141``) gave MLA's "no. e15141, p.
    e15141"."""
    pairs = (("original-title", "title"), ("publisher", "container-title"), ("number", "page"))
    for extra, kept in pairs:
        if _same_text(fields.get(extra), fields.get(kept)):
            del fields[extra]
    return drop_doi_url(fields, csl_type)


def _same_text(one: Any, other: Any) -> bool:
    """Both are text, the same as plain text (ignoring case and outer spaces)."""
    if not (isinstance(one, str) and isinstance(other, str)):
        return False
    return plain_text(one).strip().casefold() == plain_text(other).strip().casefold()


#: web types: the styles give their URL as the place to read them ("Available: URL")
#: and often not their DOI, so the resolver link is kept as their URL
_WEB_TYPES = frozenset({"post", "post-weblog", "webpage"})


def drop_doi_url(fields: dict[str, Any], csl_type: str | None = None) -> dict[str, Any]:
    """``fields`` without a ``URL`` that is only the DOI's resolver link
    (``https://doi.org/<DOI>``, as Crossref's ``URL`` always is), in place, unless the
    item is a web page or post (``csl_type``).

    CSL's URL is where the item is found online; the resolver link is the DOI again,
    which styles print from ``DOI`` (Nature prints a report's URL *and* its DOI, so a
    mapped resolver link printed the DOI twice). Exporters build the link from the DOI."""
    url, found = fields.get("URL"), fields.get("DOI")
    if (
        csl_type not in _WEB_TYPES
        and isinstance(url, str)
        and isinstance(found, str)
        and _DOI_PREFIX.match(url.strip())
        and doi(url) == found.lower()
    ):
        del fields["URL"]
    return fields


def name_of(value: Any) -> str | None:
    """The ``name`` of an object (or of the first object in a list), or a plain string."""
    for item in as_list(value):
        found = text(item.get("name")) if isinstance(item, Mapping) else text(item)
        if found:
            return found
    return None


def _part(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and re.fullmatch(r"-?\d+", value.strip()):
        return int(value)
    return None


def valid_date_parts(parts: Any) -> list[int] | None:
    """``[year, month, day]`` kept up to the first missing or impossible part."""
    out: list[int] = []
    limits = ((-9999, 9999), (1, 12), (1, 31))
    for value, (low, high) in zip(as_list(parts)[:3], limits, strict=False):
        number = _part(value)
        if number is None or not low <= number <= high or (number == 0 and not out):
            break
        out.append(number)
    return out or None


def csl_date(value: Any) -> dict[str, Any] | None:
    """A CSL date from a Crossref/CSL ``{"date-parts": [[y, m, d]]}`` object."""
    if not isinstance(value, Mapping):
        return None
    ranges = [valid_date_parts(p) for p in as_list(value.get("date-parts"))[:2]]
    kept = [p for p in ranges if p]
    if not ranges or not ranges[0]:
        return None
    return {"date-parts": kept}


def iso_date(value: Any) -> dict[str, Any] | None:
    """A CSL date from ISO 8601 text (``2020``, ``2020-05``, ``2020-05-15T...``,
    ranges ``2019/2020``)."""
    found = text(value)
    if not found:
        return None
    ranges = []
    for piece in found.split("/")[:2]:
        match = _ISO_DATE.match(piece.strip())
        parts = valid_date_parts([g for g in match.groups() if g]) if match else None
        if parts is None:
            break
        ranges.append(parts)
    return {"date-parts": ranges} if ranges else None
