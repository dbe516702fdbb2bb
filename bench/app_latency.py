"""App figures: launch to first frame (newsdesk on the seeds vs a bare Textual app, same run), and keypress
latencies with a large database.

    python bench/app_latency.py [--runs 5] [--tags 100000] [--presses 100]

Launch: each app runs headless in a fresh Python process; the parent measures from spawning it to the child's
report that a frame with content was composed (App._display: the bare app's first frame; for newsdesk the first
frame in which the reader holds an article), imports and interpreter start included, as a user waits for it.
Keypresses: Textual's Pilot drives the app. "Durable save" is the time from sending the Accept key (enter) to the
store's set_tag returning (journal line written and fsync'd); "next statement" is the time from sending j to the
next frame the compositor produces (App._display) with the cursor moved.
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHILD_BARE = """
from textual.app import App
from textual.widgets import Static
class Bare(App):
    def compose(self):
        yield Static("A static screen")
    def _display(self, screen, renderable):
        super()._display(screen, renderable)
        if renderable is not None and not getattr(self, "reported", False):
            self.reported = True
            print("frame", flush=True)
            self.exit()
Bare().run(headless=True)
"""

CHILD_NEWSDESK = """
import sys
from pathlib import Path
sys.path.insert(0, {root!r})
from tui.app import NewsdeskApp
from tui.app.screens.main import MainScreen
from tui.app.widgets import ArticleList, ArticleReader
from tui.core.codebook import default_codebook
from tui.core.store.database import AnnotationStore

STAY = {stay!r}  # "frame": exit at the first frame; "loaded": also report the full list and the end of loading
EXPECTED = {expected!r}  # how many articles make the list complete

def rss_mb(field):
    for line in open("/proc/self/status"):
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0

class Timed(NewsdeskApp):
    # marks frames: the first composed while the reader holds an article (the articles are on screen), the first
    # with every article in the list, and the first after loading finished (every article fully extracted)
    marks = set()

    def mark(self, name, extra=""):
        self.marks.add(name)
        print(name, extra, flush=True)

    def _display(self, screen, renderable):
        super()._display(screen, renderable)
        if renderable is None or not isinstance(screen, MainScreen):
            return
        if "frame" not in self.marks and screen.articles and screen.query_one(ArticleReader).virtual_size.height:
            self.mark("frame")
            if STAY == "frame":
                self.exit()
        if "frame" in self.marks and "listed" not in self.marks and EXPECTED \\
                and screen.query_one(ArticleList).option_count >= EXPECTED:
            self.mark("listed")
        if "frame" in self.marks and "loaded" not in self.marks and not screen.extracting:
            self.mark("loaded", f"{{len(screen.articles)}} {{rss_mb('VmRSS'):.1f}} {{rss_mb('VmHWM'):.1f}}")
            self.exit()

store = AnnotationStore.open(Path({db!r}), annotator="bench")
try:
    Timed([Path(p) for p in {paths!r}], store, default_codebook()).run(headless=True)
finally:
    store.close()
"""


def newsdesk_child(paths: list[Path], db: Path, stay: str = "frame", expected: int = 0) -> str:
    """Code for a child process running newsdesk headless on ``paths``, reporting marks (see CHILD_NEWSDESK)."""
    return CHILD_NEWSDESK.format(root=str(ROOT), db=str(db), paths=[str(p) for p in paths], stay=stay,
                                 expected=expected)


def time_marks(code: str, timeout: float = 900) -> dict[str, tuple[float, str]]:
    """Run ``code`` in a fresh Python; seconds from spawning it to each line it prints ("name rest")."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    marks: dict[str, tuple[float, str]] = {}
    for line in process.stdout:
        name, _, rest = line.strip().partition(" ")
        marks.setdefault(name, (time.perf_counter() - start, rest))
    process.wait(timeout=timeout)
    if "frame" not in marks:
        raise RuntimeError("child did not report a frame")
    return marks


def time_child(code: str) -> float:
    return time_marks(code)["frame"][0]


