"""``newsdesk timeline --from-shards DIR``: the timeline of an extraction's shards, merged by date windows.

JSON goes out entry by entry as the windows are merged (the bytes ``--format json`` gives in memory); the table
needs every entry first, so it holds the entries, never the articles.
"""

from __future__ import annotations

import argparse
import json
import sys

from tui.core.extract.timeline import TimelineEntry


def from_shards(args: argparse.Namespace) -> tuple[list[TimelineEntry], range] | None:
    """The entries and a stand-in for the articles (their count) for the table; None once JSON is written."""
    from tui.core.extract.shards import ShardError, stream_timeline

    from . import CliError

    if args.paths or args.published:
        raise CliError("--from-shards reads the shards' records: give no PATH or --published with it")
    try:
        timeline = stream_timeline(args.from_shards, undated=args.all)
        entries = (e for e in timeline.entries if args.all or e.date is not None)
        if args.format == "json":
            write_json(entries)
            return None
        listed = list(entries)
    except (ShardError, OSError) as exc:
        raise CliError(str(exc)) from None
    return listed, range(timeline.articles)


def write_json(entries) -> None:
    """What ``json.dump(list, indent=2)`` writes, one entry at a time."""
    out = sys.stdout
    first = True
    for entry in entries:
        text = json.dumps(entry.to_dict(), ensure_ascii=False, indent=2).replace("\n", "\n  ")
        out.write(("[\n  " if first else ",\n  ") + text)
        first = False
    out.write("[]\n" if first else "\n]\n")
    out.flush()
