"""Citations written in a manuscript's text, and the reference entries they point to.

Two families are found:

- author-date, in parentheses ("(Fillingham et al., 2023)", "(Smith, 2020a, 2020b;
  Jones 2019, p. 4)", "(see Smith & Jones, 2020)", "(World Health Organization, 2020)")
  or narrative ("Fillingham et al. (2023)", "Smith and Jones (2020)");
- numbered, in brackets ("[1]", "[1-3]", "[1–3]", "[2, 5, 7]"); superscript numbers of a
  Word file reach here as brackets too (see :mod:`coprodcite.manuscripts.sections`).

An author-date citation is tied to the entries whose first author's family name and
year agree (a second name too, for "Smith & Jones"); a year suffix ("2020a") or
initials ("J. Smith, 2020") decide between two entries of one name and year. A number is
tied to the entry at that place in the list. Pure functions, no I/O.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

#: a capital (Latin, Greek, Cyrillic), or a letter of a script without case (Hangul,
#: kana, CJK)
_INITIAL = (
    r"[A-Z\u00c0-\u00de\u0100-\u024f\u0391-\u03a9\u0400-\u042f"
    r"\u1100-\u11ff\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]"
)
#: particles before a family name; capitalised too where the name stands alone ("De Vries")
_PARTICLES = (
    r"(?:[Vv]an|[Vv]on|[Dd]e|[Dd]er|[Dd]en|[Dd]es|[Dd]u|[Dd]a|[Dd]i|[Dd]el|[Dd]ella|[Ll]e|[Ll]a|"
    r"[Ll]os|[Ll]as|[Dd]os|[Tt]en|[Tt]er|y)"
)
_NAME = rf"(?:{_PARTICLES}\s+)*{_INITIAL}[\w'\u2019\-]+"
_ORG_WORD = rf"(?:{_INITIAL}[\w'\u2019\-]+|of|for|and|the|on|at|to|in|und|für|et|&|{_PARTICLES})"
#: "et al." and its equivalents in the languages manuscripts are commonly written in
_ET_AL_WORDS = (
    r"(?:et\s+al\.?|et\s+alii|u\.\s?a\.|et\s+coll\.?|y\s+cols?\.|m\.\s?fl\.|ym\.|"
    r"i\s+in\.|e\.\s?a\.|\u0438\s+\u0434\u0440\.|and\s+others|and\s+colleagues)"
)
#: "and" between two names: English, German, French, Dutch, Swedish, Norwegian and Danish,
#: Russian ("y" and "e" are left out: "Ortega y Gasset" and "Costa e Silva" are one name)
_AND = r"(?:and|&|und|et|en|och|og|\u0438)"
_YEAR_TOKEN = r"(?:1[5-9]\d\d|20\d\d)[a-z]?|n\.\s?d\.|in\s+press|forthcoming"
_YEARS = rf"(?:{_YEAR_TOKEN})(?:\s*,\s*(?:{_YEAR_TOKEN}|[a-z]\b))*"
_PREFIX = re.compile(
    r"^(?:see\s+also|see|e\.\s?g\.|i\.\s?e\.|cf\.|compare|as\s+in|also|but\s+see|for\s+example)"
    r"[,:]?\s+",
    re.IGNORECASE,
)
#: one part of a parenthetical citation: "Smith & Jones, 2020a, 2020b, p. 4"
_PART = re.compile(
    rf"^(?P<names>.+?),?\s+(?P<years>{_YEARS})(?:\s*[,:]\s*(?P<locator>.+))?$", re.DOTALL
)
_PAREN = re.compile(r"\(([^()]{4,400})\)")
_NARRATIVE = re.compile(
    rf"(?P<names>{_NAME}(?:\s+{_ET_AL_WORDS}|(?:(?:,\s*|\s+){_AND}\s+|,\s+){_NAME})*"
    rf"(?:\s+{_ET_AL_WORDS})?)"
    rf"(?:'s|\u2019s)?\s+\((?P<years>{_YEARS})(?:\s*[,:]\s*(?P<locator>[^()]{{1,40}}))?\)"
)
_NUMBERED = re.compile(
    r"\[(?P<numbers>\d{1,4}(?:\s*[-\u2010-\u2014]\s*\d{1,4})?"
    r"(?:\s*[,;]\s*\d{1,4}(?:\s*[-\u2010-\u2014]\s*\d{1,4})?)*)\]"
)
_INITIALS = re.compile(r"^((?:[A-Z]\.\s?-?)+)\s*")
_ET_AL = re.compile(rf"\s+{_ET_AL_WORDS}$")
_NAME_SPLIT = re.compile(rf"\s*(?:,\s*{_AND}\s+|\s+{_AND}\s+|,\s*)\s*")
_YEAR_IN_ENTRY = re.compile(r"(?<!\d)((?:1[5-9]\d\d|20\d\d)([a-z]?))(?!\d)|\b(n\.\s?d\.)")
_WORD = re.compile(r"[^\W\d_][\w'\u2019\-]*")


def fold(text: str) -> str:
    """Lower case without accents, for comparing names."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("\u2019", "'")


