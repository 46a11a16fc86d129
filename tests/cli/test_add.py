import json

import pytest
from typer.testing import CliRunner

from coprodcite.cli import app
from coprodcite.errors import ExitCode
from coprodcite.library import open_library
from tests.conftest import BJSW_DOI

runner = CliRunner()

DATACITE_ITEM = {
    "data": {
        "id": "10.5555/invented.dataset",
        "type": "dois",
        "attributes": {
            "doi": "10.5555/invented.dataset",
            "titles": [{"title": "Invented survey of peer researchers"}],
            "creators": [
                {"name": "Invented Collective", "nameType": "Organizational"},
                {
                    "name": "Example, Alex",
                    "givenName": "Alex",
                    "familyName": "Example",
                    "nameType": "Personal",
                },
            ],
            "publisher": "Invented Data Archive",
            "publicationYear": 2024,
            "types": {"resourceTypeGeneral": "Dataset", "citeproc": "dataset"},
            "url": "https://data.example.org/1",
        },
    }
}
CSL_ITEM = {
    "type": "article-journal",
    "id": "https://doi.org/10.5555/jalc.1",
    "DOI": "10.5555/JALC.1",
    "title": "An invented article registered elsewhere",
    "author": [{"family": "Tanaka", "given": "Hana"}],
    "issued": {"date-parts": [[2021, 3]]},
    "container-title": "Invented Journal",
}


def run(*args, input=None):
    return runner.invoke(app, list(args), input=input)


def test_add_fetches_from_crossref(services_on, bjsw_crossref, monkeypatch):
    monkeypatch.setenv("COPRODCITE_MAILTO", "editor@example.org")
    services_on.expect_request(f"/crossref/works/{BJSW_DOI}").respond_with_json(bjsw_crossref)
    result = run("add", "https://doi.org/10.1093/BJSW/bcad019")
    assert result.exit_code == 0, result.output
    assert "added: fillingham2023reflections" in result.stdout
    assert "1 added" in result.stderr
    request, _ = services_on.log[0]
    assert request.headers["User-Agent"].startswith("coprodcite/")
    assert "mailto:editor@example.org" in request.headers["User-Agent"]
    # already there: nothing is fetched again
    again = run("add", BJSW_DOI)
    assert again.exit_code == 0
    assert "already there: fillingham2023reflections" in again.stdout
    assert len(services_on.log) == 1


def test_refresh_fetches_again_and_keeps_the_key(services_on, bjsw_crossref):
    services_on.expect_request(f"/crossref/works/{BJSW_DOI}").respond_with_json(bjsw_crossref)
    assert run("add", BJSW_DOI).exit_code == 0
    result = run("add", "--refresh", BJSW_DOI)
    assert result.exit_code == 0
    assert "updated: fillingham2023reflections" in result.stdout


def test_falls_back_to_datacite_then_content_negotiation(services_on):
    services_on.expect_request("/crossref/works/10.5555/invented.dataset").respond_with_data(
        "Resource not found.", status=404
    )
    services_on.expect_request("/datacite/dois/10.5555/invented.dataset").respond_with_json(
        DATACITE_ITEM
    )
    services_on.expect_request("/crossref/works/10.5555/jalc.1").respond_with_data("", status=404)
    services_on.expect_request("/datacite/dois/10.5555/jalc.1").respond_with_json(
        {"errors": [{"status": "404", "title": "not found"}]}, status=404
    )
    services_on.expect_request(
        "/doi/10.5555/jalc.1", headers={"Accept": "application/vnd.citationstyles.csl+json"}
    ).respond_with_json(CSL_ITEM)
    result = run("add", "--json", "10.5555/invented.dataset", "10.5555/jalc.1")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["summary"] == {"added": 2, "exists": 0, "updated": 0, "failed": 0}
    library = open_library(__import__("os").environ["COPRODCITE_LIBRARY"])
    dataset = library.get("10.5555/invented.dataset")
    assert dataset.source == "datacite"
    assert [c.literal or c.family for c in dataset.contributors] == [
        "Invented Collective",
        "Example",
    ]
    jalc = library.get("10.5555/jalc.1")
    assert jalc.source == "negotiation" and jalc.doi == "10.5555/jalc.1"


def test_doi_unknown_everywhere(services_on):
    for prefix in ("/crossref/works", "/datacite/dois", "/doi"):
        services_on.expect_request(f"{prefix}/10.5555/nothing").respond_with_data("", status=404)
    result = run("add", "10.5555/nothing")
    assert result.exit_code == ExitCode.NOT_FOUND
    assert "10.5555/nothing is not known to Crossref, DataCite or doi.org" in result.stderr
    assert "Traceback" not in result.output


def test_a_bad_doi_fails_but_the_others_are_kept(services_on, bjsw_crossref):
    services_on.expect_request(f"/crossref/works/{BJSW_DOI}").respond_with_json(bjsw_crossref)
    result = run("add", "not-a-doi", BJSW_DOI)
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "not a DOI or other identifier: 'not-a-doi'" in result.stderr
    assert "added: fillingham2023reflections" in result.stdout
    assert "1 added, 1 failed" in result.stderr


@pytest.mark.parametrize(
    ("status", "exit_code", "message"),
    [
        (500, ExitCode.SOURCE_UNAVAILABLE, "500"),
        (503, ExitCode.SOURCE_UNAVAILABLE, "503"),
        (429, ExitCode.RATE_LIMITED, "try"),
    ],
)
def test_service_failures_map_to_exit_codes(services_on, status, exit_code, message):
    services_on.expect_request("/crossref/works/10.5555/x").respond_with_data(
        "busy", status=status, headers={"Retry-After": "0"}
    )
    result = run("add", "10.5555/x")
    assert result.exit_code == exit_code, result.output
    assert message in result.stderr
    lines = result.stderr.strip().splitlines()
    if status == 429:  # said at once: the service is refusing
        assert lines.pop(0).startswith("coprodcite: Crossref is refusing requests (HTTP 429")
    assert len(lines) == 2  # the failure, then the summary
    assert "Traceback" not in result.output


def test_non_json_body_is_a_one_line_error(services_on):
    services_on.expect_request("/crossref/works/10.5555/x").respond_with_data(
        '{"status": "ok", "message": {"DOI": "10.5555/x", "title": ["Trunc',
        status=200,
        content_type="application/json",
    )
    result = run("add", "10.5555/x")
    assert result.exit_code == ExitCode.SOURCE_UNAVAILABLE
    assert "JSON" in result.stderr


def test_dois_from_standard_input_and_files(services_on, bjsw_crossref, tmp_path):
    services_on.expect_request(f"/crossref/works/{BJSW_DOI}").respond_with_json(bjsw_crossref)
    pasted = "See Fillingham et al. (2023), doi:10.1093/bjsw/bcad019.\n"
    result = run("add", "-", input=pasted)
    assert result.exit_code == 0, result.output
    listing = tmp_path / "refs.txt"
    listing.write_text("1. https://doi.org/10.1093/BJSW/BCAD019\n")
    again = run("add", "--from-file", str(listing))
    assert again.exit_code == 0
    assert "already there" in again.stdout


def test_no_doi_at_all_is_an_error():
    result = run("add", "-", input="nothing to see here\n")
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "no DOI or other identifier found in the input" in result.stderr


def test_missing_from_file(tmp_path):
    result = run("add", "--from-file", str(tmp_path / "missing.txt"))
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "missing.txt" in result.stderr


def test_debug_shows_the_traceback():
    result = runner.invoke(app, ["--debug", "show", "nothing"])
    assert result.exit_code != 0
    assert result.exception is not None  # raised instead of mapped to one line
