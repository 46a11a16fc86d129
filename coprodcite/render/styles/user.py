"""The user's own styles (``coprodcite styles add|remove|export``).

A file is checked before it is copied: well-formed XML whose root is a CSL ``<style>``
with an ``<info><id>``; an independent style needs a ``<citation>`` and a definition
of every macro it calls, a dependent one a parent that resolves to an independent
style. A file that fails any check is not copied; one that passes is written
atomically, under its own file name or ``name``. Only styles in the user's folder can
be removed. Any style can be exported standalone: a dependent one becomes its parent's
rules under its own ``<info>`` and locale, so tools that cannot follow the parent link
(pandoc offline) can use it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coprodcite.errors import StyleError
from coprodcite.render.styles import find_style_file, resolve_style, style_meta
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
        _check_macros(root, label)
        return
    _check_parent(parent, label, user_dir)


def _check_macros(root: ET.Element, label: str) -> None:
    """Every macro the style calls (``<text macro>``, ``<key macro>``) is defined."""
    defined = {m.get("name") for m in root.iterfind(f"{CSL_NS}macro")}
    called = [e.get("macro") for e in root.iter() if e.get("macro") is not None]
    missing = sorted({m for m in called if m not in defined}, key=str)
    if missing:
        listed = ", ".join(f"'{m}'" for m in missing)
        raise StyleError(
            f"{label} calls {'an undefined macro' if len(missing) == 1 else 'undefined macros'}"
            f" {listed}",
            hint="define it with <macro name=...>, or fix the name where it is called",
        )


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


@dataclass(frozen=True)
class RemovedStyle:
    """A user style taken out of the user styles folder."""

    meta: StyleMeta
    now: str | None  # the project or bundled style file the name resolves to now
    orphans: list[str]  # the user's dependent styles left without their parent

    def to_json(self) -> dict[str, object]:
        return {**self.meta.to_json(), "now": self.now, "orphans": self.orphans}


def remove_user_style(name: str, user_dir: Path) -> RemovedStyle:
    """Delete the user style ``name`` (its file in ``user_dir``). Raises StyleError for a
    style that is not the user's (project and bundled styles stay) or not there."""
    short = name.strip().lower().removesuffix(".csl")
    target = user_dir / f"{short}.csl"
    if not _NAME.fullmatch(short) or not target.is_file():
        found = find_style_file(short, user_dir)
        if found is None:
            style_meta(short, user_dir=user_dir)  # raises: unknown style, did you mean...
        raise StyleError(
            f"'{short}' is not one of your styles ({found})",
            hint="only styles added with `coprodcite styles add` can be removed",
        )
    meta = read_meta(target, "user")
    try:
        target.unlink()
    except OSError as exc:
        raise StyleError(
            f"cannot remove {target}: {exc.strerror or exc}", hint="check the folder's permissions"
        ) from None
    now = find_style_file(short, user_dir)
    orphans = [] if now is not None else _dependents_of(short, user_dir)
    return RemovedStyle(meta, str(now) if now else None, orphans)


def _dependents_of(parent: str, user_dir: Path) -> list[str]:
    from coprodcite.render.styles.index import style_files

    return [
        m.name
        for m in (read_meta(path, "user") for path in style_files(user_dir))
        if m.parent == parent
    ]


def standalone_style(style: str, user_dir: Path | None = None) -> str:
    """The CSL XML of ``style`` (a short name or a .csl file) that needs no other file.

    An independent style is its file as it is. A dependent style becomes its
    independent parent's rules under the dependent style's own ``<info>`` (title, id,
    ISSNs), its independent-parent link turned into a ``template`` link (CSL 1.0.2:
    the style it was derived from), and its ``default-locale`` when it sets one; it
    renders as the dependent style does.
    """
    meta = style_meta(style, user_dir=user_dir)
    own = Path(meta.path)
    if not meta.dependent:
        return own.read_bytes().decode("utf-8-sig")
    source = resolve_style(style, user_dir=user_dir)
    assert source.path is not None
    root = _parse(source.path)
    old = root.find(f"{CSL_NS}info")
    info = _parse(own).find(f"{CSL_NS}info")
    if info is None or old is None:
        raise StyleError(f"style '{meta.name}' has no <info>", hint="check the style file")
    for link in info.iterfind(f"{CSL_NS}link"):
        if link.get("rel") == "independent-parent":
            link.set("rel", "template")
    info.tail = old.tail
    root.replace(old, info)
    if source.default_locale:
        root.set("default-locale", source.default_locale)
    from lxml import etree

    text: bytes = etree.tostring(root.getroottree(), xml_declaration=True, encoding="utf-8")
    return text.decode("utf-8") + "\n"


def _parse(path: Path) -> Any:
    """A style file's root element (lxml keeps its namespaces and comments as written;
    no entity is resolved, nothing fetched)."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        return etree.parse(str(path), parser).getroot()
    except (OSError, etree.XMLSyntaxError) as exc:
        raise StyleError(f"cannot read style file {path}: {exc}", hint="check the file") from None


def write_style(text: str, target: Path) -> None:
    """Write a style file atomically (a temporary file, then a rename)."""
    try:
        write_atomically(target, text.encode("utf-8"))
    except OSError as exc:
        raise StyleError(
            f"cannot write {target}: {exc.strerror or exc}",
            hint="check that the folder exists and is writable",
        ) from None
