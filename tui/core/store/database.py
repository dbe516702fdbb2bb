"""The annotation store: the one object that owns the TinyDB file of actor / stance tags.

Design
------
* Every tag and every meta value live in memory: a dict of tags by id plus indexes by article id and by
  article path, so a keypress never waits on TinyDB's ``Table`` (which rebuilds the whole table dict on
  each write) nor on rewriting the JSON file (which TinyDB's ``JSONStorage`` does on each write).
* A change is saved by appending one JSON line to ``<db>.journal`` and fsync'ing it (a fraction of a
  millisecond) before the call returns; only then is it applied in memory.  One user action is one line,
  so a crash never keeps half of it, and a torn last line is ignored.
* Opening reads the TinyDB JSON snapshot (through :class:`~tui.core.store.journal.AtomicJSONStorage`) and
  replays the journal lines whose ``seq`` is newer than the ``journal_seq`` the snapshot records — so a
  crash between writing a snapshot and deleting the journal never applies a change twice.  A journal line
  that is damaged (anything but a torn last line) refuses the open for writing (:class:`JournalDamaged`) and
  leaves the journal byte for byte as it is; a read-only open leaves such lines out and says so
  (:meth:`AnnotationStore.journal_warning`).
* Compaction writes the whole state as a new snapshot (temp file, fsync, ``os.replace``, fsync of the
  folder) in TinyDB's layout (:mod:`~tui.core.store.snapshot`), then deletes the journal; it runs on close
  and whenever the journal passes ``COMPACT_AFTER_RECORDS`` lines or ``COMPACT_AFTER_BYTES``.  When it fails
  (disk full, folder read-only) it raises :class:`CompactionFailed`: every change is still in the journal.
  After a clean close the JSON file alone holds everything: ``TinyDB(path).table("annotations").all()``
  lists every tag.  Undo and redo stacks (:mod:`~tui.core.store.history`) are saved the same way, so undo
  survives a restart.
* A database path that is a symlink stays one: the snapshot replaces the file it points to, and the journal and
  lock live beside that file, so every path to one database shares them.
* One writer: ``<db>.lock`` is ``flock``-ed (see :class:`~tui.core.store.journal.WriterLock`); others get
  :class:`StoreLocked` or open ``read_only=True`` (no lock, never writes).  A database that does not parse
  or has a newer schema raises :class:`StoreError` and is left untouched.

Tags are plain dicts, treated as immutable inside the store (a change replaces the dict), and copies are
handed out.  The store is not thread-safe; the app calls it from its one UI thread.
"""

from __future__ import annotations

import uuid
from collections import Counter
from pathlib import Path
from typing import Any, Iterator

from tui.core.store.anchoring import reattach, selector
from tui.core.store.defaults import UNSET, default_annotator, default_db_path, utc_now
from tui.core.store.hand_edits import HandEdits
from tui.core.store.history import apply_history, plan_step
from tui.core.store.journal import (
    AtomicJSONStorage,
    CompactionFailed,
    Journal,
    JournalContents,
    JournalDamaged,
    StoreError,
    StoreLocked,
    WriterLock,
    file_identity,
    read_journal,
    real_path,
)
from tui.core.store.snapshot import SCHEMA_VERSION, read_snapshot, snapshot_data
from tui.core.text import one_line

__all__ = ["AnnotationStore", "StoreError", "StoreLocked", "CompactionFailed", "JournalDamaged", "UNSET",
           "SCHEMA_VERSION", "default_db_path", "default_annotator"]

MAX_HISTORY = 200  # undo steps kept per annotator
COMPACT_AFTER_RECORDS = 20_000
COMPACT_AFTER_BYTES = 32 * 1024 * 1024


