"""Word documents in the shapes institutions use, imported through the built-in DOCX importer."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tcdesk.model import Pillar, Rag
from tcdesk.plugins.import_docx import DocxImporter
from tests.importers.builders import AMBER, GREEN, RED, add_table, docx_with, question_heading, shade
from tests.importers.kent import KENT, KENT_PER_PILLAR, kent_docx, kent_html, needs_kent

KENT_HEAD = ["Ref", "Actions", "Collaborators", "Success Measures & Impact", "Status", "TCR", "RAG"]


def load(path: Path, **options: str):
    return DocxImporter().load(path, options)


def per_pillar(actions) -> dict[str, int]:
    out: dict[str, int] = {}
    for a in actions:
        key = a.pillar.value if a.pillar else "none"
        out[key] = out.get(key, 0) + 1
    return out


def kent_refs() -> list[str]:
    return [line.split("\t", 1)[0] for line in KENT.read_text(encoding="utf-8").splitlines()
            if len(line.split("\t")) == 7 and line[:1] in "VRCS" and line[1:3].isdigit()]


@needs_kent
def test_kent_imports_every_action_in_its_pillar_with_refs_intact(tmp_path: Path) -> None:
    result = load(kent_docx(tmp_path / "kent.docx", rag_fills={"V12": AMBER, "R09": RED, "S11": GREEN}))
    sub, report = result.submission, result.report
    actions = sub.previous_plan.actions
    assert len(actions) == 71
    assert per_pillar(actions) == KENT_PER_PILLAR
    assert [a.ref for a in actions] == kent_refs()
    assert all(a.pillar is Pillar.from_letter(a.ref[0]) for a in actions)
    by_ref = {a.ref: a for a in actions}
    # Continuation rows (empty first cell) finish the action's cells.
    assert by_ref["V03"].collaborators == "Head of Technical Services, Technical Manager (Technician Commitment)"
    assert by_ref["R01"].action.endswith("infrastructure, and teamwork.")
    assert by_ref["V06"].talent == ["R2", "R11"] and by_ref["R14"].talent == ["R2", "R9", "R10"]
    # RAG only as cell colour.
    assert (by_ref["V12"].rag, by_ref["R09"].rag, by_ref["S11"].rag, by_ref["V01"].rag) == (Rag.AMBER, Rag.RED, Rag.GREEN, None)
    # Header, answers, periods and sign-off.
    assert sub.organisation == "University of Kent"
    assert [(lead.name, lead.email) for lead in sub.leads] == [
        ("Phil Marsh", "p.marsh@kent.ac.uk"), ("Joanna Scamp", "j.l.scamp@kent.ac.uk")]
    assert all(sub.answers[n] for n in "12345678")
    assert "| TC Pillar | Number of Amber Actions |" in sub.answers["3"]
    assert sub.previous_plan.period == "2021-2024" and sub.new_plan.period == "2024-2027"
    assert str(sub.signoff.lead.date) == str(sub.signoff.leader.date) == "2025-01-31"
    assert sum(1 for s in report.skipped if s.reason.startswith("separator")) == 7
    assert report.per_pillar == {p: KENT_PER_PILLAR[p.value] for p in Pillar}


@needs_kent
@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_kent_converted_by_libreoffice_from_html_imports_every_action(tmp_path: Path) -> None:
    html = kent_html(tmp_path / "kent.html")
    profile = tmp_path / "lo-profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "docx:MS Word 2007 XML",
         "--outdir", str(tmp_path), str(html)],
        check=True, capture_output=True, timeout=180, env={**os.environ, "HOME": str(tmp_path)},
    )
    sub = load(tmp_path / "kent.docx").submission
    assert [a.ref for a in sub.previous_plan.actions] == kent_refs()
    assert per_pillar(sub.previous_plan.actions) == KENT_PER_PILLAR
    assert sub.organisation == "University of Kent"


def test_aim_owner_tactics_table_with_full_width_pillar_rows_and_no_refs(tmp_path: Path) -> None:
    def build(document):
        question_heading(document, "3")
        t = add_table(document, [
            ["Aim", "Owner", "Tactics", "Measures of Success", "RAG Rating"],
            ["VISIBILITY", "", "", "", ""],
            ["Raise the profile of technicians.", "Head of TS", "Newsletter.", "Readership.", "Green"],
            ["Celebrate technicians.", "Comms", "Web stories.", "Hits.", ""],
            ["RECOGNITION", "", "", "", ""],
            ["Reward technicians.", "HR", "Awards.", "Winners.", "In progress"],
        ], fills={(3, 4): RED})
        for r in (1, 4):
            t.cell(r, 0).merge(t.cell(r, 4))  # a full-width row: one cell spanning the grid
    result = load(docx_with(tmp_path / "aims.docx", build))
    actions = result.submission.previous_plan.actions
    assert [(a.pillar, a.rag) for a in actions] == [
        (Pillar.VISIBILITY, Rag.GREEN), (Pillar.VISIBILITY, Rag.RED), (Pillar.RECOGNITION, Rag.AMBER)]
    assert actions[0].action == "Raise the profile of technicians.\n\nNewsletter."
    assert actions[0].collaborators == "Head of TS" and actions[0].ref == ""
    assert result.report.unmapped_columns == []


def test_a_table_split_at_a_page_break_is_one_table(tmp_path: Path) -> None:
    def build(document):
        question_heading(document, "3")
        document.add_heading("Sustainability", level=3)
        add_table(document, [KENT_HEAD, ["S13", "Promote positive action to support", "EDI Team", "More applications.",
                                         "Recruitment processes include", "R4", ""]], fills={(1, 6): AMBER})
        add_table(document, [
            ["", "recruitment of minorities.", "", "", "a list of positive statements.", "", ""],
            ["--", "--", "--", "--", "---", "--", "--"],
            KENT_HEAD,
            ["S14", "Encourage training.", "EDI Team", "Routes.", "Herschel.", "R4", ""],
        ])
    result = load(docx_with(tmp_path / "split.docx", build))
    actions = result.submission.previous_plan.actions
    assert [a.ref for a in actions] == ["S13", "S14"]
    assert actions[0].action == "Promote positive action to support recruitment of minorities."
    assert actions[0].progress == "Recruitment processes include a list of positive statements."
    assert actions[0].rag is Rag.AMBER and actions[1].pillar is Pillar.SUSTAINABILITY
    assert {s.reason for s in result.report.skipped} == {"separator row (page break)", "repeated header row"}


def test_vertically_merged_cells_in_a_new_plan_table(tmp_path: Path) -> None:
    def build(document):
        question_heading(document, "6")
        t = add_table(document, [
            ["Objective", "Actions", "Theme", "Deadline", "Owner"],
            ["Grow careers.", "Run a mentoring scheme.", "Career Development", "July 2026", "HR"],
            ["", "Publish a career map.", "", "31/03/2027", "HoTS"],
            ["Be seen.", "Start a newsletter.", "Visibility", "Ongoing", "Comms"],
        ])
        t.cell(1, 0).merge(t.cell(2, 0))  # one objective over two actions
        t.cell(1, 2).merge(t.cell(2, 2))  # and one theme
    result = load(docx_with(tmp_path / "new.docx", build))
    sub = result.submission
    assert sub.previous_plan.actions == []
    assert [(a.action, a.pillar, a.due, a.owner) for a in sub.new_plan.actions] == [
        ("Grow careers.\n\nRun a mentoring scheme.", Pillar.CAREER_DEVELOPMENT, "2026-07", "HR"),
        ("Grow careers.\n\nPublish a career map.", Pillar.CAREER_DEVELOPMENT, "2027-03-31", "HoTS"),
        ("Be seen.\n\nStart a newsletter.", Pillar.VISIBILITY, "", "Comms"),
    ]
    # "Ongoing" is not a date: kept with the action and reported, not dropped.
    assert sub.new_plan.actions[2].resourcing == "Timescale: Ongoing"
    assert any("'Ongoing' is not a date" in w for w in result.report.warnings)


def test_an_empty_unmerged_first_cell_continues_the_action_above(tmp_path: Path) -> None:
    def build(document):
        question_heading(document, "6")
        add_table(document, [
            ["Objective", "Actions", "Deadline", "Owner"],
            ["Grow careers across", "Run a mentoring", "July 2026", "HR"],
            ["", "scheme.", "", ""],
        ])
    new = load(docx_with(tmp_path / "cont.docx", build)).submission.new_plan.actions
    assert [(a.action, a.due) for a in new] == [("Grow careers across\n\nRun a mentoring scheme.", "2026-07")]


def test_answers_keep_lists_emphasis_and_tables_as_commonmark(tmp_path: Path) -> None:
    def build(document):
        document.add_paragraph("Organisation: University of Northmoor")
        question_heading(document, "1")
        p = document.add_paragraph("We have ")
        p.add_run("three").bold = True
        p.add_run(" faculties.")
        document.add_paragraph("Science", style="List Bullet")
        document.add_paragraph("Arts", style="List Bullet")
        document.add_paragraph("Survey", style="List Number")
        document.add_paragraph("Report", style="List Number")
        add_table(document, [["Faculty", "Technicians"], ["Science", "120"]])
        question_heading(document, "2")
        document.add_paragraph("Governance text.")
    sub = load(docx_with(tmp_path / "answers.docx", build)).submission
    assert sub.organisation == "University of Northmoor"
    assert sub.answers["1"] == (
        "We have **three** faculties.\n\n- Science\n- Arts\n\n1. Survey\n2. Report\n\n"
        "| Faculty | Technicians |\n|---|---|\n| Science | 120 |"
    )
    assert sub.answers["2"] == "Governance text."


def test_a_column_map_names_an_odd_column(tmp_path: Path) -> None:
    def build(document):
        question_heading(document, "3")
        add_table(document, [["Ref", "What we set out to do", "RAG"], ["V01", "Newsletter.", "Green"]])
    path = docx_with(tmp_path / "odd.docx", build)
    assert load(path).submission.previous_plan.actions == []
    sub = load(path, **{"map:What we set out to do": "action"}).submission
    assert [(a.ref, a.action, a.rag) for a in sub.previous_plan.actions] == [("V01", "Newsletter.", Rag.GREEN)]


def test_shading_colours_in_cells_are_read_from_w_shd(tmp_path: Path) -> None:
    def build(document):
        question_heading(document, "3")
        t = add_table(document, [["Ref", "Action", "RAG"], ["C01", "Mentoring.", ""], ["C02", "Shadowing.", ""]])
        shade(t.cell(1, 2), "92D050")
        shade(t.cell(2, 2), "C00000")
    actions = load(docx_with(tmp_path / "rag.docx", build)).submission.previous_plan.actions
    assert [(a.ref, a.pillar, a.rag) for a in actions] == [
        ("C01", Pillar.CAREER_DEVELOPMENT, Rag.GREEN), ("C02", Pillar.CAREER_DEVELOPMENT, Rag.RED)]


def test_a_new_plan_in_an_appendix_after_the_signoff(tmp_path: Path) -> None:
    def build(document):
        question_heading(document, "8")
        document.add_paragraph("https://www.example.ac.uk/tc")
        document.add_paragraph("Signed..... (Technician Commitment Nominated Institutional Lead)")
        document.add_paragraph("Date: 31st January 2025")
        document.add_heading("Appendix A: Action Plan 2025-2028", level=1)
        document.add_paragraph("Our plan was shaped by the working group.")
        add_table(document, [["Ref", "Action", "Owner"], ["V01", "Newsletter.", "Comms"]])
    result = load(docx_with(tmp_path / "appendix.docx", build))
    sub = result.submission
    assert [(a.ref, a.owner) for a in sub.new_plan.actions] == [("V01", "Comms")]
    assert sub.previous_plan.actions == [] and sub.answers["8"] == ""
    # The appendix's prose has no place in the form: reported, not silently dropped.
    assert any(s.where == "after the appendix" and "Our plan was shaped" in s.text for s in result.report.skipped)


def test_rows_and_cells_inside_content_controls_are_read(tmp_path: Path) -> None:
    from copy import deepcopy

    from docx.oxml import OxmlElement

    def build(document):
        question_heading(document, "3")
        t = add_table(document, [["Ref", "Action", "RAG"], ["S01", "Apprentices.", "Amber"], ["S02", "Outreach.", "Red"]])
        # Word wraps form fields in w:sdt: one around a whole row, one around a single cell.
        tr = t.rows[2]._tr
        sdt, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
        tr.addprevious(sdt)
        content.append(deepcopy(tr))
        sdt.append(content)
        tr.getparent().remove(tr)
        tc = t.rows[1]._tr.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tc")[2]
        cell_sdt, cell_content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
        tc.addprevious(cell_sdt)
        cell_content.append(deepcopy(tc))
        cell_sdt.append(cell_content)
        tc.getparent().remove(tc)
    actions = load(docx_with(tmp_path / "sdt.docx", build)).submission.previous_plan.actions
    assert [(a.ref, a.rag) for a in actions] == [("S01", Rag.AMBER), ("S02", Rag.RED)]
