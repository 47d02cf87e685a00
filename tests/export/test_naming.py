"""Default export names: organisation, month and year of the submission window, safe everywhere."""

from __future__ import annotations

from datetime import date

import pytest

from tcdesk.export.naming import default_filename, sanitise_filename, submission_window


@pytest.mark.parametrize(
    ("signed", "window"),
    [
        (date(2025, 12, 3), (2026, 1)),
        (date(2026, 1, 31), (2026, 1)),
        (date(2026, 2, 1), (2026, 7)),
        (date(2026, 7, 31), (2026, 7)),
        (date(2026, 8, 1), (2027, 1)),
        (date(2026, 12, 31), (2027, 1)),
    ],
)
def test_sign_off_falls_in_the_next_window_to_close(signed, window):
    assert submission_window(signed) == window


def test_name_uses_the_later_sign_off(make_submission):
    sub = make_submission(
        organisation="University of Example",
        signoff={"lead": {"name": "A", "role": "", "date": "2025-12-01"},
                 "leader": {"name": "B", "role": "", "date": "2026-02-02"}},
    )
    assert default_filename(sub, ".pdf") == "University of Example July 2026.pdf"


def test_unsigned_submission_takes_the_next_window_after_today(make_submission):
    sub = make_submission(organisation="University of Example")
    assert default_filename(sub, ".docx", today=date(2026, 8, 15)) == "University of Example January 2027.docx"


@pytest.mark.parametrize(
    ("organisation", "expected"),
    [
        ('Univ/ersity: of "Q"?*<>|\\', "Univ-ersity- of -Q------- January 2026.pdf"),
        ("  Spaced   out  ", "Spaced out January 2026.pdf"),
        ("", "Submission January 2026.pdf"),
        ("Tab\there\x00", "Tab-here- January 2026.pdf"),
        ("Prifysgol Aberystwyth – Siân’s", "Prifysgol Aberystwyth – Siân’s January 2026.pdf"),
    ],
)
def test_organisation_is_made_safe_for_every_system(make_submission, organisation, expected):
    sub = make_submission(organisation=organisation,
                          signoff={"lead": {"name": "", "role": "", "date": "2026-01-05"},
                                   "leader": {"name": "", "role": "", "date": None}})
    assert default_filename(sub, ".pdf") == expected


def test_very_long_organisation_is_cut_but_keeps_month_year_and_suffix(make_submission):
    sub = make_submission(organisation="Ł" * 400, signoff={"lead": {"name": "", "role": "", "date": "2026-01-05"},
                                                            "leader": {"name": "", "role": "", "date": None}})
    name = default_filename(sub, ".pdf")
    assert name.endswith(" January 2026.pdf")
    assert len(name.encode("utf-8")) <= 200


@pytest.mark.parametrize(
    ("raw", "safe"),
    [("CON.pdf", "_CON.pdf"), ("nul", "_nul"), ("com1.tar.gz", "_com1.tar.gz"), ("report. . ", "report"),
     ("a:b.pdf", "a-b.pdf"), ("...", "Submission"), ("CONSORTIUM.pdf", "CONSORTIUM.pdf")],
)
def test_sanitise_handles_reserved_names_and_trailing_dots(raw, safe):
    assert sanitise_filename(raw) == safe
