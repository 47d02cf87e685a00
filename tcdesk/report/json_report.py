"""JSON output: one object per file with its findings and a summary; a list of them for several files."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from tcdesk.report import FileResult, summary


def file_object(result: FileResult) -> dict[str, Any]:
    return {"file": result.file, "findings": [f.to_dict() for f in result.findings], "summary": summary(result.findings)}


def render(results: Sequence[FileResult], several: bool) -> str:
    objects = [file_object(r) for r in results]
    payload: Any = objects if several else (objects[0] if objects else {"findings": [], "summary": summary([])})
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
