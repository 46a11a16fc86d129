"""A manuscript as a Word file (python-docx): headings, paragraphs with their
formatting, lists, quotes, code, tables, real footnotes (a footnotes part, which
python-docx does not write itself) and the bibliography as hanging paragraphs.

Citations and entries come rendered as HTML and are written as runs: ``<i>``, ``<b>``,
``<sup>``, ``<sub>`` and the small-caps, normal-style and underline spans the
renderer writes become run formatting."""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from html.parser import HTMLParser
from typing import Any

from coprodcite.formats.manuscript import PLACEHOLDER, title_block
from coprodcite.formats.manuscript.walk import TreeWriter

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_SEPARATORS = (
    f'<w:footnote xmlns:w="{_W}" w:type="separator" w:id="-1"><w:p><w:r><w:separator/>'
    "</w:r></w:p></w:footnote>"
    f'<w:footnote xmlns:w="{_W}" w:type="continuationSeparator" w:id="0"><w:p><w:r>'
    "<w:continuationSeparator/></w:r></w:p></w:footnote>"
)


@dataclass(frozen=True)
class Look:
    """How a run looks."""

    italic: bool = False
    bold: bool = False
    code: bool = False
    superscript: bool = False
    subscript: bool = False
    small_caps: bool = False
    underline: bool = False


class DocxWriter(TreeWriter):
    def __init__(self, tree: Any, cites: dict[str, str], document: Any) -> None:
        import docx

        super().__init__(tree, cites, document)
        self.word = docx.Document()
        self.footnotes: list[Any] = []  # w:footnote elements
        self.paragraph: Any = None  # the python-docx paragraph runs go to

    # -- blocks: each adds paragraphs to the Word document -------------------------------

    def write(self) -> bytes:
        title, authors, date = title_block(self.document.metadata)
        if title:
            self.word.add_paragraph(title, style="Title")
        for line in (", ".join(authors), date):
            if line:
                self.word.add_paragraph(line, style="Subtitle")
        for node in self.tree.children:
            if node.type != "footnote_block":
                self.block(node)
        if self.footnotes:
            self._add_footnotes_part()
        out = io.BytesIO()
        self.word.save(out)
        return out.getvalue()

    def blocks(self, nodes: list[Any]) -> str:
        for node in nodes:
            self.block(node)
        return ""

    def block(self, node: Any, style: str | None = None) -> str:
        if node.type == "paragraph" and self._is_bibliography(node):
            return self.bibliography()
        method = getattr(self, f"b_{node.type}", None)
        if method is not None:
            method(node, style) if node.type in ("paragraph", "list_item") else method(node)
        else:
            for child in node.children:
                self.block(child, style)
        return ""

    def b_heading(self, node: Any) -> None:
        self.paragraph = self.word.add_heading("", level=min(int(node.tag[1:]), 9))
        self.runs(node.children[0], Look())

    def b_paragraph(self, node: Any, style: str | None = None) -> None:
        self.paragraph = self.word.add_paragraph(style=style)
        if node.children:
            self.runs(node.children[0], Look())

    def b_bullet_list(self, node: Any) -> None:
        for item in node.children:
            self.b_list_item(item, "List Bullet")

    def b_ordered_list(self, node: Any) -> None:
        for item in node.children:
            self.b_list_item(item, "List Number")

    def b_list_item(self, node: Any, style: str | None = None) -> None:
        for child in node.children:
            self.block(child, style)
            style = "List Continue"

    def b_blockquote(self, node: Any) -> None:
        for child in node.children:
            self.block(child, "Quote")

    def b_fence(self, node: Any) -> None:
        self.paragraph = self.word.add_paragraph()
        for n, line in enumerate(node.content.rstrip("\n").split("\n")):
            if n:
                self.paragraph.add_run().add_break()
            self.add(line, Look(code=True))

    b_code_block = b_fence

    def b_hr(self, node: Any) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        self.word.add_paragraph("* * *").alignment = WD_ALIGN_PARAGRAPH.CENTER

    def b_html_block(self, node: Any) -> None:
        return None

    def b_table(self, node: Any) -> None:
        rows = [row for part in node.children for row in part.children]
        if not rows:
            return
        table = self.word.add_table(rows=len(rows), cols=max(len(r.children) for r in rows))
        table.style = "Table Grid" if "Table Grid" in [s.name for s in self.word.styles] else None
        for r, row in enumerate(rows):
            for c, cell in enumerate(row.children):
                self.paragraph = table.cell(r, c).paragraphs[0]
                if cell.children:
                    self.runs(cell.children[0], Look(bold=cell.type == "th"))

    def bibliography(self) -> str:
        from docx.shared import Inches

        for entry in self.document.entries or []:
            self.paragraph = self.word.add_paragraph()
            if self.document.hanging:
                self.paragraph.paragraph_format.left_indent = Inches(0.5)
                self.paragraph.paragraph_format.first_line_indent = Inches(-0.5)
            self.html_runs(entry, Look())
        return ""

    # -- runs ----------------------------------------------------------------------------

    def runs(self, node: Any, look: Look) -> None:
        for child in node.children:
            self.run(child, look)

    def run(self, node: Any, look: Look) -> None:
        kind = node.type
        if kind == "text":
            self.text(node.content, look)
        elif kind in ("softbreak",):
            self.add(" ", look)
        elif kind == "hardbreak":
            self.paragraph.add_run().add_break()
        elif kind == "em":
            self.runs(node, replace(look, italic=not look.italic))
        elif kind == "strong":
            self.runs(node, replace(look, bold=True))
        elif kind == "code_inline":
            self.add(node.content, replace(look, code=True))
        elif kind == "footnote_ref":
            self.footnote(node)
        elif kind == "image":
            self.add(f"[{node.content or 'image'}]", look)
        elif kind in ("html_inline", "footnote_anchor"):
            return
        else:  # links and anything else: their text
            self.runs(node, replace(look, underline=look.underline or kind == "link"))

    def text(self, text: str, look: Look) -> None:
        last = 0
        for match in PLACEHOLDER.finditer(text):
            self.add(text[last : match.start()], look)
            self.html_runs(self.cites.get(match.group(1), ""), look)
            last = match.end()
        self.add(text[last:], look)

    def html_runs(self, html_text: str, look: Look) -> None:
        reader = _RenderedHtml(look)
        reader.feed(html_text)
        reader.close()
        for text, part_look in reader.parts:
            self.add(text, part_look)

    def add(self, text: str, look: Look) -> None:
        if not text:
            return
        run = self.paragraph.add_run(text)
        run.italic = look.italic or None
        run.bold = look.bold or None
        run.underline = look.underline or None
        run.font.small_caps = look.small_caps or None
        run.font.superscript = look.superscript or None
        run.font.subscript = look.subscript or None
        if look.code:
            run.font.name = "Courier New"

    # -- footnotes -------------------------------------------------------------------------

    def footnote(self, node: Any) -> None:
        from docx.oxml import parse_xml
        from docx.text.paragraph import Paragraph

        number = len(self.footnotes) + 1
        reference = self.paragraph.add_run()
        reference.font.superscript = True
        reference._r.append(parse_xml(f'<w:footnoteReference xmlns:w="{_W}" w:id="{number}"/>'))
        note = parse_xml(f'<w:footnote xmlns:w="{_W}" w:id="{number}"/>')
        self.footnotes.append(note)
        holder, self.paragraph = self.paragraph, None
        content = self.notes.get(node.meta.get("id"))
        paragraphs = [c for c in content.children if c.type == "paragraph"] if content else []
        for n, block in enumerate(paragraphs or [None]):
            p = parse_xml(f'<w:p xmlns:w="{_W}"/>')
            note.append(p)
            self.paragraph = Paragraph(p, holder._parent)
            if n == 0:
                mark = self.paragraph.add_run()
                mark.font.superscript = True
                mark._r.append(parse_xml(f'<w:footnoteRef xmlns:w="{_W}"/>'))
                self.add(" ", Look())
            if block is not None and block.children:
                self.runs(block.children[0], Look())
        self.paragraph = holder

    def _add_footnotes_part(self) -> None:
        from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
        from docx.opc.packuri import PackURI
        from docx.opc.part import Part
        from lxml import etree

        notes = "".join(etree.tostring(n, encoding="unicode") for n in self.footnotes)
        xml = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:footnotes xmlns:w="{_W}">{_SEPARATORS}{notes}</w:footnotes>'
        )
        document_part = self.word.part
        part = Part(
            PackURI("/word/footnotes.xml"),
            CONTENT_TYPE.WML_FOOTNOTES,
            xml.encode("utf-8"),
            document_part.package,
        )
        document_part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)


