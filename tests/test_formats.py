"""The formats table decides every path's kind: project and interchange first, then the plugins' formats."""

from __future__ import annotations

import pytest

from tcdesk.errors import InvalidInputError
from tcdesk.formats import INTERCHANGE, PROJECT, Kind
from tcdesk.session import Session


@pytest.fixture
def formats(pm):
    return Session(pm=pm).formats


def test_native_formats_come_first(formats):
    assert formats.entries[:2] == [PROJECT, INTERCHANGE]


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Kent.tcdesk", Kind.PROJECT),
        ("KENT.TCDESK", Kind.PROJECT),
        ("Kent.tcdesk.json", Kind.INTERCHANGE),
        ("plan.json", Kind.IMPORT),
        ("plan.docx", Kind.IMPORT),
        ("plan.xlsx", Kind.IMPORT),
        ("notes.odt", None),
        ("tcdesk", None),
    ],
)
def test_kind_is_decided_by_the_longest_suffix(formats, name, kind):
    assert formats.kind_of(name) is kind


def test_writing_picks_the_exporter_by_suffix(formats):
    assert formats.for_writing("out.pdf").exporter.name == "pdf"
    assert formats.for_writing("out.tcdesk.json") is INTERCHANGE
    with pytest.raises(InvalidInputError, match=r"cannot write this file type \(tcdesk writes .*\.docx"):
        formats.for_writing("out.odt")


def test_stem_and_project_path(formats, tmp_path):
    assert formats.stem("a/University of Kent.tcdesk.json") == "University of Kent"
    assert formats.stem("plan.v2.xlsx") == "plan.v2"
    assert formats.project_path(tmp_path / "Kent") == tmp_path / "Kent.tcdesk"
    assert formats.project_path(tmp_path / "Kent.tcdesk.json") == tmp_path / "Kent.tcdesk.json"
    assert formats.project_path(tmp_path / "Kent.docx") == tmp_path / "Kent.docx.tcdesk"


def test_file_filter_lists_every_suffix(formats):
    assert PROJECT.file_filter() == "tcdesk projects (*.tcdesk)"
    assert "*.xlsx" in " ".join(f"*{s}" for s in formats.importable_suffixes())


def test_only_the_formats_table_names_the_native_suffixes():
    """One way in: no module tests a path against ".tcdesk" or ".tcdesk.json" itself."""
    import re
    from pathlib import Path

    package = Path(__file__).resolve().parents[1] / "tcdesk"
    pattern = re.compile(r"""(endswith|==|suffix)\W*\(?\s*["']\.tcdesk""")
    offenders = [
        f"{path.relative_to(package)}:{n}"
        for path in package.rglob("*.py")
        if path.name not in ("formats.py", "interchange.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert offenders == []
