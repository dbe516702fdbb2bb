"""The ``newsdesk`` command line: a thin layer over the core. Errors are one line, never a traceback."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import NoReturn

# Each command's module is imported only when that command runs (or for --print-completion): importing them all
# cost `newsdesk --help` and the app's launch numpy, krippendorff, the extraction pipeline and the export formats.
# The help line is repeated here so that `newsdesk --help` lists the commands without importing any of them
# (tests/test_cli_lazy_imports.py checks the two agree).
COMMANDS: dict[str, tuple[str, str]] = {
    "open": ("app", "open the reader and annotator (the default command)"),
    "extract": ("extract", "print each article's statements, quotes, dates and events as JSON"),
    "timeline": ("timeline", "the corpus timeline: events merged across articles, conflicts flagged"),
    "export": ("export", "write the tags as jsonl, csv, w3c, brat, labelstudio or doccano"),
    "import": ("importing", "add the tags of a jsonl, w3c or labelstudio file to the database"),
    "merge": ("merge", "merge several annotators' databases into one, without duplicates"),
    "agree": ("agree", "intercoder agreement: Krippendorff's alpha, Cohen's kappa, disagreements"),
    "stats": ("stats", "tag counts by actor and stance, progress per article and per annotator"),
    "serve": ("serve", "serve the app to web browsers (each tab a session; needs newsdesk[serve])"),
}


def command_module(name: str) -> ModuleType:
    """The module of command ``name``, imported now."""
    return importlib.import_module(f"{__name__}.{COMMANDS[name][0]}")


class CliError(Exception):
    """A problem with the command line or its inputs, reported as one line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, status 2, like every other input problem
        raise CliError(f"{self.prog}: {message}")


SHELLS = ("bash", "zsh", "tcsh")  # what shtab writes completion scripts for


def build_parser(command: str | None = "*") -> argparse.ArgumentParser:
    """The parser with ``command``'s options in full and the other commands as a name and a help line;
    ``"*"``: every command in full (completion scripts, tests), importing every command's module."""
    parser = _Parser(prog="newsdesk", description="Read, annotate and extract events from news articles.")
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    parser.add_argument("--print-completion", choices=SHELLS, metavar="SHELL",
                        help=f"print a completion script for the subcommands and options ({', '.join(SHELLS)}) "
                             f"and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, (_module, help_line) in COMMANDS.items():
        if command in ("*", name):
            command_module(name).add_parser(sub)
        else:
            sub.add_parser(name, help=help_line, add_help=False)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == ["--version"] or args_list[:1] and args_list[0].startswith("--print-completion"):
        try:
            return _top_level(args_list)
        except BrokenPipeError:  # `newsdesk --print-completion bash | head`
            return _closed_pipe()
    if not args_list or args_list[0] not in COMMANDS and args_list[0] not in ("-h", "--help"):
        args_list = ["open", *args_list]  # the default command opens the reader
    try:
        args = build_parser(args_list[0] if args_list[0] in COMMANDS else None).parse_args(args_list)
        return int(args.run(args) or 0)
    except CliError as exc:
        print(f"newsdesk: {exc}" if not str(exc).startswith("newsdesk") else str(exc), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return _closed_pipe()
    except Exception as exc:  # noqa: BLE001 - the promise is: no traceback, ever
        print(f"newsdesk: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1


def _closed_pipe() -> int:
    """The reader of standard output went away: stop quietly (and let nothing flush into the closed pipe at exit)."""
    import os

    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return 0


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
        args = build_parser(None).parse_args(args_list[:2])
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
