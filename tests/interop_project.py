"""A small project shared by the interop tests: real article files, a real database, tags that stress the formats.

Tags: two annotators on one statement (same span, different actors), span tags inside a statement (a quote and a
claim of the same annotator, overlapping one another and the whole statement), a tag without an actor, a tag
across a line break, an annotator whose name is not a plain e-mail local part, and one from a JSONL line.
"""

from __future__ import annotations

import json
from pathlib import Path

from tui.core.extract.reader import article_id, read_file
from tui.core.store.database import AnnotationStore

ARTICLE = ("Talks Resume in Geneva\nPublished: March 3, 2025\n\n"
           "Russia said \"talks could resume soon\" and that a ceasefire was possible. \U0001F600 Ukraine\n"
           "rejected the proposal \U0001F1FA\U0001F1E6.\nTurkey offered to host them.\n")
FEED = [{"title": "Feed item", "published": "2025-05-02", "text": "NATO warned on Friday.\nIt met."}]
SENTENCE = "Russia said \"talks could resume soon\" and that a ceasefire was possible."
QUOTE = "talks could resume soon"
CLAIM = "a ceasefire was possible"


def text_of(path: Path) -> str:
    return next(iter(read_file(path))).text


def put(store: AnnotationStore, path: str, text: str, quote: str, annotator: str, **fields: object) -> dict:
    start = text.index(quote)
    return store.set_tag(article_id=article_id(text), article_path=path, text=text, start=start,
                         end=start + len(quote), annotator=annotator, **fields)


def make_project(root: Path) -> Path:
    """``root/annotations/annotations.json`` tagging ``root/articles/a.txt`` and ``root/articles/feed.jsonl``."""
    (root / "articles").mkdir(parents=True)
    (root / "articles" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "articles" / "feed.jsonl").write_text("".join(json.dumps(a) + "\n" for a in FEED), encoding="utf-8")
    a = text_of(root / "articles" / "a.txt")
    feed = FEED[0]["text"]
    with AnnotationStore.open(db_of(root), annotator="alice") as store:
        put(store, "articles/a.txt", a, SENTENCE, "alice", actor="Russia", stance="conditional support",
            note="whole sentence")
        put(store, "articles/a.txt", a, QUOTE, "alice", actor="Russia", stance="support")
        put(store, "articles/a.txt", a, CLAIM, "alice", actor="Russia", stance="sceptical")
        put(store, "articles/a.txt", a, SENTENCE, "bob", actor="Ukraine", stance="neutral")
        put(store, "articles/a.txt", a, "said \"talks could resume", "bob", actor="Russia")
        put(store, "articles/a.txt", a, "\U0001F600 Ukraine\nrejected the proposal", "Jean Dupont",
            actor="Ukraine", stance="oppose", note="over a line break")
        put(store, "articles/a.txt", a, "Turkey offered to host them.", "carol", stance="support")
        put(store, "articles/feed.jsonl:1", feed, "NATO warned on Friday.", "alice", actor="NATO", suggested=True)
    return root


def db_of(root: Path) -> Path:
    return root / "annotations" / "annotations.json"


def stored(root: Path) -> dict[str, dict]:
    with AnnotationStore.open(db_of(root), read_only=True) as store:
        return {tag["id"]: tag for tag in store.all_tags()}
