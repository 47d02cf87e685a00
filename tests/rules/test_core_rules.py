"""Every built-in rule, both ways: it fires on a broken draft and stays quiet on a near miss."""

from __future__ import annotations

from datetime import date

import pytest

from tcdesk.model import Lead, Pillar
from tcdesk.rules.finding import Location, Section, Severity

PLACEHOLDER = "T" + "BC"  # built at run time so the source tree holds no placeholder


def codes(findings, code):
    return [f for f in findings if f.code == code]


def test_clean_submission_has_no_findings(clean, check):
    assert check(clean) == []


# --- header and sign-off --------------------------------------------------------------------------

def test_missing_organisation_is_reported_on_the_cover(clean, check):
    clean.organisation = "  "
    [f] = check(clean, select=["TC001"])
    assert f.location == Location(Section.COVER, field="organisation") and f.severity is Severity.ERROR


def test_leads_without_any_name_are_reported(clean, check):
    clean.leads = [Lead(name="", email="a@b.ac.uk")]
    assert [f.location.field for f in check(clean, select=["TC002"])] == ["leads"]
    clean.leads = []
    assert len(check(clean, select=["TC002"])) == 1


def test_one_named_lead_is_enough(clean, check):
    clean.leads.append(Lead(name="", email="x@y.ac.uk"))
    assert check(clean, select=["TC002"]) == []


def test_invalid_lead_email_is_reported_at_that_lead(clean, check):
    clean.leads[1].email = "s.bhriain(at)westbridge.ac.uk"
    [f] = check(clean, select=["TC003"])
    assert f.location.field == "leads[1].email" and "s.bhriain(at)westbridge.ac.uk" in f.message


def test_no_lead_email_at_all_is_reported(clean, check):
    for lead in clean.leads:
        lead.email = ""
    [f] = check(clean, select=["TC003"])
    assert f.location.field == "leads"


def test_undated_leader_signoff_is_reported(clean, check):
    clean.signoff.leader.date = None
    [f] = check(clean, select=["TC004"])
    assert f.location == Location(Section.SIGNOFF, field="leader.date")


def test_signoff_after_the_check_date_is_implausible(clean, check):
    clean.signoff.lead.date = date(2026, 12, 1)
    clean.signoff.leader.date = date(2026, 11, 20)
    [f] = check(clean, select=["TC005"])
    assert f.location.field == "lead.date" and "2026-12-01" in f.message and f.severity is Severity.WARNING


def test_signoff_before_the_previous_plan_began_is_implausible(clean, check):
    clean.signoff.lead.date = date(2022, 7, 1)
    clean.signoff.leader.date = date(2022, 7, 2)
    found = check(clean, select=["TC005"])
    assert {f.location.field for f in found} == {"lead.date", "leader.date"}


def test_signoff_dates_far_apart_are_implausible(clean, check):
    clean.signoff.lead.date = date(2026, 1, 20)
    clean.signoff.leader.date = date(2026, 7, 27)
    [f] = check(clean, select=["TC005"])
    assert "188 days apart" in f.message


def test_signoff_two_days_before_a_window_ends_is_fine(clean, check):
    clean.signoff.lead.date = date(2026, 7, 29)
    clean.signoff.leader.date = date(2026, 7, 29)
    assert check(clean, today=date(2026, 7, 29), select=["TC005"]) == []
    clean.signoff.lead.date = date(2026, 4, 28)  # exactly 92 days before the leader's date
    assert check(clean, select=["TC005"]) == []


def test_dotted_signature_names_nobody(clean, check):
    clean.signoff.leader.name = "Signed....."
    [f] = check(clean, select=["TC006"])
    assert f.location == Location(Section.SIGNOFF, field="leader.name")


# --- answers --------------------------------------------------------------------------------------

def test_unanswered_question_is_reported(clean, check):
    clean.answers["4"] = ""
    [f] = check(clean, select=["TC101"])
    assert f.location == Location(Section.QUESTION, question="4") and "Question 4" in f.message


def test_short_answer_is_reported_with_its_count(clean, check):
    clean.answers["1"] = " ".join(["word"] * 199)
    [f] = check(clean, select=["TC102"])
    assert f.location.question == "1" and "199 words" in f.message and "200" in f.message


def test_answer_at_the_minimum_is_fine(clean, check):
    clean.answers["1"] = " ".join(["word"] * 200)
    clean.answers["8"] = "Published at our webpage, see link."
    assert check(clean, select=["TC102"]) == []


def test_placeholder_in_an_answer_has_its_span(clean, check):
    text = f"Our budget is {PLACEHOLDER} this year."
    clean.answers["2"] = text + " " + clean.answers["2"]
    [f] = check(clean, select=["TC103"])
    assert f.location.question == "2"
    assert text[f.location.start:f.location.end] == PLACEHOLDER


