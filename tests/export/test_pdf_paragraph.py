"""A paragraph that remembers its last wrap measures and splits exactly as reportlab's own."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph as Plain

from tcdesk.export.pdf_paragraph import Paragraph

STYLE = getSampleStyleSheet()["BodyText"]
words = st.lists(st.sampled_from(["technician", "a", "RSciTech", "career-development", "x" * 60, "<b>bold</b>", "&amp;"]), min_size=1, max_size=60)
widths = st.lists(st.sampled_from([20.0, 80.0, 80.0, 150.0, 400.0]), min_size=1, max_size=6)


@given(words, widths)
def test_measures_like_reportlab_at_every_width(text, sizes):
    text = " ".join(text)
    remembered = Paragraph(text, STYLE)
    for width in sizes:
        assert remembered.wrap(width, 1000) == Plain(text, STYLE).wrap(width, 1000)


@given(words, st.sampled_from([80.0, 150.0]), st.sampled_from([5.0, 30.0, 60.0, 2000.0]))
def test_splits_like_reportlab_after_being_measured(text, width, height):
    text = " ".join(text)
    remembered, plain = Paragraph(text, STYLE), Plain(text, STYLE)
    remembered.wrap(width, height), plain.wrap(width, height)
    ours, theirs = remembered.split(width, height), plain.split(width, height)
    assert [p.wrap(width, height) for p in ours] == [p.wrap(width, height) for p in theirs]
    assert remembered.wrap(width, height) == Plain(text, STYLE).wrap(width, height)


@pytest.mark.parametrize("text", ["Technicians shaped the plan. " * 20, "Technicians <b>shaped</b> the plan. " * 20])
def test_a_second_wrap_at_the_same_width_breaks_no_lines(monkeypatch, text):
    import tcdesk.export.pdf_paragraph as module

    paragraph = Paragraph(text, STYLE)
    first = paragraph.wrap(200, 1000)
    broke = (_ for _ in ()).throw
    monkeypatch.setattr(Plain, "breakLines", lambda *a: broke(AssertionError("broke lines again")))
    monkeypatch.setattr(module, "break_lines", lambda *a: broke(AssertionError("broke lines again")))
    assert paragraph.wrap(200, 500) == first


plain_text = st.text(st.sampled_from([*"ab Zé–“”’\u00a0\t\n.,;:!?()[]{}\"'#/=*-_ŁłŃ", "\u2003", "\u3000", "\x85"]), max_size=80)


@given(plain_text, st.sampled_from(["body", "cell", "cell_head", "caption", "h1"]))
def test_plain_text_gives_the_fragments_reportlabs_parser_gives(value, name):
    from tcdesk.export.document import style
    from tcdesk.export.pdf_blocks import make_styles

    chosen = getattr(make_styles(style()), name)
    ours, theirs = Paragraph(value, chosen), Plain(value, chosen)
    assert ours.text == theirs.text
    assert [vars(f) for f in ours.frags] == [vars(f) for f in theirs.frags]
    assert ours.wrap(120, 1000) == theirs.wrap(120, 1000)


def test_each_plain_paragraph_has_its_own_underline_and_link_lists():
    first, second = Paragraph("one", STYLE), Paragraph("two", STYLE)
    assert first.frags[0].us_lines is not second.frags[0].us_lines
    assert first.frags[0].link is not second.frags[0].link


wrapped_text = st.lists(st.sampled_from([*"aZé “”–.,", " ", " ", "\u00a0", "\t", "\u200b", "\xad", "W" * 30, "careful ", "technician "]), max_size=120).map("".join)


@given(wrapped_text, st.sampled_from(["body", "cell", "h1", "caption"]), st.sampled_from([8.0, 40.0, 95.5, 150.0, 500.0]),
       st.sampled_from([None, "•", "12."]), st.booleans())
def test_lines_are_broken_as_reportlab_breaks_them(value, name, width, bullet, split_long_words):
    from reportlab.lib.styles import ParagraphStyle

    from tcdesk.export.document import style
    from tcdesk.export.pdf_blocks import make_styles

    base = getattr(make_styles(style()), name)
    chosen = ParagraphStyle("t", parent=base, bulletIndent=2, leftIndent=12, splitLongWords=int(split_long_words))
    ours, theirs = Paragraph(value, chosen, bulletText=bullet), Plain(value, chosen, bulletText=bullet)
    assert ours.wrap(width, 1000) == theirs.wrap(width, 1000)
    assert ours.blPara.__dict__ == theirs.blPara.__dict__
    assert (ours._width_max, ours._wrapWidths) == (theirs._width_max, theirs._wrapWidths)


def test_lines_shrink_their_spaces_as_reportlabs_do():
    from reportlab.pdfbase.pdfmetrics import stringWidth

    words = "technician " * 3
    natural = stringWidth(words.strip(), STYLE.fontName, STYLE.fontSize)
    shrink = STYLE.spaceShrinkage * stringWidth(" ", STYLE.fontName, STYLE.fontSize)
    assert shrink > 0
    for k in (0.5, 1.5, 2.5, 3.5):
        ours, theirs = Paragraph(words, STYLE), Plain(words, STYLE)
        assert ours.wrap(natural - k * shrink, 100) == theirs.wrap(natural - k * shrink, 100)
        assert ours.blPara.lines == theirs.blPara.lines


def _plain_data(value):
    """reportlab's line structures (attribute bags holding fragments) as comparable plain data."""
    if isinstance(value, (list, tuple)):
        return type(value).__name__, [_plain_data(v) for v in value]
    if hasattr(value, "__dict__") and not hasattr(value, "__key__"):  # a fragment or a line, not a colour
        return type(value).__name__, {k: _plain_data(v) for k, v in vars(value).items()}
    return value


