"""DOI parsing and normalising: pure functions.

Users paste DOIs in many forms: bare (``10.1093/bjsw/bcad019``), with a scheme
(``doi:``, ``info:doi/``, ``urn:doi:``), as resolver URLs (``https://doi.org/``,
``http://dx.doi.org/``), percent-encoded, in any case, wrapped in punctuation or
inside a sentence. :func:`parse_doi` accepts all of them; :func:`find_dois` finds
every DOI in free text. DOIs are case-insensitive, so the normal form is lower case.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote, urlsplit

from coprodcite.errors import InvalidIdentifier

# A DOI is "10." + registrant code (digits, optionally dotted sub-codes) + "/" + suffix.
# The suffix may hold almost any printable character (SICIs hold <, >, ;, :, #).
_DOI_RE = re.compile(r"10\.\d{4,9}(?:\.\d+)*/[^\s\"'`]+", re.IGNORECASE)
_PERCENT_RE = re.compile(r"%[0-9A-Fa-f]{2}")
_RESOLVER_HOSTS = {"doi.org", "dx.doi.org", "www.doi.org", "hdl.handle.net"}
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
_TRAILING = ".,;:!?\"'/"
_PAIRS = {")": "(", "]": "[", "}": "{", ">": "<"}

#: characters the DOI Handbook says must be percent-encoded in a URL path
_URL_ENCODE = {"%": "%25", '"': "%22", "#": "%23", " ": "%20", "?": "%3F"}
#: Crossref's API also needs angle brackets (SICI DOIs) encoded
_CROSSREF_ENCODE = {**_URL_ENCODE, "<": "%3C", ">": "%3E"}


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    # Typographic dashes and slashes pasted from PDFs are not DOI characters.
    return text.replace("\u2010", "-").replace("\u2011", "-").replace("\u2044", "/")


def _trim(candidate: str) -> str:
    """Strip sentence punctuation and unbalanced closing brackets off the end."""
    while candidate:
        last = candidate[-1]
        if (
            last in _TRAILING
            or last in _PAIRS
            and candidate.count(last) > candidate.count(_PAIRS[last])
        ):
            candidate = candidate[:-1]
        else:
            break
    return candidate


def _from_url(text: str) -> str:
    """For a resolver URL, the DOI is the whole path (a query or fragment is not)."""
    try:
        parts = urlsplit(text)
    except ValueError:
        return text
    if parts.scheme not in ("http", "https"):
        return text
    # On a resolver the DOI is the path; elsewhere the DOI may stand inside the path.
    # A query or fragment is never part of it (a DOI's own ? and # come encoded).
    return parts.path.lstrip("/") if parts.netloc.lower() in _RESOLVER_HOSTS else parts.path


def find_dois(text: str) -> list[str]:
    """Every distinct DOI in ``text``, normalised, in order of first appearance."""
    text = _clean(text)
    found: list[str] = []
    for token in re.split(r"\s+", text):
        token = _from_url(_trim(token.lstrip("<\"'([{")))
        if _PERCENT_RE.search(token):
            token = unquote(token)
        for match in _DOI_RE.finditer(token):
            doi = _trim(match.group(0)).lower()
            if "/" in doi and doi not in found:
                found.append(doi)
    return found


def parse_doi(text: str) -> str:
    """The one DOI in ``text``, normalised to lower case.

    Raises :class:`InvalidIdentifier`, quoting the input, when there is none or
    when the text holds several different DOIs.
    """
    dois = find_dois(text)
    shown = text if len(text) <= 80 else text[:77] + "..."
    if not dois:
        raise InvalidIdentifier(
            f"not a DOI: {shown!r}",
            hint="give a DOI such as 10.1093/bjsw/bcad019 or https://doi.org/10.1093/bjsw/bcad019",
        )
    if len(dois) > 1:
        raise InvalidIdentifier(
            f"{shown!r} holds {len(dois)} DOIs", hint="give them as separate arguments"
        )
    return dois[0]


def is_doi(text: str) -> bool:
    try:
        parse_doi(text)
    except InvalidIdentifier:
        return False
    return True


def same_doi(a: str, b: str) -> bool:
    """DOIs compare case-insensitively (and in any pasted form)."""
    return parse_doi(a) == parse_doi(b)


def doi_url_path(doi: str, *, crossref: bool = False) -> str:
    """``doi`` ready to put in a request path: the characters the DOI Handbook
    reserves (and, for Crossref, ``<`` and ``>``) percent-encoded; ``/`` kept."""
    table = _CROSSREF_ENCODE if crossref else _URL_ENCODE
    return "".join(table.get(ch, ch) for ch in doi)


def doi_url(doi: str) -> str:
    """The canonical https://doi.org/ link for a DOI."""
    return "https://doi.org/" + doi_url_path(doi)


_ORCID_RE = re.compile(r"(\d{4})-?(\d{4})-?(\d{4})-?(\d{3}[\dXx])")


def orcid_check_digit(base_digits: str) -> str:
    """ISO 7064 MOD 11-2 check character for the first 15 digits of an ORCID iD."""
    total = 0
    for digit in base_digits:
        total = (total + int(digit)) * 2
    result = (12 - total % 11) % 11
    return "X" if result == 10 else str(result)


def normalise_orcid(value: str | None) -> str | None:
    """``https://orcid.org/XXXX-XXXX-XXXX-XXXX`` for any pasted form of an ORCID iD,
    or None when ``value`` holds none or its check digit is wrong."""
    if not value:
        return None
    match = _ORCID_RE.search(str(value))
    if not match:
        return None
    digits = "".join(match.groups()).upper()
    if orcid_check_digit(digits[:15]) != digits[15]:
        return None
    return "https://orcid.org/" + "-".join(digits[i : i + 4] for i in range(0, 16, 4))
