"""Reading manuscripts and reference lists given on the command line: their
references, one per line or paragraph (:mod:`coprodcite.manuscripts`)."""

from __future__ import annotations

from typing import Any

from coprodcite.errors import InvalidInput


def read_stdin_bytes(stream: Any, *, limit: int) -> bytes:
    """Standard input's bytes, at most ``limit`` (of :data:`MAX_BYTES` for documents)."""
    from coprodcite.files import read_stream
    from coprodcite.manuscripts.readers import MAX_BYTES

    return read_stream(stream, limit=min(limit, MAX_BYTES) + 1)


def read_references(name: str, data: bytes | None = None, *, limit: int | None = None) -> list[str]:
    """The references in the document ``name`` (.txt, .md, .docx; ``data``: its bytes,
    as read from standard input), one per line or paragraph; InvalidInput naming the
    document when it holds none. A document is read up to ``limit`` bytes (default and
    at most :data:`~coprodcite.manuscripts.readers.MAX_BYTES`)."""
    from coprodcite.manuscripts.readers import MAX_BYTES, read_document
    from coprodcite.manuscripts.reflist import references

    limit = MAX_BYTES if limit is None else min(limit, MAX_BYTES)
    found = references(read_document(name, data, limit=limit).paragraphs)
    if not found:
        raise InvalidInput(
            f"no references in {name}", hint="give one reference per line or paragraph"
        )
    return found
