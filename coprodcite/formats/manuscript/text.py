"""A manuscript as plain text: paragraphs separated by blank lines, footnotes as
``[1]`` with their text listed at the end, the bibliography one paragraph per entry."""

from __future__ import annotations

import textwrap
from typing import Any

from coprodcite.formats.manuscript import title_block
from coprodcite.formats.manuscript.walk import TreeWriter


class TextWriter(TreeWriter):
    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.footnotes: list[str] = []

    def b_heading(self, node: Any) -> str:
        return f"{self.inline(node.children[0])}\n\n"

    def b_paragraph(self, node: Any) -> str:
        text = self.inline(node.children[0]) if node.children else ""
        return text if node.hidden else f"{text}\n\n"

    def b_bullet_list(self, node: Any) -> str:
        return "".join(self._item(child, "- ") for child in node.children) + "\n"

    def b_ordered_list(self, node: Any) -> str:
        start = int(node.attrs.get("start", 1) or 1)
        items = (self._item(c, f"{n}. ") for n, c in enumerate(node.children, start=start))
        return "".join(items) + "\n"

    def _item(self, node: Any, marker: str) -> str:
        text = self.blocks(node.children).strip()
        return marker + textwrap.indent(text, " " * len(marker))[len(marker) :] + "\n"

    def b_blockquote(self, node: Any) -> str:
        return textwrap.indent(self.blocks(node.children).strip(), "    ") + "\n\n"

    def b_fence(self, node: Any) -> str:
        return textwrap.indent(node.content.rstrip("\n"), "    ") + "\n\n"

    b_code_block = b_fence

    def b_hr(self, node: Any) -> str:
        return "* * *\n\n"

    def b_html_block(self, node: Any) -> str:
        return ""

    def b_table(self, node: Any) -> str:
        rows = [row for part in node.children for row in part.children]
        lines = [
            "\t".join(self.inline(c.children[0]) if c.children else "" for c in row.children)
            for row in rows
        ]
        return "\n".join(lines) + "\n\n"

    def i_hardbreak(self, node: Any) -> str:
        return "\n"

    def i_code_inline(self, node: Any) -> str:
        return str(node.content)

    def i_link(self, node: Any) -> str:
        text, href = self.inline(node), str(node.attrs.get("href", ""))
        return text if not href or href == text else f"{text} <{href}>"

    def i_image(self, node: Any) -> str:
        return f"[{node.content or 'image'}]"

    def i_html_inline(self, node: Any) -> str:
        return ""

    def i_footnote_ref(self, node: Any) -> str:
        self.footnotes.append(self.note_text(node))
        return f"[{len(self.footnotes)}]"

    def bibliography(self) -> str:
        return "".join(f"{entry}\n\n" for entry in self.document.entries or [])


def write_text(tree: Any, cites: dict[str, str], document: Any) -> str:
    writer = TextWriter(tree, cites, document)
    title, authors, date = title_block(document.metadata)
    top = "\n".join(x for x in (title, ", ".join(authors), date) if x)
    body = writer.body().rstrip()
    notes = "\n\n".join(
        f"[{n}] {textwrap.indent(text, '    ').lstrip()}"
        for n, text in enumerate(writer.footnotes, start=1)
    )
    parts = [top, body, notes and "Notes\n\n" + notes]
    return "\n\n".join(p for p in parts if p) + "\n"
