"""Due dates and plan periods are read the way institutions write them."""

from datetime import date

from tcdesk.model import Submission, parse_due, parse_period


def test_year_month_due_covers_the_whole_month():
    assert parse_due("2027-02") == (date(2027, 2, 1), date(2027, 2, 28))
    assert parse_due("2028-12") == (date(2028, 12, 1), date(2028, 12, 31))


def test_full_date_due_is_that_day_and_bad_values_are_none():
    assert parse_due("2026-09-30") == (date(2026, 9, 30), date(2026, 9, 30))
    for text in ("", "Summer 2027", "2027-13", "2027-02-30", "ongoing"):
        assert parse_due(text) is None


def test_periods_in_the_forms_institutions_use():
    assert parse_period("2024-2027") == (2024, 2027)
    assert parse_period("2024–27") == (2024, 2027)
    assert parse_period("2021 to 2024") == (2021, 2024)
    assert parse_period("three years") is None
    assert parse_period("2027-2024") is None


def test_every_question_has_an_answer_slot_even_when_built_partially():
    sub = Submission(answers={"3": "RAG text"})
    assert sorted(sub.answers, key=int) == [str(i) for i in range(1, 9)]
    assert sub.answer(3) == "RAG text" and sub.answer(7) == ""
