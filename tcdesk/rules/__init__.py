"""The rule engine: rules read a submission and produce findings; it knows no particular rule."""

from tcdesk.rules.finding import Finding, Location, Section, Severity, Suggestion
from tcdesk.rules.rule import Example, Rule, Status

__all__ = ["Example", "Finding", "Location", "Rule", "Section", "Severity", "Status", "Suggestion"]
