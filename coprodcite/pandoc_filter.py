"""``coprodcite-pandoc``: a pandoc JSON filter that gives pandoc's citeproc the cited
works from the library, with no exported file::

    pandoc paper.md -F coprodcite-pandoc --citeproc -o paper.docx

The library, preferred names and ``full_credit`` come from coprodcite's settings
(``COPRODCITE_LIBRARY``, ``COPRODCITE_FULL_CREDIT`` or the config file). A key the
library lacks is named on stderr; pandoc's citeproc warns about it too and goes on.

An entry point like ``__main__``, outside :mod:`coprodcite.cli`: pandoc runs the filter
once per document, and the command line's Typer app is not needed to read JSON.
"""

from __future__ import annotations

import json
import sys

from coprodcite.errors import CoprodciteError


def warn(message: str) -> None:
    sys.stderr.write(f"coprodcite-pandoc: {message}\n")


def main() -> None:
    try:
        _run()
    except CoprodciteError as exc:
        warn(f"error: {exc}")
        sys.exit(exc.exit_code)
    except (ValueError, UnicodeDecodeError) as exc:
        warn(
            f"error: standard input is not pandoc's JSON ({exc}); "
            "run it as pandoc -F coprodcite-pandoc"
        )
        sys.exit(3)


def _run() -> None:
    from coprodcite.config import load_settings
    from coprodcite.services import open_library
    from coprodcite.services.manuscript import filter_document

    settings = load_settings()
    document = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    library = open_library(settings.library, key_pattern=settings.key_pattern)
    result = filter_document(
        library,
        document,
        full_credit=settings.full_credit,
        cache_dir=settings.cache_dir,
        styles_dir=settings.styles_dir,
    )
    for key in result.missing:
        warn(f"@{key} is not in the library {library.location}")
    if result.missing:
        warn(f"{len(result.missing)} cited key(s) not found; add them with `coprodcite add`")
    sys.stdout.buffer.write(json.dumps(result.document, ensure_ascii=False).encode("utf-8"))
    sys.stdout.buffer.flush()


if __name__ == "__main__":  # pragma: no cover
    main()
