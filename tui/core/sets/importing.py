"""Importing an annotation set: :func:`import_file` reads jsonl, w3c or labelstudio, checks every tag before anything
is written (the first problem refuses the file, naming file and line or item), re-anchors tags whose quote is not
where it was in the article text found here, and adds everything with one :meth:`AnnotationStore.add_tags` call.
Safe to call from a worker thread; progress is reported as ``progress(done, total)``."""


from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui.core.extract.reader import article_id
from tui.core.files import FileProblem, read_bounded
from tui.core.jsonio import parse_json
from tui.core.sets.articles import ArticleResolver, place, search_folders
from tui.core.sets.formats import IMPORT_FORMATS, module
from tui.core.sets.formats.base import (
    AnnotationSetError,
    ArticleInfo,
    FormatError,
    ParsedTag,
)
from tui.core.sets.formats.output import Meter, Progress
from tui.core.store.database import AnnotationStore
from tui.core.store.defaults import (
    default_annotator,
    default_db_path,
    utc_now,
)

JSONL_SUFFIXES = (".jsonl", ".ndjson")
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*")
MAX_IMPORT_BYTES = 1024 * 1024 * 1024  # Label Studio tasks carry whole article texts: 1 GB is ~200,000 articles


# --------------------------------------------------------------------------- import
@dataclass
class ImportResult:
    path: Path
    fmt: str
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    reanchored: int = 0
    orphaned: int = 0
    unchecked: int = 0  # tags whose article text was not found here
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = [f"{self.added} added", f"{self.replaced} replaced", f"{self.unchanged} unchanged"]
        if self.reanchored:
            parts.append(f"{self.reanchored} re-anchored to the current article text")
        if self.orphaned:
            parts.append(f"{self.orphaned} orphaned (quote not in the current article text)")
        if self.unchecked:
            parts.append(f"{self.unchecked} not checked (article file not found here)")
        return f"imported {self.path} ({self.fmt}): " + ", ".join(parts)


def guess_format(path: Path, data: Any = None) -> str:
    """jsonl for ``.jsonl`` / ``.ndjson``; else from the parsed JSON: a W3C collection, page or annotation
    is w3c, a list of tasks (objects with ``data``) is labelstudio."""
    if path.suffix.lower() in JSONL_SUFFIXES:
        return "jsonl"
    if isinstance(data, dict):
        if "@context" in data or data.get("type") in ("AnnotationCollection", "AnnotationPage", "Annotation"):
            return "w3c"
        if "data" in data:
            return "labelstudio"
    if isinstance(data, list):
        first = data[0] if data else {}
        if isinstance(first, dict) and first.get("type") == "Annotation":
            return "w3c"
        if isinstance(first, dict) and ("data" in first or not data):
            return "labelstudio"
    raise AnnotationSetError(f"{path}: cannot tell the format; give --format ({', '.join(IMPORT_FORMATS)})")


def read_tags(path: str | os.PathLike[str], fmt: str | None = None) -> tuple[str, list[ParsedTag], list[str]]:
    """Parse and check every tag of an import file: ``(format, tags, warnings)``; nothing is written."""
    path = Path(path)
    if fmt is not None and fmt not in IMPORT_FORMATS:
        raise AnnotationSetError(f"cannot import {fmt}; import reads {', '.join(IMPORT_FORMATS)}")
    if fmt == "jsonl" or (fmt is None and path.suffix.lower() in JSONL_SUFFIXES):
        tags, warnings = module("jsonl").read(path)
        return "jsonl", tags, warnings
    try:
        raw = read_bounded(path, MAX_IMPORT_BYTES)
    except FileNotFoundError:
        raise AnnotationSetError(f"{path}: no such file") from None
    except FileProblem as exc:
        raise AnnotationSetError(str(exc)) from None
    try:
        data = parse_json(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise FormatError(f"{path}:{line}: not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        if fmt is None and exc.msg == "Extra data":  # one JSON value per line: jsonl with another name
            tags, warnings = module("jsonl").read(path)
            return "jsonl", tags, warnings
        raise FormatError(f"{path}:{exc.lineno}: not valid JSON ({exc.msg} at column {exc.colno})") from None
    fmt = fmt or guess_format(path, data)
    if fmt == "jsonl":
        raise FormatError(f"{path}: one JSON document, not one tag per line; is it --format w3c or labelstudio?")
    tags, warnings = module(fmt).read(path, data)
    return fmt, tags, warnings


def import_file(path: str | os.PathLike[str], target: AnnotationStore | str | os.PathLike[str] | None = None,
                fmt: str | None = None, *, progress: Progress | None = None) -> ImportResult:
    """Import ``path`` into ``target`` (an open writable store, or a database path opened for writing).

    Everything is read and checked first; a problem raises :class:`AnnotationSetError` and writes nothing.
    A database locked by another writer raises the store's ``StoreLocked``.
    """
    fmt, parsed, warnings = read_tags(path, fmt)
    result = ImportResult(Path(path), fmt, warnings=list(warnings))
    db_path = target.path if isinstance(target, AnnotationStore) else Path(target or default_db_path())
    resolver = ArticleResolver([*search_folders(db_path), Path(path).absolute().parent])
    meter = Meter(len(parsed), progress)
    docs = _check_against_texts(parsed, resolver, result, meter)
    if not docs:
        return result  # nothing to add: the database is not even opened
    if isinstance(target, AnnotationStore):
        result.added, result.replaced, result.unchanged = target.add_tags(docs)
    else:
        with AnnotationStore.open(db_path, annotator=default_annotator()) as store:
            result.added, result.replaced, result.unchanged = store.add_tags(docs)
    return result


def _check_against_texts(parsed: Iterable[ParsedTag], resolver: ArticleResolver, result: ImportResult,
                         meter: Meter) -> list[dict]:
    now = utc_now()
    text_ids: dict[int, str] = {}
    docs: list[dict] = []
    for item in parsed:
        doc = item.doc
        if item.text is not None:  # the file carries the text (Label Studio tasks)
            text_id = text_ids.get(id(item.text))
            if text_id is None:
                text_id = text_ids[id(item.text)] = article_id(item.text)
            article = ArticleInfo(doc["article_path"], text=item.text, text_id=text_id)
        else:
            article = resolver.get(doc["article_path"])
        placed, state = place(doc, article, now)
        result.reanchored += state == "reanchored"
        result.orphaned += state == "orphan"
        result.unchecked += state == "missing"
        docs.append(placed)
        meter.tick()
    return docs
