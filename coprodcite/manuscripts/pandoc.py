"""Citations in pandoc Markdown: where each is, what it cites, and which note holds it.

The syntax is pandoc's (its manual, "Citation syntax"):

* ``[@key]``, ``[@key, p. 4]``, ``[see @a, chap. 2; also @b]``: a bracketed citation,
  ``;`` between cites, text before a key its prefix, after it a locator and suffix;
* ``[-@key]``: the author left out (suppress-author);
* ``@key`` and ``@key [p. 4]``: in the text, the author named as part of the sentence;
* keys start with a letter, digit or ``_`` and may hold ``:.#$%&-+?<>~/`` between
  word characters (``@doe:2020.x``); anything else goes in braces: ``@{10.1000/x}``.

Not citations: an ``@`` inside a word (``user@example.org``), ``\\@``, anything in
code (fenced, indented or inline), in raw HTML, in a URL or a link's address. The
block structure (code, HTML, footnote definitions) comes from markdown-it-py's
CommonMark parser; citations are then found in each block's own source text, so
their offsets are exact and the text around them can be kept byte for byte.

Notes: ``[^label]`` references and ``^[inline notes]`` are counted in document order;
a citation inside one belongs to that note (its number is the note's), the others are
in the main text. Pure functions over text, no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from coprodcite.errors import FormatError
from coprodcite.manuscripts.locators import parse_locator

# A key: word characters, with pandoc's internal punctuation only between them.
_KEY = re.compile(r"\w+(?:[:.#$%&\-+?<>~/]+\w+)*")
_BRACED_KEY = re.compile(r"\{([^{}\n]+)\}")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_URL = re.compile(r"(?:https?|ftp)://[^\s<>]*|www\.[^\s<>]+|doi:\S+", re.IGNORECASE)
_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>]+)>")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s+[^<>]*)?/?>")
# where a citation, code, a link, a note or an escape can start
_NEXT = re.compile(r"[\\`<^\[\]@]|(?<![\w.])(?:(?:https?|ftp)://|www\.|doi:)", re.IGNORECASE)
_FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\]")
_REFS_DIV = re.compile(
    r"^ {0,3}(:{3,})[ \t]*\{[^}\n]*#refs\b[^}\n]*\}[ \t]*$|^ {0,3}<div\b[^>\n]*\bid=[\"']refs[\"']",
    re.MULTILINE,
)
_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_HEADING_ATTRIBUTES = re.compile(r"\s*\{[^{}]*\}\s*$")
#: what a closing heading is called when the references go under it
REFERENCE_HEADINGS = frozenset(
    ["references", "bibliography", "works cited", "reference list", "literature cited",
     "literature", "sources", "cited works", "literatur", "références", "bibliografía"]
)  # fmt: skip


@dataclass(frozen=True)
class Cite:
    """One work cited, with what pandoc's syntax gave it."""

    key: str
    prefix: str = ""
    suffix: str = ""
    locator: str | None = None
    label: str | None = None  # a CSL locator label (page, chapter...)
    suppress_author: bool = False

    def to_csl(self) -> dict[str, Any]:
        """As a CSL cite (citeproc-js's keys)."""
        cite: dict[str, Any] = {"id": self.key}
        if self.prefix:
            cite["prefix"] = self.prefix
        if self.suffix:
            cite["suffix"] = self.suffix
        if self.locator:
            cite["locator"] = self.locator
            cite["label"] = self.label or "page"
        if self.suppress_author:
            cite["suppress-author"] = True
        return cite


@dataclass(frozen=True)
class Citation:
    """A citation in the text: ``start``..``end`` are offsets in the whole text."""

    start: int
    end: int
    cites: tuple[Cite, ...]
    line: int  # from 1
    in_text: bool = False  # ``@key``: the author is part of the sentence
    note: int | None = None  # index of the note holding it (in Manuscript.notes), else None
    order: tuple[int, int] = (0, 0)  # where pandoc meets it: notes are read at their reference


