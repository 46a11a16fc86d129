"""export --cited-in, and kept exports: `export -o FILE --keep`, `exports list|remove`."""

import json

import pytest

from coprodcite.errors import ExitCode
from tests.cli.manuscript_fixtures import run
from tests.conftest import CORPUS

FORMATS = ["bibtex", "biblatex", "ris", "csl-json", "csl-yaml", "json"]
NEW = {
    "id": "vale2022",
    "type": "book",
    "title": "A new invented book",
    "author": [{"family": "Vale", "given": "Io"}],
    "issued": {"date-parts": [[2022]]},
}


def ok(*args, input=None):
    result = run(*args, input=input)
    assert result.exit_code == 0, result.output
    return result


def fresh(*args):
    return ok("export", *args).stdout


@pytest.fixture
def new_record(tmp_path):
    path = tmp_path / "new.json"
    path.write_text(json.dumps(NEW))
    return path


def test_cited_in_each_kind_of_document(works, write):
    md = write("See [@tarn1999] and @quill2004.\n", "paper.md")
    tex = write("\\parencite{council2020} \\nocite{tarn1999}\n", "paper.tex")
    aux = write("\\relax\n\\citation{quill2004b}\n", "paper.aux")
    out = fresh("-F", "bibtex", "--cited-in", md, "--cited-in", tex, "--cited-in", aux)
    keys = [line.split("{")[1].rstrip(",") for line in out.splitlines() if line.startswith("@")]
    assert keys == ["tarn1999", "quill2004", "council2020", "quill2004b"]
    everything = write("\\nocite{*}\n", "all.tex")
    assert fresh("-F", "ris", "--cited-in", everything).count("ER  -") == 5


def test_cited_in_names_every_unknown_key(works, write, tmp_path):
    tex = write("\\cite{tarn1999,ghost}\n\n\\citep{phantom}\n", "paper.tex")
    result = run("export", "-F", "bibtex", "--cited-in", tex, "-o", tmp_path / "out.bib")
    assert result.exit_code == ExitCode.NOT_FOUND
    assert result.stderr.splitlines()[:2] == [
        f"coprodcite: {tex}:1: @ghost is not in the library",
        f"coprodcite: {tex}:3: @phantom is not in the library",
    ]
    assert not (tmp_path / "out.bib").exists()


def test_cited_in_a_cut_off_aux_is_one_line(works, write):
    aux = write("\\relax\n\\citation{tarn1999", "paper.aux")
    result = run("export", "-F", "bibtex", "--cited-in", aux)
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert len(result.stderr.splitlines()) == 1 and "cut off" in result.stderr


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_kept_export_follows_every_change(works, tmp_path, new_record, fmt):
    kept = tmp_path / f"refs.{fmt}"
    ok("export", "-F", fmt, "-o", kept, "--keep")
    assert kept.read_text() == fresh("-F", fmt)
    result = ok("add", "--record", new_record)
    assert f"kept export {kept} written again" in result.stderr
    assert kept.read_text() == fresh("-F", fmt)
    ok("remove", "tarn1999")
    assert kept.read_text() == fresh("-F", fmt)
    person = json.loads(ok("people", "list", "--json").stdout)
    quill = next(p["id"] for p in person if "Quill" in str(p["name"]))
    ok("people", "rename", quill, "Quill-Brook, Ada")  # a preferred name: every export cites it
    assert kept.read_text() == fresh("-F", fmt)
    if fmt != "json":
        assert "Quill-Brook" in kept.read_text()


def test_read_only_commands_and_other_selections_leave_files_alone(works, tmp_path, new_record):
    whole, tagged = tmp_path / "all.bib", tmp_path / "tagged.bib"
    ok("tag", "tarn1999", "paper")
    ok("export", "-F", "bibtex", "-o", whole, "--keep")
    ok("export", "-F", "bibtex", "--tag", "paper", "-o", tagged, "--keep")
    written = {path: (path.stat().st_mtime_ns, path.stat().st_ino) for path in (whole, tagged)}
    for command in (["list"], ["bib"], ["show", "tarn1999"], ["tags"], ["cite", "tarn1999"]):
        ok(*command)
    assert {p: (p.stat().st_mtime_ns, p.stat().st_ino) for p in written} == written
    ok("add", "--record", new_record)  # not tagged: the tagged export's text is the same
    assert whole.stat().st_ino != written[whole][1]  # written again (a new file, renamed)
    assert (tagged.stat().st_mtime_ns, tagged.stat().st_ino) == written[tagged]
    ok("tag", "vale2022", "paper")  # now it is
    assert "vale2022" in tagged.read_text()
    assert tagged.read_text() == fresh("-F", "bibtex", "--tag", "paper")