@dataclass(frozen=True)
class Cited:
    """One work a citation names: family names (or an organisation), a year with its
    suffix, initials if written; or a number."""

    names: tuple[str, ...] = ()
    year: str = ""  # "2020", "n.d."
    suffix: str = ""  # "a" of "2020a"
    initials: str = ""  # "J" of "J. Smith"
    et_al: bool = False
    number: int | None = None


@dataclass
class Citation:
    text: str  # as written
    start: int  # offset in its paragraph
    kind: str  # "author-date" | "numbered"
    cited: list[Cited] = field(default_factory=list)


# -- reading citations ----------------------------------------------------------------


def _names(text: str) -> tuple[tuple[str, ...], bool, str] | None:
    """(family names, et al., initials) of "Smith & Jones", "Fillingham et al.",
    "J. Smith", "World Health Organization"; None for what is not names."""
    text = _PREFIX.sub("", text.strip()).strip(" ,;")
    initials = ""
    if found := _INITIALS.match(text):
        initials = re.sub(r"[^A-Z]", "", found.group(1))
        text = text[found.end() :]
    text = re.sub(r"['\u2019]s$", "", text)  # "Smith's (2020)"
    et_al = bool(_ET_AL.search(text))
    text = _ET_AL.sub("", text)
    if not text or not re.match(_NAME, text):
        return None
    parts = [p for p in _NAME_SPLIT.split(text) if p]
    # a name may be several words: "García Márquez", "Sung Hyun Kim"
    if all(re.fullmatch(rf"{_NAME}(?:\s+{_NAME}){{0,3}}", p) for p in parts):
        return tuple(parts), et_al, initials
    if re.fullmatch(rf"{_ORG_WORD}(?:\s+{_ORG_WORD}){{0,12}}", text):
        return (text,), et_al, initials  # an organisation
    return None


def _years(text: str) -> list[tuple[str, str]]:
    """[(year, suffix)] of "2020a, 2020b" or "2020a, b"."""
    out: list[tuple[str, str]] = []
    for token in re.split(r"\s*,\s*", text.strip()):
        if re.fullmatch(r"[a-z]", token) and out:
            out.append((out[-1][0], token))
        elif found := re.fullmatch(r"(\d{4})([a-z]?)", token):
            out.append((found.group(1), found.group(2)))
        elif token:
            out.append(("n.d." if token.startswith("n") else token, ""))
    return out


def _parenthetical(inside: str) -> list[Cited]:
    out: list[Cited] = []
    for part in re.split(r"\s*;\s*", inside):
        found = _PART.match(part.strip())
        if not found:
            return []
        names = _names(found.group("names"))
        if names is None:
            return []
        families, et_al, initials = names
        for year, suffix in _years(found.group("years")):
            out.append(Cited(families, year, suffix, initials, et_al))
    return out


def _numbers(text: str) -> list[int]:
    out: list[int] = []
    for part in re.split(r"\s*[,;]\s*", text):
        ends = [int(n) for n in re.split(r"\s*[-\u2010-\u2014]\s*", part) if n]
        if len(ends) == 2 and 0 < ends[1] - ends[0] < 500:
            out.extend(range(ends[0], ends[1] + 1))
        else:
            out.extend(ends[:1])
    return out


def find_citations(paragraph: str) -> list[Citation]:
    """The citations in one paragraph of body text, in order."""
    found: list[Citation] = []
    taken: list[tuple[int, int]] = []
    for match in _NARRATIVE.finditer(paragraph):
        names = _names(match.group("names"))
        if names is None:
            continue
        families, et_al, initials = names
        cited = [Cited(families, y, s, initials, et_al) for y, s in _years(match.group("years"))]
        found.append(Citation(match.group(0), match.start(), "author-date", cited))
        taken.append(match.span())
    for match in _PAREN.finditer(paragraph):
        if any(start <= match.start() < end for start, end in taken):
            continue
        cited = _parenthetical(match.group(1))
        if cited:
            found.append(Citation(match.group(0), match.start(), "author-date", cited))
    for match in _NUMBERED.finditer(paragraph):
        cited = [Cited(number=n) for n in _numbers(match.group("numbers"))]
        found.append(Citation(match.group(0), match.start(), "numbered", cited))
    return sorted(found, key=lambda c: c.start)


