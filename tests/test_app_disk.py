"""Disk trouble in the app: a refused save is said clearly, kept in memory, shown unsaved, retried, rescued."""

from __future__ import annotations

import errno
import json
from pathlib import Path

from test_app import SIZE, loaded, make_app, until
from tinydb import TinyDB

from tui.app.widgets import ArticleReader


def refuse_writes(app, monkeypatch) -> dict:
    """The journal refuses appends (as a full disk or a read-only folder would) while ``state["full"]``."""
    state = {"full": True, "errno": errno.ENOSPC}
    real = app.store._journal.append

    def append(record):
        if state["full"]:
            raise OSError(state["errno"], "No space left on device" if state["errno"] == errno.ENOSPC
                          else "Read-only file system")
        return real(record)

    monkeypatch.setattr(app.store._journal, "append", append)
    return state


async def test_full_disk_keeps_the_tag_in_memory_and_saves_it_on_retry(tmp_path: Path, monkeypatch) -> None:
    db = tmp_path / "db.json"
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await loaded(pilot)
        await pilot.press("j")
        index = screen.statement_index
        disk = refuse_writes(app, monkeypatch)
        await pilot.press("a", "2")
        await until(pilot, lambda: screen.saves.pending == 1)
        assert app.store.count() == 0
        view = screen.query_one(ArticleReader).tags[index][0]
        assert (view.actor, view.unsaved) == ("Ukraine", True)
        assert "UNSAVED" in screen.status
        assert any("No space left" in n.message for n in app._notifications)
        await pilot.press("u")  # undo waits for the disk
        assert screen.saves.pending == 1
        disk["full"] = False
        screen._retry_saves()  # what the timer does every few seconds
        await until(pilot, lambda: screen.saves.pending == 0)
        assert "UNSAVED" not in screen.status
        assert not screen.query_one(ArticleReader).tags[index][0].unsaved
        await pilot.press("q")
    app.store.close()
    (tag,) = TinyDB(db).table("annotations").all()
    assert tag["actor"] == "Ukraine"


async def test_quit_with_unsaved_changes_writes_a_rescue_file(tmp_path: Path, monkeypatch, capsys) -> None:
    db = tmp_path / "db.json"
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await loaded(pilot)
        await pilot.press("j")
        disk = refuse_writes(app, monkeypatch)
        disk["errno"] = errno.EROFS
        await pilot.press("s", "1")
        await until(pilot, lambda: screen.saves.pending == 1)
        await pilot.press("q")
        assert app.is_running and any("Press q again" in n.message for n in app._notifications)
        await pilot.press("q")
        await until(pilot, lambda: not app.is_running)
    app.store.close()
    assert "bring them back with: newsdesk import" in capsys.readouterr().err
    (rescue,) = tmp_path.glob("newsdesk-unsaved-*.jsonl")
    (doc,) = [json.loads(line) for line in rescue.read_text(encoding="utf-8").splitlines()]
    assert doc["stance"] == "support" and doc["annotator"] == "tester"
