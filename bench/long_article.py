"""Extraction rate of one very long article against a 4 KB one, in characters a second, stage by stage.

    python bench/long_article.py [--size 5000000] [--shape nostop|oneline|lines] [--stages mine|all]

The long article is the seed articles repeated to --size characters: ``nostop`` on one line with every sentence end
removed (the worst case for look-backs), ``oneline`` on one line with its sentences, ``lines`` as written. Linear
stages show the same rate at both sizes. ``--stages all`` adds the date tagger and events (other stages' owners).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tui.core.extract.actors import find_mentions  # noqa: E402
from tui.core.extract.layout import analyse  # noqa: E402
from tui.core.extract.quotes import ArticleContext, find_quotes, statement_speaker  # noqa: E402
from tui.core.extract.statements import body_sentences, build_statements  # noqa: E402


def article(size: int, shape: str) -> str:
    base = "\n".join(path.read_text(encoding="utf-8") for path in sorted((ROOT / "seeds").glob("*.txt")))
    if shape != "lines":
        base = base.replace("\n", " ")
    if shape == "nostop":
        base = re.sub(r"[.!?]+", " ", base)
    return (base * (size // len(base) + 1))[:size]


def stage_seconds(text: str, everything: bool) -> dict[str, float]:
    clock = time.process_time
    times: dict[str, float] = {}
    started = clock()
    layout = analyse(text)
    times["layout"] = clock() - started
    started = clock()
    sentences = body_sentences(text, layout)
    times["sentences"] = clock() - started
    started = clock()
    mentions = find_mentions(text)
    times["mentions"] = clock() - started
    started = clock()
    context = ArticleContext(text, sentences, mentions)
    quotes = find_quotes(text, sentences, mentions, context=context)
    times["quotes"] = clock() - started
    started = clock()
    statements = build_statements(text, layout, sentences, quotes)
    times["statements"] = clock() - started
    started = clock()
    for statement in statements:
        statement_speaker(text, statement.start, statement.end, mentions, quotes, context=context)
    times["speakers"] = clock() - started
    if everything:
        from tui.core.extract.events import find_events
        from tui.core.extract.timex.tagger import find_timexes

        started = clock()
        timexes = find_timexes(text, date(2025, 5, 28))
        times["timexes"] = clock() - started
        started = clock()
        find_events(text, statements, timexes, mentions, date(2025, 5, 28))
        times["events"] = clock() - started
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=5_000_000)
    parser.add_argument("--shape", choices=("nostop", "oneline", "lines"), default="nostop")
    parser.add_argument("--stages", choices=("mine", "all"), default="mine")
    args = parser.parse_args()
    small_text, big_text = article(4096, args.shape), article(args.size, args.shape)
    runs = 200
    small: dict[str, float] = {}
    for _ in range(runs):
        for name, seconds in stage_seconds(small_text, args.stages == "all").items():
            small[name] = small.get(name, 0.0) + seconds / runs
    big = stage_seconds(big_text, args.stages == "all")
    print(f"{args.shape}: 4,096 characters (mean of {runs}) against {len(big_text):,} (one run), "
          "characters a second by process time")
    for name in big:
        small_rate = len(small_text) / max(small[name], 1e-9)
        big_rate = len(big_text) / max(big[name], 1e-9)
        print(f"  {name:11} {small_rate:>14,.0f} {big_rate:>14,.0f}   long/short {big_rate / small_rate:5.2f}")
    total_small, total_big = sum(small.values()), sum(big.values())
    print(f"  {'total':11} {len(small_text) / total_small:>14,.0f} {len(big_text) / total_big:>14,.0f}   "
          f"long/short {(len(big_text) / total_big) / (len(small_text) / total_small):5.2f}  ({total_big:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
