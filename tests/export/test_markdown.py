"""Answers parsed once into blocks: every CommonMark feature the form needs, user text kept literal."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from tcdesk.export import markdown as md


def test_inline_styles_and_links_become_runs():
    [para] = md.parse("a **b _c_** [d](https://x.org) `e`")
    assert [(r.text, r.bold, r.italic, r.href, r.code) for r in para.runs] == [
        ("a ", False, False, "", False), ("b ", True, False, "", False), ("c", True, True, "", False),
        (" ", False, False, "", False), ("d", False, False, "https://x.org", False), (" ", False, False, "", False),
        ("e", False, False, "", True),
    ]


def test_nested_lists_keep_their_depth_and_start():
    [outer] = md.parse("- a\n  - b\n\n    3. c\n")  # only a list starting at 1 may interrupt text
    inner = outer.items[0][1]
    deepest = inner.items[0][1]
    assert isinstance(inner, md.ListBlock) and not inner.ordered
    assert deepest.ordered and deepest.start == 3


def test_tables_are_parsed_with_header_and_rows():
    [table] = md.parse("| A | B |\n|---|---|\n| 1 | **2** |\n")
    assert [md.plain_text(c) for c in table.header] == ["A", "B"]
    assert table.rows[0][1][0].bold


def test_raw_html_stays_text():
    [para] = md.parse("<b>x</b> & </para>")
    assert md.plain_text(para.runs) == "<b>x</b> & </para>"


def test_image_becomes_a_figure_block_between_text():
    blocks = md.parse("before ![Chart](attachment:c.png) after")
    assert [type(b).__name__ for b in blocks] == ["Paragraph", "Figure", "Paragraph"]
    assert blocks[1].attachment_name == "c.png" and blocks[1].caption == "Chart"


def test_relative_and_empty_links_keep_their_text_without_a_link():
    [para] = md.parse("[a]() [b](page.html) [c](mailto:x@y.org)")
    assert [(r.text, r.href) for r in para.runs if r.text.strip()] == [("a", ""), ("b", ""), ("c", "mailto:x@y.org")]


def test_control_characters_are_made_visible():
    assert md.clean_text("a\x00b\x07c\td\r\ne") == "a\ufffdb\ufffdc d\ne"


_CONTROLS = st.sampled_from(["\r\n", "\r", "\n", "\t", "\x00", "\x08", "\x0b", "\x0c", "\x1f", "\x7f", "\x85", "\x9f",
                             "\ufffe", "\uffff", "\ufffd", "\u2028", " "])


@given(st.lists(st.text() | _CONTROLS, max_size=12).map("".join))
def test_clean_text_shows_control_characters_and_normalises_line_ends_and_tabs(text):
    # The rule clean_text applies, spelled out: CR LF and CR become LF, a tab a space, controls U+FFFD.
    expected = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]", "\ufffd",
                      text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " "))
    assert md.clean_text(text) == expected
