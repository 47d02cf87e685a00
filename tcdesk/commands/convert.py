"""``tcdesk convert IN OUT [--force]``: convert a submission between formats, chosen by OUT's suffix."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tcdesk.commands import add_allow_large
from tcdesk.errors import ProjectFileError
from tcdesk.fileio import check_output_target, refuse_unreadable_input
from tcdesk.terminal import printable


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "convert",
        help="convert between .tcdesk, .tcdesk.json and other formats",
        description="Read IN (a .tcdesk project, a .tcdesk.json file or any importable file) and write it "
        "to OUT in the format its suffix names: .tcdesk, .tcdesk.json, or an exporter's suffix such as .pdf. "
        "IN is never modified.",
    )
    p.add_argument("input", metavar="IN", help="the submission to read")
    p.add_argument("output", metavar="OUT", help="the file to write")
    p.add_argument("--force", action="store_true", help="replace OUT if it exists")
    add_allow_large(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from tcdesk.formats import Kind
    from tcdesk.session import Session

    source, target = Path(args.input), Path(args.output)
    refuse_unreadable_input(source)
    check_output_target(target, (source,), keep_drafts=False)
    if target.exists() and not args.force:
        raise ProjectFileError("already exists; not replacing it (use --force to replace it)", target)

    session = Session(allow_large=args.allow_large)
    if session.formats.kind_of(source) is Kind.IMPORT:
        result = session.import_(source)
        for line in result.report.summary_lines():
            print(printable(f"tcdesk: {line}"), file=sys.stderr)
    else:
        session.submission = session.load(source)
    # --force: a fresh file, whatever OUT held before (even a damaged project).
    session.export_to(target, replace=True)
    print(printable(f"wrote {target}"))
    return 0
