"""Reading reference lists: one reference per line or paragraph, in .txt, .md, .docx."""

import os

import pytest

from coprodcite.errors import FormatError
from coprodcite.manuscripts.readers import (
    MAX_BYTES,
    markdown_paragraphs,
    read_document,
    text_paragraphs,
)
from coprodcite.manuscripts.reflist import is_heading, references, strip_marker

HARVARD = (
    "Fillingham, J., Smith, J. & Sealey, C. (2023) 'Reflections on making co-production "
    "work', British Journal of Social Work, 53(3), pp. 1593–1601."
)


def refs_of_text(text):
    return references(text_paragraphs(text))


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("[12] Smith J. Title.", "Smith J. Title."),
        ("12. Smith, J. (2020) Title.", "Smith, J. (2020) Title."),
        ("(3) Smith, J. (2020) Title.", "Smith, J. (2020) Title."),
        ("3) Smith, J.", "Smith, J."),
        ("• Smith, J.", "Smith, J."),
        ("- Smith, J.", "Smith, J."),
        ("12 Smith J. Title.", "Smith J. Title."),
        # a year is not a number: "2023." stays
        ("2023. Title of a report.", "2023. Title of a report."),
        ("Smith, J. (2020)", "Smith, J. (2020)"),
    ],
)
def test_strip_marker(written, expected):
    assert strip_marker(written) == expected


@pytest.mark.parametrize(
    "heading",
    ["References", "REFERENCES", "Reference list", "Bibliography:", "Works Cited",
     "Literaturverzeichnis", "Références", "Referencias", "## References", "参考文献"],
)  # fmt: skip
def test_reference_list_headings(heading):
    assert is_heading(heading)


def test_one_reference_per_line_with_numbering_and_a_heading():
    text = (
        "References\n"
        f"1. {HARVARD}\n"
        "2. Department of Health (2020) Care and support statutory guidance. London: DH.\n"
        "3. Smith JA, Jones B. Another paper. Lancet. 2020;395:1-10.\n"
    )
    assert refs_of_text(text) == [
        HARVARD,
        "Department of Health (2020) Care and support statutory guidance. London: DH.",
        "Smith JA, Jones B. Another paper. Lancet. 2020;395:1-10.",
    ]


def test_a_reference_broken_over_lines_is_joined_where_it_plainly_continues():
    text = (
        "Sealey, C., Unwin, P. and Fillingham, J. (eds) (2022) Social Policy, Service Users\n"
        "and Carers. Bristol: Policy Press.\n"
        "van der Berg, A. (2019) A title that wraps over two lines in the\n"
        "file. Journal of Things, 1(2), 3–4. https://doi.org/10.1000/\n"
        "xyz123\n"
        "Quill, A. (2021) A hyphen-\n"
        "ated word. Invented Journal, 2, 1–2.\n"
        "Wren, T. and Quill, A.\n"
        "2024. Harvard with a break before the year. Invented Press.\n"
    )
    assert refs_of_text(text) == [
        "Sealey, C., Unwin, P. and Fillingham, J. (eds) (2022) Social Policy, Service Users "
        "and Carers. Bristol: Policy Press.",
        "van der Berg, A. (2019) A title that wraps over two lines in the file. Journal of "
        "Things, 1(2), 3–4. https://doi.org/10.1000/xyz123",
        "Quill, A. (2021) A hyphenated word. Invented Journal, 2, 1–2.",
        "Wren, T. and Quill, A. 2024. Harvard with a break before the year. Invented Press.",
    ]


def test_paragraphs_separated_by_blank_lines_are_references_however_wrapped():
    text = (
        "Fillingham, J., Smith, J. & Sealey, C. (2023) 'Reflections on making\n"
        "co-production work', British Journal of Social Work, 53(3), pp. 1593–1601.\n"
        "\n"
        "Quill, A. (2021) Invented title. Invented Journal, 2, 1–2.\n"
    )
    assert refs_of_text(text) == [
        HARVARD,
        "Quill, A. (2021) Invented title. Invented Journal, 2, 1–2.",
    ]


