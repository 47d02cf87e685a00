"""Parts of the form: order, completion and which part a finding belongs to."""

from __future__ import annotations

from datetime import date

from tcdesk.rules.finding import Finding, Location, Section, Severity
from tcdesk.ui.parts import PartCounts, count_by_part, is_complete, part_for_location, parts


def test_parts_follow_the_form():
    keys = [p.key for p in parts()]
    assert keys == ["cover", "q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "previous", "new", "signoff"]
    assert parts()[1].title.startswith("1. ")


def test_completion_of_each_part(make_submission):
    sub = make_submission()
    assert not any(is_complete(sub, p.key) for p in parts())
    sub = make_submission(
        organisation="Northmoor",
        webpage_url="https://northmoor.ac.uk/tc",
        leads=[{"name": "Ada", "role": "", "email": "ada@northmoor.ac.uk"}],
        prev=[dict(ref="V01", rag="green"), dict(ref="V02")],
        new=[dict(ref="V01")],
    )
    sub.answers["5"] = "TALENT"
    sub.signoff.lead.name, sub.signoff.lead.date = "Ada", date(2026, 1, 5)
    assert is_complete(sub, "cover") and is_complete(sub, "q5") and is_complete(sub, "new")
    assert not is_complete(sub, "previous")  # V02 has no rating yet
    assert not is_complete(sub, "signoff")  # the leader has not signed


def test_findings_are_counted_in_the_part_that_shows_them():
    def f(sev, loc):
        return Finding("TC999", "x", sev, "m", loc)

    findings = [
        f(Severity.ERROR, Location(Section.COVER, field="organisation")),
        f(Severity.ERROR, Location(Section.QUESTION, question="8", field="webpage_url")),
        f(Severity.WARNING, Location(Section.QUESTION, question="3", start=1, end=2)),
        f(Severity.WARNING, Location(Section.PREVIOUS_PLAN, index=0, field="rag")),
        f(Severity.INFO, Location(Section.SIGNOFF, field="lead.date")),
    ]
    assert count_by_part(findings) == {"cover": PartCounts(2, 0), "q3": PartCounts(0, 1), "previous": PartCounts(0, 1)}
    assert part_for_location(Location(Section.NEW_PLAN, index=3)) == "new"
    assert part_for_location(Location(Section.SIGNOFF)) == "signoff"