class _RenderedHtml(HTMLParser):
    """The renderer's HTML (escaped text, a few tags) as (text, look) parts."""

    _TAGS = {"i": "italic", "em": "italic", "b": "bold", "strong": "bold",
             "sup": "superscript", "sub": "subscript"}  # fmt: skip

    def __init__(self, look: Look) -> None:
        super().__init__(convert_charrefs=True)
        self.looks = [look]
        self.parts: list[tuple[str, Look]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        look = self.looks[-1]
        style = (dict(attrs).get("style") or "").replace(" ", "")
        if tag in self._TAGS:
            look = replace(look, **{self._TAGS[tag]: True})
        elif "small-caps" in style:
            look = replace(look, small_caps=True)
        elif "font-variant:normal" in style:
            look = replace(look, small_caps=False)
        elif "font-style:normal" in style:
            look = replace(look, italic=False)
        elif "font-weight:normal" in style:
            look = replace(look, bold=False)
        elif "underline" in style:
            look = replace(look, underline=True)
        elif tag == "div" and self.parts and "csl-left-margin" not in str(attrs):
            self.parts.append((" ", look))
        self.looks.append(look)

    def handle_endtag(self, tag: str) -> None:
        if len(self.looks) > 1:
            self.looks.pop()
        if tag == "div" and self.parts:
            self.parts.append((" ", self.looks[-1]))

    def handle_data(self, data: str) -> None:
        self.parts.append((data, self.looks[-1]))


def write_docx(tree: Any, cites: dict[str, str], document: Any) -> bytes:
    return DocxWriter(tree, cites, document).write()
