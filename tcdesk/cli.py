"""The ``tcdesk`` command: a sub-command per job, each in its own module under ``tcdesk.commands``.

Errors go to stderr with exit code 2 and no traceback (unless ``--debug``).
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Sequence

from tcdesk import __version__
from tcdesk.errors import TcdeskError
from tcdesk.terminal import printable

# Each module defines ``register(subparsers)``, which adds its parser and sets ``func(args) -> int``.
COMMANDS: tuple[str, ...] = (
    "tcdesk.commands.open",
    "tcdesk.commands.check",
    "tcdesk.commands.rules",
    "tcdesk.commands.export",
    "tcdesk.commands.import_",
    "tcdesk.commands.new",
    "tcdesk.commands.convert",
    "tcdesk.commands.renew",
    "tcdesk.commands.merge",
    "tcdesk.commands.diff",
)

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, or with ``only`` just the sub-command of that name.

    One sub-command's parser is all ``tcdesk check FILE`` needs: building the other nine costs it
    more than the check of a small file. Its usage, help and errors are the same either way.
    """
    parser = argparse.ArgumentParser(
        prog="tcdesk",
        description="Draft, check and export Technician Commitment renewal submissions. "
        "With no command, the editor opens.",
    )
    parser.add_argument("--version", action="version", version=f"tcdesk {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks and debug logging")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS if only is None else [m for m in COMMANDS if _command_name(m) == only]:
        importlib.import_module(module).register(subparsers)
    return parser


def _command_name(module: str) -> str:
    """``tcdesk.commands.import_`` → ``import``: each module registers the command it is named after."""
    return module.rsplit(".", 1)[1].rstrip("_")


def _parser_for(argv: Sequence[str]) -> argparse.ArgumentParser:
    """Only the named sub-command's parser when ``argv`` plainly runs one; otherwise the whole parser.

    Anything else before the command (``--help``, ``--version``, an unknown or abbreviated option)
    gets the whole parser, so what it prints lists every command.
    """
    for arg in argv:
        if arg != "--debug":
            if arg in {_command_name(m) for m in COMMANDS}:
                return build_parser(only=arg)
            break
    return build_parser()


class _StderrHandler(logging.StreamHandler):
    """Writes to whatever ``sys.stderr`` is when a line is logged (it may be redirected meanwhile)."""

    def emit(self, record: logging.LogRecord) -> None:
        self.stream = sys.stderr
        super().emit(record)


class _PrintableFormatter(logging.Formatter):
    """Log lines can quote a file's text: its control characters are shown, never sent to the terminal."""

    def format(self, record: logging.LogRecord) -> str:
        return printable(super().format(record), keep_newlines=True)


def configure_logging(debug: bool) -> None:
    """tcdesk's own log lines on stderr; libraries' lines and warnings (pypdf's "EOF marker not found" …)
    only with ``--debug``, since a damaged input is reported once, as tcdesk's one-line error."""
    root = logging.getLogger()
    if root.handlers:  # embedded (a test runner, the editor): whoever set up logging decides
        return
    root.setLevel(logging.DEBUG if debug else logging.WARNING)
    handler = _StderrHandler()
    handler.setFormatter(_PrintableFormatter("tcdesk: %(message)s"))
    if not debug:
        import warnings

        handler.addFilter(lambda record: record.name == "tcdesk" or record.name.startswith("tcdesk."))
        warnings.simplefilter("ignore")
    root.addHandler(handler)


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    args = _parser_for(argv).parse_args(argv)
    configure_logging(args.debug)
    if args.command is None:
        from tcdesk.commands.open import run_editor

        return run_editor(None)
    try:
        return int(args.func(args) or 0)
    except TcdeskError as exc:
        if args.debug:
            raise
        print(f"tcdesk: error: {printable(exc)}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("tcdesk: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader of the output went away (``tcdesk check *.pdf | head``): stop quietly, as a
        # command ended by SIGPIPE does, and let the last flush at exit go nowhere.
        _discard_stdout()
        return EXIT_OUTPUT_CLOSED


#: 128 + SIGPIPE, the status a shell reports for a command whose output was closed.
EXIT_OUTPUT_CLOSED = 141


def _discard_stdout() -> None:
    """Point standard output at the null device, so that the flush at exit has somewhere to go."""
    try:
        out = sys.stdout.fileno()
    except (OSError, ValueError, AttributeError):
        return  # not a real file (a test's capture): nothing is flushed to the closed pipe
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, out)
    os.close(devnull)


if __name__ == "__main__":
    sys.exit(main())