class AnnotationStore(HandEdits):
    """Tags of statements by actor and stance, durable as soon as a call returns.  Use :meth:`open`."""

    def __init__(self, path: Path, annotator: str, read_only: bool) -> None:
        self.path = path
        self.annotator = annotator
        self.read_only = read_only
        self.real_path = real_path(path)  # the file itself when ``path`` is a symlink: written, locked there
        self.journal_path = self.real_path.with_name(self.real_path.name + ".journal")
        self.lock_path = self.real_path.with_name(self.real_path.name + ".lock")
        self._storage = AtomicJSONStorage(self.real_path, read_only=read_only, shown=path)
        self._journal = Journal(self.journal_path)
        self._lock = WriterLock(self.lock_path, path)
        self._closed = False
        self._reset_state()

    def _reset_state(self) -> None:
        self._docs: dict[str, dict] = {}
        self._by_article: dict[str, dict[str, dict]] = {}
        self._by_path: dict[str, set[str]] | None = None  # built on the first reanchor, to open faster
        self._annotators: Counter[str] | None = None  # built on the first annotators() call
        self._meta: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
        self._history: dict[str, dict[str, list]] = {}
        self._other_tables: dict[str, Any] = {}
        self._seq = 0
        self._dirty = False  # the snapshot file does not hold the current state
        self.journal_damage: list[tuple[int, str]] = []  # (line, why) of journal lines a read-only open left out

    # ----------------------------------------------------------------- opening and closing
    @classmethod
    def open(cls, path: Path | str | None = None, *, annotator: str | None = None, read_only: bool = False,
             codebook: dict | None = None) -> "AnnotationStore":
        """Open (or start) the database at ``path`` (default :func:`default_db_path`) for ``annotator``."""
        store = cls(Path(path) if path is not None else default_db_path(), default_annotator(annotator),
                    read_only)
        try:
            if read_only:
                store._load_consistent_snapshot()
                return store
            store._lock.acquire()
            try:
                store._load()
                if codebook is not None and store._meta.get("codebook") != codebook:
                    store.set_meta("codebook", codebook)
                if store._journal.records >= COMPACT_AFTER_RECORDS or store._journal.bytes >= COMPACT_AFTER_BYTES:
                    try:
                        store.compact()
                    except CompactionFailed:
                        pass  # the journal holds everything; compaction is tried again later
            except BaseException:
                store._journal.close()
                store._lock.release()
                raise
        except OSError as exc:
            raise StoreError(one_line(f"{store.path}: cannot open ({exc.strerror or exc})")) from exc
        return store

    def close(self) -> None:
        """Compact into the JSON file (if anything changed) and release the lock.  Safe to call twice."""
        if self._closed:
            return
        try:
            if not self.read_only and self._dirty:
                self.compact()
        finally:
            self._closed = True
            self._journal.close()
            if not self.read_only:
                self._lock.release()

    def __enter__(self) -> "AnnotationStore":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def journal_warning(self) -> str | None:
        """One line saying which journal lines could not be read (read-only opens only), or None."""
        if not self.journal_damage:
            return None
        count = len(self.journal_damage)
        contents = JournalContents(damaged=self.journal_damage)
        return one_line(f"{self.journal_path}: {count} line{'s' if count > 1 else ''} could not be read and "
                        f"{'are' if count > 1 else 'is'} left out: {contents.damage_summary()}")

    def _load(self) -> None:
        snapshot = self._storage.read() or {}
        self._load_snapshot(snapshot)
        if not self.read_only and self.journal_path.is_symlink():
            raise StoreError(one_line(f"{self.journal_path}: is a symbolic link; newsdesk writes its journal "
                                      f"only as a plain file"))
        journal = read_journal(self.journal_path, self.journal_path)
        if journal.damaged and not self.read_only:
            raise JournalDamaged(one_line(
                f"{self.journal_path}: {journal.damage_summary()}: the journal is not as it was written, so "
                f"{self.path} is not opened for writing and the journal is left as it is; open it read-only "
                f"(--read-only) to read the rest, or move the journal aside to go back to the last snapshot"))
        if journal.exists:
            self._dirty = True  # even an empty journal is to be folded in and removed on close
        self.journal_damage = journal.damaged
        for record in journal.records:
            if record["seq"] > self._seq:
                self._apply(record)
                self._seq = record["seq"]
        if not self.read_only:
            self._storage.remove_stale_temp_files()
            self._journal.cut_torn_tail(journal.good_bytes, journal.total_bytes)
            self._journal.records = len(journal.records)
            self._journal.bytes = journal.good_bytes

    def _load_consistent_snapshot(self) -> None:
        """Read-only open without the lock: retry if a writer compacted while we were reading."""
        for _attempt in range(10):
            before = file_identity(self.real_path)
            self._reset_state()
            self._load()
            if file_identity(self.real_path) == before:
                return
        raise StoreError(one_line(f"{self.path}: changing too fast to read; try again"))

    def _load_snapshot(self, data: dict[str, Any]) -> None:
        loaded = read_snapshot(data, self.path)
        self._meta.update(loaded.meta)
        self._seq = loaded.seq
        self._docs, self._by_article = loaded.docs, loaded.by_article
        self._history, self._other_tables = loaded.history, loaded.other_tables

    def compact(self) -> None:
        """Write the whole state into the TinyDB JSON file atomically and drop the journal."""
        self._check_writable()
        data = snapshot_data(self._meta, self._seq, self._docs, self._history, self._other_tables)
        try:
            self._storage.write(data)
            self._journal.remove()
        except (OSError, ValueError, RecursionError) as exc:
            reason = getattr(exc, "strerror", None) or exc
            raise CompactionFailed(one_line(f"{self.path}: could not write the snapshot ({reason}); every change "
                                            f"is safe in {self.journal_path}")) from exc
        self._dirty = False

    # ----------------------------------------------------------------- reading
    def tags_for(self, article_id: str) -> list[dict]:
        """Every annotator's tags on this article version, sorted by start (then end, annotator)."""
        tags = self._by_article.get(article_id, {}).values()
        return [dict(t) for t in sorted(tags, key=lambda t: (t["start"], t["end"], t["annotator"]))]

    def tags_in(self, article_id: str, start: int, end: int, *, annotator: str | None = None,
                overlapping: bool = False) -> list[dict]:
        """The tags of a statement ``[start, end)`` with its parts: every tag whose span lies inside it (the
        statement itself, a quote or one claim tagged within it), or with ``overlapping=True`` every tag that
        shares a character with it.  Only ``annotator``'s when given.  Sorted by start, longer spans first.
        """
        found = [doc for doc in self._by_article.get(article_id, {}).values()
                 if (annotator is None or doc["annotator"] == annotator)
                 and ((doc["start"] < end and doc["end"] > start) if overlapping
                      else (start <= doc["start"] and doc["end"] <= end))]
        return [dict(t) for t in sorted(found, key=lambda t: (t["start"], -t["end"], t["annotator"]))]

    def all_tags(self) -> Iterator[dict]:
        return (dict(doc) for doc in list(self._docs.values()))

    def count(self) -> int:
        return len(self._docs)

    def annotators(self) -> list[str]:
        """Everyone with a tag here, sorted (kept up to date after the first call)."""
        if self._annotators is None:
            self._annotators = Counter(doc["annotator"] for doc in self._docs.values())
        return sorted(self._annotators)

    def get_meta(self, key: str, default: Any = None) -> Any:
        return self._meta.get(key, default)

    def set_meta(self, key: str, value: Any) -> None:
        """Save a JSON value under ``key`` (e.g. "codebook"); durable on return, not undoable."""
        self._check_writable()
        if self._meta.get(key, UNSET) != value:
            self._commit({"meta": {key: value}})

    def get_session(self) -> dict:
        """This annotator's saved session state (e.g. last article id and statement id)."""
        return dict(self._meta.get(f"session:{self.annotator}") or {})

    def set_session(self, **state: Any) -> None:
        self.set_meta(f"session:{self.annotator}", {**self.get_session(), **state})

    # ----------------------------------------------------------------- tagging
    def set_tag(self, *, article_id: str, article_path: str, text: str, start: int, end: int,
                actor: Any = UNSET, stance: Any = UNSET, note: Any = UNSET, suggested: Any = UNSET,
                annotator: str | None = None) -> dict:
        """Create this annotator's tag on ``text[start:end]`` or change only the fields given; returns it.

        The span is any non-empty part of the text: a whole statement, or a part of one (its quote, one of two
        claims in it).  A tag is identified by its exact span and annotator, so one annotator may hold several
        tags on different spans of one statement (see :meth:`tags_in`); each keeps its quote, prefix and
        suffix and is re-anchored on its own when the text changes.  ``annotator`` tags in another name (e.g. "adjudicated"); the step still goes on this annotator's undo
        stack.  A call that changes nothing writes nothing and leaves ``updated`` alone.
        """
        annotator = annotator or self.annotator
        self._check_writable()
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            raise ValueError(f"span [{start}, {end}) is not inside a text of {len(text)} characters")
        given = {name: value for name, value in
                 (("actor", actor), ("stance", stance), ("note", note), ("suggested", suggested))
                 if value is not UNSET}
        if "suggested" in given:
            given["suggested"] = bool(given["suggested"])
        before = self._find(article_id, start, end, annotator)
        now = utc_now()
        if before is None:
            after = {"id": uuid.uuid4().hex, "article_id": article_id, "article_path": str(article_path),
                     "start": start, "end": end, **selector(text, start, end),
                     "actor": None, "stance": None, "note": None, "annotator": annotator,
                     "created": now, "updated": now, "suggested": False, "orphan": False}
            after.update(given)
        else:
            given["article_path"] = str(article_path)  # the file may have moved since
            if all(before.get(name) == value for name, value in given.items()):
                return dict(before)
            after = {**before, **given, "updated": now}
        self._commit({"put": [after], "hist": {"who": self.annotator, "do": "push",
                                               "entry": {"changes": [{"before": before, "after": after}]}}})
        return dict(after)

    def clear(self, article_id: str, start: int, end: int, annotator: str | None = None) -> list[dict]:
        """Remove this annotator's (or ``annotator``'s) tag(s) on exactly that span; returns what was removed."""
        self._check_writable()
        annotator = annotator or self.annotator
        removed = [doc for doc in self._by_article.get(article_id, {}).values()
                   if doc["start"] == start and doc["end"] == end and doc["annotator"] == annotator]
        if removed:
            changes = [{"before": doc, "after": None} for doc in removed]
            self._commit({"del": [doc["id"] for doc in removed],
                          "hist": {"who": self.annotator, "do": "push", "entry": {"changes": changes}}})
        return [dict(doc) for doc in removed]

    def undo(self) -> dict | None:
        """Take back this annotator's last set_tag / clear (any article, any session).

        Returns ``{"action": "undo", "article_id", "article_path", "start", "end", "tags"}`` (where the change
        was, and the tags now on that span) or ``None`` when there is nothing to undo.
        """
        return self._step("undo")

    def redo(self) -> dict | None:
        return self._step("redo")

    def can_undo(self) -> bool:
        return bool(self._history.get(self.annotator, {}).get("undo"))

    def can_redo(self) -> bool:
        return bool(self._history.get(self.annotator, {}).get("redo"))

    def _step(self, direction: str) -> dict | None:
        self._check_writable()
        stack = self._history.get(self.annotator, {}).get(direction)
        if not stack:
            return None
        step = plan_step(stack[-1], direction, self._docs, utc_now())
        self._commit({"put": step.puts, "del": step.deletes,
                      "hist": {"who": self.annotator, "do": direction, "entry": step.moved_entry}})
        where = step.places[0]
        return {"action": direction, "article_id": where["article_id"], "article_path": where.get("article_path"),
                "start": where["start"], "end": where["end"],
                "tags": [dict(doc) for doc in self._by_article.get(where["article_id"], {}).values()
                         if doc["start"] == where["start"] and doc["end"] == where["end"]]}

    def add_tags(self, docs: list[dict]) -> tuple[int, int, int]:
        """Bring in whole tag documents (import, merge) in one durable step; not undoable.

        A tag whose id, or whose span and annotator, is already here replaces it only when its ``updated``
        is later.  Returns ``(added, replaced, unchanged)``.  Callers check the documents first.
        """
        self._check_writable()
        fresh: dict[str, dict] = {}
        by_span: dict[tuple, str] = {}
        added = replaced = unchanged = 0
        for doc in docs:
            span = (doc["article_id"], doc["start"], doc["end"], doc["annotator"])
            old = (fresh.get(doc["id"]) or fresh.get(by_span.get(span, "")) or self._docs.get(doc["id"])
                   or self._find(*span))
            if old is not None and str(old.get("updated") or "") >= str(doc.get("updated") or ""):
                unchanged += 1
                continue
            if old is not None:
                doc = {**doc, "id": old["id"]}
            replaced += old is not None
            added += old is None
            fresh[doc["id"]] = dict(doc)
            by_span[span] = doc["id"]
        if fresh:
            self._commit({"put": list(fresh.values())})
        return added, replaced, unchanged

    # ----------------------------------------------------------------- re-anchoring
    def reanchor(self, article_id: str, article_path: str, text: str) -> tuple[list[dict], list[dict]]:
        """Re-attach tags to ``text``, the current version of the article at ``article_path``.

        Looks at tags of this article id whose quote no longer matches, and at tags of this path saved
        under another article id (the text changed since tagging).  Returns ``(placed, orphans)``: placed
        tags now carry the new article_id / start / end / quote / prefix / suffix; orphans could not be
        found, keep their old anchor, get ``orphan=True`` and stay in the database.  Tags already in place
        are in neither list.  On a read-only store the result is computed but nothing is saved.
        """
        article_path = str(article_path)
        candidates = list(self._by_article.get(article_id, {}).values())
        if self._by_path is None:
            self._by_path = {}
            for doc in self._docs.values():
                self._by_path.setdefault(doc.get("article_path") or "", set()).add(doc["id"])
        candidates += [self._docs[uid] for uid in self._by_path.get(article_path, ())
                       if self._docs[uid]["article_id"] != article_id]
        placed, orphans = reattach(candidates, article_id, article_path, text, utc_now())
        changed = placed + [doc for doc in orphans if self._docs.get(doc["id"]) is not doc]
        if changed and not self.read_only:
            self._commit({"put": changed})
        return [dict(doc) for doc in placed], [dict(doc) for doc in orphans]

    # ----------------------------------------------------------------- internals
    def _check_writable(self) -> None:
        if self._closed:
            raise StoreError(one_line(f"{self.path}: the store is closed"))
        if self.read_only:
            raise StoreError(one_line(f"{self.path}: opened read-only"))

    def _find(self, article_id: str, start: int, end: int, annotator: str) -> dict | None:
        for doc in self._by_article.get(article_id, {}).values():
            if doc["start"] == start and doc["end"] == end and doc["annotator"] == annotator:
                return doc
        return None

    def _commit(self, record: dict[str, Any]) -> None:
        """Make ``record`` durable in the journal, then apply it in memory."""
        record = {"seq": self._seq + 1, **{k: v for k, v in record.items() if v}}
        try:
            self._journal.append(record)  # raises before anything changes if the disk refuses
        except OSError as exc:
            raise StoreError(one_line(f"{self.path}: could not save ({exc.strerror or exc})")) from exc
        except (ValueError, RecursionError) as exc:  # a value JSON cannot hold (nested too deeply ...)
            raise StoreError(one_line(f"{self.path}: could not save ({exc})")) from exc
        self._seq = record["seq"]
        self._dirty = True
        self._apply(record)
        if self._journal.records >= COMPACT_AFTER_RECORDS or self._journal.bytes >= COMPACT_AFTER_BYTES:
            try:
                self.compact()
            except StoreError:
                pass  # the change is safe in the journal; compaction is tried again on the next change

    def _apply(self, record: dict[str, Any]) -> None:
        for doc in record.get("put", ()):
            self._put(doc)
        for uid in record.get("del", ()):
            self._delete(uid)
        for key, value in record.get("meta", {}).items():
            self._meta[key] = value
        if "hist" in record:
            apply_history(self._history, record["hist"], MAX_HISTORY)

    def _put(self, doc: dict) -> None:
        uid = doc["id"]
        old = self._docs.get(uid)
        if old is not None:
            self._unindex(old)
        self._docs[uid] = doc
        self._by_article.setdefault(doc["article_id"], {})[uid] = doc
        if self._annotators is not None:
            self._annotators[doc["annotator"]] += 1
        if self._by_path is not None:
            self._by_path.setdefault(doc.get("article_path") or "", set()).add(uid)

    def _delete(self, uid: str) -> None:
        old = self._docs.pop(uid, None)
        if old is not None:
            self._unindex(old)

    def _unindex(self, doc: dict) -> None:
        uid, article_id, path = doc["id"], doc["article_id"], doc.get("article_path") or ""
        article = self._by_article.get(article_id, {})
        article.pop(uid, None)
        if not article:
            self._by_article.pop(article_id, None)
        if self._annotators is not None:
            self._annotators[doc["annotator"]] -= 1
            if self._annotators[doc["annotator"]] <= 0:
                del self._annotators[doc["annotator"]]
        if self._by_path is not None:
            paths = self._by_path.get(path, set())
            paths.discard(uid)
            if not paths:
                self._by_path.pop(path, None)
