"""Manuscripts that cite the library: ``format PAPER.md`` and ``cite --in PAPER.md``.

A pandoc Markdown document is read (:mod:`coprodcite.manuscripts.pandoc`), every key
it cites (and its front matter's ``nocite``) is looked up in the library, and its
citations are rendered as ONE document: in document order, so numbers, ibid and
subsequent positions, disambiguation and collapsing are those of the whole paper; in
a note style each citation in the main text becomes a footnote, numbered among the
document's own notes. A key the library lacks stops the work before anything is
written (:class:`~coprodcite.errors.MissingKeys` names each one).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coprodcite.errors import InvalidInput, MissingKeys, StyleError
from coprodcite.library import Library
from coprodcite.manuscripts.pandoc import Citation, Manuscript, nocite_keys, read_markdown
from coprodcite.model import Record


@dataclass
class Paper:
    """A manuscript with its works found in the library."""

    name: str
    manuscript: Manuscript
    records: dict[str, Record]  # cited key (as written) -> record
    nocite: list[Record] = field(default_factory=list)  # works listed but not cited

    def works(self) -> list[Record]:
        """Every work of the bibliography, cited ones first, each once."""
        seen: dict[str, Record] = {}
        for record in [*self.records.values(), *self.nocite]:
            seen.setdefault(str(record.key), record)
        return list(seen.values())


@dataclass(frozen=True)
class Rendering:
    """How to render: what the command line and the front matter asked for."""

    style: str
    locale: str | None = None
    fmt: str = "text"
    engine: str | None = None
    styles_dir: Path | None = None
    full_credit: bool = False
    use_cache: bool = True


@dataclass
class Formatted:
    output: str | bytes
    citations: int
    works: int
    style: str


def read_paper(library: Library, path: Path | str, data: bytes | None = None) -> Paper:
    """Read the Markdown manuscript at ``path`` and find its works; MissingKeys for
    the keys the library does not hold, one ``file:line: @key`` each."""
    from coprodcite.manuscripts.readers import read_text

    name = str(path)
    manuscript = read_markdown(read_text(path, data), name)
    return find_works(library, manuscript, name)


def find_works(library: Library, manuscript: Manuscript, name: str) -> Paper:
    records: dict[str, Record] = {}
    missing: dict[str, int] = {}
    for citation in sorted(manuscript.citations, key=lambda c: c.start):
        for cite in citation.cites:
            if cite.key in records or cite.key in missing:
                continue
            record = library.find(cite.key)
            if record is None:
                missing[cite.key] = citation.line
            else:
                records[cite.key] = record
    nocite: list[Record] = []
    for key in nocite_keys(manuscript.metadata):
        if key == "*":
            nocite.extend(library.records())
        elif (record := records.get(key) or library.find(key)) is not None:
            nocite.append(record)
        else:
            missing.setdefault(key, 0)
    if missing:
        found = [(name, key, line or None) for key, line in missing.items()]
        raise missing_keys(name, found, library)
    return Paper(name, manuscript, records, nocite)


def cited_in(library: Library, paths: list[Path]) -> list[str]:
    """``export --cited-in``: the library keys of the works the documents cite (.md,
    .tex, .aux, .bcf), in order; ``*`` (``\\nocite{*}``) brings every work. MissingKeys
    names each key the library lacks."""
    from coprodcite.manuscripts.cited import cited_keys
    from coprodcite.manuscripts.readers import read_text

    keys: dict[str, None] = {}
    missing: list[tuple[str, str, int | None]] = []
    for path in paths:
        for key, line in cited_keys(read_text(path), str(path)):
            if key == "*":
                keys.update(dict.fromkeys(library.select()))
            elif (record := library.find(key)) is not None:
                keys[str(record.key)] = None
            else:
                missing.append((str(path), key, line))
    if missing:
        raise missing_keys(", ".join(str(p) for p in paths), missing, library)
    return list(keys)


def missing_keys(
    name: str, missing: list[tuple[str, str, int | None]], library: Library
) -> MissingKeys:
    """The error for keys (file, key, line) the library lacks: a line for each."""
    lines = [
        f"{file}:{line}: @{key} is not in the library"
        if line
        else f"{file}: @{key} is not in the library"
        for file, key, line in missing
    ]
    n = len(missing)
    return MissingKeys(
        f"{n} key{'s' if n != 1 else ''} cited in {name} {'are' if n != 1 else 'is'} not in "
        f"library {library.location}",
        lines,
        hint="add the works (coprodcite add, import) or correct the keys",
    )


# -- rendering one document ---------------------------------------------------------------


@dataclass(frozen=True)
class StyleShape:
    note: bool  # class="note": citations in the main text become footnotes
    bibliography: bool  # the style has a <bibliography>
    numbered: bool = False  # its citations show the citation-number
    hanging: bool = False  # its bibliography asks for a hanging indent


def style_shape(style: str, styles_dir: Path | None) -> StyleShape:
    """Whether ``style`` (a name, path or XML text; dependent styles followed) is a
    note style, has a bibliography, numbers its citations and hangs its entries, read
    from its parsed root."""
    from coprodcite.render.styles import resolve_style

    source = resolve_style(style, user_dir=styles_dir)
    text = source.xml if source.xml is not None else _read(source.path)
    return _shape(text, source.label)


@functools.lru_cache(maxsize=16)  # a command asks more than once (numbering, indent...)
def _shape(text: str, label: str) -> StyleShape:
    import xml.etree.ElementTree as ET

    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise StyleError(f"cannot read style '{label}': {exc}") from None
    ns = "{http://purl.org/net/xbiblio/csl}"
    macros = {m.get("name"): m for m in root.iter(f"{ns}macro")}
    seen: set[str] = set()

    def numbers(element: ET.Element) -> bool:  # the citation-number, through its macros
        for node in element.iter(f"{ns}text"):
            if node.get("variable") == "citation-number":
                return True
            name = node.get("macro") or ""
            if name in macros and name not in seen:
                seen.add(name)
                if numbers(macros[name]):
                    return True
        return False

    citation = root.find(f"{ns}citation")
    bibliography = root.find(f"{ns}bibliography")
    return StyleShape(
        root.get("class") == "note",
        bibliography is not None,
        citation is not None and numbers(citation),
        bibliography is not None and bibliography.get("hanging-indent") == "true",
    )


def _read(path: Path | None) -> str:
    assert path is not None
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise StyleError(f"cannot read style {path}: {exc.strerror}") from None


def render_paper(
    library: Library, paper: Paper, how: Rendering
) -> tuple[list[Any], list[str] | None]:
    """Each citation of ``paper`` rendered (a Piece per citation, in manuscript order)
    and the bibliography's entries (None when the style has none, or the front matter
    says ``suppress-bibliography``)."""
    from coprodcite.formats.manuscript import Piece, capitalise_first
    from coprodcite.services import _style_to_render, csl_items

    style, locale = _style_to_render(how.style, how.locale, how.full_credit, how.styles_dir)
    shape = style_shape(style, how.styles_dir)
    works = paper.works()
    items = csl_items(works, library.preferred_names())
    citations = paper.manuscript.citations
    notes = note_numbers(paper.manuscript) if shape.note else None
    main = [_cluster(paper, c, author=False, full=shape.note and c.note is None) for c in citations]
    # an in-text citation's author alone, in clusters after all the others: cited alike,
    # so its names are told apart as in the text, and no citation's position moves
    in_text = [c for c in citations if c.in_text]
    alone = [_cluster(paper, c, author=True, full=False) for c in in_text]
    if notes is not None:
        notes = notes + [max(notes, default=0) + 1] * len(alone)
    texts = _citations(library, items, main + alone, style, locale, how, notes)
    named = {
        id(c): text or _fallback_author(paper, c)
        for c, text in zip(in_text, texts[len(main) :], strict=True)
    }
    texts = texts[: len(main)]
    authors = [named.get(id(c), "") for c in citations]
    pieces = []
    for citation, text, author in zip(citations, texts, authors, strict=True):
        note = shape.note and citation.note is None
        pieces.append(Piece(capitalise_first(text, how.fmt) if note else text, note, author))
    entries = None
    if shape.bibliography and not paper.manuscript.metadata.get("suppress-bibliography"):
        entries = (
            _bibliography(library, items, _first_cited(main), style, locale, how) if works else None
        )
    return pieces, entries


def _first_cited(clusters: list[list[dict[str, Any]]]) -> list[list[dict[str, Any]]]:
    """Each work once, in the order first cited: all the bibliography needs of the
    citations (its numbers and order), without rendering every cite again."""
    ids = dict.fromkeys(cite["id"] for cluster in clusters for cite in cluster)
    return [[{"id": key}] for key in ids]


def note_numbers(manuscript: Manuscript) -> list[int]:
    """Each citation's note number in a note style: the document's own notes and a new
    note for each citation in the main text, counted in the order they come."""
    events: list[tuple[int, int, Any]] = [(n.position, 0, n) for n in manuscript.notes]
    events += [(c.start, 1, c) for c in manuscript.citations if c.note is None]
    number_of_note: dict[int, int] = {}
    number_of_citation: dict[int, int] = {}
    count = 0
    for _, kind, value in sorted(events, key=lambda e: (e[0], e[1])):
        count += 1
        if kind == 0:
            number_of_note[manuscript.notes.index(value)] = count
        else:
            number_of_citation[value.start] = count
    return [
        number_of_citation[c.start] if c.note is None else number_of_note.get(c.note, count + 1)
        for c in manuscript.citations
    ]


def _cluster(paper: Paper, citation: Citation, *, author: bool, full: bool) -> list[dict[str, Any]]:
    """A citation as CSL cites: an in-text citation's author alone (``author``), or
    the rest of it (suppress-author unless ``full``: a note style's note)."""
    cluster = []
    for cite in citation.cites:
        csl = cite.to_csl()
        csl["id"] = paper.records[cite.key].key
        if citation.in_text:
            csl.pop("suppress-author", None)
            if author:
                csl = {"id": csl["id"], "author-only": True}
            elif not full:
                csl["suppress-author"] = True
        cluster.append(csl)
    return cluster


def _fallback_author(paper: Paper, citation: Citation) -> str:
    """An in-text author for a style whose citations name nobody (numeric styles):
    the first author's family name, with "and" or "et al." as pandoc writes it."""
    record = paper.records[citation.cites[0].key]
    people = [c for c in record.contributors if c.role == "author"] or record.contributors
    names = [c.family or c.literal or "" for c in people]
    if len(names) > 2:
        return f"{names[0]} et al."
    return " and ".join(n for n in names if n)


def _citations(
    library: Library,
    items: list[dict[str, Any]],
    clusters: list[list[dict[str, Any]]],
    style: str,
    locale: str | None,
    how: Rendering,
    notes: list[int] | None,
) -> list[str]:
    from coprodcite.render import render_citations

    if not clusters:
        return []
    return _cached(
        library,
        lambda s, loc: render_citations(
            items, clusters, s, locale=loc, fmt=how.fmt, engine=how.engine, notes=notes
        ),
        {"kind": "document", "clusters": clusters, "notes": notes},
        items, style, locale, how,
    )  # fmt: skip


def _bibliography(
    library: Library,
    items: list[dict[str, Any]],
    cited: list[list[dict[str, Any]]],
    style: str,
    locale: str | None,
    how: Rendering,
) -> list[str]:
    from coprodcite.render import render_bibliography

    return _cached(
        library,
        lambda s, loc: render_bibliography(
            items, s, locale=loc, fmt=how.fmt, cited=cited or None, engine=how.engine
        ),
        {"kind": "document-bibliography", "clusters": cited, "ids": [i["id"] for i in items]},
        items, style, locale, how,
    )  # fmt: skip


def _cached(
    library: Library,
    render: Any,
    what: dict[str, Any],
    items: list[dict[str, Any]],
    style: str,
    locale: str | None,
    how: Rendering,
) -> list[str]:
    """A render through the library's render cache: the quick key is ``what`` (the
    clusters name the records) and the library's generation, the full one adds the
    items."""
    from coprodcite.services.render_cache import render_cached

    what = {**what, "fmt": how.fmt, "engine": how.engine}
    return render_cached(
        library, render, what=lambda: {**what, "items": items}, quick=what, style=style,
        locale=locale, styles_dir=how.styles_dir, use_cache=how.use_cache,
    )  # fmt: skip


# -- format ---------------------------------------------------------------------------------


def format_paper(
    library: Library,
    path: Path | str,
    to: str,
    how: Rendering,
    *,
    data: bytes | None = None,
    style_given: bool = False,
    locale_given: bool = False,
) -> Formatted:
    """``format``: the manuscript at ``path`` with its citations and bibliography, as
    ``to`` (md, html, docx, txt, latex). The front matter's ``csl:`` and ``lang:`` are
    used unless a style or locale was given on the command line."""
    from dataclasses import replace

    from coprodcite.formats.manuscript import RENDER_FORMAT, TARGETS, Document, write_document

    if to not in TARGETS:
        raise InvalidInput(f"unknown target {to!r}", hint=f"use one of {', '.join(TARGETS)}")
    paper = read_paper(library, path, data)
    metadata = paper.manuscript.metadata
    style, locale = how.style, how.locale
    if not style_given and isinstance(metadata.get("csl"), str):
        style = _front_matter_style(metadata["csl"], str(path))
    if not locale_given and isinstance(metadata.get("lang"), str):
        locale = metadata["lang"]
    how = replace(how, style=style, locale=locale, fmt=RENDER_FORMAT[to])
    pieces, entries = render_paper(library, paper, how)
    title = metadata.get("reference-section-title")
    document = Document(
        paper.manuscript,
        pieces,
        entries,
        heading=str(title) if isinstance(title, str) and title.strip() else "References",
        metadata=metadata,
        lang=locale,
        hanging=style_shape(style, how.styles_dir).hanging,
    )
    return Formatted(write_document(document, to), len(pieces), len(paper.works()), style)


def _front_matter_style(csl: str, document: str) -> str:
    """Front matter's ``csl:``: a path as pandoc reads it (from the working folder,
    else beside the document), or a style's short name."""
    given = Path(csl).expanduser()
    if given.suffix.lower() == ".csl" and not given.is_absolute() and not given.exists():
        beside = Path(document).parent / given
        if beside.exists():
            return str(beside)
    return csl


# -- cite: one citation in context ---------------------------------------------------------


def parse_locator_option(text: str) -> tuple[str, str]:
    """``cite --locator``: (CSL label, value); InvalidInput for what is no locator."""
    from coprodcite.manuscripts.locators import locator_option

    try:
        return locator_option(text)
    except ValueError:
        raise InvalidInput(
            f"not a locator: {text!r}", hint="write it as p. 4, pp. 4-6, page=4, chap. 2 or 4"
        ) from None


def cite_in_context(
    library: Library,
    refs: list[str],
    cites: list[dict[str, Any]],
    how: Rendering,
    *,
    paper: Paper | None = None,
    context: list[str] | None = None,
) -> str:
    """``cite``: the works ``refs`` (with each one's ``cites`` options: locator,
    label, prefix, suffix, suppress-author, author-only) as one citation, numbered
    and disambiguated as in ``paper`` (``cite --in``: the citation comes after the
    document's, so its position is too) or else as in the reference list of the
    ``context`` keys (None: the whole library), where it is a first citation."""
    from coprodcite.services import _style_to_render, csl_items

    records = [library.get(ref) for ref in refs]
    cluster = [
        {**options, "id": record.key} for record, options in zip(records, cites, strict=True)
    ]
    style, locale = _style_to_render(how.style, how.locale, how.full_credit, how.styles_dir)
    notes = None
    if paper is not None:
        works = paper.works()
        before = [_cluster(paper, c, author=False, full=False) for c in paper.manuscript.citations]
        if style_shape(style, how.styles_dir).note:
            numbers = note_numbers(paper.manuscript)
            notes = [*numbers, max([0, *numbers]) + 1]
    elif style_shape(style, how.styles_dir).numbered:  # the numbers of `bib`
        works = library.records(refs=context) if context is not None else library.records()
        before = [[{"id": w.key} for w in works]] if works else []
        cluster = [{**cite, "position": "first"} for cite in cluster]
    else:
        works, before = [], []
    known = {str(w.key) for w in works}
    works = works + [r for r in records if r.key not in known]
    items = csl_items(list({str(w.key): w for w in works}.values()), library.preferred_names())
    return _citations(library, items, [*before, cluster], style, locale, how, notes)[-1]


# -- the pandoc filter ---------------------------------------------------------------------


@dataclass
class Filtered:
    document: dict[str, Any]
    found: int
    missing: list[str]  # keys the library lacks (and the document's own references too)


def filter_document(
    library: Library,
    document: Any,
    *,
    full_credit: bool = False,
    cache_dir: Path | None = None,
    styles_dir: Path | None = None,
) -> Filtered:
    """``coprodcite-pandoc``: the pandoc document with every work it cites (and its
    ``nocite``; ``@*`` is the whole library) found in the library and given to pandoc's
    citeproc as metadata ``references`` (CSL-JSON, preferred names). With
    ``full_credit`` the document's style (``csl``, else pandoc's default) is set to a
    copy without its et-al rules, kept in ``cache_dir``. A style given by short name
    (``csl: apa``) is found among coprodcite's styles."""
    from coprodcite.formats.pandoc_ast import check_document, cited_ids, reference_meta
    from coprodcite.services import csl_items

    document = check_document(document)
    meta = document.setdefault("meta", {})
    present = _reference_ids(meta.get("references"))
    records: dict[str, Record] = {}
    missing = []
    for key in cited_ids(document):
        if key == "*":
            records.update({str(r.key): r for r in library.records()})
        elif (record := library.find(key)) is not None:
            records[key] = record
        elif key not in present:
            missing.append(key)
    items = csl_items(list(records.values()), library.preferred_names())
    for cited, item in zip(records, items, strict=True):
        item["id"] = cited  # pandoc finds a reference by the key as cited (a DOI, say)
    refs = meta.get("references", {"t": "MetaList", "c": []})
    refs.setdefault("c", []).extend(reference_meta(i) for i in items if i["id"] not in present)
    meta["references"] = refs
    if full_credit and cache_dir is not None:
        _full_credit_style(meta, cache_dir, styles_dir)
    else:
        _style_file(meta, styles_dir)
    return Filtered(document, len(items), missing)


def _style_file(meta: dict[str, Any], styles_dir: Path | None) -> None:
    """``csl: apa``: a style's short name (pandoc reads only files) as the file of the
    style (a dependent one's parent, with its locale as ``lang``)."""
    from coprodcite.formats.pandoc_ast import meta_string, meta_text
    from coprodcite.render.styles import resolve_style

    name = meta_text(meta.get("csl"))
    if not name or Path(name).expanduser().exists() or "/" in name or name.endswith(".csl"):
        return
    try:
        source = resolve_style(name, user_dir=styles_dir)
    except StyleError:
        return  # pandoc says what it cannot find
    if source.path is not None:
        meta["csl"] = meta_string(str(source.path))
        if source.default_locale and "lang" not in meta:
            meta["lang"] = meta_string(source.default_locale)


def _reference_ids(references: Any) -> set[str]:
    from coprodcite.formats.pandoc_ast import meta_text

    out = set()
    for reference in (references or {}).get("c", []) if isinstance(references, dict) else []:
        if isinstance(reference, dict) and isinstance(reference.get("c"), dict):
            text = meta_text(reference["c"].get("id"))
            if text:
                out.add(text)
    return out


def _full_credit_style(meta: dict[str, Any], cache_dir: Path, styles_dir: Path | None) -> None:
    """Point ``csl`` at the document's style without et-al rules (a file in the cache:
    pandoc reads styles from files), and ``lang`` at a dependent style's locale."""
    import hashlib

    from coprodcite.formats.pandoc_ast import meta_string, meta_text
    from coprodcite.services import _style_to_render

    style = meta_text(meta.get("csl")) or "chicago-author-date"
    xml, locale = _style_to_render(style, None, True, styles_dir)
    folder = cache_dir / "full-credit-styles"
    path = folder / f"{hashlib.sha256(xml.encode('utf-8')).hexdigest()[:16]}.csl"
    if not path.exists():
        from coprodcite.services.interchange import write_atomically

        folder.mkdir(parents=True, exist_ok=True)
        write_atomically(path, xml)
    meta["csl"] = meta_string(str(path))
    if locale and "lang" not in meta:
        meta["lang"] = meta_string(locale)
