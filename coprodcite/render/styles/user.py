"""Adding a CSL file to the user's styles folder (``coprodcite styles add``).

A file is checked before it is copied: well-formed XML whose root is a CSL ``<style>``
with an ``<info><id>``; an independent style needs a ``<citation>``, a dependent one a
parent that resolves to an independent style. A file that fails any check is not
copied; one that passes is written atomically, under its own file name or ``name``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from coprodcite.errors import StyleError
from coprodcite.render.styles import find_style_file
from coprodcite.render.styles.index import CSL_NS, StyleMeta, read_meta, write_atomically

_NAME = re.compile(r"[a-z0-9][a-z0-9._-]*")


@dataclass(frozen=True)
class AddedStyle:
    """A style copied into the user styles folder."""

    meta: StyleMeta
    replaced: bool  # an earlier user style of that name was replaced
    shadows: str | None  # the project or bundled style file that the new one hides

    def to_json(self) -> dict[str, object]:
        return {**self.meta.to_json(), "replaced": self.replaced, "shadows": self.shadows}


def add_user_style(
    file: Path, user_dir: Path, *, name: str | None = None, force: bool = False
) -> AddedStyle:
    """Check ``file`` and copy it to ``user_dir`` as ``<name>.csl`` (default: its file
    name). Raises StyleError, copying nothing, when a check fails or the name is taken
    by an earlier user style and not ``force``."""
    short = (name or file.name).strip().lower().removesuffix(".csl")
    if not _NAME.fullmatch(short):
        raise StyleError(
            f"cannot use '{short}' as a style name",
            hint="use lower-case letters, digits and hyphens, e.g. --name my-journal",
        )
    data = _read(file)
    check_style(data, str(file), user_dir)
    target = user_dir / f"{short}.csl"
    replaced = target.is_file()
    if replaced and not force:
        raise StyleError(
            f"a user style named '{short}' exists already ({target})",
            hint="pass --force to replace it, or --name to add it under another name",
        )
    hidden = find_style_file(short)
    try:
        user_dir.mkdir(parents=True, exist_ok=True)
        write_atomically(target, data)
    except OSError as exc:
        raise StyleError(
            f"cannot write style to {user_dir}: {exc.strerror or exc}",
            hint="check the folder, or set COPRODCITE_STYLES_DIR to another one",
        ) from None
    return AddedStyle(read_meta(target, "user"), replaced, str(hidden) if hidden else None)


def _read(file: Path) -> bytes:
    try:
        return file.expanduser().read_bytes()
    except OSError as exc:
        raise StyleError(
            f"cannot read style file {file}: {exc.strerror or exc}", hint="check the path"
        ) from None


def check_style(data: bytes, label: str, user_dir: Path | None = None) -> None:
    """Raise a one-line StyleError naming ``label`` if ``data`` is not a usable CSL style."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise StyleError(
            f"{label} is not well-formed XML ({exc})", hint="fix the file and add it again"
        ) from None
    if root.tag != f"{CSL_NS}style":
        raise StyleError(
            f"{label} is not a CSL style: its root element is {root.tag}",
            hint="a CSL style is a <style> in the http://purl.org/net/xbiblio/csl namespace",
        )
    if not (root.findtext(f"{CSL_NS}info/{CSL_NS}id") or "").strip():
        raise StyleError(f"{label} has no <info><id>", hint="give the style a unique id")
    parent = next(
        (
            link.get("href", "")
            for link in root.iterfind(f"{CSL_NS}info/{CSL_NS}link")
            if link.get("rel") == "independent-parent"
        ),
        None,
    )
    if parent is None:
        if root.find(f"{CSL_NS}citation") is None:
            raise StyleError(
                f"{label} has no <citation> and no independent parent",
                hint="an independent style needs a <citation> element",
            )
        return
    _check_parent(parent, label, user_dir)


def _check_parent(href: str, label: str, user_dir: Path | None) -> None:
    parent = href.rstrip("/").rsplit("/", 1)[-1]
    path = find_style_file(parent, user_dir) if parent else None
    if path is None:
        raise StyleError(
            f"{label} depends on '{parent or href}', which is not available",
            hint="add the parent style first, or pick another parent",
        )
    if read_meta(path, "").dependent:
        raise StyleError(
            f"{label} depends on '{parent}', which is itself a dependent style",
            hint="point its independent-parent link at an independent style",
        )
