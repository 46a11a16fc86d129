"""Rendered entries put together as a document its reader takes as one paragraph
per entry (coprodcite.formats.documents)."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from coprodcite.errors import InvalidInput
from coprodcite.formats.documents import FORMATS, bibliography_document, citation_document

# Two entries per format, written as the renderer writes them (escaped, with markup).
ENTRIES = {
    "text": ["Quill, A. (2024). An invented study.", "Wren, I. (2023). Another one."],
    "html": [
        "Quill, A. (2024). <i>An invented study</i> &amp; more.",
        "Wren, I. (2023). Another one.",
    ],
    "markdown": ["Quill, A. (2024). *An invented study*.", "Wren, I. (2023). Another one."],
    "latex": [
        "Quill, A. (2024). \\textit{An invented study} \\& more.",
        "Wren, I. (2023). Another one.",
    ],
    "rtf": [
        "Quill, A. (2024). {\\i An invented study}, 1\\u8211 ?9.",
        "Wren, I. (2023). Caf\\u233 ?.",
    ],
}


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("text", "{0}\n{1}"),
        ("markdown", "{0}\n\n{1}"),
        ("latex", "{0}\n\n{1}"),
        (
            "html",
            '<div class="csl-bib-body">\n  <div class="csl-entry">{0}</div>\n'
            '  <div class="csl-entry">{1}</div>\n</div>',
        ),
        (
            "rtf",
            "{{\\rtf1\\ansi\\deff0{{\\fonttbl{{\\f0\\froman Times New Roman;}}}}\n"
            "{{\\pard {0}\\par}}\n{{\\pard {1}\\par}}\n}}",
        ),
    ],
)
def test_each_format_is_a_document_of_paragraphs(fmt, expected):
    entries = ENTRIES[fmt]
    assert bibliography_document(entries, fmt) == expected.format(*entries)


def test_an_rtf_document_has_balanced_groups_and_one_par_per_entry():
    text = bibliography_document(ENTRIES["rtf"] * 3, "rtf")
    depth = 0
    for i, ch in enumerate(text):
        if ch in "{}" and text[i - 1] != "\\":
            depth += 1 if ch == "{" else -1
            assert depth > 0 or i == len(text) - 1
    assert depth == 0
    assert text.count("\\par}") == 6


def test_a_citation_in_rtf_is_a_document_too():
    assert citation_document("(Quill, 2024)", "rtf").startswith("{\\rtf1")
    assert citation_document("(Quill, 2024)", "rtf").endswith("(Quill, 2024)\n}")
    for fmt in ("text", "html", "markdown", "latex"):
        assert citation_document("(Quill, 2024)", fmt) == "(Quill, 2024)"


def test_an_unknown_format_is_refused():
    with pytest.raises(InvalidInput, match="unknown output format 'docx'"):
        bibliography_document(["x"], "docx")
    with pytest.raises(InvalidInput):
        citation_document("x", "docx")


PANDOC_READER = {"html": "html", "markdown": "markdown", "latex": "latex", "rtf": "rtf"}


@pytest.mark.parametrize("fmt", sorted(PANDOC_READER))
def test_pandoc_reads_one_paragraph_per_entry(fmt):
    if shutil.which("pandoc") is None:
        pytest.skip("pandoc is not installed: the structure is checked above")
    if (
        fmt == "rtf"
        and "rtf"
        not in subprocess.run(
            ["pandoc", "--list-input-formats"], capture_output=True, text=True, check=True
        ).stdout.split()
    ):
        pytest.skip("this pandoc has no RTF reader (pandoc >= 2.14 has)")
    entries = ENTRIES[fmt] * 2
    read = subprocess.run(
        ["pandoc", "-f", PANDOC_READER[fmt], "-t", "json"],
        input=bibliography_document(entries, fmt),
        capture_output=True,
        text=True,
        check=True,
    )
    blocks = json.loads(read.stdout)["blocks"]
    if fmt == "html":  # one body div holding an entry div each
        assert [b["t"] for b in blocks] == ["Div"]
        blocks = blocks[0]["c"][1]
        assert [b["t"] for b in blocks] == ["Div"] * len(entries)
    else:
        assert [b["t"] for b in blocks] == ["Para"] * len(entries)


def test_every_output_format_is_checked_here():
    assert set(FORMATS) == set(ENTRIES)
