"""Kept exports: ``export ... -o FILE --keep`` files that stay in step with the library.

After a command that changed the library (its generation moved), :func:`refresh`
brings each kept export up to date: it works out what the export selects now (all,
the keys given, a tag, a query), renders only the entries of the records changed
since the export was last in step (their text is kept per record in the library),
puts the file together from its entries and writes it (atomically) only when its
text changed. A command that changed nothing costs one read of the generation.

An export is put together from its entries by the form of its format (BibTeX entries
separated by a blank line, a JSON array...). At ``--keep`` the whole export is
written once and checked against the entries put together; where they would differ,
that export is rewritten whole whenever its records change.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coprodcite.errors import CoprodciteError
from coprodcite.formats import Format, get_format
from coprodcite.library import KeptExport, Library
from coprodcite.model import Record
from coprodcite.services import with_preferred_names
from coprodcite.services.selection import records_in_order

# format -> what is around each record's text in its whole export, and between them
_FRAMES: dict[str, tuple[str, str, str]] = {
    "bibtex": ("", "\n\n", ""),
    "biblatex": ("", "\n\n", ""),
    "ris": ("", "\n", ""),
    "csl-json": ("[\n", ",\n", "\n]\n"),
    "json": ("[\n", ",\n", "\n]\n"),
    "csl-yaml": ("---\nreferences:\n", "", "...\n"),
}


_KEYED = ("bibtex", "biblatex")  # formats whose keys ignore case


@dataclass
class Refreshed:
    """What became of one kept export."""

    path: str
    status: str  # written | unchanged | failed
    entries: int = 0  # entries rendered again
    error: str | None = None


def keep(
    library: Library,
    path: Path,
    fmt: str,
    selection: dict[str, Any],
    *,
    include_private: bool = False,
    extra_roles: Iterable[Any] = (),
) -> Refreshed:
    """Register the export of ``selection`` (refs, tag, query) as ``fmt`` at ``path``
    and write it."""
    chosen = get_format(fmt)
    target = str(path.expanduser().resolve())
    kept = library.keep_export(target, chosen.name, selection, {"include_private": include_private})
    return _bring_in_step(library, kept, extra_roles, full=True)


def refresh(library: Library, *, extra_roles: Iterable[Any] = ()) -> list[Refreshed]:
    """Bring every kept export whose generation is behind the library's in step."""
    generation = library.generation()
    out = []
    for kept in library.kept_exports():
        if kept.generation == generation:
            continue
        try:
            out.append(_bring_in_step(library, kept, extra_roles))
        except CoprodciteError as error:
            out.append(Refreshed(kept.path, "failed", error=str(error)))
    return out


def forget(library: Library, path: Path) -> KeptExport:
    """Stop keeping the export at ``path`` (the file stays)."""
    return library.forget_export(str(path.expanduser().resolve()))


def kept_exports(library: Library) -> list[KeptExport]:
    return library.kept_exports()


def describe(kept: KeptExport) -> str:
    """The selection in words: "all", "3 works", "tag 'paper'", "query 'x'"."""
    selection = kept.selection
    parts = []
    if selection.get("refs") is not None:
        n = len(selection["refs"])
        parts.append(f"{n} work{'s' if n != 1 else ''}")
    if selection.get("tag"):
        parts.append(f"tag {selection['tag']!r}")
    if selection.get("query"):
        parts.append(f"query {selection['query']!r}")
    return ", ".join(parts) or "all"


def _bring_in_step(
    library: Library, kept: KeptExport, extra_roles: Iterable[Any], *, full: bool = False
) -> Refreshed:
    generation = library.generation()  # read first: a later change is caught next time
    chosen = get_format(kept.format)
    keys = _selected(library, kept.selection)
    whole_only = bool(kept.options.get("whole")) or chosen.name not in _FRAMES
    sizes = {} if full or whole_only else library.export_part_sizes(kept.id)
    selected = set(keys)
    dropped = [key for key in sizes if key not in selected]
    changed = selected if full else library.changed_since(kept.generation) | (selected - set(sizes))
    todo = _with_their_namesakes(keys, changed | set(dropped), chosen)
    rendered = {} if whole_only else _entries(library, keys, todo, chosen, kept, extra_roles)
    digest: str | None = None
    if full or whole_only:  # written whole: the first time (checked), or each time
        data = _export(library, keys, chosen, kept, extra_roles).encode("utf-8")
        if full and not whole_only:
            parts = _whole(chosen, keys, rendered)
            whole_only = parts is None or parts.encode("utf-8") != data  # entries do not add up
        rendered = {} if whole_only else rendered
        import hashlib  # here: the usual change never needs it

        digest = hashlib.sha256(data).hexdigest()
        unchanged = digest == kept.digest
    else:
        before = library.export_parts(kept.id, rendered)
        same = all(before.get(key) == text for key, text in rendered.items())
        unchanged = same and not dropped and set(sizes) >= selected
        if not unchanged:
            data = _patched(kept, chosen, keys, sizes, rendered) or _assembled(
                library, kept, chosen, keys, rendered, extra_roles
            )
    unchanged = unchanged and _still_ours(kept)
    stamp = None if unchanged else _write(Path(kept.path), data)
    library.export_written(
        kept.id,
        generation=generation,
        written=not unchanged,
        digest=digest,
        parts=rendered.items(),
        dropped=dropped,
        whole=whole_only,
        file=stamp,
    )
    return Refreshed(kept.path, "unchanged" if unchanged else "written", len(todo))


