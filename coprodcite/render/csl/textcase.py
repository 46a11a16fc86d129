"""CSL ``text-case`` and ``strip-periods`` on rendered rich text (:mod:`.rich`).

The text of every leaf of a node is read as one string (inner affixes and delimiters,
and quotes, count as read-only separators), so a word can span leaves and "the first
word" is the first of the whole node. Words are then cased by position and shape, and
every writable leaf gets back its own part. Leaves with ``nocase`` keep their text but
still count as words.

Title case follows CSL 1.0.2 with citeproc-js's stop-word list (English only: other
languages are left alone):

* a word with any uppercase letter is kept as it is (``UK``, ``iPad``, ``A.N.``);
* a lowercase word is capitalized, unless it is a stop word (or part of a stop phrase
  such as "due to") that is neither the first or last word nor the first of a sentence
  (after ``:``, ``?`` or ``!``; not after ``.``, as citeproc-js), nor the first part of
  a hyphenated compound
  (``Out-of-Fashion``, ``In-Depth``); a stop word before a colon stays lowercase
  ("Material for: A Study"), as CSL 1.0.2 and citeproc-js have it;
* TeX is not text: math between dollars and commands after a backslash are left
  alone (``$\\sqrt{S_{\\rm NN}}$``);
* a single lowercase letter glued to what precedes it (``07-x``), heading a compound
  (``n-butyl``) or not a Latin letter (``β``) is left alone; a lone Latin letter is
  capitalized (``Int J``, ``Vitamin D``);
* a lone letter written together with digits (``t(13;17)``, ``p<0.05``) is left alone;
* a word glued by ``.`` or ``_`` to a letter or digit before it is part of one token and
  left alone (``Team.konkret``, ``data.tar.gz``);
* ``d'`` and ``l'`` before a word are stop words of their own (``l’Égypte``).

Sentence case: an all-uppercase string is lowercased; then the first word of each
sentence is capitalized, and other capitalized words (``Pen``) are lowercased; words in
all caps or mixed case (``UK``, ``iPad``) and single letters (``I``, ``A.N.``) are kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from coprodcite.render.csl.rich import Out

__all__ = ["CASES", "STOP_WORDS", "apply_case", "is_english", "strip_periods"]

CASES = ("lowercase", "uppercase", "capitalize-first", "capitalize-all", "sentence", "title")

# CSL 1.0.2, "Title case conversion": stop words are lowercased unless they are the first
# or last word or follow a colon. The list is citeproc-js's (CSL.SKIP_WORDS, 2.4.63): the
# specification's 1.0.1 list of 26 words grew to the prepositions, conjunctions and
# articles of this list. Its phrases ("due to") are not applied: citeproc-js matches the
# list one word at a time, so "due" is capitalized and "to" is not.
_SKIP_WORDS = str.split(
    "about above across afore after against al along alongside amid amidst among amongst "
    "anenst apropos apud around as aside astride at athwart atop barring before behind below "
    "beneath beside besides between beyond but by circa despite down during et except for "
    "forenenst from given in inside into lest like modulo near next notwithstanding of off on "
    "onto out over per plus pro qua sans since than through thru throughout thruout till to "
    "toward towards under underneath until unto up upon versus vs. v. vs v via vis-à-vis "
    "with within without or yet so and nor a an the de d' von van c ca"
)
# "l'" is not on the list, but citeproc-js leaves the elided article lowercase as it
# does "d'" (suite flipflop_Apostrophes: "de l’Égypte")
STOP_WORDS = frozenset(w.rstrip(".") for w in _SKIP_WORDS if "-" not in w) | {"l'"}
_STOP = STOP_WORDS

KEEP, LOWER, UPPER = 0, 1, 2

_WORD = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+(?:['\u2019](?:[^\W_]|[\u0300-\u036f])+)*")
_ELISION = re.compile(r"[dl]['\u2019](?=[^\W_])")
_HYPHENS = "-\u2010\u2011"
_SENTENCE_END = ":.?!"
# title case starts again after these only: citeproc-js does not capitalize a word after
# "." ("Thunb. by UHPLC"; CSL 1.0.2 names the colon)
_TITLE_RESTART = ":?!"
# skipped when looking back for the punctuation before a word
_OPENERS = "\"'\u201c\u2018\u00ab([{\u2019\u201d\u00bb"

# a quote mark around a quoted node: separates words, never written back
_QUOTE_MARK = '"'


class _Text:
    """The text of a node as one string, with the leaves that may be rewritten."""

    def __init__(self, node: Out) -> None:
        self.parts: list[str] = []
        self.pieces: list[tuple[int, int, Out]] = []  # start, end, writable leaf
        self.size = 0
        self.upper = False  # some writable letter is uppercase
        self.lower = False  # some writable letter is lowercase
        self._collect(node, root=True)
        self.text = "".join(self.parts)
        self.ops = bytearray(self.size)

    def _add(self, text: str, leaf: Out | None = None) -> None:
        if not text:
            return
        if leaf is not None:
            self.pieces.append((self.size, self.size + len(text), leaf))
            self.upper = self.upper or any(c.isupper() for c in text)
            self.lower = self.lower or any(c.islower() for c in text)
        self.parts.append(text)
        self.size += len(text)

    def _collect(self, node: Out, root: bool = False) -> None:
        fmt = node.fmt
        if not root:
            self._add(fmt.prefix)
        if fmt.quotes:
            self._add(_QUOTE_MARK)
        if node.text is not None:
            self._add(node.text, None if node.nocase else node)
        else:
            first = True
            for child in node.children:
                if child.is_empty():
                    continue
                if not first:
                    self._add(fmt.delimiter)
                first = False
                self._collect(child)
        if fmt.quotes:
            self._add(_QUOTE_MARK)
        if not root:
            self._add(fmt.suffix)

    def write_back(self, lang: str) -> None:
        """Apply ``ops`` to the writable leaves."""
        for start, end, leaf in self.pieces:
            ops = self.ops[start:end]
            if not any(ops):
                continue
            text = self.text[start:end]
            out: list[str] = []
            i = 0
            while i < len(text):
                j = i + 1
                while j < len(text) and ops[j] == ops[i]:
                    j += 1
                out.append(_convert(text[i:j], ops[i], lang))
                i = j
            leaf.text = "".join(out)


def _turkic(lang: str) -> bool:
    return lang[:2].lower() in ("tr", "az") and lang[2:3] in ("", "-", "_")


def _convert(text: str, op: int, lang: str) -> str:
    if op == LOWER:
        if _turkic(lang):
            text = text.replace("I", "\u0131").replace("\u0130", "i")
        return text.lower()
    if op == UPPER:
        if _turkic(lang):
            text = text.replace("i", "\u0130")
        return text.upper()
    return text


class _Word:
    """One word of the text with its position."""

    __slots__ = (
        "start",
        "end",
        "text",
        "first",
        "last",
        "sentence",
        "restart",
        "compound_head",
        "glued",
        "in_token",
    )

    def __init__(self, text: str, start: int, end: int) -> None:
        self.start = start
        self.end = end
        self.text = text[start:end]
        self.first = False
        self.last = False
        before = _look_back(text, start)
        self.sentence = before is not None and before[0] in _SENTENCE_END and before[1]
        self.restart = self.sentence and before is not None and before[0] in _TITLE_RESTART
        # directly after a hyphen, a period or a backtick, with no space: 07-x, node.js
        self.glued = start > 0 and text[start - 1] in _HYPHENS + ".`_"
        # after "x." or "_" with no space: part of one token (Team.konkret, data.tar.gz)
        self.in_token = start > 1 and text[start - 1] in "._" and text[start - 2].isalnum()
        self.compound_head = (
            end < len(text)
            and text[end] in _HYPHENS
            and not (start and text[start - 1] in _HYPHENS)
        )

    @property
    def lowercase(self) -> bool:
        return not any(c.isupper() for c in self.text)

    @property
    def capitalized(self) -> bool:
        return self.text[:1].isupper() and not any(c.isupper() for c in self.text[1:])


def _look_back(text: str, start: int) -> tuple[str, bool] | None:
    """The punctuation before ``start`` (skipping spaces and opening quotes) and whether
    a space was skipped."""
    spaced = False
    i = start - 1
    while i >= 0 and (text[i].isspace() or text[i] in _OPENERS):
        spaced = spaced or text[i].isspace()
        i -= 1
    if i < 0:
        return None
    return text[i], spaced


def _words(text: str) -> list[_Word]:
    words: list[_Word] = []
    for match in _WORD.finditer(text):
        start, end = match.span()
        elision = _ELISION.match(text, start, end)
        if elision:  # l'Égypte: "l'" is a word of its own
            words.append(_Word(text, start, start + 2))
            start += 2
        words.append(_Word(text, start, end))
    if words:
        words[0].first = True
        words[-1].last = True
    return words


def _capitalize(text: _Text, word: _Word) -> None:
    text.ops[word.start] = UPPER


def _title(text: _Text) -> None:
    words = _words(text.text)
    tex = _tex_spans(text.text)
    for word in words:
        if not word.lowercase or not word.text[0].isalpha() or _code(word.text):
            continue
        if tex and any(start <= word.start < end for start, end in tex):
            continue
        if len(word.text) == 1 and _in_code(text.text, word):
            continue
        start = word.first or word.restart
        if len(word.text) == 1:  # citeproc-js: a lone letter only at a start or before "-"
            if start or (word.compound_head and _latin_letter(word.text) and not word.glued):
                _capitalize(text, word)
            continue
        if start or word.last:
            _capitalize(text, word)
            continue
        if word.glued and word.in_token:
            continue
        stop = word.text.replace("\u2019", "'").lower() in _STOP
        if stop and not word.compound_head:
            continue
        _capitalize(text, word)


# TeX in a title: math between dollars and a command after a backslash are not words
# (``$\sqrt{S_{\rm NN}}$``, ``\emph``); citeproc-js leaves such tokens alone too, as
# they do not start with a letter.
_TEX = re.compile(r"\$[^$]*\$|\\[A-Za-z]+")


def _tex_spans(text: str) -> list[tuple[int, int]]:
    if "$" not in text and "\\" not in text:
        return []
    return [m.span() for m in _TEX.finditer(text)]


def _code(word: str) -> bool:
    """A word of letters and digits (``i3``, ``p53``, ``mp3``) is a name or code typed as
    it is meant (CMOS 8.153: keep the capitalization of such terms): not title-cased."""
    return any(c.isdigit() for c in word)


def _in_code(text: str, word: _Word) -> bool:
    """A lone letter written together with digits, with no space (``t(13;17)``,
    ``p<0.05``): part of a code or formula, left alone like a word with digits."""
    start, end = word.start, word.end
    while start and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return any(c.isdigit() for c in text[start:end])


def _latin_letter(word: str) -> bool:
    """A lone lowercase Latin letter (``vitamin d``, ``int j``) is a word to capitalize;
    a lone Greek or other letter (``β-carotine``) is a symbol, left alone."""
    return len(word) == 1 and "a" <= word <= "z"


def _sentence(text: _Text) -> None:
    all_caps = text.upper and not text.lower
    if all_caps:
        for start, end, _leaf in text.pieces:
            text.ops[start:end] = bytes([LOWER]) * (end - start)
    for word in _words(text.text):
        if word.first or word.sentence:
            if all_caps or word.lowercase or word.capitalized:
                _capitalize(text, word)
        elif not all_caps and word.capitalized and len(word.text) > 1 and not word.glued:
            text.ops[word.start] = LOWER


def _capitalize_first(text: _Text) -> None:
    words = _words(text.text)
    if words and words[0].lowercase:
        _capitalize(text, words[0])


def _capitalize_all(text: _Text) -> None:
    for word in _words(text.text):
        if word.lowercase:
            _capitalize(text, word)


def _all(op: int) -> Callable[[_Text], None]:
    def fill(text: _Text) -> None:
        for start, end, _leaf in text.pieces:
            text.ops[start:end] = bytes([op]) * (end - start)

    return fill


_CASES: dict[str, Callable[[_Text], None]] = {
    "lowercase": _all(LOWER),
    "uppercase": _all(UPPER),
    "capitalize-first": _capitalize_first,
    "capitalize-all": _capitalize_all,
    "sentence": _sentence,
    "title": _title,
}


def is_english(lang: str) -> bool:
    """Whether title case applies: no language, or one starting with ``en``."""
    return not lang or lang.lower().startswith("en")


def apply_case(node: Out, case: str, lang: str = "en") -> None:
    """Apply the CSL text-case ``case`` to the leaves of ``node``, in place.

    ``lang`` is the item's language (or the style's default locale): title case is
    English only, and Turkish and Azeri get their dotted and dotless i.
    Unknown cases are ignored.
    """
    fill = _CASES.get(case)
    if fill is None or (case == "title" and not is_english(lang)):
        return
    text = _Text(node)
    if not text.pieces:
        return
    fill(text)
    text.write_back(lang)


def strip_periods(node: Out) -> None:
    """Remove every ``.`` from the text leaves of ``node`` (nocase leaves too: nocase
    protects case only; affixes are kept), in place."""
    for leaf in node.leaves():
        if leaf.text and "." in leaf.text:
            leaf.text = leaf.text.replace(".", "")
