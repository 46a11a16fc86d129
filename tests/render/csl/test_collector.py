"""A render pauses the cyclic garbage collector and always gives it back as it was."""

from __future__ import annotations

import gc

import pytest

from coprodcite.errors import CoprodciteError
from coprodcite.render import render_bibliography, render_citations

ITEM = {"id": "a", "type": "book", "title": "T", "author": [{"family": "Doe"}]}


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_left_as_it_was(enabled: bool) -> None:
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        render_bibliography([ITEM], "apa", engine="coprodcite")
        render_citations([ITEM], [[{"id": "a"}]], "apa", engine="coprodcite")
        assert gc.isenabled() is enabled
        with pytest.raises(CoprodciteError):  # a render that fails gives it back too
            render_citations([ITEM], [[{"id": "a", "label": "nonsense"}]], "apa")
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
