"""``tcdesk import IN OUT.tcdesk``: bring a submission or action plan in from Word, Excel, CSV or PDF."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from tcdesk.errors import InvalidInputError
from tcdesk.fileio import check_output_target
from tcdesk.terminal import printable


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "import",
        help="import a DOCX, XLSX, CSV or PDF into a new project",
        description="Read a submission or an action plan from a Word document, a spreadsheet, a CSV file or a "
        "text-based PDF, print what was recognised (actions per pillar, columns not mapped, rows skipped "
        "and why) and write it as a .tcdesk project (or .tcdesk.json). See docs/import.md.",
    )
    p.add_argument("input", metavar="IN", help="the file to import (.docx, .xlsx, .csv, .pdf)")
    p.add_argument("output", metavar="OUT", help="the project to write (.tcdesk or .tcdesk.json)")
    p.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="HEADER=FIELD",
        help="read the column headed HEADER as FIELD (e.g. --map 'Lead officer=owner'); FIELD empty to ignore "
        "the column. Repeatable.",
    )
    p.add_argument("--plan", choices=("previous", "new"), help="which plan the action tables belong to "
                   "(default: decided from the columns and the question they sit under)")
    p.add_argument(
        "--section",
        action="append",
        default=[],
        metavar="N=Q",
        help="put detected section N (as numbered in the report) into question Q, or leave it out with "
        "'N=' (e.g. --section 9=7). Repeatable.",
    )
    p.add_argument("--read-text", action="store_true",
                   help="read a DOCX or PDF that tcdesk exported from its text, not from the data it carries "
                   "(see docs/import.md)")
    p.add_argument("--force", action="store_true", help="overwrite OUT if it exists")
    p.set_defaults(func=run)


def parse_maps(maps: Sequence[str]) -> dict[str, str]:
    """``{"map:<header>": field}`` options from ``HEADER=FIELD`` strings, fields checked."""
    from tcdesk.importers.columns import SYNONYMS

    out: dict[str, str] = {}
    for item in maps:
        header, sep, name = item.rpartition("=")
        header, name = header.strip(), name.strip()
        if not sep or not header:
            raise InvalidInputError(f"--map {item!r}: expected HEADER=FIELD")
        if name and name not in SYNONYMS:
            raise InvalidInputError(f"--map {item!r}: unknown field {name!r} (fields: {', '.join(SYNONYMS)})")
        out[f"map:{header}"] = name
    return out


def parse_sections(items: Sequence[str]) -> dict[str, str]:
    """``{"section:<n>": question}`` options from ``N=Q`` strings (``Q`` empty: leave the section out)."""
    out: dict[str, str] = {}
    for item in items:
        n, sep, question = (part.strip() for part in item.partition("="))
        if not sep or not n.isdigit() or (question and not question.isdigit()):
            raise InvalidInputError(f"--section {item!r}: expected N=QUESTION (or N= to leave it out)")
        out[f"section:{int(n)}"] = str(int(question)) if question else ""
    return out


def rag_lines(submission) -> list[str]:
    """RAG counts per pillar of the imported previous plan, as the report shows them."""
    from tcdesk.model import rag_counts

    if not submission.previous_plan.actions:
        return []
    return [
        f"RAG {pillar.label if pillar else 'no pillar'}: red {c.red}, amber {c.amber}, green {c.green}, "
        f"unrated {c.unrated}"
        for pillar, c in rag_counts(submission.previous_plan).items()
        if c.total
    ]


def run(args: argparse.Namespace) -> int:
    from tcdesk.formats import INTERCHANGE, PROJECT
    from tcdesk.session import Session

    source, target = Path(args.input), Path(args.output)
    session = Session()
    if not session.formats.is_native(target):
        raise InvalidInputError(f"the output must be a {PROJECT.suffix} project or a {INTERCHANGE.suffix} file", target)
    check_output_target(target, (source,), keep_drafts=False)
    if target.exists() and not args.force:
        raise InvalidInputError("already exists: choose another name or add --force to overwrite it", target)
    options = parse_maps(args.map)
    options.update(parse_sections(args.section))
    if args.plan:
        options["plan"] = args.plan
    if args.read_text:
        from tcdesk.export.base import READ_TEXT

        options.update(READ_TEXT)
    result = session.import_(source, options)
    print(printable(f"{source}:"))
    for line in [*result.report.summary_lines(), *rag_lines(result.submission)]:
        print(printable(f"  {line}"))
    session.save(target)
    print(printable(f"wrote {target}"))
    return 0
