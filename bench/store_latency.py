"""How fast is the annotation store with a large database?

Builds a database of 100,000 tags over 2,000 generated articles (50 tagged sentences each), then measures:
opening it, 500 durable set_tag calls (journal append + fdatasync included; a mix of new tags and changes to
existing ones), tags_for, undo, re-anchoring one edited article, close (compaction) and the file size.

    /work/venv/bin/python bench/store_latency.py [--tags 100000] [--articles 2000] [--calls 500] [--dir DIR]

The database is generated straight into the snapshot file (through the store's own TinyDB storage) because
saving 100,000 tags one durable call at a time would only measure the generator.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tui.core.store.anchoring import selector  # noqa: E402
from tui.core.store.database import SCHEMA_VERSION, AnnotationStore, utc_now  # noqa: E402
from tui.core.store.journal import AtomicJSONStorage  # noqa: E402

ACTORS = ["Russia", "Ukraine", "the European Union", "NATO", "Turkey", "China", "the United States", "Israel",
          "Hamas", "Egypt", "Qatar", "the United Nations", "Sergey Lavrov", "Volodymyr Zelensky", "the Kremlin"]
VERBS = ["said", "warned", "denied", "insisted", "announced", "claimed", "stressed", "suggested"]
CLAIMS = ["talks could resume in Istanbul next week", "the ceasefire had been violated overnight",
          "a prisoner exchange was agreed in principle", "sanctions would be extended until the end of the year",
          "the proposal was a stalling tactic", "humanitarian corridors would open on Monday",
          "no agreement was possible without security guarantees", "the delegation had left the capital",
          "drone attacks had hit energy infrastructure", "a memorandum would be delivered within days"]
STANCES = ["support", "oppose", "neutral", "demand", "accuse"]


def make_article(rng: random.Random, sentences: int) -> str:
    lines = []
    for _ in range(sentences):
        actor = rng.choice(ACTORS)
        day = rng.choice(["Monday", "Tuesday", "Friday"])
        lines.append(f"{actor[0].upper()}{actor[1:]} {rng.choice(VERBS)} on {day} that {rng.choice(CLAIMS)},"
                     f" according to {rng.choice(ACTORS)} officials.")
    return " ".join(lines)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    while start < len(text):
        end = text.find(". ", start)
        end = len(text) if end < 0 else end + 1
        spans.append((start, end))
        start = end + 1
    return spans


def build(path: Path, rng: random.Random, n_articles: int, n_tags: int) -> list[tuple[str, str, str]]:
    per_article = max(1, n_tags // n_articles)
    articles, annotations = [], {}
    now = utc_now()
    for n in range(n_articles):
        text = make_article(rng, per_article + 10)
        article_id = hashlib.sha256(text.encode()).hexdigest()[:16]
        article_path = f"articles/2025/05/{n:04d}.txt"
        articles.append((article_id, article_path, text))
        for start, end in sentence_spans(text)[:per_article]:
            annotations[str(len(annotations) + 1)] = {
                "id": uuid.uuid4().hex, "article_id": article_id, "article_path": article_path, "start": start,
                "end": end, **selector(text, start, end), "actor": rng.choice(ACTORS), "stance": rng.choice(STANCES),
                "note": None, "annotator": rng.choice(["alice", "bob"]), "created": now, "updated": now,
                "suggested": rng.random() < 0.3, "orphan": False}
    meta = {"1": {"key": "schema_version", "value": SCHEMA_VERSION},
            "2": {"key": "codebook", "value": {"actors": ACTORS, "stances": STANCES}}}
    AtomicJSONStorage(path).write({"annotations": annotations, "meta": meta})
    return articles


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.2f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tags", type=int, default=100_000)
    parser.add_argument("--articles", type=int, default=2_000)
    parser.add_argument("--calls", type=int, default=500)
    parser.add_argument("--dir", type=Path, default=None, help="where to put the database (default: a temp dir)")
    args = parser.parse_args()
    rng = random.Random(2025)
    with tempfile.TemporaryDirectory(dir=args.dir) as folder:
        db = Path(folder) / "annotations" / "annotations.json"
        started = time.perf_counter()
        articles = build(db, rng, args.articles, args.tags)
        print(f"built {args.tags:,} tags over {args.articles:,} articles in {time.perf_counter() - started:.1f} s;"
              f" file {db.stat().st_size / 1e6:.1f} MB")

        opens = []
        for _ in range(3):
            gc.collect()
            started = time.perf_counter()
            store = AnnotationStore.open(db, annotator="alice")
            opens.append(time.perf_counter() - started)
            count = store.count()
            store.close()
        print(f"open ({count:,} tags)        median of 3 {ms(statistics.median(opens))}  (max {ms(max(opens))})")

        store = AnnotationStore.open(db, annotator="alice")
        latencies, reads = [], []
        for call in range(args.calls):
            article_id, article_path, text = rng.choice(articles)
            start, end = rng.choice(sentence_spans(text))
            fields = {"stance": rng.choice(STANCES)} if call % 2 else {"actor": rng.choice(ACTORS)}
            started = time.perf_counter()
            store.set_tag(article_id=article_id, article_path=article_path, text=text, start=start, end=end,
                          **fields)
            latencies.append(time.perf_counter() - started)
            started = time.perf_counter()
            store.tags_for(article_id)
            reads.append(time.perf_counter() - started)
        latencies.sort()
        print(f"set_tag x{args.calls} (durable)   median {ms(statistics.median(latencies))}"
              f"  p95 {ms(latencies[int(len(latencies) * 0.95) - 1])}  max {ms(latencies[-1])}")
        print(f"tags_for                  median {ms(statistics.median(reads))}")

        undos = []
        for _ in range(50):
            started = time.perf_counter()
            store.undo()
            undos.append(time.perf_counter() - started)
        print(f"undo x50                  median {ms(statistics.median(undos))}")

        article_id, article_path, text = articles[0]
        edited = "Editor's note: this story was updated. " + text.replace(" said ", " told reporters ", 3)
        started = time.perf_counter()
        placed, orphans = store.reanchor("edited-version", article_path, edited)
        print(f"reanchor one article      {ms(time.perf_counter() - started)}  ({len(placed)} placed,"
              f" {len(orphans)} orphans)")

        journal = db.with_name(db.name + ".journal")
        journal_size = journal.stat().st_size
        started = time.perf_counter()
        store.close()
        print(f"close (compaction)        {ms(time.perf_counter() - started)}"
              f"  (journal was {journal_size / 1e3:.0f} kB)")
        print(f"file size after close     {db.stat().st_size / 1e6:.1f} MB; journal left: {journal.exists()}")
        gc.collect()
        started = time.perf_counter()
        AnnotationStore.open(db, annotator="alice", read_only=True).close()
        print(f"reopen read-only          {ms(time.perf_counter() - started)}")


if __name__ == "__main__":
    main()
