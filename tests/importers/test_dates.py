"""Dates as institutions type them."""

from __future__ import annotations

from datetime import date

import pytest

from tcdesk.importers.dates import normalise_due, parse_date


@pytest.mark.parametrize(
    ("text", "when"),
    [("31st January 2025", date(2025, 1, 31)), ("Date: 31<sup>st</sup> January 2025", date(2025, 1, 31)),
     ("31/01/2025", date(2025, 1, 31)), ("2025-01-31", date(2025, 1, 31)), ("January 31, 2025", date(2025, 1, 31)),
     ("Signed.....", None), ("31 Smarch 2025", None)],
)
def test_parse_date(text: str, when: date | None) -> None:
    assert parse_date(text) == when


@pytest.mark.parametrize(
    ("text", "due"),
    [("July 2026", "2026-07"), ("Dec 2025", "2025-12"), ("end of March 2027", "2027-03"), ("03/2027", "2027-03"),
     ("2026-07", "2026-07"), ("31/03/2027", "2027-03-31"), ("", ""), ("Ongoing", None), ("Year 2", None)],
)
def test_normalise_due(text: str, due: str | None) -> None:
    assert normalise_due(text) == due


def test_a_month_broken_by_a_narrow_pdf_column_is_one_word_again():
    from tcdesk.importers.dates import normalise_due

    assert normalise_due("Septembe r 2026") == "2026-09"
    assert normalise_due("not a date") is None
