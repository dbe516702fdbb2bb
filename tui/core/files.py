"""Reading the files a user points newsdesk at, and creating files it writes, without surprises.

Every file newsdesk reads (articles, feeds, the codebook, the config, the database and its journal, import files)
goes through :func:`read_bounded` or :func:`open_bounded`: the file must be a regular file (a FIFO would block
for ever, ``/dev/zero`` never ends) and is read up to a size limit, so bad input costs a bounded amount of time
and memory and gets one line naming the file (:class:`FileProblem`).  The check is made on the open descriptor
(``fstat``), so a file swapped for a FIFO between a check and the open cannot slip through; the open itself is
non-blocking, so opening a FIFO returns at once instead of waiting for a writer.

Files written next to a target go through :func:`create_exclusive`: a random name opened with ``O_EXCL``, which
refuses to follow a symlink planted at that name.

Nothing here imports the domains; every layer may use it.
"""

from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

MB = 1024 * 1024
TEMP_ATTEMPTS = 16  # random names tried before giving up (a clash means someone is planting names)


class FileProblem(Exception):
    """A file that cannot be read as asked; ``str()`` is one line naming the file and why."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "of another kind"


def size_text(size: int) -> str:
    return f"{size / MB:.1f} MB" if size >= MB // 10 else f"{size} bytes"


def _too_large(path: str | os.PathLike[str], size: int | None, limit: int) -> FileProblem:
    found = f"{size_text(size)}; " if size is not None else ""
    return FileProblem(path, f"too large ({found}the limit is {size_text(limit)})")


def _open_regular(path: str | os.PathLike[str], limit: int) -> int:
    """A read descriptor on ``path``, checked to be a regular file of at most ``limit`` bytes.

    ``FileNotFoundError`` passes through unchanged (callers often treat a missing file as "nothing yet");
    everything else becomes :class:`FileProblem`.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise FileProblem(path, f"cannot read ({exc.strerror or exc})") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FileProblem(path, f"not a regular file ({_kind(info.st_mode)})")
        if info.st_size > limit:
            raise _too_large(path, info.st_size, limit)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_bounded(path: str | os.PathLike[str], limit: int) -> bytes:
    """The whole of a regular file of at most ``limit`` bytes (a file growing past it while read is refused)."""
    fd = _open_regular(path, limit)
    try:
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(MB, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise _too_large(path, None, limit)
    except OSError as exc:
        raise FileProblem(path, f"cannot read ({exc.strerror or exc})") from None
    finally:
        os.close(fd)
    return b"".join(chunks)


class BoundedFile:
    """A regular file read line by line: at most ``limit`` bytes in all, each line held to ``max_line`` bytes."""

    def __init__(self, path: str | os.PathLike[str], limit: int) -> None:
        self.path = path
        self.limit = limit
        self._handle: BinaryIO = os.fdopen(_open_regular(path, limit), "rb")
        self.read_bytes = 0
        self.line_start = 0

    def __enter__(self) -> "BoundedFile":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self._handle.close()

    def seek(self, offset: int) -> None:
        """Start reading at byte ``offset`` (a line start); the limit counts from there."""
        try:
            self._handle.seek(offset)
        except OSError as exc:
            raise FileProblem(self.path, f"cannot read ({exc.strerror or exc})") from None

    def lines(self, max_line: int) -> Iterator[tuple[int, bytes | None]]:
        """``(line number, line)``; a line longer than ``max_line`` bytes is skipped over without being held
        in memory and given as ``None``.  Raises :class:`FileProblem` past the file's limit."""
        number = 0
        while True:
            self.line_start = self.read_bytes  # where the line given next begins, counted from the first byte read
            line = self._read(max_line + 1)
            if not line:
                return
            number += 1
            if len(line) > max_line and not line.endswith(b"\n"):
                while line and not line.endswith(b"\n"):  # the rest of the long line, a chunk at a time
                    line = self._read(MB)
                yield number, None
                continue
            yield number, line

    def _read(self, size: int) -> bytes:
        try:
            data = self._handle.readline(size)
        except OSError as exc:
            raise FileProblem(self.path, f"cannot read ({exc.strerror or exc})") from None
        self.read_bytes += len(data)
        if self.read_bytes > self.limit:
            raise _too_large(self.path, None, self.limit)
        return data


def open_bounded(path: str | os.PathLike[str], limit: int) -> BoundedFile:
    return BoundedFile(path, limit)


def create_exclusive(target: Path, ending: str = "tmp", mode: int = 0o666) -> tuple[Path, int]:
    """A new file beside ``target`` named ``.<name>.<random>.<ending>``, opened for writing with ``O_EXCL``.

    ``O_EXCL`` never follows a symlink at the name, and the name is not predictable: nothing planted beside the
    target can make newsdesk write elsewhere.  Returns the path and the open descriptor.
    """
    for _attempt in range(TEMP_ATTEMPTS):
        temp = temp_name(target, ending)
        try:
            return temp, os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), mode)
        except FileExistsError:
            continue
    raise FileExistsError(f"{target}: could not create a temporary file beside it ({TEMP_ATTEMPTS} names taken)")


def temp_name(target: Path, ending: str) -> Path:
    """A hidden, unpredictable name beside ``target`` (create it exclusively: see :func:`create_exclusive`)."""
    return target.with_name(f".{target.name}.{secrets.token_hex(8)}.{ending}")


def write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def fsync_dir(folder: Path) -> None:
    """Make a create / rename / unlink inside ``folder`` durable."""
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
