"""The Northmoor examples: valid, built from their sources, the clean one clean and the draft with its listed gaps."""

from __future__ import annotations

import base64
import io
import json
import re
import sys
from datetime import date
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from submission_gaps import gaps, link_targets, stated_counts

from tcdesk import interchange
from tcdesk.model import Pillar, Rag, Submission, parse_due, rag_totals
from tcdesk.template import talent_codes

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
CLEAN = EXAMPLES / "northmoor-clean.tcdesk.json"
DRAFT = EXAMPLES / "northmoor-draft.tcdesk.json"
TODAY = date(2026, 11, 23)
sys.path.insert(0, str(EXAMPLES))
import build_examples  # noqa: E402


@pytest.fixture(scope="module")
def clean() -> Submission:
    return interchange.read(CLEAN)


@pytest.fixture(scope="module")
def draft() -> Submission:
    return interchange.read(DRAFT)


def _readme_gaps() -> set[tuple[str, str]]:
    rows = re.findall(r"^\| (TC\d{3}) \| ([^|]+) \|", (EXAMPLES / "README.md").read_text(encoding="utf-8"), re.M)
    prefixes = ("sign-off ", "question ", "new plan ")
    out = set()
    for code, where in rows:
        where = where.strip()
        for prefix in prefixes:
            where = where.removeprefix(prefix)
        out.add((code, where))
    return out


# --- both files ---------------------------------------------------------------------------------


def test_committed_files_are_what_the_build_script_makes_from_the_sources() -> None:
    committed = json.loads(CLEAN.read_text(encoding="utf-8"))
    clean = build_examples.clean_dict(committed["attachments"])
    assert interchange.to_dict(interchange.from_dict(clean)) == committed
    draft = build_examples.draft_dict(clean)
    assert interchange.to_dict(interchange.from_dict(draft)) == json.loads(DRAFT.read_text(encoding="utf-8"))


def test_freshly_drawn_attachments_are_a_small_png_and_a_short_pdf() -> None:
    fresh = {a["name"]: base64.b64decode(a["data"]) for a in build_examples.fresh_attachments()}
    png, pdf = fresh["structure-chart.png"], fresh["appendix-a-technician-survey-2025.pdf"]
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) < 40_000
    assert pdf.startswith(b"%PDF-") and len(pdf) < 40_000


def test_both_examples_are_the_same_fictional_institution(clean: Submission, draft: Submission) -> None:
    assert clean.organisation == draft.organisation == "University of Northmoor"
    urls = [clean.webpage_url] + [t for text in clean.answers.values() for t in link_targets(text)]
    assert all(u.startswith(("https://www.northmoor.ac.uk/", "https://www.mitalent.ac.uk/",
                             "https://techniciancommitment.org.uk", "attachment:")) for u in urls)


# --- the clean example --------------------------------------------------------------------------


def test_clean_example_has_no_gap_of_the_rule_table(clean: Submission) -> None:
    assert gaps(clean, TODAY) == []


def test_clean_question_3_states_exactly_the_table_counts(clean: Submission) -> None:
    totals = rag_totals(clean.previous_plan)
    assert totals.unrated == 0
    assert stated_counts(clean.answer(3)) == {"red": totals.red, "amber": totals.amber, "green": totals.green,
                                              "total": totals.total}


def test_clean_plans_are_as_large_and_mixed_as_a_real_submission(clean: Submission) -> None:
    prev, new = clean.previous_plan, clean.new_plan
    assert (prev.period, new.period) == ("2023-2026", "2026-2029")
    assert 40 <= len(prev.actions) <= 60 and 25 <= len(new.actions) <= 40
    totals = rag_totals(prev)
    assert totals.green >= 20 and totals.amber >= 15 and totals.red >= 5
    for actions in (prev.actions, new.actions):
        assert {a.pillar for a in actions} == set(Pillar)
        refs = [a.ref for a in actions]
        assert len(refs) == len(set(refs))
        assert all(a.ref[0] == a.pillar.letter for a in actions)
        assert all(a.talent and set(a.talent) <= talent_codes() for a in actions)
    for a in prev.actions:
        assert a.action and a.collaborators and a.success_measures, a.ref
        assert len(re.findall(r"[.!?](?:\s|$)", a.progress)) >= 2, a.ref  # progress told in several sentences


def test_clean_every_red_is_explained_and_every_unfinished_action_carried_or_explained(clean: Submission) -> None:
    carried = {a.carried_from for a in clean.new_plan.actions if a.carried_from}
    assert carried <= {a.ref for a in clean.previous_plan.actions}
    for a in clean.previous_plan.actions:
        if a.rag is Rag.RED:
            assert a.explanation.strip(), a.ref
        if a.rag in (Rag.RED, Rag.AMBER):
            assert a.explanation.strip() or a.ref in carried, a.ref


