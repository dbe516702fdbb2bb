"""``newsdesk import``: round trips through every importable format, Label Studio's own files, refusals that
name the line and leave the database alone, re-anchoring against the article text found here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tinydb import TinyDB

from tui.cli import main
from tui.core.extract.reader import article_id, read_file
from tui.core.sets.annotation_set import AnnotationSetError, export
from tui.core.sets.formats.base import TAG_FIELDS
from tui.core.sets.importing import import_file
from tui.core.store.anchoring import selector
from tui.core.store.database import AnnotationStore

ARTICLE = ("Talks Resume\n\nRussia said talks could resume. \U0001F600 Ukraine\nrejected the proposal.\n"
           "Turkey offered to host them. Russia said talks could resume.\n")
OLD_VERSION_ID = "00000000deadbeef"  # a tag saved on an older version whose quote still sits at the same place


def doc(text: str, quote: str, annotator: str, uid: str, *, occurrence: int = 0, path: str = "articles/a.txt",
        **fields: object) -> dict:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(quote, start + 1)
    end = start + len(quote)
    base = {"id": uid, "article_id": article_id(text), "article_path": path, "start": start, "end": end,
            **selector(text, start, end), "actor": None, "stance": None, "note": None, "annotator": annotator,
            "created": "2025-01-02T03:04:05.000006+00:00", "updated": "2025-02-03T04:05:06.000007+00:00",
            "suggested": False, "orphan": False}
    base.update(fields)
    return base


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    root = tmp_path / "proj"
    (root / "articles").mkdir(parents=True)
    (root / "articles" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "articles" / "b.jsonl").write_text(json.dumps({"text": "NATO warned.\nChina denied."}) + "\n",
                                               encoding="utf-8")
    b = "NATO warned.\nChina denied."
    docs = [
        doc(ARTICLE, "Russia said talks could resume.", "alice", "a" * 32, actor="Russia", stance="support",
            note="first line\nsecond line"),
        doc(ARTICLE, "Russia said talks could resume.", "alice", "b" * 32, occurrence=1, actor="Russia",
            suggested=True),
        doc(ARTICLE, "\U0001F600 Ukraine\nrejected", "bob", "c" * 32, stance="oppose", orphan=True),
        doc(ARTICLE, "Turkey offered", "adjudicated", "d" * 32, actor="Turkey", stance="neutral", note=""),
        doc(ARTICLE, "Talks", "bob", "e" * 32, article_id=OLD_VERSION_ID, actor="Statement"),
        doc(b, "China denied.", "carol", "f" * 32, path="articles/b.jsonl:1", actor="China",
            created="2024-12-31T23:59:59+00:00", updated="2024-12-31T23:59:59+00:00"),
    ]
    with AnnotationStore.open(root / "annotations" / "annotations.json", annotator="alice") as store:
        store.add_tags(docs)
    return root


def db_of(root: Path) -> Path:
    return root / "annotations" / "annotations.json"


def documents(db: Path) -> dict[str, dict]:
    return {d["id"]: dict(d) for d in TinyDB(db).table("annotations").all()}


@pytest.mark.parametrize(("fmt", "name"), [("jsonl", "set.jsonl"), ("w3c", "set.jsonld"),
                                           ("labelstudio", "set.json")])
def test_round_trip_gives_back_every_field(project: Path, fmt: str, name: str,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    out = project / "exports" / name
    assert export(db_of(project), fmt, out).tags_written == 6
    empty = project / "annotations" / f"copy-{fmt}.json"
    assert main(["import", str(out), "--db", str(empty)]) == 0
    assert capsys.readouterr().out.strip().endswith(f"({fmt}): 6 added, 0 replaced, 0 unchanged")
    before, after = documents(db_of(project)), documents(empty)
    assert sorted(before) == sorted(after)
    for uid, original in before.items():
        assert list(after[uid]) == list(TAG_FIELDS)
        assert after[uid] == original, uid
    assert main(["import", str(out), "--db", str(empty), "--format", fmt]) == 0
    assert capsys.readouterr().out.strip().endswith("0 added, 0 replaced, 6 unchanged")


def test_newer_versions_replace(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "set.jsonl"
    export(db_of(project), "jsonl", out)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    lines[0]["actor"], lines[0]["updated"] = "NATO", "2026-01-01T00:00:00.000000+00:00"
    out.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    result = import_file(out, db_of(project))
    assert (result.added, result.replaced, result.unchanged) == (0, 1, 5)
    assert documents(db_of(project))[lines[0]["id"]]["actor"] == "NATO"


def refused(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    return err


@pytest.mark.parametrize(("line", "expected"), [
    ('{"id": "x", "broken": ', "bad.jsonl:3: not valid JSON"),
    ('["a list"]', "bad.jsonl:3: expected an object"),
    ('{"id": 1}', "bad.jsonl:3: missing fields"),
])
def test_malformed_jsonl_is_refused_with_its_line(project: Path, tmp_path: Path, line: str, expected: str,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "set.jsonl"
    export(db_of(project), "jsonl", out)
    good = out.read_text(encoding="utf-8").splitlines()
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join(good[:2] + [line] + good[2:]) + "\n", encoding="utf-8")
    before = db_of(project).read_bytes()
    err = refused(["import", str(bad), "--db", str(db_of(project))], capsys)
    assert expected in err
    assert db_of(project).read_bytes() == before
    assert not db_of(project).with_name("annotations.json.journal").exists()
    fresh = tmp_path / "fresh" / "db.json"
    refused(["import", str(bad), "--db", str(fresh)], capsys)
    assert not fresh.parent.exists()  # nothing written, not even an empty database


def test_wrong_field_types_name_line_and_field(project: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "set.jsonl"
    export(db_of(project), "jsonl", out)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    for field, value, message in (("start", "5", "field 'start' must be an integer"),
                                  ("suggested", 1, "field 'suggested' must be true or false"),
                                  ("quote", "x", "quote has 1 characters"),
                                  ("updated", "yesterday", "field 'updated' is not an ISO 8601 time")):
        broken = [dict(line) for line in lines]
        broken[1][field] = value
        out.write_text("\n".join(json.dumps(line) for line in broken) + "\n", encoding="utf-8")
        assert f"set.jsonl:2: {message}" in refused(["import", str(out), "--db", str(db_of(project))], capsys)


def test_malformed_json_names_the_line_or_item(project: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "set.jsonld"
    export(db_of(project), "w3c", out)
    text = out.read_text(encoding="utf-8")
    before = db_of(project).read_bytes()
    lines = text.split("\n")
    lines[4] = lines[4] + " oops"
    (tmp_path / "syntax.jsonld").write_text("\n".join(lines), encoding="utf-8")
    assert "syntax.jsonld:5: not valid JSON" in refused(["import", str(tmp_path / "syntax.jsonld"), "--db",
                                                          str(db_of(project))], capsys)
    data = json.loads(text)
    del data["first"]["items"][1]["target"]["selector"][1]
    (tmp_path / "item.jsonld").write_text(json.dumps(data), encoding="utf-8")
    err = refused(["import", str(tmp_path / "item.jsonld"), "--db", str(db_of(project))], capsys)
    assert "item.jsonld: item 2: the target needs a TextQuoteSelector and a TextPositionSelector" in err
    (tmp_path / "what.json").write_text('{"hello": "world"}', encoding="utf-8")
    assert "cannot tell the format" in refused(["import", str(tmp_path / "what.json"), "--db", str(db_of(project))],
                                               capsys)
    assert db_of(project).read_bytes() == before


def test_label_studio_file_from_label_studio(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "Intro \U0001F600 here. Russia said talks could resume.\nUkraine rejected it."
    russia = text.index("Russia")
    ukraine = text.index("Ukraine")
    tasks = [{"id": 11, "data": {"text": text}, "annotations": [
        {"id": 1, "completed_by": 7, "created_at": "2024-03-01T10:00:00.123456Z",
         "updated_at": "2024-03-02T10:00:00.654321Z", "was_cancelled": False,
         "result": [
             # an old Label Studio counted UTF-16 units: one more for the emoji before the span
             {"id": "r1", "from_name": "label", "to_name": "text", "type": "labels",
              "value": {"start": russia + 1, "end": russia + 32, "text": "Russia said talks could resume.",
                        "labels": ["Russia"]}},
             {"id": "r1", "from_name": "sentiment", "to_name": "text", "type": "choices",
              "value": {"start": russia + 1, "end": russia + 32, "choices": ["support"]}},
             {"id": "r2", "from_name": "label", "to_name": "text", "type": "labels",
              "value": {"start": ukraine, "end": ukraine + 7, "labels": ["Ukraine"]}},
             {"id": "r2", "from_name": "comment", "to_name": "text", "type": "textarea",
              "value": {"start": ukraine, "end": ukraine + 7, "text": ["check", "this"]}},
             {"id": "q", "from_name": "quality", "to_name": "text", "type": "rating", "value": {"rating": 4}},
         ]},
        {"id": 2, "completed_by": {"id": 3, "email": "eve@example.org"}, "created_at": "2024-03-05T00:00:00Z",
         "result": [{"id": "r9", "from_name": "label", "to_name": "text", "type": "labels",
                     "value": {"start": ukraine, "end": ukraine + 7, "text": "Ukraine", "labels": ["Ukraine"]}}]},
        {"id": 3, "completed_by": 8, "was_cancelled": True, "result": []},
    ]}]
    path = tmp_path / "project-1-at-2024.json"
    path.write_text(json.dumps(tasks), encoding="utf-8")
    db = tmp_path / "db.json"
    assert main(["import", str(path), "--db", str(db)]) == 0
    captured = capsys.readouterr()
    assert "3 added, 0 replaced, 0 unchanged, 1 re-anchored" in captured.out
    assert "1 result(s) that are not actor labels" in captured.err
    tags = sorted(documents(db).values(), key=lambda t: (t["annotator"], t["start"]))
    assert [(t["annotator"], t["actor"], t["stance"], t["note"]) for t in tags] == [
        ("labelstudio:7", "Russia", "support", None), ("labelstudio:7", "Ukraine", None, "check\nthis"),
        ("labelstudio:eve@example.org", "Ukraine", None, None)]
    for tag in tags:
        assert tag["article_id"] == article_id(text) and tag["article_path"] == "labelstudio:task:11"
        assert text[tag["start"]:tag["end"]] == tag["quote"]
        assert {k: tag[k] for k in ("prefix", "suffix")} == {k: v for k, v in selector(text, tag["start"],
                                                                                         tag["end"]).items()
                                                               if k != "quote"}
    assert tags[0]["start"] == russia and tags[0]["created"] == "2024-03-01T10:00:00.123456+00:00"
    assert tags[0]["updated"] == "2024-03-02T10:00:00.654321+00:00"
    assert main(["import", str(path), "--db", str(db)]) == 0  # stable ids: the same file again changes nothing
    assert "0 added, 0 replaced, 3 unchanged" in capsys.readouterr().out


def test_label_studio_edits_win_over_the_extension(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "tasks.json"
    export(db_of(project), "labelstudio", out)
    tasks = json.loads(out.read_text(encoding="utf-8"))
    result = next(r for task in tasks for a in task["annotations"] for r in a["result"]
                  if r["id"] == "a" * 32 and r["type"] == "labels")
    result["value"]["labels"] = ["Ukraine"]
    for task in tasks:
        for annotation in task["annotations"]:
            annotation["updated_at"] = "2030-01-01T00:00:00Z"
    out.write_text(json.dumps(tasks), encoding="utf-8")
    fresh = tmp_path / "db.json"
    import_file(out, fresh)
    after = documents(fresh)
    assert after["a" * 32]["actor"] == "Ukraine" and after["a" * 32]["updated"] == "2030-01-01T00:00:00.000000+00:00"
    assert after["b" * 32] == documents(db_of(project))["b" * 32]  # untouched regions come back exactly


def test_import_reanchors_or_orphans_against_the_current_text(project: Path, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "set.jsonl"
    export(db_of(project), "jsonl", out, )
    article = project / "articles" / "a.txt"
    article.write_text("Breaking news first.\n" + ARTICLE, encoding="utf-8")
    new_db = project / "annotations" / "new.json"
    assert main(["import", str(out), "--db", str(new_db)]) == 0
    assert "6 added, 0 replaced, 0 unchanged, 5 re-anchored" in capsys.readouterr().out
    text = next(read_file(article)).text
    old = documents(db_of(project))
    for uid, tag in documents(new_db).items():
        if tag["article_path"] == "articles/a.txt":
            assert text[tag["start"]:tag["end"]] == tag["quote"] and tag["article_id"] == article_id(text)
            assert tag["start"] == old[uid]["start"] + len("Breaking news first.\n")
            assert tag["updated"] == old[uid]["updated"] and tag["orphan"] is False
    article.write_text("Something else entirely.\n", encoding="utf-8")
    other_db = project / "annotations" / "other.json"
    assert main(["import", str(out), "--db", str(other_db)]) == 0
    assert "6 added, 0 replaced, 0 unchanged, 5 orphaned" in capsys.readouterr().out
    orphans = [t for t in documents(other_db).values() if t["orphan"]]
    assert len(orphans) == 5  # kept, marked, never dropped


def test_article_not_found_is_counted(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "set.jsonl"
    export(db_of(project), "jsonl", out)
    result = import_file(out, tmp_path / "elsewhere" / "db.json")
    assert result.added == 6 and result.unchecked == 6 and "6 not checked" in result.summary()


def test_locked_database_is_a_one_line_error(project: Path, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "set.jsonl"
    export(db_of(project), "jsonl", out)
    with AnnotationStore.open(db_of(project), annotator="someone") as _writer:
        before = db_of(project).read_bytes()
        err = refused(["import", str(out), "--db", str(db_of(project))], capsys)
        assert "open for writing" in err
        assert db_of(project).read_bytes() == before


def test_doccano_and_unknown_formats_are_refused(project: Path, tmp_path: Path) -> None:
    export(db_of(project), "doccano", tmp_path / "doccano")
    out = tmp_path / "doccano" / "alice.jsonl"
    with pytest.raises(AnnotationSetError, match="doccano"):
        import_file(out, tmp_path / "db.json")
    with pytest.raises(AnnotationSetError, match="cannot import csv"):
        import_file(out, tmp_path / "db.json", "csv")
    with pytest.raises(AnnotationSetError, match="no such file"):
        import_file(tmp_path / "missing.json", tmp_path / "db.json")
    assert not (tmp_path / "db.json").exists()


def test_w3c_page_or_list_of_annotations(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "set.jsonld"
    export(db_of(project), "w3c", out)
    page = json.loads(out.read_text(encoding="utf-8"))["first"]
    (tmp_path / "page.json").write_text(json.dumps(page), encoding="utf-8")
    (tmp_path / "list.json").write_text(json.dumps(page["items"][:2]), encoding="utf-8")
    assert import_file(tmp_path / "page.json", tmp_path / "a.json").added == 6
    result = import_file(tmp_path / "list.json", tmp_path / "b.json")
    assert (result.fmt, result.added) == ("w3c", 2)
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n", encoding="utf-8")
    assert import_file(empty, tmp_path / "c" / "db.json").added == 0 and not (tmp_path / "c").exists()
