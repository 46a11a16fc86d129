"""Finding a manuscript's body and reference list: Markdown, text, Word (with tables,
footnotes and superscript citations) and LaTeX."""

import io
import zipfile

import pytest
from docx import Document

from coprodcite.errors import FormatError
from coprodcite.manuscripts.sections import read_manuscript

ENTRY_A = "Quill, A. (2019). An invented study of care. Invented Journal, 3(2), 10-12."
ENTRY_B = "Nobody, B., & Vale, C. (2020). Another invented study. Invented Review, 4, 1-9."
FOOTNOTES = (
    '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:t>---</w:t></w:r></w:p></w:footnote>'
    '<w:footnote w:id="1"><w:p><w:r><w:t>As argued by Nobody and Vale (2020).</w:t></w:r>'
    "</w:p></w:footnote></w:footnotes>"
)


@pytest.mark.parametrize("heading", ["References", "Bibliography", "Literaturverzeichnis"])
def test_markdown_heading(heading):
    text = f"# Intro\n\nAs Quill (2019) shows.\n\n## {heading}\n\n- {ENTRY_A}\n- {ENTRY_B}\n"
    found = read_manuscript("paper.md", text.encode())
    assert found.entries == [ENTRY_A, ENTRY_B]
    assert "As Quill (2019) shows." in found.body
    assert not found.only_a_list


def test_text_after_the_list_is_body_again():
    text = f"Body (Quill, 2019).\n\n# References\n\n{ENTRY_A}\n\n# Appendix\n\nMore text.\n"
    found = read_manuscript("paper.md", text.encode())
    assert found.entries == [ENTRY_A]
    assert found.body == ["Body (Quill, 2019).", "More text."]


def test_a_file_that_is_only_a_list():
    found = read_manuscript("refs.txt", f"1. {ENTRY_A}\n2. {ENTRY_B}\n".encode())
    assert found.entries == [ENTRY_A, ENTRY_B]
    assert found.only_a_list and found.body == []


def test_no_reference_list_is_a_one_line_error():
    with pytest.raises(FormatError, match="paper.txt: no reference list found"):
        read_manuscript("paper.txt", b"Just prose here.\n\nAnd more prose without any list.\n")


def _docx(footnotes=True):
    document = Document()
    paragraph = document.add_paragraph("Care matters")
    paragraph.add_run("1").font.superscript = True
    paragraph.add_run(" and so on.")
    table = document.add_table(rows=1, cols=1)
    table.cell(0, 0).text = "A table cell citing (Quill, 2019)."
    document.add_heading("References", level=1)
    references = document.add_table(rows=2, cols=1)
    references.cell(0, 0).text = ENTRY_A
    references.cell(1, 0).text = ENTRY_B
    buffer = io.BytesIO()
    document.save(buffer)
    if not footnotes:
        return buffer.getvalue()
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item))
        target.writestr("word/footnotes.xml", FOOTNOTES)
    return out.getvalue()


def test_word_body_tables_footnotes_and_superscripts():
    found = read_manuscript("paper.docx", _docx())
    assert found.entries == [ENTRY_A, ENTRY_B]  # references in a table
    assert "Care matters[1] and so on." in found.body
    assert "A table cell citing (Quill, 2019)." in found.body
    assert found.body[-1] == "As argued by Nobody and Vale (2020)."  # the footnote


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "password-protected"),
        (b"PK\x03\x04 broken", "not a Word .docx file"),
    ],
)
def test_bad_word_files(data, message):
    with pytest.raises(FormatError, match=message):
        read_manuscript("paper.docx", data)


