"""Builds the rule set from the plugins and runs it: each rule isolated, findings sorted.

A rule that raises, returns something that is not a finding, or overruns its time budget becomes one
TC000 finding naming the plugin and the rule; every other rule still runs.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pluggy

from tcdesk import paths
from tcdesk.pluginmanager import call_each
from tcdesk.rules.checks import CheckType
from tcdesk.rules.context import CheckContext
from tcdesk.rules.finding import Finding, Location, Section, Severity
from tcdesk.rules.pack_cache import load_pack
from tcdesk.rules.packs import PackData, RulePackError
from tcdesk.rules.rule import Example, Rule

__all__ = ["DEFAULT_BUDGET", "PLUGIN_ERROR", "RuleSet", "build_rule_set", "matches_codes", "parse_codes"]

DEFAULT_BUDGET = 2.0  # seconds per rule; generous, as the whole set takes milliseconds
BUDGET_VARIABLE = "TCDESK_RULE_BUDGET"  # overrides the budget, e.g. for a slow shared machine
WAIT_FACTOR = 3  # a rule that waits rather than computes is stopped after this many budgets of wall clock


def _no_findings(ctx: CheckContext, rule: Rule) -> Iterable[Finding]:
    return ()


PLUGIN_ERROR = Rule(
    code="TC000",
    name="plugin-error",
    severity=Severity.ERROR,
    summary="A rule plugin raised an error or ran out of time, so its check did not run.",
    message="{detail}",
    why="A check that did not run cannot vouch for the submission: the result is incomplete until "
    "the plugin is fixed or removed. Every other rule still ran.",
    example=Example(
        fails="An installed plugin's rule raises KeyError: 'rag' on every check.",
        passes="The plugin is fixed or uninstalled; no TC000 finding appears.",
    ),
    check=_no_findings,
    checks_what="Not a check of the submission: the engine reports here when a rule plugin fails.",
    source="built-in",
)


def matches_codes(code: str, patterns: Iterable[str]) -> bool:
    """Whether ``code`` is one of ``patterns``, a pattern being a code or its prefix (``TC2`` → TC2xx)."""
    return any(code.upper().startswith(p.strip().upper()) for p in patterns if p.strip())


@dataclass
class RuleSet:
    """Every loaded rule, the packs' shared data, and problems met while loading plugins."""

    rules: list[Rule]
    data: dict[str, Any] = field(default_factory=dict)
    load_errors: list[str] = field(default_factory=list)
    budget: float = DEFAULT_BUDGET

    def by_code(self, code: str) -> Rule | None:
        code = code.strip().upper()
        return next((r for r in self.rules if r.code == code), None)

    def selected(self, select: Iterable[str] | None = None, ignore: Iterable[str] | None = None) -> list[Rule]:
        select, ignore = list(select or ()), list(ignore or ())
        return [
            r for r in self.rules
            if (not select or matches_codes(r.code, select)) and not matches_codes(r.code, ignore)
        ]

    def check(
        self,
        submission: Any,
        today: date | None = None,
        select: Iterable[str] | None = None,
        ignore: Iterable[str] | None = None,
    ) -> list[Finding]:
        """Run the selected rules on ``submission`` and return their findings, sorted."""
        select, ignore = list(select or ()), list(ignore or ())
        ctx = CheckContext(submission, today or date.today(), self.data)
        rules = [r for r in self.selected(select, ignore) if r is not PLUGIN_ERROR]
        findings = _run_isolated(rules, ctx, self.budget)
        findings += [PLUGIN_ERROR.finding(Location(Section.COVER), detail=e) for e in self.load_errors]
        findings = [
            f for f in findings
            if f.code != PLUGIN_ERROR.code or (not ignore or not matches_codes(f.code, ignore))
        ]
        findings.sort(key=Finding.sort_key)
        return findings


