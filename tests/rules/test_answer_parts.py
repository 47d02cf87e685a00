"""The shortcuts of tcdesk.rules.answer_parts give what a full CommonMark parse gives, for any text."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from tcdesk.commonmark import block_tokens, tokens
from tcdesk.rules import answer_parts as module
from tcdesk.rules.answer_parts import answer_parts, headings_only

# Pieces that start, end or change blocks, so generated answers hit every branch of the shortcuts.
PIECES = [
    "#", "## Title", " # x", "    # x", "#tag", "\t", "    ", "   ", " ", "\n", "\r", "\r\n", "\n\n", "```", "~~~",
    "===", "---", "- ", "* ", "1. ", "> ", "[a]: /u", "[a]:\n/u", "[x](y)", "![](z.png)", "![Table 1](t.png)",
    "<https://a.example>", "`", "``code``", "|a|b|\n|-|-|\n|1|2|", "text", "more words", "\x0c", "\u2028", "\x00",
]
answers = st.lists(st.sampled_from(PIECES), max_size=14).map("".join)


def parsed(function, text):
    """``function(text)`` with the shortcuts off: every text goes to the parser."""
    answer_parts.cache_clear()
    headings_only.cache_clear()
    saved = module._CODE_BLOCK_MARKS, module._DEPENDS
    module._CODE_BLOCK_MARKS, module._DEPENDS = ("",), re.compile("")
    try:
        return function(text)
    finally:
        module._CODE_BLOCK_MARKS, module._DEPENDS = saved
        answer_parts.cache_clear()
        headings_only.cache_clear()


@settings(max_examples=400, deadline=None)
@given(answers)
@example("# Only\n[ref]: https://example.org\n")  # a reference definition makes no block
@example("# A\n[ref]:\n/url\n")  # nor does its second line, which looks like body text
@example("Title\nmore title\n===\n")  # the underline turns both lines above into one heading
@example("\t# code, not a heading\n")
def test_headings_only_agrees_with_the_parser(text):
    assert headings_only(text) is parsed(headings_only, text)


@settings(max_examples=400, deadline=None)
@given(answers)
@example("\t[in code](x)\n")
@example(">     ![](in-code.png)\n")
@example("~~~\n[link](in-fence)\n~~~\n")
def test_parts_agree_with_the_parser(text):
    assert answer_parts(text) == parsed(answer_parts, text)


@settings(max_examples=200, deadline=None)
@given(answers)
def test_block_tokens_are_the_blocks_of_a_full_parse(text):
    def shape(ts):
        return [(t.type, t.level, t.nesting, t.map) for t in ts]

    assert shape(block_tokens(text)) == shape(tokens(text))


def test_usual_answers_are_settled_without_the_parser():
    text = "## Staff structures\n\nWe employ [412 technicians](https://example.org/t).\n\n- one\n- two\n"
    assert not headings_only(text)
    assert [p.kind for p in answer_parts(text)] == ["link"]
    assert headings_only("## Staff structures\n\n## Changes since signing")
    assert not headings_only("Staff structures\n================\n\nText")
    assert headings_only("Staff structures\n================\n")
    assert tokens(" \t\n\r\n  \r") == []  # what headings_only takes for granted of blank lines


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([*PIECES, "!", "[", "]", "(", ")", "<", ">", "\\", "https:", "mailto:x", "!["]), max_size=20).map("".join))
@example("!![a](b)")
@example("[a](b)[c](d)<https://x>")
def test_matches_tried_at_their_first_characters_are_the_regex_search_s(text):
    def found(matches):
        return [(m.span(), m.groups()) for m in matches]

    assert found(module._inline_matches(text)) == found(module._INLINE.finditer(text))


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["\r", "\n", "\r\n", "\n\r", "a", " ", "\t", "\x0c", "\u2028", "\x85", "\x0b"]), max_size=20).map("".join))
def test_lines_are_split_where_the_parser_splits_them(text):
    assert module.lines_of(text) == re.split(r"\r\n?|\n", text)


@settings(deadline=None)
@given(st.sampled_from(["\u2028", "\u2029", "\x0c", "\x1c", "\x85"]), st.booleans())
def test_line_separators_the_parser_keeps_in_a_line_do_not_move_code_blocks(separator, crlf):
    """Only CR, LF and CRLF end the parser's lines; ``str.splitlines`` also ends one at U+2028, form
    feeds and others, which once placed an indented code block lines away from where it is."""
    end = "\r\n" if crlf else "\n"
    spaced = f"a b c d{end}{end}    [here](http://x){end}{end}end [there](http://y){end}"
    odd = spaced.replace("a b c d", f"a{separator}b{separator}c{separator}d")
    assert [(p.kind, p.start, p.end) for p in answer_parts(odd)] == [(p.kind, p.start, p.end) for p in answer_parts(spaced)]
    assert [p.start for p in answer_parts(odd)] == [odd.index("[there]")]


def test_placeholder_links_are_placed_on_their_own_line_after_a_line_separator():
    from tcdesk.rules.context import placeholder_links

    text = "x\u2028y\u2028z\n\n    [code]()\n\n[a]()\n"
    assert [(s.start, s.end) for s in placeholder_links(text)] == [(text.index("[a]()"), text.index("[a]()") + 5)]
