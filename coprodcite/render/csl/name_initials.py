"""Initials of given names, as ``initialize-with`` asks (CSL 1.0.2, cs:name).

:func:`initialize` reduces each given name to its initial followed by the
``initialize-with`` text (``John Robert`` → ``J. R.``, ``Jean-Paul`` → ``J.-P.``);
what is already written as an abbreviation (a word ending in a period: ``Ph.``,
``Yu.``, ``AFS.``, ``Jas.``) is kept as written, as citeproc-js keeps it (CSL suite
name_InitialsInitializeTrue: ``ME.`` and ``Me.`` stay); a word whose second letters are
capitals keeps them as a lowercase tail (``TSerendorjiin`` → ``Ts.``), except the Dutch
digraph IJ, one letter (``IJsbrand`` → ``IJ.``), and a lowercase part after a hyphen is
dropped (``Guo-ping`` → ``G.``). :func:`normalize` (``initialize="false"``)
only rewrites the initials already there (``M.E`` → ``M. E.``) and keeps full names.
"""

from __future__ import annotations

import functools
import re

__all__ = ["initialize", "normalize", "starts_romanesque"]

# Letters of the scripts whose names take spaces and initials (Latin, Greek, Cyrillic,
# Hebrew without the conjunction vav, Arabic), as citeproc-js's "romanesque" class.
_ROMANESQUE = (
    "0-9a-zA-Z\u0080-\u017f\u0370-\u03ff\u0400-\u052f\u0590-\u05d4\u05d6-\u05ff"
    "\u0e01-\u0e5b\u1f00-\u1fff\u0600-\u06ff\u200c-\u200e\u0218-\u021b\u202a-\u202e"
)
_STARTS_ROMANESQUE = re.compile(f"^[&{_ROMANESQUE}]")
_HAS_ROMANESQUE = re.compile(f"[-{_ROMANESQUE}]")
_INITIAL = re.compile(
    "^([A-Z\u00c0-\u017f\u0400-\u042f\u0590-\u05ff\u0600-\u06ff\u0370-\u03ff])"
    "([a-zA-Z\u00c0-\u017f\u0400-\u052f\u0600-\u06ff\u0370-\u03ff\u1f00-\u1fff]*)(\\.)*"
)
_SPLIT = re.compile(r"[-\s]+")
# The Dutch letter IJ starts a word written "IJ" (or "Ij") before a consonant: IJsbrand.
_DUTCH_IJ = re.compile("^I[Jj](?=[^aeiouyAEIOUY.])")
_TRAILING_SPACE = re.compile("[\t\n\u000b\u000c\r \ufeff\u00a0]+$")
_EN_DASH = "\u2013"


def starts_romanesque(text: str) -> bool:
    """True when ``text`` starts with a letter of a script written with spaces."""
    return bool(_STARTS_ROMANESQUE.match(text))


def has_romanesque(text: str) -> bool:
    """True when ``text`` has any letter of a script written with spaces."""
    return bool(_HAS_ROMANESQUE.search(text))


def _split(given: str, hyphen: bool) -> tuple[list[str], list[str]]:
    """The words of ``given`` and the separators between them."""
    if not hyphen:
        given = given.replace("-", " ")
    given = re.sub(r"\s*-\s*", "-", given)
    given = re.sub(r"\s+", " ", given)
    given = re.sub(r"-([a-z])", _EN_DASH + r"\1", given)  # a lowercase part stays joined
    given = re.sub(r"\.(?=[^ ])", ". ", given)
    words = _SPLIT.split(given)
    seps = _SPLIT.findall(given)
    if not seps:
        tail = re.search(r"[^.]+$", words[0])
        if tail and len(tail.group()) == 1 and tail.group() != tail.group().lower():
            words[0] += "."
    return words, seps


def _leading_capitals(text: str) -> str:
    run = ""
    for char in text:
        if char != char.upper():
            break
        run += char
    return run


def _tidy(text: str) -> str:
    text = _TRAILING_SPACE.sub("", text.strip())
    text = re.sub(r"\s*-\s*", "-", text)
    return re.sub(r"[\t\n\u000b\u000c\r ]+", " ", text)


def _initial(word: str, match: re.Match[str]) -> str:
    """The initial of one word of a given name (without ``initialize-with``)."""
    head, rest = match.group(1), match.group(2)
    if rest and match.group(3):
        return head + rest  # an abbreviation ("Ph.", "Yu.", "AFS.", "Jas."): as written
    if _DUTCH_IJ.match(word):
        return "IJ"
    run = _leading_capitals(rest)
    return head + (run.lower() if len(run) < len(rest) else "")


@functools.lru_cache(maxsize=8192)  # names repeat: disambiguation, cites, entries, sorting
def initialize(given: str, init_with: str, hyphen: bool = True) -> str:
    """``given`` as initials each followed by ``init_with``."""
    if not given:
        return ""
    if given in ("Lord", "Lady") or not starts_romanesque(given):
        return given
    words, seps = _split(given, hyphen)
    out: list[str] = []
    for index, word in enumerate(words):
        sep = seps[index] if index < len(seps) else None
        match = _INITIAL.match(word)
        if match and match.group(1)[0] == match.group(1)[0].upper():
            out.append(_initial(word, match))
            if sep is None:
                out.append(init_with)
            else:
                out.append(init_with + sep if "-" in sep else init_with)
            continue
        if word and has_romanesque(word) and not (match and match.group(3)):
            word = " " + word
        out.append(word)
        if sep is not None:
            out.append(sep)
    return _tidy("".join(out)).replace(_EN_DASH, "-")


def normalize(given: str, init_with: str, hyphen: bool = True) -> str:
    """``given`` with the initials already in it followed by ``init_with``, its full
    names unchanged (``initialize="false"``)."""
    if not given or not starts_romanesque(given):
        return given
    words, seps = _split(given, hyphen)
    original = list(words)
    abbrev = []
    for index, word in enumerate(words):
        if len(word) > 1 and word.endswith("."):
            words[index] = word[:-1]
            abbrev.append(True)
        else:
            abbrev.append(len(word) == 1 and word.upper() == word)
    out: list[str] = []
    for index, word in enumerate(words):
        last = index == len(words) - 1
        if abbrev[index]:
            if last:
                word += init_with
            else:
                seps[index] = "" if abbrev[index + 1] else " "
                suffix = init_with
                if len(original[index + 1]) > 1:
                    suffix = suffix.rstrip("\ufeff")
                word += suffix
        out.append(word)
        if not last:
            out.append(seps[index])
    return _tidy("".join(out)).replace(_EN_DASH, "-")
