"""The Qt-free application service both front ends talk to: open, save, import, export, check."""

from __future__ import annotations

import logging
import threading
from collections.abc import Hashable, Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pluggy

from tcdesk import interchange
from tcdesk.errors import InvalidInputError, ProjectFileError, TcdeskError
from tcdesk.fileio import refuse_unreadable_input
from tcdesk.formats import INTERCHANGE, PROJECT, Formats, Kind
from tcdesk.model import Submission

if TYPE_CHECKING:
    from tcdesk.diff import Change
    from tcdesk.export.base import Exporter, Importer, ImportResult
    from tcdesk.merge import MergeResult, Side
    from tcdesk.renewal import Renewal
    from tcdesk.rules.engine import RuleSet
    from tcdesk.rules.finding import Finding
    from tcdesk.rules.rule import Rule

__all__ = ["ImportResult", "Session"]


def __getattr__(name: str) -> Any:
    # ImportResult is re-exported for the editor's import preview; a check of a JSON file never
    # builds one, so tcdesk.export.base (four dataclasses) loads when it is first asked for.
    if name == "ImportResult":
        from tcdesk.export.base import ImportResult

        return ImportResult
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

logger = logging.getLogger(__name__)


def fallback_face() -> Path:
    """The bundled face the PDF sets Chinese, Japanese and Korean in, for the editor to show them too."""
    from tcdesk.export.document import style
    from tcdesk.paths import resource

    return resource("fonts", style()["pdf"]["fonts"]["fallback"])


