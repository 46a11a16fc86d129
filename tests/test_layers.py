"""Dependencies point one way (STYLE.md): cli -> services -> {sources, library,
formats, render} -> {model, names, identifiers, errors}."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "coprodcite"


def imports_of(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def modules():
    return sorted(p for p in PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_layering(path):
    rel = path.relative_to(PACKAGE).as_posix()
    imported = imports_of(path)
    tops = {name.split(".")[0] for name in imported}
    if not rel.startswith("cli/") and rel != "__main__.py":
        assert not tops & {"typer", "rich", "click"}, "only cli/ may import typer, rich or click"
        assert "coprodcite.cli" not in imported
    if rel != "sources/http.py":
        assert not tops & {"requests", "urllib3"}, "only sources/http.py may import requests"
    if rel in (
        "model.py",
        "identifiers.py",
        "errors.py",
        "markup.py",
        "csl_schema.py",
        "markup_tags.py",
    ) or rel.startswith("names/"):
        ours = {n for n in imported if n.startswith("coprodcite.")}
        allowed = {
            "coprodcite.errors",
            "coprodcite.identifiers",
            "coprodcite.model",
            "coprodcite.markup",
            "coprodcite.names",
            "coprodcite.csl_schema",
            "coprodcite.markup_tags",
        }
        if rel.startswith("names/"):  # the names package's own modules
            ours = {n for n in ours if not n.startswith("coprodcite.names.")}
        assert ours <= allowed, f"core module imports {ours - allowed}"
    if not rel.startswith(("cli/", "services/")):
        assert "coprodcite.services" not in imported


def test_services_import_neither_typer_nor_heavy_modules():
    code = (
        "import sys, coprodcite.services; "
        "print(sorted(m for m in ('typer', 'rich', 'requests', 'citeproc', 'lxml', "
        "'bibtexparser') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_help_does_not_import_heavy_modules():
    code = (
        "import sys\nfrom coprodcite.cli import app\n"
        "print(sorted(m for m in ('requests', 'citeproc', 'lxml', 'bibtexparser', 'sqlite3')"
        " if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
