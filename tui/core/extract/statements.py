"""Statements: the units people tag. Sentences of the body, plus title, headings, captions, boilerplate and page
metadata as statements of their own kinds, so that every visible character belongs to exactly one statement.

A quotation that runs over several sentences becomes one statement (kind ``quote``), tagged once.
Ids are derived from the statement's own text, so re-reading the same text gives the same ids and an edit elsewhere
in the article does not renumber them.
"""

from __future__ import annotations

import bisect
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
    quotes = sorted(quotes, key=lambda q: (q.start, q.end))
    pieces.extend(_merge_quoted(sorted(sentences), quotes))
    pieces.sort()
    covered = _Coverage(quotes)
    statements: list[Statement] = []
    seen: dict[str, int] = {}
    for start, end, kind in pieces:
        if kind == "sentence" and covered.mostly_quoted(start, end):
            kind = "quote"
        base = "s" + hashlib.sha1(f"{kind}\0{text[start:end]}".encode("utf-8", "surrogatepass")).hexdigest()[:10]
        count = seen.get(base, 0)
        seen[base] = count + 1
        statements.append(Statement(base if count == 0 else f"{base}-{count + 1}", start, end, kind))
    return statements


def _merge_quoted(sentences: list[tuple[int, int]], quotes: list[Quote]) -> list[tuple[int, int, str]]:
    """Join consecutive sentences that one quotation spans (one sweep over sentences and quotes, both in order: a
    quote starting before the joined piece's end and ending after the next sentence's start spans the two)."""
    merged: list[list[int]] = []
    index, reach = 0, -1  # reach: the furthest end of the quotes that start before the current piece's end
    for start, end in sentences:
        if merged:
            while index < len(quotes) and quotes[index].start < merged[-1][1]:
                reach = max(reach, quotes[index].end)
                index += 1
        if merged and reach > start:
            merged[-1][1] = end
        else:
            merged.append([start, end])
    return [(s, e, "sentence") for s, e in merged]


class _Coverage:
    """How much of a span quotations cover, found by bisection (quotes do not overlap one another)."""

    def __init__(self, quotes: list[Quote]) -> None:
        self.quotes = quotes
        self.starts = [q.start for q in quotes]
        self.ends = [q.end for q in quotes]

    def mostly_quoted(self, start: int, end: int) -> bool:
        first = bisect.bisect_right(self.ends, start)
        last = bisect.bisect_left(self.starts, end)
        covered = sum(max(0, min(end, q.end) - max(start, q.start)) for q in self.quotes[first:last])
        return covered * 2 >= (end - start)

