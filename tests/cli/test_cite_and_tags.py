"""cite's locators, affixes and --in; bib and cite --json; tags, search and list order;
each on both backends (SQLite, PostgreSQL)."""

import json

import pytest

from coprodcite.errors import ExitCode
from tests.cli.manuscript_fixtures import import_works, run


@pytest.fixture
def works(library_location, monkeypatch):
    """The five invented works, in a SQLite library and then in a PostgreSQL one."""
    monkeypatch.setenv("COPRODCITE_LIBRARY", library_location)
    return import_works()


def ok(*args, input=None):
    result = run(*args, input=input)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["tarn1999", "--locator", "p. 4"], "(Tarn et al., 1999, p. 4)"),
        (["tarn1999", "--locator", "page=4"], "(Tarn et al., 1999, p. 4)"),
        (["tarn1999", "--locator", "chap. 2"], "(Tarn et al., 1999, Chapter 2)"),
        (["tarn1999", "--locator", "12"], "(Tarn et al., 1999, p. 12)"),
        (["tarn1999", "--prefix", "see", "--suffix", ", for a review"],
         "(see Tarn et al., 1999, for a review)"),
        (["tarn1999", "--suppress-author"], "(1999)"),
        (["tarn1999", "--author-only"], "Tarn et al."),
        (["tarn1999", "council2020", "--locator", "p. 4", "--locator", "sec. 2"],
         "(Invented Council, 2020, Section 2; Tarn et al., 1999, p. 4)"),
    ],
)  # fmt: skip
def test_cite_options(works, args, expected):
    assert ok("cite", *args).strip() == expected


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["tarn1999", "--locator", "somewhere"], "not a locator: 'somewhere'"),
        (["tarn1999", "--locator", "1", "--locator", "2"], "more --locator than keys"),
        (["tarn1999", "--suppress-author", "--author-only"], "exclude each other"),
        ([], "no key given"),
    ],
)
def test_cite_option_errors_are_one_line(works, args, message):
    result = run("cite", *args)
    assert result.exit_code in (ExitCode.USAGE, ExitCode.INVALID_INPUT)
    assert message in result.stderr and len(result.stderr.splitlines()) == 1


def test_a_numbered_cite_has_the_number_bib_gives_it(works):
    entries = ok("bib", "--style", "ieee").splitlines()
    number = next(e.split("]")[0] + "]" for e in entries if "Tarn" in e)
    assert number != "[1]"  # the test means something: tarn1999 is not first
    assert ok("cite", "tarn1999", "--style", "ieee").strip() == number


def test_cite_in_a_manuscript_takes_its_numbers_and_positions(works, write):
    paper = write("First [@quill2004]. Then [@tarn1999].\n")
    assert ok("cite", "tarn1999", "--in", paper, "--style", "ieee").strip() == "[2]"
    assert ok("cite", "council2020", "--in", paper, "--style", "ieee").strip() == "[3]"
    # after the document's last note, the same work is ibid. in OSCOLA
    assert ok("cite", "tarn1999", "--in", paper, "--style", "oscola").strip() == "Ibid."


def test_cite_and_bib_json(works):
    cited = json.loads(ok("cite", "tarn1999", "quill2004", "--json"))
    assert cited == [
        {"keys": ["tarn1999", "quill2004"], "citation": "(Quill, 2004; Tarn et al., 1999)"}
    ]
    entries = json.loads(ok("bib", "--json", "--style", "ieee"))
    assert [e["key"] for e in entries] == [
        "council2020", "quill2004", "quill2004b", "tarn1999", "uncited2010"
    ]  # fmt: skip
    assert entries[3]["entry"].startswith("[4] U. Tarn, B. Wren, and C. Lark")
    apa = json.loads(ok("bib", "--json"))  # sorted by the style: keys follow their entries
    assert [e["key"] for e in apa][:2] == ["council2020", "uncited2010"]
    assert "Moss" in apa[1]["entry"]


