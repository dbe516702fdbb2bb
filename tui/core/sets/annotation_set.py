"""Exporting annotation sets.

:func:`export` opens the database read-only (the app may be writing it), keeps the tags a :class:`TagFilter`
lets through, finds each article's current text (:class:`ArticleResolver`), checks every tag against it and
writes one of :data:`FORMATS` (the layouts are described in :mod:`tui.core.sets.formats`).  It never writes the
database: a tag whose quote moved is re-anchored in a copy (its ``updated`` time is kept: that is the time of
the last human change).  Tags whose article cannot be found, or whose quote is gone from it, are still
written by the formats that carry the quote (jsonl, csv, w3c) and left out of the others (brat, labelstudio,
doccano); either way the result has one warning per article saying how many and why.

Files are written atomically: into a temporary file (or folder) beside the target, then renamed over it, so
a failure leaves the old target or nothing, never half an export.  An existing target is replaced only with
``force=True``.
Safe to call from a worker thread; progress is reported as ``progress(done, total)``. Choosing tags is
:mod:`.selection`, finding article texts :mod:`.articles`, importing :mod:`.importing`.
"""


from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from tui.core.codebook import Codebook, CodebookError, default_codebook
from tui.core.sets.articles import ArticleResolver, place, search_folders
from tui.core.sets.formats import FORMATS, module
from tui.core.sets.formats.base import (
    AnnotationSetError,
    ArticleInfo,
    ExportEntry,
    WriteContext,
    sort_key,
)
from tui.core.sets.formats.output import Meter, Progress, write_files, write_folder
from tui.core.sets.selection import TagFilter, parse_since, select_tags
from tui.core.store.database import AnnotationStore
from tui.core.store.defaults import (
    database_problem,
    default_annotator,
    default_db_path,
    utc_now,
)

JSONL_SUFFIXES = (".jsonl", ".ndjson")
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*")
MAX_IMPORT_BYTES = 1024 * 1024 * 1024  # Label Studio tasks carry whole article texts: 1 GB is ~200,000 articles

__all__ = ["FORMATS", "TagFilter", "ExportResult", "AnnotationSetError", "ArticleResolver", "select_tags", "export",
           "parse_since"]


# --------------------------------------------------------------------------- export
@dataclass
class ExportResult:
    fmt: str
    out: Path | None
    tags_written: int = 0
    articles: int = 0
    left_out: int = 0
    reanchored: int = 0
    orphaned: int = 0
    files_written: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def export(source: AnnotationStore | str | os.PathLike[str] | None, fmt: str,
           out: str | os.PathLike[str] | None = None, filters: TagFilter | None = None, *, force: bool = False,
           progress: Progress | None = None, stream: TextIO | None = None, language: str = "en") -> ExportResult:
    """Write the tags of ``source`` (a store, or a database path opened read-only) as ``fmt`` to ``out``.

    ``out=None`` writes a single-file format to ``stream`` (standard output by default).  ``language`` is the
    BCP 47 tag of the article texts and tag names, where a format records one (w3c).  Raises
    :class:`AnnotationSetError` (or the store's ``StoreError``) with a one-line message.
    """
    if fmt not in FORMATS:
        raise AnnotationSetError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if not LANGUAGE_TAG.fullmatch(language):
        raise AnnotationSetError(f"{language!r} is not a language tag (BCP 47, e.g. en, de, pt-BR)")
    writer = module(fmt)
    target = Path(out) if out is not None else None
    streams = getattr(writer, "STREAMS_ONE_ANNOTATOR", False) and filters is not None and filters.annotator
    if target is None and writer.FOLDER and not streams:
        one = " (or choose one annotator with --annotator)" if getattr(writer, "STREAMS_ONE_ANNOTATOR", False) else ""
        raise AnnotationSetError(f"{fmt} writes a folder of files: give the folder to write with --out{one}")
    targets = _targets(fmt, target)
    _refuse_existing(targets, writer.FOLDER, force)
    store, owned = _open(source)
    try:
        tags = select_tags(store, filters)
        codebook = _codebook(store)
        folders = search_folders(store.path)
        unreadable = store.journal_warning()  # damaged journal lines a read-only open left out
    finally:
        if owned:
            store.close()
    result = ExportResult(fmt, target, warnings=[unreadable] if unreadable else [])
    resolver = ArticleResolver(folders)
    keys = {tag.get("article_path") or "" for tag in tags}
    meter = Meter(len(keys) + len(tags), progress)
    entries = _entries(tags, resolver, writer, result, meter)
    ctx = WriteContext(codebook, tick=meter.tick, warn=result.warnings.append, out=target, language=language)
    try:
        if target is None:
            left = writer.write(entries, stream or sys.stdout, ctx)
            if fmt == "doccano" and left:
                result.warnings.append(writer.overlap_warning("standard output", left))
            if fmt == "labelstudio":
                result.warnings.append("the labeling config is written only beside an --out file "
                                       "(<name>.label_config.xml)")
        elif writer.FOLDER:
            result.files_written = write_folder(target, lambda folder: writer.write_folder(entries, folder, ctx),
                                                 force)
        else:
            fills: list[tuple[Path, Callable[[TextIO], None], str]] = [
                (target, lambda handle: writer.write(entries, handle, ctx),
                 "utf-8-sig" if getattr(writer, "BOM_IN_FILES", False) else "utf-8")]
            if fmt == "labelstudio":
                config = writer.label_config(entries, ctx)
                fills.append((targets[1], lambda handle: _put(handle, config), "utf-8"))
            result.files_written = write_files(fills, force)
    except BrokenPipeError:
        raise  # standard output closed early (| head): not an error of ours
    except OSError as exc:
        raise AnnotationSetError(f"{getattr(exc, 'filename', None) or target or 'output'}: cannot write "
                                 f"({exc.strerror or exc})") from None
    result.left_out += ctx.left_out
    result.tags_written = len(entries) - ctx.left_out
    result.articles = len({entry.article.text_id or entry.article.key for entry in entries})
    if meter.report is not None and meter.done < meter.total:
        meter.report(meter.total, meter.total)
    return result


