"""Title and abstract markup: JATS/HTML/MathML in, CSL rich text or plain text out.

Pure functions over :class:`html.parser.HTMLParser`, no I/O.

CSL rich text is the small HTML-like language CSL processors accept inside CSL-JSON
strings: ``<i>``, ``<b>``, ``<sub>``, ``<sup>``,
``<span style="font-variant:small-caps;">`` and ``<span class="nocase">``. Every other
tag is dropped (its text is kept), entities are decoded, and the text is written as
itself (``&`` stays ``&``, as tools that read CSL-JSON expect) except where it would be
read as markup (``&lt;i>``, ``&amp;copy;``), so the result is unambiguous and always
balanced.

Sources are messy: some titles hold markup that was escaped twice
(``&lt;scp&gt;AI&lt;/scp&gt;``, ``G3&amp;#58;``) and some hold angle brackets that
are not markup at all (``Analysis on <La captive>``). A tag counts as markup when
its name is a known HTML, JATS or MathML element, carries a namespace prefix
(``jats:p``, ``mml:mi``) or is closed somewhere in the same text.
"""

from __future__ import annotations

import html
import re
from html.entities import html5
from html.parser import HTMLParser

__all__ = [
    "RICH_CLOSE",
    "RICH_OPEN",
    "plain_text",
    "rich_tokens",
    "strip_jats",
    "to_csl_rich_text",
]

from coprodcite.markup_tags import (
    BLOCKS as _BLOCKS,
)
from coprodcite.markup_tags import (
    FORMATTING as _FORMATTING,
)
from coprodcite.markup_tags import (
    KNOWN as _KNOWN,
)
from coprodcite.markup_tags import (
    RICH_CLOSE,
    RICH_OPEN,
)
from coprodcite.markup_tags import (
    SKIPPED as _SKIPPED,
)
from coprodcite.markup_tags import (
    VOID as _VOID,
)

#: formatting tags some sources escape a second time: ``&lt;i&gt;x&lt;/i&gt;``
_ESCAPED_TAG = re.compile(
    r"&lt;(/?)(i|b|em|strong|sub|sup|inf|sc|scp|italic|bold|subtitle)&gt;", re.IGNORECASE
)
#: a character reference escaped a second time: ``&amp;#58;``, ``&amp;nbsp;``
_ESCAPED_REF = re.compile(r"&amp;(#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)")
#: an ``&`` that does not start a complete character reference
_BARE_AMP = re.compile(r"&(?!#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)")
_SPACES = re.compile(r"\s+")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")
_QNAME = re.compile(r"[a-z][\w.-]*:[a-z][\w.-]*")
#: every whitespace character but the space, as a regex class body: what ``[^\S ]``
#: matches (tests/test_markup.py checks it), searched several times faster
WHITESPACE_BUT_SPACE = (
    "\t\n\x0b\x0c\r\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
)
_OTHER_SPACE = re.compile(f"[{WHITESPACE_BUT_SPACE}]")
_ASCII_SPACES = re.compile(r"[ \t\r\n\f\v]+")
_ASCII_OTHER = re.compile(r"[\t\r\n\f\v]")
_CHUNK = 1 << 16


def collapse_spaces(text: str, *, ascii_only: bool = False, chunk: int = _CHUNK) -> str:
    """``text`` with each run of whitespace (``ascii_only``: of ASCII whitespace, so
    a no-break space stays) as one space. Memory stays a small multiple of the
    text: ``re.sub`` over all of a 20 MB title keeps a string per piece (13x the
    text); here it works on ``chunk``-long pieces cut between runs."""
    runs, other = (_ASCII_SPACES, _ASCII_OTHER) if ascii_only else (_SPACES, _OTHER_SPACE)
    if "  " not in text and not other.search(text):
        return text
    if len(text) <= chunk:
        return runs.sub(" ", text)
    out, start = [], 0
    while start < len(text):
        end = min(start + chunk, len(text))
        while end < len(text) and runs.match(text, end):  # a run is never cut in two
            end += 1
        out.append(runs.sub(" ", text[start:end]))
        start = end
    return "".join(out)


