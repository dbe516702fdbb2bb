"""Memory of the corpus timeline computed from extraction shards (``newsdesk timeline --from-shards``).

    python bench/shard_timeline.py [--sizes 10000,100000] [--in-memory 10000] [--replicate 10] [--work DIR]

For each size: writes a corpus with make_corpus.py, extracts it into shards (``newsdesk extract --jobs CORES
--out``), then runs ``newsdesk timeline --from-shards DIR --format json --all`` and reports its peak resident memory
(the child's ru_maxrss, from wait4), its time and the shards' size. ``--in-memory N`` also runs the in-memory
timeline (``newsdesk timeline CORPUS``) on the corpus of N articles, and checks both print the same bytes.
``--replicate K`` writes K copies of the largest size's shards (each copy's articles get new ids and paths; dates
unchanged, so the archive is K times as dense per day) and measures the timeline of those K × N articles too.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))


def measured(command: list[str], out: Path) -> tuple[float, float]:
    """Run ``command`` with stdout to ``out``; wall seconds and the peak RSS in MB of it and its children."""
    started = time.perf_counter()
    with out.open("wb") as handle:
        process = subprocess.Popen(command, stdout=handle, stderr=subprocess.DEVNULL, cwd=ROOT)
        _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 2):
        raise SystemExit(f"{command[3:5]} failed with status {process.returncode}")
    return time.perf_counter() - started, usage.ru_maxrss / 1024


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.iterdir()) / 1e6


def replicate(shards: Path, copies: int, target: Path) -> int:
    """``copies`` copies of every shard, each article with a new id and path; returns the article count."""
    from tui.core.extract.shards import atomic_write, shard_name, shard_paths, write_manifest

    target.mkdir()
    sources = shard_paths(shards)
    total = len(sources) * copies
    written = []
    for copy in range(copies):
        for index, path in enumerate(sources):
            def lines(path: Path = path, copy: int = copy):
                with path.open(encoding="utf-8") as handle:
                    for line in handle:
                        record = json.loads(line)
                        record["id"] = f"{record['id']}-{copy}"
                        record["path"] = f"copy{copy}/{record['path']}"
                        yield json.dumps(record, ensure_ascii=False)

            name = shard_name(copy * len(sources) + index, total)
            written.append((name, atomic_write(target / name, lines())))
    write_manifest(target, written)
    return sum(n for _, n in written)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--in-memory", type=int, default=10000, help="size to run the in-memory timeline on (0: none)")
    parser.add_argument("--replicate", type=int, default=0)
    parser.add_argument("--work", type=Path, help="folder for corpora and shards (default: a new one in /tmp)")
    args = parser.parse_args()
    from make_corpus import write_corpus

    work = args.work or Path(tempfile.mkdtemp(prefix="newsdesk-bench-timeline-"))
    work.mkdir(exist_ok=True)
    python, jobs = sys.executable, str(os.cpu_count() or 1)
    rows = []
    try:
        shards = work
        for size in [int(s) for s in args.sizes.split(",")]:
            corpus, shards = work / f"corpus-{size}", work / f"shards-{size}"
            if not corpus.exists():
                write_corpus(corpus, size)
            if not shards.exists():
                wall, rss = measured([python, "-m", "tui", "extract", str(corpus), "--jobs", jobs, "--out",
                                      str(shards)], work / "extract.log")
                print(f"extracted {size:,} articles in {wall:.0f} s with --jobs {jobs} (peak RSS {rss:.0f} MB)",
                      flush=True)
            wall, rss = measured([python, "-m", "tui", "timeline", "--from-shards", str(shards), "--format", "json",
                                  "--all"], work / "timeline-shards.json")
            rows.append((f"{size:,} articles, from shards ({size_mb(shards):,.0f} MB)", wall, rss))
            print(rows[-1], flush=True)
            if size == args.in_memory:
                wall, rss = measured([python, "-m", "tui", "timeline", str(corpus), "--format", "json", "--all"],
                                     work / "timeline-memory.json")
                rows.append((f"{size:,} articles, in memory (extraction included)", wall, rss))
                same = digest(work / "timeline-memory.json") == digest(work / "timeline-shards.json")
                print(rows[-1], "same bytes as from shards" if same else "OUTPUT DIFFERS", flush=True)
        if args.replicate > 1:
            copies = work / f"replica-{args.replicate}"
            count = replicate(shards, args.replicate, copies)
            wall, rss = measured([python, "-m", "tui", "timeline", "--from-shards", str(copies), "--format", "json",
                                  "--all"], work / "timeline-replica.json")
            rows.append((f"{count:,} articles ({args.replicate} copies), from shards ({size_mb(copies):,.0f} MB)",
                         wall, rss))
            shutil.rmtree(copies, ignore_errors=True)
        print(f"\n{'timeline of':62} {'wall s':>8} {'peak RSS MB':>12}")
        for name, wall, rss in rows:
            print(f"{name:62} {wall:8.1f} {rss:12.0f}")
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
