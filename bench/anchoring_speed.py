"""Re-anchoring 100,000 tags after their articles were edited: difflib (today) against rapidfuzz.

Builds N generated articles of 25 sentences (words from a fixed pseudo-vocabulary, seeded), tags every sentence
and one part of every other sentence (38 tags an article: 100,016 tags over 2,632 articles), then
edits every article the way a correction does: a paragraph added at the top (every tag moves: the exact step),
and one word in two of every three sentences changed (the tag's quote is gone: the context or fuzzy steps).  It
times ``reattach`` over all articles with the fuzzy matching done by

* ``difflib``: ``SequenceMatcher(autojunk=False)``, its ``ratio`` and ``get_matching_blocks`` (what
  ``tui/core/store/anchoring.py`` does today);
* ``rapidfuzz``: ``fuzz.ratio`` (normalised Indel similarity) and ``Indel.opcodes(...).as_matching_blocks()``,

and reports both times (process CPU time, median of the runs), the tags each one placed and orphaned, and how
often the two placed a tag differently.  Keep difflib unless rapidfuzz is at least as fast.

    .venv/bin/python bench/anchoring_speed.py [--articles 2632] [--runs 3] [--backends difflib rapidfuzz]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tui.core.store import anchoring
from tui.core.store.anchoring import reattach, selector

SENTENCES = 25


def vocabulary(rng: random.Random, size: int = 3000) -> list[str]:
    letters = "abcdefghijklmnoprstuvwy"
    return ["".join(rng.choice(letters) for _ in range(rng.randint(2, 9))) for _ in range(size)]


def sentence(rng: random.Random, words: list[str]) -> list[str]:
    return [rng.choice(words) for _ in range(rng.randint(8, 24))]


def render(sentences: list[list[str]]) -> str:
    return " ".join(" ".join(s).capitalize() + "." for s in sentences)


def build(articles: int, seed: int = 11) -> list[tuple[str, str, list[dict]]]:
    """(new text, article id, tags made on the old text) per article."""
    rng = random.Random(seed)
    words = vocabulary(rng)
    corpus = []
    for number in range(articles):
        sentences = [sentence(rng, words) for _ in range(SENTENCES)]
        old = render(sentences)
        tags, at = [], 0
        for index, words_of in enumerate(sentences):
            length = len(" ".join(words_of)) + 1
            spans = [(at, at + length)]
            if index % 2 == 0:  # a part of the sentence: its middle words
                inner = " ".join(words_of[2:6])
                start = at + old[at:at + length].find(inner)
                spans.append((start, start + len(inner)))
            for start, end in spans:
                tags.append({"id": f"{number}-{start}-{end}", "article_id": f"old-{number}", "article_path": f"{number}.txt",
                             "start": start, "end": end, **selector(old, start, end), "annotator": "a",
                             "orphan": False})
            at += length + 1
        edited = [list(s) for s in sentences]
        for index, words_of in enumerate(edited):
            if index % 3:
                words_of[len(words_of) // 2] = rng.choice(words)
        new = render([sentence(rng, words)]) + "\n\n" + render(edited)
        corpus.append((new, f"new-{number}", tags))
    return corpus


def difflib_backend() -> tuple[Callable[[str, str], float], Callable[[str, str], list[Any]]]:
    def ratio(a: str, b: str) -> float:
        return SequenceMatcher(None, a, b, autojunk=False).ratio() if a and b else 0.0

    def blocks(a: str, b: str) -> list[Any]:
        return SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
    return ratio, blocks


def rapidfuzz_backend() -> tuple[Callable[[str, str], float], Callable[[str, str], list[Any]]]:
    from rapidfuzz import fuzz
    from rapidfuzz.distance import Indel

    def ratio(a: str, b: str) -> float:
        return fuzz.ratio(a, b) / 100.0 if a and b else 0.0

    def blocks(a: str, b: str) -> list[Any]:
        return Indel.opcodes(a, b).as_matching_blocks()
    return ratio, blocks


BACKENDS = {"difflib": difflib_backend, "rapidfuzz": rapidfuzz_backend}


def run(corpus: list[tuple[str, str, list[dict]]], backend: str) -> tuple[float, dict[str, tuple[int, int]], int]:
    ratio, blocks = BACKENDS[backend]()
    anchoring.similarity = ratio  # type: ignore[assignment]
    anchoring.matching_blocks = blocks  # type: ignore[attr-defined]
    places: dict[str, tuple[int, int]] = {}
    orphans = 0
    started = time.process_time()
    for text, text_id, tags in corpus:
        placed, lost = reattach(tags, text_id, "x.txt", text, "now")
        places.update((tag["id"], (tag["start"], tag["end"])) for tag in placed)
        orphans += len(lost)
    return time.process_time() - started, places, orphans


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2632)  # 38 tags each: 100,016 tags
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--backends", nargs="+", default=list(BACKENDS), choices=list(BACKENDS))
    args = parser.parse_args()
    corpus = build(args.articles)
    total = sum(len(tags) for _text, _id, tags in corpus)
    print(f"{total:,} tags over {args.articles:,} articles; every article edited")
    original = (anchoring.similarity, getattr(anchoring, "matching_blocks", None))
    results = {}
    for name in args.backends:
        times = []
        for _ in range(args.runs):
            seconds, places, orphans = run(corpus, name)
            times.append(seconds)
        results[name] = places
        right = sum(1 for text, _id, tags in corpus for tag in tags
                    if tag["id"] in places and text[slice(*places[tag["id"]])] == tag["quote"])
        print(f"{name:>10}: {statistics.median(times):7.2f} s CPU (median of {args.runs}: "
              f"{', '.join(f'{t:.2f}' for t in times)}); placed {len(places):,} (quote unchanged: {right:,}), "
              f"orphaned {orphans:,}")
    if len(results) == 2:
        a, b = results.values()
        differ = sum(1 for uid in set(a) | set(b) if a.get(uid) != b.get(uid))
        print(f"placed differently by the two: {differ:,} of {total:,}")
    anchoring.similarity = original[0]  # type: ignore[assignment]


if __name__ == "__main__":
    main()
