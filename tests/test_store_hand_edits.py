"""Re-attaching an orphan by hand and deleting a tag: one undoable step each, surviving a restart."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.core.store.database import AnnotationStore

OLD = "The minister said the talks had failed. Nobody else spoke."
NEW = "Officials met again on Tuesday. Prices rose in the capital over the week. Nobody else spoke."


def orphan_in(db: Path) -> str:
    """A tag on a sentence that the new version of the text no longer holds."""
    with AnnotationStore.open(db, annotator="ann") as store:
        start = OLD.index("The minister")
        store.set_tag(article_id="v1", article_path="a.txt", text=OLD, start=start, end=OLD.index(" Nobody"),
                      actor="Russia", stance="oppose")
        _placed, orphans = store.reanchor("v2", "a.txt", NEW)
    assert len(orphans) == 1 and orphans[0]["orphan"]
    return orphans[0]["id"]


def test_reattach_places_the_orphan_and_undo_brings_it_back(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    tag_id = orphan_in(db)
    start, end = NEW.index("Prices"), NEW.index(" Nobody")
    with AnnotationStore.open(db, annotator="ann") as store:
        placed = store.reattach_orphan(tag_id, article_id="v2", article_path="a.txt", text=NEW, start=start, end=end)
        assert (placed["start"], placed["end"], placed["quote"], placed["orphan"]) == (
            start, end, NEW[start:end], False)
        assert (placed["actor"], placed["stance"], placed["annotator"]) == ("Russia", "oppose", "ann")
        with pytest.raises(ValueError, match="already has a tag"):
            store.reattach_orphan(placed["id"], article_id="v2", article_path="a.txt", text=NEW, start=start,
                                  end=end)
    with AnnotationStore.open(db, annotator="ann") as store:  # the step survives a restart
        assert [t["orphan"] for t in store.all_tags()] == [False]
        change = store.undo()
        assert change is not None and change["article_id"] in ("v1", "v2")
        (back,) = store.all_tags()
        assert back["id"] == tag_id and back["orphan"] and back["article_id"] == "v1"
        store.redo()
        (again,) = store.all_tags()
        assert not again["orphan"] and again["start"] == start


def test_delete_tag_is_undoable(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    tag_id = orphan_in(db)
    with AnnotationStore.open(db, annotator="ann") as store:
        assert store.delete_tag(tag_id)["id"] == tag_id
        assert store.count() == 0 and store.delete_tag(tag_id) is None
        store.undo()
        assert [t["id"] for t in store.all_tags()] == [tag_id]


def test_reattach_refuses_a_span_outside_the_text(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    tag_id = orphan_in(db)
    with AnnotationStore.open(db, annotator="ann") as store:
        with pytest.raises(ValueError, match="not inside"):
            store.reattach_orphan(tag_id, article_id="v2", article_path="a.txt", text=NEW, start=5, end=500)
        assert store.count() == 1