def _describe(rule: Rule) -> str:
    return f"rule {rule.code} {rule.name} from {rule.source or 'an unknown plugin'}"


class _Worker:
    """Runs rules one after another in a daemon thread, recording each result and when each began."""

    def __init__(self, rules: Sequence[Rule], ctx: CheckContext) -> None:
        self.rules = rules
        self.results: list[tuple[bool, Any]] = []
        # The running rule's start (wall clock, this thread's CPU clock); None between two rules.
        self.began: tuple[float, float] | None = None
        self.cancelled = False
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._run, args=(ctx,), daemon=True, name="tcdesk-rules")
        self.thread.start()

    def _run(self, ctx: CheckContext) -> None:
        for rule in self.rules:
            if self.cancelled:
                return
            self.began = (time.monotonic(), time.thread_time())
            try:
                found = list(rule.check(ctx, rule) or ())
                bad = next((f for f in found if not isinstance(f, Finding)), None)
                result = (False, f"returned {type(bad).__name__}, not a Finding") if bad is not None else (True, found)
            except Exception as exc:  # noqa: BLE001 - a faulty plugin must not stop the others
                result = (False, f"raised {type(exc).__name__}: {exc}")
            self.results.append(result)
            self.began = None
        self.done.set()

    def overran(self, budget: float) -> bool:
        """Whether the running rule has used ``budget`` seconds of CPU, or waited ``WAIT_FACTOR`` budgets.

        CPU time, because on a busy machine a rule of 100,000 actions may wait for the processor
        longer than it computes; a rule that sleeps or blocks is still stopped by the wall clock.
        Where a thread's CPU clock cannot be read, the wall clock alone decides.
        """
        began = self.began
        if began is None:
            return False
        wall_start, cpu_start = began
        wall = time.monotonic() - wall_start
        try:
            cpu = time.clock_gettime(time.pthread_getcpuclockid(self.thread.ident or 0)) - cpu_start
        except (AttributeError, OSError):  # no per-thread CPU clock on this platform
            return wall > budget
        return cpu > budget or wall > budget * WAIT_FACTOR


def _run_isolated(rules: list[Rule], ctx: CheckContext, budget: float) -> list[Finding]:
    """Run rules in a worker thread; a rule that overruns its ``budget`` (see :meth:`_Worker.overran`) is abandoned.

    The caller wakes only every ``budget / 10`` seconds to look at the clock, so a normal check
    costs one thread hand-over, not one per rule. Python cannot stop a thread: an abandoned rule
    runs on in the background, its worker stops before its next rule, and a fresh worker takes
    over the rules after it.
    """
    findings: list[Finding] = []
    pending = list(rules)
    poll = max(0.01, min(budget / 10, 0.2))
    while pending:
        worker = _Worker(pending, ctx)
        stopped_at = None
        while not worker.done.wait(poll):
            completed = len(worker.results)
            if worker.overran(budget) and len(worker.results) == completed:
                worker.cancelled = True
                stopped_at = completed  # results that arrive after this moment are ignored
                break
        completed = len(worker.results) if stopped_at is None else stopped_at
        for rule, (ok, result) in zip(pending, worker.results[:completed]):
            if ok:
                findings.extend(result)
            else:
                findings.append(PLUGIN_ERROR.finding(Location(Section.COVER), detail=f"{_describe(rule)} {result}"))
        if stopped_at is None:
            break
        stuck = pending[completed]
        findings.append(PLUGIN_ERROR.finding(Location(Section.COVER), detail=f"{_describe(stuck)} took longer than {budget:g} s and was stopped"))
        pending = pending[completed + 1:]
    return findings


def _pack_source(path: Path, plugin_source: str | None) -> str:
    """Where a pack comes from: its path in the checkout, the plugin that ships it, or its folder."""
    try:
        return path.resolve().relative_to(paths.base_dir()).as_posix()
    except ValueError:
        pass
    return f"{plugin_source} ({path.name})" if plugin_source else str(path)


