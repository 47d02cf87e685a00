"""The project's own DOCX and PDF exports, read from their text, import back into the same submission
(PDF: as far as its text allows). Reading the data the exports carry is tested in test_carried.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tcdesk import interchange
from tcdesk.export.base import READ_TEXT
from tcdesk.model import Submission, actions_by_pillar
from tcdesk.session import Session

FIELDS_PREV = ("ref", "pillar", "action", "collaborators", "success_measures", "progress", "explanation", "talent", "rag")
FIELDS_NEW = ("ref", "pillar", "action", "owner", "collaborators", "due", "success_measures", "resourcing", "talent",
              "carried_from")


@pytest.fixture(scope="module")
def original() -> Submission:
    from synthetic import make_synthetic

    return make_synthetic(n_actions=40, answer_words=400, seed=3)


@pytest.fixture(scope="module")
def exported(original: Submission, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from tcdesk.pluginmanager import get_plugin_manager

    folder = tmp_path_factory.mktemp("exports")
    session = Session(original, pm=get_plugin_manager(load_entry_points=False))
    return {fmt: session.export(fmt, folder / f"submission.{fmt}") for fmt in ("docx", "pdf")}


def grouped(sub: Submission) -> dict:
    # Exports list actions pillar by pillar; the order inside each pillar is kept.
    data = interchange.to_dict(sub)
    data.pop("attachments", None)
    for plan, key in ((sub.previous_plan, "previous_plan"), (sub.new_plan, "new_plan")):
        order = [a for group in actions_by_pillar(plan.actions).values() for a in group]
        data[key]["actions"] = [data[key]["actions"][plan.actions.index(a)] for a in order]
        for action in data[key]["actions"]:
            action.pop("id", None)  # identities live in project and interchange files, not in documents
    data["answers"] = {n: t.strip() for n, t in data["answers"].items()}
    return data


def test_docx_export_imports_back_to_the_same_submission(pm, original: Submission, exported: dict[str, Path]) -> None:
    result = Session(pm=pm).import_file(exported["docx"], READ_TEXT)
    assert grouped(result.submission) == grouped(original)
    # What the export adds and the import leaves out is reported, not dropped silently.
    reasons = {s.reason for s in result.report.skipped}
    assert "RAG summary table and chart (recomputed from the actions)" in reasons


def plain(markdown: str) -> str:
    """What a PDF's text keeps of CommonMark: link texts without their targets."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    return re.sub(r"<(https?://[^>]+)>", r"\1", text)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_pdf_export_imports_back_as_far_as_its_text_allows(pm, original: Submission, exported: dict[str, Path]) -> None:
    result = Session(pm=pm).import_file(exported["pdf"], READ_TEXT)
    got, want = grouped(result.submission), grouped(original)
    # Kept exactly: header, sign-off, periods, the webpage, and each action's ref, pillar, RAG,
    # TALENT codes, due date and carried-from ref.
    for key in ("organisation", "leads", "signoff", "webpage_url"):
        assert got[key] == want[key], key
    for plan, fields in (("previous_plan", FIELDS_PREV), ("new_plan", FIELDS_NEW)):
        assert got[plan]["period"] == want[plan]["period"]
        assert len(got[plan]["actions"]) == len(want[plan]["actions"])
        for a, b in zip(got[plan]["actions"], want[plan]["actions"], strict=True):
            for f in fields:
                if f in ("ref", "pillar", "rag", "talent", "due", "carried_from"):
                    assert a[f] == b[f], (plan, b["ref"], f)
                else:
                    # Text kept; line breaks inside a cell (and a word too long for its column)
                    # may come back with different spacing.
                    assert squeeze(a[f]) == squeeze(b[f]), (plan, b["ref"], f)
    # Answers: the words, emphasis, lists and headings; link targets are lost.
    for n in "12345678":
        assert got["answers"][n] == plain(want["answers"][n]), n


def test_check_runs_on_docx_and_pdf_exports(exported: dict[str, Path]) -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "tcdesk", "check", str(exported["docx"]), str(exported["pdf"]), "--format", "json",
         "--read-text"],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode in (0, 1), done.stderr
    assert "submission.docx" in done.stdout and "submission.pdf" in done.stdout


def test_the_northmoor_example_round_trips_through_docx(pm, tmp_path: Path) -> None:
    from tests.conftest import EXAMPLES

    original = interchange.read(EXAMPLES / "northmoor-clean.tcdesk.json")
    path = Session(original, pm=pm).export("docx", tmp_path / "northmoor.docx")
    imported = Session(pm=pm).import_file(path, READ_TEXT).submission
    want, got = grouped(original), grouped(imported)
    # Figures come back as attachments under new names; table column alignment is not in the DOCX.
    names = {a.name: f"figure-{n}" for n, a in enumerate(original.attachments, start=1)}
    align = re.compile(r"\|(-+):?(?=\|)")
    for n, text in want["answers"].items():
        for old, new in names.items():
            text = text.replace(f"attachment:{old}", f"attachment:{new}{Path(old).suffix}")
        want["answers"][n] = align.sub(r"|\1", text.replace("|:-", "|-"))
    assert got == want
    assert [a.data for a in imported.attachments] == [a.data for a in original.attachments if a.kind.value == "figure"]
