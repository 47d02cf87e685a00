"""``tcdesk check PATH...``: check submissions like a compiler; exit 0 clean, 1 with errors, 2 on bad input."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from tcdesk.errors import TcdeskError
from tcdesk.terminal import printable

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


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
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from tcdesk.report import FileResult
    from tcdesk.rules.finding import Severity
    from tcdesk.session import Session

    from tcdesk.rules.engine import matches_codes, parse_codes

    session = Session()
    rule_set = session.rule_set(tuple(args.rules))  # a bad pack stops here: TcdeskError → exit 2
    for option, values in (("--select", args.select), ("--ignore", args.ignore)):
        for code in parse_codes(values):
            if not any(matches_codes(r.code, [code]) for r in rule_set.rules):
                print(f"tcdesk: error: {option} {printable(code)}: no rule has this code or prefix (see 'tcdesk rules')", file=sys.stderr)
                return EXIT_USAGE
    results: list[FileResult] = []
    unreadable = False
    for path in args.paths:
        try:
            session.submission = session.load(path)
        except TcdeskError as exc:
            print(f"tcdesk: error: {printable(exc)}", file=sys.stderr)
            unreadable = True
            continue
        except OSError as exc:
            print(f"tcdesk: error: {printable(path)}: {printable(exc.strerror or exc)}", file=sys.stderr)
            unreadable = True
            continue
        findings = session.check(today=args.today, select=args.select, ignore=args.ignore, rule_dirs=tuple(args.rules))
        results.append(FileResult(path, findings, session.submission))
    _print(args, results, rule_set)
    if unreadable:
        return EXIT_USAGE
    has_error = any(f.severity is Severity.ERROR for r in results for f in r.findings)
    return EXIT_FINDINGS if has_error else EXIT_OK


def _print(args: argparse.Namespace, results: list, rule_set) -> None:
    if args.format == "json":
        from tcdesk.report import json_report

        sys.stdout.write(json_report.render(results, several=len(args.paths) > 1))
    elif args.format == "sarif":
        from tcdesk.report import sarif

        sys.stdout.write(sarif.render(results, rule_set.rules))
    else:
        from tcdesk.report import text

        sys.stdout.write(text.render(results, colour=text.use_colour(sys.stdout)))
