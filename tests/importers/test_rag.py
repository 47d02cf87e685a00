"""RAG from cell text and from cell colour."""

from __future__ import annotations

import pytest

from tcdesk.importers.rag import rag_from_fill, rag_from_text
from tcdesk.model import Rag


@pytest.mark.parametrize(
    ("text", "rag"),
    [
        ("Green", Rag.GREEN), ("G", Rag.GREEN), ("Complete", Rag.GREEN), ("completed", Rag.GREEN),
        ("Amber", Rag.AMBER), ("A", Rag.AMBER), ("In progress", Rag.AMBER), ("Partially complete", Rag.AMBER),
        ("Red", Rag.RED), ("R", Rag.RED), ("Not started", Rag.RED), ("Red – paused", Rag.RED),
        ("Not complete", Rag.RED), ("", None), ("Not rated", None), ("see notes", None),
    ],
)
def test_rag_from_text(text: str, rag: Rag | None) -> None:
    assert rag_from_text(text) is rag


@pytest.mark.parametrize(
    ("fill", "rag"),
    [
        ("FF0000", Rag.RED), ("C00000", Rag.RED), ("F4B6B6", Rag.RED),
        ("FFC000", Rag.AMBER), ("FFE08A", Rag.AMBER), ("FFFF9900", Rag.AMBER),
        ("00B050", Rag.GREEN), ("92D050", Rag.GREEN), ("B7E1C1", Rag.GREEN),
        ("FFFFFF", None), ("D9D9D9", None), ("auto", None), (None, None), ("4472C4", None), ("D9E2F3", None),
    ],
)
def test_rag_from_fill_takes_the_nearest_of_red_amber_green(fill: str | None, rag: Rag | None) -> None:
    assert rag_from_fill(fill) is rag
