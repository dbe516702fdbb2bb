"""Merging annotators' databases: no duplicates, newer wins, side by side, nothing half-written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tinydb import TinyDB

from tui.cli import main
from tui.core.sets.merge import MergeError, merge_databases
from tui.core.store.database import AnnotationStore

TEXT = "Russia said talks could resume. Ukraine rejected the proposal. Turkey offered to host them."
S1, S2, S3 = (0, 31), (32, 62), (63, len(TEXT))
CODEBOOK = {"name": "test", "actors": [{"name": "Russia", "key": "1", "color": "red"}],
            "stances": [{"name": "support", "key": "1", "color": "green"}]}


def put(store: AnnotationStore, span: tuple[int, int], actor: str, stance: str = "neutral") -> dict:
    return store.set_tag(article_id="art", article_path="a.txt", text=TEXT, start=span[0], end=span[1],
                         actor=actor, stance=stance)


@pytest.fixture
def two_dbs(tmp_path: Path) -> tuple[Path, Path]:
    """alice tags S1 and S2; bob tags S1 and S3, and his file also holds a copy of alice's S1 tag and an older
    version of her S2 tag (as if he had imported her file last week)."""
    a, b = tmp_path / "alice.json", tmp_path / "bob.json"
    with AnnotationStore.open(b, annotator="bob", codebook=CODEBOOK) as bob:
        put(bob, S1, "Ukraine")
        put(bob, S3, "Turkey")
        old_s2 = {"id": "old-s2", "article_id": "art", "article_path": "a.txt", "start": S2[0], "end": S2[1],
                  "quote": TEXT[S2[0]:S2[1]], "prefix": "", "suffix": "", "actor": "NATO", "stance": "oppose",
                  "note": None, "annotator": "alice", "created": "2020-01-01T00:00:00+00:00",
                  "updated": "2020-01-01T00:00:00+00:00", "suggested": False, "orphan": False}
        bob.add_tags([old_s2])
    with AnnotationStore.open(a, annotator="alice", codebook=CODEBOOK) as alice:
        shared = put(alice, S1, "Russia")
        put(alice, S2, "Ukraine")
    with AnnotationStore.open(b, annotator="bob") as bob:
        bob.add_tags([shared])  # the very same tag (same id) in both files
    return a, b


def test_merge_keeps_annotators_side_by_side_and_drops_duplicates(two_dbs: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "merged" / "all.json"
    result = merge_databases(two_dbs, out)
    assert (result.tags_in, result.tags_out, result.duplicates_dropped) == (6, 4, 2)
    assert result.annotators == ["alice", "bob"] and result.warnings == []
    db = TinyDB(out)
    tags = db.table("annotations").all()
    got = sorted((t["start"], t["annotator"], t["actor"]) for t in tags)
    assert got == [(0, "alice", "Russia"), (0, "bob", "Ukraine"), (32, "alice", "Ukraine"), (63, "bob", "Turkey")]
    by_span = {(t["start"], t["annotator"]): t for t in tags}
    assert by_span[(32, "alice")]["actor"] == "Ukraine"  # the newer version of alice's S2 tag won
    assert len({t["id"] for t in tags}) == len(tags)
    meta = {m["key"]: m["value"] for m in db.table("meta").all()}
    assert meta["codebook"] == CODEBOOK
    db.close()
    assert sorted(p.name for p in out.parent.iterdir()) == ["all.json"]  # no journal, lock or temp file


def test_merge_output_has_one_tag_per_statement_and_annotator(two_dbs: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "all.json"
    merge_databases(two_dbs, out)
    with TinyDB(out) as db:
        keys = [(t["article_id"], t["start"], t["end"], t["annotator"]) for t in db.table("annotations").all()]
    assert len(keys) == len(set(keys)) == 4
    with AnnotationStore.open(out, read_only=True) as store:
        assert [(t["annotator"], t["actor"]) for t in store.tags_for("art") if t["start"] == 0] == [
            ("alice", "Russia"), ("bob", "Ukraine")]


def test_cli_merge_prints_one_summary_line(two_dbs: tuple[Path, Path], tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "all.json"
    assert main(["merge", *map(str, two_dbs), "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    line, = captured.out.strip().splitlines()
    assert "6 tags in" in line and "4 tags out" in line and "2 duplicates dropped" in line
    assert "alice, bob" in line


def test_refusals_leave_no_file(two_dbs: tuple[Path, Path], tmp_path: Path,
                                capsys: pytest.CaptureFixture[str]) -> None:
    a, b = two_dbs
    before = sorted(p.name for p in tmp_path.iterdir())
    out = tmp_path / "out.json"
    (tmp_path / "broken.json").write_text('{"annotations": [1, 2]')
    (tmp_path / "badtag.json").write_text(json.dumps(
        {"annotations": {"1": {"id": "x", "article_id": "art", "start": 5, "end": 2, "annotator": "eve"}}}))
    cases = [
        ([str(a), str(tmp_path / "missing.json")], "missing.json"),
        ([str(a), str(tmp_path / "broken.json")], "broken.json"),
        ([str(a), str(tmp_path / "badtag.json")], "badtag.json"),
        ([str(a), str(b), str(tmp_path)], str(tmp_path)),
    ]
    for inputs, named in cases:
        assert main(["merge", *inputs, "--out", str(out)]) == 2
        err = capsys.readouterr().err.strip()
        assert len(err.splitlines()) == 1 and named in err, err
    assert main(["merge", str(a), str(b), "--out", str(a)]) == 2
    assert "also an input" in capsys.readouterr().err
    assert main(["merge", str(a), str(b), "--out", str(a.parent / "." / a.name), "--force"]) == 2
    capsys.readouterr()
    after = sorted(p.name for p in tmp_path.iterdir())
    assert sorted(set(after) - {"broken.json", "badtag.json"}) == before and not out.exists()
    assert json.loads(a.read_text())  # the inputs are untouched


def test_existing_output_needs_force_and_its_journal_goes(two_dbs: tuple[Path, Path], tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.json"
    with AnnotationStore.open(out, annotator="old") as store:
        put(store, S1, "NATO")
    out_bytes = out.read_bytes()
    assert main(["merge", *map(str, two_dbs), "--out", str(out)]) == 2
    assert "--force" in capsys.readouterr().err and out.read_bytes() == out_bytes
    # a stale journal of the old database must not be replayed onto the merge
    stale = out.with_name(out.name + ".journal")
    stale.write_text(json.dumps({"seq": 10**6, "put": [{"id": "ghost", "article_id": "art", "start": 0, "end": 5,
                                                          "annotator": "ghost"}]}) + "\n")
    assert main(["merge", *map(str, two_dbs), "--out", str(out), "--force"]) == 0
    assert not stale.exists()
    with AnnotationStore.open(out, read_only=True) as store:
        assert store.annotators() == ["alice", "bob"] and store.count() == 4


def test_force_refuses_an_output_open_in_the_app(two_dbs: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    with AnnotationStore.open(out, annotator="busy") as store:
        put(store, S1, "NATO")
        with pytest.raises(MergeError, match="open for writing"):
            merge_databases(two_dbs, out, force=True)
        assert [t["annotator"] for t in store.all_tags()] == ["busy"]
    assert not [p for p in tmp_path.iterdir() if ".merge-" in p.name]


def test_merge_sees_changes_still_in_an_input_journal(two_dbs: tuple[Path, Path], tmp_path: Path) -> None:
    a, b = two_dbs
    with AnnotationStore.open(a, annotator="alice") as alice:  # the app is running on alice's file
        put(alice, S3, "Russia")
        result = merge_databases([a, b], tmp_path / "out.json")
    assert result.tags_out == 5


def test_codebooks_that_differ_give_one_warning(two_dbs: tuple[Path, Path], tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    a, b = two_dbs
    other = {**CODEBOOK, "name": "other"}
    with AnnotationStore.open(b, annotator="bob", codebook=other):
        pass
    out = tmp_path / "out.json"
    assert main(["merge", str(a), str(b), "--out", str(out)]) == 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "codebooks differ" in err[0] and str(a) in err[0] and str(b) in err[0]
    with AnnotationStore.open(out, read_only=True) as store:
        assert store.get_meta("codebook") == CODEBOOK


def test_a_database_not_yet_compacted_is_read_from_its_journal(tmp_path: Path) -> None:
    """While the app runs, a new database is only its journal: agree, stats and merge read it all the same."""
    from tui.core.sets.merge import merge_databases
    from tui.core.store.database import AnnotationStore

    db = tmp_path / "live.json"
    store = AnnotationStore.open(db, annotator="alice")
    text = "Russia said talks could resume."
    store.set_tag(article_id="art", article_path="a.txt", text=text, start=0, end=len(text), actor="Russia")
    assert not db.exists()
    try:
        result = merge_databases([db], tmp_path / "out.json")
        assert result.tags_out == 1
    finally:
        store.close()


@pytest.mark.parametrize("content", ["{}", "", '{"_default": {}}'])
def test_merging_a_database_with_no_tags_and_no_codebook_gives_an_empty_set(
        tmp_path: Path, content: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 9 item 12: it failed with "No such file or directory" (the empty store never wrote its file)."""
    empty = tmp_path / "empty.json"
    empty.write_text(content)
    out = tmp_path / "m.json"
    assert main(["merge", str(empty), "--out", str(out)]) == 0
    assert "0 tags in, 0 tags out" in capsys.readouterr().out
    assert TinyDB(out).table("annotations").all() == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.json", "m.json"]
    with AnnotationStore.open(out, annotator="x", read_only=True) as store:
        assert store.count() == 0 and store.get_meta("codebook") is None


def test_merge_warns_about_journal_lines_an_input_could_not_read(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "a.json"
    store = AnnotationStore.open(db, annotator="alice")
    put(store, S1, "Russia")
    put(store, S2, "Ukraine")
    store._journal.close()  # killed: the tags are only in the journal
    store._lock.release()
    journal = db.with_name(db.name + ".journal")
    raw = journal.read_bytes()
    journal.write_bytes(raw.replace(b'"Russia"', b'"Russix"', 1))  # one byte: valid JSON, wrong checksum
    assert main(["merge", str(db), "--out", str(tmp_path / "m.json")]) == 0
    err = capsys.readouterr().err
    assert "1 line could not be read" in err and "line 1" in err
    assert journal.read_bytes() != raw and journal.exists()
