"""Splitting a .bib file into blocks, and saying what is wrong with the ones that fail.

bibtexparser's splitter (run with an empty parse stack) finds the blocks; this module
prepares the text for it and reads its failures. An entry with no key at all
(``@incollection{ year = {2007}, ...``, as exported by some tools) gets an empty key
so that it is read like ``@incollection{, ...``: the library then gives it one. A
failed block is described the way a person fixes it: which brace or quote is
missing, in which field, and on which line the problem shows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

#: an entry whose first field follows its opening delimiter: the key is missing
_NO_KEY = re.compile(
    r"(@\s*(?!(?:string|comment|preamble)\b)[A-Za-z]+\s*[{(])(?=\s*[A-Za-z][\w\-:.+]*\s*=)",
    re.IGNORECASE,
)
_FIELD_NAME = re.compile(r"([A-Za-z][\w\-:.+]*)\s*=")
#: what follows an entry closed too early: more fields (``, year = 2020}``)
_LEFTOVER_FIELDS = re.compile(r"\s*,?\s*[A-Za-z][\w\-:.+]*\s*=")


def split(text: str) -> list[Any]:
    """The blocks of ``text`` (bibtexparser's model), keyless entries given an empty key."""
    import bibtexparser

    return list(bibtexparser.parse_string(_NO_KEY.sub(r"\1,", text), parse_stack=[]).blocks)


def line_of(block: Any) -> int | None:
    """The 1-based line a block starts on."""
    return None if block.start_line is None else block.start_line + 1


def describe_failure(block: Any) -> tuple[int | None, str]:
    """(line, what is wrong) for a block bibtexparser could not read."""
    error = getattr(block, "error", None)
    reason = str(getattr(error, "abort_reason", "") or error or "").strip()
    raw: str = block.raw or ""
    start = line_of(block)
    head = _head(raw)
    if "Unexpected block start" in reason or "reached end of file" in reason:
        where = (
            "before the end of the file"
            if "end of file" in reason
            else f"before line {start + raw.count(chr(10)) + 1}, where the next block starts"
            if start is not None
            else "before the next block"
        )
        scan = _scan(raw)
        closer = '`"`' if scan.quoted else "`}`"
        if scan.runs_on is not None:
            name, line = scan.runs_on
            return start, (
                f"{head}: the value of field {name!r} has no closing {closer}: it runs on"
                f" over the next field at line {start + line if start else line}"
            )
        if scan.open_field:
            field = scan.open_field
            return start, f"{head}: the value of field {field!r} has no closing {closer} {where}"
        by_paren = re.match(r"\s*@\s*[A-Za-z]+\s*\(", raw) is not None
        if not by_paren and raw.rstrip().endswith(")"):
            return start, f"{head} opens with `{{` but closes with `)`"
        closer = "`)`" if by_paren else "`}`"
        return start, f"{head} is not closed: a {closer} is missing {where}"
    if "after entry key `" in reason:
        name = reason.split("`")[3]
        if name.startswith("%"):
            return start, (
                f"{head}: its lines start with `%` (commented out?), but BibTeX has no"
                " comments inside a file: delete the entry, or its `%` signs"
            )
        return start, f"{head}: field {name!r} has no `=` and no value"
    if "after entry key, but found `,`" in reason:
        last = _last_field(raw)
        after = f" after field {last!r}" if last else ""
        return start, f"{head}: two `,` in a row{after} (an empty field)"
    if "after a closed entry field value" in reason:
        last = _last_field(raw)
        after = f" after the value of field {last!r}" if last else " between two fields"
        return start, f"{head}: a `,` is missing{after}"
    if "after entry key, but found" in reason:
        return start, f"{head}: a field name is not followed by `=`"
    if "Expected comma after entry key" in reason:
        return start, f"{head}: a `,` is missing after the key"
    if "Expected equals sign" in reason:
        return start, "@string needs `name = value`"
    return start, f"{head}: {reason or 'not BibTeX'}"


def leftover_fields(block: Any, previous: Any) -> str | None:
    """A warning when text after an entry looks like more of its fields: an extra
    ``}`` closed the entry early and those fields were not read."""
    from bibtexparser.model import Entry

    previous = getattr(previous, "ignore_error_block", previous)
    if not isinstance(previous, Entry) or not _LEFTOVER_FIELDS.match(block.raw or ""):
        return None
    return (
        f"{line_of(block)}: text after the end of entry {previous.key!r} looks like more"
        " fields (an extra `}` closes the entry early?); it was not read"
    )


def _head(raw: str) -> str:
    """``@article 'key'`` from a block's text, for messages."""
    match = re.match(r"\s*@\s*([A-Za-z]+)\s*[{(]\s*([^,\s={}()]*)", raw)
    if not match:
        return "this block"
    kind, key = match.groups()
    return f"@{kind.lower()} {key!r}" if key else f"@{kind.lower()} (no key)"


@dataclass
class _Scan:
    """What an unreadable entry's text shows: the field whose value is still open at
    its end (and whether a quote opened it), and the first field whose value runs on
    over a line that starts like another field (its name, and that line, from 0)."""

    open_field: str | None = None
    quoted: bool = False
    runs_on: tuple[str, int] | None = None


def _scan(raw: str) -> _Scan:
    depth, quoted, field, line = 0, False, None, 0
    found = _Scan()
    index = max(raw.find("{") if "{" in raw else raw.find("("), 0) + 1
    while index < len(raw):
        ch = raw[index]
        if ch == "\\":
            index += 2
            continue
        if ch == "\n":
            line += 1
            inside = depth > 0 or quoted
            if inside and field and not found.runs_on and _FIELD_START.match(raw, index + 1):
                found.runs_on = (field, line)
        elif quoted:
            quoted = not (ch == '"' and depth == 0)
        elif ch == "{":
            depth += 1
        elif ch == "}":
            if depth == 0:
                return found  # the entry itself closed
            depth -= 1
        elif ch == '"' and depth == 0:
            quoted = True
        elif ch == "=" and depth == 0:
            field = _last_field(raw[max(0, index - 80) : index + 1])
        index += 1
    if depth > 0 or quoted:
        found.open_field, found.quoted = field, quoted
    return found


_FIELD_START = re.compile(r"[ \t]*[A-Za-z][\w\-:.+]*[ \t]*=")


def _last_field(raw: str) -> str | None:
    names = _FIELD_NAME.findall(raw)
    return names[-1] if names else None


_RUN_ON = re.compile(r"\s*([A-Za-z][\w\-:.+]*)\s*=\s*")
_BARE = re.compile(r"[^\s#{}\",=]+")


def run_on_fields(value: str) -> tuple[str, list[tuple[str, str]]]:
    """A field value that swallowed the next fields because a comma was missing
    (``title = {A} year = 2020`` gives the value ``{A} year = 2020``): the value,
    and the (name, value) of each field after it."""
    if "=" not in value:  # the common case, and the cheap test
        return value, []
    end = _value_end(value)
    match = _RUN_ON.match(value, end) if end < len(value) else None
    if match is None:
        return value, []
    rest, more = run_on_fields(value[match.end() :])
    return value[:end].rstrip(), [(match.group(1), rest), *more]


def _value_end(value: str) -> int:
    """Where a value (parts joined by ``#``) ends: after its last part."""
    from coprodcite.formats.bibtex.values import closing

    index, n = 0, len(value)
    while True:
        while index < n and value[index].isspace():
            index += 1
        if index < n and value[index] in '{"':
            index = closing(value, index) + 1
        else:
            bare = _BARE.match(value, index)
            index = bare.end() if bare else index
        after = index
        while after < n and value[after].isspace():
            after += 1
        if after < n and value[after] == "#":
            index = after + 1
            continue
        return index
