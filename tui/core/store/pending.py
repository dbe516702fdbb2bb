"""Changes the disk refused, kept in memory and tried again: nothing a person tagged is lost to a full disk.

The app saves through a :class:`SaveQueue`.  When the store cannot write (disk full, the database folder made
read-only, a network drive gone), the change waits here in order; later changes wait behind it so they land in
the order they were made.  :meth:`SaveQueue.retry` (the app calls it on a timer and before quitting) writes
what it can.  If the app must quit while changes still wait, :meth:`SaveQueue.rescue` writes them as tag
documents, one JSON object a line, to a file that ``newsdesk import`` reads.

The store itself never replaces a good file with a bad one: a failed journal append is truncated back and
raises before anything changes in memory, and a snapshot is written to a temporary file and renamed.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui.core.jsonio import json_safe
from tui.core.store.anchoring import selector
from tui.core.store.database import AnnotationStore, StoreError
from tui.core.store.defaults import rescue_folders, utc_now

TAG_FIELDS = ("actor", "stance", "note", "suggested")


@dataclass(slots=True)
class Waiting:
    """One change the store has not taken yet: a set_tag (``fields``) or a clear (``clear=True``)."""

    article_id: str
    article_path: str
    text: str
    start: int
    end: int
    fields: dict[str, Any] = field(default_factory=dict)
    clear: bool = False
    made: str = field(default_factory=utc_now)


class SaveQueue:
    """Saves through ``store``; what the store refuses waits in :attr:`waiting` until :meth:`retry` succeeds."""

    def __init__(self, store: AnnotationStore) -> None:
        self.store = store
        self.waiting: list[Waiting] = []
        self.last_error: str | None = None

    @property
    def pending(self) -> int:
        return len(self.waiting)

    def set_tag(self, *, article_id: str, article_path: str, text: str, start: int, end: int,
                **fields: Any) -> bool:
        """True when saved now; False when it waits (see :attr:`last_error`).  Bad spans raise ValueError."""
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            raise ValueError(f"span [{start}, {end}) is not inside a text of {len(text)} characters")
        return self._submit(Waiting(article_id, str(article_path), text, start, end, dict(fields)))

    def clear(self, *, article_id: str, article_path: str, text: str, start: int, end: int) -> bool:
        return self._submit(Waiting(article_id, str(article_path), text, start, end, clear=True))

    def _submit(self, change: Waiting) -> bool:
        self.waiting.append(change)
        return self.retry()

    def retry(self) -> bool:
        """Write waiting changes in order, stopping at the first refusal; True when none wait."""
        while self.waiting:
            change = self.waiting[0]
            try:
                if change.clear:
                    self.store.clear(change.article_id, change.start, change.end)
                else:
                    self.store.set_tag(article_id=change.article_id, article_path=change.article_path,
                                       text=change.text, start=change.start, end=change.end, **change.fields)
            except (StoreError, OSError) as exc:
                self.last_error = str(exc)
                return False
            self.waiting.pop(0)
        self.last_error = None
        return True

    def overlay(self, article_id: str) -> dict[tuple[int, int], dict[str, Any] | None]:
        """What waits for this article, by span: the fields as they will be, or None for a clear."""
        result: dict[tuple[int, int], dict[str, Any] | None] = {}
        for change in self.waiting:
            if change.article_id == article_id and change.fields.get("annotator") in (None, self.store.annotator):
                span = (change.start, change.end)
                result[span] = None if change.clear else {**(result.get(span) or {}), **change.fields}
        return result

    def rescue(self, folder: Path | None = None) -> Path | None:
        """Write the waiting tags as tag documents (JSONL, importable) and return the file; None if nothing waits.

        Tries ``folder``, then the user data folder, the temporary folder and the home folder
        (:func:`~tui.core.store.defaults.rescue_folders`).  Clears cannot be written as tags and
        are listed as ``{"cleared": ...}`` lines for a person to read.
        """
        if not self.waiting:
            return None
        lines = [json_safe(json.dumps(doc, ensure_ascii=False)) for doc in self._documents()]  # always UTF-8
        name = f"newsdesk-unsaved-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.jsonl"
        for place in rescue_folders(folder):
            target = place / name
            try:
                place.mkdir(parents=True, exist_ok=True)
                with open(target, "x", encoding="utf-8") as handle:
                    handle.write("\n".join(lines) + "\n")
                    handle.flush()
                    os.fsync(handle.fileno())
            except OSError:
                continue
            return target
        return None

    def _documents(self) -> list[dict[str, Any]]:
        """The waiting changes folded into whole tag documents, as the store would have saved them."""
        docs: dict[tuple[str, int, int, str], dict[str, Any]] = {}
        for change in self.waiting:
            who = change.fields.get("annotator") or self.store.annotator  # "adjudicated" for verdicts
            key = (change.article_id, change.start, change.end, who)
            if change.clear:
                docs[key] = {"cleared": {"article_id": change.article_id, "article_path": change.article_path,
                                         "start": change.start, "end": change.end, "annotator": who}}
                continue
            base = docs.get(key)
            if base is None or "cleared" in base:
                saved = next((t for t in self.store.tags_for(change.article_id)
                              if (t["start"], t["end"]) == (change.start, change.end) and t["annotator"] == who),
                             None)
                base = saved or {"id": uuid.uuid4().hex, "article_id": change.article_id,
                                 "article_path": change.article_path, "start": change.start, "end": change.end,
                                 **selector(change.text, change.start, change.end), "actor": None, "stance": None,
                                 "note": None, "annotator": who, "created": change.made, "suggested": False,
                                 "orphan": False}
            docs[key] = {**base, **{k: v for k, v in change.fields.items() if k in TAG_FIELDS},
                         "updated": change.made}
        return list(docs.values())
