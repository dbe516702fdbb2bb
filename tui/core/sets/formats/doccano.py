"""``doccano``: sequence-labelling JSONL, one line per article, as doccano's "JSONL" import reads it.

Each line: ``{"text": ..., "label": [[start, end, "ACTOR"], ...], ...}``.  ``label`` holds what doccano shows
as span labels: the actor of each tag (``Statement`` when it has none), one entry per distinct span and actor
(two annotators who agree give one label; disagreeing actors on a span give two, so allow overlapping spans in
the project).  doccano keeps the other keys as the example's metadata: ``article_id``, ``article_path``,
``title``, ``published`` and ``tags`` — every tag in full (id, start, end, quote, actor, stance, note,
annotator, created, updated, suggested), since doccano has one label per span and no annotators on import.
Export one coder's view with ``--annotator NAME``.  Offsets are code points, as doccano counts them.
doccano is an export only.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TextIO

from tui.core.sets.formats.base import (
    UNTAGGED_ACTOR,
    ExportEntry,
    WriteContext,
    json_text,
)

NAME = "doccano"
SUFFIX = ".jsonl"
FOLDER = False
NEEDS_TEXT = True
TAG_KEYS = ("id", "start", "end", "quote", "actor", "stance", "note", "annotator", "created", "updated", "suggested")


def write(entries: list[ExportEntry], handle: TextIO, ctx: WriteContext) -> None:
    groups: dict[str, list[ExportEntry]] = defaultdict(list)
    for entry in entries:
        groups[entry.article.text_id or ""].append(entry)
    for group in groups.values():
        article = group[0].article
        title, published = article.title_and_date()
        labels: list[list] = []
        seen: set[tuple] = set()
        for entry in sorted(group, key=lambda e: (e.tag["start"], e.tag["end"])):
            tag = entry.tag
            label = (tag["start"], tag["end"], tag.get("actor") or UNTAGGED_ACTOR)
            if label not in seen:
                seen.add(label)
                labels.append(list(label))
        line = {"text": article.text, "label": labels, "article_id": article.text_id, "article_path": article.key,
                "title": title, "published": published,
                "tags": [{key: entry.tag.get(key) for key in TAG_KEYS} for entry in group]}
        handle.write(json_text(line) + "\n")
        ctx.tick(len(group))
