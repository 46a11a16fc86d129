"""`coprodcite check` against a loopback registry (tests/registry.py) serving the real
BJSW article, invented look-alikes and invented works with notices (invented people,
DOIs under the 10.5555 test prefix)."""

import json

import pytest
from typer.testing import CliRunner

from coprodcite.cli import app
from coprodcite.errors import ExitCode
from tests.matching.works import registry_works, work
from tests.registry import Registry, serve_on

runner = CliRunner()

BJSW = (
    "Fillingham, J., Smith, J. & Sealey, C. (2023) 'Reflections on making co-production "
    "work', British Journal of Social Work, 53(3), pp. 1593–1601."
)
BJSW_AGAIN = (
    "Fillingham J, Smith J, Sealey C. Reflections on making co-production work. Br J Soc "
    "Work. 2023;53(3):1593-601."
)
LOOKALIKE = (
    "Fillingham, J., & Quill, A. (2022). Making co-production work in social care: A "
    "practice review. Invented Review of Social Care, 12(2), 101–118."
)
WRONG_DOI = (
    "Sealey, C., & Wren, T. (2021). Insider perspectives on participatory research. "
    "Invented Journal of Participation, 3, 1–20. https://doi.org/10.5555/coprod.2022.1"
)
NO_SUCH_DOI = (
    "Quill, A. (2020). A reading list for service user involvement. Invented Press. "
    "https://doi.org/10.5555/no.such.doi"
)
RETRACTED = (
    "Marsh, O., & Penrose, L. (2018). Peer support outcomes in invented community "
    "settings. Invented Journal of Care, 7(1), 33–48."
)
CORRECTED = (
    "Penrose, L. (2019). Lived experience panels in invented hospital trusts. Invented "
    "Health Review, 9(4), 210–225."
)
WRONG_VOLUME = (
    "Wren, T., & Quill, A. (2023). Reflections on co-production in mental health "
    "research. The British Journal of Social Work, 58(4), 2001–2019."
)
UNKNOWN = "Nobody, N. (1999) A study nobody registered. Unknown Journal, 1, 1–2."


def notices():
    retracted = work(
        "10.5555/check.retracted",
        "Peer support outcomes in invented community settings",
        [("Marsh", "Orla"), ("Penrose", "Lior")],
        2018,
        container="Invented Journal of Care",
        volume="7",
        issue="1",
        page="33-48",
    )
    retracted["updated-by"] = [
        {
            "DOI": "10.5555/check.retraction-notice",
            "type": "retraction",
            "source": "retraction-watch",
            "updated": {"date-parts": [[2021, 3, 1]]},
        }
    ]
    corrected = work(
        "10.5555/check.corrected",
        "Lived experience panels in invented hospital trusts",
        [("Penrose", "Lior")],
        2019,
        container="Invented Health Review",
        volume="9",
        issue="4",
        page="210-225",
    )
    corrected["updated-by"] = [
        {"DOI": "10.5555/check.erratum", "type": "erratum", "source": "publisher"}
    ]
    return [retracted, corrected]


@pytest.fixture
def registry(services_on):
    found = Registry([*registry_works(), *notices()])
    serve_on(services_on, found)
    return found


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


MANUSCRIPT = f"""# Co-production in invented places

Co-production matters (Fillingham et al., 2023; Fillingham & Quill, 2022). Peer
support helps (Marsh & Penrose, 2018), as Penrose (2019) and Ghost (2017) argue; see
also Sealey and Wren (2021), Quill (2020), Wren and Quill (2023) and (Nobody, 1999).

## References

- {BJSW}
- {LOOKALIKE}
- {WRONG_DOI}
- {NO_SUCH_DOI}
- {RETRACTED}
- {CORRECTED}
- {WRONG_VOLUME}
- {BJSW_AGAIN}
- {UNKNOWN}
- Quill, A. (2004). An uncited invented chapter. In Invented Book (pp. 1–9). Invented Press.
"""


def codes(entry):
    return [p["code"] for p in entry["problems"]]


