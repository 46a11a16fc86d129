"""Rows for `list`: tab-separated lines, and a table whose columns fit the terminal."""

from __future__ import annotations

import pytest

from coprodcite.cli.table import Column, cell, layout, table_lines, tsv_line

COLUMNS = (
    Column("key", cap=32),
    Column("year", cap=4),
    Column("author", cap=24, drop_order=1),
    Column("title", minimum=30),
    Column("DOI", cap=40, drop_order=0, shrink=False),
)
ROW = ["quill2024invented", "2024", "Quill et al.", "An invented title " * 4, "10.5555/12345678"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("plain", "plain"),
        (None, ""),
        (2024, "2024"),
        ("two\tcolumns", "two columns"),
        ("two\nlines\r\n", "two lines"),
        ("title\x1b]0;owned\x07 here", "title here"),
        ("clear\x1b[2J screen", "clear screen"),
        ("bell\x07 and C1 \x9b31m", "bell and C1 31m"),
        ("line\u2028separator", "line separator"),
        ("[bold red]kept as written[/]", "[bold red]kept as written[/]"),
    ],
)
def test_cell_is_one_line_without_control_characters(value, expected):
    assert cell(value) == expected


def test_tsv_line_has_five_fields_whatever_the_values_hold():
    line = tsv_line(["k", 2020, "Doe", "a\ttitle\nover lines", None])
    assert line == "k\t2020\tDoe\ta title over lines\t"
    assert line.count("\t") == 4


@pytest.mark.parametrize(
    ("width", "expected"),
    [
        # room for everything: each column as wide as its widest cell
        (200, [17, 4, 12, 72, 16]),
        # the title takes what is left
        (120, [17, 4, 12, 63, 16]),
        # the DOI goes before the title falls under its minimum
        (80, [17, 4, 12, 41, 0]),
        # then the author
        (60, [17, 4, 0, 35, 0]),
        # what cannot fit still gives the title a column
        (20, [17, 4, 0, 1, 0]),
    ],
)
def test_layout_gives_the_title_the_room_left(width, expected):
    widths = layout(COLUMNS, [ROW], width)
    assert widths == expected
    shown = [w for w in widths if w]
    if width >= 60:
        assert sum(shown) + 2 * (len(shown) - 1) <= width


def test_an_outlier_is_cut_before_a_column_is_dropped():
    rows = [[f"key{i:02}", "2020", "Doe", "t" * 40, "10.1/x"] for i in range(20)]
    rows.append(["a-very-long-key-that-nobody-would-type-by-hand", "2020", "Doe", "t", "10.1/x"])
    widths = layout(COLUMNS, rows, 80)
    assert widths[0] == len("key00")  # nine in ten keys fit; the outlier is cut
    assert widths[2] and widths[4]  # so author and DOI stay
    header, lines = table_lines(COLUMNS, rows, 80)
    assert lines[-1].startswith("a-ve… ")
    assert header.split() == ["key", "year", "author", "title", "DOI"]


def test_a_doi_is_never_narrowed_to_what_most_need():
    rows = [["k", "2020", "Doe", "t" * 60, "10.1/short"] for _ in range(20)]
    rows.append(["k", "2020", "Doe", "t", "10.1000/a-rather-longer-doi-suffix"])
    widths = layout(COLUMNS, rows, 90)
    assert widths[4] in (0, len("10.1000/a-rather-longer-doi-suffix"))


def test_wide_characters_take_two_cells():
    rows = [["k", "2020", "王", "漢字のタイトル" * 10, ""]]
    header, lines = table_lines(COLUMNS, rows, 40)
    from rich.cells import cell_len

    assert cell_len(lines[0]) <= 40
    assert lines[0].endswith("…")
    assert all(cell_len(line) <= 40 for line in [header, *lines])


def test_every_row_is_one_line_cut_with_an_ellipsis():
    header, lines = table_lines(COLUMNS, [ROW, ["k2", "", "", "short", ""]], 80)
    assert len(lines) == 2
    assert all(len(line) <= 80 for line in [header, *lines])
    assert lines[0].endswith("…")
    assert lines[1].split() == ["k2", "short"]
