"""``tcdesk export FILE --to pdf|docx|html [--out PATH]``: write the document that is submitted, shared or published."""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
from collections.abc import Callable
from pathlib import Path

from tcdesk.commands import add_allow_large, collector_off_while_loading, no_collection_at_exit
from tcdesk.errors import InvalidInputError
from tcdesk.fileio import check_output_target
from tcdesk.terminal import printable


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "export",
        help="export a submission to PDF, DOCX or HTML",
        description="Export a submission (a .tcdesk project, a .tcdesk.json file or an importable file) to "
        "the Word document, the single PDF that is submitted or the web page that is published. "
        "Findings never stop an export.",
    )
    p.add_argument("file", help="the submission to export")
    p.add_argument("--to", required=True, metavar="FORMAT", help="pdf, docx or html (or a format a plugin adds)")
    p.add_argument(
        "--out",
        metavar="PATH",
        help="where to write; a folder, or a file name. Default: '<Organisation> <Month> <Year>' beside FILE",
    )
    add_allow_large(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    no_collection_at_exit()  # the file is written and closed before the command returns
    with collector_off_while_loading() as loaded:
        return _run(args, loaded)


def _run(args: argparse.Namespace, loaded: Callable[[], None]) -> int:
    from tcdesk.session import Session

    source = Path(args.file)
    session = Session.open(source, allow_large=args.allow_large)
    exporters = session.exporters()
    if args.to not in exporters:
        raise InvalidInputError(f"no exporter {args.to!r} (available: {', '.join(sorted(exporters))})")
    out = Path(args.out) if args.out else source.resolve().parent
    # "--out reports/" means a folder even before it exists (then the error names the folder).
    if out.is_dir() or (args.out or "").endswith(("/", os.sep)):
        out = out / session.default_export_name(args.to)
    check_output_target(out, (source,))
    renderer = getattr(exporters[args.to], "renderer", None)
    if isinstance(renderer, str):  # a built-in exporter's layout module (python-docx, reportlab …), kept to the end
        with contextlib.suppress(Exception):  # a module that cannot load fails again in the export, which reports it
            importlib.import_module(renderer)
    loaded()
    written = session.export(args.to, out)
    print(printable(written))
    return 0
