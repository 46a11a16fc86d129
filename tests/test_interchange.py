"""Import and export services against a real SQLite library on disk."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from coprodcite.errors import CoprodciteError, ExitCode, InvalidInput
from coprodcite.library import open_library
from coprodcite.services.interchange import export, import_files, is_macro_file

RIS = """TY  - JOUR
TI  - Reflections on making co-production work
AU  - Quill, Ada
PY  - 2023
DO  - 10.5555/one
ID  - quill2023reflections
ER  -

TY  - JOUR
TI  - Second work
AU  - Wren, Tomasz
PY  - 2021
ID  - quill2023reflections
ER  -

JF  - An entry without its TY line
ER  -
"""


@pytest.fixture
def library(tmp_path):
    lib = open_library(tmp_path / "lib.sqlite")
    yield lib
    lib.close()


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_import_counts_failures_and_keeps_duplicate_keys_apart(library, tmp_path):
    report = import_files(library, [_write(tmp_path, "a.ris", RIS)])
    (one,) = report.files
    assert (one.entries, one.imported, one.skipped, one.failed) == (3, 2, 0, 1)
    assert one.errors == [f"{tmp_path / 'a.ris'}:16: RIS entry without a TY line"]
    assert any("'quill2023reflections' is used by 2 entries" in w for w in one.warnings)
    assert sorted(r.key for r in library.records()) == [
        "quill2023reflections",
        "quill2023reflectionsa",
    ]
    assert report.exit_code == ExitCode.INVALID_INPUT


def test_duplicates_are_skipped_or_merged(library, tmp_path):
    import_files(library, [_write(tmp_path, "a.ris", RIS)])
    richer = RIS.replace("PY  - 2023\n", "PY  - 2023\nVL  - 53\n").replace(
        "TI  - Second work\n", "TI  - Second work\nPB  - Quill Press\n"
    )
    again = import_files(library, [_write(tmp_path, "b.ris", richer)]).files[0]
    assert (again.imported, again.skipped, again.merged) == (0, 2, 0)
    merged = import_files(library, [tmp_path / "b.ris"], merge=True).files[0]
    assert (merged.imported, merged.skipped, merged.merged) == (0, 0, 2)
    assert library.get("10.5555/one").fields["volume"] == "53"
    assert library.count() == 2


def test_formats_are_detected_and_stdin_is_read(library, tmp_path):
    item = {"id": "wren2021", "type": "book", "title": "T", "author": [{"family": "Wren"}]}
    report = import_files(library, ["-", _write(tmp_path, "x.yaml", "- id: a\n  title: Y\n")],
                          stdin_text=json.dumps([item]))  # fmt: skip
    assert [(f.file, f.format, f.imported) for f in report.files] == [
        ("<stdin>", "csl-json", 1),
        (str(tmp_path / "x.yaml"), "csl-yaml", 1),
    ]


def test_unreadable_file_is_one_failure(library, tmp_path):
    report = import_files(library, [tmp_path / "missing.ris", _write(tmp_path, "a.txt", "hello")])
    assert [f.failed for f in report.files] == [1, 1]
    assert "cannot read" in report.files[0].errors[0]
    assert "cannot tell the format" in report.files[1].errors[0]


def test_macro_only_bib_file():
    assert is_macro_file('@string{bjsw = "British Journal of Social Work"}\n@comment{x}')
    assert not is_macro_file('@string{a = "b"}\n@article{k, title={T}}')
    assert not is_macro_file("% nothing")


def test_export_writes_atomically_and_keeps_the_old_file_on_failure(library, tmp_path):
    import_files(library, [_write(tmp_path, "a.ris", RIS)])
    out = tmp_path / "out.json"
    result = export(library, None, "csl-json", out)
    assert result.count == 2 and len(json.loads(out.read_text())) == 2
    before = out.read_text()
    with pytest.raises(InvalidInput):
        export(library, None, "no-such-format", out)
    with pytest.raises(CoprodciteError, match="cannot write"):
        export(library, None, "ris", tmp_path / "no-folder" / "out.ris")
    assert out.read_text() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_export_into_read_only_folder_leaves_nothing(library, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "refs.ris").write_text("old")
    folder.chmod(0o555)
    try:
        with pytest.raises(CoprodciteError):
            export(library, None, "ris", folder / "refs.ris")
        assert sorted(p.name for p in folder.iterdir()) == ["refs.ris"]
        assert (folder / "refs.ris").read_text() == "old"
    finally:
        folder.chmod(0o755)


def test_one_file_is_one_transaction(tmp_path):
    """A database failure on the second record (a trigger) leaves none of the
    file's records behind, and is reported as the file's failure."""
    import sqlite3

    path = tmp_path / "lib.sqlite"
    open_library(path).close()
    with sqlite3.connect(path) as db:
        db.execute(
            "CREATE TRIGGER boom BEFORE INSERT ON records WHEN NEW.title = 'Second work'"
            " BEGIN SELECT RAISE(ABORT, 'boom'); END"
        )
    lib = open_library(path)
    try:
        (one,) = import_files(lib, [_write(tmp_path, "a.ris", RIS)]).files
        assert (one.imported, one.failed) == (0, one.entries)
        assert "nothing imported" in one.errors[-1] and "boom" in one.errors[-1]
        assert lib.count() == 0
    finally:
        lib.close()


def test_duplicate_across_tools_with_and_without_doi(library, tmp_path):
    entry = (
        "TY  - JOUR\nTI  - Reflections, on making co-production work.\n"
        "AU  - {name}\nPY  - 2023\n{doi}ER  -\n"
    )
    with_doi = entry.format(name="Quill, Ada", doi="DO  - 10.5555/one\n")
    without = entry.format(name="Quill A", doi="")
    other_doi = entry.format(name="Quill, Ada", doi="DO  - 10.5555/two\n")
    counts = [
        (f.imported, f.skipped)
        for text in (with_doi, without, other_doi)
        for f in import_files(library, [_write(tmp_path, "x.ris", text)]).files
    ]
    assert counts == [(1, 0), (0, 1), (1, 0)]


def test_key_pattern_from_settings(tmp_path):
    from coprodcite.config import load_settings

    settings = load_settings(env={"COPRODCITE_KEY_PATTERN": "{family}:{year}"})
    lib = open_library(tmp_path / "k.sqlite", key_pattern=settings.key_pattern)
    try:
        text = RIS.replace("ID  - quill2023reflections\n", "")
        import_files(lib, [_write(tmp_path, "a.ris", text)])
        assert sorted(r.key for r in lib.records()) == ["quill:2023", "wren:2021"]
    finally:
        lib.close()
    with pytest.raises(InvalidInput, match="placeholders"):
        load_settings(env={"COPRODCITE_KEY_PATTERN": "{surname}{year}"})


def test_macro_only_bib_file_feeds_the_other_bib_files(library, tmp_path):
    macros = _write(tmp_path, "macros.bib", '@string{bjsw = "British Journal of Social Work"}\n')
    refs = _write(
        tmp_path,
        "refs.bib",
        "@article{quill2023, author = {Quill, Ada}, title = {Reflections},"
        " journal = bjsw, year = 2023}\n",
    )
    report = import_files(library, [macros, refs])
    assert [(f.format, f.imported) for f in report.files] == [("bibtex-macros", 0), ("bibtex", 1)]
    assert library.get("quill2023").fields["container-title"] == "British Journal of Social Work"


def test_utf16_and_cp1252_files(library, tmp_path):
    text = "TY  - JOUR\r\nTI  - Café society\r\nAU  - Wren, Tomasz\r\nPY  - 2020\r\nER  - \r\n"
    (tmp_path / "u16.ris").write_bytes(text.encode("utf-16"))
    (tmp_path / "cp.ris").write_bytes(text.replace("2020", "2021").encode("cp1252"))
    report = import_files(library, [tmp_path / "u16.ris", tmp_path / "cp.ris"])
    assert [f.imported for f in report.files] == [1, 1]
    assert {r.title for r in library.records()} == {"Café society"}


ABBREV = '@string{lncs = "Lecture Notes in Computer Science"}\n@string{spr = "Invented Springs"}\n'
PROCEEDINGS = """@string{ants = "Ant Colony Optimization: 4th Invented Workshop"}

