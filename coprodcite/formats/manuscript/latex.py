"""A manuscript as a standalone LaTeX document (``pdflatex`` or ``lualatex`` it as it
is): footnotes as ``\\footnote{}``, the bibliography as a list of hanging paragraphs.
Every text from the manuscript is escaped with the one LaTeX escape table."""

from __future__ import annotations

from typing import Any

from coprodcite.formats.bibtex.latex_out import escape_latex
from coprodcite.formats.manuscript import title_block
from coprodcite.formats.manuscript.walk import TreeWriter

_PREAMBLE = r"""\documentclass{article}
\usepackage[T1]{fontenc}
\usepackage[utf8]{inputenc}
\usepackage{textcomp}
\usepackage{hyperref}
\usepackage{graphicx}
"""
_SECTIONS = ("section", "subsection", "subsubsection", "paragraph", "subparagraph", "subparagraph")


class LatexWriter(TreeWriter):
    def escape(self, text: str) -> str:
        return escape_latex(text)

    def b_heading(self, node: Any) -> str:
        level = int(node.tag[1:])
        return f"\\{_SECTIONS[level - 1]}*{{{self.inline(node.children[0])}}}\n\n"

    def b_paragraph(self, node: Any) -> str:
        text = self.inline(node.children[0]) if node.children else ""
        return text if node.hidden else f"{text}\n\n"

    def b_bullet_list(self, node: Any) -> str:
        return f"\\begin{{itemize}}\n{self.blocks(node.children)}\\end{{itemize}}\n\n"

    def b_ordered_list(self, node: Any) -> str:
        start = int(node.attrs.get("start", 1) or 1)
        first = f"\\setcounter{{enumi}}{{{start - 1}}}\n" if start != 1 else ""
        return f"\\begin{{enumerate}}\n{first}{self.blocks(node.children)}\\end{{enumerate}}\n\n"

    def b_list_item(self, node: Any) -> str:
        return f"\\item {self.blocks(node.children).strip()}\n"

    def b_blockquote(self, node: Any) -> str:
        return f"\\begin{{quote}}\n{self.blocks(node.children).strip()}\n\\end{{quote}}\n\n"

    def b_fence(self, node: Any) -> str:
        return f"\\begin{{verbatim}}\n{_verbatim(node.content)}\\end{{verbatim}}\n\n"

    b_code_block = b_fence

    def b_hr(self, node: Any) -> str:
        return "\\begin{center}\\rule{0.5\\linewidth}{0.5pt}\\end{center}\n\n"

    def b_html_block(self, node: Any) -> str:
        return ""

    def b_table(self, node: Any) -> str:
        rows = [row for part in node.children for row in part.children]
        if not rows:
            return ""
        columns = max(len(row.children) for row in rows)
        lines = [
            " & ".join(self.inline(cell.children[0]) if cell.children else ""
                       for cell in row.children) + " \\\\"
            for row in rows
        ]  # fmt: skip
        if len(lines) > 1:
            lines.insert(1, "\\hline")
        body = "\n".join(lines)
        return f"\\begin{{tabular}}{{{'l' * columns}}}\n{body}\n\\end{{tabular}}\n\n"

    def i_softbreak(self, node: Any) -> str:
        return "\n"

    def i_hardbreak(self, node: Any) -> str:
        return "\\\\\n"

    def i_em(self, node: Any) -> str:
        return f"\\emph{{{self.inline(node)}}}"

    def i_strong(self, node: Any) -> str:
        return f"\\textbf{{{self.inline(node)}}}"

    def i_code_inline(self, node: Any) -> str:
        return f"\\texttt{{{escape_latex(node.content)}}}"

    def i_link(self, node: Any) -> str:
        href = str(node.attrs.get("href", ""))
        return f"\\href{{{_url(href)}}}{{{self.inline(node)}}}"

    def i_image(self, node: Any) -> str:
        return f"\\includegraphics{{{_url(str(node.attrs.get('src', '')))}}}"

    def i_html_inline(self, node: Any) -> str:
        return ""

    def i_footnote_ref(self, node: Any) -> str:
        return f"\\footnote{{{self.note_text(node)}}}"

    def bibliography(self) -> str:
        hang = "\\hangindent=2em\\hangafter=1" if self.document.hanging else ""
        entries = "\n\n".join(f"\\noindent{hang} {entry}" for entry in self.document.entries or [])
        return f"\\begin{{flushleft}}\n{entries}\n\\end{{flushleft}}\n\n" if entries else ""


def _verbatim(text: str) -> str:
    """Code in a verbatim environment: only its own end can break out of it."""
    text = text.replace("\\end{verbatim}", "\\end {verbatim}")
    return text if text.endswith("\n") else text + "\n"


def _url(url: str) -> str:
    return "".join("\\" + c if c in "#%{}\\" else c for c in url)


def write_latex(tree: Any, cites: dict[str, str], document: Any) -> str:
    writer = LatexWriter(tree, cites, document)
    title, authors, date = title_block(document.metadata)
    head = _PREAMBLE
    if title:
        head += f"\\title{{{escape_latex(title)}}}\n"
        names = " \\and ".join(escape_latex(a) for a in authors)
        head += f"\\author{{{names}}}\n"
        head += f"\\date{{{escape_latex(date)}}}\n"
    start = "\\maketitle\n\n" if title else ""
    return f"{head}\\begin{{document}}\n{start}{writer.body().rstrip()}\n\\end{{document}}\n"
