"""Disk trouble: changes the store refuses wait in memory, are retried in order, and can be rescued to a file."""

from __future__ import annotations

import errno
import json
from pathlib import Path

import pytest

from tui.core.store.database import AnnotationStore
from tui.core.store.pending import SaveQueue

TEXT = "Russia said talks could resume. Ukraine rejected the proposal. Turkey offered to host them."
FIRST, SECOND = (0, 31), (32, 62)


class FlakyDisk:
    """Makes the store's journal refuse writes (ENOSPC) while ``full`` is set."""

    def __init__(self, store: AnnotationStore, monkeypatch: pytest.MonkeyPatch) -> None:
        self.full = False
        real = store._journal.append

        def append(record):
            if self.full:
                raise OSError(errno.ENOSPC, "No space left on device")
            return real(record)

        monkeypatch.setattr(store._journal, "append", append)


def put(queue: SaveQueue, span: tuple[int, int], **fields) -> bool:
    return queue.set_tag(article_id="art", article_path="art.txt", text=TEXT, start=span[0], end=span[1], **fields)


def test_refused_changes_wait_in_order_and_land_on_retry(tmp_path: Path, monkeypatch) -> None:
    db = tmp_path / "db.json"
    store = AnnotationStore.open(db, annotator="ann")
    disk = FlakyDisk(store, monkeypatch)
    queue = SaveQueue(store)
    assert put(queue, FIRST, actor="Russia")
    store.compact()
    good = db.read_bytes()
    disk.full = True
    assert not put(queue, FIRST, stance="oppose")
    assert not put(queue, SECOND, actor="Ukraine")
    assert not queue.clear(article_id="art", article_path="art.txt", text=TEXT, start=FIRST[0], end=FIRST[1])
    assert not put(queue, FIRST, actor="Turkey")
    assert queue.pending == 4 and "No space left" in queue.last_error
    assert db.read_bytes() == good  # the good file is never touched while the disk refuses
    assert [(t["actor"], t["stance"]) for t in store.tags_for("art")] == [("Russia", None)]
    assert queue.overlay("art") == {FIRST: {"actor": "Turkey"}, SECOND: {"actor": "Ukraine"}}
    assert not queue.retry()
    disk.full = False
    assert queue.retry() and queue.pending == 0 and queue.last_error is None
    store.close()
    with AnnotationStore.open(db, read_only=True) as again:
        assert [(t["start"], t["actor"], t["stance"]) for t in again.tags_for("art")] == [
            (0, "Turkey", None), (32, "Ukraine", None)]


def test_rescue_writes_importable_tag_documents(tmp_path: Path, monkeypatch) -> None:
    store = AnnotationStore.open(tmp_path / "db.json", annotator="ann")
    disk = FlakyDisk(store, monkeypatch)
    queue = SaveQueue(store)
    put(queue, FIRST, actor="Russia", suggested=True)
    disk.full = True
    put(queue, FIRST, stance="oppose")
    put(queue, SECOND, actor="Ukraine", note="check [bold]this[/]")
    rescue = queue.rescue(tmp_path)
    assert rescue is not None and rescue.parent == tmp_path
    docs = [json.loads(line) for line in rescue.read_text(encoding="utf-8").splitlines()]
    assert [(d["start"], d["actor"], d["stance"], d["note"]) for d in docs] == [
        (0, "Russia", "oppose", None), (32, "Ukraine", None, "check [bold]this[/]")]
    for doc in docs:
        assert doc["quote"] == TEXT[doc["start"]:doc["end"]] and doc["annotator"] == "ann"
    saved_id = store.tags_for("art")[0]["id"]
    assert docs[0]["id"] == saved_id  # the waiting change updates the saved tag, not a new one
    with AnnotationStore.open(tmp_path / "other.json", annotator="x") as other:
        assert other.add_tags(docs) == (2, 0, 0)
    assert SaveQueue(store).rescue(tmp_path) is None
    disk.full = False
    store.close()


def test_bad_span_is_refused_at_once(tmp_path: Path) -> None:
    with AnnotationStore.open(tmp_path / "db.json", annotator="ann") as store:
        with pytest.raises(ValueError):
            put(SaveQueue(store), (5, 500), actor="Russia")


def test_waiting_verdicts_are_rescued_in_their_own_name(tmp_path: Path, monkeypatch) -> None:
    store = AnnotationStore.open(tmp_path / "db.json", annotator="judge")
    FlakyDisk(store, monkeypatch).full = True
    queue = SaveQueue(store)
    put(queue, FIRST, actor="Russia")
    put(queue, FIRST, actor="Ukraine", annotator="adjudicated")
    assert queue.overlay("art") == {FIRST: {"actor": "Russia"}}  # the reader shows only the judge's own tag
    docs = [json.loads(line) for line in queue.rescue(tmp_path).read_text(encoding="utf-8").splitlines()]
    assert sorted((d["annotator"], d["actor"]) for d in docs) == [("adjudicated", "Ukraine"), ("judge", "Russia")]
    queue.waiting.clear()
    store.close()


def test_a_rescue_file_is_utf8_even_for_a_text_with_a_lone_surrogate(tmp_path: Path, monkeypatch) -> None:
    """It was written with json.dumps and a strict UTF-8 file: a lone surrogate made the rescue itself fail."""
    db = tmp_path / "db.json"
    store = AnnotationStore.open(db, annotator="ann")
    FlakyDisk(store, monkeypatch).full = True
    queue = SaveQueue(store)
    text = "Talks \ud800 resumed; Russia said so."
    assert not queue.set_tag(article_id="art", article_path="art.txt", text=text, start=0, end=12, note="\udc80")
    rescue = queue.rescue(tmp_path)
    assert rescue is not None
    (doc,) = [json.loads(line) for line in rescue.read_bytes().decode("utf-8").splitlines()]  # strict UTF-8
    assert doc["quote"] == text[:12] and doc["note"] == "\udc80"  # the escapes read back to the same strings
    store.close()
