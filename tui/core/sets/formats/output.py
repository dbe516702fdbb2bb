"""Writing an export safely: every file (or the whole folder) is complete on disk under a temporary name
beside the target before it is renamed into place, so a failure leaves the old target or nothing.  An existing
target is replaced only with ``force``; without it, a target that appears meanwhile is not overwritten either.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from tui.core.files import create_exclusive, fsync_dir
from tui.core.files import temp_name as _temp_name
from tui.core.sets.formats.base import AnnotationSetError

Progress = Callable[[int, int], None]
SYNC_ALL_AFTER = 64  # files in a folder export past which one system-wide sync is cheaper


class Meter:
    """Counts units of work and reports ``progress(done, total)`` about 200 times in all."""

    def __init__(self, total: int, report: Progress | None) -> None:
        self.done, self.total, self.report = 0, total, report
        self.step = max(1, total // 200)
        self.last = -self.step

    def tick(self, count: int = 1) -> None:
        self.done += count
        if self.report is not None and (self.done - self.last >= self.step or self.done >= self.total):
            self.last = self.done
            self.report(min(self.done, self.total), self.total)


def write_files(fills: list[tuple[Path, Callable[[TextIO], None], str]], force: bool) -> list[Path]:
    """Write every file to a temporary name first; only when all are complete, move them into place."""
    temps: list[Path] = []
    try:
        for target, fill, encoding in fills:
            target.parent.mkdir(parents=True, exist_ok=True)
            temp, fd = create_exclusive(target, "tmp")
            temps.append(temp)
            with open(fd, "w", encoding=encoding, newline="") as handle:
                fill(handle)
                handle.flush()
                os.fsync(handle.fileno())
        for (target, _fill, _encoding), temp in zip(fills, temps):
            move_into_place(temp, target, force)
        for folder in {target.parent for target, _fill, _encoding in fills}:
            fsync_dir(folder)
    finally:
        for temp in temps:
            temp.unlink(missing_ok=True)
    return [target for target, _fill, _encoding in fills]


def move_into_place(temp: Path, target: Path, force: bool) -> None:
    if force:
        os.replace(temp, target)
        return
    try:
        os.link(temp, target)  # fails if the target appeared meanwhile: never replaces without --force
    except FileExistsError:
        raise AnnotationSetError(f"{target}: already exists (add --force to replace it)") from None
    except OSError:  # a file system without hard links
        if target.exists() or target.is_symlink():
            raise AnnotationSetError(f"{target}: already exists (add --force to replace it)") from None
        os.replace(temp, target)


def _make_durable(files: list[Path], top: Path) -> None:
    """Every file and folder on disk before the rename; one ``sync`` beats thousands of ``fsync`` calls."""
    if len(files) > SYNC_ALL_AFTER and hasattr(os, "sync"):
        os.sync()
        return
    for path in files:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    for folder in {path.parent for path in files} | {top}:
        fsync_dir(folder)


def write_folder(target: Path, fill: Callable[[Path], list[Path]], force: bool) -> list[Path]:
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = _temp_name(target, "tmp")
    os.mkdir(temp, 0o777)
    try:
        files = fill(temp)
        _make_durable(files, temp)
        if target.exists() or target.is_symlink():
            if not force:
                raise AnnotationSetError(f"{target}: already exists (add --force to replace it)")
            old = _temp_name(target, "old")
            os.rename(target, old)
            try:
                os.rename(temp, target)
            except BaseException:
                os.rename(old, target)
                raise
            shutil.rmtree(old) if old.is_dir() and not old.is_symlink() else old.unlink()
        else:
            os.rename(temp, target)
        fsync_dir(target.parent)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    return [target / path.relative_to(temp) for path in files]
