"""Every file of the shared corpus's RIS (and BibTeX) folders, imported into a fresh
library: the entries in the file, counted here by simple rules of each format,
equal imported + merged + skipped duplicates + reported failures."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coprodcite import formats
from coprodcite.formats import detect_format
from coprodcite.library import open_library
from coprodcite.services.interchange import import_files, read_text
from tests.conftest import CORPUS
from tests.formats.test_bibtex_corpus import count_entries as count_bibtex_entries

pytestmark = pytest.mark.corpus


def _files(folder: str, pattern: str = "*") -> list[Path]:
    root = CORPUS / folder
    return sorted(p for p in root.rglob(pattern) if p.is_file()) if root.is_dir() else []


def _ris_entries(lines: list[str]) -> int:
    count, inside, orphan = 0, False, False
    for line in lines:
        if re.match(r"^\ufeff?\s{0,3}TY\s{1,3}-", line):
            count, inside = count + 1, True
        elif re.match(r"^ER\s{1,3}-", line):
            count += not inside and orphan
            inside = orphan = False
        elif re.match(r"^[A-Z][A-Z0-9]\s{1,3}-", line) and not inside:
            orphan = True
    return count + (orphan and not inside)


def _blocks(lines: list[str], new_block: str | None = None) -> int:
    """Runs of non-blank lines; ``new_block`` (a tag) also starts one after other tags."""
    count, open_, others = 0, False, False
    for line in lines:
        if not line.strip():
            open_ = others = False
            continue
        starts = new_block is not None and line.startswith(new_block) and others
        if not open_ or starts:
            count, open_, others = count + 1, True, False
        others = others or not (new_block and line.startswith(new_block))
    return count


def count_entries(text: str, fmt: str) -> int:
    lines = text.splitlines()
    if fmt == "ris":
        return _ris_entries(lines)
    if fmt == "medline":
        return _blocks(lines)
    if fmt == "endnote":
        return _blocks(lines, "%0")
    if fmt == "wos":
        return sum(line.startswith("PT ") for line in lines)
    if fmt == "endnote-xml":
        return len(re.findall(r"<record>", text))
    if fmt == "bibtex":
        return count_bibtex_entries(text)
    raise AssertionError(f"no counting rule for {fmt}")


def _walk(path: Path, tmp_path: Path) -> None:
    text = read_text(path)
    fmt = detect_format(text, path.name).name
    library = open_library(tmp_path / "library.sqlite")
    try:
        report = import_files(library, [path])
    finally:
        library.close()
    (one,) = report.files
    expected = count_entries(text, fmt) if one.format != "bibtex-macros" else 0
    assert one.entries == expected, one.errors
    assert one.imported + one.merged + one.skipped + one.failed == expected
    assert all(str(path) in e for e in one.errors)


@pytest.mark.parametrize("path", _files("ris"), ids=lambda p: str(p.relative_to(CORPUS)))
def test_ris_corpus(path, tmp_path):
    _walk(path, tmp_path)


@pytest.mark.slow
@pytest.mark.parametrize(
    "path", _files("bibtex", "*.bib"), ids=lambda p: str(p.relative_to(CORPUS))
)
def test_bibtex_corpus(path, tmp_path):
    assert formats.get_format("bibtex")
    _walk(path, tmp_path)


def test_the_corpus_is_there():
    if not _files("ris"):
        pytest.skip(f"the shared corpus is not at {CORPUS}")
    assert len(_files("ris")) > 50


@pytest.mark.parametrize(
    "path", _files("bibtex", "*.txt"), ids=lambda p: str(p.relative_to(CORPUS))
)
def test_files_in_no_known_format_are_reported_not_imported(path, tmp_path):
    """citation-js's bibtxt files (``[key]`` then ``field: value``) are no format
    coprodcite reads: the file is reported, nothing is imported."""
    library = open_library(tmp_path / "library.sqlite")
    try:
        report = import_files(library, [path])
        assert library.count() == 0
    finally:
        library.close()
    (one,) = report.files
    assert one.imported == 0 and (one.failed or one.entries == 0)
