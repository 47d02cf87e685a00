"""Lists pasted from Word (its mso-list paragraphs) and HTML lists with a start number arrive as Markdown lists."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QMimeData

from tcdesk.commonmark import tokens
from tcdesk.ui.rich_text_edit import markdown_from_html
from tcdesk.ui.word_lists import _number, word_lists_as_html_lists

WORD_LISTS = Path(__file__).resolve().parents[1] / "fixtures" / "word-2016-lists-clipboard.html"


def _paste(answer_editor, clipboard_html: str) -> str:
    """Paste ``clipboard_html`` into an empty answer in the real editor; the answer as stored."""
    editor = answer_editor("")
    mime = QMimeData()
    mime.setHtml(clipboard_html)
    editor.editor.setFocus()
    editor.editor.insertFromMimeData(mime)
    editor.commit()
    return editor._controller.submission().answers["3"]


def test_a_word_2016_list_pastes_as_markdown_lists_nested_by_level_with_its_start(answer_editor):
    stored = _paste(answer_editor, WORD_LISTS.read_text(encoding="utf-8"))
    assert "·" not in stored and "Symbol" not in stored
    assert [line.rstrip(" ") for line in stored.split("\n")] == [
        "Our technician network has three strands:",
        "",
        "- **Visibility**: a technician profile on every faculty web page",
        "  - named in the staff newsletter (£5\u00a0k budget)",
        "- *Recognition*: awards at the annual dinner",
        "",
        "Actions carried over:",
        "",
        "3. Career pathways review",
        "   1. with HR, by March",
        "4. Mentoring scheme",
        "",
    ]


def test_an_html_list_starting_at_zero_keeps_its_start():
    assert markdown_from_html('<ol start="0"><li>zero</li><li>one</li></ol>') == "0. zero\n1. one\n"
    assert markdown_from_html('<ol start="7"><li>seven</li></ol>') == "7. seven\n"


@pytest.mark.parametrize(
    ("marker", "number"),
    [("3.", 3), ("12)", 12), ("(2)", 2), ("c)", 3), ("B.", 2), ("i.", 1), ("iv.", 4), ("xii.", 12), ("0.", 0)],
)
def test_word_numbers_are_read(marker, number):
    assert _number(marker) == number


@pytest.mark.parametrize("marker", ["·", "o", "§", "Ø", "ü", "-", "–", "•", "", "\uf0b7"])
def test_word_bullets_are_bullets(marker):
    assert _number(marker) is None


def _word_paragraph(level: int, list_id: int, marker: str, words: str) -> str:
    """One list paragraph as Word 2016 writes it to the clipboard."""
    font = "font-family:Symbol" if marker == "·" else "mso-bidi-font-family:Calibri"
    return (
        f"<p class=MsoListParagraphCxSpMiddle style='margin-left:{36 * level}.0pt;mso-add-space:\n"
        f"auto;text-indent:-18.0pt;mso-list:l{list_id} level{level} lfo{list_id + 1}'><![if !supportLists]><span\n"
        f"style='{font}'><span style='mso-list:Ignore'>{marker}<span style='font:7.0pt \"Times New Roman\"'>"
        "&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;\n</span></span></span><![endif]>"
        f"{html.escape(words)}<o:p></o:p></p>\n"
    )


WORDS = st.lists(st.sampled_from(["forums", "meet", "monthly", "£5", "(HR)", "technician's", "“awards”"]), min_size=1, max_size=4).map(" ".join)


@st.composite
def word_lists(draw) -> list[tuple[int, bool, str]]:
    """Items of one Word list: (level, numbered, words), each level at most one deeper than the last."""
    items = []
    level = 0
    numbered = {1: draw(st.booleans())}
    for _ in range(draw(st.integers(1, 6))):
        level = draw(st.integers(1, min(level + 1, 3)))
        numbered.setdefault(level, draw(st.booleans()))
        items.append((level, numbered[level], draw(WORDS)))
        for deeper in [k for k in numbered if k > level]:
            del numbered[deeper]
    return items


def _shape(markdown: str) -> list[tuple[int, str, str]]:
    """(depth, list kind, words) of each list item, as the exporters' parser reads ``markdown``."""
    found = []
    depth = 0
    kinds: list[str] = []
    for token in tokens(markdown):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
            kinds.append(token.type)
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
            kinds.pop()
        elif token.type == "inline" and depth:
            found.append((depth, kinds[-1], token.content))
    return found


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(items=word_lists(), start=st.integers(0, 30))
def test_any_word_list_pastes_as_the_same_markdown_list_with_the_same_words(answer_editor, items, start):
    counters: dict[int, int] = {}
    paragraphs = []
    for level, numbered, words in items:
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]
        counters[level] = counters.get(level, start - 1 if level == 1 else 0) + 1
        marker = f"{counters[level]}." if numbered else ("·" if level != 2 else "o")
        paragraphs.append(_word_paragraph(level, 0, marker, words))
    clipboard = "<html><body>\n<!--StartFragment-->\n" + "".join(paragraphs) + "<!--EndFragment-->\n</body></html>"
    stored = _paste(answer_editor, clipboard)
    # Each level's depth in the Markdown: one deeper per level the items went down through.
    expected = []
    depths = {1: 1}
    for level, numbered, words in items:
        depth = depths[level]
        depths = {k: v for k, v in depths.items() if k <= level} | {level + 1: depth + 1}
        expected.append((depth, "ordered_list_open" if numbered else "bullet_list_open", words))
    assert _shape(stored) == expected
    first_number = next((n for n, (level, numbered, _) in enumerate(items) if numbered and level == 1), None)
    if first_number == 0:
        assert stored.startswith(f"{start}.")


def test_word_spacer_paragraphs_do_not_become_paragraphs_of_no_break_spaces():
    word = "<p class=MsoNormal>One<o:p></o:p></p>\n<p class=MsoNormal><o:p>&nbsp;</o:p></p>\n<p class=MsoNormal>Two<o:p></o:p></p>"
    assert markdown_from_html(word) == "One\n\nTwo\n"


def test_list_paragraphs_that_are_never_closed_are_left_as_they_are():
    html = "<p style='mso-list:l0 level1 lfo1'>item " * 3
    assert word_lists_as_html_lists(html) == html
