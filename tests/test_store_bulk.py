"""Bulk import of whole tags (import, merge) and tagging in another name (adjudication)."""

from __future__ import annotations

from pathlib import Path

from tinydb import TinyDB

from tui.core.store.database import AnnotationStore

TEXT = "Russia said talks could resume. Ukraine rejected the proposal. Turkey offered to host them."


def tag_doc(uid: str, start: int, end: int, annotator: str, updated: str, actor: str = "Russia") -> dict:
    return {"id": uid, "article_id": "art", "article_path": "art.txt", "start": start, "end": end,
            "quote": TEXT[start:end], "prefix": "", "suffix": "", "actor": actor, "stance": "neutral",
            "note": None, "annotator": annotator, "created": updated, "updated": updated, "suggested": False,
            "orphan": False}


def test_add_tags_keeps_newer_and_dedupes_by_id_and_span(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    with AnnotationStore.open(db, annotator="me") as store:
        first = [tag_doc("a", 0, 31, "alice", "2025-01-01"), tag_doc("b", 0, 31, "bob", "2025-01-01")]
        assert store.add_tags(first) == (2, 0, 0)
        again = [tag_doc("a", 0, 31, "alice", "2025-01-01"),            # same: unchanged
                 tag_doc("z", 0, 31, "bob", "2025-02-01", "Ukraine"),  # same span and annotator, newer
                 tag_doc("c", 32, 62, "alice", "2024-01-01")]           # new
        assert store.add_tags(again) == (1, 1, 1)
        assert store.add_tags([tag_doc("b", 0, 31, "bob", "2024-12-01", "NATO")]) == (0, 0, 1)  # older loses
    docs = {d["id"]: d for d in TinyDB(db).table("annotations").all()}
    assert sorted(docs) == ["a", "b", "c"]
    assert docs["b"]["actor"] == "Ukraine" and docs["b"]["updated"] == "2025-02-01"
    assert not AnnotationStore.open(db, annotator="me").can_undo()


def test_tag_in_another_name_keeps_the_original_and_undoes(tmp_path: Path) -> None:
    with AnnotationStore.open(tmp_path / "db.json", annotator="judge") as store:
        store.add_tags([tag_doc("a", 0, 31, "alice", "2025-01-01")])
        store.set_tag(article_id="art", article_path="art.txt", text=TEXT, start=0, end=31, actor="Ukraine",
                      annotator="adjudicated")
        tags = store.tags_for("art")
        assert [(t["annotator"], t["actor"]) for t in tags] == [("adjudicated", "Ukraine"), ("alice", "Russia")]
        assert store.clear("art", 0, 31) == []  # the judge's own name has no tag there
        store.undo()
        assert [t["annotator"] for t in store.tags_for("art")] == ["alice"]
        store.redo()
        assert len(store.clear("art", 0, 31, annotator="adjudicated")) == 1


def test_annotators_follow_every_change(tmp_path: Path) -> None:
    with AnnotationStore.open(tmp_path / "db.json", annotator="judge") as store:
        assert store.annotators() == []
        store.add_tags([tag_doc("a", 0, 31, "alice", "2025-01-01"), tag_doc("b", 32, 62, "bob", "2025-01-01")])
        assert store.annotators() == ["alice", "bob"]
        store.set_tag(article_id="art", article_path="art.txt", text=TEXT, start=0, end=31, actor="NATO")
        assert store.annotators() == ["alice", "bob", "judge"]
        store.undo()
        assert store.annotators() == ["alice", "bob"]
    with AnnotationStore.open(tmp_path / "db.json", read_only=True) as again:
        assert again.annotators() == ["alice", "bob"]
