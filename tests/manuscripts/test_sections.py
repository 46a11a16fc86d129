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


def test_odt_is_refused_with_a_way_out():
    with pytest.raises(FormatError, match="save it as .docx"):
        read_manuscript("paper.odt", b"PK")