def test_tags(works):
    assert (
        run("tag", "tarn1999", "quill2004", "Chapter 2")
        .stderr.strip()
        .endswith("2 works tagged 'Chapter 2'")
    )
    ok("tag", "quill2004", "chapter 2")  # the same tag: case does not matter
    ok("tag", "council2020", "draft")
    assert ok("tags") == "Chapter 2\t2\ndraft\t1\n"
    assert json.loads(ok("tags", "--json")) == [
        {"tag": "Chapter 2", "works": 2},
        {"tag": "draft", "works": 1},
    ]
    assert ok("list", "--tag", "chapter 2").splitlines()[0].startswith("quill2004\t")
    assert ok("bib", "--tag", "draft").startswith("Invented Council. (2020).")
    assert ok("cite", "--tag", "chapter 2") == "(Quill, 2004; Tarn et al., 1999)\n"
    assert json.loads(ok("untag", "council2020", "draft", "--json")) == {
        "tag": "draft",
        "removed": ["council2020"],
    }
    assert ok("tags") == "Chapter 2\t2\n"  # an empty tag is gone


def test_tag_errors(works):
    result = run("tag", "tarn1999", "ghost", "t")
    assert result.exit_code == ExitCode.NOT_FOUND and "ghost" in result.stderr
    assert ok("tags") == ""  # all or nothing
    assert run("tag", "tarn1999").exit_code == ExitCode.USAGE
    result = run("list", "--tag", "nosuch")
    assert result.exit_code == ExitCode.NOT_FOUND and "no tag 'nosuch'" in result.stderr
    assert run("bib", "tarn1999", "--tag", "x").exit_code == ExitCode.USAGE


@pytest.mark.parametrize(
    ("query", "keys"),
    [
        ("quill", ["quill2004", "quill2004b"]),
        ("qui", ["quill2004", "quill2004b"]),  # prefixes
        ("Quill 2004 invented", ["quill2004"]),
        ("author:tarn", ["tarn1999"]),
        ("wren", ["tarn1999"]),  # any name
        ('"same year"', ["quill2004b"]),
        ("container:tests", ["tarn1999"]),
        ("year:2020", ["council2020"]),
        ("10.5555/invented.1", ["council2020"]),
        ("doi:10.5555/invented.1", ["council2020"]),
        ("moss OR tarn", ["tarn1999", "uncited2010"]),
        ("quill -listening", ["quill2004b"]),
        ("key:uncited2010", ["uncited2010"]),
        ("nothinglikethis", []),
    ],
)
def test_search(works, query, keys):
    found = [line.split("\t")[0] for line in ok("list", "--query", query).splitlines()]
    assert found == keys


def test_search_follows_changes_and_folds_accents(works, tmp_path):
    record = tmp_path / "new.json"
    record.write_text(
        json.dumps(
            {
                "id": "ozkan2021",
                "type": "book",
                "title": "Études françaises",
                "author": [{"family": "Özkan", "given": "Ela"}],
                "issued": {"date-parts": [[2021]]},
            }
        )  # fmt: skip
    )
    assert ok("list", "--query", "ozkan") == ""  # the index exists now
    ok("add", "--record", record)
    assert ok("list", "--query", "ozkan etudes francaises").startswith("ozkan2021\t")
    ok("remove", "ozkan2021")
    assert ok("list", "--query", "ozkan") == ""


def test_an_empty_query_is_one_line(works):
    result = run("list", "--query", '" "')
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "nothing to search for" in result.stderr


@pytest.mark.parametrize(
    ("args", "keys"),
    [
        (["--sort", "year"], ["tarn1999", "quill2004", "quill2004b", "uncited2010", "council2020"]),
        (["--sort", "year", "--reverse", "--limit", "2"], ["council2020", "uncited2010"]),
        (["--sort", "author"],
         ["council2020", "uncited2010", "quill2004", "quill2004b", "tarn1999"]),
        (["--sort", "added", "--limit", "1"], ["quill2004"]),
        (["--limit", "2"], ["council2020", "quill2004"]),
        (["--query", "quill", "--sort", "key", "--reverse"], ["quill2004b", "quill2004"]),
    ],
)  # fmt: skip
def test_list_sort_and_limit(works, args, keys):
    assert [line.split("\t")[0] for line in ok("list", *args).splitlines()] == keys
    data = json.loads(ok("list", *args, "--json"))
    assert [r["key"] for r in data] == keys
