"""``jsonl``: one tag per line, every field of the stored tag document plus ``article_title`` and
``article_published`` (YYYY-MM-DD) of the article it points into (``null`` when the article file was not
found).  ``article_path`` and ``article_id`` are the tag's own fields.  Imports back field for field.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from tui.core.files import MB, BoundedFile, FileProblem, open_bounded, size_text
from tui.core.jsonio import parse_json
from tui.core.sets.formats.base import (
    TAG_FIELDS,
    ExportEntry,
    FormatError,
    ParsedTag,
    WriteContext,
    check_tag,
    encode_json,
    json_safe,
    tag_doc,
)

NAME = "jsonl"
SUFFIX = ".jsonl"
FOLDER = False
NEEDS_TEXT = False
MAX_FILE_BYTES = 1024 * MB
MAX_LINE_BYTES = 16 * MB  # a tag line is a few hundred bytes; its quote could hold a long paragraph


def write(entries: list[ExportEntry], handle: TextIO, ctx: WriteContext) -> None:
    batch: list[str] = []
    for entry in entries:
        record = {name: entry.tag.get(name) for name in TAG_FIELDS}
        title, published = entry.article.title_and_date()
        record["article_title"] = title
        record["article_published"] = published
        batch.append(encode_json(record))
        if len(batch) >= 1000:
            handle.write(json_safe("\n".join(batch) + "\n"))
            ctx.tick(len(batch))
            batch.clear()
    if batch:
        handle.write(json_safe("\n".join(batch) + "\n"))
        ctx.tick(len(batch))


def _lines(handle: BoundedFile) -> Iterator[tuple[int, bytes | None]]:
    try:
        yield from handle.lines(MAX_LINE_BYTES)
    except FileProblem as exc:
        raise FormatError(str(exc)) from None


def read(path: Path) -> tuple[list[ParsedTag], list[str]]:
    """Every line a tag document; the first bad line refuses the whole file (``file:LINE: problem``)."""
    tags: list[ParsedTag] = []
    problems: list[str] = []
    try:
        handle = open_bounded(path, MAX_FILE_BYTES)
    except FileNotFoundError:
        raise FormatError(f"{path}: no such file") from None
    except FileProblem as exc:
        raise FormatError(str(exc)) from None
    with handle:
        for lineno, raw in _lines(handle):
            if raw is None:
                problems.append(f"{path}:{lineno}: line too large (more than {size_text(MAX_LINE_BYTES)})")
                continue
            if not raw.strip():
                continue
            where = f"{path}:{lineno}"
            try:
                record = parse_json(raw.decode("utf-8-sig" if lineno == 1 else "utf-8"))
            except UnicodeDecodeError as exc:
                problems.append(f"{where}: not UTF-8 text (byte {exc.start + 1} of the line)")
                continue
            except json.JSONDecodeError as exc:
                problems.append(f"{where}: not valid JSON ({exc.msg} at column {exc.colno})")
                continue
            if isinstance(record, dict) and "label" in record and "text" in record and "id" not in record:
                raise FormatError(f"{where}: this is a doccano file; import reads jsonl, w3c and labelstudio")
            problem = check_tag(record)
            if problem:
                problems.append(f"{where}: {problem}")
                continue
            tags.append(ParsedTag(tag_doc(record), where))
    if problems:
        others = len(problems) - 1
        more = f" (and {others} more bad line{'s' if others > 1 else ''})" if others else ""
        raise FormatError(problems[0] + more)
    return tags, []