marked_words = st.lists(st.sampled_from([
    "technician", "a", "RSciTech", "career-development", "W" * 40, "<b>bold</b>", "<b>two bold</b>", "<i>it</i>",
    "<b><i>both</i></b>", "&amp;", "&lt;x&gt;", '<a href="https://example.org/a" color="#0563C1"><u>a link</u></a>',
    '<a href="mailto:x@example.org" color="#0563C1"><u>x@example.org</u></a>', '<font backColor="#F2F2F2">code()</font>',
    "<br/>", "é–“”", "\u00a0", "word,", "end.", "<b>W" + "W" * 35 + "</b>",
]), min_size=1, max_size=50)


@given(marked_words, st.sampled_from(["body", "cell", "cell_head", "h2", "caption"]),
       st.sampled_from([8.0, 40.0, 95.5, 150.0, 500.0]), st.sampled_from([None, "•", "12."]), st.booleans())
def test_lines_with_markup_are_broken_as_reportlab_breaks_them(parts, name, width, bullet, split_long_words):
    from reportlab.lib.styles import ParagraphStyle

    from tcdesk.export.document import style
    from tcdesk.export.pdf_blocks import make_styles

    base = getattr(make_styles(style()), name)
    chosen = ParagraphStyle("t", parent=base, bulletIndent=2, leftIndent=12, splitLongWords=int(split_long_words))
    value = " ".join(parts)
    ours, theirs = Paragraph(value, chosen, bulletText=bullet), Plain(value, chosen, bulletText=bullet)
    assert ours.wrap(width, 1000) == theirs.wrap(width, 1000)
    assert _plain_data(ours.blPara) == _plain_data(theirs.blPara)
    assert (ours._width_max, ours._wrapWidths) == (theirs._width_max, theirs._wrapWidths)
    # A second wrap (a table measures, then draws): reportlab breaks its words again, ours keeps its lines.
    assert ours.wrap(width, 500) == theirs.wrap(width, 500)
    assert _plain_data(ours.blPara) == _plain_data(theirs.blPara)
    for height in (5.0, 40.0):
        ours_split, theirs_split = ours.split(width, height), theirs.split(width, height)
        assert [p.wrap(width, 1000) for p in ours_split] == [p.wrap(width, 1000) for p in theirs_split]
        assert [_plain_data(p.blPara) for p in ours_split] == [_plain_data(p.blPara) for p in theirs_split]


@given(marked_words, marked_words)
def test_fragments_are_alike_exactly_when_reportlabs_accelerator_says_so(first, second):
    from reportlab.lib.rl_accel import sameFrag

    from tcdesk.export.pdf_markup_lines import same_frag

    frags = Plain(" ".join(first), STYLE).frags + Plain(" ".join(second), STYLE).frags
    for f in frags:
        for g in frags:
            assert same_frag(f, g) == bool(sameFrag(f, g))


_SPACES = st.sampled_from([" ", "  ", "\n", "\n\n", "\t", "\r", "\x0b", "\x0c", "\x1c", "\x85", "\xa0", "\u1680", "\u2000",
                           "\u2028", "\u3000", "\u200b", "\ufeff"])


@given(st.lists(st.text(max_size=6) | _SPACES, max_size=20).map("".join))
def test_text_is_cleaned_and_split_into_words_as_reportlab_does(value):
    from reportlab.platypus.paragraph import cleanBlockQuotedText, split

    from tcdesk.export.pdf_paragraph import clean_block_quoted, words_of

    assert clean_block_quoted(value) == cleanBlockQuotedText(value)
    assert words_of(value) == split(value)
