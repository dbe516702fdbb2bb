"""``newsdesk timeline``: the corpus' events as one table, the same event from several articles merged."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sized
from pathlib import Path

from tui.core.extract.pipeline import extract_paths
from tui.core.extract.timeline import TimelineEntry, build_timeline
from tui.core.seeds import seeds_dir

from .common import parse_day, plain


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("timeline", help="the corpus timeline: events merged across articles, conflicts flagged")
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: the seed articles)")
    parser.add_argument("--published", metavar="YYYY-MM-DD", help="publication date for every article")
    parser.add_argument("--format", choices=("table", "json", "tsv"), default="table",
                        help="table: boxed on a terminal, plain aligned columns in a pipe (full cells); "
                             "tsv: a header and one line per event, tab-separated")
    parser.add_argument("--all", action="store_true", help="include undated events")
    parser.add_argument("--from-shards", type=Path, metavar="DIR",
                        help="the timeline of the shards newsdesk extract --out DIR wrote (merged by date windows, "
                             "without holding the articles)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    published = parse_day(args.published) if args.published else None
    skipped = 0

    def on_skip(item: object) -> None:
        nonlocal skipped
        skipped += 1
        print(plain(item), file=sys.stderr)

    articles: Sized
    if args.from_shards is not None:
        from .timeline_shards import from_shards

        shard_entries = from_shards(args)
        if shard_entries is None:
            return 0  # streamed as JSON
        entries, articles = shard_entries
    else:
        articles = list(extract_paths(args.paths or [seeds_dir()], published=published, on_skip=on_skip,
                                      on_warning=lambda m: print(plain(m), file=sys.stderr)))
        entries = [e for e in build_timeline(articles) if args.all or e.date is not None]
    if args.format == "json":
        json.dump([e.to_dict() for e in entries], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 2 if skipped else 0
    rows = [row_cells(entry) for entry in entries]
    if args.format == "tsv":
        write_tsv(rows)
    elif sys.stdout.isatty():
        write_boxed(rows, f"Timeline: {len(entries)} events from {len(articles)} articles")
    else:  # a pipe or a file: rich would squeeze the columns into 80 characters (the summary one wide)
        write_aligned(rows)
    return 2 if skipped else 0


COLUMNS = ("date", "type", "sides", "place", "summary", "src", "conflicts")


def row_cells(entry: TimelineEntry) -> list[str]:
    """The entry's cells, each on one line and sanitised (conflicts joined by "; ")."""
    cells = (entry.date or "—", entry.type + (" (planned)" if entry.status == "planned" else ""),
             ", ".join(entry.actors), entry.place or "", entry.summary, str(len(entry.sources)),
             "; ".join(entry.conflicts))
    return [" ".join(plain(cell).split()) for cell in cells]  # tabs and line breaks become spaces


def write_tsv(rows: list[list[str]]) -> None:
    for row in [list(COLUMNS), *rows]:
        sys.stdout.write("\t".join(row) + "\n")


def write_aligned(rows: list[list[str]]) -> None:
    """Columns padded to their widest cell, nothing cut or wrapped: `| head`, `| grep`, `| less -S` read it."""
    table = [list(COLUMNS), *rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(COLUMNS))]
    for row in table:
        sys.stdout.write("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() + "\n")


def write_boxed(rows: list[list[str]], title: str) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title, expand=True)
    for column in COLUMNS:
        style = {"date": "bold", "type": "cyan", "conflicts": "red"}.get(column)
        table.add_column(column, justify="right" if column == "src" else "left", style=style, overflow="fold",
                         ratio=4 if column in ("summary", "conflicts") else None)
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))
    Console().print(table)
