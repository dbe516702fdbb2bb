"""How long does exporting a large annotation set take, per format?

Builds a database of 100,000 tags over 2,000 generated articles (the generator of ``bench/store_latency.py``),
writes the article files where the tags say they are (``<project>/articles/2025/05/NNNN.txt`` beside
``<project>/annotations/annotations.json``) so every article text is found, then times a whole export in each
format, median of 3 runs (opening the database read-only, reading 2,000 articles with their title and date,
checking every tag against its text, writing atomically and durably).  Each run writes to a new path, as
a real export does, and a format's outputs are removed only after its runs: on ext4, creating thousands of
files right after deleting thousands (a brat folder) is several times slower, because the inode allocator
checks each candidate against recently deleted inodes (seen with ``perf``: ``recently_deleted``).
``os.sync()`` runs (untimed) after the build and between runs, so no run pays for flushing another's writes.
The goal is under 5 s per format.

    /work/venv/bin/python bench/export_speed.py [--tags 100000] [--articles 2000] [--runs 3] [--dir DIR] [--formats F ...]
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.store_latency import build  # noqa: E402
from tui.core.sets.annotation_set import FORMATS, export  # noqa: E402

GOAL_SECONDS = 5.0


def size_of(path: Path) -> int:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    config = path.with_name(path.stem + ".label_config.xml")
    return path.stat().st_size + (config.stat().st_size if config.exists() else 0)


def remove(out: Path) -> None:
    """A run's output (and a Label Studio config beside it)."""
    if out.is_dir():
        shutil.rmtree(out)
    out.unlink(missing_ok=True)
    out.with_name(out.stem + ".label_config.xml").unlink(missing_ok=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tags", type=int, default=100_000)
    parser.add_argument("--articles", type=int, default=2_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--dir", type=Path, default=None, help="where to build the project (default: a temp dir)")
    parser.add_argument("--formats", nargs="+", choices=FORMATS, default=list(FORMATS))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as folder:
        project = Path(folder)
        db = project / "annotations" / "annotations.json"
        started = time.perf_counter()
        articles = build(db, random.Random(2025), args.articles, args.tags)
        for _article_id, article_path, text in articles:
            path = project / article_path
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        os.sync()
        print(f"built {args.tags:,} tags over {len(articles):,} article files in {time.perf_counter() - started:.1f} s;"
              f" database {db.stat().st_size / 1e6:.1f} MB")
        print(f"{'format':<12} {'median':>8} {'max':>8} {'cpu':>8} {'tags':>9} {'files':>6} {'output':>9}"
              f"  (goal < {GOAL_SECONDS:.0f} s)")
        for fmt in args.formats:
            walls, cpus, outs = [], [], []
            for run in range(args.runs):
                out = project / "exports" / (f"{fmt}-{run}" if fmt == "brat" else f"export-{run}.{fmt}")
                outs.append(out)
                os.sync()
                gc.collect()
                started, cpu = time.perf_counter(), time.process_time()
                result = export(db, fmt, out)
                walls.append(time.perf_counter() - started)
                cpus.append(time.process_time() - cpu)
            size = size_of(outs[0])
            for out in outs:
                remove(out)
            median = statistics.median(walls)
            verdict = "ok" if median < GOAL_SECONDS else "SLOW"
            print(f"{fmt:<12} {median:7.2f}s {max(walls):7.2f}s {statistics.median(cpus):7.2f}s "
                  f"{result.tags_written:>9,} {len(result.files_written):>6,} {size / 1e6:6.1f} MB  {verdict}")
        print("median / max: wall-clock seconds of a whole export, median of the runs; cpu: median process CPU time "
              "(less sensitive to other load on the machine)")


if __name__ == "__main__":
    main()
