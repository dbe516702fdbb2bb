"""Speed-up of ``newsdesk extract`` in one process, with ``--jobs N`` and on a local Dask cluster.

    python bench/parallel_extract.py [--articles 3000] [--corpus DIR] [--runs 1] [--jobs 1,2] [--no-dask]

Writes a corpus with make_corpus.py into a temporary folder (or uses --corpus), runs each mode as a command
(``python -m tui extract CORPUS --format jsonl``) with its output going to a file, checks that every mode printed
the same bytes, and prints wall-clock time, articles per second, the speed-up over one process, and the CPU time
the command and its children used (the machine is shared: the load average is printed beside the figures).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))


def run_mode(corpus: Path, extra: list[str], out: Path, cluster_pids: list[int]) -> tuple[float, float, str]:
    """Wall seconds, CPU seconds and the output's digest. CPU time is sampled every 0.2 s from the command's process
    tree (pool workers are forked by multiprocessing's fork server, and not waited for by the command itself) and
    from the cluster's worker processes, if any."""
    import psutil

    watched = [psutil.Process(pid) for pid in cluster_pids]
    start_cpu = {p.pid: _cpu(p) for p in watched}
    started = time.perf_counter()
    last: dict[int, float] = {}
    with out.open("wb") as handle:
        process = subprocess.Popen([sys.executable, "-m", "tui", "extract", str(corpus), "--format", "jsonl",
                                    *extra], stdout=handle, stderr=subprocess.DEVNULL, cwd=ROOT)
        root = psutil.Process(process.pid)
        while process.poll() is None:
            for member in [root, *_tree(root), *watched]:
                used = _cpu(member)
                if used:  # 0.0: the process has just ended; keep its last reading
                    last[member.pid] = used - start_cpu.get(member.pid, 0.0)
            time.sleep(0.2)
    wall = time.perf_counter() - started
    for member in watched:
        last[member.pid] = _cpu(member) - start_cpu[member.pid]
    return wall, sum(last.values()), hashlib.sha256(out.read_bytes()).hexdigest()


def _tree(root) -> list:
    """The command's descendants: multiprocessing's fork server and the pool workers it forks."""
    import psutil

    try:
        return root.children(recursive=True)
    except psutil.Error:
        return []


def _cpu(process) -> float:
    import psutil

    try:
        times = process.cpu_times()
    except psutil.Error:
        return 0.0
    return times.user + times.system  # each process on its own: a parent's children_* would count them twice


def dask_cluster(workers: int):
    from distributed import LocalCluster

    return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                        dashboard_address=None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--corpus", type=Path, help="an existing corpus (default: generate one in /tmp)")
    parser.add_argument("--runs", type=int, default=1, help="runs of each mode, interleaved")
    parser.add_argument("--jobs", default=f"1,{os.cpu_count() or 1}", help="comma-separated --jobs values")
    parser.add_argument("--no-dask", action="store_true", help="skip the local Dask cluster")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="newsdesk-bench-parallel-"))
    try:
        corpus = args.corpus
        if corpus is None:
            from make_corpus import write_corpus

            corpus = work / "corpus"
            write_corpus(corpus, args.articles)
        modes: list[tuple[str, list[str]]] = [("one process", [])]
        modes += [(f"--jobs {n}", ["--jobs", n]) for n in args.jobs.split(",")]
        cluster, cluster_pids = None, []
        if not args.no_dask:
            cluster = dask_cluster(os.cpu_count() or 1)
            cluster_pids = [p.pid for p in _tree(__import__("psutil").Process())]
            modes.append((f"--dask (LocalCluster, {os.cpu_count()} workers)", ["--dask", cluster.scheduler_address]))
        results: dict[str, list[tuple[float, float]]] = {name: [] for name, _ in modes}
        digests = set()
        for _ in range(args.runs):
            for name, extra in modes:
                wall, cpu, digest = run_mode(corpus, extra, work / "out.jsonl", cluster_pids)
                results[name].append((wall, cpu))
                digests.add(digest)
        articles = sum(1 for _ in (work / "out.jsonl").open("rb"))
        if cluster is not None:
            cluster.close()
        print(f"{articles:,} articles ({corpus}); {os.cpu_count()} cores; load average before/after: "
              f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        print("every mode printed the same bytes" if len(digests) == 1 else f"OUTPUTS DIFFER: {len(digests)}")
        base = min(w for w, _ in results["one process"])
        print(f"{'mode':44} {'wall s':>8} {'art/s':>7} {'speed-up':>8} {'CPU s':>7}  (best of {args.runs})")
        for name, runs in results.items():
            wall, cpu = min(runs)
            print(f"{name:44} {wall:8.1f} {articles / wall:7.0f} {base / wall:7.2f}x {cpu:7.1f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
