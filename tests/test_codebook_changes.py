"""A --codebook other than the stored one: what changes is said in a line per kind; tags keep their labels."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from conftest import ROOT

from tui.cli.app import _replace_codebook
from tui.core.codebook import Code, Codebook, default_codebook, load_codebook
from tui.core.codebook_diff import codebook_changes
from tui.core.store.database import AnnotationStore

EXAMPLE = ROOT / "examples" / "codebook.toml"


def edited() -> Codebook:
    book = default_codebook()
    actors = [a for a in book.actors if a.name != "NATO"]  # removed
    actors = [replace(a, name="Türkiye") if a.name == "Turkey" else a for a in actors]  # renamed: same key
    actors.append(Code("China", "8", "#d19a66"))  # added
    stances = list(reversed(book.stances))
    return Codebook("mine", actors, stances)


def test_changes_name_what_was_added_removed_renamed_and_reordered() -> None:
    tags = [{"actor": "NATO", "stance": None}, {"actor": "NATO", "stance": "oppose"}, {"actor": "Turkey"}]
    changes = codebook_changes(default_codebook(), edited(), tags)
    assert changes.actors.added == ["China"] and changes.actors.removed == ["NATO"]
    assert changes.actors.renamed == [("Turkey", "Türkiye")]
    assert changes.actors.kept_by_tags == {"NATO": 2, "Turkey": 1}
    assert changes.stances.reordered and not changes.stances.added
    assert changes.lines() == [
        ("actors: added China; removed NATO; renamed Turkey → Türkiye; tags keep their labels (2 tag(s) NATO, "
         "1 tag(s) Turkey)"),
        "stances: reordered (the ordinal stance scale changes)"]
    assert not codebook_changes(default_codebook(), default_codebook())
    assert codebook_changes(default_codebook(), default_codebook()).lines() == []


def test_the_app_command_says_what_changes_and_keeps_the_tags(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "db.json"
    text = "NATO warned on Friday."
    with AnnotationStore.open(db, annotator="alice", codebook=default_codebook().to_dict()) as store:
        store.set_tag(article_id="x", article_path="a.txt", text=text, start=0, end=4, actor="NATO")
        _replace_codebook(store, edited(), db, tmp_path / "mine.toml")
        assert store.get_meta("codebook") == edited().to_dict()
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2 and all(line.startswith(f"newsdesk: {tmp_path / 'mine.toml'} changes the codebook")
                                 for line in err)
    assert "removed NATO" in err[0] and "1 tag(s) NATO" in err[0]
    with AnnotationStore.open(db, read_only=True) as store:
        (tag,) = store.all_tags()
        assert tag["actor"] == "NATO"  # the tag keeps its label
        _replace_codebook(store, default_codebook(), db, tmp_path / "old.toml")
        assert "not saved" in capsys.readouterr().err and store.get_meta("codebook") == edited().to_dict()


def test_the_same_codebook_says_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "db.json"
    with AnnotationStore.open(db, annotator="alice", codebook=default_codebook().to_dict()) as store:
        _replace_codebook(store, default_codebook(), db, tmp_path / "same.toml")
    assert capsys.readouterr().err == ""


def test_the_example_codebook_loads_and_the_readme_points_to_it() -> None:
    book = load_codebook(EXAMPLE)
    assert "China" in [a.name for a in book.actors] and book.stances[0].name == "support"
    assert len({a.key for a in book.actors}) == len(book.actors)
    assert "examples/codebook.toml" in (ROOT / "README.md").read_text(encoding="utf-8")
