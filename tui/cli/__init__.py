"""The ``newsdesk`` command line: a thin layer over the core. Errors are one line, never a traceback."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import agree as agree_cmd
from . import app as app_cmd
from . import export as export_cmd
from . import extract as extract_cmd
from . import importing as import_cmd
from . import merge as merge_cmd
from . import stats as stats_cmd
from . import timeline as timeline_cmd

COMMANDS = {
    "open": app_cmd,
    "extract": extract_cmd,
    "timeline": timeline_cmd,
    "export": export_cmd,
    "import": import_cmd,
    "merge": merge_cmd,
    "agree": agree_cmd,
    "stats": stats_cmd,
}


class CliError(Exception):
    """A problem with the command line or its inputs, reported as one line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, status 2, like every other input problem
        raise CliError(f"{self.prog}: {message}")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="newsdesk", description="Read, annotate and extract events from news articles.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, module in COMMANDS.items():
        module.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or args_list[0] not in COMMANDS and args_list[0] not in ("-h", "--help"):
        args_list = ["open", *args_list]  # the default command opens the reader
    try:
        args = build_parser().parse_args(args_list)
        return int(args.run(args) or 0)
    except CliError as exc:
        print(f"newsdesk: {exc}" if not str(exc).startswith("newsdesk") else str(exc), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - the promise is: no traceback, ever
        print(f"newsdesk: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
