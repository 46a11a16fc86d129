"""A reference list as separate references: one per line or paragraph.

Numbering and bullets ("[12]", "12.", "(12)", "•") are stripped. Inside a paragraph
that has line breaks, a line starts a new reference when it is numbered or bulleted,
or when it begins the way references begin (a name, or text with its own year) after
a line that reads as finished; any other line continues the reference before it (a
hard-wrapped text file, a reference broken where a PDF broke it). A heading such as
"References" is not a reference.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from coprodcite.manuscripts.readers import Paragraph

#: headings of reference lists, lower case, in the languages manuscripts come in
REFERENCE_HEADINGS = frozenset(
    {
        "references", "reference list", "list of references", "bibliography",
        "select bibliography", "works cited", "literature cited", "cited literature",
        "references cited", "sources", "works consulted", "literature", "further reading",
        "notes and references", "references and notes",
        # German, French, Spanish, Portuguese, Italian, Dutch, Scandinavian, Finnish, Polish
        "literatur", "literaturverzeichnis", "quellen", "quellenverzeichnis",
        "bibliographie", "références", "références bibliographiques", "referencias",
        "referencias bibliográficas", "bibliografía", "referências",
        "referências bibliográficas", "bibliografia", "riferimenti bibliografici",
        "referenties", "literatuur", "literatuurlijst", "litteratur", "referenser", "källor",
        "kirjallisuus", "lähteet", "piśmiennictwo", "literatura",
        # Russian, Chinese, Japanese, Korean
        "список литературы", "литература", "参考文献", "引用文献", "참고문헌",
    }
)  # fmt: skip

_MARKER = re.compile(
    r"^\s*(?:\[\d{1,4}\]|\(\d{1,4}\)|(?!(?:1[5-9]|20)\d\d\b)\d{1,4}(?:[.)](?=\s)|\s(?=[A-Z]))|"
    r"[\u2022\u00b7\u25aa\u25e6\u25cf\u25cb\u25a0\u25a1\u25ba\u2023\u2043*+\-\u2013\u2014])\s*"
)
_YEAR = re.compile(r"(?<![\d])(1[5-9]\d\d|20\d\d)[a-z]?(?![\d])|\bn\.\s?d\.|\bin press\b")
#: how references begin: "Smith, J.", "Smith JA,", "J. Smith", "van der Berg, A.",
#: "World Health Organization." ...
_NAME_START = re.compile(
    r"^(?:(?:[a-z]{1,4}\s){0,3}[A-Z\u00c0-\u024f][\w'\u2019\-]+,\s|"  # Family, ...
    r"[A-Z\u00c0-\u024f][\w'\u2019\-]+\s[A-Z]{1,3}[,.\s]|"  # Vancouver: Family AB,
    r"[A-Z]\.\s?(?:[A-Z]\.\s?)*[A-Z\u00c0-\u024f][\w'\u2019\-]+)"  # J. Smith
)
_FINISHED = re.compile(r"(?:[.)\]!?\u201d\"']|\d|/\S+)\s*$")
_CONTINUES = re.compile(r"(?:[-\u2010,;:&(]|\band|\bin|\bet)\s*$", re.IGNORECASE)


def strip_marker(text: str) -> str:
    """``text`` without a leading number or bullet ("[3] ", "3. ", "• ")."""
    return _MARKER.sub("", text, count=1)


def is_heading(text: str) -> bool:
    folded = unicodedata.normalize("NFC", text).strip().strip("#*_:.").strip().casefold()
    return folded in REFERENCE_HEADINGS


def _starts_reference(line: str, group: list[str]) -> bool:
    """Whether ``line`` begins a new reference after the lines of ``group``."""
    previous = group[-1]
    stripped = line.strip()
    if _MARKER.match(line) and strip_marker(line) != line:
        return True
    if not stripped or not stripped[0].isupper() and not stripped[0].isdigit():
        # lower case (or punctuation) goes on from the line before, unless it is a
        # particle beginning a name: "van der Berg, A."
        return bool(_NAME_START.match(stripped)) and _FINISHED.search(previous) is not None
    if _CONTINUES.search(previous) or not _FINISHED.search(previous):
        return False
    if stripped[0].isdigit():
        return False
    if _NAME_START.match(stripped):
        return True
    # a line with its own year after a reference that had one: a reference without a
    # personal author ("Department of Health (2020) ...")
    return (
        bool(_YEAR.search(stripped))
        and any(_YEAR.search(earlier) for earlier in group)
        and len(stripped) > 30
    )


def _join(lines: list[str]) -> str:
    out = ""
    for line in lines:
        line = line.strip()
        if out.endswith("-") and line[:1].islower() and out[-2:-1].isalpha():
            out = out[:-1] + line  # a word hyphenated at the line end
        elif out.endswith(("/", "-")) and not line[:1].isspace() and "://" in out.split()[-1]:
            out += line  # a URL or DOI broken over two lines
        else:
            out = f"{out} {line}" if out else line
    return out


def split_paragraph(text: str) -> list[str]:
    """The references in one paragraph (its lines split or joined as above)."""
    lines = [line for line in text.split("\n") if line.strip()]
    groups: list[list[str]] = []
    for line in lines:
        if groups and not _starts_reference(line, groups[-1]):
            groups[-1].append(line)
        else:
            groups.append([line])
    return [strip_marker(_join(group)).strip() for group in groups]


def references(paragraphs: Iterable[Paragraph]) -> list[str]:
    """Every reference in ``paragraphs``, in order; headings and blank ones left out."""
    out: list[str] = []
    for paragraph in paragraphs:
        if paragraph.heading or is_heading(paragraph.text):
            continue
        for reference in split_paragraph(paragraph.text):
            if reference and not is_heading(reference):
                out.append(" ".join(reference.split()))
    return out


_VOLUME_PAGES = re.compile(
    r"\d+\s*\(\d+\)|\bpp?\.\s*\d|\bvol\.?\s*\d|\d+\s*[:;,]\s*\d+\s*[-\u2013]\s*\d+", re.IGNORECASE
)


def looks_like_reference(text: str) -> bool:
    """Whether a line reads as a reference rather than prose or a heading: a year, and
    names where references begin, or a volume, issue or pages."""
    stripped = strip_marker(text).strip()
    if not _YEAR.search(stripped) or len(stripped.split()) < 4:
        return False
    return bool(_NAME_START.match(stripped) or _VOLUME_PAGES.search(stripped))
