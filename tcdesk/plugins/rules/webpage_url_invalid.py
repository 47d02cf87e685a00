"""TC105 webpage-url-invalid: the webpage address is missing or not an absolute http(s) URL."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from tcdesk.rules.context import CheckContext
from tcdesk.rules.finding import Finding, Location, Section, Severity, Suggestion
from tcdesk.rules.rule import Example, Rule


def is_web_address(url: str) -> bool:
    """An absolute http(s) URL with a dotted host name and no spaces."""
    if not url or any(ch.isspace() for ch in url):
        return False
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and "." in host and not host.startswith(".") and not host.endswith(".")


def check(ctx: CheckContext, rule: Rule) -> Iterator[Finding]:
    url = ctx.submission.webpage_url.strip()
    loc = Location(Section.QUESTION, question="8", field="webpage_url")
    if not url:
        yield rule.finding(loc, problem="No webpage address is given (question 8 asks for it)")
    elif not is_web_address(url):
        fixed = "https://" + url.lstrip("/")
        suggestion = Suggestion(fixed) if "://" not in url and is_web_address(fixed) else None
        yield rule.finding(loc, suggestion, problem=f"The webpage address \"{url}\" is not an absolute http(s) address")


RULE = Rule(
    code="TC105",
    name="webpage-url-invalid",
    severity=Severity.ERROR,
    summary="The webpage address is missing or not an absolute http(s) URL.",
    message="{problem}",
    checks_what="The submission's webpage_url (question 8; importers fill it from question 8's text) must be an "
    "absolute http:// or https:// address with a host name, such as https://www.example.ac.uk/technicians.",
    why="Signatories must publish their status and action plan on a dedicated, discoverable webpage, and "
    "question 8 asks for its address. Assessors follow the link; a relative or partial address leads nowhere.",
    example=Example(fails="Webpage: www.northmoor.ac.uk/tc", passes="Webpage: https://www.northmoor.ac.uk/technician-commitment"),
    check=check,
)
