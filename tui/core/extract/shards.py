"""Extraction shards: a folder of JSON Lines files, one per chunk or partition, whose names sort in input order.

``part-00000.jsonl``, ``part-00001.jsonl`` … hold the records ``newsdesk extract --format jsonl`` prints, in the
same order; ``manifest.json``, written last, lists them with their article counts, so a folder without it is an
unfinished run. Every file is written atomically (a temporary file in the folder, fsync'd, then renamed), by
whichever process or cluster worker extracted it.

:func:`timeline_from_shards` computes the corpus timeline from such a folder without holding the articles: a first
scan files every event in a bucket file by date window (a temporary folder), then the windows are merged in date
order (:class:`~tui.core.extract.timeline.WindowMerger`), one window in memory at a time.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tui.core.extract.timeline import Source, TimelineEntry, WindowMerger, undated_entries, window_key
from tui.core.model import Event

MANIFEST = "manifest.json"
FORMAT = "newsdesk-extract-shards"
BUFFERED_BYTES = 8 * 1024 * 1024  # event text held before the buckets are flushed to disk


class ShardError(Exception):
    """A shard folder that cannot be read or written, named with the problem in one line."""


def shard_name(index: int, total: int) -> str:
    return f"part-{index:0{max(5, len(str(max(0, total - 1))))}d}.jsonl"


def atomic_write(path: Path, lines: Iterable[str]) -> int:
    """Write ``lines`` (each followed by a newline) to ``path`` atomically; returns how many."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    count = 0
    try:
        with temporary.open("w", encoding="utf-8", newline="\n") as handle:
            for line in lines:
                handle.write(line + "\n")
                count += 1
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    return count


def check_out_dir(folder: Path) -> None:
    """``folder`` must be new or empty: shards are never mixed with an earlier run's."""
    if folder.exists() and not folder.is_dir():
        raise ShardError(f"{folder}: not a folder")
    if folder.is_dir() and any(folder.iterdir()):
        raise ShardError(f"{folder}: not empty (give a new or empty folder for the shards)")
    folder.mkdir(parents=True, exist_ok=True)


def write_manifest(folder: Path, shards: list[tuple[str, int]]) -> None:
    manifest = {"format": FORMAT, "version": 1, "articles": sum(n for _, n in shards),
                "shards": [{"name": name, "articles": n} for name, n in shards]}
    atomic_write(folder / MANIFEST, [json.dumps(manifest, indent=1)])
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)  # the renames themselves survive a crash
    finally:
        os.close(descriptor)