# -- the entries they point to ----------------------------------------------------------


@dataclass(frozen=True)
class EntryKey:
    """What a citation can be tied on in a reference entry."""

    families: tuple[str, ...]  # folded words of the author part, in order
    year: str
    suffix: str
    initials: str  # initials of the first author, if written
    several: bool = False  # the author part names more than one author


def entry_key(text: str) -> EntryKey:
    """The author part (before the first year, or up to the title in a Vancouver
    entry) and year of a reference entry."""
    year_match = _YEAR_IN_ENTRY.search(text)
    year, suffix = "", ""
    head = text[:200]
    if year_match:
        if year_match.group(3):
            year = "n.d."
        else:
            year, suffix = year_match.group(1)[:4], year_match.group(2)
        if year_match.start() < 200:
            head = text[: year_match.start()]
    words = tuple(fold(w) for w in _WORD.findall(head))
    initials = ""
    first = re.match(r"\s*[^\W\d_][\w'\u2019\-]+,?\s+((?:[A-Z]\.?\s?-?){1,3})\b", text)
    if first:
        initials = re.sub(r"[^A-Z]", "", first.group(1))
    else:
        before = re.match(r"\s*((?:[A-Z]\.\s?){1,3})[A-Z]", text)
        initials = re.sub(r"[^A-Z]", "", before.group(1)) if before else ""
    several = bool(_SEVERAL.search(head) or _VANCOUVER_TWO.match(text))
    return EntryKey(words, year, suffix, initials, several)


#: what joins a second author in an entry's author part: "&", "and", ";", "et al.", or
#: a Vancouver list ("Smith J, Jones K"); a given name written out ("Titangos, Hui-Lan
#: H.") is not a second author
_SEVERAL = re.compile(rf"&|\s{_AND}\s|;|\s{_ET_AL_WORDS}")
_VANCOUVER_TWO = re.compile(rf"^\s*{_NAME}\s+[A-Z]{{1,3}},\s*{_NAME}\s+[A-Z]{{1,3}}\b")
#: "———." or "---." standing for the authors of the entry before (Chicago, MLA)
_SAME_AUTHORS = re.compile(r"^\s*(?:[\u2012-\u2015\u2e3a\u2e3b]+|-{2,}|_{2,})\s*[.,]?")


def entry_keys(texts: list[str]) -> list[EntryKey]:
    """:func:`entry_key` of each entry of a list, an entry whose authors are a dash
    ("———. 2013b.") taking those of the entry before it."""
    out: list[EntryKey] = []
    for text in texts:
        dash = _SAME_AUTHORS.match(text)
        if dash and out:
            own = entry_key(text[dash.end() :])
            before = out[-1]
            out.append(
                EntryKey(before.families, own.year, own.suffix, before.initials, before.several)
            )
        else:
            out.append(entry_key(text))
    return out


def _name_fits(name: str, key: EntryKey, first: bool) -> bool:
    parts = tuple(fold(w) for w in _WORD.findall(name))
    if not parts:
        return False
    n = len(parts)
    spans = [key.families[i : i + n] for i in range(len(key.families) - n + 1)]
    if first:
        # the first author: at the start, after initials at most ("J. Smith")
        starts = 0
        while starts < len(key.families) and (
            len(key.families[starts]) == 1 or re.fullmatch(_PARTICLES, key.families[starts])
        ):
            starts += 1
        return any(span == parts for span in spans[: starts + 1])
    return parts in spans


def _fits(cited: Cited, key: EntryKey) -> bool:
    if not cited.names or cited.year != key.year:
        return False
    if not _name_fits(cited.names[0], key, first=True):
        return False
    return all(_name_fits(name, key, first=False) for name in cited.names[1:])


def resolve(cited: Cited, keys: list[EntryKey]) -> list[int]:
    """The indexes of the entries ``cited`` points to: one, or several when nothing
    decides between them, or none."""
    if cited.number is not None:
        return [cited.number - 1] if 0 < cited.number <= len(keys) else []
    fitting = [i for i, key in enumerate(keys) if _fits(cited, key)]
    if len(fitting) > 1 and cited.suffix:
        fitting = [i for i in fitting if keys[i].suffix == cited.suffix] or fitting
    if len(fitting) > 1 and cited.initials:
        fitting = [i for i in fitting if keys[i].initials.startswith(cited.initials)] or fitting
    if len(fitting) > 1 and len(cited.names) == 1 and not cited.et_al:
        # "Smith (2020)" is Smith alone, not Smith & Jones of the same year
        alone = [i for i in fitting if _single_author(keys[i], cited.names[0])]
        fitting = alone or fitting
    return fitting


def _single_author(key: EntryKey, name: str) -> bool:
    return not key.several
