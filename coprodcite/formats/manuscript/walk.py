"""Writing markdown-it-py's syntax tree as text: the walk that LaTeX and plain text
share. A writer says how each kind of node looks; footnotes are looked up by id where
they are referenced."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from coprodcite.formats.manuscript import BIB_MARK, placeholders

if TYPE_CHECKING:
    from coprodcite.formats.manuscript import Document


class TreeWriter:
    """Subclasses define the ``b_*`` (block) and ``i_*`` (inline) methods they need;
    a node with none is written as its children."""

    render_format = "text"

    def __init__(self, tree: Any, cites: dict[str, str], document: Document) -> None:
        self.tree = tree
        self.cites = cites
        self.document = document
        self.notes: dict[int, Any] = {}
        for node in tree.children:
            if node.type == "footnote_block":
                self.notes = {n.meta["id"]: n for n in node.children if n.type == "footnote"}

    def escape(self, text: str) -> str:
        return text

    # -- the walk --------------------------------------------------------------------

    def body(self) -> str:
        return self.blocks([n for n in self.tree.children if n.type != "footnote_block"])

    def blocks(self, nodes: list[Any]) -> str:
        return "".join(self.block(n) for n in nodes)

    def block(self, node: Any) -> str:
        if node.type == "paragraph" and self._is_bibliography(node):
            return self.bibliography()
        method = getattr(self, f"b_{node.type}", None)
        return method(node) if method else self.blocks(node.children)

    def inline(self, node: Any) -> str:
        """The inline content of ``node`` (a heading, paragraph, cell...)."""
        return "".join(self.span(child) for child in node.children)

    def span(self, node: Any) -> str:
        method = getattr(self, f"i_{node.type}", None)
        if method is not None:
            return str(method(node))
        return self.inline(node)

    def i_inline(self, node: Any) -> str:
        return self.inline(node)

    def i_text(self, node: Any) -> str:
        return placeholders(node.content, self.cites, self.escape)

    def i_softbreak(self, node: Any) -> str:
        return "\n"

    def i_footnote_anchor(self, node: Any) -> str:
        return ""

    def note_text(self, node: Any) -> str:
        """The text of the footnote a ``footnote_ref`` points to."""
        note = self.notes.get(node.meta.get("id"))
        if note is None:
            return ""
        parts = [self.inline(p.children[0]) if p.children else "" for p in note.children
                 if p.type == "paragraph"]  # fmt: skip
        return "\n\n".join(p.strip() for p in parts if p.strip())

    def _is_bibliography(self, node: Any) -> bool:
        inline = node.children[0] if node.children else None
        return inline is not None and inline.content.strip() == BIB_MARK

    def bibliography(self) -> str:
        raise NotImplementedError
