"""Files behind the annotation store: the TinyDB JSON snapshot, the append-only journal, the writer lock.

Three files live side by side (``<db>`` is e.g. ``annotations/annotations.json``; when ``<db>`` is a symlink, the
three live beside the file it points to, so every path to one database shares one journal and one lock):

``<db>``
    TinyDB's own JSON layout (``{"annotations": {"1": {...}}, "meta": {...}, "history": {...}}``), read and
    written through :class:`AtomicJSONStorage`, a TinyDB ``Storage`` that never rewrites the file in place:
    it writes a temporary file (random name, opened with ``O_EXCL``) in the same folder, fsyncs it,
    ``os.replace``-s it over the database and fsyncs the folder.  A crash leaves either the old or the new
    snapshot, never a mix; a symlink planted at a temporary name is never followed.
``<db>.journal``
    One JSON object per line, each a complete change with an increasing ``seq`` number and, last, a ``crc``
    (CRC-32 of the line's bytes without that field); every append is fsync'd before the caller gets control
    back.  :func:`read_journal` drops a torn last line (a crash mid-append: bytes after the last newline) and
    :meth:`Journal.open` cuts it off before appending again.  Any other line that is not exactly what was
    written (it does not parse, its checksum does not match, its ``seq`` goes backwards) is damage: the store
    refuses to open for writing and never changes the file, and read-only readers say how many lines they
    could not read.  Lines without a ``crc`` (journals of earlier versions) are read when they come first.
``<db>.lock``
    Held with ``fcntl.flock`` by the one writer and holding its PID for the refusal message.  The kernel
    drops the lock when the process dies, so a crashed app never blocks the next start.

Every file is read through :mod:`tui.core.files` (regular files only, bounded sizes) and parsed through
:mod:`tui.core.jsonio` (any nesting depth refused in one line).  Nothing here imports textual or rich.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import re
import stat
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from tui.core.files import (
    MB,
    FileProblem,
    create_exclusive,
    fsync_dir,
    read_bounded,
    write_all,
)
from tui.core.jsonio import json_bytes, parse_json
from tui.core.text import one_line

__all__ = ["StoreError", "StoreLocked", "CompactionFailed", "JournalDamaged", "AtomicJSONStorage", "Journal",
           "JournalContents", "read_journal", "WriterLock", "fsync_dir", "ensure_folder", "file_identity",
           "encode_record", "real_path", "MAX_DATABASE_BYTES", "MAX_JOURNAL_BYTES"]

MAX_DATABASE_BYTES = 1024 * MB  # a snapshot of 1,000,000 tags is about 600 MB
MAX_JOURNAL_BYTES = 1024 * MB  # compaction keeps it under 32 MB; more means compaction has kept failing
RECORD_KEYS = frozenset(("seq", "put", "del", "meta", "hist"))
_CRC_FIELD = b',"crc":'
_CRC_END = re.compile(rb',"crc":\d+\}')


class StoreError(Exception):
    """The annotation database cannot be used; the message is one line naming the file."""


class StoreLocked(StoreError):
    """Another process holds the writer lock of the database."""


class JournalDamaged(StoreError):
    """A line of the journal other than a torn last one is not what was written: the journal is left as it is."""


class CompactionFailed(StoreError):
    """The snapshot could not be written (disk full, folder read-only): every change is still in the journal."""


def real_path(path: Path) -> Path:
    """The file a database path names, symlinks followed (the path itself when it cannot be resolved)."""
    try:
        return Path(os.path.realpath(path))
    except (OSError, ValueError):
        return path


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


class AtomicJSONStorage(Storage):
    """TinyDB storage of the whole database as one JSON file, replaced atomically on every write.

    ``read`` returns ``None`` for a missing or empty file (TinyDB's convention for "no data yet") and raises
    :class:`StoreError` for anything that is not a JSON object.  ``write`` is crash-safe; it never touches
    the existing file until the new content is complete and on disk.  ``path`` is the file written (give the
    real path when the database path is a symlink, so the link stays a link); ``shown`` names it in messages.
    """

    def __init__(self, path: str | Path, read_only: bool = False, shown: str | Path | None = None) -> None:
        super().__init__()
        self.path = Path(path)
        self.read_only = read_only
        self.shown = shown if shown is not None else self.path

    def read(self) -> dict[str, Any] | None:
        try:
            raw = read_bounded(self.path, MAX_DATABASE_BYTES)
        except FileNotFoundError:
            return None
        except FileProblem as exc:
            raise StoreError(one_line(f"{self.shown}: cannot be read as the annotation database: "
                                      f"{exc.reason}")) from None
        if not raw.strip():
            return None
        try:
            # Decoded first and the bytes let go, so the file is not held twice while it is parsed.
            text = raw.decode(json.detect_encoding(raw), "surrogatepass")
            del raw
            data = parse_json(text)
        except UnicodeDecodeError as exc:
            raise StoreError(one_line(f"{self.shown}: not a TinyDB JSON file (bytes that are not UTF-8 text "
                                      f"at offset {exc.start})")) from None
        except json.JSONDecodeError as exc:
            raise StoreError(one_line(f"{self.shown}: not a TinyDB JSON file ({exc.msg} at line {exc.lineno} "
                                      f"column {exc.colno})")) from None
        if not isinstance(data, dict):
            raise StoreError(one_line(f"{self.shown}: not a TinyDB JSON file (the top level is a "
                                      f"{type(data).__name__}, expected an object of tables)"))
        return data

    def remove_stale_temp_files(self) -> None:
        """Delete half-written snapshots left by a crash during compaction (call only under the lock)."""
        for stale in self.path.parent.glob(f".{self.path.name}.*.tmp"):
            stale.unlink(missing_ok=True)  # a symlink planted there is unlinked, never followed

    def write(self, data: dict[str, Any]) -> None:
        if self.read_only:
            raise StoreError(one_line(f"{self.shown}: opened read-only"))
        payload = json_bytes(data)
        folder = self.path.parent
        ensure_folder(folder)
        temp, fd = create_exclusive(self.path, "tmp", 0o644)
        try:
            write_all(fd, payload)
            os.fsync(fd)
        except BaseException:
            os.close(fd)
            temp.unlink(missing_ok=True)
            raise
        os.close(fd)
        try:
            os.replace(temp, self.path)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        fsync_dir(folder)


# ----------------------------------------------------------------------------------------------- the journal
def encode_record(record: dict[str, Any]) -> bytes:
    """One journal line: the record's compact JSON with ``"crc"`` (CRC-32 of the JSON without it) last."""
    body = json_bytes(record)
    return body[:-1] + b'%s%d}\n' % (_CRC_FIELD, zlib.crc32(body))


def _decode_line(line: bytes, legacy_allowed: bool) -> tuple[dict[str, Any] | None, str, bool]:
    """``(record, "", has_crc)`` for a line as written, else ``(None, why it is damaged, has_crc)``."""
    at = line.rfind(_CRC_FIELD)
    has_crc = at >= 0 and line.endswith(b"}") and line[at + len(_CRC_FIELD):-1].isdigit()
    if has_crc:
        body = line[:at] + b"}"
        if zlib.crc32(body) != int(line[at + len(_CRC_FIELD):-1]):
            return None, "its checksum does not match", True
    elif not legacy_allowed:
        return None, "it has no checksum", False
    else:
        body = line
    try:
        record = parse_json(body.decode("utf-8"))
    except UnicodeDecodeError:
        return None, "bytes that are not UTF-8", has_crc
    except ValueError as exc:
        return None, f"not JSON: {getattr(exc, 'msg', exc)}", has_crc
    if not isinstance(record, dict) or type(record.get("seq")) is not int:
        return None, "not a change record", has_crc
    if not has_crc and not record.keys() <= RECORD_KEYS:
        return None, "unknown fields", has_crc
    return record, "", has_crc


@dataclass
class JournalContents:
    records: list[dict[str, Any]] = field(default_factory=list)
    good_bytes: int = 0  # length of the prefix made of complete lines (a torn tail starts here)
    total_bytes: int = 0
    damaged: list[tuple[int, str]] = field(default_factory=list)  # (line number, why) of lines not as written
    exists: bool = False

    def damage_summary(self) -> str:
        """``line N (why)`` and how many more, for a one-line message."""
        number, why = self.damaged[0]
        more = len(self.damaged) - 1
        return f"line {number} ({why})" + (f" and {more} more line{'s' if more > 1 else ''}" if more else "")


def read_journal(path: Path, shown: Path | None = None) -> JournalContents:
    """Every record of the journal in order, and the line numbers of damaged lines (left out).

    A torn final line (bytes after the last newline that could be the start of a line) is neither a record
    nor damage: it is what a crash in the middle of an append leaves.
    """
    contents = JournalContents()
    try:
        raw = read_bounded(path, MAX_JOURNAL_BYTES)
    except FileNotFoundError:
        return contents
    except FileProblem as exc:
        raise StoreError(one_line(f"{shown or path}: cannot be read as the database's journal: "
                                  f"{exc.reason}")) from None
    contents.exists = True
    contents.total_bytes = len(raw)
    contents.good_bytes = raw.rfind(b"\n") + 1
    lines = raw[: contents.good_bytes].split(b"\n")[:-1]
    legacy_allowed = True  # lines without a checksum, from an earlier version, may only come first
    last_seq: int | None = None
    for number, line in enumerate(lines, start=1):
        record, why, has_crc = _decode_line(line, legacy_allowed)
        legacy_allowed = legacy_allowed and not has_crc
        if record is not None and last_seq is not None and record["seq"] <= last_seq:
            why = f"out of order: change {record['seq']} after {last_seq}"
            record = None
        if record is None:
            contents.damaged.append((number, why))
            continue
        last_seq = record["seq"]
        contents.records.append(record)
    if _whole_line_and_more(raw[contents.good_bytes:]):
        contents.damaged.append((len(lines) + 1, "its end is damaged"))
        contents.good_bytes = contents.total_bytes
    return contents


def _whole_line_and_more(tail: bytes) -> bool:
    """A complete checksummed line with bytes after it (its newline overwritten): damage, not a torn append,
    which is always a strict start of a line."""
    for match in _CRC_END.finditer(tail):
        if match.end() < len(tail) and _decode_line(tail[:match.end()], False)[0] is not None:
            return True
    return False


class Journal:
    """The append side of ``<db>.journal``: one fsync'd, checksummed JSON line per change."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None
        self.bytes = 0
        self.records = 0

    def cut_torn_tail(self, good_bytes: int, total_bytes: int) -> None:
        """Drop a partial last line left by a crash, so the next append starts on a line of its own."""
        if total_bytes > good_bytes:
            fd = os.open(self.path, os.O_WRONLY | _NOFOLLOW)
            try:
                os.ftruncate(fd, good_bytes)
                os.fsync(fd)
            finally:
                os.close(fd)

    def append(self, record: dict[str, Any]) -> None:
        line = encode_record(record)
        if self._fd is None:
            self._open_for_append()
        assert self._fd is not None
        size_before = self.bytes
        try:
            write_all(self._fd, line)
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
        # O_NOFOLLOW: a symlink planted at the journal's name is refused, never appended through
        self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | _NOFOLLOW, 0o644)
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


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


class WriterLock:
    """An exclusive ``flock`` on ``<db>.lock`` with the holder's PID written inside."""

    def __init__(self, path: Path, db_path: Path) -> None:
        self.path = path
        self.db_path = db_path
        self._fd: int | None = None

    def acquire(self) -> None:
        ensure_folder(self.path.parent)
        try:  # never through a symlink or into a FIFO or device planted at the lock's name
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_NONBLOCK | _NOFOLLOW, 0o644)
        except OSError as exc:
            why = "it is a symbolic link" if exc.errno == errno.ELOOP else exc.strerror
            raise StoreError(one_line(f"{self.db_path}: cannot open the lock {self.path} ({why})")) from None
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise StoreError(one_line(f"{self.db_path}: the lock {self.path} is not a regular file"))
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
        write_all(fd, f"{os.getpid()}\n".encode())
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
