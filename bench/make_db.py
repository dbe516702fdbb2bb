"""Write a large annotation database over a corpus folder, for the scale benchmarks.

    python bench/make_db.py CORPUS_DIR DB_FILE [--tags 100000] [--seed 7]

The tags sit on real sentences of the corpus' articles (offsets from the same layout analysis and sentence
splitter the extraction uses, quote / prefix / suffix from the text), with the article paths spelled as
``read_articles(CORPUS_DIR)`` spells them, so the app opened on the same CORPUS_DIR finds every tag in place.
Several annotators code the same sentences, mostly agreeing; a few sentences carry an adjudicated tag. Actors and
stances come from the default codebook, which is stored in the database as the app stores it.

The tags are written straight into the store's snapshot file (through the store's own TinyDB storage), as
``bench/store_latency.py`` does: saving them one durable call at a time would only measure the generator.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tui.core.codebook import default_codebook  # noqa: E402
from tui.core.extract.layout import analyse  # noqa: E402
from tui.core.extract.reader import RawArticle, read_articles  # noqa: E402
from tui.core.extract.statements import body_sentences  # noqa: E402
from tui.core.store.anchoring import selector  # noqa: E402
from tui.core.store.database import SCHEMA_VERSION, utc_now  # noqa: E402
from tui.core.store.journal import AtomicJSONStorage  # noqa: E402

CODERS = ("alice", "bob", "carol", "dmitro")
ADJUDICATOR = "adjudicated"


def sentences_of(raw: RawArticle) -> list[tuple[int, int]]:
    layout = analyse(raw.text, raw.fmt, headings=raw.headings, title=raw.title)
    return [(s, e) for s, e in body_sentences(raw.text, layout) if raw.text[s:e].strip()]


def tag_doc(raw: RawArticle, start: int, end: int, actor: str, stance: str, annotator: str, now: str,
            rng: random.Random) -> dict:
    return {"id": uuid.UUID(int=rng.getrandbits(128), version=4).hex, "article_id": raw.id, "article_path": raw.path,
            "start": start, "end": end, **selector(raw.text, start, end), "actor": actor, "stance": stance,
            "note": "check the translation" if rng.random() < 0.02 else None, "annotator": annotator,
            "created": now, "updated": now, "suggested": rng.random() < 0.25, "orphan": False}


def build_db(corpus: Path | str, db: Path, n_tags: int = 100_000, seed: int = 7) -> dict[str, int]:
    """Write ``n_tags`` tags over the articles under ``corpus`` into a new snapshot at ``db``."""
    rng = random.Random(seed)
    codebook = default_codebook()
    actors = [a.name for a in codebook.actors]
    stances = [s.name for s in codebook.stances]
    articles = [item for item in read_articles([corpus]) if isinstance(item, RawArticle)]
    if not articles:
        raise SystemExit(f"make_db: no readable articles under {corpus}")
    rng.shuffle(articles)
    spans = {raw.id: sentences_of(raw) for raw in articles}
    used: dict[str, set[tuple[int, int]]] = {raw.id: set() for raw in articles}
    per_article = max(1, -(-n_tags // len(articles)))
    now = utc_now()
    tags: list[dict] = []
    coders = list(CODERS)
    while len(tags) < n_tags:
        progress = len(tags)
        for raw in articles:
            free = [span for span in spans[raw.id] if span not in used[raw.id]]
            budget = per_article
            while free and budget > 0 and len(tags) < n_tags:
                start, end = free.pop(rng.randrange(len(free)))
                used[raw.id].add((start, end))
                actor, stance = rng.choice(actors), rng.choice(stances)
                who = rng.sample(coders, k=min(len(coders), rng.choice((1, 2, 2, 3))))
                if rng.random() < 0.05:
                    who.append(ADJUDICATOR)
                for annotator in who[:max(1, min(budget, n_tags - len(tags)))]:
                    disagree = rng.random() < 0.2  # coders agree four times in five
                    tags.append(tag_doc(raw, start, end, rng.choice(actors) if disagree else actor,
                                        rng.choice(stances) if disagree else stance, annotator, now, rng))
                    budget -= 1
            if len(tags) >= n_tags:
                break
        if len(tags) == progress:  # every sentence is tagged: more coders, the same sentences again
            coders.append(f"coder{len(coders) + 1}")
            used = {raw.id: set() for raw in articles}
    meta = {"1": {"key": "schema_version", "value": SCHEMA_VERSION},
            "2": {"key": "codebook", "value": codebook.to_dict()}}
    db.parent.mkdir(parents=True, exist_ok=True)
    annotations = {str(n): doc for n, doc in enumerate(tags, 1)}
    db.with_name(db.name + ".journal").unlink(missing_ok=True)  # a stale journal would replay over the new file
    AtomicJSONStorage(db).write({"annotations": annotations, "meta": meta})
    return {"tags": len(tags), "articles": len(articles), "tagged_articles": len({t["article_id"] for t in tags}),
            "annotators": len({t["annotator"] for t in tags})}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="a corpus folder (see bench/make_corpus.py)")
    parser.add_argument("db", type=Path, help="the database file to write (replaced if it exists)")
    parser.add_argument("--tags", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    started = time.perf_counter()
    figures = build_db(args.corpus, args.db, args.tags, args.seed)
    print(f"wrote {figures['tags']:,} tags over {figures['tagged_articles']:,} of {figures['articles']:,} articles by "
          f"{figures['annotators']} annotators "
          f"to {args.db} ({args.db.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