def test_a_kept_file_changed_by_hand_is_written_again_whole(works, tmp_path, new_record):
    kept = tmp_path / "refs.ris"
    ok("export", "-F", "ris", "-o", kept, "--keep")
    kept.write_text("edited by hand\n")
    ok("add", "--record", new_record)
    assert kept.read_text() == fresh("-F", "ris")


def test_exports_list_and_remove(works, tmp_path, new_record):
    kept = tmp_path / "refs.bib"
    assert "no kept exports" in ok("exports", "list").stderr
    ok("export", "-F", "bibtex", "-o", kept, "--keep")
    listed = json.loads(ok("exports", "list", "--json").stdout)
    assert [(e["path"], e["format"], e["selection"]) for e in listed] == [
        (str(kept), "bibtex", {"refs": None, "tag": None, "query": None})
    ]
    assert ok("exports", "list").stdout.startswith(f"{kept}\tbibtex\tall\t")
    assert ok("exports", "remove", kept).stdout == f"no longer kept: {kept}\n"
    before = kept.read_text()
    ok("add", "--record", new_record)
    assert kept.read_text() == before  # no longer kept
    result = run("exports", "remove", kept)
    assert result.exit_code == ExitCode.NOT_FOUND


def test_a_whole_bibtex_export_keeps_the_fields_csl_lacks(tmp_path):
    bib = tmp_path / "in.bib"
    bib.write_text(
        "@article{vale2001,\n title = {A title},\n eprint = {2101.00001},\n year = 2001}\n"
    )
    ok("import", bib)
    assert "eprint = {2101.00001}" in fresh("-F", "bibtex")  # before: only with keys given
    assert "eprint = {2101.00001}" in fresh("vale2001", "-F", "bibtex")


def test_keep_needs_an_output(works):
    result = run("export", "-F", "bibtex", "--keep")
    assert result.exit_code == ExitCode.USAGE and "--keep needs -o FILE" in result.stderr


def test_a_kept_export_that_cannot_be_written_warns_and_the_change_stands(
    works, tmp_path, new_record
):
    folder = tmp_path / "gone"
    folder.mkdir()
    ok("export", "-F", "bibtex", "-o", folder / "refs.bib", "--keep")
    (folder / "refs.bib").unlink()
    folder.rmdir()
    result = run("add", "--record", new_record)
    assert result.exit_code == 0
    assert "warning: kept export" in result.stderr and "not written" in result.stderr
    assert "vale2022" in ok("list").stdout
    assert "Traceback" not in result.output


@pytest.mark.corpus
def test_entries_put_together_are_the_whole_export_on_real_records(tmp_path):
    bib = CORPUS / "bibtex" / "RefManageR" / "biblatexExamples.bib"
    if not bib.exists():
        pytest.skip(f"the shared corpus is not at {CORPUS}")
    ok("import", bib)
    keys = json.loads(ok("list", "--json").stdout)
    for fmt in FORMATS:
        kept = tmp_path / f"all.{fmt}"
        ok("export", "-F", fmt, "-o", kept, "--keep")
    ok("remove", keys[3]["key"])
    ok("tag", keys[5]["key"], "x")
    for fmt in FORMATS:
        assert (tmp_path / f"all.{fmt}").read_text() == fresh("-F", fmt), fmt


def test_bibtex_keys_equal_but_for_case_stay_apart_in_a_kept_export(tmp_path):
    bib = tmp_path / "in.bib"
    entries = [("Vale_2001", "First"), ("Vale_2002", "Between"), ("vale_2001", "Second")]
    bib.write_text(
        "".join(f"@book{{{k},\n title = {{{t} book}},\n year = 2001}}\n\n" for k, t in entries)
    )
    ok("import", bib)
    kept = tmp_path / "kept.bib"
    ok("export", "-F", "bibtex", "-o", kept, "--keep")
    assert "@book{vale_2001-2," in kept.read_text()  # BibTeX keys ignore case
    ok("remove", "Vale_2001")  # the namesake's number goes
    assert kept.read_text() == fresh("-F", "bibtex")
    assert "@book{vale_2001," in kept.read_text()
