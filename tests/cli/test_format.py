"""`coprodcite format PAPER.md`: a manuscript's citations rendered as one document."""

import io
import zipfile

import pytest

from coprodcite.errors import ExitCode
from tests.cli.manuscript_fixtures import run

PAPER = (
    "---\n"
    "title: An Invented Paper\n"
    'nocite: "@uncited2010"\n'
    "---\n"
    "# Introduction\n\n"
    "First [@quill2004; @quill2004b]. Then [@tarn1999, p. 3]. Then [@tarn1999, p. 3].\n"
    "Again [see @quill2004, chap. 5]. @council2020 [p. 2] says so.\n"
)


def formatted(path, *args):
    result = run("format", path, *args)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_numbers_follow_the_whole_paper_and_uncited_works_come_last(works, write):
    out = formatted(write(PAPER), "--style", "ieee")
    assert "First \\[1\\], \\[2\\]. Then \\[3, p. 3\\]." in out
    assert "Again see \\[1, Ch. 5\\]. Invented Council \\[4, p. 2\\] says so." in out
    entries = out.split("# References\n\n")[1].strip().split("\n\n")
    assert [e[:5] for e in entries] == ["\\[1\\]", "\\[2\\]", "\\[3\\]", "\\[4\\]", "\\[5\\]"]
    assert "Quill" in entries[0] and "Moss" in entries[4]  # the nocite work, last


def test_author_date_disambiguates_over_the_paper_and_keeps_the_text(works, write):
    out = formatted(write(PAPER), "--style", "apa")
    assert out.startswith("---\ntitle: An Invented Paper\n")  # the front matter as it was
    assert "2004a" in out and "2004b" in out
    assert "(Tarn et al., 1999, p. 3)" in out
    assert "Invented Council (2020, p. 2) says so." in out  # in-text: the author in the sentence


def test_note_styles_make_footnotes_with_positions(works, write):
    out = formatted(write(PAPER), "--style", "oscola")
    assert "Then [@" not in out
    # a citation in the text becomes a note after the punctuation, without the space
    assert "First.^[Ada Quill, *Listening to* Invented *Voices*" in out
    assert "Then.^[Ibid.]" in out  # the same work and locator, next note
    assert "Invented Council^[Invented Council" in out  # in-text: the author, then the note


def test_a_citation_in_a_note_keeps_the_note_number_and_one_full_stop(works, write):
    text = "Text[^1] and later [@quill2004].\n\n[^1]: As in [@tarn1999, p. 3].\n"
    out = formatted(write(text), "--style", "oscola")
    assert "[^1]: As in Uma Tarn, Bo Wren and Cy Lark" in out
    assert "1, 3.\n" in out and ".." not in out
    # the document's own note is note 1, so the new note is note 2
    assert "later.^[Ada Quill" in out


@pytest.mark.parametrize(
    ("text", "before", "after"),
    [
        ("Text [@tarn1999].\n\n::: {#refs}\n:::\n\n# Appendix\n\nMore.\n",
         "::: {#refs}\n", ":::\n\n# Appendix"),
        ("Text [@tarn1999].\n\n## Bibliography\n", "## Bibliography\n\n", None),
        ("# Body\n\nText [@tarn1999].\n", "# References\n\n", None),
        ("---\nreference-section-title: Works Cited\n---\nText [@tarn1999].\n",
         "# Works Cited\n\n", None),
    ],
)  # fmt: skip
def test_where_the_bibliography_goes(works, write, text, before, after):
    out = formatted(write(text))
    entry = "Tarn, U., Wren, B., & Lark, C. (1999)."
    assert before + entry in out
    assert out.count(entry) == 1
    if after:
        assert out.index(after) > out.index(entry)


def test_suppress_bibliography(works, write):
    out = formatted(write("---\nsuppress-bibliography: true\n---\nText [@tarn1999].\n"))
    assert "References" not in out and "(Tarn et al., 1999)" in out


def test_front_matter_style_and_language_and_the_options_win(works, write, tmp_path):
    path = write("---\ncsl: ieee\nlang: de-DE\n---\nText [@tarn1999, p. 3].\n")
    assert "\\[1, S. 3\\]" in formatted(path)
    assert "(Tarn et al., 1999, S. 3)" in formatted(path, "--style", "apa")  # de-DE's "S."
    assert "(Tarn et al., 1999, p. 3)" in formatted(path, "--style", "apa", "--locale", "en-US")


def test_nocite_star_lists_the_whole_library(works, write):
    out = formatted(write('---\nnocite: "@*"\n---\nNo citations here.\n'))
    assert out.count("\n\n") >= 5
    for family in ("Invented Council", "Moss", "Quill", "Tarn"):
        assert family in out.split("# References")[1]


def test_keys_in_code_and_addresses_are_not_citations(works, write):
    text = "Mail me@example.org, see `[@nokey]`, <https://x.org/@nokey>.\n\n```\n[@x]\n```\n"
    out = formatted(write(text))
    assert out == text  # nothing cited: nothing changed, no bibliography