def _put(handle: TextIO, text: str) -> None:
    handle.write(text)


def _targets(fmt: str, target: Path | None) -> list[Path]:
    if target is None:
        return []
    if fmt == "labelstudio":
        return [target, module("labelstudio").config_path(target)]
    return [target]


def _refuse_existing(targets: list[Path], folder: bool, force: bool) -> None:
    for target in targets:
        if not (target.exists() or target.is_symlink()):
            continue
        if not force:
            raise AnnotationSetError(f"{target}: already exists (add --force to replace it)")
        if target.is_dir() and not folder:
            raise AnnotationSetError(f"{target}: is a folder; give a file name to write")


def _open(source: AnnotationStore | str | os.PathLike[str] | None) -> tuple[AnnotationStore, bool]:
    if isinstance(source, AnnotationStore):
        return source, False
    path = Path(source) if source is not None else default_db_path()
    if problem := database_problem(path):
        raise AnnotationSetError(problem)
    return AnnotationStore.open(path, annotator=default_annotator(), read_only=True), True


def _codebook(store: AnnotationStore) -> Codebook:
    stored = store.get_meta("codebook")
    try:
        return Codebook.from_dict(stored, str(store.path)) if stored else default_codebook()
    except CodebookError:
        return default_codebook()


def _entries(tags: list[dict], resolver: ArticleResolver, writer: Any, result: ExportResult,
             meter: Meter) -> list[ExportEntry]:
    groups: dict[str, list[dict]] = {}
    for tag in tags:
        groups.setdefault(tag.get("article_path") or "", []).append(tag)
    now = utc_now()
    entries: list[ExportEntry] = []
    for key, group in groups.items():
        article = resolver.get(key) if key else ArticleInfo("", problem="the tags name no article file")
        meter.tick()
        counts = {"missing": 0, "orphan": 0}
        for tag in group:
            doc, state = place(tag, article, now)
            if state in counts:
                counts[state] += 1
            result.reanchored += state == "reanchored"
            result.orphaned += state == "orphan"
            if writer.NEEDS_TEXT and state in counts:
                result.left_out += 1
                meter.tick()
                continue
            entries.append(ExportEntry(doc, article, state in ("in place", "reanchored")))
        _warn(result, writer, key or "(no article path)", article, counts)
    entries.sort(key=sort_key)
    return entries


def _warn(result: ExportResult, writer: Any, key: str, article: ArticleInfo, counts: dict[str, int]) -> None:
    fate = f"left out of {writer.NAME}" if writer.NEEDS_TEXT else None
    if counts["missing"]:
        what = fate or "written without the article's title and date"
        result.warnings.append(f"{key}: {counts['missing']} tag(s) {what}: {article.problem}")
    if counts["orphan"]:
        what = fate or "written as orphans"
        result.warnings.append(f"{key}: {counts['orphan']} tag(s) {what}: their quote is no longer in the "
                               f"article text")
