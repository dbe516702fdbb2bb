"""Scale figures: 10,000 articles and 100,000 tags, against the goals, as one table.

    python bench/scale.py [--articles 10000] [--tags 100000] [--runs 5] [--full-runs 3] [--extract-runs 3]
                          [--presses 100] [--work DIR]

Builds the corpora (bench/make_corpus.py) and the database (bench/make_db.py) in --work (default: a temp folder,
removed afterwards; an existing corpus or database there is reused), then measures, each figure the median of
several runs, the ratios from runs taken side by side (interleaved) in the same invocation:

* launch to first frame (bench/app_latency.py's method: a fresh process, spawn to the first composed frame with an
  article in the reader): a bare Textual app, newsdesk on the seeds, on the 10,000 articles with an empty
  database, and on the 10,000 articles with the 100,000 tags;
* on the 10,000 articles, with an empty database and with the 100,000 tags, until everything is loaded: the time
  to the first frame with every article in the list, to the first frame after the full extraction, and the
  memory of that process (VmHWM: its peak resident set);
* extraction throughput (tui.core.extract.pipeline.extract_paths, reading included) in a child process pinned to one
  core, for 1,000 and 10,000 articles;
* opening the 100,000-tag database, and keypress latencies with it (bench/app_latency.py's keypress_figures on the
  corpus' largest month folder, so the app is ready in seconds; the other tags stay in the database);
* bench/export_speed.py's own figures, when that script exists.

Other work on the machine skews timings: the 1-minute load average (os.getloadavg) is shown beside each figure.
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import gc
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.app_latency import CHILD_BARE, keypress_figures, newsdesk_child, time_marks  # noqa: E402
from bench.make_corpus import write_corpus  # noqa: E402
from bench.make_db import build_db  # noqa: E402

CHILD_EXTRACT = """
import os, sys, time
sys.path.insert(0, {root!r})
os.sched_setaffinity(0, {{min(os.sched_getaffinity(0))}})
from tui.core.extract.pipeline import extract_paths
start = time.perf_counter()
count = sum(1 for _ in extract_paths([{folder!r}]))
print(count, time.perf_counter() - start, flush=True)
"""


@dataclass(slots=True)
class Row:
    figure: str
    goal: str
    measured: str
    met: bool | None
    load: str


def load_now() -> float:
    return os.getloadavg()[0]


def loads(samples: list[float]) -> str:
    return f"{min(samples):.2f}-{max(samples):.2f}" if samples else "-"


def median_ms(values: list[float]) -> float:
    return statistics.median(values) * 1000


def ensure_corpus(folder: Path, count: int) -> Path:
    if not folder.is_dir():
        started = time.perf_counter()
        counts = write_corpus(folder, count, seed=1)
        print(f"corpus of {sum(counts.values()):,} articles ({counts}) written in {time.perf_counter() - started:.0f} s",
              flush=True)
    return folder


def ensure_db(corpus: Path, db: Path, tags: int) -> Path:
    if not db.exists():
        started = time.perf_counter()
        figures = build_db(corpus, db, tags)
        print(f"database of {figures['tags']:,} tags written in {time.perf_counter() - started:.0f} s "
              f"({db.stat().st_size / 1e6:.0f} MB)", flush=True)
    return db


def fresh_copy(db: Path | None, work: Path) -> Path:
    """A database for one run: empty, or a copy of ``db`` (the app writes its session and codebook into it)."""
    target = work / "run.json"
    for leftover in work.glob("run.json*"):
        leftover.unlink()
    if db is not None:
        shutil.copyfile(db, target)
    return target


def launch_rows(runs: int, corpus: Path, count: int, db: Path, work: Path) -> list[Row]:
    children: dict[str, Callable[[], str]] = {
        "bare": lambda: CHILD_BARE,
        "seeds": lambda: newsdesk_child([ROOT / "seeds"], fresh_copy(None, work)),
        "10k": lambda: newsdesk_child([corpus], fresh_copy(None, work)),
        "10k+tags": lambda: newsdesk_child([corpus], fresh_copy(db, work)),
    }
    compileall.compile_dir(ROOT / "tui", quiet=1)  # as an installed copy has it (see bench/app_latency.py)
    for child in children.values():  # warm the file cache
        time_marks(child())
    times: dict[str, list[float]] = {name: [] for name in children}
    samples = []
    for _ in range(runs):
        for name, child in children.items():
            samples.append(load_now())
            times[name].append(time_marks(child())["frame"][0])
    bare, seeds, big, tagged = (median_ms(times[name]) for name in children)
    load = loads(samples)
    return [
        Row("launch to first frame, bare Textual", "(floor)", f"{bare:.0f} ms", None, load),
        Row("launch to first frame, seeds", "<= 1.5x bare", f"{seeds:.0f} ms = {seeds / bare:.2f}x bare",
            seeds <= 1.5 * bare, load),
        Row(f"launch to first frame, {count:,} articles", "<= 2x seeds", f"{big:.0f} ms = {big / seeds:.2f}x seeds",
            big <= 2 * seeds, load),
        Row(f"launch to first frame, {count:,} articles + tags", "(none)",
            f"{tagged:.0f} ms = {tagged / seeds:.2f}x seeds", None, load),
    ]


def full_load_rows(runs: int, corpus: Path, count: int, db: Path, work: Path) -> list[Row]:
    """Until everything is loaded, with an empty database and with the tags (interleaved)."""
    variants = {"": None, " + tags": db}
    listed: dict[str, list[float]] = {v: [] for v in variants}
    loaded: dict[str, list[float]] = {v: [] for v in variants}
    peaks: dict[str, list[float]] = {v: [] for v in variants}
    samples: dict[str, list[float]] = {v: [] for v in variants}
    for _ in range(runs):
        for variant, source in variants.items():
            samples[variant].append(load_now())
            marks = time_marks(newsdesk_child([corpus], fresh_copy(source, work), stay="loaded", expected=count))
            samples[variant].append(load_now())
            if "listed" not in marks or "loaded" not in marks:
                raise RuntimeError(f"the app did not finish loading: {marks}")
            articles, rss, hwm = marks["loaded"][1].split()
            listed[variant].append(marks["listed"][0])
            loaded[variant].append(marks["loaded"][0])
            peaks[variant].append(float(hwm))
            print(f"  full load{variant}: listed {listed[variant][-1]:.1f} s, loaded {loaded[variant][-1]:.1f} s "
                  f"({articles} articles), RSS at end {rss} MB, peak {hwm} MB", flush=True)
    rows = []
    for variant in variants:
        load = loads(samples[variant])
        peak = statistics.median(peaks[variant])
        rows += [
            Row(f"launch to full list, {count:,} articles{variant}", "(none)",
                f"{statistics.median(listed[variant]):.1f} s", None, load),
            Row(f"launch to all extracted, {count:,} articles{variant}", "(none)",
                f"{statistics.median(loaded[variant]):.0f} s", None, load),
            Row(f"peak memory, {count:,} articles{variant} loaded", "< 400 MB", f"{peak:.0f} MB", peak < 400, load),
        ]
    return rows


def extract_rate(folder: Path, runs: int) -> tuple[float, int, list[float]]:
    rates, samples, count = [], [], 0
    for _ in range(runs):
        samples.append(load_now())
        out = subprocess.run([sys.executable, "-c", CHILD_EXTRACT.format(root=str(ROOT), folder=str(folder))],
                             capture_output=True, text=True, check=True, timeout=3600).stdout.split()
        samples.append(load_now())
        count, seconds = int(out[0]), float(out[1])
        rates.append(count / seconds)
        print(f"  extraction of {folder.name}: {count} articles in {seconds:.1f} s", flush=True)
    return statistics.median(rates), count, samples


def extraction_rows(runs: int, small: Path, big: Path) -> list[Row]:
    small_rate, small_count, small_load = extract_rate(small, runs)
    big_rate, big_count, big_load = extract_rate(big, runs)
    return [
        Row(f"extraction, {small_count:,} articles, one core", ">= 100 articles/s", f"{small_rate:.0f} articles/s",
            small_rate >= 100, loads(small_load)),
        Row(f"extraction, {big_count:,} articles, one core", ">= 100 articles/s", f"{big_rate:.0f} articles/s",
            big_rate >= 100, loads(big_load)),
        Row("extraction growth (rate at 10x the articles)", ">= 0.8x (linear)", f"{big_rate / small_rate:.2f}x",
            big_rate / small_rate >= 0.8, loads(small_load + big_load)),
    ]


def store_rows(db: Path, corpus: Path, presses: int, work: Path) -> list[Row]:
    from tui.core.store.database import AnnotationStore

    opens, samples = [], []
    for _ in range(5):
        gc.collect()
        samples.append(load_now())
        started = time.perf_counter()
        store = AnnotationStore.open(db, annotator="bench", read_only=True)
        opens.append(time.perf_counter() - started)
        tags = store.count()
        store.close()
    rows = [Row(f"open the database, {tags:,} tags", "< 1 s", f"{median_ms(opens):.0f} ms", max(opens) < 1 and
                median_ms(opens) < 1000, loads(samples))]
    month = max((p for p in corpus.glob("*/*") if p.is_dir()), key=lambda p: sum(1 for _ in p.iterdir()))
    before = load_now()
    figures = asyncio.run(keypress_figures(fresh_copy(db, work), presses, corpus=month))
    load = loads([before, load_now()])
    for key, label in (("next", "key to next statement drawn (j)"), ("save", "key to tag durable (enter)")):
        median, p95 = figures[f"{key}_median_ms"], figures[f"{key}_p95_ms"]
        rows.append(Row(f"{label}, {figures['tags']:,} tags", "median < 16 ms",
                        f"median {median:.1f} ms, p95 {p95:.1f} ms", median < 16, load))
    return rows


def export_figures() -> None:
    script = ROOT / "bench" / "export_speed.py"
    if script.exists():
        print("\nbench/export_speed.py:", flush=True)
        subprocess.run([sys.executable, str(script)], check=False, timeout=3600)


def print_table(rows: list[Row]) -> None:
    widths = [max(len(getattr(r, f)) for r in rows) for f in ("figure", "goal", "measured")]
    header = ("figure", "goal", "measured", "met", "load")
    print("\n" + "  ".join(h.ljust(w) for h, w in zip(header, widths + [4, 0])).rstrip())
    for r in rows:
        met = "-" if r.met is None else ("yes" if r.met else "NO")
        print("  ".join(v.ljust(w) for v, w in zip((r.figure, r.goal, r.measured, met, r.load), widths + [4, 0])))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--tags", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5, help="launch runs (each app, interleaved)")
    parser.add_argument("--full-runs", type=int, default=3, help="runs until everything is loaded")
    parser.add_argument("--extract-runs", type=int, default=3)
    parser.add_argument("--presses", type=int, default=100)
    parser.add_argument("--work", type=Path, help="keep the corpora and database here (reused when present)")
    parser.add_argument("--skip", nargs="*", default=[], choices=("launch", "full", "extract", "store", "export"))
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load {load_now():.2f}", flush=True)
    temporary = None if args.work else tempfile.TemporaryDirectory(prefix="newsdesk-scale-")
    work = (args.work or Path(temporary.name)).resolve()
    work.mkdir(parents=True, exist_ok=True)
    try:
        big = ensure_corpus(work / f"corpus-{args.articles}", args.articles)
        small = ensure_corpus(work / f"corpus-{args.articles // 10}", args.articles // 10)
        db = ensure_db(big, work / f"tags-{args.tags}.json", args.tags)
        rows: list[Row] = []
        steps = {"launch": lambda: launch_rows(args.runs, big, args.articles, db, work),
                 "full": lambda: full_load_rows(args.full_runs, big, args.articles, db, work),
                 "extract": lambda: extraction_rows(args.extract_runs, small, big),
                 "store": lambda: store_rows(db, big, args.presses, work)}
        for name, step in steps.items():
            if name not in args.skip:
                print(f"[{time.strftime('%H:%M:%S')}] {name} ...", flush=True)
                try:
                    measured = step()
                except Exception as exc:  # noqa: BLE001 - one broken step must not lose the others' figures
                    print(f"  {name} failed: {type(exc).__name__}: {exc}", flush=True)
                    continue
                print_table(measured)  # at once: a later step may take long or fail
                rows.extend(measured)
        print("\nall figures:")
        print_table(rows)
        if "export" not in args.skip:
            export_figures()
    finally:
        if temporary is not None:
            temporary.cleanup()


if __name__ == "__main__":
    main()
