"""Fixtures shared by the command tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tcdesk import interchange


@pytest.fixture
def draft(tmp_path: Path, make_submission) -> Path:
    """An interchange file of a small submission from "University of Example"."""
    path = tmp_path / "draft.tcdesk.json"
    interchange.write(make_submission(organisation="University of Example"), path)
    return path
