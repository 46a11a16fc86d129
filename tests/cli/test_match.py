"""`coprodcite match` against a loopback registry that answers searches (tests/registry.py
over the real BJSW article and invented look-alikes)."""

import json

import pytest
from typer.testing import CliRunner

from coprodcite.cli import app
from coprodcite.errors import ExitCode
from tests.matching.works import lookalikes, registry_works
from tests.registry import Registry, serve_on

runner = CliRunner()

BJSW_HARVARD = (
    "Fillingham, J., Smith, J. & Sealey, C. (2023) 'Reflections on making co-production "
    "work', British Journal of Social Work, 53(3), pp. 1593–1601."
)
LOOKALIKE_APA = (
    "Fillingham, J., & Quill, A. (2022). Making co-production work in social care: A "
    "practice review. Invented Review of Social Care, 12(2), 101–118."
)
WRONG_DOI = (
    "Fillingham J, Smith J, Sealey C. Reflections on making co-production work. Br J Soc "
    "Work. 2023;53(3):1593-601. doi:10.5555/coprod.2021.3"
)
NOT_REGISTERED = "Nobody, N. (1999) A study nobody registered. Unknown Journal, 1, 1–2."


def run(*args, input=None):
    return runner.invoke(app, list(args), input=input)


@pytest.fixture
def registry(services_on):
    found = Registry(registry_works())
    serve_on(services_on, found)
    return found


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_a_reference_list_in_input_order(registry, tmp_path):
    refs = write(
        tmp_path,
        "refs.txt",
        f"References\n[1] {BJSW_HARVARD}\n[2] {LOOKALIKE_APA}\n[3] {WRONG_DOI}\n"
        f"[4] {NOT_REGISTERED}\n",
    )
    result = run("match", refs, "--json")
    assert result.exit_code == ExitCode.FAILURE, result.output  # one is unmatched
    report = json.loads(result.stdout)
    assert report["summary"] == {"matched": 3, "uncertain": 0, "unmatched": 1, "references": 4}
    first, second, third, fourth = report["results"]
    assert first["reference"] == BJSW_HARVARD
    assert (first["status"], first["doi"]) == ("matched", "10.1093/bjsw/bcad019")
    assert first["confidence"] >= 0.9
    assert first["record"]["title"].startswith("Reflections on Making Co-production Work")
    assert first["candidates"][0] == {
        "doi": "10.1093/bjsw/bcad019",
        "title": first["record"]["title"],
        "confidence": first["candidates"][0]["confidence"],
    }
    assert (second["status"], second["doi"]) == ("matched", "10.5555/coprod.2022.1")
    # the DOI written in [3] is another work's: reported, not trusted
    assert (third["status"], third["doi"]) == ("matched", "10.1093/bjsw/bcad019")
    assert "the DOI in the text (10.5555/coprod.2021.3) belongs to another work" in third["why"]
    assert (fourth["status"], fourth["doi"], fourth["record"]) == ("unmatched", None, None)


def test_everything_matched_exits_0_and_add_remembers_how(registry, tmp_path):
    refs = write(tmp_path, "refs.md", f"# References\n\n- {BJSW_HARVARD}\n- {LOOKALIKE_APA}\n")
    result = run("match", refs, "--add")
    assert result.exit_code == 0, result.output
    assert "2 matched, 2 added" in result.stderr
    shown = json.loads(run("show", "fillingham2023reflections").stdout)
    assert shown["source"] == "matched-from-text"
    assert shown["provenance"]["method"] == "matched-from-text"
    assert shown["provenance"]["reference"] == BJSW_HARVARD
    assert shown["provenance"]["confidence"] >= 0.9
    assert shown["provenance"]["registry"] == "crossref"
    # matching again finds them in the library: nothing added twice
    again = json.loads(run("match", refs, "--add", "--json").stdout)
    assert [r["added"] for r in again["results"]] == ["exists", "exists"]


def test_match_add_tag_puts_the_manuscripts_works_under_one_tag(registry, tmp_path):
    refs = write(tmp_path, "refs.md", f"# References\n\n- {BJSW_HARVARD}\n- {LOOKALIKE_APA}\n")
    assert run("match", refs, "--tag", "paper").exit_code == ExitCode.USAGE  # needs --add
    result = run("match", refs, "--add", "--tag", "paper")
    assert result.exit_code == 0, result.output
    assert "2 tagged 'paper'" in result.stderr
    assert run("tags").stdout == "paper\t2\n"
    again = run("match", refs, "--add", "--tag", "paper")  # already there and tagged
    assert "0 tagged 'paper' (2 had it)" in again.stderr


def test_two_works_that_fit_alike_are_uncertain_and_not_added(services_on, tmp_path):
    twin = dict(registry_works()[0], DOI="10.5555/duplicate.registration")
    serve_on(services_on, Registry([*registry_works(), twin]))
    result = run("match", "-", "--add", input=BJSW_HARVARD + "\n")
    assert result.exit_code == ExitCode.FAILURE
    assert "uncertain" in result.stdout
    assert "candidates 10.1093/bjsw/bcad019" in result.stderr or (
        "candidates 10.5555/duplicate.registration" in result.stderr
    )
    assert "coprodcite add DOI" in result.stderr
    assert json.loads(run("list", "--json").stdout) == []


