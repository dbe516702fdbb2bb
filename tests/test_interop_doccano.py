"""doccano: one file per annotator, each line what doccano's sequence-labelling JSONL importer takes.

``doccano_import`` follows doccano's importer (``data_import/pipeline``, 1.8): each ``label`` entry is
``[start_offset, end_offset, label]`` with ``0 <= start < end`` and a non-empty label; every label of a file
goes to the user who imports it; in a project without "Allow overlapping spans" its span cleaner sorts labels by
start and keeps one only if it starts at or after the end of the last one kept.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from interop_project import CLAIM, QUOTE, SENTENCE, db_of, make_project, stored

from tui.cli import main
from tui.core.sets.annotation_set import TagFilter, export


def doccano_import(path: Path, allow_overlapping: bool) -> list[tuple[str, int, int, str]]:
    """The spans a doccano project holds after importing ``path``: (text, start, end, label)."""
    held = []
    for line in path.read_text(encoding="utf-8").splitlines():
        example = json.loads(line)
        spans = []
        for entry in example["label"]:
            start, end, label = entry
            assert type(start) is int and type(end) is int and 0 <= start < end, entry
            assert isinstance(label, str) and label, entry
            spans.append((start, end, label))
        if not allow_overlapping:
            spans.sort(key=lambda span: span[0])
            last, kept = -1, []
            for span in spans:
                if span[0] >= last:
                    last = span[1]
                    kept.append(span)
            spans = kept
        held += [(example["text"], start, end, label) for start, end, label in spans]
    return held


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "proj")


def test_one_file_per_annotator_keeps_identical_spans_apart(project: Path, tmp_path: Path) -> None:
    result = export(db_of(project), "doccano", tmp_path / "doccano")
    names = sorted(p.name for p in result.files_written)
    assert names == ["Jean_Dupont.jsonl", "alice.jsonl", "bob.jsonl", "carol.jsonl"]
    alice = doccano_import(tmp_path / "doccano" / "alice.jsonl", allow_overlapping=True)
    bob = doccano_import(tmp_path / "doccano" / "bob.jsonl", allow_overlapping=True)
    sentence = {(text[s:e], label) for text, s, e, label in alice}
    assert (SENTENCE, "Russia") in sentence and (QUOTE, "Russia") in sentence and (CLAIM, "Russia") in sentence
    assert (SENTENCE, "Ukraine") in {(text[s:e], label) for text, s, e, label in bob}  # the same span, kept apart
    for path in result.files_written:
        for line in path.read_text(encoding="utf-8").splitlines():
            example = json.loads(line)
            assert {tag["annotator"] for tag in example["tags"]} == {example["annotator"]}
            for tag in example["tags"]:
                assert example["text"][tag["start"]:tag["end"]] == tag["quote"]
    expected = {uid: t for uid, t in stored(project).items()}
    written = {tag["id"] for path in result.files_written for line in path.read_text(encoding="utf-8").splitlines()
               for tag in json.loads(line)["tags"]}
    assert written == set(expected)


def test_an_actorless_tag_gets_no_label(project: Path, tmp_path: Path) -> None:
    export(db_of(project), "doccano", tmp_path / "doccano")
    (line,) = (tmp_path / "doccano" / "carol.jsonl").read_text(encoding="utf-8").splitlines()
    example = json.loads(line)
    assert example["label"] == [] and example["tags"][0]["actor"] is None
    assert all(label != "Statement" for p in (tmp_path / "doccano").iterdir()
               for _t, _s, _e, label in doccano_import(p, allow_overlapping=True))


def test_overlaps_are_written_and_what_doccano_would_drop_is_said(project: Path, tmp_path: Path) -> None:
    result = export(db_of(project), "doccano", tmp_path / "doccano")
    alice = tmp_path / "doccano" / "alice.jsonl"
    every = doccano_import(alice, allow_overlapping=True)
    cleaned = doccano_import(alice, allow_overlapping=False)
    assert len(every) == 4 and len(every) - len(cleaned) == 2  # the quote and the claim inside the sentence
    (warning,) = [w for w in result.warnings if w.startswith("alice.jsonl")]
    assert "2 label(s) overlap" in warning and "Allow overlapping spans" in warning
    assert not [w for w in result.warnings if w.startswith(("carol", "Jean"))]  # no overlap there, no warning
    bob = tmp_path / "doccano" / "bob.jsonl"
    assert len(doccano_import(bob, True)) - len(doccano_import(bob, False)) == 1
    assert any(w.startswith("bob.jsonl: 1 label(s)") for w in result.warnings)


def test_one_annotator_to_standard_output(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(db_of(project))
    assert main(["export", "--format", "doccano", "--db", db, "--annotator", "bob"]) == 0
    captured = capsys.readouterr()
    lines = [json.loads(line) for line in captured.out.splitlines()]
    assert {line["annotator"] for line in lines} == {"bob"} and "1 label(s) overlap" in captured.err
    assert main(["export", "--format", "doccano", "--db", db]) == 2
    assert "--annotator" in capsys.readouterr().err
    sink = io.StringIO()
    assert export(db_of(project), "doccano", None, TagFilter(annotator="nobody"), stream=sink).tags_written == 0
    assert sink.getvalue() == ""
