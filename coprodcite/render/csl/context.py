"""The state one rendering of one item carries through the evaluator.

A :class:`Ctx` holds the engine (style, locale, options), the reference, the mode
(``citation``, ``bibliography`` or ``sort``), the cite (position, locator...), the
item's disambiguation state, the counters behind cs:group's suppression rule and the
variables a cs:substitute has used up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from coprodcite.render.csl.locale import Locale
    from coprodcite.render.csl.reference import Reference
    from coprodcite.render.csl.style import Style

__all__ = ["Cite", "Ctx", "Disamb"]


@dataclass(slots=True)
class Cite:
    """One cite of a citation cluster."""

    id: str
    locator: str | None = None
    label: str | None = None
    prefix: str | None = None
    suffix: str | None = None
    suppress_author: bool = False
    author_only: bool = False
    position: str = "first"  # first, subsequent, ibid, ibid-with-locator
    near_note: bool = False
    first_note: int | None = None  # note number of the first cite of the item
    note: int | None = None
    given_position: str | None = None  # a position the cite itself gives (kept as given)

    @classmethod
    def from_json(cls, cite: dict[str, Any]) -> Cite:
        def text(key: str) -> str | None:
            value = cite.get(key)
            return None if value is None or value == "" else str(value)

        return cls(
            id=str(cite.get("id", "")),
            locator=text("locator"),
            label=text("label"),
            prefix=text("prefix"),
            suffix=text("suffix"),
            suppress_author=bool(cite.get("suppress-author")),
            author_only=bool(cite.get("author-only")),
            given_position=_POSITIONS.get(str(cite.get("position"))),
        )


# a cite's own "position", as citeproc-js numbers them or by name
_POSITIONS = {"0": "first", "1": "subsequent", "2": "ibid", "3": "ibid-with-locator"}
_POSITIONS.update({name: name for name in _POSITIONS.values()})


@dataclass(slots=True)
class Disamb:
    """How far one item's citations are disambiguated."""

    add_names: int = 0  # names shown beyond et-al-use-first (per names element)
    givenname: dict[int, int] = field(default_factory=dict)  # name index -> 0, 1 initials, 2 full
    givenname_all: int = 0  # applied to every name (add-givenname rule all-names...)
    # the disambiguate="true" condition holds for the first ``condition`` tests of it
    # that a rendering meets (0: none; disambiguation adds them one at a time)
    condition: int = 0
    year_suffix: int | None = None  # 0 -> a


class Ctx:
    """Evaluation state for one item in one mode."""

    __slots__ = (
        "engine",
        "style",
        "locale",
        "ref",
        "mode",
        "cite",
        "opts",
        "disamb",
        "called",
        "nonempty",
        "suppressed",
        "sort_names",
        "depth",
        "names_min",
        "names_use_first",
        "names_use_last",
        "first_names",
        "substituting",
        "substituted",
        "substitute_for",
        "condition_tests",
        "printed",
    )

    def __init__(
        self,
        engine: Any,
        ref: Reference,
        mode: str,
        cite: Cite | None = None,
        disamb: Disamb | None = None,
    ) -> None:
        self.engine = engine
        self.style: Style = engine.style
        self.locale: Locale = engine.locale
        self.ref = ref
        self.mode = mode
        self.cite = cite
        context = self.style.bibliography if mode == "bibliography" else self.style.citation
        self.opts: dict[str, str] = (context or self.style.citation).options
        self.disamb = disamb or Disamb()
        self.called = 0
        self.nonempty = 0
        self.suppressed: set[str] = set()
        self.sort_names = False  # names render as sort keys
        self.depth = 0
        # names-min / names-use-first / names-use-last of the cs:key being evaluated
        self.names_min: int | None = None
        self.names_use_first: int | None = None
        self.names_use_last: bool | None = None
        self.first_names: Any = None  # the first cs:names output (for suppress-author)
        self.substituting = False
        self.substituted: set[str] = set()  # variables the current substitute rendered
        self.substitute_for: Any = None  # the cs:names whose cs:substitute is rendering
        self.condition_tests = 0  # disambiguate="true" tests met so far
        self.printed = 0  # variables rendered so far, the citation number apart

    def rendered(self, variable: str) -> None:
        """Count ``variable`` as rendered (for cs:group); a substitute suppresses the
        variables it rendered."""
        self.nonempty += 1
        if variable != "citation-number":
            self.printed += 1
        if self.substituting:
            self.substituted.add(variable)

    @property
    def lang(self) -> str:
        return str(self.ref.raw.get("language") or self.locale.lang)
