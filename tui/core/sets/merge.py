"""Merge several annotators' databases into one.

Every input is opened read-only (its journal is seen too, so a database the app is writing can be merged) and read
whole before anything is written.  The tags go into a new store at a hidden temporary path beside the output in
one :meth:`~tui.core.store.AnnotationStore.add_tags` step, which drops duplicates: the same tag id, or the same
statement and annotator, keeps the copy with the later ``updated``.  Different annotators' tags on one statement
stay side by side.  The first input's codebook is kept (a warning names the files whose codebook differs).
Closing the store compacts it into a plain TinyDB file, which then replaces the output with ``os.replace``: the
output is either untouched or complete, and the temporary store's journal and lock files are removed.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

from tui.core.files import fsync_dir
from tui.core.store.database import AnnotationStore
from tui.core.store.defaults import database_problem
from tui.core.store.journal import StoreError, StoreLocked, WriterLock
from tui.core.text import one_line

TAG_FIELDS: dict[str, tuple[type, ...]] = {
    "id": (str,), "article_id": (str,), "start": (int,), "end": (int,), "annotator": (str,),
    "article_path": (str, type(None)), "quote": (str, type(None)), "actor": (str, type(None)),
    "stance": (str, type(None)), "note": (str, type(None)), "created": (str, type(None)),
    "updated": (str, type(None)),
}


class MergeError(Exception):
    """The merge cannot go ahead; the message is one line naming the file.  Nothing was written."""


@dataclass
class MergeResult:
    inputs: list[str]
    out: str
    tags_in: int
    tags_out: int
    duplicates_dropped: int
    annotators: list[str]
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        who = ", ".join(self.annotators) or "none"
        return (f"merged {len(self.inputs)} file(s) into {self.out}: {self.tags_in} tags in, {self.tags_out} tags "
                f"out, {self.duplicates_dropped} duplicates dropped; annotators: {who}")


def merge_databases(inputs: Sequence[str | os.PathLike[str]], out: str | os.PathLike[str],
                    force: bool = False) -> MergeResult:
    """Write ``out``, one database holding every input's tags without duplicates; raises :class:`MergeError`."""
    paths = [Path(p) for p in inputs]
    out_path = Path(out)
    _check_output(paths, out_path, force)
    docs: list[dict] = []
    codebooks: list[tuple[Path, Any]] = []
    warnings: list[str] = []
    for path in paths:
        tags, codebook, unreadable = _read_input(path)
        docs.extend(tags)
        if codebook is not None:
            codebooks.append((path, codebook))
        if unreadable:
            warnings.append(unreadable)
    kept = codebooks[0][1] if codebooks else None
    differing = [str(path) for path, codebook in codebooks[1:] if codebook != kept]
    if differing:
        warnings.append(one_line(f"codebooks differ: kept the one of {codebooks[0][0]}; "
                                 f"{', '.join(differing)} had another"))
    tags_out, annotators = _write(out_path, docs, kept, force)
    return MergeResult([str(p) for p in paths], str(out_path), len(docs), tags_out, len(docs) - tags_out,
                       annotators, warnings)


def _check_output(inputs: list[Path], out: Path, force: bool) -> None:
    if not inputs:
        raise MergeError("merge: no input databases given")
    for path in inputs:
        if _same_file(path, out):
            raise MergeError(f"{out}: the output is also an input; write the merge to a new file")
    if out.is_dir():
        raise MergeError(f"{out}: is a folder, expected a database file")
    journal = out.with_name(out.name + ".journal")
    if (out.exists() or journal.exists()) and not force:
        raise MergeError(f"{out}: already exists; use --force to replace it")


def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return a.resolve() == b.resolve()


def _read_input(path: Path) -> tuple[list[dict], Any, str | None]:
    """The input's tags, its codebook, and what of its journal could not be read (None when all could)."""
    if problem := database_problem(path):
        raise MergeError(problem)
    try:
        with AnnotationStore.open(path, annotator="merge", read_only=True) as store:
            tags = list(store.all_tags())
            codebook = store.get_meta("codebook")
            unreadable = store.journal_warning()
    except StoreError as exc:
        raise MergeError(str(exc)) from None
    for tag in tags:
        problem = tag_problem(tag)
        if problem:
            raise MergeError(one_line(f"{path}: tag {tag.get('id')!r} {problem}"))
    return tags, codebook, unreadable


def tag_problem(tag: dict) -> str | None:
    """What is wrong with a tag document, or ``None`` if it can be merged."""
    for name, kinds in TAG_FIELDS.items():
        value = tag.get(name)
        if not isinstance(value, kinds) or (kinds[0] is int and isinstance(value, bool)):
            return f"has no valid {name}" if name not in tag or value is None else f"has an invalid {name}"
    if not 0 <= tag["start"] < tag["end"]:
        return f"has an empty or negative span [{tag['start']}, {tag['end']})"
    return None


def _write(out: Path, docs: list[dict], codebook: Any, force: bool) -> tuple[int, list[str]]:
    """Build the merged store beside ``out`` and move it into place; clean up whatever happens.

    When an existing ``out`` is replaced, its writer lock is held throughout (so a database open in the app is
    refused, not pulled from under it) and its journal is deleted before the new snapshot lands: left behind, it
    would be replayed onto the merge at the next open.
    """
    journal = out.with_name(out.name + ".journal")
    replacing = force and (out.exists() or journal.exists())
    lock = WriterLock(out.with_name(out.name + ".lock"), out) if replacing else None
    temp = out.with_name(f".{out.name}.merge-{uuid.uuid4().hex[:12]}")
    leftovers = [temp, temp.with_name(temp.name + ".journal"), temp.with_name(temp.name + ".lock")]
    try:
        if lock is not None:
            lock.acquire()
        with AnnotationStore.open(temp, annotator="merge") as store:
            store.add_tags(docs)
            if codebook is not None:
                store.set_meta("codebook", codebook)
            count, annotators = store.count(), store.annotators()
            store.compact()  # the snapshot file is written even when nothing was added: empty inputs merge too
        if replacing:
            journal.unlink(missing_ok=True)
        os.replace(temp, out)
        fsync_dir(out.parent)
    except StoreLocked as exc:
        raise MergeError(str(exc)) from None
    except (StoreError, OSError) as exc:
        raise MergeError(one_line(f"{out}: could not write the merge ({_reason(exc)})")) from None
    finally:
        if lock is not None:
            lock.release()
        for leftover in leftovers:
            try:
                leftover.unlink(missing_ok=True)
            except OSError:
                pass  # best effort: a hidden leftover is harmless, raising here would hide the real error
    return count, annotators


def _reason(exc: Exception) -> str:
    return getattr(exc, "strerror", None) or str(exc)