@dataclass(frozen=True)
class Note:
    """A footnote as the reader meets it: a ``[^label]`` reference or an inline note."""

    position: int  # offset of its reference (or the inline note) in the text
    label: str | None  # None for an inline note ``^[...]``


@dataclass
class Manuscript:
    text: str
    metadata: dict[str, Any] = field(default_factory=dict)  # YAML front matter
    body_start: int = 0  # offset where the text after the front matter starts
    citations: list[Citation] = field(default_factory=list)  # in document order
    notes: list[Note] = field(default_factory=list)  # in the order they are numbered
    refs_div: tuple[int, int] | None = None  # offsets of the ``::: {#refs}`` div's content
    headings: list[tuple[int, int, int, str]] = field(
        default_factory=list
    )  # start, end, level, text
    code: list[tuple[int, int]] = field(default_factory=list)  # code and raw HTML (offsets)

    def keys(self) -> list[str]:
        """Every key cited, once, in order of first citation."""
        return list(dict.fromkeys(c.key for citation in self.citations for c in citation.cites))


# -- the document -----------------------------------------------------------------------


def read_markdown(text: str, name: str = "<stdin>") -> Manuscript:
    """The citations, notes and front matter of pandoc Markdown ``text``; FormatError
    (with ``name`` and the line) for a citation bracket that is never closed or front
    matter that is not YAML."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    manuscript = Manuscript(text)
    front = _FRONT_MATTER.match(text)
    if front:
        manuscript.metadata = _front_matter(front.group(1) or "", name)
        manuscript.body_start = front.end()
    lines = _line_starts(text)
    blocks, code, footnotes = _blocks(text, manuscript.body_start, lines)
    manuscript.code = code
    scanner = _Scanner(text, name, lines)
    for start, end, label in blocks:
        scanner.scan(start, end, label)
    manuscript.notes, manuscript.citations = scanner.finish(footnotes)
    manuscript.refs_div = _refs_div(text, manuscript.body_start, code)
    manuscript.headings = _headings(text, manuscript.body_start, code)
    return manuscript


def _front_matter(yaml_text: str, name: str) -> dict[str, Any]:
    import yaml

    try:
        data = yaml.safe_load(yaml_text) if yaml_text.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise FormatError(
            f"the YAML front matter cannot be read ({getattr(exc, 'problem', None) or exc})",
            file=name,
            line=mark.line + 2 if mark is not None else None,
            hint="fix the block between the --- lines",
        ) from None
    if not isinstance(data, dict):
        raise FormatError("the front matter is not a YAML mapping", file=name, line=1)
    return data


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(m.end() for m in re.finditer("\n", text))
    return starts


def line_of(lines: list[int], offset: int) -> int:
    """The line (from 1) holding ``offset``."""
    from bisect import bisect_right

    return bisect_right(lines, offset)


def _blocks(
    text: str, body_start: int, lines: list[int]
) -> tuple[list[tuple[int, int, str | None]], list[tuple[int, int]], dict[str, int]]:
    """The blocks whose text may hold citations (start, end, footnote label or None),
    the code and raw HTML blocks, and each footnote definition's label -> first line."""
    first = line_of(lines, body_start) - 1
    body = text[lines[first] :] if first < len(lines) else ""
    # blocks only (inlines are read here), footnote definitions left where they stand
    parser = markdown_parser().disable(["inline", "footnote_tail"])
    blocks: list[tuple[int, int, str | None]] = []
    code: list[tuple[int, int]] = []
    footnotes: dict[str, int] = {}
    label: str | None = None

    def span(token_map: list[int]) -> tuple[int, int]:
        a, b = token_map[0] + first, token_map[1] + first
        return lines[a], (lines[b] if b < len(lines) else len(text))

    for token in parser.parse(body):
        if token.type == "footnote_reference_open":
            label = str(token.meta.get("label"))
        elif token.type == "footnote_reference_close":
            label = None
        if token.map is None:
            continue
        if token.type in ("fence", "code_block", "html_block"):
            code.append(span(token.map))
        elif token.type == "inline":
            start, end = span(token.map)
            blocks.append((start, end, label))
            if label is not None and label not in footnotes:
                footnotes[label] = start
    # a table's cells share their row's lines: each block once
    return sorted(set(blocks), key=lambda b: b[0]), code, footnotes


