"""A checked manuscript's reference list in a journal's style (``check --style S -o``).

One entry per work (duplicates merged), in the style's order, rendered by coprodcite's
own CSL engine and written in the format the file's extension names, through the
writers ``format --to`` uses (Word: italics and small caps as runs, hanging indent). An
entry that could not be identified is kept as written, marked, after the others. For a
numbered style the renumbering of the text's numbers is reported (the manuscript is
never changed).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from coprodcite.errors import InvalidInput

if TYPE_CHECKING:
    from coprodcite.services.check import CheckReport

#: extension -> target of :func:`coprodcite.formats.manuscript.write_document`, or "rtf"
EXTENSIONS = {
    ".docx": "docx",
    ".md": "md",
    ".html": "html",
    ".htm": "html",
    ".rtf": "rtf",
    ".tex": "latex",
    ".txt": "txt",
}
UNIDENTIFIED = "[not identified; as written] "


@dataclass
class FormattedList:
    data: str | bytes
    entries: int
    #: numbered styles: (number in the manuscript, number in the formatted list) of
    #: every entry whose number changes
    renumbering: list[tuple[int, int]] = field(default_factory=list)


def target_of(path: Path) -> str:
    target = EXTENSIONS.get(path.suffix.lower())
    if target is None:
        raise InvalidInput(
            f"cannot tell the format of {path} from its extension",
            hint="end the name with " + ", ".join(sorted(set(EXTENSIONS))),
        )
    return target


def _as_written(text: str, fmt: str) -> str:
    """An entry as written, escaped for ``fmt`` and marked."""
    text = UNIDENTIFIED + text
    if fmt == "html":
        from html import escape

        return escape(text)
    if fmt == "latex":
        from coprodcite.formats.bibtex.latex_out import escape_latex

        return escape_latex(text)
    if fmt == "markdown":
        from coprodcite.formats.manuscript import md_safe

        return md_safe(text.replace("*", "\\*").replace("_", "\\_"))
    if fmt == "rtf":
        return "".join(
            f"\\u{ord(c) if ord(c) < 32768 else ord(c) - 65536}?"
            if ord(c) > 127
            else ("\\" + c if c in "\\{}" else c)
            for c in text
        )
    return text


def formatted_list(
    report: CheckReport, style: str, out: Path, *, styles_dir: Path | None = None
) -> FormattedList:
    from coprodcite.formats.manuscript import RENDER_FORMAT
    from coprodcite.render import render_bibliography_keyed
    from coprodcite.services.manuscript import style_shape

    target = target_of(out)
    fmt = "rtf" if target == "rtf" else RENDER_FORMAT[target]
    work_of: dict[int, str] = {}  # entry index -> item id
    items = []
    by_doi: dict[str, str] = {}
    for index, entry in enumerate(report.entries):
        result = entry.result
        if not (result and result.status == "matched" and result.record):
            continue
        key = result.doi or f"entry{index}"
        if key not in by_doi:
            by_doi[key] = f"w{index}"
            items.append(result.record.to_csl(id=by_doi[key]))
        work_of[index] = by_doi[key]
    rendered = (
        render_bibliography_keyed(items, style, fmt=fmt, engine="coprodcite") if items else []
    )
    order = {item_id: n for n, (item_id, _) in enumerate(rendered, 1)}
    entries = [text for _, text in rendered]
    for index, entry in enumerate(report.entries):
        if index not in work_of:
            entries.append(_as_written(entry.text, fmt))
            order[f"as-written{index}"] = len(entries)
            work_of[index] = f"as-written{index}"
    renumbering: list[tuple[int, int]] = []
    shape = style_shape(style, styles_dir)
    if shape.numbered:
        renumbering = [
            (index + 1, order[work_of[index]])
            for index in range(len(report.entries))
            if order[work_of[index]] != index + 1
        ]
    data = _write(entries, target, out.name, shape.hanging)
    return FormattedList(data, len(entries), renumbering)


def _write(entries: list[str], target: str, name: str, hanging: bool) -> str | bytes:
    if target == "rtf":
        from coprodcite.formats.documents import bibliography_document

        return bibliography_document(entries, "rtf") + "\n"
    from coprodcite.formats.manuscript import Document, write_document
    from coprodcite.manuscripts.pandoc import read_markdown

    document = Document(read_markdown("# References\n", name), [], entries, hanging=hanging)
    return write_document(document, target)


def write_formatted(
    report: CheckReport,
    style: str,
    out: Path,
    *,
    styles_dir: Path | None = None,
    protected: list[Path] | None = None,
) -> FormattedList:
    """:func:`formatted_list` written to ``out`` (atomically)."""
    from coprodcite.files import write_output

    formatted = formatted_list(report, style, out, styles_dir=styles_dir)
    write_output(out, formatted.data, protected=protected or [])
    return formatted


def check_target(style: str, out: Path, styles_dir: Path | None = None) -> None:
    """Refuse, before any work, an unknown style or an output file of no known format."""
    from coprodcite.services.manuscript import style_shape

    target_of(out)
    style_shape(style, styles_dir)
