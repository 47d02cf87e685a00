"""A paragraph that remembers its last wrap measures and splits exactly as reportlab's own."""

from __future__ import annotations

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


def test_a_second_wrap_at_the_same_width_breaks_no_lines(monkeypatch):
    paragraph = Paragraph("Technicians shaped the plan. " * 20, STYLE)
    first = paragraph.wrap(200, 1000)
    monkeypatch.setattr(Plain, "breakLines", lambda *a: (_ for _ in ()).throw(AssertionError("broke lines again")))
    assert paragraph.wrap(200, 500) == first
