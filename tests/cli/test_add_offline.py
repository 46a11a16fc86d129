"""`add` offline or refused for ever: one attempt per service for the batch, one
line that says what to do (issue 15 item 11, issue 17 item 8)."""

from typer.testing import CliRunner

from coprodcite.cli import app
from coprodcite.errors import ExitCode

runner = CliRunner()
DOIS = ["10.1000/a", "10.1000/b", "10.1000/c"]


def test_offline_a_batch_fails_once_and_suggests_record():
    # conftest points every service at port 9 on loopback: the connection is refused
    result = runner.invoke(app, ["add", *DOIS])
    assert result.exit_code == ExitCode.SOURCE_UNAVAILABLE
    lines = result.stderr.splitlines()
    full = [x for x in lines if "cannot reach Crossref at 127.0.0.1:9 (connection refused)" in x]
    assert len(full) == 1 and "coprodcite add --record FILE" in full[0]
    assert sum(x.endswith(": the same error") for x in lines) == 2
    assert lines[-1] == "coprodcite: 3 failed"


def test_offline_json_report_names_the_error_for_every_doi():
    import json

    result = runner.invoke(app, ["add", *DOIS, "--json"])
    items = json.loads(result.stdout)["items"]
    assert [i["status"] for i in items] == ["failed"] * 3
    assert all("connection refused" in i["error"] for i in items)


def test_a_service_refusing_for_ever_is_said_early_and_the_batch_ends(services_on, monkeypatch):
    services_on.expect_request("/crossref/works/10.1000/a").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "1"}
    )
    services_on.expect_request("/crossref/works/10.1000/b").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "1"}
    )
    monkeypatch.setenv("COPRODCITE_RETRIES", "4")
    monkeypatch.setenv("COPRODCITE_RETRY_BUDGET", "0")
    result = runner.invoke(app, ["add", "10.1000/a", "10.1000/b"])
    assert result.exit_code == ExitCode.RATE_LIMITED
    lines = result.stderr.splitlines()
    assert lines[0] == (
        "coprodcite: Crossref is refusing requests (HTTP 429, too many requests);"
        " retrying for up to 0 s in all"
    )
    assert len(services_on.log) == 2  # no retry: the budget is spent
