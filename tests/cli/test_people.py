import json
import os

import pytest

from coprodcite.errors import ExitCode
from tests.cli.people_fixtures import ORCID, fill, ok, ok_json, run


@pytest.fixture
def people(library_location, monkeypatch):
    # on PostgreSQL, private roles and notes go to the local store (COPRODCITE_PRIVATE_STORE)
    monkeypatch.setenv("COPRODCITE_LIBRARY", library_location)
    return fill()


def test_people_list_json_one_object_per_person(people):
    listed = ok_json("people", "list")
    assert {"id", "name", "orcid", "contributions", "records"} <= set(listed[0])
    ada = next(p for p in listed if p["orcid"])
    assert ada["orcid"] == ORCID and ada["contributions"] == 2
    assert ada["records"] == ["quill2024invented", "wren2025second"]
    # 21 authors of the book + T. Wren of the article (Ada is linked by ORCID)
    assert len(listed) == 22
    assert [p["name"] for p in listed][:2] == ["Noor Ash", "Hal Birch"]  # by family name
    text = ok("people", "list").stdout
    assert "Ada Quill" in text and ORCID in text


def test_merge_show_split(people):
    tomasz, t = people["Tomasz Wren"], people["T. Wren"]
    merged = ok_json("people", "merge", tomasz, t)
    assert merged["id"] == tomasz
    assert [c["record"] for c in merged["contributions"]] == ["quill2024invented", "wren2025second"]
    assert t not in {p["id"] for p in ok_json("people", "list")}
    split = ok_json("people", "split", tomasz, "wren2025second:1")
    assert [c["record"] for c in split["contributions"]] == ["wren2025second"]
    shown = ok("people", "show", tomasz).stdout
    assert "quill2024invented:2  author  as Tomasz Wren" in shown


def test_rename_is_used_in_references_and_published_name_stays(people):
    ada = people["Ada Quill"]
    ok("people", "rename", ada, "Quill-Brook, Ada")
    assert "Quill-Brook" in ok("cite", "quill2024invented").stdout
    assert "Quill-Brook, A." in ok("bib", "wren2025second").stdout
    shown = json.loads(ok("show", "quill2024invented").stdout)
    first = shown["contributors"][0]
    assert first["family"] == "Quill" and first["preferred-name"]["family"] == "Quill-Brook"
    csl = json.loads(ok("show", "quill2024invented", "--format", "csl-json").stdout)
    assert csl["author"][0]["family"] == "Quill-Brook"
    assert "Quill-Brook" in ok("show", "quill2024invented", "--format", "bibtex").stdout
    ok("people", "rename", ada, "--clear")
    assert "Quill-Brook" not in ok("cite", "quill2024invented").stdout


def test_role_add_remove_and_consent(people):
    ada = people["Ada Quill"]
    added = ok_json("people", "role", ada, "--add", "service-user")
    assert added["action"] == "added" and added["public"] is False
    assert (
        "role service-user added (private)"
        in ok("people", "role", ada, "--add", "service-user").stdout
    )
    shown = run("people", "show", ada)
    assert "service user" not in shown.stdout and "1 private role" in shown.stderr
    assert "service user" in ok("people", "show", ada, "--include-private").stdout
    ok("people", "role", ada, "--add", "service-user", "--public")
    assert "service user (public)" in ok("people", "show", ada).stdout
    ok("people", "role", ada, "--add", "methodology", "--on", "wren2025second")
    assert "role: Methodology on wren2025second:2" in ok("people", "show", ada).stdout
    removed = ok_json("people", "role", ada, "--remove", "service-user")
    assert removed["action"] == "removed"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (
            ["people", "role", "1", "--add", "wizard"],
            ExitCode.INVALID_INPUT,
            "unknown role 'wizard'",
        ),
        (["people", "role", "1"], ExitCode.USAGE, "one of --add ROLE or --remove ROLE"),
        (["people", "role", "1", "--remove", "carer"], ExitCode.NOT_FOUND, "has no role carer"),
        (["people", "show", "999"], ExitCode.NOT_FOUND, "no person 999"),
        (["people", "merge", "1"], ExitCode.USAGE, "at least two"),
        (["people", "rename", "1"], ExitCode.USAGE, "give the name once"),
        (
            ["people", "role", "1", "--add", "carer", "--on", "nokey"],
            ExitCode.INVALID_INPUT,
            "no contribution",
        ),
    ],
)
def test_failing_paths_are_one_line_with_an_exit_code(people, args, code, message):
    result = run(*args)
    assert result.exit_code == code
    assert message in result.stderr and len(result.stderr.splitlines()) == 1


