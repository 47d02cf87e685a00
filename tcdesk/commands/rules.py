"""``tcdesk rules [CODE]``: list every rule, or print one rule's documentation."""

from __future__ import annotations

import argparse
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "rules",
        help="list the rules, or show one rule's documentation",
        description="List every rule (code, severity, name, where it comes from), or print the documentation "
        "of the rule CODE. --markdown prints the reference of every rule, as in docs/rules.md.",
    )
    p.add_argument("code", nargs="?", help="a rule code such as TC201")
    p.add_argument("--rules", action="append", default=[], metavar="DIR", help="also load the rule pack in DIR (repeatable)")
    p.add_argument("--markdown", action="store_true", help="print every rule's documentation as one Markdown page")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from tcdesk.rules.docs import render_markdown
    from tcdesk.session import Session
    from tcdesk.terminal import printable

    rules = Session().rules(tuple(args.rules))
    if args.code:
        rule = next((r for r in rules if r.code == args.code.strip().upper()), None)
        if rule is None:
            print(f"tcdesk: error: no rule {printable(repr(args.code))} (see 'tcdesk rules' for the list)", file=sys.stderr)
            return 2
        sys.stdout.write(printable(rule.documentation(), keep_newlines=True))
        return 0
    if args.markdown:
        sys.stdout.write(printable(render_markdown(rules), keep_newlines=True))
        return 0
    width = max(len(r.name) for r in rules)
    for r in rules:
        sys.stdout.write(printable(f"{r.code}  {r.severity_label():<9}  {r.name:<{width}}  {r.source}") + "\n")
    return 0
