"""The one warning of rendering: :class:`RenderWarning` and :func:`warn`, used by the
engine, the citeproc-py bridge and the API (``coprodcite.render`` re-exports the class).
It sits in the engine's package, below everything that warns, so no module imports
upward for it."""

from __future__ import annotations

import sys
import warnings
from types import FrameType

__all__ = ["RenderWarning", "warn"]


class RenderWarning(UserWarning):
    """An item, cite or style feature that could not be rendered as asked."""


def warn(message: str) -> None:
    """Warn, attributing the warning to the first caller outside ``coprodcite.render``
    (the user's code or the service that asked for the render)."""
    frame: FrameType | None = sys._getframe(0)
    level = 1
    while frame is not None and frame.f_globals.get("__name__", "").startswith("coprodcite.render"):
        frame, level = frame.f_back, level + 1
    warnings.warn(message, RenderWarning, stacklevel=level)
