"""The Qt-free application service both front ends talk to: open, save, import, export, check."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pluggy

from tcdesk import interchange
from tcdesk.errors import InvalidInputError
from tcdesk.export.base import Exporter, Importer, ImportResult
from tcdesk.model import Submission

PROJECT_SUFFIX = ".tcdesk"


def is_project(path: str | Path) -> bool:
    return str(path).lower().endswith(PROJECT_SUFFIX)


def is_interchange(path: str | Path) -> bool:
    return str(path).lower().endswith(interchange.SUFFIX)


class Session:
    """One open submission, where it lives, and the plugins that read, write and check it."""

    def __init__(
        self,
        submission: Submission | None = None,
        path: str | Path | None = None,
        pm: pluggy.PluginManager | None = None,
    ) -> None:
        self.submission = submission if submission is not None else Submission()
        self.path = Path(path) if path is not None else None
        self._pm = pm

    @property
    def pm(self) -> pluggy.PluginManager:
        if self._pm is None:
            from tcdesk.pluginmanager import get_plugin_manager

            self._pm = get_plugin_manager()
        return self._pm

    # --- formats ---------------------------------------------------------------------------------

    def exporters(self) -> dict[str, Exporter]:
        """Every registered exporter by name; a later plugin with the same name wins."""
        found: dict[str, Exporter] = {}
        for contribution in reversed(self.pm.hook.register_exporters()):
            for exporter in contribution or ():
                found[exporter.name] = exporter
        return found

    def importers(self) -> list[Importer]:
        return [imp for contribution in reversed(self.pm.hook.register_importers()) for imp in contribution or ()]

    def importer_for(self, path: str | Path) -> Importer:
        name = str(path).lower()
        # Longest suffix first, so ".tcdesk.json" beats ".json".
        candidates = sorted(
            ((s, imp) for imp in self.importers() for s in imp.suffixes if name.endswith(s)),
            key=lambda pair: -len(pair[0]),
        )
        if not candidates:
            known = sorted({s for imp in self.importers() for s in imp.suffixes} | {PROJECT_SUFFIX})
            raise InvalidInputError(f"unsupported file type (tcdesk reads {', '.join(known)})", path)
        return candidates[0][1]

    # --- reading and writing ---------------------------------------------------------------------

    def load(self, path: str | Path, options: Mapping[str, str] | None = None) -> Submission:
        """Read any supported file without changing it: a project, interchange JSON or an import."""
        path = Path(path)
        if is_project(path):
            from tcdesk.storage import load_project

            return load_project(path)
        if is_interchange(path):
            return interchange.read(path)
        return self.import_file(path, options).submission

    def import_file(self, path: str | Path, options: Mapping[str, str] | None = None) -> ImportResult:
        path = Path(path)
        if not path.exists():
            raise InvalidInputError("no such file", path)
        return self.importer_for(path).load(path, options)

    @classmethod
    def open(cls, path: str | Path, pm: pluggy.PluginManager | None = None) -> Session:
        session = cls(pm=pm)
        session.submission = session.load(path)
        session.path = Path(path)
        return session

    def save(self, path: str | Path | None = None) -> Path:
        """Save to ``path`` (or where it came from): a project file, or interchange JSON."""
        target = Path(path) if path is not None else self.path
        if target is None:
            raise InvalidInputError("no file to save to: choose a file name")
        if is_project(target):
            from tcdesk.storage import save_project

            save_project(self.submission, target)
        elif is_interchange(target):
            interchange.write(self.submission, target)
        else:
            raise InvalidInputError(f"can only save as {PROJECT_SUFFIX} or {interchange.SUFFIX}", target)
        self.path = target
        return target

    def export(self, name: str, path: str | Path) -> Path:
        exporters = self.exporters()
        if name not in exporters:
            raise InvalidInputError(f"no exporter {name!r} (available: {', '.join(sorted(exporters))})")
        target = Path(path)
        exporters[name].export(self.submission, target)
        return target

    def renew(self, last: str | Path, period: str | None = None, from_previous_plan: bool = False):
        """Start this cycle's submission from last cycle's file (any file tcdesk reads); not yet saved.

        :returns: a :class:`tcdesk.renewal.Renewal` (the submission, now open here, and notes for the user).
        :raises tcdesk.renewal.NoNewPlanError: the file has no new plan; retry with ``from_previous_plan``.
        """
        from tcdesk import renewal

        last = Path(last)
        if is_project(last) or is_interchange(last):
            lines = []
            previous = self.load(last)
        else:
            imported = self.import_file(last)
            lines, previous = [f"import: {line}" for line in imported.report.summary_lines()], imported.submission
        result = renewal.renew(previous, last.name, period, from_previous_plan)
        result.notes[:0] = lines
        self.submission, self.path = result.submission, None
        return result

    # --- checking --------------------------------------------------------------------------------

    def rule_set(self, rule_dirs: tuple[str | Path, ...] | list[str | Path] = ()):
        """The rules of every plugin, pack, ``rule_dirs`` folder and the user's rules folder, built once.

        :raises tcdesk.rules.packs.RulePackError: when a pack cannot be loaded (naming file and line).
        """
        from tcdesk.rules.engine import build_rule_set

        key = tuple(str(Path(d).resolve()) for d in rule_dirs)
        with _RULES_LOCK:
            cache = self.__dict__.setdefault("_rule_sets", {})
            if key not in cache:
                cache[key] = build_rule_set(self.pm, [Path(d) for d in key])
            return cache[key]

    def rules(self, rule_dirs: tuple[str | Path, ...] | list[str | Path] = ()) -> list:
        """Every rule, in code order (each with code, name, severity, summary, source, ``documentation()``)."""
        return list(self.rule_set(rule_dirs).rules)

    def check(self, today=None, select=None, ignore=None, rule_dirs=()) -> list:
        """Check the open submission and return the findings, sorted by location then code.

        Safe to call from a worker thread: it reads the submission and never changes it.

        :param today: the check date for date rules (default: today).
        :param select: codes or code prefixes to run (default: all).
        :param ignore: codes or code prefixes to leave out.
        :param rule_dirs: extra rule-pack folders, as ``tcdesk check --rules``.
        """
        from tcdesk.rules.engine import parse_codes

        return self.rule_set(tuple(rule_dirs)).check(self.submission, today, parse_codes(select), parse_codes(ignore))


_RULES_LOCK = __import__("threading").RLock()