def test_every_missing_key_is_named_and_nothing_is_written(works, write, tmp_path):
    out = tmp_path / "out.md"
    out.write_text("an earlier version\n")
    path = write("Text [@ghost1] and [@tarn1999; @ghost2].\n\nAgain @ghost1.\n")
    result = run("format", path, "-o", out)
    assert result.exit_code == ExitCode.NOT_FOUND
    assert result.stderr.splitlines() == [
        f"coprodcite: {path}:1: @ghost1 is not in the library",
        f"coprodcite: {path}:1: @ghost2 is not in the library",
        f"coprodcite: error: 2 keys cited in {path} are not in library "
        f"{path.parent / 'library.sqlite'}; add the works (coprodcite add, import) or "
        "correct the keys",
    ]
    assert out.read_text() == "an earlier version\n"
    assert result.stdout == ""


def test_a_missing_nocite_key_is_named_too(works, write):
    result = run("format", write('---\nnocite: "@ghost"\n---\nText.\n'))
    assert result.exit_code == ExitCode.NOT_FOUND
    assert "paper.md: @ghost is not in the library" in result.stderr


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("See [@tarn1999, p. 4\n", "paper.md:1: a citation bracket is never closed"),
        ("---\ntitle: [x\n---\n", "paper.md:3: the YAML front matter cannot be read"),
    ],
)
def test_bad_manuscripts_are_one_line_errors(works, write, text, message):
    result = run("format", write(text))
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert len(result.stderr.splitlines()) == 1
    assert message in result.stderr and "Traceback" not in result.output


def test_an_unwritable_output_is_one_line_and_leaves_nothing(works, write, tmp_path):
    result = run("format", write("Text [@tarn1999].\n"), "-o", tmp_path / "no" / "such" / "x.md")
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert result.stderr.startswith("coprodcite: error: cannot write ")
    assert len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "no").exists()


def test_too_large_a_paper_is_refused(works, tmp_path):
    path = tmp_path / "huge.md"
    path.write_bytes(b"word " * (2 * 1024 * 1024 + 1))
    result = run("format", path)
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "larger than the 10 MB limit" in result.stderr


@pytest.mark.slow
def test_a_five_megabyte_paper_is_formatted(works, tmp_path):
    paragraph = "Some words that say nothing much at all " * 20 + "[@tarn1999, p. 3].\n\n"
    path = tmp_path / "big.md"
    path.write_text(paragraph * (5 * 1024 * 1024 // len(paragraph)))
    result = run("format", path, "-o", tmp_path / "big.out.md")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "big.out.md").read_text().count("(Tarn et al., 1999, p. 3)") > 5000


def test_standard_input(works):
    result = run("format", "-", input="Text [@tarn1999].\n")
    assert result.exit_code == 0
    assert result.stdout.startswith("Text (Tarn et al., 1999).\n\n# References\n")


def test_html_is_a_page_with_escaped_markup(works, write):
    out = formatted(write(PAPER + "\nA note.^[In a note [@tarn1999].]\n"), "--to", "html")
    assert out.startswith("<!DOCTYPE html>") and out.rstrip().endswith("</html>")
    assert '<h1 class="title">An Invented Paper</h1>' in out
    assert "<i>Journal of Tests</i>" in out  # the style's formatting, as HTML
    assert '<div id="refs" class="references csl-bib-body hanging-indent">' in out
    assert 'class="footnotes"' in out


def test_latex_is_a_document(works, write):
    text = "Text & more [@council2020].^[Note [@tarn1999].]\n"
    out = formatted(write(text), "--to", "latex", "--style", "ieee")
    assert out.startswith("\\documentclass{article}")
    assert "Text \\& more [1].\\footnote{Note [2].}" in out
    assert "\\section*{References}" in out
    assert out.rstrip().endswith("\\end{document}")


def test_txt_has_no_markup_and_lists_notes(works, write):
    out = formatted(write("# Part\n\n*Text* [@tarn1999].^[See [@quill2004].]\n"), "--to", "txt")
    assert out.startswith("Part\n\nText (Tarn et al., 1999).[1]\n")
    assert "Tarn, U., Wren, B., & Lark, C. (1999). Co-producing nothing at all. Journal" in out
    assert "Notes\n\n[1] See (Quill, 2004a)." in out or "Notes\n\n[1] See (Quill, 2004)." in out
    assert "*" not in out


def test_docx_is_a_word_file_with_real_footnotes(works, write, tmp_path):
    import docx

    out = tmp_path / "paper.docx"
    result = run("format", write(PAPER), "--to", "docx", "--style", "oscola", "-o", out)
    assert result.exit_code == 0, result.output
    document = docx.Document(str(out))
    texts = [p.text for p in document.paragraphs]
    assert "An Invented Paper" in texts and "Introduction" in texts
    assert any(t.startswith("Tarn U, Wren B and Lark C") or "Tarn" in t for t in texts)
    with zipfile.ZipFile(out) as package:
        notes = package.read("word/footnotes.xml").decode()
        body = package.read("word/document.xml").decode()
    assert body.count("<w:footnoteReference") == 5
    assert "Ibid." in notes
    italic = [r.text for p in document.paragraphs for r in p.runs if r.italic]
    assert "Journal of Tests" not in italic  # OSCOLA writes journal names in roman
    assert any("Listening to" in t for t in italic)


def test_docx_to_a_pipe_is_the_file_itself(works, write):
    result = run("format", write("Text [@tarn1999].\n"), "--to", "docx")
    assert result.exit_code == 0
    assert zipfile.is_zipfile(io.BytesIO(result.stdout_bytes))
