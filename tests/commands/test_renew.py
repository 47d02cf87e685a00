"""``tcdesk renew``: from a project, an interchange file and an imported Word document; LAST never changes."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tcdesk import interchange
from tcdesk.cli import main
from tcdesk.model import Pillar
from tcdesk.session import Session
from tcdesk.storage import load_project, save_project
from tests.importers.builders import GREEN, add_table, docx_with, question_heading

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "northmoor-clean.tcdesk.json"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read(path: Path):
    return load_project(path) if path.suffix == ".tcdesk" else interchange.read(path)


def assert_renewed(sub, last, source_name: str) -> None:
    assert sub.previous_plan.period == last.new_plan.period == "2026-2029"
    assert sub.new_plan.period == "2029-2032" and sub.new_plan.actions == []
    assert [(a.ref, a.pillar, a.action, a.talent) for a in sub.previous_plan.actions] == [
        (a.ref, a.pillar, a.action, a.talent) for a in last.new_plan.actions
    ]
    assert all(a.rag is None and not a.progress and not a.explanation for a in sub.previous_plan.actions)
    assert [a.id for a in sub.previous_plan.actions] == [a.id for a in last.new_plan.actions]
    assert set(sub.answers.values()) == {""}
    assert sub.last_time == {n: t for n, t in last.answers.items() if t.strip()}
    assert (sub.organisation, sub.leads, sub.webpage_url) == (last.organisation, last.leads, last.webpage_url)
    assert sub.signoff.lead.name == last.signoff.lead.name and sub.signoff.lead.date is None
    assert sub.signoff.leader.name == last.signoff.leader.name and sub.signoff.leader.date is None
    assert sub.renewed_from == source_name


@pytest.mark.parametrize("last_suffix", [".tcdesk", ".tcdesk.json"])
@pytest.mark.parametrize("next_suffix", [".tcdesk", ".tcdesk.json"])
def test_renew_from_a_project_or_interchange_file(tmp_path, capsys, last_suffix, next_suffix):
    last_sub = interchange.read(EXAMPLE)
    last = tmp_path / f"northmoor-2026{last_suffix}"
    save_project(last_sub, last) if last_suffix == ".tcdesk" else interchange.write(last_sub, last)
    before = digest(last)
    target = tmp_path / f"northmoor-2029{next_suffix}"
    assert main(["renew", str(last), str(target)]) == 0
    assert digest(last) == before and sorted(p.name for p in tmp_path.iterdir()) == sorted([last.name, target.name])
    out = capsys.readouterr().out
    assert "last cycle's new plan (32 actions, 2026-2029) is the plan to rate" in out
    assert "previous plan 2026-2029, new plan 2029-2032" in out and f"wrote {target}" in out
    assert_renewed(read(target), last_sub, last.name)


def test_renew_from_an_exported_and_reimported_word_document(tmp_path, pm):
    last_sub = interchange.read(EXAMPLE)
    docx = Session(last_sub, pm=pm).export("docx", tmp_path / "northmoor-2026.docx")
    target = tmp_path / "next.tcdesk"
    assert main(["renew", str(docx), str(target)]) == 0
    renewed = load_project(target)
    # Exports list actions pillar by pillar; the import keeps that order.
    by_pillar = sorted(last_sub.new_plan.actions, key=lambda a: list(Pillar).index(a.pillar))
    assert [(a.ref, a.pillar, a.action) for a in renewed.previous_plan.actions] == [
        (a.ref, a.pillar, a.action) for a in by_pillar
    ]
    assert renewed.previous_plan.period == "2026-2029" and renewed.new_plan.period == "2029-2032"
    assert all(a.rag is None for a in renewed.previous_plan.actions) and set(renewed.answers.values()) == {""}
    assert renewed.last_time["1"].startswith(last_sub.answers["1"].strip()[:40])


def rag_only_docx(path: Path) -> Path:
    def build(document):
        document.add_paragraph("Organisation: University of Southmoor")
        question_heading(document, "3")
        add_table(
            document,
            [["Ref", "Actions", "Success Measures", "RAG"], ["V01", "Technician profiles", "Live", ""],
             ["R01", "Awards", "Held", ""]],
            fills={(1, 3): GREEN},
        )
    return docx_with(path, build)


def test_a_document_with_only_its_rag_table_says_so_and_offers_the_previous_plan(tmp_path, capsys):
    docx = rag_only_docx(tmp_path / "rag-only.docx")
    target = tmp_path / "next.tcdesk"
    assert main(["renew", str(docx), str(target)]) == 2
    err = capsys.readouterr().err
    assert "has no new action plan to rate" in err and "add --from-previous-plan" in err
    assert not target.exists()
    assert main(["renew", str(docx), str(target), "--from-previous-plan", "--period", "2027-2030"]) == 0
    renewed = load_project(target)
    assert [a.ref for a in renewed.previous_plan.actions] == ["V01", "R01"]
    assert all(a.rag is None for a in renewed.previous_plan.actions)
    assert renewed.new_plan.period == "2027-2030"


def test_renew_twice_in_a_row(tmp_path):
    first, second, third = tmp_path / "a.tcdesk.json", tmp_path / "b.tcdesk", tmp_path / "c.tcdesk"
    interchange.write(interchange.read(EXAMPLE), first)
    assert main(["renew", str(first), str(second)]) == 0
    assert main(["renew", str(second), str(third), "--from-previous-plan"]) == 0
    again = load_project(third)
    assert [a.id for a in again.previous_plan.actions] == [a.id for a in load_project(second).previous_plan.actions]
    assert again.previous_plan.period == "2026-2029" and again.new_plan.period == "2029-2032"
    assert again.renewed_from == "b.tcdesk"


def test_an_existing_next_is_kept_unless_forced_and_last_is_never_overwritten(tmp_path, capsys):
    last = tmp_path / "a.tcdesk.json"
    interchange.write(interchange.read(EXAMPLE), last)
    before = digest(last)
    assert main(["renew", str(last), str(last), "--force"]) == 2
    assert digest(last) == before
    assert "never writes over its input" in capsys.readouterr().err  # not "add --force", which was given
    assert main(["renew", str(last), str(tmp_path / "next.docx")]) == 2
    assert "NEXT must be a .tcdesk project" in capsys.readouterr().err


def test_exports_never_include_last_times_answers(tmp_path, pm):
    import docx

    renewed = Session(pm=pm)
    renewed.renew(EXAMPLE)
    renewed.submission.last_time["4"] = "Zanzibar-only-last-time"
    renewed.submission.answers["4"] = "This cycle's evidence."
    path = renewed.export("docx", tmp_path / "out.docx")
    document = docx.Document(str(path))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "This cycle's evidence." in text and "Zanzibar" not in text
