"""What the user sees, timed: the INSTALLED `newsdesk` started in a real terminal (a tmux pane), from launch to
the first screen that shows article text, and from a key sent to the screen changing; a bare Textual app
(bench/pty_bare_app.py: a static line, a list, a footer) started the same way is the yardstick.

    python bench/pty_latency.py [--runs 5] [--corpus DIR] [--db DB] [--width 120 --height 36]

Cases, run alternately (bare, seeds, 10,000 articles, 10,000 articles + 100,000 tags, then again): --corpus is
a folder of bench/make_corpus.py (given as one PATH: the app reads it recursively), --db a database of
bench/make_db.py over it (copied for each run, since enter writes). Without them those cases are left out.

"Article text" is four consecutive words of an article's body line (its first lines, title left out, which the
list shows too) found on one line of the pane. A key's time is from `tmux send-keys` returning to the first
capture that differs from the screen before it; the screen is left to settle (unchanged for 0.3 s, at most 2 s)
first (and --key-delay seconds after the first text), and pickers and the timeline are closed with escape after. The pane is read with `tmux capture-pane`
polled as fast as it answers (a few ms per capture: the resolution of every figure here). A private tmux server
(-L socket) is used and ended at the end.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.pty_bare_app import BARE_TEXT  # noqa: E402

WORDS = 4
KEYS = ("j", "J", "a", "t", "Enter")  # tmux key names; a and t open a screen closed with Escape
CLOSES = {"a": "Escape", "t": "Escape"}


class Tmux:
    """A tmux server of our own (its own socket), one session per launch."""

    def __init__(self) -> None:
        self.socket = f"newsdesk-bench-{os.getpid()}"

    def run(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True).stdout

    def start(self, name: str, command: list[str], width: int, height: int, env: dict[str, str]) -> None:
        extra = [arg for key, value in env.items() for arg in ("-e", f"{key}={value}")]
        self.run("new-session", "-d", "-s", name, "-x", str(width), "-y", str(height), *extra,
                 " ".join(_quote(part) for part in command))

    def capture(self, name: str, styled: bool = False) -> str:
        """The pane's text; ``styled``: with its colours and attributes (a highlight that moves changes only
        those)."""
        return self.run("capture-pane", "-p", *(["-e"] if styled else []), "-t", name)

    def send(self, name: str, key: str) -> None:
        self.run("send-keys", "-t", name, key)

    def kill(self, name: str) -> None:
        self.run("kill-session", "-t", name)

    def close(self) -> None:
        self.run("kill-server")


def _quote(part: str) -> str:
    return "'" + part.replace("'", "'\\''") + "'"


def windows(text: str) -> set[tuple[str, ...]]:
    """Every run of WORDS consecutive words on one line of ``text``."""
    found = set()
    for line in text.splitlines():
        words = line.split()
        found.update(tuple(words[i:i + WORDS]) for i in range(len(words) - WORDS + 1))
    return found


def article_needles(paths: list[Path], lines_per_article: int = 6) -> set[tuple[str, ...]]:
    """The first WORDS words of the first body lines of every article at ``paths`` (titles left out)."""
    from tui.core.extract.reader import RawArticle, read_articles

    needles = set()
    for raw in read_articles(paths):
        if not isinstance(raw, RawArticle):
            continue
        lines = [line for line in raw.text.splitlines() if len(line.split()) >= WORDS]
        for line in lines[1:1 + lines_per_article]:
            if line.strip() != (raw.title or "").strip():
                needles.add(tuple(line.split()[:WORDS]))
    return needles


def wait_for(tmux: Tmux, name: str, seen: Callable[[str], bool], start: float, timeout: float,
             styled: bool = False) -> float | None:
    """Seconds from ``start`` to the first capture for which ``seen`` holds; None after ``timeout``."""
    while time.perf_counter() - start < timeout:
        if seen(tmux.capture(name, styled)):
            return time.perf_counter() - start
    return None


def settle(tmux: Tmux, name: str, quiet: float = 0.3, longest: float = 2.0) -> str:
    """The screen once it stayed the same for ``quiet`` seconds (or after ``longest``)."""
    begin = time.perf_counter()
    screen, since = tmux.capture(name, styled=True), time.perf_counter()
    while time.perf_counter() - since < quiet and time.perf_counter() - begin < longest:
        time.sleep(0.02)
        now = tmux.capture(name, styled=True)
        if now != screen:
            screen, since = now, time.perf_counter()
    return screen


def first_text(tmux: Tmux, name: str, command: list[str], needles: set[tuple[str, ...]], width: int,
               height: int, env: dict[str, str], timeout: float) -> float | None:
    """Launch ``command`` in a new pane: seconds until one of ``needles`` is on the screen (None: not seen)."""
    start = time.perf_counter()
    tmux.start(name, command, width, height, env)
    return wait_for(tmux, name, lambda screen: not windows(screen).isdisjoint(needles), start, timeout)


def key_to_frame(tmux: Tmux, name: str, key: str, timeout: float = 3.0) -> float | None:
    before = settle(tmux, name)
    start = time.perf_counter()
    tmux.send(name, key)
    took = wait_for(tmux, name, lambda screen: screen != before, start, timeout, styled=True)
    if key in CLOSES:
        settle(tmux, name)
        tmux.send(name, CLOSES[key])
    return took


class Case:
    """One thing to launch: its command, the words that mean "article text is drawn", its keys."""

    def __init__(self, label: str, command: list[str], needles: set[tuple[str, ...]], keys: tuple[str, ...],
                 db: Path | None = None) -> None:
        self.label, self.command, self.needles, self.keys, self.db = label, command, needles, keys, db
        self.first: list[float | None] = []
        self.key_times: dict[str, list[float | None]] = {key: [] for key in keys}


def run_case(tmux: Tmux, case: Case, run: int, work: Path, width: int, height: int, timeout: float,
             key_delay: float) -> None:
    db = work / f"run{run}-{case.label.split()[0]}.json"
    for leftover in work.glob(db.name + "*"):
        leftover.unlink()
    if case.db is not None:
        shutil.copyfile(case.db, db)
    command = [part.replace("{db}", str(db)) for part in case.command]
    env = {"NEWSDESK_DB": str(db), "NEWSDESK_ANNOTATOR": "bench", "XDG_CONFIG_HOME": str(work / "config")}
    name = f"r{run}-{len(case.first)}-{abs(hash(case.label)) % 10_000}"
    case.first.append(first_text(tmux, name, command, case.needles, width, height, env, timeout))
    if case.first[-1] is not None:
        time.sleep(key_delay)
        for key in case.keys:
            case.key_times[key].append(key_to_frame(tmux, name, key))
    tmux.kill(name)


def median_ms(values: list[float | None]) -> str:
    seen = [v for v in values if v is not None]
    if not seen:
        return "not seen"
    missed = len(values) - len(seen)
    return f"{statistics.median(seen) * 1000:.0f} ms" + (f" ({missed} of {len(values)} not seen)" if missed else "")


def median(values: list[float | None]) -> float | None:
    seen = [v for v in values if v is not None]
    return statistics.median(seen) if seen else None


def ratio(a: float | None, b: float | None) -> str:
    return f"{a / b:.2f}×" if a is not None and b else "—"


def report(cases: list[Case], runs: int) -> None:
    bare = cases[0]
    by = {case.label: case for case in cases}
    seeds = by.get("seeds")
    print(f"\nmedians of {runs} alternating runs; load average now {os.getloadavg()[0]:.1f}\n")
    print(f"{'launch → first article text':44} {'measured':>22}  {'ratio':>22}  goal")
    bare_first = median(bare.first)
    for case in cases:
        goal, base, base_name = "floor", None, ""
        if case.label == "seeds":
            goal, base, base_name = "≤ 1.5× bare", bare_first, "bare"
        elif case.label == "10,000 articles":
            goal, base, base_name = "≤ 2× seeds", median(seeds.first) if seeds else None, "seeds"
        elif case.label.startswith("10,000 articles +"):
            goal, base, base_name = "≤ 3× seeds", median(seeds.first) if seeds else None, "seeds"
        shown = ratio(median(case.first), base) + f" {base_name}" if base_name else ""
        extra = f" (bare {ratio(median(case.first), bare_first)})" if base_name == "seeds" else ""
        print(f"{case.label:44} {median_ms(case.first):>22}  {shown + extra:>22}  {goal}")
    bare_key = median(bare.key_times["Down"])
    print(f"\n{'key → frame':44} {'measured':>22}  {'ratio to bare key':>22}  goal")
    print(f"{'bare app: Down (highlight moves)':44} {median_ms(bare.key_times['Down']):>22}  {'':>22}  floor")
    for case in cases[1:]:
        for key, values in case.key_times.items():
            goal = "≤ 1.5× bare key" + (", < 50 ms" if key in CLOSES else "")
            label = f"{case.label}: {key}"
            print(f"{label:44} {median_ms(values):>22}  {ratio(median(values), bare_key):>22}  {goal}")


def build_cases(args: argparse.Namespace) -> list[Case]:
    from tui.core.seeds import seeds_dir

    python = str(ROOT / ".venv" / "bin" / "python")
    script = str(args.script)
    cases = [Case("bare Textual app", [python, str(ROOT / "bench" / "pty_bare_app.py")],
                  {tuple(BARE_TEXT.split()[:WORDS])}, ("Down",))]
    seeds = seeds_dir()
    cases.append(Case("seeds", [script, str(seeds), "--db", "{db}"], article_needles([seeds]), KEYS))
    if args.corpus:
        corpus_needles = article_needles([args.corpus])
        cases.append(Case("10,000 articles", [script, str(args.corpus), "--db", "{db}"], corpus_needles, KEYS))
        if args.db:
            cases.append(Case("10,000 articles + 100,000 tags", [script, str(args.corpus), "--db", "{db}"],
                              corpus_needles, KEYS, db=args.db))
    return cases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--corpus", type=Path, help="a folder of 10,000 articles (bench/make_corpus.py)")
    parser.add_argument("--db", type=Path, help="a database of 100,000 tags over --corpus (bench/make_db.py)")
    parser.add_argument("--script", type=Path, default=ROOT / ".venv" / "bin" / "newsdesk")
    parser.add_argument("--width", type=int, default=120)
    parser.add_argument("--height", type=int, default=36)
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds to wait for article text")
    parser.add_argument("--key-delay", type=float, default=3.0,
                        help="seconds between the first text and the first key (the seeds' extraction ends in it; "
                             "10,000 articles are still being extracted: keys are timed while it runs)")
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        raise SystemExit("pty_latency: needs tmux")
    cases = build_cases(args)
    tmux = Tmux()
    try:
        with tempfile.TemporaryDirectory(prefix="newsdesk-pty-") as work:
            for run in range(args.runs):
                for case in cases:
                    run_case(tmux, case, run, Path(work), args.width, args.height, args.timeout,
                             args.key_delay)
                    print(f"run {run + 1} {case.label}: first text {median_ms(case.first[-1:])}", flush=True)
    finally:
        tmux.close()
    report(cases, args.runs)


if __name__ == "__main__":
    main()
