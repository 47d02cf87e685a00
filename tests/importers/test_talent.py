"""TALENT codes from a cell, and refs told apart from codes."""

from __future__ import annotations

import pytest

from tcdesk.importers.talent import looks_like_ref, parse_talent


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("R2 R9 R10", ["R2", "R9", "R10"]),
        ("R2, R9", ["R2", "R9"]),
        ("TCR 2", ["R2"]),
        ("R02; r11", ["R2", "R11"]),
        ("2, 9 and 10", ["R2", "R9", "R10"]),
        ("R11 R11", ["R11"]),
        ("", []),
        ("n/a", []),
    ],
)
def test_codes_in_order_without_duplicates(text: str, codes: list[str]) -> None:
    assert parse_talent(text)[0] == codes


def test_unknown_codes_are_returned_as_problems() -> None:
    assert parse_talent("R2 R40") == (["R2"], ["R40"])


def test_refs_look_like_refs_and_sentences_do_not() -> None:
    assert looks_like_ref("R01") and looks_like_ref("V1") and looks_like_ref("CD-04") and looks_like_ref("S3.2")
    assert not looks_like_ref("Recognise the contribution") and not looks_like_ref("")
