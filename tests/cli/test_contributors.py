import pytest

from coprodcite.errors import ExitCode
from tests.cli.people_fixtures import fill, ok, ok_json, run


@pytest.fixture
def people():
    return fill()


def test_list_add_remove(people):
    listed = ok_json("contributors", "wren2025second", "list")
    assert [c["position"] for c in listed["contributors"]] == [1, 2]
    added = ok_json("contributors", "wren2025second", "add", "Marsh, Ines", "--position", "2")
    assert added["position"] == 2 and added["family"] == "Marsh" and added["added-by-user"]
    ok(
        "contributors",
        "wren2025second",
        "add",
        "--literal",
        "Invented Peer Group",
        "--role",
        "editor",
    )
    ok("contributors", "wren2025second", "add", "--given", "Bea", "--family", "Okoro")
    text = ok("contributors", "wren2025second", "list").stdout
    assert "2. Ines Marsh  [author; person" in text and "(added by the user)" in text
    assert "4. Invented Peer Group  [editor" in text
    assert "Marsh, I." in ok("bib", "wren2025second").stdout
    removed = ok_json("contributors", "wren2025second", "remove", "2")
    assert removed["family"] == "Marsh"
    names = [
        c.get("family") for c in ok_json("contributors", "wren2025second", "list")["contributors"]
    ]
    assert names == ["Wren", "Quill", None, "Okoro"]


def test_an_added_contributor_with_an_orcid_joins_that_person(people):
    ok("contributors", "quill2024invented", "add", "Quill, A.", "--orcid", "0000-0002-1825-0097")
    ada = ok_json("people", "show", people["Ada Quill"])
    assert [c["position"] for c in ada["contributions"]] == [1, 22, 2]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["nokey", "list"], ExitCode.NOT_FOUND, "no record 'nokey'"),
        (["wren2025second", "remove", "1"], ExitCode.INVALID_INPUT, "came from the source"),
        (["wren2025second", "remove", "7"], ExitCode.NOT_FOUND, "no contributor 7"),
        (["wren2025second", "add"], ExitCode.USAGE, "give the name once"),
        (
            ["wren2025second", "add", "A B", "--literal", "C"],
            ExitCode.USAGE,
            "give the name once",
        ),
        (
            ["wren2025second", "add", "A B", "--role", "hero"],
            ExitCode.INVALID_INPUT,
            "unknown contributor role",
        ),
        (
            ["wren2025second", "add", "A B", "--orcid", "0000-0002-1825-0098"],
            ExitCode.INVALID_INPUT,
            "not an ORCID",
        ),
        (
            ["wren2025second", "add", "A B", "--position", "5"],
            ExitCode.INVALID_INPUT,
            "outside 1..3",
        ),
    ],
)
def test_failing_paths(people, args, code, message):
    result = run("contributors", *args)
    assert result.exit_code == code, result.output
    assert message in result.stderr


def test_credits_text_markdown_json(people):
    ada, tomasz = people["Ada Quill"], people["Tomasz Wren"]
    ok("people", "role", ada, "--add", "credit:conceptualization", "--on", "quill2024invented")
    ok("people", "role", ada, "--add", "lived-experience-expert", "--public")
    ok("people", "role", tomasz, "--add", "carer")  # private: no consent recorded
    ok("people", "role", tomasz, "--add", "writing-original-draft", "--on", "quill2024invented")
    ok(
        "contributors",
        "quill2024invented",
        "add",
        "Tarn, Uma",
        "--position",
        "3",
        "--credit",
        "peer-researcher",
        "--credit",
        "investigation",
    )
    text = ok("credits", "quill2024invented").stdout.splitlines()
    assert text[0] == "quill2024invented: An invented co-produced book"
    assert text[1] == "  1. Ada Quill (author): Conceptualization; lived-experience expert"
    assert text[2] == "  2. Tomasz Wren (author): Writing – original draft"
    assert text[3] == "  3. Uma Tarn (author, added by the user): Investigation"
    assert len(text) == 23 and "carer" not in "\n".join(text)
    private = ok("credits", "quill2024invented", "--include-private").stdout
    assert "carer" in private and "Investigation; peer researcher" in private
    md = ok("credits", "quill2024invented", "wren2025second", "--format", "markdown").stdout
    assert md.startswith("**An invented co-produced book** (quill2024invented)\n\n1. Ada Quill")
    assert "**A second invented article** (wren2025second)" in md
    data = ok_json("credits", "wren2025second")
    assert [c["name"] for c in data[0]["contributors"]] == ["T. Wren", "A. Quill"]
    # a CRediT role is for the work it was given on, not for every work of the person
    assert [r["id"] for r in data[0]["contributors"][1]["roles"]] == ["lived-experience-expert"]


def test_full_credit_on_bib_and_cite(people):
    assert "et al." in ok("cite", "quill2024invented").stdout
    cite = ok("cite", "quill2024invented", "--full-credit").stdout
    assert "et al." not in cite and "Yew" in cite
    assert "Wild" not in ok("bib", "quill2024invented").stdout
    # a dependent style: resolved to its parent, et-al rules set aside, locale kept
    bib = ok(
        "bib", "quill2024invented", "--full-credit", "--style", "the-british-journal-of-social-work"
    )
    assert "Wild, R., and Yew, S." in bib.stdout
    assert "et-al rules" in run("bib", "--help").stdout
