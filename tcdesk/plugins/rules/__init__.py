"""The built-in rules written in Python, one rule per module, each exposing ``RULE``."""

from __future__ import annotations

import importlib

from tcdesk.rules.rule import Rule

MODULES = (
    "contact_email_invalid",
    "signoff_date_implausible",
    "placeholder_link",
    "webpage_url_invalid",
    "red_action_unexplained",
    "rag_summary_mismatch",
    "duplicate_action_ref",
    "unfinished_action_dropped",
    "ref_pillar_mismatch",
    "talent_mapping_missing",
    "talent_code_unknown",
    "talent_not_addressed",
    "pillar_without_actions",
    "due_outside_plan",
    "figure_alt_missing",
    "link_text_vague",
    "heading_only_answer",
    "image_of_text",
    "pdf_cannot_draw",
)


def python_rules() -> list[Rule]:
    return [importlib.import_module(f"{__name__}.{m}").RULE for m in MODULES]
