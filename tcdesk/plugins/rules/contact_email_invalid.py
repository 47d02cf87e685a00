"""TC003 contact-email-invalid: the leads give no e-mail address, or one that is not valid."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tcdesk.rules.context import CheckContext
from tcdesk.rules.finding import Finding, Location, Section, Severity
from tcdesk.rules.rule import Example, Rule

_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$")


def check(ctx: CheckContext, rule: Rule) -> Iterator[Finding]:
    leads = ctx.submission.leads
    if not any(lead.email.strip() for lead in leads):
        yield rule.finding(Location(Section.COVER, field="leads"), problem="No contact e-mail is given for the institutional leads")
        return
    for i, lead in enumerate(leads):
        email = lead.email.strip()
        if email and not _EMAIL.match(email):
            who = lead.name or f"lead {i + 1}"
            yield rule.finding(Location(Section.COVER, field=f"leads[{i}].email"), problem=f"The e-mail of {who}, \"{email}\", is not a valid address")


RULE = Rule(
    code="TC003",
    name="contact-email-invalid",
    severity=Severity.ERROR,
    summary="No institutional lead has an e-mail address, or an address is not valid.",
    message="{problem}",
    checks_what="At least one institutional lead must have an e-mail address, and every address given must look like name@domain.tld (no \"mailto:\", no spaces).",
    why="The scheme publishes a named point of contact for every signatory and writes to the leads about the "
    "submission; an address that bounces cuts that line.",
    example=Example(fails="E-mails: p.marsh(at)northmoor.ac.uk", passes="E-mails: p.marsh@northmoor.ac.uk"),
    check=check,
)