def launch_figures(runs: int, folder: Path) -> None:
    newsdesk = newsdesk_child([ROOT / "seeds"], folder / "launch.json")
    bare_times, app_times = [], []
    # pip compiles an installed package's bytecode (Textual's included); an editable install of newsdesk run
    # with PYTHONDONTWRITEBYTECODE=1 would compile its source on every start, which no installed copy does
    compileall.compile_dir(ROOT / "tui", quiet=1)
    time_child(CHILD_BARE)  # warm the file cache for both
    time_child(newsdesk)
    for _ in range(runs):
        bare_times.append(time_child(CHILD_BARE))
        app_times.append(time_child(newsdesk))
    bare, app = statistics.median(bare_times), statistics.median(app_times)
    print(f"launch to first frame: bare Textual {bare * 1000:.0f} ms, newsdesk on the seeds {app * 1000:.0f} ms "
          f"(ratio {app / bare:.2f}; goal <= 1.5; median of {runs})")


def build_db(path: Path, tags: int) -> None:
    from bench.store_latency import build

    build(path, random.Random(7), max(1, tags // 50), tags)


async def keypress_figures(db: Path, presses: int, corpus: Path | None = None) -> dict[str, float]:
    """Open ``db`` and the app on ``corpus`` (default: copies of the seeds), press keys; returns the figures in ms."""
    from tui.app import NewsdeskApp
    from tui.app.screens.main import MainScreen
    from tui.core.codebook import default_codebook
    from tui.core.store.database import AnnotationStore

    if corpus is None:
        corpus = Path(tempfile.mkdtemp(prefix="newsdesk-corpus-"))
        for number in range(presses // 20 + 2):  # enough statements to tag, one new tag per press
            for seed in sorted((ROOT / "seeds").glob("*.txt")):
                (corpus / f"{number:03d}_{seed.name}").write_text(seed.read_text(encoding="utf-8") +
                                                                  f"\nCopy {number}.\n", encoding="utf-8")
    opened = time.perf_counter()
    store = AnnotationStore.open(db, annotator="bench")
    open_seconds = time.perf_counter() - opened
    before = store.count()
    app = NewsdeskApp([corpus], store, default_codebook())
    frames: list[float] = []
    saved: list[float] = []
    display, set_tag = app._display, store.set_tag

    def timed_display(screen, renderable):
        display(screen, renderable)
        if renderable is not None:
            frames.append(time.perf_counter())

    def timed_set_tag(**fields):
        result = set_tag(**fields)
        saved.append(time.perf_counter())
        return result

    app._display, store.set_tag = timed_display, timed_set_tag
    saves, moves = [], []

    def first_after(times: list[float], start: float) -> float | None:
        return next((t - start for t in times if t >= start), None)

    async with app.run_test(size=(120, 36)) as pilot:
        while not (isinstance(app.screen, MainScreen) and not app.screen.extracting):
            await pilot.pause()
        screen = app.screen
        while len(saves) < presses:
            article = screen.current_article
            suggestion = screen.model.suggestions_for(article).get(screen.statement_index, (None, None))
            count = store.count()
            if any(suggestion):  # enter accepts a suggestion; where there is none it would only say so
                start = time.perf_counter()
                await pilot.press("enter")
                if store.count() > count and (latency := first_after(saved, start)) is not None:
                    saves.append(latency)
            if screen.statement_index == screen.stops()[-1]:
                await pilot.press("J")
                if screen.current_article is article:
                    break  # the last article: report what was measured
            cursor = screen.statement_index
            start = time.perf_counter()
            await pilot.press("j")
            if screen.statement_index != cursor and (latency := first_after(frames, start)) is not None:
                moves.append(latency)
    store.close()
    print(f"database: {before} tags, opened in {open_seconds * 1000:.0f} ms")
    figures = {"tags": before, "open_ms": open_seconds * 1000}
    for key, label, values in (("save", "keypress to durable save (enter)", saves),
                               ("next", "keypress to next statement (j)", moves)):
        values.sort()
        if not values:
            raise RuntimeError(f"no {label} measured: no statement with a suggestion in the corpus")
        figures[f"{key}_median_ms"] = statistics.median(values) * 1000
        figures[f"{key}_p95_ms"] = values[int(len(values) * 0.95) - 1] * 1000
        figures[f"{key}_presses"] = len(values)
        print(f"{label}: median {figures[f'{key}_median_ms']:.1f} ms, p95 {figures[f'{key}_p95_ms']:.1f} ms "
              f"over {len(values)} presses (goal: median < 16)")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--tags", type=int, default=100_000)
    parser.add_argument("--presses", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsdesk-bench-") as tmp:
        folder = Path(tmp)
        launch_figures(args.runs, folder)
        db = folder / "big.json"
        build_db(db, args.tags)
        asyncio.run(keypress_figures(db, args.presses))


if __name__ == "__main__":
    main()