def test_every_problem_in_document_order(registry, tmp_path):
    path = tmp_path / "paper.md"
    path.write_text(MANUSCRIPT, encoding="utf-8")
    result = run("check", path, "--json")
    assert result.exit_code == ExitCode.PROBLEMS, result.output
    report = json.loads(result.stdout)
    entries = report["references"]
    assert [e["text"] for e in entries[:2]] == [BJSW, LOOKALIKE]
    assert codes(entries[0]) == ["missing-doi"]
    assert entries[0]["doi"] == "10.1093/bjsw/bcad019"
    assert codes(entries[1]) == ["missing-doi"]
    assert "doi-mismatch" in codes(entries[2])
    assert "doi-not-found" in codes(entries[3])
    assert codes(entries[4])[0] == "retracted"
    assert "Retraction Watch" in entries[4]["problems"][0]["message"]
    assert codes(entries[5])[0] == "corrected"  # an erratum is not a retraction
    assert "retracted" not in codes(entries[5])
    volume = [p for p in entries[6]["problems"] if p["code"] == "metadata-mismatch"]
    assert [p["message"].split(":")[0] for p in volume] == ["volume"]
    assert "duplicate" in codes(entries[7])
    assert codes(entries[8]) == ["unmatched"]
    assert codes(entries[9])[-1] == "uncited"
    citations = report["citations"]
    assert citations[0]["text"] == "(Fillingham et al., 2023; Fillingham & Quill, 2022)"
    assert citations[0]["references"] == [0, 1, 7]  # 7: the duplicate of 0
    ghost = next(c for c in citations if c["text"] == "Ghost (2017)")
    assert ghost["references"] == [] and codes(ghost) == ["unresolved-citation"]
    summary = report["summary"]
    assert summary["references"] == 10
    assert summary["problems"]["retracted"] == 1


def test_fail_on_never_and_plain_lines(registry, tmp_path):
    path = tmp_path / "refs.txt"
    path.write_text(f"{RETRACTED}\n\n{CORRECTED}\n", encoding="utf-8")
    result = run("check", path, "--fail-on", "never")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("1\terror\tretracted\t")
    assert any(line.startswith("2\twarning\tcorrected\t") for line in lines)
    assert "2 references, 0 citations" in result.stderr


def test_warnings_fail_only_when_asked(registry, tmp_path):
    path = tmp_path / "refs.txt"
    path.write_text(f"{CORRECTED}\n", encoding="utf-8")
    assert run("check", path).exit_code == 0
    assert run("check", path, "--fail-on", "warning").exit_code == ExitCode.PROBLEMS


