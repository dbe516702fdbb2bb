"""``newsdesk merge A.json B.json ... --out C.json``: one database from several annotators' databases."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui.core.sets.merge import MergeError, merge_databases

from .common import plain


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "merge", help="merge several annotators' databases into one, without duplicates",
        description="Merge annotation databases: every tag of every input, duplicates (same tag id, or same "
                    "statement and annotator) kept once with the latest change; different annotators' tags on a "
                    "statement stay side by side. The inputs are only read; the output is written whole or not "
                    "at all. The first input's codebook is kept.")
    parser.add_argument("inputs", nargs="+", type=Path, metavar="DB", help="TinyDB files to merge")
    parser.add_argument("--out", type=Path, required=True, help="the merged TinyDB file to write")
    parser.add_argument("--force", action="store_true", help="replace --out if it exists")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from . import CliError

    try:
        result = merge_databases(args.inputs, args.out, force=args.force)
    except MergeError as exc:
        raise CliError(str(exc)) from None
    for warning in result.warnings:
        print(f"newsdesk: warning: {plain(warning)}", file=sys.stderr)
    print(plain(result.summary()))
    return 0