def test_latex_bibitems_and_cite_keys():
    tex = (
        "\\section{Intro}\nAs shown \\cite{quill,nobody} and \\citep[p.~2]{quill}"
        " and \\cite{ghost}.\n"
        "\\begin{thebibliography}{9}\n\\bibitem{quill} " + ENTRY_A + "\n"
        "\\bibitem[Nobody(2020)]{nobody} " + ENTRY_B + "\n\\end{thebibliography}\n"
    )
    found = read_manuscript("paper.tex", tex.encode())
    assert found.keys == ["quill", "nobody"]
    assert found.entries == [ENTRY_A, ENTRY_B]
    assert "As shown [1, 2] and [1] and [0]." in " ".join(found.body)


ODT_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
)


def odt(body: str, *, encrypted: bool = False) -> bytes:
    """An .odt package as ODF 1.2 lays it out (mimetype first, stored)."""
    import io
    import zipfile

    manifest = (
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        + ("<manifest:encryption-data/>" if encrypted else "")
        + "</manifest:manifest>"
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODT_NS}>'
        f"<office:body><office:text>{body}</office:text></office:body></office:document-content>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED)
        package.writestr("META-INF/manifest.xml", manifest)
        package.writestr("content.xml", content)
    return out.getvalue()


def test_odt_body_notes_lists_tables_and_headings():
    from xml.sax.saxutils import escape

    body = (
        '<text:h text:outline-level="1">Intro</text:h>'
        '<text:p>As<text:s/>Quill<text:s text:c="2"/>(2019) shows<text:note><text:note-citation>1'
        "</text:note-citation><text:note-body><text:p>See also (Quill, 2019).</text:p>"
        "</text:note-body></text:note>.</text:p>"
        "<table:table><table:table-row><table:table-cell><text:p>A cell (Quill, 2019)."
        "</text:p></table:table-cell></table:table-row></table:table>"
        '<text:h text:outline-level="1">References</text:h>'
        f"<text:list><text:list-item><text:p>{escape(ENTRY_A)}</text:p></text:list-item>"
        f"<text:list-item><text:p><text:span>{escape(ENTRY_B[:20])}</text:span>"
        f"{escape(ENTRY_B[20:])}"
        "</text:p></text:list-item></text:list>"
    )
    found = read_manuscript("paper.odt", odt(body))
    assert found.entries == [ENTRY_A, ENTRY_B]
    assert found.body == [
        "As Quill (2019) shows.",
        "A cell (Quill, 2019).",
        "See also (Quill, 2019).",
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"PK not really", "not an OpenDocument text"),
        (odt("<text:p>x</text:p>", encrypted=True), "password-protected"),
        (odt("<text:p>unclosed"), "a damaged .odt"),
    ],
)
def test_bad_odt_files(data, message):
    with pytest.raises(FormatError, match=message):
        read_manuscript("paper.odt", data)


def test_latex_with_bib_files_lists_what_bibtex_would(tmp_path):
    (tmp_path / "a.bib").write_text("")
    (tmp_path / "b.bib").write_text("")
    tex = (
        "Text \\cite{second} then \\textcite{first,ghost}.\n\\nocite{third}\n"
        "\\bibliographystyle{plain}\n\\bibliography{a,b.bib}\n"
    )
    asked: list[list[str]] = []

    def read_bib(paths):
        asked.append([p.name for p in paths])
        return [("first", ENTRY_A), ("second", ENTRY_B), ("third", "T."), ("unused", "U.")]

    path = tmp_path / "paper.tex"
    found = read_manuscript(path, tex.encode(), read_bib=read_bib)
    assert asked == [["a.bib", "b.bib"]]
    assert found.keys == ["second", "first", "third"]
    assert found.entries == [ENTRY_B, ENTRY_A, "T."]
    assert found.nocited == ["third"]
    assert "Text [1] then [2, 0]." in " ".join(found.body)
    everything = read_manuscript(path, tex.replace("{third}", "{*}").encode(), read_bib=read_bib)
    assert everything.keys == ["second", "first", "third", "unused"]


def test_latex_without_any_list_names_the_way_out():
    with pytest.raises(FormatError, match="no thebibliography"):
        read_manuscript("paper.tex", b"Just \\cite{x}.\n", read_bib=lambda paths: [])