def test_html_report_escapes_everything(registry, tmp_path):
    path = tmp_path / "refs.txt"
    path.write_text(f"{RETRACTED}\n\n<script>alert(1)</script> {UNKNOWN}\n")
    result = run("check", path, "--format", "html", "--fail-on", "never")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("<!DOCTYPE html>")
    assert "<script>" not in result.stdout and "&lt;script&gt;" in result.stdout
    assert 'class="problem error"><span class="code">retracted' in result.stdout


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("paper.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, "password-protected"),
        ("paper.docx", b"PK\x03\x04 not really", "not a Word .docx file"),
        ("paper.txt", b"Only prose.\n\nNothing else here at all.\n", "no reference list found"),
    ],
)
def test_bad_manuscripts_one_line_errors(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    result = run("check", path)
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_bad_options_are_usage_errors(tmp_path):
    path = tmp_path / "refs.txt"
    path.write_text(UNKNOWN)
    assert run("check", path, "--fail-on", "sometimes").exit_code == ExitCode.USAGE
    assert run("check", path, "--format", "pdf").exit_code == ExitCode.USAGE


def test_add_tags_the_works_with_the_manuscript_name(registry, tmp_path):
    path = tmp_path / "submission-42.txt"
    path.write_text(f"{BJSW}\n\n{LOOKALIKE}\n", encoding="utf-8")
    assert run("check", path, "--add").exit_code == 0
    listed = run("list", "--tag", "submission-42", "--json")
    assert listed.exit_code == 0, listed.output
    assert len(json.loads(listed.stdout)) == 2


CHROMIUM = "/usr/bin/chromium"


def test_html_report_in_a_real_browser(registry, tmp_path):
    import os
    import shutil
    import subprocess

    from tests.cli.png import pixels

    browser = CHROMIUM if os.path.exists(CHROMIUM) else shutil.which("chromium")
    if browser is None:
        pytest.skip("chromium is not installed (apt-get install -y chromium; .ci/run does)")
    path = tmp_path / "refs.txt"
    path.write_text(f"{RETRACTED}\n\n{CORRECTED}\n\n{BJSW}\n", encoding="utf-8")
    result = run("check", path, "--format", "html", "--fail-on", "never")
    assert result.exit_code == 0, result.output
    page = tmp_path / "report.html"
    page.write_text(result.stdout, encoding="utf-8")
    shot = tmp_path / "shot.png"
    subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--screenshot={shot}",
            "--window-size=1000,700",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    width, height, found = pixels(shot.read_bytes())
    assert (width, height) == (1000, 700)
    colours = {p[:3] for p in found}
    assert len(colours) > 20  # text, not a blank page
    dark = sum(1 for p in found if sum(p[:3]) < 200)
    assert dark > 500  # glyphs were drawn
    assert (255, 221, 221) in colours  # the retracted entry's row, highlighted as an error


def test_a_list_of_2000_entries_is_checked_not_refused(services_on, tmp_path):
    serve_on(services_on, Registry(registry_works()))
    path = tmp_path / "long.md"
    # too short to search for, so the test makes no requests: what is tested is that the
    # reading, tying and report hold at this size (the time is the polite limit's)
    entries = [f"- Ref{n} 1999." for n in range(2000)]
    path.write_text("Text [1].\n\n# References\n\n" + "\n".join(entries) + "\n")
    result = run("check", path, "--json", "--fail-on", "warning")
    assert result.exit_code == ExitCode.PROBLEMS, result.output[-500:]
    report = json.loads(result.stdout)
    assert report["summary"]["references"] == 2000
    assert report["summary"]["problems"]["unmatched"] == 2000
    assert report["citations"][0]["references"] == [0]


@pytest.mark.parametrize("suffix", [".md", ".txt", ".html", ".rtf", ".tex"])
def test_the_list_in_a_style_one_entry_per_work(registry, tmp_path, suffix):
    path = tmp_path / "refs.txt"
    path.write_text(f"{LOOKALIKE}\n\n{BJSW}\n\n{BJSW_AGAIN}\n\n{UNKNOWN}\n", encoding="utf-8")
    out = tmp_path / f"formatted{suffix}"
    result = run("check", path, "--style", "apa", "-o", out, "--fail-on", "never")
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.count("Reflections on") == 1  # the duplicate merged
    assert "not identified; as written" in text and "Nobody" in text
    assert text.index("Making co-production") < text.index("Reflections on")  # APA order
    assert "3 entries in apa written to" in result.stderr


def test_word_list_and_renumbering_for_a_numbered_style(registry, tmp_path):
    from docx import Document

    path = tmp_path / "paper.md"
    path.write_text(
        f"Text [1], [2] and [3].\n\n# References\n\n1. {BJSW}\n2. {UNKNOWN}\n3. {LOOKALIKE}\n",
        encoding="utf-8",
    )
    out = tmp_path / "refs.docx"
    result = run("check", path, "--style", "vancouver", "-o", out, "--fail-on", "never")
    assert result.exit_code == 0, result.output
    paragraphs = [p for p in Document(str(out)).paragraphs if p.text.strip()]
    assert any("Reflections on" in p.text for p in paragraphs)
    assert "renumber the citations in the text: [2] -> [3], [3] -> [2]" in result.stderr
    assert "Text [1], [2] and [3]." in path.read_text()  # the manuscript is left alone


def test_style_and_output_go_together_and_are_checked_first(tmp_path):
    path = tmp_path / "refs.txt"
    path.write_text(UNKNOWN)
    assert run("check", path, "--style", "apa").exit_code == ExitCode.USAGE
    bad = run("check", path, "--style", "apa", "-o", tmp_path / "refs.pdf")
    assert bad.exit_code == ExitCode.INVALID_INPUT and "extension" in bad.stderr
    unknown = run("check", path, "--style", "no-such-style-here", "-o", tmp_path / "r.md")
    assert unknown.exit_code in (ExitCode.INVALID_INPUT, ExitCode.NOT_FOUND)
    assert not (tmp_path / "r.md").exists()