def test_placeholders_in_action_fields_are_reported(clean, check):
    clean.new_plan.actions[2].success_measures = "[Insert measure here]"
    clean.previous_plan.actions[0].progress = "lorem ipsum dolor"
    found = check(clean, select=["TC103"])
    assert [(f.location.section, f.location.ref, f.location.field) for f in found] == [
        (Section.PREVIOUS_PLAN, "V01", "progress"),
        (Section.NEW_PLAN, "C01", "success_measures"),
    ]


def test_lower_case_tbc_inside_words_is_not_a_placeholder(clean, check):
    clean.answers["2"] += " The tbc-index and TBCs of the lab are fine."
    assert check(clean, select=["TC103"]) == []


def test_placeholder_links_are_reported_with_their_span(clean, check):
    text = "See [our profiles](#) and [the blog]() for more."
    clean.answers["4"] = text + "\n\n" + clean.answers["4"]
    found = check(clean, select=["TC104"])
    assert [text[f.location.start:f.location.end] for f in found] == ["[our profiles](#)", "[the blog]()"]


def test_links_in_code_and_real_links_are_fine(clean, check):
    clean.answers["4"] += "\n\nWrite `[text](#)` for a link; see [site](https://www.example.ac.uk)."
    assert check(clean, select=["TC104"]) == []


@pytest.mark.parametrize("url", ["", "www.westbridge.ac.uk/tc", "ftp://westbridge.ac.uk", "https://", "https://intranet"])
def test_bad_webpage_address_is_reported(clean, check, url):
    clean.webpage_url = url
    [f] = check(clean, select=["TC105"])
    assert f.location == Location(Section.QUESTION, question="8", field="webpage_url")


# --- previous plan --------------------------------------------------------------------------------

def test_red_action_without_explanation_is_reported(clean, check):
    s01 = clean.previous_plan.actions[3]
    s01.explanation, s01.progress = "", "Not started."
    [f] = check(clean, select=["TC201"])
    assert f.location == Location(Section.PREVIOUS_PLAN, ref="S01", index=3, field="explanation")
    assert "S01" in f.message


def test_red_action_with_reason_cue_in_progress_is_not_reported(clean, check):
    s01 = clean.previous_plan.actions[3]
    s01.explanation, s01.progress = "", "Work was paused due to the estates restructure."
    assert check(clean, select=["TC201"]) == []


def test_unrated_action_is_reported(clean, check):
    clean.previous_plan.actions[1].rag = None
    [f] = check(clean, select=["TC202"])
    assert (f.location.ref, f.location.field) == ("R01", "rag")


def test_stated_counts_that_differ_from_the_table_are_reported(clean, check):
    clean.answers["3"] = "We had 71 actions on our plan (**14 Red**, 36 Amber & 21 Green).\n\n" + clean.answers["3"].split("\n\n", 1)[1]
    found = check(clean, select=["TC203"])
    text = clean.answers["3"]
    assert [text[f.location.start:f.location.end] for f in found] == ["71 actions", "14 Red", "36 Amber", "21 Green"]
    assert "71" in found[0].message and "8" in found[0].message


def test_matching_counts_and_numbers_in_words_are_not_reported(clean, check):
    clean.answers["3"] = "Of 8 actions, 1 red, 5 amber actions and 2 green. Fourteen red actions were closed earlier."
    assert check(clean, select=["TC203"]) == []
    clean.answers["3"] = "15 actions were dependent on the survey before they could progress."
    assert check(clean, select=["TC203"]) == []


def test_duplicate_ref_is_reported_at_the_second_action(clean, check):
    clean.new_plan.actions[4].ref = "v01"
    [f] = check(clean, select=["TC204"])
    assert (f.location.section, f.location.index) == (Section.NEW_PLAN, 4) and "#1" in f.message


def test_unfinished_action_neither_carried_nor_explained_is_reported(clean, check):
    r01 = clean.previous_plan.actions[1]
    r01.explanation, r01.progress = "", "Delayed because of staff changes."
    [f] = check(clean, select=["TC205"])
    assert f.location.ref == "R01" and "amber" in f.message


def test_unfinished_action_carried_forward_is_fine(clean, check):
    clean.previous_plan.actions[1].explanation = ""
    clean.new_plan.actions[1].carried_from = "R01, S02"
    assert check(clean, select=["TC205"]) == []


def test_ref_letter_of_another_pillar_is_reported(clean, check):
    clean.new_plan.actions[1].ref = "V07"  # a Recognition action
    [f] = check(clean, select=["TC206"])
    assert f.location.field == "pillar" and "Recognition" in f.message and "Visibility" in f.message


def test_recognition_ref_r05_with_talent_r5_confuses_nothing(clean, check):
    action = clean.new_plan.actions[1]
    action.ref, action.talent = "R05", ["R5"]
    assert action.pillar is Pillar.RECOGNITION
    assert check(clean, select=["TC206", "TC402", "TC401"]) == []


# --- technician voice and TALENT ------------------------------------------------------------------

