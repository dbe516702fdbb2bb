"""Changes an annotator makes by hand to tags the store could not place itself (orphans) and to the codebook kept
in the database. Mixed into :class:`~tui.core.store.database.AnnotationStore`: each is one journal record, and
the tag changes are one undoable step."""

from __future__ import annotations

import uuid
from typing import Any

from tui.core.store.anchoring import selector
from tui.core.store.defaults import utc_now
from tui.core.text import one_line


class HandEdits:
    """Uses the store's ``_docs``, ``_find``, ``_commit``, ``_check_writable``, ``annotator`` and meta."""

    _docs: dict[str, dict]
    annotator: str

    def reattach_orphan(self, tag_id: str, *, article_id: str, article_path: str, text: str, start: int,
                        end: int) -> dict:
        """Place the orphan ``tag_id`` on ``text[start:end]`` (the annotator says where it belongs now); returns
        the placed tag. One undoable step removes the orphan and adds a placed copy under a new id, so undo
        brings the orphan back whole, where it was (undoing a change in place would keep the new anchor)."""
        self._check_writable()  # type: ignore[attr-defined]
        orphan = self._docs.get(tag_id)
        if orphan is None:
            raise ValueError("that tag is no longer in the database")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            raise ValueError(f"span [{start}, {end}) is not inside a text of {len(text)} characters")
        if self._find(article_id, start, end, orphan["annotator"]) is not None:  # type: ignore[attr-defined]
            raise ValueError(f"{one_line(orphan['annotator'])} already has a tag on that statement")
        placed = {**orphan, "id": uuid.uuid4().hex, "article_id": article_id, "article_path": str(article_path),
                  "start": start, "end": end, **selector(text, start, end), "orphan": False, "updated": utc_now()}
        self._push({"put": [placed], "del": [tag_id]},
                   [{"before": orphan, "after": None}, {"before": None, "after": placed}])
        return dict(placed)

    def delete_tag(self, tag_id: str) -> dict | None:
        """Remove one tag by id (an orphan, whoever tagged it); undoable; returns what was removed."""
        self._check_writable()  # type: ignore[attr-defined]
        doc = self._docs.get(tag_id)
        if doc is not None:
            self._push({"del": [tag_id]}, [{"before": doc, "after": None}])
        return dict(doc) if doc is not None else None

    def _push(self, record: dict[str, Any], changes: list[dict]) -> None:
        self._commit({**record, "hist": {"who": self.annotator, "do": "push",  # type: ignore[attr-defined]
                                         "entry": {"changes": changes}}})
