"""Roles and notes are sensitive personal data: they stay in the local library.

Every output that leaves it (JSON for scripts, rendered references, CSL-JSON and
BibTeX exports) and every outgoing HTTP request must carry no role and no note,
private or consented. All people here are invented."""

import json
import os
import subprocess

import pytest

from coprodcite.roles import CO_PRODUCTION_ROLES, CREDIT_ROLES
from tests.cli.people_fixtures import ORCID, fill, ok, run
from tests.cli.test_installed_command import coprodcite_command

NOTE = "invented-note-7f3a"
DOI = "10.5555/quill2024invented"
CROSSREF_WORK = {
    "status": "ok",
    "message": {
        "DOI": DOI,
        "type": "book",
        "title": ["An invented co-produced book"],
        "publisher": "Invented Press",
        "issued": {"date-parts": [[2024]]},
        "author": [
            {"given": "Ada", "family": "Quill", "ORCID": ORCID, "sequence": "first"},
            {"given": "Tomasz", "family": "Wren", "sequence": "additional"},
        ],
    },
}


def forbidden() -> list[str]:
    """Every way a role or note could be written out."""
    words = [NOTE]
    for role in CO_PRODUCTION_ROLES:
        words += [role.id, role.label]
    for role in CREDIT_ROLES:
        words += [role.id, role.label, role.uri or ""]
    return [w for w in words if w]


def assert_clean(text: str, where: str) -> None:
    folded = text.casefold()
    leaked = [w for w in forbidden() if w.casefold() in folded]
    assert not leaked, f"{where} carries {leaked}"


def give_every_role(person_ids):
    """Each person gets every sensitive role (private for some, consented for others),
    a CRediT role, a contribution role and a note."""
    for n, pid in enumerate(person_ids):
        for role in CO_PRODUCTION_ROLES:
            ok("people", "role", pid, "--add", role.id, *(["--public"] if n % 2 else []))
        record = json.loads(ok("people", "show", pid, "--json").stdout)["records"][0]
        ok("people", "role", pid, "--add", "credit:conceptualization", "--on", record)
        ok("people", "role", pid, "--add", "credit:software", "--on", record)
        ok("people", "note", pid, NOTE)


@pytest.fixture
def library_with_roles():
    people = fill()
    give_every_role([people["Ada Quill"], people["Tomasz Wren"], people["T. Wren"]])
    ok("contributors", "quill2024invented", "add", "Tarn, Uma", "--position", "2")
    return people


OUTPUTS = [
    ["list", "--json"],
    ["list"],
    ["show", "quill2024invented"],
    ["show", "wren2025second", "--format", "json"],
    ["show", "quill2024invented", "--format", "csl-json"],
    ["show", "quill2024invented", "--format", "bibtex"],
    ["cite", "quill2024invented", "wren2025second"],
    ["cite", "quill2024invented", "--full-credit", "--format", "html"],
    ["bib"],
    ["bib", "--format", "html", "--style", "the-british-journal-of-social-work"],
    ["bib", "--format", "markdown", "--full-credit", "--style", "vancouver"],
    ["contributors", "quill2024invented", "list", "--json"],
    ["contributors", "wren2025second", "list"],
    ["people", "list", "--json"],
    ["people", "list"],
    ["export", "--format", "bibtex"],
    ["export", "--format", "biblatex"],
    ["export", "--format", "ris"],
    ["export", "--format", "csl-json"],
    ["export", "--format", "csl-yaml"],
]


@pytest.mark.parametrize("args", OUTPUTS, ids=" ".join)
def test_exports_json_and_rendered_references_carry_no_role(library_with_roles, args):
    result = ok(*args)
    assert_clean(result.stdout, " ".join(args))
    assert_clean(result.stderr, " ".join(args))


def test_credits_show_private_roles_only_when_asked(library_with_roles):
    text = ok("credits", "quill2024invented").stdout
    wren_line = next(line for line in text.splitlines() if "Tomasz Wren" in line)
    ada_line = next(line for line in text.splitlines() if "Ada Quill" in line)
    for role in CO_PRODUCTION_ROLES:  # Ada: no consent; Tomasz: consent recorded
        assert role.label not in ada_line
        assert role.label in wren_line
    assert "Conceptualization" in ada_line and NOTE not in text
    private = ok("credits", "quill2024invented", "--include-private").stdout
    assert "lived-experience expert" in next(x for x in private.splitlines() if "Ada Quill" in x)