def test_question_7_without_a_mechanism_is_reported(clean, check):
    clean.answers["7"] = "The plan was written by the Head of Technical Services for the technicians. " * 20
    [f] = check(clean, select=["TC301"])
    assert f.location.question == "7" and "mechanism" in f.message


def test_question_7_with_technicians_and_a_survey_is_fine(clean, check):
    clean.answers["7"] = "All technicians were invited to our 2025 Technician Survey, whose results set the priorities."
    assert check(clean, select=["TC301"]) == []


def test_missing_talent_mapping_is_a_warning_before_and_an_error_now(clean, check):
    clean.previous_plan.actions[0].talent = []
    clean.new_plan.actions[0].talent = []
    prev, new = check(clean, select=["TC401"])
    assert (prev.location.section, prev.severity) == (Section.PREVIOUS_PLAN, Severity.WARNING)
    assert (new.location.section, new.severity) == (Section.NEW_PLAN, Severity.ERROR)


def test_unknown_talent_code_is_reported(clean, check):
    clean.new_plan.actions[0].talent = ["R17", "r 5"]
    [f] = check(clean, select=["TC402"])
    assert '"R17"' in f.message and f.location.field == "talent"


def test_question_5_without_talent_is_reported(clean, check):
    clean.answers["5"] = "We develop technical talent and skills across the university. " * 30
    [f] = check(clean, select=["TC403"])
    assert f.location.question == "5"


def test_new_plan_without_any_talent_code_is_reported(clean, check):
    for a in clean.new_plan.actions:
        a.talent = []
    found = check(clean, select=["TC403"])
    assert [f.location.section for f in found] == [Section.NEW_PLAN]
    clean.new_plan.actions = []
    assert len(check(clean, select=["TC403"])) == 1


# --- new plan -------------------------------------------------------------------------------------

def test_pillar_without_new_actions_is_reported(clean, check):
    clean.new_plan.actions = [a for a in clean.new_plan.actions if a.pillar is not Pillar.SUSTAINABILITY]
    [f] = check(clean, select=["TC501"])
    assert "Sustainability" in f.message


@pytest.mark.parametrize(("code", "field"), [("TC502", "owner"), ("TC503", "due"), ("TC504", "success_measures"), ("TC505", "resourcing")])
def test_blank_new_action_field_is_reported(clean, check, code, field):
    setattr(clean.new_plan.actions[2], field, "")
    [f] = check(clean, select=[code])
    assert f.location == Location(Section.NEW_PLAN, ref="C01", index=2, field=field)
    assert "C01" in f.message


def test_due_date_outside_the_plan_period_is_reported(clean, check):
    clean.new_plan.actions[0].due = "2031-03"
    [f] = check(clean, select=["TC506"])
    assert f.location.field == "due" and "2031-03" in f.message


def test_due_inside_the_period_or_free_text_is_fine(clean, check):
    clean.new_plan.actions[0].due = "2029-12-31"
    clean.new_plan.actions[1].due = "Ongoing"
    assert check(clean, select=["TC506"]) == []



def test_a_webpage_address_without_scheme_gets_a_suggestion(clean, check):
    clean.webpage_url = "www.westbridge.ac.uk/tc"
    [f] = check(clean, select=["TC105"])
    assert f.suggestion is not None and f.suggestion.text == "https://www.westbridge.ac.uk/tc"
    assert not f.suggestion.automatic


def test_every_rule_is_tested_here_both_ways(pm):
    """Catalogue check: each code is selected by a test that expects findings and by one that expects none."""
    import re
    from pathlib import Path

    from tcdesk.rules.engine import build_rule_set

    source = Path(__file__).read_text(encoding="utf-8")
    tests = re.split(r"\n(?=@pytest|def test_)", source)
    for rule in build_rule_set(pm).rules:
        if rule.code == "TC000":
            continue  # the engine's own finding: tests/rules/test_engine.py
        mine = [t for t in tests if f'"{rule.code}"' in t]
        assert any("== []" not in t for t in mine), f"{rule.code}: no test where it fires"
        assert any("== []" in t for t in mine) or rule.code in _QUIET_BY_CLEAN, f"{rule.code}: no near miss"


# Rules whose quiet case is the clean submission itself (test_clean_submission_has_no_findings).
_QUIET_BY_CLEAN = {"TC001", "TC004", "TC006", "TC101", "TC202", "TC204", "TC301", "TC401", "TC403", "TC501",
                   "TC502", "TC503", "TC504", "TC505", "TC105", "TC003"}


def test_years_are_not_read_as_rag_counts(clean, check):
    clean.answers["3"] = "In 2024 green roofs were added; our 8 actions (1 red, 5 amber, 2 green) are listed below."
    assert check(clean, select=["TC203"]) == []


def test_colour_counts_are_not_compared_while_no_action_is_rated(clean, check):
    for a in clean.previous_plan.actions:
        a.rag = None
    clean.answers["3"] = "Our plan had 9 actions (1 Red, 5 Amber & 2 Green)."
    [f] = check(clean, select=["TC203"])
    assert "9 actions in all" in f.message