def build_rule_set(
    pm: pluggy.PluginManager,
    rule_dirs: Sequence[str | Path] = (),
    include_user_rules: bool = True,
    budget: float | None = None,
) -> RuleSet:
    """Collect rules from every plugin, the packs they register, ``rule_dirs`` and the user's folder.

    :param budget: seconds each rule may run (default: ``TCDESK_RULE_BUDGET`` or 2).

    :raises RulePackError: when a pack cannot be loaded (naming the file and line).
    """
    load_errors: list[str] = []
    check_types: dict[str, CheckType] = {}
    for each in call_each(pm, "register_check_types"):
        if each.error is not None:
            load_errors.append(f"plugin {each.plugin_name} failed to register check types: {each.error}")
        else:
            check_types.update(each.result or {})
    rules: dict[str, Rule] = {PLUGIN_ERROR.code: PLUGIN_ERROR}
    data = PackData()
    severity_overrides: dict[str, tuple[Severity, str]] = {}

    def add(rule: Rule, origin: str) -> None:
        if rule.code in rules:
            load_errors.append(f"{origin} defines {rule.code} again ({rule.name}); the first definition ({rules[rule.code].source}) is kept")
            return
        rules[rule.code] = rule

    for each in call_each(pm, "register_rules"):
        if each.error is not None:
            load_errors.append(f"plugin {each.plugin_name} failed to register rules: {each.error}")
            continue
        for rule in each.result or ():
            add(rule if rule.source else rule.with_changes(source=each.source), f"plugin {each.plugin_name}")
    pack_dirs: list[tuple[Path, str | None]] = []
    for each in call_each(pm, "register_rule_packs"):
        if each.error is not None:
            load_errors.append(f"plugin {each.plugin_name} failed to register rule packs: {each.error}")
        else:
            pack_dirs += [(Path(p), each.source) for p in each.result or ()]
    pack_dirs += [(Path(d), None) for d in rule_dirs]
    if include_user_rules:
        pack_dirs += [(d, None) for d in _user_pack_dirs()]
    for directory, origin in pack_dirs:
        if not Path(directory).is_dir():
            raise RulePackError("no such rules folder", directory)
        pack = load_pack(directory, check_types, source=_pack_source(directory, origin))
        data.add(pack)  # later packs extend earlier lists; replacing a value must be declared
        severity_overrides.update({code: (sev, pack.source) for code, sev in pack.severities.items()})
        for rule in pack.rules:
            add(rule, f"pack {pack.source}")
    data.check()
    for code, (severity, pack_source) in severity_overrides.items():
        if code not in rules:
            load_errors.append(f"pack {pack_source} sets the severity of {code}, but no rule has this code")
        elif rules[code].severities:
            load_errors.append(f"pack {pack_source} sets one severity for {code}, whose severity depends on the plan")
        else:
            rules[code] = rules[code].with_changes(severity=severity)
    if budget is None:
        try:
            budget = float(os.environ.get(BUDGET_VARIABLE, DEFAULT_BUDGET))
        except ValueError:
            budget = DEFAULT_BUDGET
    return RuleSet(sorted(rules.values(), key=lambda r: r.code), data.values, load_errors, budget)


def _user_pack_dirs() -> list[Path]:
    """The per-user rules folder: a pack itself, or a folder of packs."""
    root = paths.user_rules_dir()
    if not root.is_dir():
        return []
    if (root / "pack.yaml").is_file():
        return [root]
    return sorted(d for d in root.iterdir() if (d / "pack.yaml").is_file())


def parse_codes(values: Iterable[str] | str | None) -> list[str]:
    """``"TC201,TC3"`` or ``["TC201", "TC3"]`` → ``["TC201", "TC3"]``."""
    if values is None:
        return []
    if isinstance(values, str):
        values = [values]
    return [c.strip() for v in values for c in v.split(",") if c.strip()]

