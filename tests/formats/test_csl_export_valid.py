"""Every exported CSL-JSON and CSL-YAML item validates against the CSL-JSON schema
(tests/formats/csl_data_schema.py), for every record of the shared corpus, and pandoc
reads the files (issue 17 item 9: content negotiation's `license` arrays made pandoc
stop with "expected String or Number, but encountered Array")."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from coprodcite.formats import detect_format
from coprodcite.formats.csljson import write_csl_json, write_csl_yaml
from coprodcite.services import read_record_file
from coprodcite.services.interchange import read_text
from tests.conftest import corpus_dir
from tests.formats.csl_data_schema import errors

SAVED_RESPONSES = ("crossref", "datacite", "csljson", "crossref_list_items", "datacite_list_items")
FILES = ("csljson_other", "bibtex", "ris")


def _records_of(folder: str) -> list:
    """The folder's records as `add --record` stores saved responses, and as the
    readers of `import` give files (import then normalises names, which changes name
    parts only: strings either way; left out here to keep the test quick). What
    neither reads is left out (other tests cover that)."""
    records = []
    for path in sorted(p for p in corpus_dir(folder).rglob("*") if p.is_file()):
        try:
            if folder in SAVED_RESPONSES:
                records += read_record_file(path)
                continue
            text = read_text(path)
            found = detect_format(text, path.name).read(text, file=str(path)).records
            records += found
        except Exception:  # noqa: BLE001 (unreadable files are reported elsewhere)
            continue
    return records


_CACHE: dict[str, list] = {}


def records_of(folder: str) -> list:
    if folder not in _CACHE:
        _CACHE[folder] = _records_of(folder)
    return _CACHE[folder]


def ids(record) -> str:
    return str(record.key or record.doi)


pytestmark = [pytest.mark.corpus]


@pytest.mark.slow
@pytest.mark.parametrize("folder", SAVED_RESPONSES + FILES)
def test_csl_json_and_yaml_exports_of_every_corpus_record_validate(folder):
    import yaml

    records = records_of(folder)
    assert records, f"no record read from {folder}"
    items = json.loads(write_csl_json(records))
    assert len(items) == len(records)
    assert errors(items) == []
    text = write_csl_yaml(records)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    from_yaml = yaml.load(text.removeprefix("---\n").removesuffix("...\n"), Loader=loader)
    # the same items, so valid too
    assert from_yaml == {"references": items}


def test_content_negotiation_licences_become_text():
    records = records_of("csljson")
    licensed = [r for r in records if "license" in r.fields]
    assert licensed, "the corpus's content-negotiation records carry licences"
    for record in licensed:
        assert isinstance(record.to_csl()["license"], str)
        assert record.to_csl()["license"].startswith("http")


# -- pandoc ------------------------------------------------------------------------------


def pandoc() -> str:
    found = shutil.which("pandoc")
    if found is None:
        pytest.skip("pandoc is not installed (apt-get install pandoc): its reading is not checked")
    return found


@pytest.mark.parametrize("fmt", ["csl-json", "csl-yaml"])
def test_pandoc_reads_the_export(fmt, tmp_path):
    """The records that broke pandoc (content negotiation, other CSL-JSON) and a .bib
    collection, exported as a user would, read by pandoc."""
    from typer.testing import CliRunner

    from coprodcite.cli import app

    runner = CliRunner()
    sources = sorted(corpus_dir("csljson").glob("*.json"))
    bib = corpus_dir("bibtex") / "large" / "bbt-import-fixtures"
    result = runner.invoke(app, ["add", *[f"--record={p}" for p in sources]])
    assert "Traceback" not in result.output
    result = runner.invoke(app, ["import", *sorted(corpus_dir("csljson_other").glob("*.json"))])
    result = runner.invoke(app, ["import", str(sorted(bib.glob("*.bib"))[0])])
    out = tmp_path / ("refs.json" if fmt == "csl-json" else "refs.md")
    result = runner.invoke(app, ["export", "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    reader = "csljson" if fmt == "csl-json" else "markdown"
    run = subprocess.run(
        [pandoc(), "--from", reader, "--to", "csljson", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    exported = json.loads(out.read_text()) if fmt == "csl-json" else None
    read_back = json.loads(run.stdout)
    assert len(read_back) == (len(exported) if exported is not None else len(read_back))
    assert len(read_back) > 100
    assert all(isinstance(item.get("license", ""), str) for item in read_back)
    assert Path(out).stat().st_size > 0
