"""Tag statistics: counts, progress, bars, and the ``newsdesk stats`` command."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tui.cli import main
from tui.core.extract.pipeline import extract_paths
from tui.core.sets.stats import bar, compute_stats, split_widths
from tui.core.store.database import AnnotationStore


@dataclass
class FakeStatement:
    start: int
    end: int
    kind: str = "sentence"


@dataclass
class FakeArticle:
    id: str
    path: str
    title: str | None = None
    statements: list[FakeStatement] = field(default_factory=list)


def tag(who: str, article: str, start: int, actor: str | None, stance: str | None) -> dict:
    return {"id": f"{who}{article}{start}", "article_id": article, "article_path": f"{article}.txt",
            "start": start, "end": start + 5, "actor": actor, "stance": stance, "annotator": who,
            "updated": "2025-01-01"}


TAGS = [
    tag("alice", "a1", 0, "Russia", "support"), tag("bob", "a1", 0, "Russia", "oppose"),
    tag("alice", "a1", 10, "Ukraine", "support"), tag("alice", "a1", 20, "Russia", None),
    tag("bob", "a2", 0, None, "neutral"), tag("bob", "a2", 10, "Russia", "furious"),
    tag("adjudicated", "a1", 0, "Russia", "oppose"),
]


def test_actor_by_stance_counts_every_tag() -> None:
    stats = compute_stats(TAGS)
    assert stats.tags == 7
    assert stats.stances == ["support", "conditional support", "neutral", "sceptical", "oppose", "furious", None]
    rows = {row.actor: row for row in stats.actors}
    assert [row.actor for row in stats.actors] == ["Russia", "Ukraine", None]  # by count, no actor last
    assert rows["Russia"].total == 5 and rows["Russia"].counts == [1, 0, 0, 0, 2, 1, 1]
    assert rows[None].counts == [0, 0, 1, 0, 0, 0, 0]
    assert sum(row.total for row in stats.actors) == stats.tags


def test_per_annotator_counts() -> None:
    rows = {row.annotator: row for row in compute_stats(TAGS).annotators}
    assert [r for r in rows] == ["alice", "bob", "adjudicated"]
    assert (rows["alice"].tags, rows["alice"].statements, rows["alice"].articles) == (3, 3, 1)
    assert (rows["bob"].tags, rows["bob"].statements, rows["bob"].articles) == (3, 3, 2)


def test_progress_over_taggable_statements_and_unknown_articles() -> None:
    article = FakeArticle("a1", "news/a1.txt", "Title", [
        FakeStatement(0, 5, "title"), FakeStatement(6, 9, "meta"), FakeStatement(10, 15),
        FakeStatement(20, 25, "quote"), FakeStatement(30, 35, "boilerplate"), FakeStatement(40, 45)])
    untouched = FakeArticle("a3", "news/a3.txt", None, [FakeStatement(0, 5)])
    stats = compute_stats(TAGS, [article, untouched])
    rows = {row.article_id: row for row in stats.articles}
    assert [row.article_id for row in stats.articles] == ["a1", "a3", "a2"]  # read articles first, in order
    a1 = rows["a1"]
    assert (a1.tags, a1.tagged_statements, a1.total_statements) == (5, 3, 4)  # meta and boilerplate not taggable
    assert a1.progress == pytest.approx(0.75) and a1.path == "news/a1.txt" and a1.title == "Title"
    assert rows["a3"].progress == 0.0 and rows["a3"].tags == 0
    a2 = rows["a2"]  # not among the articles read: counted, progress unknown
    assert (a2.tags, a2.tagged_statements, a2.total_statements, a2.progress) == (2, 2, None, None)
    assert a2.path == "a2.txt"
    assert (stats.tagged_statements, stats.total_statements) == (3, 5) and stats.progress == pytest.approx(0.6)
    data = json.loads(json.dumps(stats.to_dict(), allow_nan=False))
    assert data["progress"] == pytest.approx(0.6) and data["articles"][2]["progress"] is None
    assert data["stances"][-1] is None and data["actors"][0]["counts"][0] == 1


def test_no_tags() -> None:
    stats = compute_stats([])
    assert stats.tags == 0 and stats.actors == [] and stats.annotators == [] and stats.progress is None
    assert stats.stances == ["support", "conditional support", "neutral", "sceptical", "oppose"]


def test_bar_scales_in_eighths() -> None:
    assert bar(0, 10) == "" and bar(1, 10) == "█" * 10 and bar(2, 4) == "████" and bar(-1, 4) == ""
    assert bar(0.5, 10) == "█████"
    assert bar(0.3125, 4) == "█▎"  # 1.25 cells: one full block and a quarter block
    assert bar(float("nan"), 5) == "" and bar(0.5, 0) == ""
    assert all(len(bar(i / 37, 13)) <= 13 for i in range(38))


def test_split_widths_sum_to_the_width_and_keep_small_parts() -> None:
    assert split_widths([1, 1], 10) == [5, 5]
    assert split_widths([0, 0], 10) == [0, 0]
    assert split_widths([1, 100, 3], 20) == [1, 18, 1]
    for counts in ([3, 0, 7, 2], [1, 1, 1], [50, 1, 0, 49], [2, 2, 2, 2, 2, 1]):
        widths = split_widths(counts, 17)
        assert sum(widths) == 17
        assert all((w > 0) == (c > 0) for w, c in zip(widths, counts))


# ----------------------------------------------------------------------------- the command
ARTICLE = ("Talks in Istanbul\n\n"
           "Russia said talks could resume on Monday. Ukraine rejected the [bold]proposal[/bold]. "
           "Turkey offered to host the next round.\n")


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "talks.txt").write_text(ARTICLE)
    article = next(extract_paths([folder]))
    sentences = [s for s in article.statements if s.kind == "sentence"]
    assert len(sentences) >= 2
    db = tmp_path / "db.json"
    for who, actors in (("alice", ["Russia", "Ukraine"]), ("bob", ["Russia"])):
        with AnnotationStore.open(db, annotator=who) as store:
            for statement, actor in zip(sentences, actors):
                store.set_tag(article_id=article.id, article_path=article.path, text=article.text,
                              start=statement.start, end=statement.end, actor=actor, stance="support")
    with AnnotationStore.open(db, annotator="carol") as store:  # an article not among the paths read
        store.set_tag(article_id="0123456789abcdef", article_path="elsewhere/\x1b[31mred.txt", text="Gone text.",
                      start=0, end=10, actor="NATO", stance="neutral")
    return folder, db


def test_cli_json(corpus: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    folder, db = corpus
    assert main(["stats", str(folder), "--db", str(db), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["tags"] == 4
    assert {row["annotator"]: row["tags"] for row in data["annotators"]} == {"alice": 2, "bob": 1, "carol": 1}
    read, unknown = data["articles"]
    assert read["tagged_statements"] == 2 and read["total_statements"] >= 3 and read["tags"] == 3
    assert read["progress"] == pytest.approx(2 / read["total_statements"])
    assert unknown["progress"] is None and unknown["total_statements"] is None
    assert data["actors"][0]["actor"] == "Russia" and data["actors"][0]["total"] == 2


def test_cli_table_draws_bars_and_strips_escapes(corpus: tuple[Path, Path],
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    folder, db = corpus
    assert main(["stats", str(folder), "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "Tags by actor and stance" in out and "Progress per article" in out and "Per annotator" in out
    assert "█" in out and "unknown" in out and "talks.txt" in out
    assert "\x1b" not in out and "red.txt" in out
    assert main(["stats", str(folder), "--db", str(db), "--annotator", "bob"]) == 0
    out = capsys.readouterr().out
    assert "bob" in out and "alice" not in out and "carol" not in out


def test_cli_errors_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", str(tmp_path / "nowhere"), "--db", str(tmp_path / "db.json")]) == 2
    assert "nowhere" in capsys.readouterr().err
    (tmp_path / "news").mkdir()
    assert main(["stats", str(tmp_path / "news"), "--db", str(tmp_path / "db.json")]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "db.json" in err
