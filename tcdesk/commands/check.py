"""``tcdesk check PATH...``: check submissions like a compiler; exit 0 clean, 1 with errors, 2 on bad input."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from datetime import date

from tcdesk.commands import add_allow_large, collector_off_while_loading, no_collection_at_exit
from tcdesk.terminal import printable

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _jobs(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of processes: {text!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError("the number of processes cannot be negative")
    return n or (os.cpu_count() or 1)


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "check",
        help="check submissions and report findings",
        description="Check .tcdesk and .tcdesk.json files (and any format an importer reads). "
        "Exit status: 0 no error-severity finding, 1 at least one, 2 bad usage or an unreadable file.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="files to check")
    p.add_argument("--format", choices=("text", "json", "sarif"), default="text", help="output format (default: text)")
    p.add_argument("--select", action="append", metavar="CODES", help="only these codes or prefixes, comma-separated (e.g. TC2,TC301)")
    p.add_argument("--ignore", action="append", metavar="CODES", help="leave out these codes or prefixes, comma-separated")
    p.add_argument("--rules", action="append", default=[], metavar="DIR", help="also load the rule pack in DIR (repeatable)")
    p.add_argument("--today", type=_date, metavar="DATE", help="check date for date rules, YYYY-MM-DD (default: today)")
    p.add_argument("--jobs", "-j", type=_jobs, default=1, metavar="N",
                   help="check files in N processes (0: one per CPU); output stays in the order given (default: 1)")
    p.add_argument("--read-text", action="store_true",
                   help="check what a DOCX or PDF that tcdesk exported shows as text, not the data it carries "
                   "(see docs/checking.md)")
    add_allow_large(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    no_collection_at_exit()
    with collector_off_while_loading() as loaded:
        return _run(args, loaded)


def _run(args: argparse.Namespace, loaded: Callable[[], None]) -> int:
    from tcdesk.batch import CheckOptions, check_files
    from tcdesk.report import summary
    from tcdesk.rules.engine import matches_codes, parse_codes
    from tcdesk.rules.finding import Severity
    from tcdesk.session import Session

    session = Session()
    rule_set = session.rule_set(tuple(args.rules))  # a bad pack stops here: TcdeskError → exit 2
    loaded()  # the modules and the rule set are built; the files' own garbage is collected
    for option, values in (("--select", args.select), ("--ignore", args.ignore)):
        for code in parse_codes(values):
            if not any(matches_codes(r.code, [code]) for r in rule_set.rules):
                print(f"tcdesk: error: {option} {printable(code)}: no rule has this code or prefix (see 'tcdesk rules')", file=sys.stderr)
                return EXIT_USAGE
    options = CheckOptions(args.today, tuple(args.select or ()), tuple(args.ignore or ()), tuple(args.rules), args.read_text,
                           args.allow_large)
    state = {"unreadable": False, "files": 0, "error": False}
    counts = dict.fromkeys(("errors", "warnings", "info", "total"), 0)

    def readable():
        # Each result is reported and counted as it arrives, then dropped: memory stays flat.
        for outcome in check_files(args.paths, options, jobs=min(args.jobs, len(args.paths)), session=session):
            if outcome.result is None:
                print(f"tcdesk: error: {printable(outcome.error)}", file=sys.stderr)
                state["unreadable"] = True
                continue
            state["files"] += 1
            for key, n in summary(outcome.result.findings).items():
                counts[key] += n
            state["error"] = state["error"] or any(f.severity is Severity.ERROR for f in outcome.result.findings)
            yield outcome.result

    _print(args, readable(), rule_set, counts, state)
    if state["unreadable"]:
        return EXIT_USAGE
    return EXIT_FINDINGS if state["error"] else EXIT_OK


def _print(args: argparse.Namespace, results, rule_set, counts: dict[str, int], state: dict) -> None:
    out = sys.stdout
    if args.format == "json":
        from tcdesk.report import json_report

        if len(args.paths) > 1:
            json_report.stream_list(results, out.write)
        else:
            out.write(json_report.render(list(results), several=False))
    elif args.format == "sarif":
        from tcdesk.report import sarif

        out.write(sarif.render(list(results), rule_set.rules))
    else:
        from tcdesk.report import text

        colour = text.use_colour(out)
        for result in results:
            lines = text.file_lines(result, colour)
            if lines:
                out.write("\n".join(lines) + "\n")
                out.flush()
        out.write(text.totals_line(state["files"], counts, colour) + "\n")
