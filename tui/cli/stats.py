"""``newsdesk stats [PATH ...]``: tags by actor and stance, progress per article, work per annotator.

Counting is :func:`tui.core.sets.stats.compute_stats`; this module only draws it (tables and block bars with rich).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from tui.core.codebook import Codebook
from tui.core.extract.pipeline import extract_paths
from tui.core.seeds import seeds_dir
from tui.core.sets.stats import Stats, compute_stats

from .agree import read_database
from .common import plain


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "stats", help="tag counts by actor and stance, progress per article and per annotator",
        description="Counts of the tags: actor by stance, per article (with progress: statements tagged by "
                    "anyone over the statements that can be tagged, for the articles at PATH) and per annotator. "
                    "Tags of articles not found at PATH are counted, their progress shown as unknown.")
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="files or folders of the articles (default: ./seeds or the seeds)")
    parser.add_argument("--db", type=Path, help="TinyDB file (default: $NEWSDESK_DB or ./annotations/annotations.json)")
    parser.add_argument("--annotator", action="append", metavar="NAME",
                        help="count only this annotator's tags (repeat for several)")
    parser.add_argument("--format", choices=("table", "json"), default="table")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from . import CliError

    for path in args.paths:
        if not Path(path).exists():
            raise CliError(f"{path}: no such file or folder")
    db, tags, codebook = read_database(args.db)
    if args.annotator:
        tags = [t for t in tags if t["annotator"] in args.annotator]
    skipped = 0

    def on_skip(item: object) -> None:
        nonlocal skipped
        skipped += 1
        print(plain(item), file=sys.stderr)

    articles = list(extract_paths(args.paths or [seeds_dir()], on_skip=on_skip,
                                  on_warning=lambda m: print(plain(m), file=sys.stderr)))
    stats = compute_stats(tags, articles, codebook)
    if args.format == "json":
        json.dump({"db": str(db), **stats.to_dict()}, sys.stdout, ensure_ascii=False, indent=2, allow_nan=False)
        sys.stdout.write("\n")
    else:
        _print_stats(stats, codebook, db)
    return 2 if skipped else 0


def _print_stats(stats: Stats, codebook: Codebook, db: Path) -> None:
    from rich.console import Console

    from tui.presentation.charts import stats_heading, stats_renderables

    console = Console()
    bar_width = max(10, min(40, console.width // 4))
    console.print(stats_renderables(stats, codebook, bar_width, stats_heading(stats, plain(db))))
