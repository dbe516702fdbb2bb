"""The ``newsdesk`` command line: a thin layer over the core. Errors are one line, never a traceback."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from . import agree as agree_cmd
from . import app as app_cmd
from . import export as export_cmd
from . import extract as extract_cmd
from . import importing as import_cmd
from . import merge as merge_cmd
from . import serve as serve_cmd
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
    "serve": serve_cmd,
}


class CliError(Exception):
    """A problem with the command line or its inputs, reported as one line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, status 2, like every other input problem
        raise CliError(f"{self.prog}: {message}")


SHELLS = ("bash", "zsh", "tcsh")  # what shtab writes completion scripts for


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="newsdesk", description="Read, annotate and extract events from news articles.")
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    parser.add_argument("--print-completion", choices=SHELLS, metavar="SHELL",
                        help=f"print a completion script for the subcommands and options ({', '.join(SHELLS)}) "
                             f"and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, module in COMMANDS.items():
        module.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == ["--version"] or args_list[:1] and args_list[0].startswith("--print-completion"):
        return _top_level(args_list)
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


def version() -> str:
    """The installed distribution's version (``unknown`` when run from a bare checkout)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as distribution_version

    try:
        return distribution_version("newsdesk")
    except PackageNotFoundError:
        return "unknown"


def _top_level(args_list: list[str]) -> int:
    """``--version`` and ``--print-completion SHELL``: nothing else is loaded for them."""
    try:
        args = build_parser().parse_args(args_list[:2])
    except CliError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    if args.version:
        print(f"newsdesk {version()}")
        return 0
    print(completion_script(args.print_completion))
    return 0


def completion_script(shell: str) -> str:
    """The shtab completion script of every subcommand and option; path arguments complete file names."""
    import shtab  # only when a script is asked for

    parser = build_parser()
    for action in _all_actions(parser):
        if action.type is Path or action.dest in ("paths", "file", "files", "inputs"):
            action.complete = shtab.FILE  # type: ignore[attr-defined]
    return shtab.complete(parser, shell=shell)


def _all_actions(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    actions = []
    for action in parser._actions:
        actions.append(action)
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):  # each subparser once
                actions += _all_actions(sub)
    return actions
