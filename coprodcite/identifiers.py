"""Identifiers of works and people (DOI, ISBN, arXiv, PMID, PMCID, ORCID): parsing,
check digits and normalising. Pure functions.

Users paste DOIs in many forms: bare (``10.1093/bjsw/bcad019``), with a scheme
(``doi:``, ``info:doi/``, ``urn:doi:``), as resolver URLs (``https://doi.org/``,
``http://dx.doi.org/``), percent-encoded, in any case, wrapped in punctuation or
inside a sentence. :func:`parse_doi` accepts all of them; :func:`find_dois` finds
every DOI in free text. DOIs are case-insensitive, so the normal form is lower case.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
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


# -- ISBN, arXiv, PubMed: other identifiers a user pastes ---------------------------

ISBN = "isbn"
ARXIV = "arxiv"
PMID = "pmid"
PMCID = "pmcid"
DOI = "doi"


@dataclass(frozen=True)
class Identifier:
    """One identifier of a work, normalised: a DOI in lower case, an ISBN as its 13
    digits, an arXiv id without its version, a PMID's digits, a PMCID as ``PMC`` and
    digits."""

    kind: str
    value: str

    def __str__(self) -> str:
        return {
            ISBN: "ISBN {}",
            ARXIV: "arXiv:{}",
            PMID: "PMID {}",
            PMCID: "{}",
            DOI: "{}",
        }[self.kind].format(self.value)


def _isbn10_check(digits: str) -> str:
    total = sum((10 - i) * int(d) for i, d in enumerate(digits[:9]))
    check = (11 - total % 11) % 11
    return "X" if check == 10 else str(check)


def _isbn13_check(digits: str) -> str:
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(digits[:12]))
    return str((10 - total % 10) % 10)


def normalise_isbn(text: str) -> str:
    """The 13 digits of an ISBN-10 or ISBN-13 written in any common way (hyphens,
    spaces, an ``ISBN`` label). Raises :class:`InvalidIdentifier`, naming the ISBN,
    when its length or check digit is wrong."""
    written = re.sub(r"(?i)^\s*isbn(?:-1[03])?:?\s*", "", _clean(text)).strip()
    digits = re.sub(r"[\s\-\u2010-\u2015]", "", written).upper()
    if not re.fullmatch(r"\d{9}[\dX]|97[89]\d{10}", digits):
        raise InvalidIdentifier(
            f"not an ISBN: {text.strip()[:40]!r}",
            hint="an ISBN has 10 or 13 digits, such as 978-1-4473-5959-0",
        )
    expected = _isbn10_check(digits) if len(digits) == 10 else _isbn13_check(digits)
    if digits[-1] != expected:
        raise InvalidIdentifier(
            f"ISBN {written} has a wrong check digit ({digits[-1]}, expected {expected})",
            hint="check it for typos against the book's copyright page",
        )
    if len(digits) == 10:
        digits = "978" + digits[:9]
        digits += _isbn13_check(digits)
    return digits


#: arXiv archives of old-style identifiers (archive[.subject-class]/YYMMNNN)
_ARXIV_ARCHIVES = (
    "acc-phys|adap-org|alg-geom|ao-sci|astro-ph|atom-ph|bayes-an|chao-dyn|chem-ph|cmp-lg|"
    "comp-gas|cond-mat|cs|dg-ga|funct-an|gr-qc|hep-ex|hep-lat|hep-ph|hep-th|math-ph|math|"
    "mtrl-th|nlin|nucl-ex|nucl-th|patt-sol|physics|plasm-ph|q-alg|q-bio|quant-ph|solv-int|"
    "supr-con|q-fin|stat|econ|eess"
)
_ARXIV_NEW = r"(?:0[7-9]|[1-9]\d)(?:0[1-9]|1[0-2])\.\d{4,5}"
_ARXIV_OLD = rf"(?:{_ARXIV_ARCHIVES})(?:\.[A-Za-z]{{2}})?/\d{{7}}"
_ARXIV_ID = rf"(?P<arxiv>{_ARXIV_NEW}|{_ARXIV_OLD})(?:v\d+)?"
# In running text an arXiv id needs its label or its address: "1593.1601" is a page range.
_ARXIV_IN_TEXT = re.compile(
    rf"(?:\barxiv\s*:\s*|\barxiv\.org/(?:abs|pdf)/){_ARXIV_ID}(?![\d.])", re.IGNORECASE
)
_ARXIV_WHOLE = re.compile(rf"(?:arxiv\s*:\s*)?{_ARXIV_ID}(?:\.pdf)?", re.IGNORECASE)

_PMCID_RE = re.compile(r"(?<![A-Za-z0-9])PMC\s?(\d{4,9})\b", re.IGNORECASE)
_PMID_IN_TEXT = re.compile(
    r"(?:\bPMID\s*:?\s*|pubmed\.ncbi\.nlm\.nih\.gov/|ncbi\.nlm\.nih\.gov/pubmed/)(\d{1,9})\b",
    re.IGNORECASE,
)
_PMID_WHOLE = re.compile(r"(?:pmid\s*:?\s*)?(\d{1,9})", re.IGNORECASE)
# An ISBN in text: labelled (any length), or a 13-digit 978/979 number however hyphenated.
_ISBN_LABELLED = re.compile(
    r"\bISBN(?:-1[03])?\s*:?\s*((?:\d[\s\-\u2010-\u2015]?){9}[\dXx](?:[\s\-\u2010-\u2015]?\d){0,3})\b",
    re.IGNORECASE,
)
_ISBN_BARE = re.compile(r"(?<![\d.\-/])97[89](?:[\s\-\u2010-\u2015]?\d){10}(?![\d\-/])")


def _arxiv_value(match: re.Match[str]) -> str:
    found = match.group("arxiv")
    archive, _, number = found.rpartition("/")
    return f"{archive.lower()}/{number}" if archive else found


def scan_identifiers(
    text: str, *, whole: bool = False
) -> tuple[list[Identifier], list[InvalidIdentifier]]:
    """Every distinct identifier in ``text`` (DOIs, ISBNs, arXiv ids, PMIDs, PMCIDs) in
    the order they appear, and an error for each one written with a wrong check digit.

    In running text an arXiv id, a PMID or an ISBN-10 counts only with its label or
    address (``arXiv:``, ``PMID``, ``ISBN``, ``arxiv.org/abs/``); with ``whole``, the
    text is one command-line argument and may be the bare identifier (``2301.00001``,
    ``hep-th/9901001``, ``31452104``, ``0-19-852663-6``)."""
    text = _clean(text)
    found: list[tuple[int, Identifier]] = []
    errors: list[InvalidIdentifier] = []
    for doi in find_dois(text):
        found.append((max(0, text.lower().find(doi[:12])), Identifier(DOI, doi)))
    if whole and not found:
        bare = _whole_identifier(text.strip(), errors)
        if bare is not None or errors:
            return ([bare] if bare else []), errors
    doi_spans = _doi_spans(text)
    for match in _ARXIV_IN_TEXT.finditer(text):
        found.append((match.start(), Identifier(ARXIV, _arxiv_value(match))))
    for match in _PMCID_RE.finditer(text):
        found.append((match.start(), Identifier(PMCID, "PMC" + match.group(1))))
    for match in _PMID_IN_TEXT.finditer(text):
        found.append((match.start(), Identifier(PMID, str(int(match.group(1))))))
    for pattern in (_ISBN_LABELLED, _ISBN_BARE):
        for match in pattern.finditer(text):
            if any(start <= match.start() < end for start, end in doi_spans):
                continue
            written = match.group(1) if match.groups() else match.group(0)
            try:
                found.append((match.start(), Identifier(ISBN, normalise_isbn(written))))
            except InvalidIdentifier as error:
                errors.append(error)
    ordered: list[Identifier] = []
    for _, identifier in sorted(found, key=lambda pair: pair[0]):
        if identifier not in ordered:
            ordered.append(identifier)
    return ordered, _distinct(errors)


def _doi_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _DOI_RE.finditer(text)]


def _distinct(errors: list[InvalidIdentifier]) -> list[InvalidIdentifier]:
    seen: dict[str, InvalidIdentifier] = {}
    for error in errors:
        seen.setdefault(error.message, error)
    return list(seen.values())


def _whole_identifier(text: str, errors: list[InvalidIdentifier]) -> Identifier | None:
    """A command-line argument that is one bare identifier, or None."""
    if match := _ARXIV_WHOLE.fullmatch(text):
        return Identifier(ARXIV, _arxiv_value(match))
    if match := re.fullmatch(r"(?:pmcid\s*:?\s*)?PMC\s?(\d{4,9})", text, re.IGNORECASE):
        return Identifier(PMCID, "PMC" + match.group(1))
    digits = re.sub(r"[\s\-\u2010-\u2015]", "", re.sub(r"(?i)^isbn(?:-1[03])?:?", "", text))
    if re.fullmatch(r"\d{9}[\dXx]|\d{13}", digits) and (
        len(digits) == 10 or digits.startswith(("978", "979"))
    ):
        try:
            return Identifier(ISBN, normalise_isbn(text))
        except InvalidIdentifier as error:
            errors.append(error)
            return None
    if (match := _PMID_WHOLE.fullmatch(text)) and int(match.group(1)) > 0:
        return Identifier(PMID, str(int(match.group(1))))
    return None


def find_identifiers(text: str, *, whole: bool = False) -> list[Identifier]:
    """The identifiers :func:`scan_identifiers` finds, leaving out wrong ones."""
    return scan_identifiers(text, whole=whole)[0]


def arxiv_doi(arxiv_id: str) -> str:
    """The DOI arXiv registers at DataCite for an (unversioned) arXiv id."""
    return f"10.48550/arxiv.{arxiv_id.lower()}"