class Session:
    """One open submission, where it lives, and the plugins that read, write and check it."""

    def __init__(
        self,
        submission: Submission | None = None,
        path: str | Path | None = None,
        pm: pluggy.PluginManager | None = None,
        *,
        allow_large: bool = False,
    ) -> None:
        self.submission = submission if submission is not None else Submission()
        self.path = Path(path) if path is not None else None
        #: Projects larger than the limits are read and saved all the same (``--allow-large``, the
        #: editor's "Open anyway"): the user trusts them; see docs/limits.md.
        self.allow_large = allow_large
        self._pm = pm
        self._rule_sets: dict[tuple[str, ...], RuleSet] = {}
        self._contributions: dict[str, tuple[frozenset[int], list[Any]]] = {}

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
        for exporter in self._contributed("register_exporters", ("name", "label", "suffix", "export")):
            found[exporter.name] = exporter
        return found

    def importers(self) -> list[Importer]:
        return self._contributed("register_importers", ("name", "label", "suffixes", "load"))

    def _contributed(self, hook: str, needs: tuple[str, ...]) -> list[Any]:
        """What each plugin's ``hook`` returned, in registration order; a plugin that raises or
        returns something unusable is logged and left out, and the others still count.

        Asked once per set of registered plugins: every format lookup goes through here, and a
        broken plugin is worth one warning, not one per file of a batch.
        """
        from tcdesk.pluginmanager import call_each

        registered = frozenset(map(id, self.pm.get_plugins()))
        known = self._contributions.get(hook)
        if known is not None and known[0] == registered:
            return known[1]
        out = []
        for each in call_each(self.pm, hook):
            items = each.result or ()
            if each.error is None and not isinstance(items, (list, tuple)):
                each = each._replace(error=f"returned {type(items).__name__}, not a list")
            if each.error is not None:
                logger.warning("plugin %s failed in %s: %s", each.plugin_name, hook, each.error)
                continue
            for item in items:
                if all(hasattr(item, attr) for attr in needs):
                    out.append(item)
                else:
                    logger.warning(
                        "plugin %s: %s gave %r, which is not one (it lacks %s)",
                        each.plugin_name,
                        hook,
                        item,
                        ", ".join(a for a in needs if not hasattr(item, a)),
                    )
        self._contributions[hook] = (registered, out)
        return out

    @property
    def formats(self) -> Formats:
        """The formats table: project, interchange, then each plugin's importers and exporters."""
        return Formats(self.importers(), self.exporters().values())

    def importer_for(self, path: str | Path) -> Importer:
        fmt = self.formats.for_reading(path)
        if fmt.importer is None:
            fmt = self.formats.find(path, (Kind.IMPORT,)) or fmt
        if fmt.importer is None:
            raise InvalidInputError(f"{fmt.label} files are opened, not imported", path)
        return fmt.importer

    # --- reading ---------------------------------------------------------------------------------

    def load(self, path: str | Path, options: Mapping[str, str] | None = None, *, reuse: bool = False,
             allow_large: bool = False) -> Submission:
        """Read any supported file without changing it: a project, interchange JSON or an import.

        :param reuse: take what an earlier call read from the same bytes the same way, where a
            built-in importer read it from its text (:mod:`tcdesk.import_cache`); what checks use.
        :param allow_large: read a project larger than the limits (as :attr:`allow_large` does for every file).
        """
        path = Path(path)
        kind = self.formats.for_reading(path).kind
        if kind is Kind.PROJECT:
            from tcdesk.storage import load_project

            return load_project(path, allow_large=allow_large or self.allow_large)
        if kind is Kind.INTERCHANGE:
            return interchange.read(path)
        if reuse:
            return self._import_reusing(path, options)
        return self.import_file(path, options).submission

    def _import_reusing(self, path: Path, options: Mapping[str, str] | None) -> Submission:
        from tcdesk import plugin_guard

        importer = self.importer_for(path)
        if not plugin_guard.is_builtin(importer):
            return self.import_file(path, options).submission
        from tcdesk.import_cache import cached_import

        return cached_import(importer, path, options, lambda: self.import_file(path, options))

    def import_file(self, path: str | Path, options: Mapping[str, str] | None = None) -> ImportResult:
        """Read another program's file (or interchange JSON) and say what was recognised; changes nothing."""
        path = Path(path)
        refuse_unreadable_input(path)
        from tcdesk import plugin_guard
        from tcdesk.storage import limits

        result = plugin_guard.load(self.importer_for(path), path, options)
        # Refused here, naming the file, rather than when the project is first saved.
        limits.check_submission(result.submission, path, "too much to keep in a project")
        return result

    def check_new_attachment(self, path: str | Path, name: str) -> None:
        """Refuse, before it is read, a file the project could not hold as attachment ``name`` (docs/limits.md).

        :raises TcdeskError: naming ``path``: too large for the project, or not a readable file.
        """
        from tcdesk.storage import limits

        limits.check_new_attachment(self.submission, Path(path), name, allow_large=self.allow_large)

    def check_added_text(self, n: int, what: str = "The pasted text") -> None:
        """Refuse ``n`` more characters of text (a paste, a drop) with which the project could not be
        saved (docs/limits.md), before the text goes in.

        :raises TcdeskError: saying how large ``what`` is and how much a project holds.
        """
        from tcdesk.storage import limits

        try:
            limits.check_submission(self.submission, None, "cannot add it", ("", n), allow_large=self.allow_large)
        except limits.ProjectTooLargeError:
            raise TcdeskError(f"{what} is {limits.size(n)}: with it the project would hold more than "
                              f"{limits.size(limits.MAX_CONTENT)} of text and attachments, the most a project can hold "
                              "and still be saved. Nothing was added.") from None

    def import_(self, path: str | Path, options: Mapping[str, str] | None = None) -> ImportResult:
        """Make an imported file the open submission; it has no file of its own until saved."""
        result = self.import_file(path, options)
        self.submission, self.path = result.submission, None
        return result

    @classmethod
    def open(cls, path: str | Path, pm: pluggy.PluginManager | None = None, *, allow_large: bool = False) -> Session:
        session = cls(pm=pm, allow_large=allow_large)
        session.submission = session.load(path)
        session.path = Path(path)
        return session

    # --- writing ---------------------------------------------------------------------------------

    @classmethod
    def new(
        cls,
        path: str | Path,
        submission: Submission | None = None,
        *,
        replace: bool = False,
        pm: pluggy.PluginManager | None = None,
    ) -> Session:
        """Create a project or interchange file at ``path`` holding ``submission`` (default: empty).

        :param replace: replace an existing file; otherwise an existing file is an error.
        """
        session = cls(submission, pm=pm)
        path = Path(path)
        if not session.formats.is_native(path):
            raise InvalidInputError(f"a new project's name must end in {PROJECT.suffix} or {INTERCHANGE.suffix}", path)
        if path.exists() and not replace:
            raise ProjectFileError("already exists; not replacing it (use --force to replace it)", path)
        if not path.parent.is_dir():
            raise InvalidInputError("the folder does not exist", path.parent)
        session.save(path, replace=True)
        return session

    def save(self, path: str | Path | None = None, *, replace: bool = False) -> Path:
        """Save to ``path`` (or where it came from): a project file, or interchange JSON.

        :param replace: write a fresh project even over whatever ``path`` holds (a damaged file, another
            submission); otherwise an existing project is updated in place.
        """
        target = Path(path) if path is not None else self.path
        if target is None:
            raise InvalidInputError("no file to save to: choose a file name")
        if self.formats.native(target).kind is Kind.PROJECT:
            from tcdesk.lockfile import refuse_if_locked
            from tcdesk.storage import ProjectStore, save_project

            refuse_if_locked(target)  # someone has it open in the editor
            if not replace and target.exists():
                from tcdesk.fileio import why_not_writable

                why = why_not_writable(target)
                if why is not None:
                    raise ProjectFileError(f"cannot save: {why}; save to another file instead", target)

            if replace and target.exists():
                ProjectStore.create(target, self.submission, replace=True, allow_large=self.allow_large).close()
            else:
                save_project(self.submission, target, allow_large=self.allow_large)
        else:
            interchange.write(self.submission, target)
        self.path = target
        return target

    def save_as(self, path: str | Path, *, replace: bool = False) -> Path:
        """Keep the submission in a new file from now on; ``.tcdesk`` is added unless the name is native.

        :param replace: replace an existing file; otherwise an existing file is an error.
        """
        target = self.formats.project_path(path)
        if target.exists() and not replace:
            raise ProjectFileError("already exists; not replacing it", target)
        return self.save(target, replace=True)

    def export(self, name: str, path: str | Path) -> Path:
        """Write the submission with the exporter called ``name``."""
        exporters = self.exporters()
        if name not in exporters:
            raise InvalidInputError(f"no exporter {name!r} (available: {', '.join(sorted(exporters))})")
        target = Path(path)
        self._check_export_target(target)
        from tcdesk import plugin_guard

        plugin_guard.export(exporters[name], self.submission, target)
        return target

    def renew(
        self,
        last: str | Path,
        period: str | None = None,
        from_previous_plan: bool = False,
        options: Mapping[str, str] | None = None,
    ) -> Renewal:
        """Start this cycle's submission from last cycle's file (any file tcdesk reads); not yet saved.

        :returns: a :class:`tcdesk.renewal.Renewal` (the submission, now open here, and notes for the user).
        :param options: importer options (a column or section map) when ``last`` is imported.
        :raises tcdesk.renewal.NoNewPlanError: the file has no new plan; retry with ``from_previous_plan``.
        """
        from tcdesk import renewal

        last = Path(last)
        if self.formats.kind_of(last) is Kind.IMPORT:
            imported = self.import_file(last, options)
            lines, previous = [f"import: {line}" for line in imported.report.summary_lines()], imported.submission
        else:
            lines = []
            previous = self.load(last)
        result = renewal.renew(previous, last.name, period, from_previous_plan)
        result.notes[:0] = lines
        self.submission, self.path = result.submission, None
        return result

    def _check_export_target(self, target: Path) -> None:
        from tcdesk.fileio import check_output_target

        check_output_target(target, (self.path,) if self.path is not None else ())

    def default_export_name(self, name: str, submission: Submission | None = None) -> str:
        """The exporter ``name``'s default file name: "<Organisation> <Month> <Year><suffix>"."""
        from tcdesk.export.naming import default_filename

        return default_filename(self.submission if submission is None else submission, self.exporters()[name].suffix)

    def export_to(self, path: str | Path, *, replace: bool = False) -> Path:
        """Write a copy in the format ``path``'s suffix names (project, interchange or an export).

        The session keeps its own file; ``replace`` as for :meth:`save`.
        """
        target = Path(path)
        fmt = self.formats.for_writing(target)
        if fmt.kind is Kind.EXPORT:
            assert fmt.exporter is not None
            self._check_export_target(target)
            from tcdesk import plugin_guard

            plugin_guard.export(fmt.exporter, self.submission, target)
            return target
        own = self.path
        try:
            return self.save(target, replace=replace)
        finally:
            self.path = own

    # --- working together ------------------------------------------------------------------------

    def _read(self, source: Submission | str | Path) -> Submission:
        return source if isinstance(source, Submission) else self.load(source)

    def merge(
        self,
        base: Submission | str | Path,
        mine: Submission | str | Path,
        theirs: Submission | str | Path,
        prefer: Side | None = None,
        resolutions: Mapping[Hashable, Side] | None = None,
    ) -> MergeResult:
        """Three-way merge of two contributions to ``base`` (submissions or files of any readable kind).

        :param prefer: ``"mine"`` or ``"theirs"``: the side taken for conflicts not in ``resolutions``.
        :returns: a :class:`tcdesk.merge.MergeResult`; its ``conflicts`` lists every conflict found.
        """
        from tcdesk.merge import merge

        return merge(self._read(base), self._read(mine), self._read(theirs), resolutions, prefer or "mine")

    def diff(self, old: Submission | str | Path, new: Submission | str | Path) -> list[Change]:
        """What changed from ``old`` to ``new`` (submissions or files): a list of :class:`tcdesk.diff.Change`."""
        from tcdesk.diff import diff

        return diff(self._read(old), self._read(new))

    # --- checking --------------------------------------------------------------------------------

    def rule_set(self, rule_dirs: tuple[str | Path, ...] | list[str | Path] = ()) -> RuleSet:
        """The rules of every plugin, pack, ``rule_dirs`` folder and the user's rules folder, built once.

        :raises tcdesk.rules.packs.RulePackError: when a pack cannot be loaded (naming file and line).
        """
        from tcdesk.rules.engine import build_rule_set

        key = tuple(str(Path(d).resolve()) for d in rule_dirs)
        with _RULES_LOCK:
            if key not in self._rule_sets:
                self._rule_sets[key] = build_rule_set(self.pm, [Path(d) for d in key])
            return self._rule_sets[key]

    def rules(self, rule_dirs: tuple[str | Path, ...] | list[str | Path] = ()) -> list[Rule]:
        """Every rule, in code order (each with code, name, severity, summary, source, ``documentation()``)."""
        return list(self.rule_set(rule_dirs).rules)

    def check(
        self,
        today: date | None = None,
        select: Iterable[str] | str | None = None,
        ignore: Iterable[str] | str | None = None,
        rule_dirs: Iterable[str | Path] = (),
    ) -> list[Finding]:
        """Check the open submission and return the findings, sorted by location then code.

        Safe to call from a worker thread: it reads the submission and never changes it.

        :param today: the check date for date rules (default: today).
        :param select: codes or code prefixes to run (default: all).
        :param ignore: codes or code prefixes to leave out.
        :param rule_dirs: extra rule-pack folders, as ``tcdesk check --rules``.
        """
        from tcdesk.rules.engine import parse_codes

        return self.rule_set(tuple(rule_dirs)).check(self.submission, today, parse_codes(select), parse_codes(ignore))


_RULES_LOCK = threading.RLock()
