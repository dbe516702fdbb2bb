"""Files behind the annotation store: the TinyDB JSON snapshot, the append-only journal, the writer lock.

Three files live side by side (``<db>`` is e.g. ``annotations/annotations.json``):

``<db>``
    TinyDB's own JSON layout (``{"annotations": {"1": {...}}, "meta": {...}, "history": {...}}``), read and
    written through :class:`AtomicJSONStorage`, a TinyDB ``Storage`` that never rewrites the file in place:
    it writes a temporary file in the same folder, fsyncs it, ``os.replace``-s it over the database and
    fsyncs the folder.  A crash leaves either the old or the new snapshot, never a mix.
``<db>.journal``
    One JSON object per line, each a complete change with an increasing ``seq`` number; every append is
    fsync'd before the caller gets control back.  :func:`read_journal` ignores a torn last line (a crash
    mid-append) and :meth:`Journal.open` cuts it off before appending again.
``<db>.lock``
    Held with ``fcntl.flock`` by the one writer and holding its PID for the refusal message.  The kernel
    drops the lock when the process dies, so a crashed app never blocks the next start.

Nothing here imports textual or rich.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tinydb.storages import Storage


class StoreError(Exception):
    """The annotation database cannot be used; the message is one line naming the file."""


class StoreLocked(StoreError):
    """Another process holds the writer lock of the database."""


def one_line(message: str) -> str:
    return " ".join(str(message).split())


def fsync_dir(folder: Path) -> None:
    """Make a create / rename / unlink inside ``folder`` durable."""
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def ensure_folder(folder: Path) -> None:
    """Create ``folder`` (and parents) durably if it is missing."""
    if folder.is_dir():
        return
    missing = []
    probe = folder
    while not probe.exists():
        missing.append(probe)
        probe = probe.parent
    folder.mkdir(parents=True, exist_ok=True)
    for created in reversed(missing):
        fsync_dir(created.parent)


def file_identity(path: Path) -> tuple[int, int, int] | None:
    """Inode, mtime and size: changes whenever the snapshot is replaced."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


class AtomicJSONStorage(Storage):
    """TinyDB storage of the whole database as one JSON file, replaced atomically on every write.

    ``read`` returns ``None`` for a missing or empty file (TinyDB's convention for "no data yet") and raises
    :class:`StoreError` for anything that is not a JSON object.  ``write`` is crash-safe; it never touches
    the existing file until the new content is complete and on disk.
    """

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        super().__init__()
        self.path = Path(path)
        self.read_only = read_only

    def read(self) -> dict[str, Any] | None:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise StoreError(one_line(f"{self.path}: cannot read the annotation database ({exc.strerror})")) from exc
        if not raw.strip():
            return None
        try:
            # Decoded first and the bytes let go, so the file is not held twice while it is parsed.
            text = raw.decode(json.detect_encoding(raw), "surrogatepass")
            del raw
            data = json.loads(text)
        except UnicodeDecodeError as exc:
            raise StoreError(one_line(f"{self.path}: not a TinyDB JSON file (bytes that are not UTF-8 text "
                                      f"at offset {exc.start})")) from exc
        except json.JSONDecodeError as exc:
            raise StoreError(one_line(f"{self.path}: not a TinyDB JSON file ({exc.msg} at line {exc.lineno} "
                                      f"column {exc.colno})")) from exc
        if not isinstance(data, dict):
            raise StoreError(one_line(f"{self.path}: not a TinyDB JSON file (the top level is a "
                                      f"{type(data).__name__}, expected an object of tables)"))
        return data

    def remove_stale_temp_files(self) -> None:
        """Delete half-written snapshots left by a crash during compaction (call only under the lock)."""
        for stale in self.path.parent.glob(f".{self.path.name}.*.tmp"):
            stale.unlink(missing_ok=True)

    def write(self, data: dict[str, Any]) -> None:
        if self.read_only:
            raise StoreError(one_line(f"{self.path}: opened read-only"))
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        folder = self.path.parent
        ensure_folder(folder)
        temp = folder / f".{self.path.name}.{os.getpid()}.tmp"
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        try:
            _write_all(fd, payload)
            os.fsync(fd)
        except BaseException:
            os.close(fd)
            temp.unlink(missing_ok=True)
            raise
        os.close(fd)
        os.replace(temp, self.path)
        fsync_dir(folder)


