"""coprodcite-pandoc: pandoc's citeproc renders from the library, with no exported file."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from coprodcite.formats.pandoc_ast import cited_ids, inlines, meta_text, reference_meta

PANDOC = shutil.which("pandoc")
needs_pandoc = pytest.mark.skipif(
    PANDOC is None, reason="pandoc is not installed (.ci/run installs Debian's pandoc)"
)


def cite(key):
    citation = {"citationId": key, "citationPrefix": [], "citationSuffix": [],
                "citationMode": {"t": "NormalCitation"}, "citationNoteNum": 1,
                "citationHash": 0}  # fmt: skip
    return {"t": "Cite", "c": [[citation], [{"t": "Str", "c": f"[@{key}]"}]]}


def document(*keys, meta=None):
    return {
        "pandoc-api-version": [1, 22, 2, 1],
        "meta": meta or {},
        "blocks": [{"t": "Para", "c": [cite(k) for k in keys]}],
    }


@pytest.mark.parametrize(
    ("rich", "expected"),
    [
        ("A title", [{"t": "Str", "c": "A"}, {"t": "Space"}, {"t": "Str", "c": "title"}]),
        ("<i>E. coli</i>", [{"t": "Emph", "c": [{"t": "Str", "c": "E."}, {"t": "Space"},
                                                {"t": "Str", "c": "coli"}]}]),
        ("CO<sub>2</sub>", [{"t": "Str", "c": "CO"}, {"t": "Subscript",
                                                      "c": [{"t": "Str", "c": "2"}]}]),
        ('<span class="nocase">iPhone</span>',
         [{"t": "Span", "c": [["", ["nocase"], []], [{"t": "Str", "c": "iPhone"}]]}]),
        ("a &amp; b", [{"t": "Str", "c": "a"}, {"t": "Space"}, {"t": "Str", "c": "&"},
                       {"t": "Space"}, {"t": "Str", "c": "b"}]),
    ],
)  # fmt: skip
def test_rich_text_as_inlines(rich, expected):
    assert inlines(rich) == expected


def test_cited_ids_and_references():
    doc = document("a", "b", "a", meta={"nocite": {"t": "MetaInlines", "c": [cite("c")]}})
    assert cited_ids(doc) == ["c", "a", "b"]
    ref = reference_meta({"id": "a", "type": "book", "issued": {"date-parts": [[2004, 5]]},
                          "author": [{"family": "Quill"}], "volume": 3})  # fmt: skip
    assert ref["c"]["id"] == {"t": "MetaString", "c": "a"}
    assert ref["c"]["issued"]["c"]["date-parts"] == {
        "t": "MetaList",
        "c": [{"t": "MetaList", "c": [{"t": "MetaString", "c": "2004"},
                                      {"t": "MetaString", "c": "5"}]}],
    }  # fmt: skip
    assert ref["c"]["author"]["c"][0]["c"]["family"] == {"t": "MetaString", "c": "Quill"}
    assert meta_text({"t": "MetaInlines", "c": [{"t": "Str", "c": "apa"}]}) == "apa"


def run_filter(doc, **env):
    return subprocess.run(
        [sys.executable, "-m", "coprodcite.pandoc_filter", "html"],
        input=json.dumps(doc).encode(),
        capture_output=True,
        env={**os.environ, **env},
        timeout=120,
    )


def test_the_filter_adds_the_cited_works_as_references(works):
    done = run_filter(document("tarn1999", "10.5555/invented.1", "ghost"))
    assert done.returncode == 0
    out = json.loads(done.stdout)
    ids = [meta_text(r["c"]["id"]) for r in out["meta"]["references"]["c"]]
    assert ids == ["tarn1999", "10.5555/invented.1"]  # as cited: a DOI too
    assert out["blocks"] == document("tarn1999", "10.5555/invented.1", "ghost")["blocks"]
    lines = done.stderr.decode().splitlines()
    assert lines[0].startswith("coprodcite-pandoc: @ghost is not in the library ")


def test_references_already_in_the_document_are_kept(works):
    own = {"t": "MetaList", "c": [reference_meta({"id": "mine", "type": "book"})]}
    done = run_filter(document("mine", "tarn1999", meta={"references": own}))
    ids = [meta_text(r["c"]["id"]) for r in json.loads(done.stdout)["meta"]["references"]["c"]]
    assert ids == ["mine", "tarn1999"] and done.stderr == b""


def test_not_json_is_one_line_and_exit_3(works):
    done = subprocess.run(
        [sys.executable, "-m", "coprodcite.pandoc_filter"], input=b"# not json",
        capture_output=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 3
    assert len(done.stderr.decode().splitlines()) == 1


def installed_filter_path() -> str:
    """PATH with the folder of the installed ``coprodcite-pandoc`` first."""
    folder = Path(sys.executable).parent
    if not (folder / "coprodcite-pandoc").exists() and not shutil.which("coprodcite-pandoc"):
        pytest.fail("coprodcite-pandoc is not installed: run `pip install .` first")
    return f"{folder}{os.pathsep}{os.environ.get('PATH', '')}"


@needs_pandoc
def test_pandoc_renders_from_the_library(works, write, tmp_path):
    paper = write("---\ncsl: apa\n---\nAs [@tarn1999, p. 3] and @quill2004 and [@ghost].\n")
    command = [PANDOC, str(paper), "-F", "coprodcite-pandoc", "--citeproc", "-t", "plain"]
    env = {**os.environ, "PATH": installed_filter_path()}
    done = subprocess.run(command, capture_output=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    out = done.stdout.decode()
    assert "(Tarn et al., 1999, p. 3)" in out and "Quill (2004" in out
    assert "Tarn, U., Wren, B., & Lark, C. (1999)." in " ".join(out.split())
    err = done.stderr.decode()
    assert "@ghost is not in the library" in err  # ours, and pandoc's own:
    assert "citation ghost not found" in err
    full = subprocess.run(command, capture_output=True, timeout=120,
                          env={**env, "COPRODCITE_FULL_CREDIT": "1"})  # fmt: skip
    assert "(Tarn, Wren, & Lark, 1999, p. 3)" in full.stdout.decode()
