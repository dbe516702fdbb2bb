"""Annotation sets in the app: adjudicating disagreements, statistics and export, driven by keys."""

from __future__ import annotations

from pathlib import Path

from test_app import ROOT, SIZE, loaded, make_app, until

from tui.app.screens.disagreements import DisagreementsScreen
from tui.app.screens.main import MainScreen
from tui.core.extract.pipeline import extract_paths
from tui.core.store.database import AnnotationStore


def two_coders(db: Path) -> list[tuple[int, int]]:
    """alice and bob disagree on two statements of the first seed and agree on a third."""
    article = next(iter(extract_paths([ROOT / "seeds"])))
    spans = [(s.start, s.end) for s in article.statements if s.kind in ("sentence", "quote")][1:4]
    docs = []
    for n, (start, end) in enumerate(spans):
        for who, actor in (("alice", "Russia"), ("bob", "Ukraine" if n < 2 else "Russia")):
            docs.append({"id": f"{who}{n}", "article_id": article.id, "article_path": article.path,
                         "start": start, "end": end, "quote": article.text[start:end], "prefix": "", "suffix": "",
                         "actor": actor, "stance": "neutral", "note": None, "annotator": who,
                         "created": "2025-06-01T00:00:00+00:00", "updated": "2025-06-01T00:00:00+00:00",
                         "suggested": False, "orphan": False})
    with AnnotationStore.open(db, annotator="setup") as store:
        store.add_tags(docs)
    return spans


async def test_adjudicate_takes_a_coders_tag_and_keeps_the_originals(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    spans = two_coders(db)
    app = make_app(db, annotator="judge")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("D")
        await until(pilot, lambda: isinstance(app.screen, DisagreementsScreen))
        screen = app.screen
        assert [(u.start, u.end) for u in screen.units] == spans[:2]
        await pilot.press("2")  # bob's tag on the first contested statement
        await until(pilot, lambda: screen.units[0].adjudicated is not None)
        await pilot.press("j", "a", "7")  # the second one: actor "Other" from the picker
        await until(pilot, lambda: screen.units[1].adjudicated is not None)
        verdicts = {(t["start"], t["actor"], t["stance"]) for t in app.store.all_tags()
                    if t["annotator"] == "adjudicated"}
        assert verdicts == {(spans[0][0], "Ukraine", "neutral"), (spans[1][0], "Other", None)}
        assert sum(t["annotator"] in ("alice", "bob") for t in app.store.all_tags()) == 6
        await pilot.press("o")
        await until(pilot, lambda: isinstance(app.screen, MainScreen))
        main = app.screen
        assert main.current_article.statements[main.statement_index].start == spans[1][0]
        await pilot.press("u")
        await until(pilot, lambda: sum(t["annotator"] == "adjudicated" for t in app.store.all_tags()) == 1)
    app.store.close()


async def test_stats_screen_draws_counts_and_progress(tmp_path: Path) -> None:
    from textual.widgets import Static

    from tui.app.screens.stats import StatsScreen

    db = tmp_path / "db.json"
    two_coders(db)
    app = make_app(db, annotator="judge")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("S")
        await until(pilot, lambda: isinstance(app.screen, StatsScreen))
        screen = app.screen
        assert screen.stats.tags == 6 and screen.stats.total_statements > 100
        assert [(row.actor, row.total) for row in screen.stats.actors] == [("Russia", 4), ("Ukraine", 2)]
        body = screen.query_one("#stats-body", Static)
        assert "6 tag(s) by 2 annotator(s)" in str(body.content.renderables[0])
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, MainScreen))
    app.store.close()


async def test_export_dialog_writes_the_chosen_format_in_a_worker(tmp_path: Path, monkeypatch) -> None:
    import csv

    from textual.widgets import Input, Select

    from tui.app.screens.export import ExportScreen

    monkeypatch.chdir(tmp_path)
    db = tmp_path / "db.json"
    two_coders(db)
    app = make_app(db, annotator="judge")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("E")
        await until(pilot, lambda: isinstance(app.screen, ExportScreen))
        dialog = app.screen
        dialog.query_one("#export-format", Select).value = "csv"
        await until(pilot, lambda: dialog.query_one("#export-out", Input).value.endswith(".csv"))
        dialog.query_one("#export-annotator", Select).value = "bob"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: dialog.result is not None)
        (target,) = dialog.result.files_written
        assert target.parent.name == "exports" and dialog.result.tags_written == 3
        await pilot.press("ctrl+s")  # the same name again: refused without "replace"
        await until(pilot, lambda: "exists" in str(dialog.query_one("#export-message").content))
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, MainScreen))
    app.store.close()
    with open(tmp_path / target, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {row["annotator"] for row in rows} == {"bob"} and len(rows) == 3
