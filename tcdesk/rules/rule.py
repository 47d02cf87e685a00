"""Rule identity and documentation: what a rule is called, how serious it is, and why it matters."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from tcdesk.rules.finding import Finding, Location, Severity, Suggestion

if TYPE_CHECKING:
    from tcdesk.rules.context import CheckContext

__all__ = ["Example", "Rule", "RuleCheck", "Status"]

# A rule's check: reads the context and yields findings (made with ``rule.finding``).
RuleCheck = Callable[["CheckContext", "Rule"], Iterable[Finding]]


class Status(StrEnum):
    STABLE = "stable"
    PREVIEW = "preview"
    DEPRECATED = "deprecated"


@dataclass(frozen=True, slots=True)
class Example:
    """A short failing case and the same case fixed."""

    fails: str
    passes: str


class _Formatter(dict):
    # Unknown placeholders stay visible instead of raising, so a typo in a pack never hides a finding.
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule: public identity, documentation, and the check that produces its findings.

    ``severities`` gives a severity per section (``previous-plan``, ``new-plan`` …) for a rule whose
    seriousness depends on where it fires; ``severity`` is the default.
    """

    code: str
    name: str
    severity: Severity
    summary: str
    message: str
    why: str
    example: Example
    check: RuleCheck = field(repr=False, compare=False)
    checks_what: str = ""
    since: str = "0.1"
    status: Status = Status.STABLE
    source: str = ""
    severities: Mapping[str, Severity] = field(default_factory=dict)

    def severity_for(self, location: Location) -> Severity:
        return self.severities.get(location.section.value, self.severity)

    def finding(
        self,
        location: Location,
        suggestion: Suggestion | None = None,
        severity: Severity | None = None,
        **values: Any,
    ) -> Finding:
        """A finding of this rule at ``location``, its message rendered with ``values``."""
        if location.ref is not None:
            values.setdefault("ref", location.ref)
        if location.question is not None:
            values.setdefault("question", location.question)
        if "where" not in values:
            values["where"] = Location(location.section, location.question, location.ref, location.index, location.field).describe()
        return Finding(
            code=self.code,
            name=self.name,
            severity=severity or self.severity_for(location),
            message=self.message.format_map(_Formatter(values)),
            location=location,
            suggestion=suggestion,
        )

    def with_changes(self, **changes: Any) -> Rule:
        return replace(self, **changes)

    def severity_label(self) -> str:
        if not self.severities:
            return self.severity.value
        return " / ".join(f"{sev.value} ({section.replace('-', ' ')})" for section, sev in self.severities.items())

    def documentation(self) -> str:
        """The rule's reference page in Markdown: summary, what it checks, why, failing and passing example."""
        lines = [
            f"## {self.code} {self.name}",
            "",
            f"*{self.severity_label()}* · since {self.since} · {self.status.value} · {self.source or 'built-in'}",
            "",
            self.summary,
            "",
        ]
        if self.checks_what:
            lines += ["**What it checks.** " + " ".join(self.checks_what.split()), ""]
        lines += [
            "**Why it matters.** " + " ".join(self.why.split()),
            "",
            "**Fails:** " + " ".join(self.example.fails.split()),
            "",
            "**Passes:** " + " ".join(self.example.passes.split()),
            "",
        ]
        return "\n".join(lines)