def _unescape_twice_escaped(text: str) -> str:
    def ref(match: re.Match[str]) -> str:
        name = match.group(1)
        return "&" + name if name.startswith("#") or name in html5 else match.group(0)

    text = _ESCAPED_REF.sub(ref, text)
    lowered = text.lower()
    names = {m.group(2).lower() for m in _ESCAPED_TAG.finditer(text)}
    paired = {n for n in names if f"&lt;{n}&gt;" in lowered and f"&lt;/{n}&gt;" in lowered}
    if not paired:
        return text
    return _ESCAPED_TAG.sub(
        lambda m: f"<{m.group(1)}{m.group(2)}>" if m.group(2).lower() in paired else m.group(0),
        text,
    )


def _prepare(text: str) -> str:
    """Undo double escaping and protect bare ``&`` so only real references decode."""
    return _BARE_AMP.sub("&amp;", _unescape_twice_escaped(text))


class _MarkupParser(HTMLParser):
    """Shared tag classification; subclasses decide what to emit."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self._closed_names = {m.lower() for m in re.findall(r"</\s*([^\s>/]+)", source)}
        self._skip = 0  # depth inside elements whose text is dropped
        self._math = 0  # depth inside MathML

    @staticmethod
    def local(tag: str) -> str:
        return tag.rsplit(":", 1)[-1]

    def is_markup(self, tag: str, attrs: list[tuple[str, str | None]]) -> bool:
        if tag in self._closed_names:
            return True
        if any(value is None for _, value in attrs):  # "<There is not Regret ...>"
            return False
        return self.local(tag) in _KNOWN or bool(_QNAME.fullmatch(tag))

    # -- HTMLParser callbacks -------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.is_markup(tag, attrs):
            self.handle_data(html.unescape(self.get_starttag_text() or ""))
            return
        local = self.local(tag)
        if local in _VOID:
            self.on_void(local)
            return
        if local in _SKIPPED:
            self._skip += 1
        if local == "math":
            self._math += 1
        self.on_start(tag, local, dict(attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.is_markup(tag, attrs):
            self.handle_data(html.unescape(self.get_starttag_text() or ""))
        elif self.local(tag) in _BLOCKS:
            self.on_void(self.local(tag))

    def handle_endtag(self, tag: str) -> None:
        local = self.local(tag)
        if local in _VOID:
            return
        if self.on_end(tag, local):
            if local in _SKIPPED and self._skip:
                self._skip -= 1
            if local == "math" and self._math:
                self._math -= 1

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._math:  # MathML ignores whitespace between tokens
            data = data.strip()
        self.on_text(data)

    def unknown_decl(self, data: str) -> None:
        if data.startswith("CDATA["):
            self.handle_data(data[len("CDATA[") :])

    # -- hooks ----------------------------------------------------------------------

    def on_start(self, tag: str, local: str, attrs: dict[str, str | None]) -> None:
        raise NotImplementedError

    def on_end(self, tag: str, local: str) -> bool:
        """Handle an end tag; False when it closes nothing that is open."""
        raise NotImplementedError

    def on_void(self, local: str) -> None:
        raise NotImplementedError

    def on_text(self, text: str) -> None:
        raise NotImplementedError


def _formatting(local: str, attrs: dict[str, str | None]) -> str | None:
    if local in _FORMATTING:
        return _FORMATTING[local]
    if local in ("span", "styled-content", "named-content"):
        style = (attrs.get("style") or "").replace(" ", "").lower()
        classes = (attrs.get("class") or "").lower().split()
        if "nocase" in classes:
            return "nocase"
        if "font-variant:small-caps" in style:
            return "sc"
        if "font-style:italic" in style:
            return "i"
        if "font-weight:bold" in style:
            return "b"
    return None


class _RichTextParser(_MarkupParser):
    """Builds a list of tokens: ("text", s), ("open", key) and ("close", key)."""

    def __init__(self, source: str) -> None:
        super().__init__(source)
        self.tokens: list[tuple[str, str]] = []
        self._stack: list[tuple[str, str | None]] = []  # (tag as written, formatting)

    def on_start(self, tag: str, local: str, attrs: dict[str, str | None]) -> None:
        key = None if self._math else _formatting(local, attrs)
        self._stack.append((tag, key))
        if key:
            self.tokens.append(("open", key))
        if local == "subtitle":
            self.tokens.append(("text", ": "))
        elif local in _BLOCKS:
            self.tokens.append(("text", " "))

    def on_end(self, tag: str, local: str) -> bool:
        for index in range(len(self._stack) - 1, -1, -1):
            if self._stack[index][0] == tag:
                break
        else:
            return False  # a stray end tag
        above = self._stack[index + 1 :]
        for _, key in reversed(above):  # close what was left open inside, then reopen it
            if key:
                self.tokens.append(("close", key))
        _, closing = self._stack[index]
        if closing:
            self.tokens.append(("close", closing))
        del self._stack[index:]
        self._stack.extend(above)
        self.tokens.extend(("open", key) for _, key in above if key)
        if local in _BLOCKS:
            self.tokens.append(("text", " "))
        return True

    def on_void(self, local: str) -> None:
        if local in _BLOCKS:
            self.tokens.append(("text", " "))

    def on_text(self, text: str) -> None:
        self.tokens.append(("text", text))

    def finish(self) -> list[tuple[str, str]]:
        self.close()
        self.tokens.extend(("close", key) for _, key in reversed(self._stack) if key)
        self._stack.clear()
        return self.tokens


def _normalise_space(tokens: list[tuple[str, str]]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    after_space = True  # strips leading whitespace
    for kind, value in tokens:
        if kind == "text":
            value = collapse_spaces(value)
            if after_space:
                value = value.lstrip(" ")
            if not value:
                continue
            after_space = value.endswith(" ")
        out.append((kind, value))
    for index in range(len(out) - 1, -1, -1):  # strip trailing whitespace
        kind, value = out[index]
        if kind == "text":
            out[index] = (kind, value.rstrip(" "))
            if out[index][1]:
                break
    return [token for token in out if token[1]]


def _drop_empty_pairs(tokens: list[tuple[str, str]]) -> list[tuple[str, str]]:
    changed = True
    while changed:
        changed = False
        for i in range(len(tokens) - 1):
            if tokens[i][0] == "open" and tokens[i + 1] == ("close", tokens[i][1]):
                del tokens[i : i + 2]
                changed = True
                break
            if (
                tokens[i][0] == "open"
                and tokens[i + 1] == ("text", " ")
                and tokens[i + 2 : i + 3] == [("close", tokens[i][1])]
            ):
                tokens[i : i + 3] = [("text", " ")]
                changed = True
                break
    return tokens


def _escape(text: str) -> str:
    """Text as CSL rich text that every processor reads back as the same text.

    CSL-JSON is read by other tools (citeproc-js, pandoc) that do not decode HTML
    entities, so ``&``, ``<`` and ``>`` are written as themselves (a title "Health &
    Care" stays so in an exported file); only what a reader would take for markup is
    escaped: an ``&`` that starts a character reference (``&amp;copy;`` for the text
    "&copy;") and a ``<`` that could start a tag (``&lt;i>`` for the text "<i>",
    ``&lt;La captive>``; "p < 0.05" stays).
    """
    if "&" in text:
        text = _REFERENCE_LIKE.sub(_escape_reference, text)
    if "<" in text:
        text = _TAG_LIKE.sub("&lt;", text)
    return text


#: what follows an ``&`` that a reader may decode as a character reference
_REFERENCE_LIKE = re.compile(r"&(#?[A-Za-z0-9]+;?)")


def _escape_reference(match: re.Match[str]) -> str:
    """``&amp;`` for an ``&`` that HTML would decode ("&copy;", "&lt", "&#58;")."""
    whole = match.group()
    return "&amp;" + match.group(1) if html.unescape(whole) != whole else whole


#: a ``<`` that HTML, and so a CSL processor, may read as the start of a tag (one at
#: the end of a run of text may be followed by the next tag: ``<`` then ``</i>``)
_TAG_LIKE = re.compile(r"<(?=[A-Za-z/!?]|$)")


def to_csl_rich_text(text: str) -> str:
    """``text`` (JATS, HTML, MathML or plain) as balanced CSL rich text.

    >>> to_csl_rich_text("The <jats:italic>E. coli</jats:italic> genome &amp; CO<sub>2</sub>")
    'The <i>E. coli</i> genome & CO<sub>2</sub>'
    """
    if not text:
        return ""
    tokens = rich_tokens(text)
    parts: list[str] = []
    run: list[str] = []  # text tokens in a row are escaped together ("<" then "a")
    for kind, value in tokens:
        if kind == "text":
            run.append(value)
            continue
        if run:
            parts.append(_escape("".join(run)))
            run.clear()
        parts.append(RICH_OPEN[value] if kind == "open" else RICH_CLOSE[value])
    if run:
        parts.append(_escape("".join(run)))
    return "".join(parts)


def rich_tokens(text: str) -> list[tuple[str, str]]:
    """``text`` (CSL rich text or any markup :func:`to_csl_rich_text` reads) as tokens:
    ``("text", s)``, ``("open", key)`` and ``("close", key)``, balanced, with the keys
    ``i``, ``b``, ``sup``, ``sub``, ``sc`` and ``nocase``: for writers of other markup."""
    if not text:
        return []
    source = _prepare(text)
    parser = _RichTextParser(source)
    parser.feed(source)
    return _drop_empty_pairs(_normalise_space(parser.finish()))


def plain_text(rich: str) -> str:
    """The text of ``rich`` (CSL rich text or any markup) without tags, unescaped: the
    text tokens :func:`rich_tokens` reads (never a pattern over written markup, which
    an unescaped "<" in stored text would fool)."""
    return "".join(value for kind, value in rich_tokens(rich) if kind == "text")


class _AbstractParser(_MarkupParser):
    """Collects paragraphs of plain text; block elements end a paragraph."""

    def __init__(self, source: str) -> None:
        super().__init__(source)
        self.paragraphs: list[tuple[str, str]] = []  # (text, element that held it)
        self._current: list[str] = []
        self._blocks: list[str] = []
        self._open: list[str] = []

    def _flush(self) -> None:
        text = _SPACES.sub(" ", "".join(self._current)).strip()
        if text:
            self.paragraphs.append((text, self._blocks[-1] if self._blocks else ""))
        self._current = []

    def on_start(self, tag: str, local: str, attrs: dict[str, str | None]) -> None:
        self._open.append(tag)
        if local in _BLOCKS:
            self._flush()
            self._blocks.append(local)
        elif local == "subtitle":
            self._current.append(": ")

    def on_end(self, tag: str, local: str) -> bool:
        if tag not in self._open:
            return False
        while self._open and self._open.pop() != tag:
            pass
        if local in _BLOCKS:
            self._flush()
            if local in self._blocks:
                while self._blocks.pop() != local:
                    pass
        return True

    def on_void(self, local: str) -> None:
        self._current.append(" ")

    def on_text(self, text: str) -> None:
        pieces = _PARAGRAPH_BREAK.split(text)
        for number, piece in enumerate(pieces):
            if number:
                self._flush()
            self._current.append(piece)

    def finish(self) -> list[tuple[str, str]]:
        self.close()
        self._flush()
        return self.paragraphs


def strip_jats(text: str) -> str:
    """An abstract as plain text: tags removed, paragraphs separated by a blank line.

    A leading ``<jats:title>Abstract</jats:title>`` heading is dropped.
    """
    if not text:
        return ""
    source = _prepare(text)
    parser = _AbstractParser(source)
    parser.feed(source)
    paragraphs = parser.finish()
    if (
        paragraphs
        and paragraphs[0][1] == "title"
        and (paragraphs[0][0].rstrip(":. ").lower() in ("abstract", "summary"))
    ):
        paragraphs = paragraphs[1:]
    return "\n\n".join(text for text, _ in paragraphs)