def shard_paths(folder: Path) -> list[Path]:
    """The shards listed by the folder's manifest, in input order; a missing or partial set is an error."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ShardError(f"{folder}: no {MANIFEST} (not a shard folder, or the run did not finish)") from None
    except (OSError, ValueError) as exc:
        raise ShardError(f"{folder / MANIFEST}: cannot read ({exc})") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT or not isinstance(
            manifest.get("shards"), list):
        raise ShardError(f"{folder / MANIFEST}: not a newsdesk shard manifest")
    paths = []
    for item in manifest["shards"]:
        name = item.get("name") if isinstance(item, dict) else None
        if not isinstance(name, str) or "/" in name or "\\" in name or name.startswith("."):
            raise ShardError(f"{folder / MANIFEST}: bad shard entry {item!r}")
        if not (folder / name).is_file():
            raise ShardError(f"{folder / name}: listed in {MANIFEST} but missing")
        paths.append(folder / name)
    return paths


def iter_records(folder: Path) -> Iterator[dict]:
    """Every article record of the shard folder, in input order, one at a time."""
    for path in shard_paths(folder):
        with path.open("r", encoding="utf-8") as handle:
            for lineno, line in enumerate(handle, start=1):
                try:
                    record = json.loads(line)
                except ValueError as exc:
                    raise ShardError(f"{path}:{lineno}: not valid JSON ({str(exc)[:80]})") from None
                if not isinstance(record, dict):
                    raise ShardError(f"{path}:{lineno}: not an article record")
                yield record


@dataclass(slots=True)
class ShardTimeline:
    entries: Iterator[TimelineEntry]  # in timeline order, produced while it is read
    articles: int = 0  # known once ``entries`` is exhausted


def timeline_from_shards(folder: Path, *, undated: bool = True, work_dir: str | None = None) -> list[TimelineEntry]:
    """The timeline :func:`~tui.core.extract.timeline.build_timeline` gives for the articles of the shards."""
    return list(stream_timeline(folder, undated=undated, work_dir=work_dir).entries)


def stream_timeline(folder: Path, *, undated: bool = True, work_dir: str | None = None) -> ShardTimeline:
    shard_paths(folder)  # a bad folder fails before anything is written
    result = ShardTimeline(iter(()))
    result.entries = _merge(folder, result, undated, work_dir)
    return result


def _merge(folder: Path, result: ShardTimeline, undated: bool, work_dir: str | None) -> Iterator[TimelineEntry]:
    buckets = _Buckets(Path(tempfile.mkdtemp(prefix="newsdesk-timeline-", dir=work_dir)))
    try:
        order = 0
        for record in iter_records(folder):
            result.articles += 1
            for raw in record.get("events") or ():
                event = _event(raw, record)
                key = window_key(event.date)
                if key is not None or undated:
                    buckets.add(key, event.type, [order, record.get("id"), record.get("path"), record.get("title"),
                                                  raw])
                order += 1
        buckets.flush()
        merger = WindowMerger()
        keys = buckets.dated_keys()
        for index, key in enumerate(keys):
            merger.add_window((order, _source(item)) for order, item in buckets.read(key))
            yield from merger.finished(keys[index + 1] if index + 1 < len(keys) else None)
        yield from merger.finished()
        for kind in buckets.undated_types():
            yield from undated_entries(_source(item) for _, item in buckets.read(None, kind))
    finally:
        shutil.rmtree(buckets.root, ignore_errors=True)


def _event(raw: object, record: dict) -> Event:
    try:
        assert isinstance(raw, dict)
        return Event(**raw)
    except (AssertionError, TypeError):
        raise ShardError(f"{record.get('path')}: an event record is not of newsdesk's form") from None


def _source(item: list) -> Source:
    _, article_id, path, title, raw = item
    return Source(article_id, path, title, Event(**raw))


class _Buckets:
    """Events filed by window in append-only files, written in batches (a bounded buffer, few open files)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._buffer: dict[str, list[str]] = {}
        self._held = 0
        self._names: dict[str, tuple[str | None, str | None]] = {}  # file name -> (window key, undated type)

    def _file(self, key: str | None, kind: str) -> str:
        label = f"d-{key}" if key is not None else f"u-{kind}"
        name = label.encode("utf-8", "surrogatepass").hex() + ".jsonl"  # any date value makes a safe file name
        self._names.setdefault(name, (key, None if key is not None else kind))
        return name

    def add(self, key: str | None, kind: str, item: list) -> None:
        line = json.dumps(item, ensure_ascii=False)
        self._buffer.setdefault(self._file(key, kind), []).append(line)
        self._held += len(line)
        if self._held >= BUFFERED_BYTES:
            self.flush()

    def flush(self) -> None:
        for name, lines in self._buffer.items():
            with (self.root / name).open("a", encoding="utf-8") as handle:
                handle.write("\n".join(lines) + "\n")
        self._buffer, self._held = {}, 0

    def dated_keys(self) -> list[str]:
        return sorted({key for key, _ in self._names.values() if key is not None})

    def undated_types(self) -> list[str]:
        return sorted({kind for _, kind in self._names.values() if kind is not None})

    def read(self, key: str | None, kind: str = "") -> Iterator[tuple[int, list]]:
        with (self.root / self._file(key, kind)).open(encoding="utf-8") as handle:
            for line in handle:
                item = json.loads(line)
                yield item[0], item