def sensitive_words() -> list[str]:
    return [NOTE] + [w for role in CO_PRODUCTION_ROLES for w in (role.id, role.label)]


def test_json_export_carries_credit_roles_and_sensitive_ones_only_when_asked(
    library_with_roles,
):
    plain = ok("export", "--format", "json", "quill2024invented").stdout
    folded = plain.casefold()
    assert not [w for w in sensitive_words() if w.casefold() in folded]
    ada = json.loads(plain)[0]["contributors"][0]
    assert {r["id"] for r in ada["roles"]} == {"credit:conceptualization", "credit:software"}
    private = json.loads(
        ok("export", "--format", "json", "--include-private", "quill2024invented").stdout
    )
    held = {r["id"] for r in private[0]["contributors"][0]["roles"]}
    assert {role.id for role in CO_PRODUCTION_ROLES} <= held
    assert NOTE not in json.dumps(private)  # notes never leave the library


def serve_crossref(httpserver):
    httpserver.expect_request(f"/crossref/works/{DOI}").respond_with_json(CROSSREF_WORK)
    for other in ("10.5555/other.1", "10.5555/other.2"):
        httpserver.expect_request(f"/crossref/works/{other}").respond_with_data("no", status=404)
        httpserver.expect_request(f"/datacite/dois/{other}").respond_with_data("no", status=404)
        httpserver.expect_request(f"/doi/{other}").respond_with_data("no", status=404)


def assert_requests_clean(httpserver):
    assert httpserver.log, "no request was made"
    for request, _ in httpserver.log:
        sent = "\n".join([request.url, str(request.headers), request.get_data(as_text=True)])
        assert_clean(sent, f"request {request.url}")
        assert ORCID not in sent  # not even who the person is


def add_and_give_roles():
    ok("add", DOI)
    people = json.loads(ok("people", "list", "--json").stdout)
    give_every_role([p["id"] for p in people])
    ok("people", "rename", people[0]["id"], "Quill-Brook, Ada")


def test_no_outgoing_request_carries_a_role(services_on):
    serve_crossref(services_on)
    add_and_give_roles()
    services_on.clear_log()
    assert ok("add", "--refresh", DOI).exit_code == 0
    assert run("add", "10.5555/other.1", "10.5555/other.2").exit_code != 0
    assert_requests_clean(services_on)


def test_installed_command_sends_no_role(httpserver, tmp_path):
    """End to end: the installed command, in a subprocess, against a loopback server."""
    serve_crossref(httpserver)
    env = {k: v for k, v in os.environ.items() if not k.startswith("COPRODCITE_")}
    env.update(
        COPRODCITE_LIBRARY=str(tmp_path / "lib.sqlite"),
        COPRODCITE_CONFIG=str(tmp_path / "none.toml"),
        COPRODCITE_CROSSREF_URL=httpserver.url_for("/crossref"),
        COPRODCITE_DATACITE_URL=httpserver.url_for("/datacite"),
        COPRODCITE_DOI_URL=httpserver.url_for("/doi"),
        COPRODCITE_RETRIES="1",
    )

    def cmd(*args):
        return subprocess.run(
            coprodcite_command() + [str(a) for a in args],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    assert cmd("add", DOI).returncode == 0
    people = json.loads(cmd("people", "list", "--json").stdout)
    ada = next(p["id"] for p in people if p["orcid"] == ORCID)
    assert cmd("people", "role", ada, "--add", "lived-experience-expert").returncode == 0
    assert cmd("people", "role", ada, "--add", "peer-researcher", "--public").returncode == 0
    assert cmd("people", "note", ada, NOTE).returncode == 0
    httpserver.clear_log()
    assert cmd("add", "--refresh", DOI, "10.5555/other.1").returncode != 0
    assert_requests_clean(httpserver)
    for args in (["bib"], ["cite", "quill2024invented"], ["list", "--json"], ["show", DOI]):
        result = cmd(*args)
        assert result.returncode == 0, result.stderr
        assert_clean(result.stdout, " ".join(args))
    credits = cmd("credits", "quill2024invented")
    assert "peer researcher" in credits.stdout and "lived-experience" not in credits.stdout
