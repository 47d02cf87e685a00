"""Fixtures for rule tests: a clean base submission to break one field at a time, and a checker."""

from __future__ import annotations

import copy
from datetime import date

import pytest

from synthetic import make_synthetic

TODAY = date(2026, 11, 23)
_BASE = None


@pytest.fixture
def clean():
    """A small, realistic submission that passes every rule (a fresh copy for each test)."""
    global _BASE
    if _BASE is None:
        _BASE = make_synthetic(16, answer_words=250)
    return copy.deepcopy(_BASE)


@pytest.fixture
def check(pm):
    """``check(submission, select=None, **kw)`` → sorted findings from the built-in rules."""
    from tcdesk.session import Session

    def run(submission, select=None, today=TODAY, **kwargs):
        return Session(submission, pm=pm).check(today=today, select=select, **kwargs)

    return run
