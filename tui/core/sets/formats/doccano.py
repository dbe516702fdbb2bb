"""``doccano``: sequence-labelling JSONL as doccano's "JSONL" import reads it, one file per annotator.

doccano keeps one set of labels per user and gives every label of an imported file to the user who imports
it, so, like doccano's own export of a project without collaborative annotation, the export is a folder with
one file per annotator: ``OUT/<annotator>.jsonl`` (the name kept to ``A-Z a-z 0-9 _ . -``, made unique).
Import each file logged in as that annotator (or into a project of its own).  With ``--annotator NAME`` and no
``--out``, that one file goes to standard output.

Each line is one article: ``{"text": ..., "label": [[start, end, "ACTOR"], ...], ...}``.  ``label`` holds the
actor of each of the annotator's tags, one entry per tag, in offset order; a tag without an actor has no label
(doccano needs a non-empty one).  doccano keeps the other keys as the example's metadata: ``annotator``,
``article_id``, ``article_path``, ``title``, ``published`` and ``tags`` — every tag of the line in full (id,
start, end, quote, actor, stance, note, annotator, created, updated, suggested).  Offsets are code points, as
doccano counts them.

Overlapping spans: one annotator's tags may overlap (a quote inside a tagged sentence).  They are all written;
a doccano project keeps them only with "Allow overlapping spans" set, else its importer drops every label that
starts inside the one before it.  The export warns, per file, how many labels that would be.  doccano is an
export only.
"""

from __future__ import annotations

import os
from collections import defaultdict
from pathlib import Path
from typing import TextIO

from tui.core.sets.formats.base import ExportEntry, WriteContext, json_text
from tui.core.sets.formats.brat import safe_name

NAME = "doccano"
SUFFIX = ""  # a folder
FILE_SUFFIX = ".jsonl"
FOLDER = True
STREAMS_ONE_ANNOTATOR = True  # with one annotator chosen, the one file may go to standard output
NEEDS_TEXT = True
TAG_KEYS = ("id", "start", "end", "quote", "actor", "stance", "note", "annotator", "created", "updated", "suggested")


def write_folder(entries: list[ExportEntry], folder: Path, ctx: WriteContext) -> list[Path]:
    by_annotator: dict[str, list[ExportEntry]] = defaultdict(list)
    for entry in entries:
        by_annotator[entry.tag["annotator"]].append(entry)
    written = []
    for annotator, name in file_names(sorted(by_annotator)).items():
        path = folder / name
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with open(fd, "w", encoding="utf-8", newline="") as handle:
            dropped = write(by_annotator[annotator], handle, ctx)
        if dropped:
            ctx.warn(overlap_warning(name, dropped))
        written.append(path)
    return written


def overlap_warning(name: str, dropped: int) -> str:
    return (f"{name}: {dropped} label(s) overlap an earlier one of the same annotator; a doccano project keeps "
            f"them only with \"Allow overlapping spans\" set (every tag is also in each line's \"tags\")")


def file_names(annotators: list[str]) -> dict[str, str]:
    """``<annotator>.jsonl`` for each annotator, distinct even ignoring case."""
    taken: set[str] = set()
    names = {}
    for annotator in annotators:
        base = safe_name(annotator, "annotator")
        candidate, number = base, 2
        while candidate.lower() in taken:
            candidate, number = f"{base}-{number}", number + 1
        taken.add(candidate.lower())
        names[annotator] = candidate + FILE_SUFFIX
    return names


def write(entries: list[ExportEntry], handle: TextIO, ctx: WriteContext) -> int:
    """One line per article of these entries (one annotator's); returns how many labels a doccano project that
    does not allow overlapping spans would drop."""
    groups: dict[str, list[ExportEntry]] = defaultdict(list)
    for entry in entries:
        groups[entry.article.text_id or ""].append(entry)
    dropped = 0
    for group in groups.values():
        article = group[0].article
        title, published = article.title_and_date()
        group.sort(key=lambda e: (e.tag["start"], e.tag["end"], e.tag["id"]))
        labels = [[e.tag["start"], e.tag["end"], e.tag["actor"]] for e in group if e.tag.get("actor")]
        dropped += dropped_without_overlap(labels)
        line = {"text": article.text, "label": labels, "annotator": group[0].tag["annotator"],
                "article_id": article.text_id, "article_path": article.key, "title": title, "published": published,
                "tags": [{key: entry.tag.get(key) for key in TAG_KEYS} for entry in group]}
        handle.write(json_text(line) + "\n")
        ctx.tick(len(group))
    return dropped


def dropped_without_overlap(labels: list[list]) -> int:
    """How many of ``labels`` (sorted by start) doccano's importer drops in a project without overlapping spans:
    it keeps a label only if it starts at or after the end of the last label it kept."""
    last_end, dropped = -1, 0
    for start, end, _label in labels:
        if start >= last_end:
            last_end = end
        else:
            dropped += 1
    return dropped
