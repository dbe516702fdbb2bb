"""Statements: the units people tag. Sentences of the body, plus title, headings, captions, boilerplate and page
metadata as statements of their own kinds, so that every visible character belongs to exactly one statement.

A quotation that runs over several sentences becomes one statement (kind ``quote``), tagged once.
Ids are derived from the statement's own text, so re-reading the same text gives the same ids and an edit elsewhere
in the article does not renumber them.
"""

from __future__ import annotations

import hashlib

from tui.core.extract.layout import Layout
from tui.core.extract.sentences import split_sentences
from tui.core.model import Quote, Statement

REGION_KINDS = {"title": "title", "heading": "heading", "boilerplate": "boilerplate", "caption": "caption"}


def body_sentences(text: str, layout: Layout) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for start, end in layout.paragraphs:
        spans.extend(split_sentences(text, start, end))
    return spans


def build_statements(text: str, layout: Layout, sentences: list[tuple[int, int]], quotes: list[Quote]) -> list[Statement]:
    pieces: list[tuple[int, int, str]] = [(r.start, r.end, REGION_KINDS.get(r.kind, "meta")) for r in layout.regions]
    pieces.extend(_merge_quoted(sentences, quotes))
    pieces.sort()
    statements: list[Statement] = []
    seen: dict[str, int] = {}
    for start, end, kind in pieces:
        if kind == "sentence" and _mostly_quote(start, end, quotes):
            kind = "quote"
        base = "s" + hashlib.sha1(f"{kind}\0{text[start:end]}".encode("utf-8", "surrogatepass")).hexdigest()[:10]
        count = seen.get(base, 0)
        seen[base] = count + 1
        statements.append(Statement(base if count == 0 else f"{base}-{count + 1}", start, end, kind))
    return statements


def _merge_quoted(sentences: list[tuple[int, int]], quotes: list[Quote]) -> list[tuple[int, int, str]]:
    """Join consecutive sentences that one quotation spans."""
    merged: list[list[int]] = []
    for start, end in sentences:
        if merged and any(q.start < merged[-1][1] and q.end > start for q in quotes):
            merged[-1][1] = end
        else:
            merged.append([start, end])
    return [(s, e, "sentence") for s, e in merged]


def _mostly_quote(start: int, end: int, quotes: list[Quote]) -> bool:
    covered = sum(max(0, min(end, q.end) - max(start, q.start)) for q in quotes)
    return covered * 2 >= (end - start)