@proceedings{ANTS2004,
  title = ants,
  booktitle = ants,
  year = 2004,
  editor = {Quill, Ada},
  series = lncs,
  volume = 3172,
  publisher = spr,
  address = {Leeds},
}
"""
PAPERS = """@inproceedings{wren2004ants,
  author = {Wren, Tomasz},
  title = {Invented ants on invented graphs},
  crossref = {ANTS2004},
  pages = {1--12},
}

@inproceedings{ash2004lost,
  author = {Ash, Noor},
  title = {A paper whose proceedings are nowhere},
  crossref = {Nowhere2004},
}
"""


@pytest.mark.parametrize("order", ["papers first", "proceedings first"])
def test_crossref_parents_in_another_file_are_inherited(library, tmp_path, order):
    abbrev = _write(tmp_path, "abbrev.bib", ABBREV)
    papers = _write(tmp_path, "biblio.bib", PAPERS)
    proceedings = _write(tmp_path, "crossref.bib", PROCEEDINGS)
    files = [papers, proceedings] if order == "papers first" else [proceedings, papers]
    report = import_files(library, [abbrev, *files])
    by_file = {Path(f.file).name: f for f in report.files}
    assert by_file["abbrev.bib"].format == "bibtex-macros"
    assert (by_file["biblio.bib"].imported, by_file["crossref.bib"].imported) == (2, 1)
    paper = library.get("wren2004ants")
    assert paper.year == 2004
    assert paper.fields["container-title"] == "Ant Colony Optimization: 4th Invented Workshop"
    assert paper.fields["publisher"] == "Invented Springs"
    assert paper.fields["collection-title"] == "Lecture Notes in Computer Science"
    assert [c.family for c in paper.contributors if c.role == "editor"] == ["Quill"]
    assert library.get("ANTS2004").type == "book"
    assert by_file["biblio.bib"].warnings == [
        f"{papers}:8: 'ash2004lost': no entry 'Nowhere2004' to inherit from"
    ]


def test_a_file_alone_does_not_see_parents_of_an_earlier_command(library, tmp_path):
    import_files(library, [_write(tmp_path, "crossref.bib", PROCEEDINGS)])
    report = import_files(library, [_write(tmp_path, "biblio.bib", PAPERS)])
    assert any("no entry 'ANTS2004'" in w for w in report.files[0].warnings)
    assert library.get("wren2004ants").year is None


def test_a_files_own_macros_and_parents_win(library, tmp_path):
    one = _write(
        tmp_path,
        "one.bib",
        '@string{pub = "Own Press"}\n@book{P, title = {Own parent}, year = 2001}\n'
        "@incollection{c1, title = {C1}, crossref = {P}, publisher = pub}\n",
    )
    two = _write(
        tmp_path,
        "two.bib",
        '@string{pub = "Other Press"}\n@book{P, title = {Other parent}, year = 2002}\n'
        "@incollection{c2, title = {C2}, crossref = {P}, publisher = pub}\n",
    )
    import_files(library, [one, two])
    c1, c2 = library.get("c1"), library.get("c2")
    assert (c1.fields["publisher"], c1.fields["container-title"], c1.year) == (
        "Own Press",
        "Own parent",
        2001,
    )
    assert (c2.fields["publisher"], c2.fields["container-title"], c2.year) == (
        "Other Press",
        "Other parent",
        2002,
    )


@pytest.mark.parametrize(
    ("fmt", "name", "text", "failure"),
    [
        ("ris", "refs.bib", "@article{k, title = {T}, year = 2020}\n",
         "refs.bib: no RIS (.ris) entries in it; it looks like BibTeX (.bib); give --format"
         " bibtex, or leave --format out to tell it from the content"),
        ("bibtex", "refs.ris", "TY  - JOUR\nTI  - T\nER  - \n",
         "refs.ris: no BibTeX (.bib) entries in it; it looks like RIS (.ris); give --format"
         " ris, or leave --format out to tell it from the content"),
        ("ris", "notes.txt", "just some notes\n",
         "notes.txt: no RIS (.ris) entries in it; check the file, or give its format with"
         " --format"),
        ("medline", "refs.bib", "@article{k, title = {T}}\n",
         "refs.bib: no MEDLINE/PubMed (.nbib) entries in it; it looks like BibTeX (.bib);"
         " give --format bibtex, or leave --format out to tell it from the content"),
    ],
)  # fmt: skip
def test_a_file_read_as_the_wrong_format_is_an_error_not_zero_entries(
    library, tmp_path, fmt, name, text, failure
):
    report = import_files(library, [_write(tmp_path, name, text)], fmt=fmt)
    (one,) = report.files
    assert (one.entries, one.failed, one.imported) == (1, 1, 0)
    assert one.errors == [failure.replace(name, str(tmp_path / name), 1)]
    assert report.exit_code == ExitCode.INVALID_INPUT
    assert library.count() == 0


@pytest.mark.parametrize(
    ("fmt", "name", "text"),
    [
        (None, "comments.bib", "@comment{nothing here yet}\n"),
        ("biblatex", "comments.bib", "@comment{nothing here yet}\n"),
        (None, "empty.ris", "\n\n"),
        ("json", "empty.json", "[]\n"),
    ],
)
def test_a_file_with_no_entries_in_its_own_format_is_fine(library, tmp_path, fmt, name, text):
    report = import_files(library, [_write(tmp_path, name, text)], fmt=fmt)
    assert report.files[0].entries == 0 and report.exit_code == ExitCode.OK


def test_the_cycle_collector_runs_again_after_an_import(library, tmp_path):
    import gc

    path = _write(tmp_path, "a.ris", RIS)
    assert gc.isenabled()
    import_files(library, [path])
    assert gc.isenabled()
    with pytest.raises(ZeroDivisionError):
        import_files(library, [path], on_file=lambda one: 1 / 0)
    assert gc.isenabled()
    gc.disable()
    try:
        import_files(library, [path])
        assert not gc.isenabled()  # as it was
    finally:
        gc.enable()