def test_min_confidence(registry):
    thin = "Fillingham, J. (2023) Reflections on making co-production work."
    strict = json.loads(run("match", "-", "--json", "--min-confidence", "1", input=thin).stdout)
    assert strict["results"][0]["status"] == "uncertain"
    assert strict["results"][0]["doi"] is None
    assert strict["results"][0]["candidates"][0]["doi"] == "10.1093/bjsw/bcad019"


def test_piped_output_is_one_tab_separated_line_per_reference(registry):
    result = run("match", "-", input=f"{BJSW_HARVARD}\n{NOT_REGISTERED}\n")
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    status, confidence, doi, reference, title = lines[0].split("\t")
    assert (status, doi, reference) == ("matched", "10.1093/bjsw/bcad019", BJSW_HARVARD)
    assert float(confidence) >= 0.9 and title.startswith("Reflections")
    assert lines[1].split("\t")[:3] == ["unmatched", lines[1].split("\t")[1], ""]


def test_a_docx_reference_list(registry, tmp_path):
    from docx import Document

    document = Document()
    document.add_heading("References", level=1)
    document.add_paragraph(BJSW_HARVARD)
    document.add_paragraph(LOOKALIKE_APA)
    path = tmp_path / "refs.docx"
    document.save(str(path))
    report = json.loads(run("match", str(path), "--json").stdout)
    assert [r["status"] for r in report["results"]] == ["matched", "matched"]


def test_datacite_is_searched_for_data_and_software(services_on):
    dataset = json.loads(
        (
            __import__("tests.conftest", fromlist=["REPO"]).REPO
            / "tests/fixtures/datacite/dataset_organisation_editor.json"
        ).read_text()
    )["data"]
    registry = Registry(registry_works(), [dataset])
    serve_on(services_on, registry)
    title = dataset["attributes"]["titles"][0]["title"]
    creator = dataset["attributes"]["creators"][0]["name"]
    year = dataset["attributes"]["publicationYear"]
    text = f"{creator} ({year}). {title} [Data set]. {dataset['attributes']['publisher']}."
    report = json.loads(run("match", "-", "--json", input=text).stdout)
    assert report["results"][0]["status"] == "matched", report
    assert report["results"][0]["doi"] == dataset["attributes"]["doi"].lower()
    assert registry.requests["datacite"] >= 1


@pytest.mark.parametrize(
    ("status", "exit_code"),
    [(503, ExitCode.SOURCE_UNAVAILABLE), (429, ExitCode.RATE_LIMITED)],
)
def test_a_registry_that_is_down_stops_the_run(services_on, tmp_path, status, exit_code):
    services_on.expect_request("/crossref/works").respond_with_data(
        "busy", status=status, headers={"Retry-After": "0"}
    )
    refs = write(tmp_path, "refs.txt", f"{BJSW_HARVARD}\n{LOOKALIKE_APA}\n")
    result = run("match", refs, "--json")
    assert result.exit_code == exit_code, result.output
    assert "stopped after 0 of 2 references" in result.stderr
    assert "Traceback" not in result.output
    assert json.loads(result.stdout)["results"] == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "no references in"),
        (b"References\n\n", "no references in"),
        (b"\x00\x01binary\x00\x02", "a binary file"),
    ],
)
def test_bad_input_files(registry, tmp_path, content, message):
    path = tmp_path / "refs.txt"
    path.write_bytes(content)
    result = run("match", str(path))
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert message in result.stderr and "refs.txt" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_missing_file_and_no_argument(registry, tmp_path):
    assert run("match", str(tmp_path / "nope.txt")).exit_code == ExitCode.INVALID_INPUT
    assert run("match").exit_code in (ExitCode.USAGE, ExitCode.INVALID_INPUT)


def test_a_line_of_100000_characters_is_a_result_not_a_hang(registry):
    before = sum(registry.requests.values())
    result = run("match", "-", "--json", input="word " * 20_000 + "\n")
    report = json.loads(result.stdout)
    assert report["results"][0]["status"] == "unmatched"
    assert "not one reference" in report["results"][0]["why"]
    assert sum(registry.requests.values()) == before  # nothing sent


def test_add_takes_other_identifiers_and_reports_references_without_any(services_on):
    services_on.expect_request("/openlibrary/api/books").respond_with_json({})  # unknown
    serve_on(services_on, Registry(lookalikes()))
    pasted = (
        "Quill, A. (2020) A book. ISBN 978-0-306-40615-7\n"
        f"{NOT_REGISTERED}\n"
        "Wren, T. (2023) Reflections. doi:10.5555/coprod.2023.2\n"
    )
    result = run("add", "-", input=pasted)
    assert result.exit_code == ExitCode.FAILURE  # several kinds of failure
    assert "added: wren2023reflections" in result.stdout
    assert "ISBN 9780306406157 is not known to Open Library" in result.stderr
    assert "no identifier in 'Nobody, N. (1999)" in result.stderr
    assert "coprodcite match" in result.stderr


def test_bad_isbn_check_digit_is_named(services_on):
    result = run("add", "978-0-306-40615-8")
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "ISBN 978-0-306-40615-8 has a wrong check digit (8, expected 7)" in result.stderr
