"""Every .bib file of the shared corpus: nothing lost. For each file, the entries
in it (counted independently, by a small scanner of ``@type{`` blocks) equal the
records read plus the failures reported, and every failure names file and line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import CORPUS

#: an entry start as BibTeX sees it: '@' + type + '{' or '(' anywhere outside a
#: word or a LaTeX command (BibTeX has no comments: "%@inbook{" is an entry too)
_BLOCK = re.compile(r"(?<![\w.\\])@[ \t]*([A-Za-z][\w-]*)[ \t]*[{(]")
_NOT_ENTRIES = {"comment", "string", "preamble"}


def _files() -> list[Path]:
    return sorted((CORPUS / "bibtex").rglob("*.bib"))


def count_entries(text: str) -> int:
    return sum(1 for m in _BLOCK.finditer(text) if m.group(1).lower() not in _NOT_ENTRIES)


def test_the_counter_agrees_on_a_small_file():
    text = (
        '@string{a = "b"}\n@comment{x}\n%@inbook{c, title = {me@example.org}}\n@article(d, t = 1)'
    )
    assert count_entries(text) == 2


@pytest.mark.skipif(not (CORPUS / "bibtex").is_dir(), reason=f"no corpus at {CORPUS}/bibtex")
@pytest.mark.parametrize("path", _files(), ids=lambda p: str(p.relative_to(CORPUS / "bibtex")))
def test_every_entry_is_read_or_reported(path: Path):
    from coprodcite.formats.bibtex import read_bibtex

    text = path.read_text(encoding="utf-8", errors="replace").lstrip("\ufeff")
    result = read_bibtex(text, file=path.name)
    assert len(result.records) + len(result.failures) == count_entries(text)
    for failure in result.failures:
        assert failure.file == path.name and failure.line and failure.line >= 1
    for record in result.records:
        assert record.source == f"file:{path.name}"
        assert record.source_data["ID"] == (record.key or "")  # no key: the library makes one