def markdown_parser() -> Any:
    """markdown-it-py for CommonMark with footnotes (pandoc's ``[^1]`` and ``^[...]``)
    and pipe tables: the block structure of a pandoc document."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    return MarkdownIt("commonmark", {"maxNesting": 100}).use(footnote_plugin).enable("table")


def _refs_div(text: str, body_start: int, code: list[tuple[int, int]]) -> tuple[int, int] | None:
    """Where the bibliography goes in a ``::: {#refs}`` (or ``<div id="refs">``) div:
    the offsets of its content."""
    for match in _REFS_DIV.finditer(text, body_start):
        if match.group(1) and _inside(code, match.start()):
            continue  # a ::: {#refs} shown in a code block
        content = text.index("\n", match.end()) + 1 if "\n" in text[match.end() :] else len(text)
        fence = match.group(1)
        closing = (
            re.compile(rf"^ {{0,3}}:{{{len(fence)},}}[ \t]*$", re.MULTILINE)
            if fence
            else re.compile(r"^\s*</div>", re.MULTILINE)
        )
        end = closing.search(text, content)
        return content, end.start() if end else len(text)
    return None


def _headings(
    text: str, body_start: int, code: list[tuple[int, int]]
) -> list[tuple[int, int, int, str]]:
    out = []
    for match in re.finditer(r"^.*$", text[body_start:], re.MULTILINE):
        heading = _HEADING.match(match.group())
        start = body_start + match.start()
        if heading and not _inside(code, start):
            words = _HEADING_ATTRIBUTES.sub("", heading.group(2)).strip()
            out.append((start, body_start + match.end(), len(heading.group(1)), words))
    return out


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    return any(a <= offset < b for a, b in spans)


# -- inside one block -----------------------------------------------------------------------


class _Scanner:
    """Finds citations, note references and inline notes in blocks, in order."""

    def __init__(self, text: str, name: str, lines: list[int]) -> None:
        self.text = text
        self.name = name
        self.lines = lines
        self.found: list[tuple[int, Citation, str | None]] = []  # position, citation, label
        self.events: list[tuple[int, str, Any]] = []  # (position, "ref"|"inline", label|end)
        self.label: str | None = None

    def scan(self, start: int, end: int, label: str | None) -> None:
        """Read ``text[start:end]``, a block (in the note ``label``, if any)."""
        self.label = label
        text, i = self.text, start
        if label is not None:  # the definition's own "[^label]:" is no reference
            marker = re.compile(r"[ \t>]*\[\^[^\]]+\]:").match(text, i, end)
            i = marker.end() if marker else i
        while i < end:
            found = _NEXT.search(text, i, end)  # what can start something: skip the rest
            if found is None:
                break
            i = self._step(found.start(), end)

    def _step(self, i: int, end: int) -> int:
        text = self.text
        c = text[i]
        if c == "\\":
            return i + 2
        if c == "`":
            return _code_span_end(text, i, end)
        if c == "<":
            for pattern in (_HTML_COMMENT, _AUTOLINK, _HTML_TAG):
                found = pattern.match(text, i, end)
                if found:
                    return found.end()
            return i + 1
        if c in "hfwdHFWD" and (i == 0 or not text[i - 1].isalnum()):
            url = _URL.match(text, i, end)
            if url:
                return url.end()
            return i + 1
        if c == "^" and text.startswith("^[", i):
            close = _closing_bracket(text, i + 1, end)
            if close > 0:
                self.events.append((i, "inline", close))
            return i + 2
        if c == "[":
            return self._bracket(i, end)
        if c == "]" and text.startswith("](", i):
            return _closing_paren(text, i + 1, end)
        if c == "@" and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] in "@_")):
            return self._in_text(i, end)
        return i + 1

    def _bracket(self, i: int, end: int) -> int:
        text = self.text
        ref = _FOOTNOTE_REF.match(text, i, end)
        if ref:
            self.events.append((i, "ref", ref.group(1)))
            return ref.end()
        close = _closing_bracket(text, i, end)
        if close < 0:
            inside = text[i + 1 : end]
            if _first_key(inside) is not None and "]" not in inside:
                raise FormatError(
                    f"a citation bracket is never closed: {text[i : i + 40].splitlines()[0]!r}",
                    file=self.name,
                    line=line_of(self.lines, i),
                    hint="close it with ] in the same paragraph, or write \\[ for a bracket",
                )
            return i + 1
        after = text[close + 1 : close + 2]
        if after in ("(", "[") or (after == ":" and _at_line_start(text, i)):
            return i + 1  # a link, a reference link or a link definition: look inside
        cites = _bracketed(text[i + 1 : close])
        if cites is None:
            return i + 1
        self._cite(Citation(i, close + 1, cites, line_of(self.lines, i)))
        return close + 1

    def _in_text(self, i: int, end: int) -> int:
        text = self.text
        key, after = _key_at(text, i + 1, end)
        if key is None:
            return i + 1
        cite = Cite(key)
        stop = after
        bracket = re.compile(r"[ \t]?\[").match(text, after, end)
        if bracket and not text.startswith("[@", bracket.end() - 1):
            close = _closing_bracket(text, bracket.end() - 1, end)
            if (
                close > 0
                and text[close + 1 : close + 2] not in ("(", "[")
                and not _FOOTNOTE_REF.match(text, bracket.end() - 1)
            ):
                inner = text[bracket.end() : close]
                if _first_key(inner) is None:
                    located = parse_locator(inner)
                    cite = Cite(key, suffix=located.suffix, locator=located.value,
                                label=located.label)  # fmt: skip
                    stop = close + 1
        self._cite(Citation(i, stop, (cite,), line_of(self.lines, i), in_text=True))
        return stop

    def _cite(self, citation: Citation) -> None:
        self.found.append((citation.start, citation, self.label))

    def finish(self, footnotes: dict[str, int]) -> tuple[list[Note], list[Citation]]:
        """Number the notes and place every citation: a citation in a footnote
        definition is met where the note is referenced."""
        notes: list[Note] = []
        number_of: dict[str, int] = {}
        inline: list[tuple[int, int, int]] = []  # start, end, note index
        for position, kind, value in sorted(self.events, key=lambda e: e[0]):
            if kind == "ref":
                if value not in number_of and value in footnotes:
                    number_of[value] = len(notes)
                    notes.append(Note(position, value))
            else:
                inline.append((position, value, len(notes)))
                notes.append(Note(position, None))
        out = []
        for position, citation, label in self.found:
            note, order = None, (position, 0)
            if label is not None:
                if label in number_of:
                    note = number_of[label]
                    order = (notes[note].position, position)
                else:  # a note never referenced: pandoc drops it; keep it last
                    order = (len(self.text), position)
            else:
                for start, close, index in inline:
                    if start < position < close:
                        note = index
            out.append(_placed(citation, note, order))
        out.sort(key=lambda c: c.order)
        return notes, out


def _placed(citation: Citation, note: int | None, order: tuple[int, int]) -> Citation:
    from dataclasses import replace

    return replace(citation, note=note, order=order)


def _bracketed(inside: str) -> tuple[Cite, ...] | None:
    """The cites of ``[...]``'s content, or None when it is no citation (every
    ``;``-separated part must hold a key)."""
    cites = []
    for part in _split_top(inside, ";"):
        found = _first_key(part)
        if found is None:
            return None
        at, key, after = found
        minus = at > 0 and part[at - 1] == "-"
        prefix = part[: at - 1 if minus else at]
        located = parse_locator(part[after:])
        cites.append(
            Cite(
                key,
                prefix=_tidy_prefix(prefix),
                suffix=located.suffix.rstrip(),
                locator=located.value,
                label=located.label,
                suppress_author=minus,
            )
        )
    return tuple(cites) if cites else None


def _tidy_prefix(prefix: str) -> str:
    prefix = " ".join(prefix.split())
    return prefix + " " if prefix else ""


def _first_key(text: str) -> tuple[int, str, int] | None:
    """The first ``@key`` in ``text`` that is not inside a word: (offset of the ``@``,
    key, offset after it)."""
    for match in re.finditer("@", text):
        i = match.start()
        if i > 0 and (text[i - 1].isalnum() or text[i - 1] in "@_\\"):
            continue
        key, after = _key_at(text, i + 1, len(text))
        if key is not None:
            return i, key, after
    return None


def _key_at(text: str, i: int, end: int) -> tuple[str | None, int]:
    braced = _BRACED_KEY.match(text, i, end)
    if braced:
        key = braced.group(1).strip()
        return (key, braced.end()) if key else (None, i)
    found = _KEY.match(text, i, end)
    return (found.group(), found.end()) if found else (None, i)


def _split_top(text: str, sep: str) -> list[str]:
    """``text`` split at ``sep`` outside brackets, braces and code."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(text):
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == "`":
            i = _code_span_end(text, i, len(text))
            continue
        if c in "[{":
            depth += 1
        elif c in "]}":
            depth = max(0, depth - 1)
        elif c == sep and depth == 0:
            parts.append(text[start:i])
            start = i + 1
        i += 1
    parts.append(text[start:])
    return parts


