"""The timeline from extraction shards, merged by date windows, equals the timeline of the articles in memory."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from tui.core.extract.shards import atomic_write, shard_name, timeline_from_shards, write_manifest
from tui.core.extract.timeline import Source, WindowMerger, build_timeline
from tui.core.model import Article, Event

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))


def newsdesk(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tui", *args], check=False, capture_output=True, text=True,
                          cwd=cwd, timeout=600)


def event(n: int, day: str | None, actors: list[str], kind: str = "MEET", place: str | None = None) -> Event:
    return Event(f"e{n}", kind, "CONSULT", day, day, "occurred", actors, place, 0, 1, f"event {n}", [n])


def article(n: int, *events: Event) -> Article:
    return Article(path=f"a{n}.txt", id=f"id{n}", text="x", fmt="txt", title=f"title {n}", events=list(events))


def write_shards(folder: Path, articles: list[Article], per_shard: int) -> None:
    folder.mkdir()
    groups = [articles[i:i + per_shard] for i in range(0, len(articles), per_shard)]
    names = [shard_name(i, len(groups)) for i in range(len(groups))]
    counts = [atomic_write(folder / name, (json.dumps(a.to_dict()) for a in group))
              for name, group in zip(names, groups)]
    write_manifest(folder, list(zip(names, counts)))


def as_json(entries: list) -> list[dict]:
    return [e.to_dict() for e in entries]


def crafted() -> list[Article]:
    """Chains across month ends, the same event out of date order, coarse dates, undated events, conflicts."""
    return [
        article(0, event(0, "2025-05-31", ["Russia"]), event(1, None, ["Ukraine"], "CALL")),
        article(1, event(2, "2025-06-02", ["Russia", "Ukraine"], place="Istanbul")),
        article(2, event(3, "2025-06-01", ["Ukraine"], place="Ankara"), event(4, "2025-05", ["Turkey"], "AGREE")),
        article(3, event(5, "2025-05", ["Turkey"], "AGREE"), event(6, "2025-06-01", ["NATO"])),
        article(4, event(7, None, ["Ukraine"], "ATTACK"), event(8, "2024-12-31", ["Russia"], "CALL")),
        article(5, event(9, "2025-01-01", ["Russia"], "CALL"), event(10, "2025-W22", ["Russia"])),
    ]


def test_shards_give_the_in_memory_timeline_on_crafted_events(tmp_path: Path) -> None:
    articles = crafted()
    write_shards(tmp_path / "shards", articles, per_shard=2)
    assert as_json(timeline_from_shards(tmp_path / "shards")) == as_json(build_timeline(articles))
    undated = [e for e in build_timeline(articles) if e.date is None]
    assert len(undated) == 2 and not [e for e in timeline_from_shards(tmp_path / "shards", undated=False)
                                      if e.date is None]


def test_events_merge_in_date_order_whatever_the_article_order_and_never_chain() -> None:
    """Days 1, 3 and 2 in any article order give the same entries: day 2 joins day 1 (a day apart); day 3 is two
    days from that entry's first event, so it is an entry of its own (no chaining from day to day)."""
    first, third, second = (event(n, f"2025-06-0{d}", ["Russia"]) for n, d in ((0, 1), (1, 3), (2, 2)))
    orders = ([article(0, first), article(1, third), article(2, second)],
              [article(2, second), article(0, first), article(1, third)],
              [article(1, third), article(2, second), article(0, first)])
    shapes = [[(e.date, sorted(s.event.date for s in e.sources)) for e in build_timeline(o)] for o in orders]
    assert shapes[0] == [("2025-06-01", ["2025-06-01", "2025-06-02"]), ("2025-06-03", ["2025-06-03"])]
    assert shapes[1] == shapes[2] == shapes[0]
    other_side = build_timeline([article(0, first), article(1, event(3, "2025-06-02", ["Ukraine"]))])
    assert len(other_side) == 2  # negative control: no shared side, no merge


def test_the_merger_holds_only_the_entries_that_can_still_grow() -> None:
    merger = WindowMerger()
    start, held, finished = date(2020, 1, 1), [], 0
    for n in range(2_000):
        day = (start + timedelta(days=2 * n)).isoformat()
        merger.add_window([(2 * n, Source(f"a{n}", "p", None, event(n, day, ["Russia"]))),
                           (2 * n + 1, Source(f"b{n}", "p", None, event(n, day, ["Ukraine"], "CALL")))])
        finished += len(list(merger.finished(day)))
        held.append(len(merger._open))
    assert max(held) <= 2 and finished >= 3_990  # open entries stay bounded; finished ones leave at once
    assert len(list(merger.finished())) + finished == 4_000


def test_timeline_from_shards_on_a_generated_corpus_equals_the_in_memory_one(tmp_path: Path) -> None:
    from make_corpus import write_corpus

    corpus = tmp_path / "corpus"
    write_corpus(corpus, 80, seed=3, timebank=None)
    shards = tmp_path / "shards"
    made = newsdesk("extract", str(corpus), "--jobs", "2", "--out", str(shards), cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    in_memory = newsdesk("timeline", str(corpus), "--format", "json", "--all", cwd=tmp_path)
    from_shards = newsdesk("timeline", "--from-shards", str(shards), "--format", "json", "--all", cwd=tmp_path)
    assert from_shards.returncode == 0, from_shards.stderr
    entries = json.loads(in_memory.stdout)
    assert len(entries) > 50 and from_shards.stdout == in_memory.stdout
    assert any(e["date"] is None for e in entries) and any(len(e["sources"]) > 1 for e in entries)
    dated = newsdesk("timeline", "--from-shards", str(shards), "--format", "json", cwd=tmp_path)
    expected = json.dumps([e for e in entries if e["date"] is not None], ensure_ascii=False, indent=2) + "\n"
    assert dated.stdout == expected


@pytest.mark.parametrize("damage", ["no manifest", "missing shard", "bad line"])
def test_a_damaged_shard_folder_is_one_line(tmp_path: Path, damage: str) -> None:
    shards = tmp_path / "shards"
    write_shards(shards, crafted(), per_shard=3)
    if damage == "no manifest":
        (shards / "manifest.json").unlink()
    elif damage == "missing shard":
        (shards / shard_name(1, 2)).unlink()
    else:
        with (shards / shard_name(1, 2)).open("a", encoding="utf-8") as handle:
            handle.write("{not json\n")
    run = newsdesk("timeline", "--from-shards", str(shards), "--format", "json", cwd=tmp_path)
    assert run.returncode == 2 and run.stderr.count("\n") == 1 and "Traceback" not in run.stderr
    assert str(shards) in run.stderr
