"""import and export through the installed command, as a user runs them."""

from __future__ import annotations

import json

from tests.cli.test_installed_command import run

MESSY = (
    "\ufeffRecord #1 of 3\r\n"
    "TY  - JOUR\r\nTI  - Reflections on making co-production work\r\nAU  - Quill, Ada\r\n"
    "PY  - 2023/05/01/\r\nDO  - 10.5555/one\r\nER  - \r\n\r\n"
    "JF  - Lost its TY line\r\nER  - \r\n\r\n"
    "TY  - BOOK\r\nTI  - Tomasz Wren's book\r\nAU  - Tomasz Wren\r\nPY  - 2021\r\nER  - \r\n"
)


def test_import_messy_ris_then_export(tmp_path):
    path = tmp_path / "messy.ris"
    path.write_bytes(MESSY.encode("utf-8"))
    result = run("import", str(path), tmp_path=tmp_path)
    assert result.returncode == 3, result.stderr
    assert f"failed: {path}:9: RIS entry without a TY line" in result.stderr
    assert "3 entries, 2 imported, 0 merged, 0 skipped, 1 failed" in result.stderr
    assert "Traceback" not in result.stderr
    again = run("import", "--json", "-", input=path.read_text(encoding="utf-8"), tmp_path=tmp_path)
    report = json.loads(again.stdout)
    assert report["summary"] == {
        "entries": 3,
        "imported": 0,
        "merged": 0,
        "skipped": 2,
        "failed": 1,
    }
    assert report["files"][0]["file"] == "<stdin>" and report["files"][0]["format"] == "ris"
    exported = run("export", "--format", "csl-json", tmp_path=tmp_path)
    assert exported.returncode == 0, exported.stderr
    keys = sorted(item["id"] for item in json.loads(exported.stdout))
    assert keys == ["quill2023reflections", "wren2021tomasz"]
    ris = run("export", "quill2023reflections", "--format", "ris", tmp_path=tmp_path)
    assert ris.stdout.startswith("TY  - JOUR\n") and "DA  - 2023/05/01/" in ris.stdout


def test_export_is_atomic(tmp_path):
    path = tmp_path / "one.json"
    path.write_text(json.dumps([{"id": "quill2023", "type": "book", "title": "T"}]))
    assert run("import", str(path), tmp_path=tmp_path).returncode == 0
    out = tmp_path / "refs.yaml"
    done = run("export", "--format", "csl-yaml", "-o", str(out), tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    assert out.read_text().startswith("---\nreferences:\n")
    before = out.read_text()
    # a file where a folder should be: the write fails, nothing is left behind
    blocker = tmp_path / "blocker"
    blocker.write_text("not a folder")
    failed = run("export", "--format", "ris", "-o", str(blocker / "x.ris"), tmp_path=tmp_path)
    assert failed.returncode == 3  # the -o path given cannot be written: invalid input
    assert failed.stderr.startswith(f"coprodcite: error: cannot write {blocker / 'x.ris'}")
    unknown_key = run("export", "nobody2020", "--format", "ris", "-o", str(out), tmp_path=tmp_path)
    assert unknown_key.returncode == 4
    assert out.read_text() == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_unknown_format_is_usage_error(tmp_path):
    result = run("export", "--format", "docx", tmp_path=tmp_path)
    assert result.returncode == 2


def test_import_failing_paths(tmp_path):
    missing = run("import", str(tmp_path / "missing.ris"), tmp_path=tmp_path)
    assert missing.returncode == 3
    assert f"failed: {tmp_path / 'missing.ris'}: cannot read" in missing.stderr
    bad_format = run("import", "--format", "docx", "x", tmp_path=tmp_path)
    assert bad_format.returncode == 2
    (tmp_path / "notes.txt").write_text("just some notes\n")
    unknown = run("import", "--json", str(tmp_path / "notes.txt"), tmp_path=tmp_path)
    assert unknown.returncode == 3
    (item,) = json.loads(unknown.stdout)["files"]
    assert "cannot tell the format" in item["errors"][0] and item["failed"] == 1


CHAPTERS = """@incollection{quill_2010,
  title = {Raman Spectroscopy on Invented Nanowires},
  booktitle = {Nanowires},
  author = {Quill, Ada and Wren, Tomasz},
  year = {2010},
  doi = {10.5772/3457},
}

@incollection{ash_2010,
  title = {Phonon Confinement Effect in Invented Wires},
  booktitle = {Nanowires},
  author = {Ash, Noor},
  year = {2010},
  doi = {10.5772/3457},
}
"""


def test_chapters_sharing_their_books_doi_are_both_imported(tmp_path):
    path = tmp_path / "chapters.bib"
    path.write_text(CHAPTERS, encoding="utf-8")
    first = run("import", str(path), tmp_path=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "2 entries: 2 imported, 0 merged, 0 skipped" in first.stderr
    again = run("import", "--merge", str(path), tmp_path=tmp_path)
    assert "2 entries: 0 imported, 0 merged, 2 skipped" in again.stderr
    listed = json.loads(run("list", "--json", tmp_path=tmp_path).stdout)
    assert sorted(r["key"] for r in listed) == ["ash_2010", "quill_2010"]
    shown = run("show", "10.5772/3457", tmp_path=tmp_path)
    assert shown.returncode == 3
    assert "is the DOI of 2 records (quill_2010, ash_2010)" in shown.stderr


def test_bibtex_errors_say_what_and_where_and_keyless_entries_come_in(tmp_path):
    path = tmp_path / "refs.bib"
    path.write_text(
        "@incollection{\nyear={2007},\ntitle={Transfer Learning in Invented Problems},\n"
        "author={Ramon, Jan},\n}\n\n"
        "@article{broken,\n  title = {Unclosed,\n  year = 2020,\n}\n\n"
        "@book{fine, title = {Fine}, year = 2021}\n",
        encoding="utf-8",
    )
    result = run("import", "--json", str(path), tmp_path=tmp_path)
    assert result.returncode == 3, result.stderr
    (report,) = json.loads(result.stdout)["files"]
    assert (report["imported"], report["failed"]) == (2, 1)
    assert report["errors"][0].startswith(
        f"{path}:7: @article 'broken': the value of field 'title' has no closing `}}`:"
        " it runs on over the next field at line 9"
    )
    assert report["warnings"] == [
        f"{path}:1: @incollection has no key; it gets one made from its first author,"
        " year and title"
    ]
    assert sorted(report["keys"]) == ["fine", "ramon2007transfer"]


def test_a_manuscript_adds_no_junk_and_a_wrong_format_fails(tmp_path):
    paper = tmp_path / "paper.md"
    paper.write_text('---\ntitle: "An invented draft"\n---\n\nText [@quill2023].\n')
    result = run("import", str(paper), tmp_path=tmp_path)
    assert result.returncode == 3
    assert "no CSL-YAML items: it has no `references:` list" in result.stderr
    refs = tmp_path / "refs.bib"
    refs.write_text("@article{quill2023, title = {Reflections}, year = 2023}\n")
    wrong = run("import", "--format", "ris", str(refs), tmp_path=tmp_path)
    assert wrong.returncode == 3
    assert "it looks like BibTeX (.bib); give --format bibtex" in wrong.stderr
    assert json.loads(run("list", "--json", tmp_path=tmp_path).stdout) == []
