"""Built-in plugin: reads and writes the ``*.tcdesk.json`` interchange format."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from tcdesk import interchange
from tcdesk.hookspecs import hookimpl
from tcdesk.model import Submission

if TYPE_CHECKING:
    from tcdesk.export.base import ImportResult


class JsonExporter:
    """The interchange form, for version control, scripting and other tools."""

    name = "json"
    label = "tcdesk interchange (JSON)"
    suffix = interchange.SUFFIX

    def export(self, submission: Submission, path: Path) -> None:
        interchange.write(submission, path)


class JsonImporter:
    name = "json"
    label = "tcdesk interchange (JSON)"
    suffixes = (interchange.SUFFIX, ".json")

    def load(self, path: Path, options: Mapping[str, str] | None = None) -> ImportResult:
        from tcdesk.export.base import ImportReport, ImportResult  # a check of a JSON file reads it without them

        sub = interchange.read(path)
        return ImportResult(sub, ImportReport.of_whole(sub, path))


@hookimpl
def register_exporters() -> list[JsonExporter]:
    return [JsonExporter()]


@hookimpl
def register_importers() -> list[JsonImporter]:
    return [JsonImporter()]