def _write(path: Path, data: bytes) -> tuple[int, int]:
    from coprodcite.services.interchange import write_atomically

    write_atomically(path, data)
    status = path.stat()
    return status.st_size, status.st_mtime_ns


def _still_ours(kept: KeptExport) -> bool:
    """Whether the file is as it was last written (else it is written again)."""
    try:
        status = Path(kept.path).stat()
    except OSError:
        return False
    return kept.file_size is None or (status.st_size, status.st_mtime_ns) == (
        kept.file_size,
        kept.file_mtime,
    )


def _patched(
    kept: KeptExport, chosen: Format, keys: list[str], sizes: dict[str, int],
    rendered: dict[str, str],
) -> bytes | None:  # fmt: skip
    """The export's new bytes from the file as last written, only the entries in
    ``rendered`` new: no entry is read back from the library. None when the file is
    not as it was written, or the selection is not in key order (refs as given)."""
    if kept.selection.get("refs") is not None or not _still_ours(kept) or not keys:
        return None
    head, separator, tail = (part.encode("utf-8") for part in _FRAMES[chosen.name])
    old = Path(kept.path).read_bytes()
    start, position = {}, len(head)
    for key in sorted(sizes):  # the order it was written in: by key, as the selection
        start[key] = position
        position += sizes[key] + len(separator)
    if sizes and position - len(separator) + len(tail) != len(old):
        return None
    pieces = []
    for key in keys:
        if key in rendered:
            pieces.append(rendered[key].encode("utf-8"))
        elif key in start:
            pieces.append(old[start[key] : start[key] + sizes[key]])
        else:
            return None
    return head + separator.join(pieces) + tail


def _assembled(
    library: Library,
    kept: KeptExport,
    chosen: Format,
    keys: list[str],
    rendered: dict[str, str],
    extra_roles: Iterable[Any],
) -> bytes:
    """The export put together from every entry kept in the library."""
    text = _whole(chosen, keys, {**library.export_parts(kept.id), **rendered})
    if text is None:  # an entry missing: written whole
        text = _export(library, keys, chosen, kept, extra_roles)
    return text.encode("utf-8")


def _with_their_namesakes(keys: list[str], changed: set[str], chosen: Format) -> set[str]:
    """The keys to render again: the changed ones, and in BibTeX every key that differs
    from one of them only in case (BibTeX keys ignore case: the writer gives the later
    ones a number, which a change to the earlier one can shift)."""
    if chosen.name not in _KEYED:
        return changed & set(keys)
    touched = {key.lower() for key in changed}
    return {key for key in keys if key in changed or key.lower() in touched}


def _selected(library: Library, selection: dict[str, Any]) -> list[str]:
    refs = selection.get("refs")
    if refs is not None:
        return [str(r.key) for r in library.records(refs=refs)]
    if selection.get("tag") is not None or selection.get("query") is not None:
        return library.select(tag=selection.get("tag"), query=selection.get("query"))
    return library.select()


def _entries(
    library: Library,
    keys: list[str],
    todo: set[str],
    chosen: Format,
    kept: KeptExport,
    extra_roles: Iterable[Any],
) -> dict[str, str]:
    """The text of each record of ``todo`` in the export, without what frames the
    whole. A BibTeX key that another one before it equals but for case is written
    after its namesakes, as in the whole export."""
    head, separator, tail = _FRAMES[chosen.name]
    wanted = [key for key in keys if key in todo]
    if not wanted:
        return {}
    names = library.preferred_names()  # once, not per record

    def write(records: list[Record]) -> str:
        if chosen.name == "json":  # as published, with roles
            return _text(library, records, chosen, kept, extra_roles)
        return chosen.write([with_preferred_names(r, names) for r in records])

    namesakes: dict[str, list[Record]] = {}
    out = {}
    lowered = {w.lower() for w in wanted}
    reading = [k for k in keys if k.lower() in lowered] if chosen.name in _KEYED else wanted
    for record in _records(library, reading, chosen):
        before = namesakes.setdefault(str(record.key).lower(), [])
        before.append(record)
        if record.key not in todo:
            continue
        one = write(before)
        if len(before) > 1:  # only its own entry, after its namesakes'
            one = head + one[len(write(before[:-1])) - len(tail) + len(separator) :]
        if not (one.startswith(head) and one.endswith(tail)):
            return {}
        out[str(record.key)] = one[len(head) : len(one) - len(tail)]
    return out


def _whole(chosen: Format, keys: list[str], parts: dict[str, str]) -> str | None:
    """The export put together from its entries, or None when it cannot be."""
    frame = _FRAMES.get(chosen.name)
    if frame is None or any(key not in parts for key in keys):
        return None
    if not keys:
        return chosen.write([])
    head, separator, tail = frame
    return head + separator.join(parts[key] for key in keys) + tail


def _export(
    library: Library, keys: list[str], chosen: Format, kept: KeptExport, extra_roles: Iterable[Any]
) -> str:
    return _text(library, _records(library, keys, chosen), chosen, kept, extra_roles)


def _records(library: Library, keys: list[str], chosen: Format) -> list[Record]:
    from coprodcite.services.interchange import SOURCE_FORMATS

    return records_in_order(library, keys, with_source=chosen.name in SOURCE_FORMATS)


def _text(
    library: Library,
    records: list[Record],
    chosen: Format,
    kept: KeptExport,
    extra_roles: Iterable[Any],
) -> str:
    from coprodcite.services.interchange import export_text

    private = bool(kept.options.get("include_private"))
    return export_text(library, records, chosen, include_private=private, extra_roles=extra_roles)
