"""The main screen's model without Textual (tui/app/model.py): tag views, j/k stops under a filter, counts, detected
sides, and the store snapshot the export worker reads. Plain pytest, hand-made articles."""

from __future__ import annotations

import errno
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tui.app.model import SessionModel, StoreSnapshot, TagView, detected_sides, step, stops
from tui.app.screens.filters import Filter
from tui.core.codebook import default_codebook
from tui.core.model import Article, Statement
from tui.core.store.database import AnnotationStore

ROOT = Path(__file__).resolve().parent.parent

TEXT = ("Home | World | Sport\n"
        "Moscow said on Monday it would send a delegation.\n"
        "Kyiv welcomed the talks and backed a ceasefire.\n"
        "The envoy added that nothing was agreed yet.\n")


def article(complete: bool = True, sides: tuple[str | None, ...] = ("Russia", "Ukraine", None)) -> Article:
    lines = TEXT.splitlines(keepends=True)
    statements, start = [], 0
    for number, line in enumerate(lines):
        end = start + len(line.rstrip("\n"))
        kind = "boilerplate" if number == 0 else "sentence"
        side = sides[number - 1] if number else None
        statements.append(Statement(f"s{number}", start, end, kind, side=side))
        start += len(line)
    return Article("memo.txt", "art1", TEXT, "txt", statements=statements, complete=complete)


@pytest.fixture
def model(tmp_path: Path):
    store = AnnotationStore.open(tmp_path / "db.json", annotator="me")
    yield SessionModel(store, default_codebook())
    store.close()


def tag(model: SessionModel, a: Article, index: int, **fields) -> None:
    s = a.statements[index]
    assert model.saves.set_tag(article_id=a.id, article_path=a.path, text=a.text, start=s.start, end=s.end,
                               **fields)


def test_importing_the_model_loads_no_textual() -> None:
    code = "import sys, tui.app.model; print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.replace("'", '"')) == []


def test_views_show_own_tags_others_and_suggestions_where_nothing_is_confirmed(model: SessionModel) -> None:
    a = article()
    model.add(a)
    tag(model, a, 1, actor="Russia", stance="neutral")
    model.store.set_tag(article_id=a.id, article_path=a.path, text=a.text, start=a.statements[1].start,
                        end=a.statements[1].end, annotator="other", actor="Ukraine")
    views = model.tag_views(a)
    assert views[1] == [TagView("Russia", "neutral", "me", None), TagView("Ukraine", None, "other", own=False)]
    # statement 2 has no tag of mine: the suggestion comes first, from its side
    assert views[2][0].suggested and views[2][0].actor == "Ukraine"
    assert 0 not in views  # page furniture gets no suggestion
    # a preview cannot be tagged, so it is offered nothing
    assert all(not v.suggested for vs in model.tag_views(article(complete=False)).values() for v in vs)


def test_a_change_the_disk_refused_shows_as_it_will_be_marked_unsaved(model: SessionModel, monkeypatch) -> None:
    a = article()
    model.add(a)
    tag(model, a, 1, actor="Russia")

    def full(record):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(model.store._journal, "append", full)
    s = a.statements[1]
    assert not model.saves.set_tag(article_id=a.id, article_path=a.path, text=a.text, start=s.start, end=s.end,
                                   stance="oppose")
    (view,) = model.tag_views(a)[1]
    assert (view.actor, view.stance, view.unsaved, view.own) == ("Russia", "oppose", True, True)
    assert not model.saves.clear(article_id=a.id, article_path=a.path, text=a.text, start=s.start, end=s.end)
    assert [v for v in model.tag_views(a).get(1, []) if not v.suggested] == []  # a waiting clear hides it


def test_stops_follow_the_filter_and_skip_page_furniture(model: SessionModel) -> None:
    a = article()
    model.add(a)
    tag(model, a, 2, actor="Ukraine", stance="support")
    views = model.tag_views(a)
    assert stops(a, views, Filter()) == [1, 2, 3]
    assert stops(a, views, Filter("untagged")) == [1, 3]
    assert stops(a, views, Filter("actor", "Ukraine")) == [2]
    assert stops(a, views, Filter("stance", "support")) == [2]
    assert stops(a, views, Filter("actor", "Russia")) == []  # a suggestion is not a tag
    assert stops(None, {}, Filter()) == []


def test_a_step_stays_put_at_either_end() -> None:
    where = [1, 4, 6]
    assert [step(where, 4, 1), step(where, 6, 1), step(where, 4, -1), step(where, 1, -1)] == [6, 6, 1, 1]
    assert (step(where, 4, "first"), step(where, 4, "last"), step(where, 2, 1)) == (1, 6, 4)


def test_counts_are_my_tags_over_taggable_statements(model: SessionModel) -> None:
    a = article()
    model.add(a)
    assert model.counts(a) == (0, 3)
    tag(model, a, 1, actor="Russia")
    model.store.set_tag(article_id=a.id, article_path=a.path, text=a.text, start=a.statements[3].start,
                        end=a.statements[3].end, annotator="other", actor="Other")
    assert model.counts(a) == (1, 3)


def test_sides_that_speak_twice_join_the_codebook(model: SessionModel) -> None:
    model.add(article(sides=("Moldova", "Moldova", "Ukraine")))
    assert detected_sides(model.articles) == ["Moldova"]
    assert model.with_detected_sides() == ["Moldova"]
    assert model.codebook.actor("Moldova") is not None and model.codebook.actor("Ukraine") is not None
    assert model.with_detected_sides() == []  # already there


def test_previews_are_replaced_in_order(model: SessionModel) -> None:
    preview = article(complete=False)
    assert model.add(preview) == 0 and model.index_of("art1") == 0
    assert model.replace_next(article()) == 0 and model.articles[0].complete
    assert model.replace_next(article()) is None  # nothing left to replace


def test_the_export_snapshot_holds_the_tags_and_codebook_of_the_moment(model: SessionModel, tmp_path: Path) -> None:
    from tui.core.sets.annotation_set import export

    a = article()
    model.add(a)
    tag(model, a, 1, actor="Russia", stance="neutral")
    model.store.set_meta("codebook", model.codebook.to_dict())
    snapshot = model.snapshot()
    assert isinstance(snapshot, StoreSnapshot)
    tag(model, a, 2, actor="Ukraine")  # after the snapshot: not in it
    from_snapshot = export(snapshot, "jsonl", tmp_path / "snap.jsonl")
    assert from_snapshot.tags_written == 1
    lines = (tmp_path / "snap.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["actor"] == "Russia"
    assert export(model.store, "jsonl", tmp_path / "store.jsonl").tags_written == 2
