"""Start-up time of the installed command line: `newsdesk --help`, `--version`, `--print-completion bash` and
`newsdesk extract --help`, against an interpreter that does nothing (`python -c pass`), runs interleaved.

    python bench/cli_startup.py [--runs 9] [--script .venv/bin/newsdesk]

Wall-clock time from spawning the process to its exit, output thrown away; medians, with the load average.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--script", type=Path, default=ROOT / ".venv" / "bin" / "newsdesk")
    args = parser.parse_args()
    script = str(args.script)
    cases = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "newsdesk --help": [script, "--help"],
        "newsdesk --version": [script, "--version"],
        "newsdesk --print-completion bash": [script, "--print-completion", "bash"],
        "newsdesk extract --help": [script, "extract", "--help"],
    }
    times: dict[str, list[float]] = {name: [] for name in cases}
    for argv in cases.values():  # warm the page cache and the bytecode once
        timed(argv)
    for _ in range(args.runs):
        for name, argv in cases.items():
            times[name].append(timed(argv))
    print(f"load average {os.getloadavg()[0]:.1f}; medians of {args.runs} interleaved runs")
    for name, values in times.items():
        print(f"{name:36} {statistics.median(values) * 1000:7.0f} ms   (min {min(values) * 1000:.0f})")


if __name__ == "__main__":
    main()
