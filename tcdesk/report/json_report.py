"""JSON output: one object per file with its findings and a summary; a list of them for several files."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from tcdesk.report import FileResult, summary


def file_object(result: FileResult) -> dict[str, Any]:
    return {"file": result.file, "findings": [f.to_dict() for f in result.findings], "summary": summary(result.findings)}


def render(results: Sequence[FileResult], several: bool) -> str:
    objects = [file_object(r) for r in results]
    payload: Any = objects if several else (objects[0] if objects else {"findings": [], "summary": summary([])})
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def stream_list(results: Iterable[FileResult], write: Callable[[str], object]) -> None:
    """Write ``render(results, several=True)`` piece by piece, one file's object as soon as it is known."""
    first = True
    for result in results:
        body = json.dumps(file_object(result), indent=2, ensure_ascii=False).replace("\n", "\n  ")
        write(("[\n  " if first else ",\n  ") + body)
        first = False
    write("[]\n" if first else "\n]\n")
