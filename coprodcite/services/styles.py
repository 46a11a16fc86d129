"""Use cases of ``coprodcite styles``: list, search, show and add CSL styles.

Folders come from the settings: ``styles_dir`` holds the user's styles (which take
precedence over the project's and the bundled ones), ``cache_dir`` the style index.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coprodcite.config import Settings
from coprodcite.render.styles.index import StyleMeta
from coprodcite.services import Progress


@dataclass(frozen=True)
class StyleDetails:
    """A style and, for a dependent style, the independent parent it renders with."""

    meta: StyleMeta
    parent: StyleMeta | None

    def to_json(self) -> dict[str, Any]:
        parent = self.parent
        return {
            **self.meta.to_json(),
            "parent_title": parent.title if parent else None,
            "parent_path": parent.path if parent else None,
        }


def list_styles(
    settings: Settings,
    *,
    dependent: bool | None = None,
    citation_format: str | None = None,
    progress: Progress | None = None,
) -> list[StyleMeta]:
    """Every available style, sorted by name; optionally only dependent (or independent)
    ones, or those of one citation format (author-date, numeric, note...)."""
    return sorted(
        (
            m
            for m in _catalogue(settings, progress)
            if (dependent is None or m.dependent == dependent)
            and (citation_format is None or m.citation_format == citation_format)
        ),
        key=lambda m: m.name,
    )


def search_styles(
    settings: Settings, query: str, limit: int | None = 20, *, progress: Progress | None = None
) -> list[StyleMeta]:
    """Styles matching ``query`` by name, title, short title or ISSN, best first."""
    from coprodcite.render.styles.index import search

    return search(_catalogue(settings, progress), query, limit)


def _catalogue(settings: Settings, progress: Progress | None) -> list[StyleMeta]:
    """Every style; building the index (seconds, once) is told to ``progress``."""
    from coprodcite.render.styles import catalogue

    def indexing(done: int, total: int) -> None:
        if progress is not None:
            progress("indexing styles", done, total)

    return catalogue(settings.styles_dir, settings.cache_dir, indexing)


def show_style(settings: Settings, name: str) -> StyleDetails:
    from coprodcite.render.styles import style_meta

    meta = style_meta(name, user_dir=settings.styles_dir)
    parent = style_meta(meta.parent, user_dir=settings.styles_dir) if meta.parent else None
    return StyleDetails(meta, parent)


def add_style(
    settings: Settings, file: Path, *, name: str | None = None, force: bool = False
) -> Any:
    """Check a CSL file and copy it into the user styles folder (an AddedStyle)."""
    from coprodcite.render.styles.user import add_user_style

    return add_user_style(file, settings.styles_dir, name=name, force=force)


def remove_style(settings: Settings, name: str) -> Any:
    """Delete one of the user's styles (a RemovedStyle); project and bundled ones stay."""
    from coprodcite.render.styles.user import remove_user_style

    return remove_user_style(name, settings.styles_dir)


def export_style(settings: Settings, name: str, output: Path | None = None) -> str:
    """The standalone CSL XML of a style (a dependent one resolved against its parent);
    written to ``output`` atomically when given."""
    from coprodcite.render.styles.user import standalone_style, write_style

    text = standalone_style(name, user_dir=settings.styles_dir)
    if output is not None:
        write_style(text, output)
    return text