def test_clean_new_actions_are_complete_and_due_inside_the_plan(clean: Submission) -> None:
    for a in clean.new_plan.actions:
        assert a.owner and a.collaborators and a.success_measures and a.resourcing, a.ref
        first, last = parse_due(a.due)
        assert date(2026, 8, 1) <= first and last <= date(2029, 7, 31), a.ref


def test_clean_answers_are_rich_markdown(clean: Submission) -> None:
    minimum = {"1": 300, "2": 300, "4": 300, "5": 300, "3": 200, "6": 200, "7": 200}
    for n, words in minimum.items():
        text = clean.answer(n)
        assert len(text.split()) >= words, n
        assert text.startswith("## ") and ("\n- " in text or "\n1. " in text), n
    md = MarkdownIt("commonmark").enable("table")
    tables = [n for n, text in clean.answers.items() if any(t.type == "table_open" for t in md.parse(text))]
    assert len(tables) >= 2
    assert "TALENT Commission" in clean.answer(5) and "survey" in clean.answer(7)
    assert clean.webpage_url in clean.answer(8) and len(clean.answer(8).split()) < 60


def test_clean_text_has_welsh_irish_and_polish_names_curly_quotes_and_en_dashes(clean: Submission) -> None:
    everything = interchange.dumps(clean)
    for piece in ("Llewelyn", "Ní Dhomhnaill", "Wiśniewska", "Ó Murchú", "’", "“", "–"):
        assert piece in everything


def test_clean_figure_and_appendix_are_attached_and_decodable(clean: Submission) -> None:
    from pypdf import PdfReader
    from PySide6.QtGui import QImage

    figure = clean.attachment("structure-chart.png")
    assert figure is not None and figure.kind == "figure" and figure.media_type == "image/png"
    assert "![Technical Services structure](attachment:structure-chart.png)" in clean.answer(1)
    image = QImage.fromData(figure.data, "PNG")
    assert not image.isNull() and image.width() >= 600 and len(figure.data) < 40_000
    appendix = [a for a in clean.attachments if a.kind == "appendix"]
    assert len(appendix) == 1 and appendix[0].media_type == "application/pdf" and len(appendix[0].data) < 40_000
    reader = PdfReader(io.BytesIO(appendix[0].data))
    assert 1 <= len(reader.pages) <= 2
    assert "Technician survey 2025 summary" in reader.pages[0].extract_text()


def test_clean_sign_off_names_both_signatories_in_the_july_2026_window(clean: Submission) -> None:
    lead, leader = clean.signoff.lead, clean.signoff.leader
    assert (lead.date, leader.date) == (date(2026, 7, 20), date(2026, 7, 27))
    assert lead.name and lead.role and leader.name and leader.role == "Vice-Chancellor"
    assert len(clean.leads) == 2 and all(lead.name and lead.role and lead.email.endswith("@northmoor.ac.uk") for lead in clean.leads)


# --- the draft ----------------------------------------------------------------------------------


def test_draft_has_exactly_the_gaps_listed_in_the_readme(draft: Submission) -> None:
    assert set(gaps(draft, TODAY)) == _readme_gaps()
    assert len(_readme_gaps()) >= 25


def test_draft_red_with_its_reason_in_the_progress_text_is_a_near_miss(draft: Submission) -> None:
    c05 = next(a for a in draft.previous_plan.actions if a.ref == "C05")
    assert c05.rag is Rag.RED and c05.explanation == "" and "paused due to the restructure" in c05.progress
    assert any(a.carried_from == "C05" for a in draft.new_plan.actions)
    assert not [g for g in gaps(draft, TODAY) if g[1] == "previous C05"]


def test_draft_has_the_typical_gaps_of_a_plan_in_progress(draft: Submission) -> None:
    found = set(gaps(draft, TODAY))
    unexplained = {w for c, w in found if c == "TC201"}
    assert len(unexplained) >= 3
    assert {("TC401", "previous V03"), ("TC401", "new R07"), ("TC402", "previous R10"), ("TC202", "previous C13"),
            ("TC101", "7"), ("TC004", "lead"), ("TC004", "leader"), ("TC006", "leader"),
            ("TC501", "sustainability"), ("TC502", "new V07"), ("TC503", "new C08"), ("TC506", "new C02"),
            ("TC103", "2"), ("TC104", "8"), ("TC203", "3")} <= found
    assert "R19" in next(a for a in draft.previous_plan.actions if a.ref == "R10").talent
    assert draft.signoff.leader.role == "Vice-Chancellor" and not draft.signoff.leader.name
