"""Dependencies point one way (STYLE.md): cli -> services -> {sources, library,
formats, render} -> {model, names, identifiers, errors}; the CLI reaches the rest only
through services."""

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
        "latex.py",
        "rich_text.py",
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
            "coprodcite.latex",
            "coprodcite.rich_text",
        }
        if rel.startswith("names/"):  # the names package's own modules
            ours = {n for n in ours if not n.startswith("coprodcite.names.")}
        assert ours <= allowed, f"core module imports {ours - allowed}"
    if not rel.startswith(("cli/", "services/")) and rel != "pandoc_filter.py":  # an entry point
        assert "coprodcite.services" not in imported


CLI_MAY_IMPORT = ("coprodcite.cli", "coprodcite.services", "coprodcite.errors", "coprodcite.config")


def our_imports(path: Path) -> set[str]:
    """The coprodcite modules (or names) ``path`` imports: ``from coprodcite import
    services`` counts as ``coprodcite.services``."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module == "coprodcite":
            names.update(f"coprodcite.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return {n for n in names if n.startswith("coprodcite.")}


def library_uses(path: Path) -> list[str]:
    """Where ``path`` calls a method of a library it holds (``st.library().get(...)``,
    or ``library = st.library()`` then ``library.get(...)``) instead of handing it to
    a service."""

    def is_library_call(node: ast.AST) -> bool:
        return (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "library"
        )

    tree = ast.parse(path.read_text())
    held = {
        target.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign) and is_library_call(node.value)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    return [
        f"{path.name}:{node.lineno}: .{node.attr}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and (
            is_library_call(node.value)
            or isinstance(node.value, ast.Name)
            and node.value.id in held
        )
    ]


CLI_MODULES = sorted((PACKAGE / "cli").glob("*.py"))


@pytest.mark.parametrize("path", CLI_MODULES, ids=lambda p: p.name)
def test_the_cli_imports_only_services_errors_and_config(path):
    allowed = {"coprodcite.__version__"}
    found = {n for n in our_imports(path) if n not in allowed and not n.startswith(CLI_MAY_IMPORT)}
    assert not found, f"cli/{path.name} reaches past services/ into {sorted(found)}"


@pytest.mark.parametrize("path", CLI_MODULES, ids=lambda p: p.name)
def test_the_cli_calls_no_library_method(path):
    assert library_uses(path) == [], "hand the library to a function of coprodcite.services"


def test_the_checks_see_what_they_look_for(tmp_path):
    """The two CLI checks above find a reach past services/ when there is one."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from coprodcite import services, model\n"
        "from coprodcite.library import open_library\n"
        "def f(st):\n"
        "    library = st.library()\n"
        "    services.remove(library, 'k')\n"
        "    library.get('k')\n"
        "    st.library().remove('k')\n"
    )
    assert our_imports(sample) == {
        "coprodcite.services",
        "coprodcite.model",
        "coprodcite.library",
    }
    assert library_uses(sample) == ["sample.py:6: .get", "sample.py:7: .remove"]


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


# -- render/: the engine, the citeproc-py bridge and style management (issue 16) --------

RENDER = PACKAGE / "render"


def _runtime_imports(path: Path) -> set[str]:
    """Modules ``path`` imports when it runs (inside functions too), without the imports
    under ``if TYPE_CHECKING:``; ``from a import b`` counts as ``a`` and ``a.b``."""
    tree = ast.parse(path.read_text())
    typing_only = {
        id(sub)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for sub in ast.walk(node)
    }
    names: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts).removesuffix(".__init__")


def _render_graph() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in RENDER.rglob("*.py")}
    return {
        name: {d for d in _runtime_imports(path) if d in modules and d != name}
        for name, path in modules.items()
    }


@pytest.mark.parametrize("path", sorted((RENDER / "csl").glob("*.py")), ids=lambda p: p.name)
def test_the_engine_imports_nothing_above_it(path: Path) -> None:
    """render/csl is the engine: it uses the core modules only (model, errors,
    csl_schema...), never the rest of render/, services, cli or sources."""
    ours = {n for n in imports_of(path) if n.startswith("coprodcite.")}
    allowed_core = {
        "coprodcite.errors",
        "coprodcite.csl_schema",
        "coprodcite.latex",
        "coprodcite.rich_text",
    }
    above = {n for n in ours if not n.startswith("coprodcite.render.csl") and n not in allowed_core}
    assert not above, f"the engine imports {sorted(above)}"


def test_render_has_no_import_cycles() -> None:
    graph = _render_graph()
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(name: str, path: list[str]) -> None:
        state[name] = 1
        for dep in sorted(graph[name]):
            if state.get(dep) == 1:
                cycle = path[path.index(dep) :] + [dep] if dep in path else [name, dep]
                raise AssertionError(f"import cycle: {' -> '.join(cycle)}")
            if dep not in state:
                visit(dep, [*path, dep])
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])


def test_the_bridge_and_style_management_stay_apart() -> None:
    """The citeproc-py bridge and style management never import each other's insides
    upward: style management imports neither engine; the engine imports no bridge."""
    graph = _render_graph()
    for name, deps in graph.items():
        if name.startswith("coprodcite.render.styles"):
            assert not {d for d in deps if d.startswith(("coprodcite.render.csl",
                "coprodcite.render.citeproc_py"))}, name  # fmt: skip
        if name.startswith("coprodcite.render.csl"):
            assert not {d for d in deps if d.startswith("coprodcite.render.citeproc_py")}, name


def test_one_warning_helper() -> None:
    """Rendering warns through render/csl/warn.py only."""
    for path in RENDER.rglob("*.py"):
        if path.name == "warn.py":
            continue
        text = path.read_text()
        assert "RenderWarning, stacklevel" not in text, path
        assert "class RenderWarning" not in text, path


def test_one_latex_escape_table() -> None:
    """Every writer of LaTeX escapes with coprodcite/latex.py's table (issue 16: three
    tables disagreed on '^')."""
    for path in PACKAGE.rglob("*.py"):
        if path.name == "latex.py":
            continue
        assert "textasciitilde" not in path.read_text() or path.name == "latex_in.py", path


def test_one_reader_of_rich_text_markup() -> None:
    """Only coprodcite/rich_text.py says which tags CSL rich text has (issue 16: six
    parsers read it); every writer reads the tags through it."""
    for path in PACKAGE.rglob("*.py"):
        if path.name == "rich_text.py":
            continue
        text = path.read_text()
        assert "(i|b|sup|sub" not in text and "i|b|sup|sub)" not in text, path
