"""Small pure helpers shared by the tagged formats (RIS, MEDLINE, EndNote)."""

from __future__ import annotations

import re
from typing import Any

from coprodcite.model import Contributor

_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for m in names
}
_NUMERIC_DATE = re.compile(r"^\s*(\d{4})(?:[/\-.](\d{1,2})?(?:[/\-.](\d{1,2})?)?)?(?:[/\s].*)?$")
_COMPACT_DATE = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})\s*$")
_WORDY_DATE = re.compile(r"^\s*(\d{4})\s+([A-Za-z]{3,9})\.?(?:\s+(\d{1,2}))?\b")
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
_KEY = re.compile(r"^[A-Za-z][A-Za-z0-9_:.+\-]{0,99}$")
_INITIALS = re.compile(r"^(?:[A-Z]\.?-?){1,3}$")
_ORGANISATION_WORDS = re.compile(
    r"\b(group|consortium|committee|organi[sz]ation|institute|university|association|"
    r"collaboration|collaborators|society|council|team|network|foundation|agency|ministry|"
    r"department|cent(?:re|er)|inc|ltd|office|board|trust|service|services|project)\b",
    re.IGNORECASE,
)
_SUFFIXES = frozenset(["jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "v"])


def _parts(year: str, month: Any = None, day: Any = None) -> list[int] | None:
    if not int(year):
        return None  # "0000": no date
    parts = [int(year)]
    if month and 1 <= int(month) <= 12:
        parts.append(int(month))
        if day and 1 <= int(day) <= 31:
            parts.append(int(day))
    return parts


def parse_date(text: str | None) -> dict[str, Any] | None:
    """A CSL date from the forms tagged formats use: ``2020/05/01/``, ``2014//``,
    ``2024-02-01``, ``20201005``, ``2020 Feb 15``; other text with a year gives
    that year, text without one a literal date."""
    text = (text or "").strip()
    if not text:
        return None
    match = _WORDY_DATE.match(text)
    if match and match.group(2).lower() in _MONTHS:
        parts = _parts(match[1], _MONTHS[match[2].lower()], match[3])
        return {"date-parts": [parts]} if parts else None
    for pattern in (_COMPACT_DATE, _NUMERIC_DATE):
        match = pattern.match(text)
        if match:
            parts = _parts(*match.groups())
            return {"date-parts": [parts]} if parts else None
    year = _YEAR.search(text)
    return {"date-parts": [[int(year[1])]]} if year else {"literal": text}


def write_date(date: Any) -> str | None:
    """``YYYY/MM/DD/`` (or ``YYYY/MM//``) for a date more precise than a year;
    a literal date as it is. Year-only dates are written as PY alone."""
    if not isinstance(date, dict):
        return None
    if date.get("literal"):
        return str(date["literal"])
    parts = (date.get("date-parts") or [[]])[0]
    if len(parts) < 2:
        return None
    cells = [str(parts[0])]
    for part in parts[1:3]:  # month and day: numbers (a month read as text is left out)
        if not str(part).strip().isdigit():
            break
        cells.append(f"{int(part):02d}")
    if len(cells) < 2:
        return None
    return "/".join((cells + ["", ""])[:3]) + "/"


def clean_key(text: str | None) -> str | None:
    """A citation key from a file's ID, if it looks like one (not a number or an
    accession code such as ``ED395726``: a key has a lower-case letter)."""
    text = (text or "").strip()
    return text if _KEY.match(text) and any(c.islower() for c in text) else None


def split_pages(page: Any) -> tuple[str | None, str | None]:
    if not page:
        return None, None
    start, _, end = str(page).replace("–", "-").partition("-")
    return start.strip() or None, end.strip() or None


def contributor_from_text(text: str, role: str) -> Contributor:
    """A name as tagged formats write it: ``Family, Given[, Suffix]``; without a comma,
    ``Family INITIALS`` (Vancouver) or ``Given Family``; organisations stay whole."""
    raw = " ".join(text.split())
    original = {"literal": raw}
    if "," in raw:
        family, _, rest = (p.strip() for p in raw.partition(","))
        given, _, suffix = (p.strip() for p in rest.partition(","))
        if suffix and suffix.lower() not in _SUFFIXES:
            given, suffix = rest, ""
        return Contributor(
            role=role, family=family or None, given=given or None, suffix=suffix or None,
            original=original,
        )  # fmt: skip
    tokens = raw.split(" ")
    if _ORGANISATION_WORDS.search(raw) or len(tokens) >= 5:
        return Contributor(role=role, literal=raw or None, original=original)
    if len(tokens) == 1:
        return Contributor(role=role, family=raw or None, original=original)
    if _INITIALS.match(tokens[-1]):
        return Contributor(
            role=role, family=" ".join(tokens[:-1]), given=tokens[-1], original=original
        )
    return Contributor(role=role, given=" ".join(tokens[:-1]), family=tokens[-1], original=original)


def name_to_text(c: Contributor) -> str:
    """``Family, Given[, Suffix]`` (particles kept with the family), or the literal name."""
    if c.literal and not c.family:
        return c.literal
    family = " ".join(p for p in (c.non_dropping_particle, c.family) if p)
    given = " ".join(p for p in (c.given, c.dropping_particle) if p)
    return ", ".join(p for p in (family, given, c.suffix) if p)


def plain(rich: str) -> str | None:
    from coprodcite.markup import plain_text

    return plain_text(rich) if rich else None