@dataclass
class JournalContents:
    records: list[dict[str, Any]] = field(default_factory=list)
    good_bytes: int = 0  # length of the prefix made of complete lines (a torn tail starts here)
    total_bytes: int = 0
    skipped_lines: int = 0  # complete lines that did not parse (should never happen; they are ignored)
    exists: bool = False


def read_journal(path: Path) -> JournalContents:
    """Every complete, parseable record of the journal in order; a torn final line is left out."""
    contents = JournalContents()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return contents
    contents.exists = True
    contents.total_bytes = len(raw)
    last_newline = raw.rfind(b"\n")
    contents.good_bytes = last_newline + 1
    for line in raw[: contents.good_bytes].splitlines():
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError:
            contents.skipped_lines += 1
            continue
        if isinstance(record, dict) and isinstance(record.get("seq"), int):
            contents.records.append(record)
        else:
            contents.skipped_lines += 1
    return contents


class Journal:
    """The append side of ``<db>.journal``: one fsync'd JSON line per change."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None
        self.bytes = 0
        self.records = 0

    def cut_torn_tail(self, good_bytes: int, total_bytes: int) -> None:
        """Drop a partial last line left by a crash, so the next append starts on a line of its own."""
        if total_bytes > good_bytes:
            with open(self.path, "r+b") as handle:
                handle.truncate(good_bytes)
                handle.flush()
                os.fsync(handle.fileno())

    def append(self, record: dict[str, Any]) -> None:
        line = json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"
        if self._fd is None:
            self._open_for_append()
        assert self._fd is not None
        size_before = self.bytes
        try:
            _write_all(self._fd, line)
            os.fdatasync(self._fd)
        except OSError:
            # e.g. disk full: take back a partial line so the next append does not glue onto it
            try:
                os.ftruncate(self._fd, size_before)
            except OSError:
                pass
            raise
        self.bytes += len(line)
        self.records += 1

    def _open_for_append(self) -> None:
        existed = self.path.exists()
        if not existed:
            ensure_folder(self.path.parent)
        self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        if not existed:
            os.fsync(self._fd)
            fsync_dir(self.path.parent)  # the new directory entry must survive a crash too
        self.bytes = os.fstat(self._fd).st_size

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def remove(self) -> None:
        """Delete the journal once a snapshot holds everything it recorded."""
        self.close()
        try:
            self.path.unlink()
        except FileNotFoundError:
            pass
        else:
            fsync_dir(self.path.parent)
        self.bytes = 0
        self.records = 0


class WriterLock:
    """An exclusive ``flock`` on ``<db>.lock`` with the holder's PID written inside."""

    def __init__(self, path: Path, db_path: Path) -> None:
        self.path = path
        self.db_path = db_path
        self._fd: int | None = None

    def acquire(self) -> None:
        ensure_folder(self.path.parent)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            holder = _read_pid(fd)
            os.close(fd)
            if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                raise StoreError(one_line(f"{self.db_path}: cannot lock {self.path} ({exc.strerror})")) from exc
            who = f"PID {holder}" if holder else "another process"
            raise StoreLocked(one_line(f"{self.db_path} is open for writing by {who} (lock {self.path}); "
                                       f"close it there or open read-only")) from None
        os.ftruncate(fd, 0)
        _write_all(fd, f"{os.getpid()}\n".encode())
        self._fd = fd

    def release(self) -> None:
        # The file stays: unlinking a lock file lets two processes lock two different inodes.
        if self._fd is not None:
            try:
                os.ftruncate(self._fd, 0)
            finally:
                fcntl.flock(self._fd, fcntl.LOCK_UN)
                os.close(self._fd)
                self._fd = None


def _read_pid(fd: int) -> int | None:
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
        return int(text) if text.isdigit() else None
    except OSError:
        return None
