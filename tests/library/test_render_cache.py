"""The render cache: stored in the library, keyed by everything that affects output,
pruned to the most recently used, and never hiding a render's warnings."""

from __future__ import annotations

import sqlite3
import warnings
from pathlib import Path

import pytest

from coprodcite import services
from coprodcite.library import CachedRender, open_library
from coprodcite.library.schema import SCHEMA_VERSION
from coprodcite.library.sqlite import SqliteLibrary
from coprodcite.render import RenderWarning
from coprodcite.render.styles import bundled_styles_dir
from coprodcite.services import read_record_file
from tests.conftest import EXAMPLES

ARTICLE = EXAMPLES / "records" / "10.1093_bjsw_bcad019.crossref.json"
BOOK = EXAMPLES / "records" / "sealey2022social.csl.json"


def test_a_new_library_has_the_render_cache_table(tmp_path: Path) -> None:
    library = open_library(tmp_path / "lib.sqlite")
    library.close()
    db = sqlite3.connect(tmp_path / "lib.sqlite")
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    columns = {row[1] for row in db.execute("PRAGMA table_info(render_cache)")}
    assert columns == {"key", "entries", "warnings", "used_at"}


def test_store_and_read_back(library_location: str) -> None:
    library = open_library(library_location)
    assert library.cached_render("k") is None
    library.store_render("k", ["Quill, A. (2024)", "Wren, T. (2021) — ünïcode"], ["careful"])
    assert library.cached_render("k") == CachedRender(
        ["Quill, A. (2024)", "Wren, T. (2021) — ünïcode"], ["careful"]
    )
    library.store_render("k", ["again"])
    assert library.cached_render("k") == CachedRender(["again"], [])
    library.close()
    assert open_library(library_location).cached_render("k") == CachedRender(["again"])


def test_pruning_keeps_the_most_recently_used(tmp_path: Path) -> None:
    library = SqliteLibrary(tmp_path / "lib.sqlite", render_cache_size=3)
    for key in ("a", "b", "c"):
        library.store_render(key, [key])
    assert library.cached_render("a") is not None  # a is now more recent than b
    library.store_render("d", ["d"])
    kept = {k for k in "abcd" if library.cached_render(k) is not None}
    assert kept == {"a", "c", "d"}


# -- through the services layer ---------------------------------------------------------


@pytest.fixture
def library(tmp_path: Path) -> SqliteLibrary:
    lib = SqliteLibrary(tmp_path / "lib.sqlite")
    for path in (ARTICLE, BOOK):
        for record in read_record_file(path):
            lib.save(record)
    return lib


def _poison(library: SqliteLibrary, text: str, warning: str | None = None) -> None:
    """Replace every stored render, to tell a cache hit from a fresh render."""
    db = sqlite3.connect(library.location)
    with db:
        db.execute("UPDATE render_cache SET entries = json_array(?)", (text,))
        if warning:
            db.execute("UPDATE render_cache SET warnings = json_array(?)", (warning,))
    db.close()


def test_an_unchanged_bibliography_comes_from_the_cache(library: SqliteLibrary) -> None:
    fresh = services.bibliography(library, None, "apa")
    assert fresh[0].startswith("Fillingham, J.")
    _poison(library, "FROM CACHE")
    assert services.bibliography(library, None, "apa") == ["FROM CACHE"]
    assert services.bibliography(library, None, "apa", use_cache=False) == fresh


@pytest.mark.parametrize(
    "change",
    [
        {"style": "harvard-cite-them-right"},
        {"style": "nature-digest"},
        {"locale": "de-DE"},
        {"fmt": "html"},
        {"refs": ["sealey2022social"]},
    ],
)
def test_anything_that_changes_the_output_misses_the_cache(
    library: SqliteLibrary, change: dict
) -> None:
    services.bibliography(library, None, "apa")
    _poison(library, "FROM CACHE")
    arguments = {"refs": None, "style": "apa", **change}
    entries = services.bibliography(library, **arguments)
    assert "FROM CACHE" not in entries


def test_a_changed_record_misses_the_cache(library: SqliteLibrary) -> None:
    services.bibliography(library, None, "apa")
    _poison(library, "FROM CACHE")
    record = library.get("sealey2022social")
    record.fields["title"] = "Invented Title of Ada Quill"
    library.save(record, refresh=True)
    entries = services.bibliography(library, None, "apa")
    assert any("Invented Title of Ada Quill" in e for e in entries)


def test_a_changed_user_style_file_misses_the_cache(library: SqliteLibrary, tmp_path) -> None:
    user_dir = tmp_path / "user-styles"
    user_dir.mkdir()
    (user_dir / "house.csl").write_bytes((bundled_styles_dir() / "apa.csl").read_bytes())
    first = services.bibliography(library, None, "house", styles_dir=user_dir)
    _poison(library, "FROM CACHE")
    assert services.bibliography(library, None, "house", styles_dir=user_dir) == ["FROM CACHE"]
    (user_dir / "house.csl").write_bytes(
        (bundled_styles_dir() / "harvard-cite-them-right.csl").read_bytes()
    )
    assert services.bibliography(library, None, "house", styles_dir=user_dir) != first


