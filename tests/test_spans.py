"""Span tags: several tags of one annotator on parts of one statement, stored, re-anchored, exported and matched
by overlap for agreement."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import krippendorff
import numpy as np
import pytest
from interop_project import CLAIM, QUOTE, SENTENCE, db_of, make_project, stored
from sklearn.metrics import cohen_kappa_score

from tui.core.extract.reader import article_id
from tui.core.sets.agreement import (
    MATCH_JACCARD,
    agreement,
    contested_units,
    jaccard,
    match_units,
)
from tui.core.sets.annotation_set import export
from tui.core.sets.importing import import_file
from tui.core.store.database import AnnotationStore

TEXT = "Intro line.\n" + SENTENCE + " Later, Russia said again \"talks could resume soon\".\n"


def span(quote: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(quote, start + 1)
    return start, start + len(quote)


def tag_at(store: AnnotationStore, quote: str, occurrence: int = 0, **fields: object) -> dict:
    start, end = span(quote, occurrence)
    return store.set_tag(article_id=article_id(TEXT), article_path="a.txt", text=TEXT, start=start, end=end, **fields)


def test_one_annotator_holds_several_spans_of_one_statement(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    with AnnotationStore.open(db, annotator="alice") as store:
        tag_at(store, SENTENCE, actor="Russia", stance="conditional support")
        tag_at(store, QUOTE, actor="Russia", stance="support")
        tag_at(store, CLAIM, actor="Russia", stance="sceptical")
        tag_at(store, "said \"talks", actor="Other", annotator="bob")
        tag_at(store, QUOTE, occurrence=1, actor="Russia")  # the same words in the next sentence: another tag
    with AnnotationStore.open(db, annotator="alice") as store:  # after a restart (journal, then snapshot)
        start, end = span(SENTENCE)
        inside = store.tags_in(article_id(TEXT), start, end, annotator="alice")
        assert [t["quote"] for t in inside] == [SENTENCE, QUOTE, CLAIM]
        assert [t["stance"] for t in inside] == ["conditional support", "support", "sceptical"]
        assert {t["annotator"] for t in store.tags_in(article_id(TEXT), start, end)} == {"alice", "bob"}
        assert len(store.tags_in(article_id(TEXT), *span(QUOTE), overlapping=True)) == 3  # sentence, quote, bob's
        for tag in inside:
            assert TEXT[tag["start"]:tag["end"]] == tag["quote"]
            assert TEXT[:tag["start"]].endswith(tag["prefix"]) and TEXT[tag["end"]:].startswith(tag["suffix"])
        # changing or clearing one part leaves the others alone, and is undone alone
        tag_at(store, QUOTE, stance="neutral")
        assert [t["stance"] for t in store.tags_in(article_id(TEXT), start, end, annotator="alice")] == [
            "conditional support", "neutral", "sceptical"]
        store.clear(article_id(TEXT), *span(CLAIM))
        assert [t["quote"] for t in store.tags_in(article_id(TEXT), start, end, annotator="alice")] == [SENTENCE, QUOTE]
        store.undo()
        store.undo()
        assert [t["stance"] for t in store.tags_in(article_id(TEXT), start, end, annotator="alice")] == [
            "conditional support", "support", "sceptical"]


def test_parts_are_reanchored_each_on_its_own(tmp_path: Path) -> None:
    with AnnotationStore.open(tmp_path / "db.json", annotator="alice") as store:
        for quote in (SENTENCE, QUOTE, CLAIM):
            tag_at(store, quote, actor="Russia")
        tag_at(store, QUOTE, occurrence=1, actor="Ukraine")
        edited = "A new opening paragraph.\n\n" + TEXT.replace("a ceasefire was possible", "a ceasefire was quite possible")
        placed, orphans = store.reanchor(article_id(edited), "a.txt", edited)
        assert not orphans and len(placed) == 4
        now = {(t["actor"], t["quote"]): (t["start"], t["end"]) for t in store.all_tags()}
        for (actor, quote), (start, end) in now.items():
            assert edited[start:end] == quote
        first, second = now[("Russia", QUOTE)], now[("Ukraine", QUOTE)]
        assert first[0] < edited.index("Later") < second[0]  # the repeated quote told apart by its context
        assert ("Russia", "a ceasefire was quite possible") in now  # the claim followed its rewording


@pytest.mark.parametrize(("fmt", "name"), [("jsonl", "set.jsonl"), ("w3c", "set.jsonld"), ("labelstudio", "t.json")])
def test_every_importable_format_round_trips_parts_of_statements(tmp_path: Path, fmt: str, name: str) -> None:
    root = make_project(tmp_path / "proj")
    export(db_of(root), fmt, tmp_path / name)
    import_file(tmp_path / name, tmp_path / "fresh.json")
    with AnnotationStore.open(tmp_path / "fresh.json", read_only=True) as fresh:
        assert {t["id"]: t for t in fresh.all_tags()} == stored(root)


def test_every_other_format_carries_the_parts(tmp_path: Path) -> None:
    root = make_project(tmp_path / "proj")
    alice = {(t["start"], t["end"]) for t in stored(root).values() if t["annotator"] == "alice"}
    export(db_of(root), "csv", tmp_path / "set.csv")
    with (tmp_path / "set.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = {(int(r["start"]), int(r["end"])) for r in csv.DictReader(handle) if r["annotator"] == "alice"}
    assert rows == alice
    export(db_of(root), "doccano", tmp_path / "doccano")
    lines = [json.loads(x) for x in (tmp_path / "doccano" / "alice.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {(s, e) for line in lines for s, e, _label in line["label"]} == alice
    export(db_of(root), "brat", tmp_path / "brat")
    brat = {tuple(int(x) for x in line.split("\t")[1].split(" ")[1:3])
            for ann in (tmp_path / "brat" / "alice").glob("*.ann") for line in ann.read_text(encoding="utf-8").splitlines()
            if line.startswith("T")}
    assert brat == alice


# ----------------------------------------------------------------------------- agreement on spans
def tag(who: str, start: int, end: int, actor: str | None = None, stance: str | None = None,
        article: str = "art") -> dict:
    return {"id": f"{who}-{start}-{end}", "article_id": article, "article_path": "a.txt", "start": start, "end": end,
            "quote": "x" * (end - start), "annotator": who, "actor": actor, "stance": stance,
            "updated": "2025-01-01T00:00:00+00:00"}


def test_jaccard() -> None:
    assert jaccard((0, 10), (0, 10)) == 1.0 and jaccard((0, 10), (10, 20)) == 0.0
    assert jaccard((0, 10), (5, 15)) == pytest.approx(5 / 15) and MATCH_JACCARD == 0.5


def test_spans_cut_a_little_apart_are_one_unit_but_a_quote_inside_a_sentence_is_not() -> None:
    units = match_units([tag("a", 0, 100, "Russia"), tag("b", 2, 100, "Ukraine"),  # J = 0.98: one unit
                         tag("c", 40, 60, "Russia")])  # J = 0.2 with both: its own unit
    assert sorted((unit[1:], sorted(coders)) for unit, coders in units.items()) == [
        ((0, 100), ["a", "b"]), ((40, 60), ["c"])]
    report = agreement([tag("a", 0, 100, "Russia"), tag("b", 2, 100, "Ukraine"), tag("c", 40, 60, "Russia")],
                       "actor")
    assert report.units_coded == 2 and report.units_coded_by_two == 1 and report.percent_agreement == 0.0
    (disagreement,) = report.disagreements
    assert disagreement.spans == {"a": [0, 100], "b": [2, 100]}


def test_greedy_takes_the_largest_overlap_and_one_span_per_coder() -> None:
    units = match_units([tag("a", 0, 10, "X"), tag("b", 0, 6, "Y"), tag("b", 0, 10, "X")])
    assert {unit[1:]: sorted((w, t["end"]) for w, t in c.items()) for unit, c in units.items()} == {
        (0, 10): [("a", 10), ("b", 10)], (0, 6): [("b", 6)]}


def test_every_two_spans_of_a_unit_overlap_enough() -> None:
    # b overlaps a and c by 0.625 each, a and c only 0.25: c does not join a's and b's unit
    units = match_units([tag("a", 0, 10, "X"), tag("b", 0, 16, "X"), tag("c", 6, 16, "X")])
    assert sorted(sorted(c) for c in units.values()) == [["a", "b"], ["c"]]


def test_one_coders_overlapping_spans_are_never_merged() -> None:
    units = match_units([tag("a", 0, 100, "X"), tag("a", 0, 90, "Y")])
    assert len(units) == 2


def test_a_verdict_joins_the_unit_it_matches_best() -> None:
    tags = [tag("a", 0, 100, "Russia"), tag("b", 1, 100, "Ukraine"), tag("adjudicated", 0, 99, "Russia")]
    (contested,) = contested_units(tags)
    assert (contested.start, contested.end) == (0, 100) and contested.adjudicated["actor"] == "Russia"
    assert set(contested.tags) == {"a", "b"}


def test_alpha_and_kappa_on_matched_units_match_the_reference_implementations() -> None:
    rng = np.random.default_rng(7)
    actors = ["Russia", "Ukraine", "Turkey"]
    tags, matrix = [], {"a": [], "b": [], "c": []}
    for unit in range(40):
        base = unit * 200
        for who in ("a", "b", "c"):
            if rng.random() < 0.2:
                matrix[who].append(np.nan)
                continue
            shift = int(rng.integers(0, 8))  # each coder cuts the span a few characters differently
            value = actors[int(rng.integers(0, 3))] if rng.random() < 0.4 else actors[unit % 3]
            tags.append(tag(who, base + shift, base + 100 - int(rng.integers(0, 8)), value))
            matrix[who].append(actors.index(value))
    units = match_units(tags)
    assert len(units) == sum(1 for column in zip(*matrix.values()) if not all(np.isnan(column)))
    report = agreement(tags, "actor")
    data = np.array([matrix[w] for w in ("a", "b", "c")], dtype=float)
    expected = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal", value_domain=[0, 1, 2])
    assert report.alpha_nominal == pytest.approx(expected, abs=1e-9)
    for pair in report.kappas:
        both = [(x, y) for x, y in zip(matrix[pair.coder_a], matrix[pair.coder_b]) if not (np.isnan(x) or np.isnan(y))]
        assert pair.units == len(both)
        assert pair.kappa == pytest.approx(cohen_kappa_score([x for x, _ in both], [y for _, y in both]), abs=1e-9)
