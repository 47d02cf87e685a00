"""Due dates as a reader says them, and the document title the scheme asks for."""

from __future__ import annotations

from datetime import date

import pytest

from tcdesk.export.document import format_due
from tcdesk.export.naming import document_title


@pytest.mark.parametrize(("stored", "shown"), [
    ("2026-07", "July 2026"),
    ("2026-07-31", "31 July 2026"),
    ("2027-01-05", "5 January 2027"),
    ("end of 2027", "end of 2027"),  # the user's own wording stays
    ("2026-13", "2026-13"),
    ("", ""),
])
def test_due_values_are_printed_as_month_and_year_or_full_date(stored, shown):
    assert format_due(stored) == shown


def test_title_is_organisation_month_and_year_of_the_window(make_submission):
    sub = make_submission(organisation="  University of\tNorthmoor ",
                          signoff={"lead": {"name": "A", "date": "2026-08-03"}})
    assert document_title(sub) == "University of Northmoor January 2027"
    unsigned = make_submission(organisation="Tŷ Coleg: Bangor / Wrexham")
    assert document_title(unsigned, today=date(2026, 3, 1)) == "Tŷ Coleg: Bangor / Wrexham July 2026"
