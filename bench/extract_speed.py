"""Extraction throughput: articles a second on one core, all stages included, with a per-stage breakdown.

    python bench/extract_speed.py [--articles 500] [--size 4096] [--runs 3]

Articles are made by recombining the seed articles' lines into texts of about --size bytes (different orders, so no
two are equal). Prints the median of --runs runs, by wall clock and by process (CPU) time: on a shared machine the
process-time figure is the steadier one. The per-stage breakdown is in process time.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tui.core.extract import pipeline  # noqa: E402
from tui.core.extract.corpus import CorpusContext  # noqa: E402
from tui.core.extract.reader import RawArticle  # noqa: E402

CONTEXT = CorpusContext(reference=date(2025, 5, 28))  # generated articles carry no date: place them in May 2025


def make_articles(count: int, size: int, seed: int = 1) -> list[RawArticle]:
    lines = [line for path in sorted((ROOT / "seeds").glob("*.txt"))
             for line in path.read_text(encoding="utf-8").splitlines() if len(line.split()) > 6]
    rng = random.Random(seed)
    articles = []
    for number in range(count):
        picked: list[str] = []
        while sum(len(p.encode()) + 1 for p in picked) < size:
            picked.append(rng.choice(lines))
        articles.append(RawArticle(f"generated/{number:05d}.txt", "\n".join(picked) + "\n", "txt"))
    return articles


def stage_times(articles: list[RawArticle]) -> dict[str, float]:
    """Process seconds spent in each stage over all articles (a second pass, for the breakdown only)."""
    from tui.core.extract.actors import find_mentions
    from tui.core.extract.events import find_events
    from tui.core.extract.layout import analyse
    from tui.core.extract.quotes import find_quotes
    from tui.core.extract.statements import body_sentences, build_statements
    from tui.core.extract.timex.tagger import find_timexes

    totals = dict.fromkeys(("layout", "sentences", "mentions", "quotes", "statements", "timexes", "events"), 0.0)
    anchor = date(2025, 5, 28)
    clock = time.process_time
    for raw in articles:
        t0 = clock(); layout = analyse(raw.text)
        t1 = clock(); sentences = body_sentences(raw.text, layout)
        t2 = clock(); mentions = find_mentions(raw.text)
        t3 = clock(); quotes = find_quotes(raw.text, sentences, mentions)
        t4 = clock(); statements = build_statements(raw.text, layout, sentences, quotes)
        t5 = clock(); timexes = find_timexes(raw.text, anchor)
        t6 = clock(); find_events(raw.text, statements, timexes, mentions, anchor)
        t7 = clock()
        for key, span in zip(totals, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5, t7 - t6)):
            totals[key] += span
    return totals


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--size", type=int, default=4096)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    articles = make_articles(args.articles, args.size)
    pipeline.extract_article(articles[0])  # warm up imports and compiled patterns
    wall_rates, cpu_rates = [], []
    for _ in range(args.runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        for raw in articles:
            pipeline.extract_article(raw, CONTEXT)
        wall_rates.append(len(articles) / (time.perf_counter() - start))
        cpu_rates.append(len(articles) / (time.process_time() - start_cpu))
    mean_size = statistics.mean(len(a.text.encode()) for a in articles)
    wall, cpu = statistics.median(wall_rates), statistics.median(cpu_rates)
    print(f"extraction: {cpu:.0f} articles/s by process time, {wall:.0f} by wall clock (median of {args.runs} runs; "
          f"{len(articles)} articles of {mean_size:.0f} bytes; one core)")
    print(f"            {1000 / cpu:.2f} ms per article (process time), {1000 / wall:.2f} ms (wall clock)")
    totals = stage_times(articles)
    for stage, seconds in totals.items():
        print(f"  {stage:11} {1000 * seconds / len(articles):6.2f} ms/article")


if __name__ == "__main__":
    main()
