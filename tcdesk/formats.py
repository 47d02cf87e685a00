"""The formats table: the one place that decides what kind of file a path is.

The ``.tcdesk`` project and the ``.tcdesk.json`` interchange file come first, then every importer
and exporter the plugins contribute. A path's kind is its longest matching suffix, so
``plan.tcdesk.json`` is interchange and never a ``.json`` import. :class:`tcdesk.session.Session`
builds the table from its plugin manager; commands and widgets ask the session, never the suffix.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from tcdesk import interchange
from tcdesk.errors import InvalidInputError

if TYPE_CHECKING:
    from tcdesk.export.base import Exporter, Importer

__all__ = ["INTERCHANGE", "PROJECT", "Format", "Formats", "Kind"]


class Kind(enum.Enum):
    """What tcdesk does with a file of a format."""

    PROJECT = "project"  # the editable project file, saved continuously
    INTERCHANGE = "interchange"  # the plain-text copy of a submission, read and written whole
    IMPORT = "import"  # another program's file, read into a submission
    EXPORT = "export"  # a document written from a submission

    @property
    def native(self) -> bool:
        """A project or interchange file holds a whole submission and reads back unchanged."""
        return self in (Kind.PROJECT, Kind.INTERCHANGE)


class Format(NamedTuple):
    """One row of the table: a kind, the suffixes (lower case, with the dot) and who reads or writes it."""

    kind: Kind
    name: str
    label: str
    suffixes: tuple[str, ...]
    importer: Importer | None = None
    exporter: Exporter | None = None

    @property
    def suffix(self) -> str:
        """The suffix given to new files of this format."""
        return self.suffixes[0]

    def matched_suffix(self, path: str | Path) -> str | None:
        """The longest of this format's suffixes that ``path`` ends with, if any."""
        name = str(path).lower()
        hits = [s for s in self.suffixes if name.endswith(s)]
        return max(hits, key=len) if hits else None

    def file_filter(self) -> str:
        """A file-dialog filter such as ``tcdesk projects (*.tcdesk)``."""
        return f"{self.label} ({' '.join('*' + s for s in self.suffixes)})"


PROJECT = Format(Kind.PROJECT, "project", "tcdesk projects", (".tcdesk",))
INTERCHANGE = Format(Kind.INTERCHANGE, "json", "Interchange JSON", (interchange.SUFFIX,))

_READ = (Kind.PROJECT, Kind.INTERCHANGE, Kind.IMPORT)
_WRITE = (Kind.PROJECT, Kind.INTERCHANGE, Kind.EXPORT)
_NATIVE = (Kind.PROJECT, Kind.INTERCHANGE)


class Formats:
    """Every format tcdesk reads or writes, the native two first.

    :param importers: the importers, in plugin order; a later one is preferred for a shared suffix.
    :param exporters: the exporters by name.
    """

    def __init__(self, importers: Sequence[Importer] = (), exporters: Iterable[Exporter] = ()) -> None:
        self.entries: list[Format] = [PROJECT, INTERCHANGE]
        self.entries += [Format(Kind.IMPORT, i.name, i.label, tuple(s.lower() for s in i.suffixes), importer=i) for i in importers]
        self.entries += [Format(Kind.EXPORT, e.name, e.label, (e.suffix.lower(),), exporter=e) for e in exporters]

    def find(self, path: str | Path, kinds: Iterable[Kind]) -> Format | None:
        """The format of ``kinds`` whose suffix ``path`` ends with; the longest suffix wins, then the earliest entry."""
        kinds = tuple(kinds)
        best: tuple[int, Format] | None = None
        for fmt in self.entries:
            if fmt.kind not in kinds:
                continue
            suffix = fmt.matched_suffix(path)
            if suffix is not None and (best is None or len(suffix) > best[0]):
                best = (len(suffix), fmt)
        return best[1] if best else None

    def kind_of(self, path: str | Path) -> Kind | None:
        """:attr:`Kind.PROJECT` or :attr:`Kind.INTERCHANGE` for a native file, else ``IMPORT`` when readable."""
        fmt = self.find(path, _READ)
        return fmt.kind if fmt else None

    def is_native(self, path: str | Path) -> bool:
        return self.find(path, _NATIVE) is not None

    def native(self, path: str | Path) -> Format:
        """The project or interchange format ``path`` names, or an error saying what can be saved."""
        fmt = self.find(path, _NATIVE)
        if fmt is None:
            raise InvalidInputError(f"can only save as {PROJECT.suffix} or {INTERCHANGE.suffix}", path)
        return fmt

    def for_reading(self, path: str | Path) -> Format:
        return self._required(path, _READ, "unsupported file type (tcdesk reads {})")

    def for_writing(self, path: str | Path) -> Format:
        return self._required(path, _WRITE, "cannot write this file type (tcdesk writes {})")

    def _required(self, path: str | Path, kinds: tuple[Kind, ...], message: str) -> Format:
        fmt = self.find(path, kinds)
        if fmt is None:
            known = sorted({s for f in self.entries if f.kind in kinds for s in f.suffixes})
            raise InvalidInputError(message.format(", ".join(known)), path)
        return fmt

    def importable_suffixes(self) -> list[str]:
        """Suffixes an importer reads (the Import dialog's filter)."""
        return sorted({s for f in self.entries if f.kind is Kind.IMPORT for s in f.suffixes})

    def stem(self, path: str | Path) -> str:
        """The file name without the suffix that gives its format (``Kent.tcdesk.json`` → ``Kent``)."""
        path = Path(path)
        fmt = self.find(path, tuple(Kind))
        suffix = fmt.matched_suffix(path) if fmt else None
        return path.name[: -len(suffix)] if suffix else path.stem

    def project_path(self, path: str | Path) -> Path:
        """``path`` itself when it names a project or interchange file, else with ``.tcdesk`` added."""
        path = Path(path)
        return path if self.is_native(path) else path.with_name(path.name + PROJECT.suffix)
