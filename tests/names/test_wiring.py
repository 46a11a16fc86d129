"""Records are stored with normalised names, by both ways `add` takes them in: a
saved response (``--record``) and a fetch from a service (loopback server).

(The library does not store ``Contributor.original`` yet, so it is not checked here.)"""

from __future__ import annotations

import json

from typer.testing import CliRunner

from coprodcite.cli import app

runner = CliRunner()

CSL_ITEM = {
    "id": "quill2020",
    "type": "book",
    "title": "Crediting every contributor",
    "DOI": "10.5555/invented.names",
    "issued": {"date-parts": [[2020]]},
    "author": [
        {"family": "QUILL", "given": "ADA"},
        {"family": "Quill", "given": "Ada"},  # listed twice
        {"family": "de Wren", "given": "T.J."},
        {"family": "Peer Researchers Group"},
        {"given": "Homer"},
    ],
}


def _stored_contributors() -> list[dict]:
    listed = runner.invoke(app, ["list", "--json"])
    assert listed.exit_code == 0, listed.output
    return json.loads(listed.stdout)[0]["contributors"]


def test_a_saved_record_is_stored_with_normalised_names(tmp_path):
    path = tmp_path / "record.json"
    path.write_text(json.dumps(CSL_ITEM), encoding="utf-8")
    result = runner.invoke(app, ["add", "--record", str(path)])
    assert result.exit_code == 0, result.output
    names = _stored_contributors()
    assert [
        {k: v for k, v in n.items() if k not in ("role", "original", "person")} for n in names
    ] == [
        {"family": "Quill", "given": "Ada"},
        {"family": "Wren", "given": "T. J.", "non-dropping-particle": "de"},
        {"literal": "Peer Researchers Group"},
        {"family": "Homer"},
    ]


def test_a_fetched_record_is_stored_with_normalised_names(services_on, bjsw_crossref):
    message = bjsw_crossref["message"]
    message["author"][0] = dict(message["author"][0], family="KELLY", given="MEGAN")
    doi = message["DOI"].lower()
    services_on.expect_request(f"/crossref/works/{doi}").respond_with_json(bjsw_crossref)
    result = runner.invoke(app, ["add", doi])
    assert result.exit_code == 0, result.output
    first = _stored_contributors()[0]
    assert (first["family"], first["given"]) == ("Kelly", "Megan")
