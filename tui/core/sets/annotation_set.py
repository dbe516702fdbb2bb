"""Annotation sets: choosing tags, finding the article texts they point into, exporting and importing them.

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

:func:`import_file` reads jsonl, w3c or labelstudio, checks every tag before anything is written (the first
problem refuses the file, naming file and line or item), re-anchors tags whose quote is not where it was in
the article text found here, and adds everything with one :meth:`AnnotationStore.add_tags` call.
Both are safe to call from a worker thread; progress is reported as ``progress(done, total)``.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, TextIO

from tui.core.codebook import Codebook, CodebookError, default_codebook
from tui.core.extract.reader import RawArticle, Skipped, article_id, read_file
from tui.core.files import FileProblem, read_bounded
from tui.core.jsonio import parse_json
from tui.core.sets.formats import FORMATS, IMPORT_FORMATS, module
from tui.core.sets.formats.base import (
    AnnotationSetError,
    ArticleInfo,
    ExportEntry,
    FormatError,
    ParsedTag,
    WriteContext,
    parse_time,
    sort_key,
)
from tui.core.sets.formats.output import Meter, Progress, write_files, write_folder
from tui.core.store.anchoring import reattach
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

__all__ = ["FORMATS", "IMPORT_FORMATS", "TagFilter", "ExportResult", "ImportResult", "AnnotationSetError",
           "ArticleResolver", "select_tags", "export", "import_file", "read_tags", "guess_format", "parse_since"]

# --------------------------------------------------------------------------- choosing tags
def parse_since(value: str) -> datetime:
    """``YYYY-MM-DD`` (midnight UTC) or a full ISO 8601 time (UTC when it names no zone)."""
    value = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            day = date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value!r} is not a real date") from None
        return datetime(day.year, day.month, day.day, tzinfo=timezone.utc)
    when = parse_time(value)
    if when is None:
        raise ValueError(f"{value!r} is not a date (YYYY-MM-DD) or an ISO 8601 time")
    return when


@dataclass(frozen=True)
class TagFilter:
    """Which tags to take; ``None`` lets everything through.

    ``article``: an article id or the start of one, or an article path (as stored, or the same file).
    ``actor`` / ``stance``: the name, ignoring case.  ``since``: tags updated on or after it (see
    :func:`parse_since`; checked when the filter is made).
    """

    annotator: str | None = None
    article: str | None = None
    actor: str | None = None
    stance: str | None = None
    since: str | None = None

    def __post_init__(self) -> None:
        if self.since is not None:
            parse_since(self.since)
        if self.article is not None and not self.article.strip():
            raise ValueError("the article to export is empty")

    def matcher(self) -> Callable[[dict], bool]:
        checks: list[Callable[[dict], bool]] = []
        if self.annotator is not None:
            annotator = self.annotator
            checks.append(lambda tag: tag.get("annotator") == annotator)
        for name in ("actor", "stance"):
            wanted = getattr(self, name)
            if wanted is not None:
                folded = wanted.casefold()
                checks.append(_field_check(name, folded))
        if self.article is not None:
            checks.append(_article_check(self.article.strip()))
        if self.since is not None:
            since = parse_since(self.since)
            checks.append(lambda tag: (parse_time(str(tag.get("updated") or "")) or datetime.min.replace(
                tzinfo=timezone.utc)) >= since)
        return lambda tag: all(check(tag) for check in checks)


def _field_check(name: str, folded: str) -> Callable[[dict], bool]:
    return lambda tag: tag.get(name) is not None and str(tag.get(name)).casefold() == folded


def _article_check(wanted: str) -> Callable[[dict], bool]:
    normal = os.path.normpath(wanted)
    try:
        absolute = str(Path(wanted).resolve())
    except (OSError, ValueError, RuntimeError):
        absolute = None
    same_file: dict[str, bool] = {}

    def check(tag: dict) -> bool:
        if str(tag.get("article_id") or "").startswith(wanted):
            return True
        path = str(tag.get("article_path") or "")
        if not path:
            return False
        if path not in same_file:
            try:
                same_file[path] = os.path.normpath(path) == normal or str(Path(path).resolve()) == absolute
            except (OSError, ValueError, RuntimeError):
                same_file[path] = False
        return same_file[path]
    return check


def select_tags(store: AnnotationStore, filters: TagFilter | None = None) -> list[dict]:
    match = (filters or TagFilter()).matcher()
    return [tag for tag in store.all_tags() if match(tag)]


# --------------------------------------------------------------------------- finding article texts
def search_folders(db_path: Path) -> list[Path]:
    """Where relative article paths are looked for after the current folder: the project holding the
    database's folder (``annotations/``), then the database's folder."""
    folder = Path(db_path).absolute().parent
    return [folder.parent, folder]


class ArticleResolver:
    """The current text of each article path, read once (a JSONL file once for all its ``file:LINE`` items)."""

    def __init__(self, folders: Sequence[Path] = ()) -> None:
        self.folders = list(folders)
        self._articles: dict[str, ArticleInfo] = {}
        self._jsonl: dict[Path, dict[int, RawArticle | Skipped] | str] = {}

    def get(self, key: str) -> ArticleInfo:
        info = self._articles.get(key)
        if info is None:
            info = self._articles[key] = self._resolve(key)
        return info

    def _resolve(self, key: str) -> ArticleInfo:
        base, sep, line = key.rpartition(":")
        if sep and line.isdigit() and base.lower().endswith(".jsonl"):
            found = self.find(base)
            if found is None:
                return ArticleInfo(key, problem=self._not_found(base))
            lines = self._jsonl_lines(found)
            item = lines.get(int(line)) if isinstance(lines, dict) else lines
            if item is None:
                return ArticleInfo(key, problem=f"line {line} of {found} holds no article")
            return self._info(key, item, f"{found}:{line}")
        found = self.find(key)
        if found is None:
            return ArticleInfo(key, problem=self._not_found(key))
        if found.suffix.lower() == ".jsonl":
            return ArticleInfo(key, problem=f"{found} is a JSONL file; the tags name no line of it")
        item = next(iter(read_file(found)), None) or Skipped(str(found), "nothing to read")
        return self._info(key, item, str(found))

    def find(self, name: str) -> Path | None:
        path = Path(name)
        candidates = [path] if path.is_absolute() else [path, *(folder / path for folder in self.folders)]
        for candidate in candidates:
            try:
                if candidate.is_file():
                    return candidate
            except (OSError, ValueError):  # a name with a NUL byte, a path too long...
                return None
        return None

    def _not_found(self, name: str) -> str:
        if Path(name).is_absolute() or not self.folders:
            return "article file not found"
        return f"article file not found (looked in the current folder, {', '.join(map(str, self.folders))})"

    def _jsonl_lines(self, path: Path) -> dict[int, RawArticle | Skipped] | Skipped:
        lines = self._jsonl.get(path)
        if lines is None:
            lines = {}
            for item in read_file(path):
                number = item.path.rpartition(":")[2]
                if number.isdigit():
                    lines[int(number)] = item
                else:  # the whole file could not be read
                    lines = item.reason if isinstance(item, Skipped) else "no article lines"
                    break
            self._jsonl[path] = lines
        return lines if isinstance(lines, dict) else Skipped(str(path), lines)

    @staticmethod
    def _info(key: str, item: RawArticle | Skipped, where: str) -> ArticleInfo:
        if isinstance(item, Skipped):
            return ArticleInfo(key, file=where, problem=item.reason)
        return ArticleInfo(key, text=item.text, text_id=article_id(item.text), file=where, fmt=item.fmt, raw=item)


def place(tag: dict, article: ArticleInfo, now: str) -> tuple[dict, str]:
    """The tag as it stands in the article's current text: ``(tag, state)``.

    States: ``in place`` (the quote is at start:end), ``reanchored`` (a copy moved to where the quote is now;
    ``updated`` kept), ``orphan`` (a copy marked orphan: the quote is gone), ``missing`` (no text to check).
    """
    text = article.text
    if text is None:
        return tag, "missing"
    start, end = tag["start"], tag["end"]
    if end <= len(text) and text[start:end] == tag.get("quote"):
        return tag, "in place"
    placed, _orphans = reattach([tag], article.text_id or "", tag.get("article_path") or article.key, text, now)
    if placed:
        return {**placed[0], "updated": tag.get("updated")}, "reanchored"
    return {**tag, "orphan": True}, "orphan"


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
        what = fate or f"written without the article's title and date"
        result.warnings.append(f"{key}: {counts['missing']} tag(s) {what}: {article.problem}")
    if counts["orphan"]:
        what = fate or "written as orphans"
        result.warnings.append(f"{key}: {counts['orphan']} tag(s) {what}: their quote is no longer in the "
                               f"article text")


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
