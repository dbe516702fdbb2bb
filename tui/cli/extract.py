"""``newsdesk extract``: every article as JSON, with statements, quotes, date expressions and events.

One process by default; ``--jobs N`` runs both passes in N processes, ``--dask ADDRESS`` on a Dask cluster; all
three print the same bytes. ``--out DIR`` writes JSON Lines shards instead (one per chunk or partition).
"""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Iterable
from pathlib import Path

from tui.core.seeds import seeds_dir

from .common import parse_day, plain


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("extract", help="print each article's statements, quotes, dates and events as JSON")
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: the seed articles)")
    parser.add_argument("--published", metavar="YYYY-MM-DD", help="publication date for every article")
    parser.add_argument("--format", choices=("json", "jsonl"), default=None,
                        help="json: one array (the default); jsonl: one object per line (always, with --out)")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--jobs", type=int, metavar="N", help="extract in N processes on this machine")
    where.add_argument("--dask", metavar="ADDRESS", help="extract on the Dask cluster whose scheduler is ADDRESS "
                                                         "(e.g. tcp://10.0.0.5:8786); needs newsdesk[dask]")
    parser.add_argument("--out", type=Path, metavar="DIR",
                        help="write JSON Lines shards part-NNNNN.jsonl and a manifest.json to DIR (new or empty)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from . import CliError

    published = parse_day(args.published) if args.published else None
    if args.jobs is not None and args.jobs < 1:
        raise CliError("--jobs: give a number of processes of at least 1")
    if args.out is not None and args.format == "json":
        raise CliError("--out writes JSON Lines shards; --format json is for standard output")
    fmt = args.format or ("jsonl" if args.out is not None else "json")
    paths = [str(p) for p in args.paths] or [str(seeds_dir())]
    if args.out is not None:
        from tui.core.extract.shards import ShardError, check_out_dir

        try:
            check_out_dir(args.out)
        except (ShardError, OSError) as exc:
            raise CliError(f"--out: {exc}") from None
    if args.dask:
        from .extract_dask import run_dask

        return run_dask(args.dask, paths, published, fmt, args.out)
    if args.jobs is None and args.out is None:
        return _one_process(paths, published, fmt)
    return _processes(paths, published, fmt, args.jobs or 1, args.out)


def report(message: str) -> None:
    print(plain(message), file=sys.stderr)


def _one_process(paths: list[str], published, fmt: str) -> int:
    from tui.core.extract.parallel import record_json
    from tui.core.extract.pipeline import extract_paths

    skipped = 0

    def on_skip(item: object) -> None:
        nonlocal skipped
        skipped += 1
        report(str(item))

    articles = extract_paths(paths, published=published, on_skip=on_skip, on_warning=report)
    write_stdout(([record_json(a, indent_for(fmt))] for a in articles), fmt)
    return 2 if skipped else 0


def _processes(paths: list[str], published, fmt: str, jobs: int, out: Path | None) -> int:
    from tui.core.extract.chunks import plan_chunks
    from tui.core.extract.parallel import ChunkChanged, ProcessRun, record_json

    from . import CliError

    chunks = plan_chunks(paths, jobs=jobs)
    run = ProcessRun(chunks, functools.partial(record_json, indent=indent_for(fmt)), jobs=jobs,
                     published=published, on_message=report)
    try:
        if out is None:
            write_stdout(run, fmt)
        else:
            write_shards(out, run, len(chunks))
    except ChunkChanged as exc:
        raise CliError(str(exc)) from None
    return 2 if run.skipped else 0


def indent_for(fmt: str) -> int | None:
    return None if fmt == "jsonl" else 2


def write_stdout(batches: Iterable[list[str]], fmt: str) -> None:
    """Records in order: one per line (jsonl), or one JSON array laid out as the single process has always done."""
    out = sys.stdout
    first = True
    if fmt == "json":
        out.write("[")
    for batch in batches:
        for record in batch:
            if fmt == "jsonl":
                out.write(record + "\n")
            else:
                out.write(("\n" if first else ",\n") + record)
            first = False
    if fmt == "json":
        out.write("\n]\n" if not first else "]\n")
    out.flush()


def write_shards(folder: Path, batches: Iterable[list[str]], total: int) -> None:
    from tui.core.extract.shards import atomic_write, shard_name, write_manifest

    written = []
    for index, batch in enumerate(batches):
        name = shard_name(index, total)
        written.append((name, atomic_write(folder / name, batch)))
    write_manifest(folder, written)
    report(f"newsdesk: wrote {sum(n for _, n in written)} articles in {len(written)} shards to {folder}")