def _code_span_end(text: str, i: int, end: int) -> int:
    """Past the code span opened by the backticks at ``i`` (or past the backticks when
    nothing closes them: then they are text)."""
    run = re.compile(r"`+").match(text, i, end)
    assert run is not None
    ticks = run.group()
    for closing in re.finditer(r"`+", text[run.end() : end]):
        if closing.group() == ticks:
            return run.end() + closing.end()
    return run.end()


def _closing_bracket(text: str, i: int, end: int) -> int:
    """The ``]`` closing the ``[`` at ``i`` within ``end`` (nested brackets, escapes
    and code spans skipped), or -1."""
    return _closing(text, i, end, "[]")


def _closing_paren(text: str, i: int, end: int) -> int:
    """Past the ``)`` closing the ``(`` at ``i`` (a link's address), else past ``(``."""
    close = _closing(text, i, end, "()")
    return close + 1 if close >= 0 else i + 1


def _closing(text: str, i: int, end: int, pair: str) -> int:
    depth, j = 0, i
    while j < end:
        c = text[j]
        if c == "\\":
            j += 2
            continue
        if c == "`":
            j = _code_span_end(text, j, end)
            continue
        if c == pair[0]:
            depth += 1
        elif c == pair[1]:
            depth -= 1
            if depth == 0:
                return j
        elif c == "\n" and text[j + 1 : j + 2] == "\n":
            return -1
        j += 1
    return -1


def _at_line_start(text: str, i: int) -> bool:
    line_start = text.rfind("\n", 0, i) + 1
    return not text[line_start:i].strip(" \t>")


# -- front matter -----------------------------------------------------------------------


def nocite_keys(metadata: dict[str, Any]) -> list[str]:
    """The keys of front matter's ``nocite`` (``@a, @b``, a list of them, or ``@*``
    for every work), in order."""
    value = metadata.get("nocite")
    texts = value if isinstance(value, list) else [value] if value is not None else []
    keys: list[str] = []
    for text in texts:
        text = str(text)
        for match in re.finditer(r"@(\*|\{[^{}]+\}|\w+(?:[:.#$%&\-+?<>~/]+\w+)*)", text):
            key = match.group(1)
            keys.append(key[1:-1].strip() if key.startswith("{") else key)
    return list(dict.fromkeys(keys))