def test_markdown_lists_paragraphs_front_matter_and_inline_markup():
    text = (
        "---\ntitle: My paper\n---\n\n# References\n\n"
        "- Fillingham, J., Smith, J. & Sealey, C. (2023) 'Reflections on making\n"
        "  co-production work', *British Journal of Social Work*, 53(3), pp. 1593–1601.\n"
        "- Quill, A. (2021) [Invented title](https://example.org/a). _Invented Journal_.\n\n"
        "1. Wren, T. (2020) Numbered. Invented Press.\n"
        "2. Wren, T. (2021) Numbered again \\* escaped. Invented Press.\n"
    )
    assert references(markdown_paragraphs(text)) == [
        HARVARD,
        "Quill, A. (2021) Invented title https://example.org/a. Invented Journal.",
        "Wren, T. (2020) Numbered. Invented Press.",
        "Wren, T. (2021) Numbered again * escaped. Invented Press.",
    ]


def _docx(tmp_path, build):
    from docx import Document

    document = Document()
    build(document)
    path = tmp_path / "refs.docx"
    document.save(str(path))
    return path


def test_docx_paragraphs_line_breaks_and_tables(tmp_path):
    def build(document):
        document.add_heading("References", level=1)
        document.add_paragraph(HARVARD)
        run = document.add_paragraph().add_run("Quill, A. (2021) First. Invented Press.")
        run.add_break()
        run.add_text("Wren, T. (2022) Second, after a manual line break. Invented Press.")
        table = document.add_table(rows=1, cols=2)
        table.cell(0, 0).text = "Wren, T. (2023) In a table. Invented Press."
        table.cell(0, 1).text = "Quill, A. (2024) In the next cell. Invented Press."

    path = _docx(tmp_path, build)
    assert references(read_document(path).paragraphs) == [
        HARVARD,
        "Quill, A. (2021) First. Invented Press.",
        "Wren, T. (2022) Second, after a manual line break. Invented Press.",
        "Wren, T. (2023) In a table. Invented Press.",
        "Quill, A. (2024) In the next cell. Invented Press.",
    ]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("refs.docx", b"PK\x03\x04 not really a zip", "not a Word .docx file"),
        ("refs.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "password-protected"),
        ("refs.txt", b"\x00\x01\x02binary\x00", "a binary file"),
    ],
)
def test_unreadable_documents_get_one_line_errors(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(FormatError) as caught:
        read_document(path)
    assert message in str(caught.value) and name in str(caught.value)
    assert "\n" not in str(caught.value)


def test_too_large_and_not_regular_files_are_refused_without_reading_them(tmp_path):
    with pytest.raises(FormatError, match="more than the 10 MB"):
        read_document("big.txt", b"x" * (MAX_BYTES + 1))
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)  # no writer: reading it would wait for ever
    with pytest.raises(FormatError, match="not a regular file"):
        read_document(fifo)
    with pytest.raises(FormatError, match="No such file"):
        read_document(tmp_path / "missing.txt")


def test_windows_1252_text_is_read():
    document = read_document("refs.txt", "Müller, A. (2020) Café. Press.\n".encode("cp1252"))
    assert references(document.paragraphs) == ["Müller, A. (2020) Café. Press."]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (HARVARD, True),
        ("Smith JA, Jones B. Another paper. Lancet. 2020;395:1-10.", True),
        ("[4] J. Smith, “A title,” Invented J., vol. 3, pp. 1–2, 2020.", True),
        ("Department of Health (2020) Care and support, 12(3), 4-5.", True),
        ("Another line of prose from 2021 that has words but no identifier.", False),
        ("References", False),
        ("Smith, J. (2020)", False),  # too short to be worth reporting
    ],
)
def test_looks_like_reference(text, expected):
    from coprodcite.manuscripts.reflist import looks_like_reference

    assert looks_like_reference(text) is expected