def test_citations_are_cached_apart_from_bibliographies(library: SqliteLibrary) -> None:
    refs = ["fillingham2023reflections", "sealey2022social"]
    fresh = services.citation(library, refs, "apa")
    assert fresh == "(Fillingham et al., 2023; Sealey et al., 2022)"
    _poison(library, "(CACHED)")
    assert services.citation(library, refs, "apa") == "(CACHED)"
    assert services.citation(library, refs[::-1], "apa") != "(CACHED)"
    assert services.citation(library, refs, "apa", use_cache=False) == fresh


def test_a_cache_hit_repeats_the_warnings_of_the_render(library: SqliteLibrary) -> None:
    services.bibliography(library, None, "apa")
    _poison(library, "FROM CACHE", warning="could not render ada-quill in apa: invented")
    with pytest.warns(RenderWarning, match="could not render ada-quill"):
        assert services.bibliography(library, None, "apa") == ["FROM CACHE"]


def test_warnings_of_a_fresh_render_are_stored_and_shown(
    library: SqliteLibrary, tmp_path: Path
) -> None:
    user_dir = tmp_path / "user-styles"
    user_dir.mkdir()
    apa = (bundled_styles_dir() / "apa.csl").read_text(encoding="utf-8")
    invalid = apa.replace("<info>", "<info><not-csl/>", 1)  # loads, but fails validation
    (user_dir / "odd.csl").write_text(invalid, encoding="utf-8")
    with pytest.warns(RenderWarning, match="schema validation") as fresh:
        services.bibliography(library, None, "odd", styles_dir=user_dir)
    with pytest.warns(RenderWarning, match="schema validation") as hit:
        services.bibliography(library, None, "odd", styles_dir=user_dir)
    assert [str(w.message) for w in hit] == [
        str(w.message) for w in fresh if issubclass(w.category, RenderWarning)
    ]


def test_a_read_only_library_still_renders(library: SqliteLibrary) -> None:
    library._db.execute("PRAGMA query_only = 1")  # every write now fails
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert services.bibliography(library, None, "apa")[0].startswith("Fillingham")
        assert services.bibliography(library, None, "apa")[0].startswith("Fillingham")


def test_a_cache_hit_does_not_load_the_engine(library: SqliteLibrary) -> None:
    """What makes a warm re-render fast: no citeproc, lxml or style parsing."""
    import subprocess
    import sys

    services.bibliography(library, None, "apa")
    code = (
        "import sys; from coprodcite import services; from coprodcite.library import open_library;"
        f"services.bibliography(open_library({library.location!r}), None, 'apa');"
        "print(sorted(m for m in ('citeproc', 'lxml', 'xml.etree') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# -- the quick key: the library's generation instead of the items -------------------------


def test_the_generation_changes_with_what_references_are_made_of(library: SqliteLibrary):
    before = library.generation()
    library.store_render("some-key", ["entry"])
    assert library.generation() == before  # the cache itself is not content
    person = library.get("sealey2022social").contributors[0].person_id
    assert person is not None
    library.rename_person(person, {"family": "Quill-Brook", "given": "Ada"})
    assert library.generation() > before


def test_the_generation_moves_once_per_change_and_never_for_nothing(library: SqliteLibrary):
    """One bump per write that changes a row (not one per row); a write that changes
    nothing, or is rolled back, leaves the generation as it was."""
    from coprodcite.errors import InvalidInput
    from coprodcite.model import RoleAssignment

    before = library.generation()
    assert library.save(library.get("sealey2022social")).outcome == "exists"
    assert library.generation() == before
    person = library.get("sealey2022social").contributors[0].person_id
    library.add_role(RoleAssignment("credit:software", person, "sealey2022social", 1))
    assert library.generation() == before + 1
    with pytest.raises(InvalidInput), library.transaction():
        library.set_notes(person, "an invented note")
        raise InvalidInput("changed my mind")
    assert library.generation() == before + 1
    assert library.people([person])[0].person.notes is None
    record = library.get("fillingham2023reflections")
    record.fields["title"] = "Another invented title"
    library.save(record, refresh=True)  # a record row and all its contributors' rows
    assert library.generation() == before + 2


def test_a_renamed_person_misses_the_cache(library: SqliteLibrary) -> None:
    """A preferred name changes no record row: only the generation tells the quick key."""
    services.bibliography(library, None, "apa")
    _poison(library, "FROM CACHE")
    person = library.get("sealey2022social").contributors[0].person_id
    assert person is not None
    library.rename_person(person, {"family": "Quill-Brook", "given": "Ada"})
    entries = services.bibliography(library, None, "apa")
    assert any(e.startswith("Quill-Brook, A.") for e in entries), entries


def test_an_unrelated_change_still_finds_the_render_by_its_items(library: SqliteLibrary):
    """A change elsewhere in the library invalidates the quick key, but the list of
    one record, unchanged, is found again by its full key without rendering."""
    services.bibliography(library, ["sealey2022social"], "apa")
    _poison(library, "FROM CACHE")
    record = library.get("fillingham2023reflections")
    record.fields["title"] = "Another invented title"
    library.save(record, refresh=True)
    assert services.bibliography(library, ["sealey2022social"], "apa") == ["FROM CACHE"]
    assert services.citation(library, ["fillingham2023reflections"], "apa") != "FROM CACHE"
