"""``newsdesk extract``: every article as JSON, with statements, quotes, date expressions and events."""

from __future__ import annotations

import argparse
import json
import sys

from tui.core.extract.pipeline import extract_paths
from tui.core.jsonio import json_safe
from tui.core.seeds import seeds_dir

from .common import parse_day, plain


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("extract", help="print each article's statements, quotes, dates and events as JSON")
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: the seed articles)")
    parser.add_argument("--published", metavar="YYYY-MM-DD", help="publication date for every article")
    parser.add_argument("--format", choices=("json", "jsonl"), default="json",
                        help="json: one array; jsonl: one object per line")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    published = parse_day(args.published) if args.published else None
    paths = args.paths or [seeds_dir()]
    skipped = 0

    def on_skip(item: object) -> None:
        nonlocal skipped
        skipped += 1
        print(plain(item), file=sys.stderr)

    def on_warning(message: str) -> None:
        print(plain(message), file=sys.stderr)

    out = sys.stdout
    first = True
    if args.format == "json":
        out.write("[")
    for article in extract_paths(paths, published=published, on_skip=on_skip, on_warning=on_warning):
        # json_safe: a lone surrogate (a file name that is not UTF-8) is written as its escape, so the output is
        # always valid UTF-8 and each JSON Lines record stays on one line
        record = json_safe(json.dumps(article.to_dict(), ensure_ascii=False,
                                      indent=None if args.format == "jsonl" else 2))
        if args.format == "jsonl":
            out.write(record + "\n")
        else:
            out.write(("\n" if first else ",\n") + record)
        first = False
    if args.format == "json":
        out.write("\n]\n" if not first else "]\n")
    out.flush()
    return 2 if skipped else 0