def test_forget_says_what_it_removed(people):
    ada = people["Ada Quill"]
    ok("people", "role", ada, "--add", "lived-experience-expert")
    ok("people", "note", ada, "an invented note")
    ok("people", "rename", ada, "Ada Quill-Brook")
    said = ok("people", "forget", ada).stdout
    assert "role lived-experience expert" in said and "notes" in said
    assert "preferred name Ada Quill-Brook" in said
    again = ok_json("people", "forget", ada)
    assert again == {"person": ada, "roles": [], "notes": False, "preferred_name": None}
    assert "nothing" in ok("people", "forget", ada).stdout
    details = ok_json("people", "show", ada, "--include-private")
    assert details["roles"] == [] and details["notes"] is None and details["preferred_name"] is None


def test_a_credit_role_needs_the_work_it_was_for(people):
    ada = people["Ada Quill"]
    refused = run("people", "role", ada, "--add", "credit:writing-original-draft")
    assert refused.exit_code == ExitCode.INVALID_INPUT
    assert refused.stderr.startswith(
        "coprodcite: error: Writing – original draft is a CRediT role: it is given for one"
        " work, with --on KEY[:POSITION]; person"
    )
    assert "contributed to quill2024invented, wren2025second: for example --on" in refused.stderr
    assert ok_json("people", "show", ada)["roles"] == []
    ok("people", "role", ada, "--add", "writing-original-draft", "--on", "wren2025second")
    (role,) = ok_json("people", "show", ada)["roles"]
    assert (role["role"], role["record"], role["position"]) == (
        "credit:writing-original-draft",
        "wren2025second",
        2,
    )


def test_a_credit_role_stored_for_a_person_shows_on_no_work(people):
    """Stored before --on was asked for: credited on none of the person's works, listed
    by `people show` with the way to fix it, and removable without --on."""
    from coprodcite.library import open_library
    from coprodcite.model import RoleAssignment

    ada = people["Ada Quill"]
    library = open_library(os.environ["COPRODCITE_LIBRARY"])
    library.add_role(RoleAssignment("credit:writing-original-draft", ada))
    library.close()
    for key in ("quill2024invented", "wren2025second"):
        assert "Writing" not in ok("credits", key).stdout
    shown = ok("people", "show", ada).stdout
    assert "role: Writing – original draft (for no work: give it again with --on KEY" in shown
    ok("people", "role", ada, "--remove", "credit:writing-original-draft")
    assert ok_json("people", "show", ada)["roles"] == []


def test_suggest_lists_likely_same_people_and_merges_nothing(people):
    tomasz, t = people["Tomasz Wren"], people["T. Wren"]
    before = ok_json("people", "list")
    (suggestion,) = ok_json("people", "suggest")
    assert [p["id"] for p in suggestion["people"]] == sorted([tomasz, t])
    assert suggestion["evidence"] == [
        {"kind": "co-author", "value": "Ada Quill", "people": sorted([tomasz, t])}
    ]
    text = run("people", "suggest")
    assert text.exit_code == 0
    assert text.stdout.startswith(f"{suggestion['id']}  2 people: ")
    assert "co-author: Ada Quill (2 of them)" in text.stdout
    assert "1 suggestion(s) for 2 people" in text.stderr
    assert ok_json("people", "suggest", "--min-evidence", "2") == []
    assert ok_json("people", "list") == before  # nothing merged unasked


def test_merge_a_suggestion_by_its_id(people):
    (suggestion,) = ok_json("people", "suggest")
    merged = ok_json("people", "merge", suggestion["id"])
    target = min(people["Tomasz Wren"], people["T. Wren"])
    assert merged == [
        {"suggestion": suggestion["id"], "person": target, "merged": sorted(merged[0]["merged"])}
    ]
    shown = ok_json("people", "show", target)
    assert [c["record"] for c in shown["contributions"]] == ["quill2024invented", "wren2025second"]
    assert ok_json("people", "suggest") == []
    stale = run("people", "merge", suggestion["id"])
    assert stale.exit_code == ExitCode.NOT_FOUND
    assert "the people it grouped have changed" in stale.stderr


def test_merge_all_suggested_at_a_threshold(people):
    assert ok_json("people", "merge", "--all-suggested", "--min-evidence", "2") == []
    count = len(ok_json("people", "list"))
    (done,) = ok_json("people", "merge", "--all-suggested", "--min-evidence", "1")
    assert len(done["merged"]) == 2 and len(ok_json("people", "list")) == count - 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["merge"], "give person ids (numbers), or suggestion ids (s12-ab34), or --all-suggested"),
        (["merge", "3", "s3-abcd"], "give person ids or suggestion ids, not both"),
        (["merge", "3", "--all-suggested"], "name the suggestions to merge, or give --all-sugg"),
        (["merge", "s3-abcd", "--all-suggested"], "name the suggestions to merge, or give"),
        (["suggest", "--min-evidence", "0"], "--min-evidence 0: it counts shared items"),
    ],
)
def test_suggest_and_merge_failing_paths(people, args, message):
    result = run("people", *args)
    assert result.exit_code in (ExitCode.USAGE, ExitCode.INVALID_INPUT, ExitCode.NOT_FOUND)
    assert message in result.stderr
