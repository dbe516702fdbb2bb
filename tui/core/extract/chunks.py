"""A corpus cut into chunks of consecutive inputs, for extraction in several processes or on a cluster.

A chunk is a short tuple of :class:`Piece` objects: whole files, or byte ranges of a large JSON Lines feed cut at
line starts. Chunks in order, and pieces in order inside them, are the input order, so reading every chunk in turn
gives exactly what :func:`tui.core.extract.reader.read_articles` gives for the same paths (skips included). A chunk
is small and plain data: it travels to a worker process or a Dask worker, which reads its files there.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tui.core.extract.reader import (
    MAX_JSONL_BYTES,
    RawArticle,
    Skipped,
    iter_files,
    read_file,
    read_jsonl_range,
)

MIN_CHUNK_BYTES = 4 * 1024
MAX_CHUNK_BYTES = 4 * 1024 * 1024
CHUNKS_PER_JOB = 8  # enough chunks that a slow one does not leave the other processes idle at the end


@dataclass(frozen=True, slots=True)
class Piece:
    """One input of a chunk: a file (or a byte range of a JSON Lines file), or a path that could not be listed."""

    path: str  # as the user gave it (what the output shows)
    where: str  # the absolute path the worker opens (the worker's working folder may be another)
    start: int = 0
    end: int | None = None  # None: to the end of the file
    first_line: int = 1
    skipped: str | None = None  # the reason, for a path that is already known to be unreadable
    size: int = 0


Chunk = tuple[Piece, ...]


def plan_chunks(paths: Iterable[str | os.PathLike[str]], *, jobs: int = 1,
                chunk_bytes: int | None = None) -> list[Chunk]:
    """Cut the inputs under ``paths`` into chunks of about ``chunk_bytes`` (default: the corpus size over
    ``CHUNKS_PER_JOB`` chunks per job, between 4 KB and 4 MB), in input order."""
    pieces = list(_pieces(paths))
    if chunk_bytes is None:
        total = sum(p.size for p in pieces)
        chunk_bytes = min(MAX_CHUNK_BYTES, max(MIN_CHUNK_BYTES, total // max(1, jobs * CHUNKS_PER_JOB)))
    chunks: list[Chunk] = []
    current: list[Piece] = []
    size = 0
    for piece in _split_feeds(pieces, chunk_bytes):
        current.append(piece)
        size += piece.size
        if size >= chunk_bytes:
            chunks.append(tuple(current))
            current, size = [], 0
    if current:
        chunks.append(tuple(current))
    return chunks


def _pieces(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Piece]:
    for item in iter_files(paths):
        if isinstance(item, Skipped):
            yield Piece(item.path, item.path, skipped=item.reason)
            continue
        try:
            size = item.stat().st_size
        except OSError:
            size = 0  # the reader says why when it tries
        yield Piece(str(item), os.path.abspath(item), size=size)


def _split_feeds(pieces: list[Piece], chunk_bytes: int) -> Iterator[Piece]:
    """Large JSON Lines feeds cut into line ranges of about ``chunk_bytes``; everything else as it is."""
    for piece in pieces:
        if (piece.skipped is None and piece.size > chunk_bytes and piece.size <= MAX_JSONL_BYTES
                and piece.where.lower().endswith(".jsonl")):
            yield from _feed_ranges(piece, chunk_bytes)
        else:
            yield piece


def _feed_ranges(piece: Piece, chunk_bytes: int) -> Iterator[Piece]:
    ranges: list[Piece] = []
    start, first_line, offset, lineno, any_text = 0, 1, 0, 0, False
    try:
        with open(piece.where, "rb") as handle:
            for line in handle:
                lineno += 1
                offset += len(line)
                any_text = any_text or bool(line.strip())
                if offset - start >= chunk_bytes:
                    ranges.append(Piece(piece.path, piece.where, start, offset, first_line, size=offset - start))
                    start, first_line = offset, lineno + 1
    except OSError:
        yield piece  # the reader reports the error, once, as it would for one process
        return
    if not any_text:
        yield piece  # an empty feed is reported as one, whole
        return
    if offset > start:
        ranges.append(Piece(piece.path, piece.where, start, None, first_line, size=offset - start))
    yield from ranges


def read_chunk(chunk: Chunk) -> Iterator[RawArticle | Skipped]:
    """The chunk's articles and skips, named by the paths the user gave."""
    for piece in chunk:
        if piece.skipped is not None:
            yield Skipped(piece.path, piece.skipped)
            continue
        where = Path(piece.where)
        items = read_file(where) if piece.start == 0 and piece.end is None else read_jsonl_range(
            where, piece.start, piece.end, piece.first_line)
        for item in items:
            if piece.path != piece.where and item.path.startswith(piece.where):
                item.path = piece.path + item.path[len(piece.where):]
            yield item


def fingerprint(articles: Iterable[RawArticle]) -> str:
    """What a chunk held (paths and content ids), to notice files that changed between the two passes."""
    digest = hashlib.sha256()
    for raw in articles:
        digest.update(f"{raw.path}\0{raw.id}\n".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()
