"""``newsdesk export``: every format read back with the standard library, offsets checked against the text."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tui.cli import main
from tui.core.extract.reader import article_id, read_file
from tui.core.sets import annotation_set
from tui.core.sets.annotation_set import FORMATS, ArticleResolver, TagFilter, export
from tui.core.sets.formats import brat, csvtable
from tui.core.sets.formats.base import TAG_FIELDS
from tui.core.store.database import AnnotationStore

# CRLF line ends on disk, an astral emoji before and inside tags, a tag across a line break.
ARTICLE_A = ("Talks Resume in Geneva\r\nPublished: March 3, 2025\r\n\r\n"
             "Russia said talks could resume. \U0001F600 Ukraine\r\nrejected the proposal \U0001F1FA\U0001F1E6.\r\n"
             "Turkey offered to host them.\r\n")
JSONL_ARTICLES = [{"title": "Line one", "published": "2025-05-02", "text": "NATO warned on Friday.\nIt met."},
                  {"title": "Line two", "text": "China denied it.\n\nThe EU said nothing."}]


def text_of(path: Path) -> str:
    return next(read_file(path)).text


def tag(store: AnnotationStore, path: str, text: str, quote: str, annotator: str, **fields: object) -> dict:
    start = text.index(quote)
    return store.set_tag(article_id=article_id(text), article_path=path, text=text, start=start,
                         end=start + len(quote), annotator=annotator, **fields)


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """proj/annotations/annotations.json with tags on proj/articles/a.txt and two lines of proj/articles/b.jsonl."""
    root = tmp_path / "proj"
    (root / "articles").mkdir(parents=True)
    (root / "articles" / "a.txt").write_bytes(ARTICLE_A.encode("utf-8"))
    (root / "articles" / "b.jsonl").write_text("\n".join(json.dumps(a) for a in JSONL_ARTICLES) + "\n",
                                               encoding="utf-8")
    a = text_of(root / "articles" / "a.txt")
    line1, line2 = JSONL_ARTICLES[0]["text"], JSONL_ARTICLES[1]["text"]
    with AnnotationStore.open(root / "annotations" / "annotations.json", annotator="alice") as store:
        tag(store, "articles/a.txt", a, "Russia said talks could resume.", "alice", actor="Russia",
            stance="support", note='=HYPERLINK("http://evil.example","click")')
        tag(store, "articles/a.txt", a, "Russia said talks could resume.", "bob", actor="+1", stance="oppose")
        tag(store, "articles/a.txt", a, "\U0001F600 Ukraine\nrejected the proposal \U0001F1FA\U0001F1E6.", "alice",
            actor="-2", note="spans a line\nbreak")
        tag(store, "articles/a.txt", a, "Turkey offered to host them.", "bob", actor="@x", suggested=True)
        tag(store, "articles/a.txt", a, "Turkey", "carol", note="\tno actor, tab first")
        tag(store, "articles/b.jsonl:1", line1, "NATO warned on Friday.", "alice", actor="NATO", stance="neutral")
        tag(store, "articles/b.jsonl:2", line2, "China denied it.\n\nThe EU", "bob", actor="China")
    return root


def db_of(root: Path) -> Path:
    return root / "annotations" / "annotations.json"


def texts_by_id(root: Path) -> dict[str, str]:
    resolver = ArticleResolver([root])
    keys = ["articles/a.txt", "articles/b.jsonl:1", "articles/b.jsonl:2"]
    return {resolver.get(k).text_id: resolver.get(k).text for k in keys}


def stored_tags(root: Path) -> list[dict]:
    with AnnotationStore.open(db_of(root), read_only=True) as store:
        return list(store.all_tags())


def test_jsonl_has_every_field_title_and_date(project: Path, tmp_path: Path) -> None:
    result = export(db_of(project), "jsonl", tmp_path / "out.jsonl")
    lines = (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert result.tags_written == len(records) == 7 and not result.warnings
    texts = texts_by_id(project)
    by_id = {t["id"]: t for t in stored_tags(project)}
    for record in records:
        assert {name: record[name] for name in TAG_FIELDS} == by_id[record["id"]]
        assert texts[record["article_id"]][record["start"]:record["end"]] == record["quote"]
    a = next(r for r in records if r["article_path"] == "articles/a.txt")
    assert (a["article_title"], a["article_published"]) == ("Talks Resume in Geneva", "2025-03-03")
    line1 = next(r for r in records if r["article_path"] == "articles/b.jsonl:1")
    assert (line1["article_title"], line1["article_published"]) == ("Line one", "2025-05-02")


def test_csv_neutralises_formulas_and_reads_back(project: Path, tmp_path: Path) -> None:
    export(db_of(project), "csv", tmp_path / "out.csv")
    raw = (tmp_path / "out.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    with (tmp_path / "out.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == list(csvtable.COLUMNS) and len(rows) == 7
    texts = texts_by_id(project)
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r"))
        quote = csvtable.restore(row["quote"])
        assert texts[row["article_id"]][int(row["start"]):int(row["end"])] == quote
    actors = {csvtable.restore(r["actor"]) for r in rows}
    assert {"'+1", "'-2", "'@x"} <= {r["actor"] for r in rows} and {"+1", "-2", "@x", "Russia"} <= actors
    note = next(r["note"] for r in rows if "HYPERLINK" in r["note"])
    assert note == "'" + '=HYPERLINK("http://evil.example","click")'
    assert csvtable.restore(next(r["note"] for r in rows if "tab first" in r["note"])) == "\tno actor, tab first"
    assert {r["suggested"] for r in rows} == {"true", "false"}
    assert csvtable.restore(csvtable.neutralise("'=x")) == "'=x"


def test_w3c_collection_follows_the_model(project: Path, tmp_path: Path) -> None:
    export(db_of(project), "w3c", tmp_path / "out.jsonld")
    data = json.loads((tmp_path / "out.jsonld").read_text(encoding="utf-8"))
    assert data["@context"][0] == "http://www.w3.org/ns/anno.jsonld" and "nd" in data["@context"][1]
    assert data["type"] == "AnnotationCollection" and data["id"].startswith("urn:uuid:")
    page = data["first"]
    assert page["type"] == "AnnotationPage" and data["last"] == page["id"] and page["startIndex"] == 0
    items = page["items"]
    assert data["total"] == len(items) == 7
    texts = texts_by_id(project)
    for item in items:
        assert item["type"] == "Annotation" and item["id"].startswith("urn:uuid:")
        assert {"created", "modified", "creator", "target"} <= set(item)
        selectors = {s["type"]: s for s in item["target"]["selector"]}
        quote, position = selectors["TextQuoteSelector"], selectors["TextPositionSelector"]
        text = texts[item["target"]["source"]["id"].rsplit(":", 1)[1]]
        assert text[position["start"]:position["end"]] == quote["exact"]
        assert text[:position["start"]].endswith(quote["prefix"]) and text[position["end"]:].startswith(quote["suffix"])
        for body in item.get("body", []):
            assert body["type"] == "TextualBody" and body["purpose"] in ("tagging", "commenting")
    russia = next(i for i in items if i["creator"]["name"] == "alice" and "HYPERLINK" in json.dumps(i))
    purposes = sorted((b["purpose"], b.get("nd:code")) for b in russia["body"])
    assert purposes == [("commenting", None), ("tagging", "actor"), ("tagging", "stance")]


def read_ann(path: Path) -> list[list[str]]:
    return [line.split("\t") for line in path.read_text(encoding="utf-8").split("\n") if line]


def test_brat_folder_offsets_reproduce_the_text(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "brat"
    result = export(db_of(project), "brat", out)
    conf = (out / "annotation.conf").read_text(encoding="utf-8")
    for section in ("[entities]", "[relations]", "[events]", "[attributes]"):
        assert section in conf
    assert "Stance\tArg:<ENTITY>, Value:" in conf and "Statement" in conf
    assert sorted(p.name for p in out.iterdir()) == ["alice", "annotation.conf", "bob", "carol", "visual.conf"]
    stored = stored_tags(project)
    spans = {(t["annotator"], t["start"], t["end"]) for t in stored}
    lines_seen = 0
    for ann in out.glob("*/*.ann"):
        text = ann.with_suffix(".txt").read_bytes().decode("utf-8")
        assert article_id(text) in ann.stem  # the .txt is the article text exactly
        rows = read_ann(ann)
        ids = {row[0] for row in rows if row[0].startswith("T")}
        for row in rows:
            if row[0].startswith("T"):
                kind, *offsets = row[1].split(" ", 1)
                pieces = [tuple(map(int, p.split())) for p in offsets[0].split(";")]
                assert " ".join(text[s:e] for s, e in pieces) == row[2]
                assert all("\n" not in text[s:e] for s, e in pieces)
                assert (ann.parent.name, pieces[0][0], pieces[-1][1]) in spans
                assert kind in conf
                lines_seen += 1
            elif row[0].startswith("A"):
                assert row[1].split()[1] in ids
            else:
                assert row[0].startswith("#") and row[1].split()[0] == "AnnotatorNotes" and row[1].split()[1] in ids
    assert lines_seen == result.tags_written == 7
    alice_a, bob_a = next(out.glob("alice/a-*.txt")), next(out.glob("bob/a-*.txt"))
    assert alice_a.read_bytes() == text_of(project / "articles" / "a.txt").encode("utf-8")
    assert b"\r" not in alice_a.read_bytes() and alice_a.samefile(bob_a)  # CRLF read as \n; one text, linked
    multi = [row for ann in out.glob("alice/a-*.ann") for row in read_ann(ann) if ";" in row[1]]
    assert len(multi) == 1 and "\U0001F600 Ukraine rejected" in multi[0][2]
    jsonl_doc = next(out.glob("bob/b_2-*.ann"))
    assert read_ann(jsonl_doc)[0][1].startswith("China ")


def test_labelstudio_tasks_and_config(project: Path, tmp_path: Path) -> None:
    export(db_of(project), "labelstudio", tmp_path / "tasks.json")
    tasks = json.loads((tmp_path / "tasks.json").read_text(encoding="utf-8"))
    config = ET.parse(tmp_path / "tasks.label_config.xml").getroot()
    assert config.tag == "View"
    labels = config.find("Labels")
    assert labels.get("name") == "actor" and labels.get("toName") == "text"
    assert config.find("Text").get("value") == "$text" and config.find("Text").get("name") == "text"
    choices = config.find("Choices")
    assert choices.get("perRegion") == "true" and choices.get("name") == "stance"
    assert config.find("TextArea").get("perRegion") == "true"
    label_values = {label.get("value") for label in labels}
    choice_values = {choice.get("value") for choice in choices}
    assert len(tasks) == 3
    regions = 0
    for task in tasks:
        text = task["data"]["text"]
        assert article_id(text) == task["data"]["article_id"]
        assert len({a["completed_by"]["email"] for a in task["annotations"]}) == len(task["annotations"])
        for annotation in task["annotations"]:
            assert {"result", "created_at", "updated_at"} <= set(annotation)
            spans = {r["id"]: r["value"] for r in annotation["result"] if r["type"] == "labels"}
            for result in annotation["result"]:
                assert {"id", "from_name", "to_name", "type", "value"} <= set(result)
                value = result["value"]
                assert (value["start"], value["end"]) == (spans[result["id"]]["start"], spans[result["id"]]["end"])
                if result["type"] == "labels":
                    regions += 1
                    assert text[value["start"]:value["end"]] == value["text"]
                    assert set(value["labels"]) <= label_values
                elif result["type"] == "choices":
                    assert set(value["choices"]) <= choice_values
                else:
                    assert result["type"] == "textarea" and isinstance(value["text"], list)
    assert regions == 7


def test_doccano_lines(project: Path, tmp_path: Path) -> None:
    result = export(db_of(project), "doccano", tmp_path / "out")
    assert sorted(p.name for p in result.files_written) == ["alice.jsonl", "bob.jsonl", "carol.jsonl"]
    lines = [json.loads(line) for path in result.files_written for line in path.read_text(encoding="utf-8").splitlines()]
    assert sum(len(line["tags"]) for line in lines) == 7
    for line in lines:
        assert {tag["annotator"] for tag in line["tags"]} == {line["annotator"]}
        for start, end, label in line["label"]:
            assert isinstance(label, str) and 0 <= start < end <= len(line["text"])
        for tag_meta in line["tags"]:
            assert line["text"][tag_meta["start"]:tag_meta["end"]] == tag_meta["quote"]
    carol = next(line for line in lines if line["annotator"] == "carol")
    assert carol["label"] == [] and len(carol["tags"]) == 1  # a tag without an actor has no label


def test_missing_article_is_reported_not_dropped(project: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    (project / "articles" / "b.jsonl").unlink()
    db = str(db_of(project))
    assert main(["export", "--format", "jsonl", "--db", db, "--out", str(tmp_path / "all.jsonl")]) == 0
    err = capsys.readouterr().err.splitlines()
    assert len([line for line in err if "b.jsonl" in line]) == 2  # one line per article
    assert len((tmp_path / "all.jsonl").read_text(encoding="utf-8").splitlines()) == 7
    for fmt, out in (("brat", "b"), ("labelstudio", "l.json"), ("doccano", "d")):
        assert main(["export", "--format", fmt, "--db", db, "--out", str(tmp_path / out)]) == 0
        err = capsys.readouterr().err.splitlines()
        missing = [line for line in err if "b.jsonl" in line]
        assert len(missing) == 2 and all("1 tag(s) left out of " + fmt in line for line in missing)
        assert "exported 5 tag(s)" in err[-1] and "2 left out" in err[-1]


def test_changed_text_is_reanchored_in_the_export_only(project: Path, tmp_path: Path) -> None:
    before = db_of(project).read_bytes()
    path = project / "articles" / "a.txt"
    path.write_bytes(("Breaking\r\n" + ARTICLE_A).encode("utf-8"))
    result = export(db_of(project), "jsonl", tmp_path / "out.jsonl")
    assert result.reanchored == 5 and result.orphaned == 0
    text = text_of(path)
    for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["article_path"] == "articles/a.txt":
            assert record["article_id"] == article_id(text) and text[record["start"]:record["end"]] == record["quote"]
    assert db_of(project).read_bytes() == before  # read-only: the database is never written
    path.write_text("A different article altogether.\n", encoding="utf-8")
    result = export(db_of(project), "labelstudio", tmp_path / "ls.json")
    assert result.orphaned == 5 and result.left_out == 5
    assert result.warnings == ["articles/a.txt: 5 tag(s) left out of labelstudio: their quote is no longer in the "
                               "article text"]


@pytest.mark.parametrize(("filters", "expected"), [
    (TagFilter(annotator="bob"), 3),
    (TagFilter(actor="russia"), 1),
    (TagFilter(stance="OPPOSE"), 1),
    (TagFilter(article="articles/b.jsonl:1"), 1),
    (TagFilter(article="./articles/../articles/a.txt"), 5),
    (TagFilter(annotator="alice", since="2000-01-01"), 3),
    (TagFilter(since="2999-01-01T00:00:00Z"), 0),
])
def test_filters(project: Path, tmp_path: Path, filters: TagFilter, expected: int) -> None:
    assert export(db_of(project), "jsonl", tmp_path / "out.jsonl", filters).tags_written == expected


def test_article_filter_takes_an_id_prefix(project: Path, tmp_path: Path) -> None:
    a_id = article_id(text_of(project / "articles" / "a.txt"))
    assert export(db_of(project), "csv", tmp_path / "a.csv", TagFilter(article=a_id[:6])).tags_written == 5


def test_since_is_checked(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "jsonl", "--db", str(db_of(project)), "--since", "last week"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--since" in err


def test_existing_out_needs_force(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(db_of(project))
    out = tmp_path / "out.csv"
    out.write_text("keep me", encoding="utf-8")
    assert main(["export", "--format", "csv", "--db", db, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "already exists" in err and "--force" in err
    assert out.read_text(encoding="utf-8") == "keep me"
    assert main(["export", "--format", "csv", "--db", db, "--out", str(out), "--force"]) == 0
    assert out.read_text(encoding="utf-8-sig").startswith("id,")
    folder = tmp_path / "brat"
    (folder / "old").mkdir(parents=True)
    assert main(["export", "--format", "brat", "--db", db, "--out", str(folder)]) == 2
    assert [p.name for p in folder.iterdir()] == ["old"]
    assert main(["export", "--format", "brat", "--db", db, "--out", str(folder), "--force"]) == 0
    assert (folder / "annotation.conf").is_file() and not (folder / "old").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary left over


def test_labelstudio_config_beside_counts_as_existing(project: Path, tmp_path: Path) -> None:
    (tmp_path / "tasks.label_config.xml").write_text("<View/>", encoding="utf-8")
    with pytest.raises(annotation_set.AnnotationSetError, match="label_config.xml: already exists"):
        export(db_of(project), "labelstudio", tmp_path / "tasks.json")
    assert not (tmp_path / "tasks.json").exists()


def test_a_failed_write_leaves_no_half_export(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("previous export\n", encoding="utf-8")
    folder = tmp_path / "brat"

    def broken(entries: list, handle: io.TextIOBase, ctx: object) -> None:
        handle.write("{\"partial\": ")
        raise OSError(28, "No space left on device")

    def broken_folder(entries: list, target: Path, ctx: object) -> list[Path]:
        (target / "half.ann").write_text("T1\t", encoding="utf-8")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("tui.core.sets.formats.jsonl.write", broken)
    monkeypatch.setattr("tui.core.sets.formats.brat.write_folder", broken_folder)
    with pytest.raises(annotation_set.AnnotationSetError, match="No space left"):
        export(db_of(project), "jsonl", out, force=True)
    with pytest.raises(annotation_set.AnnotationSetError, match="No space left"):
        export(db_of(project), "brat", folder)
    assert out.read_text(encoding="utf-8") == "previous export\n" and not folder.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl", "proj"]


def test_hostile_article_paths_stay_inside_the_brat_folder(tmp_path: Path) -> None:
    root = tmp_path / "a" / "b" / "proj"
    (tmp_path / "a" / "etc").mkdir(parents=True)
    (root / "articles").mkdir(parents=True)
    hostile = "../../etc/passwd.txt"
    (root / hostile).write_text("Russia said no.\n", encoding="utf-8")
    weird = "articles/\x1b[31mred\n..\\..\\x\x07.txt"
    (root / weird).write_text("Ukraine said yes.\n", encoding="utf-8")
    with AnnotationStore.open(root / "annotations" / "db.json", annotator="../../evil\x1b") as store:
        tag(store, hostile, "Russia said no.\n", "Russia said no.", "../../evil\x1b", actor="Russia")
        tag(store, weird, "Ukraine said yes.\n", "Ukraine", "annotation.conf", actor="Ukraine")
    out = tmp_path / "export"
    result = export(root / "annotations" / "db.json", "brat", out)
    assert result.tags_written == 2 and not result.warnings
    for path in result.files_written:
        assert path.resolve().is_relative_to(out.resolve()) and path.exists()
    names = sorted(str(p.relative_to(out)) for p in out.rglob("*"))
    assert all(set(name) <= set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-/") for name in names)
    assert any(name.startswith("evil/passwd-") for name in names)
    assert (out / "annotation.conf").is_file() and (out / "annotation.conf-2").is_dir()
    assert brat.safe_name("../../etc/passwd", "x") == "etc_passwd" and brat.safe_name("\x00..", "x") == "x"


def test_stdout_and_folder_formats(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(db_of(project))
    assert main(["export", "--format", "w3c", "--db", db]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["total"] == 7 and "exported 7 tag(s)" in captured.err
    assert main(["export", "--format", "csv", "--db", db, "--out", "-", "--stance", "support"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0][0] == "id" and len(rows) == 2  # no byte-order mark on standard output
    assert main(["export", "--format", "labelstudio", "--db", db, "--article", "articles/a.txt"]) == 0
    captured = capsys.readouterr()
    assert len(json.loads(captured.out)) == 1 and "label_config.xml" in captured.err
    assert main(["export", "--format", "brat", "--db", db]) == 2
    assert "--out" in capsys.readouterr().err
    assert main(["export", "--format", "jsonl", "--db", str(project / "nothing.json")]) == 2
    assert "no such annotation database" in capsys.readouterr().err


def test_progress_reaches_the_total(project: Path, tmp_path: Path) -> None:
    for fmt in FORMATS:
        seen: list[tuple[int, int]] = []
        export(db_of(project), fmt, tmp_path / f"out-{fmt}", progress=lambda done, total: seen.append((done, total)))
        assert seen and seen[-1][0] == seen[-1][1] == 10  # 3 articles read + 7 tags written
        assert [done for done, _total in seen] == sorted(done for done, _total in seen)


def test_export_takes_an_open_store(project: Path) -> None:
    with AnnotationStore.open(db_of(project), annotator="alice") as store:  # the app holds the writer lock
        sink = io.StringIO()
        result = export(store, "jsonl", None, TagFilter(annotator="carol"), stream=sink)
    assert result.tags_written == 1 and json.loads(sink.getvalue())["note"] == "\tno actor, tab first"


def test_seed_exports_carry_each_articles_publication_date(tmp_path: Path, seeds_gold: dict) -> None:
    """Stated or inferred, the date is the one `newsdesk extract` gives (the seeds' gold)."""
    import shutil

    root = tmp_path / "proj"
    shutil.copytree(Path(__file__).resolve().parent.parent / "seeds", root / "seeds")
    gold = seeds_gold
    with AnnotationStore.open(root / "annotations" / "annotations.json", annotator="alice") as store:
        for path in sorted((root / "seeds").glob("*.txt")):
            text = text_of(path)
            store.set_tag(article_id=article_id(text), article_path=f"seeds/{path.name}", text=text, start=0, end=5,
                          annotator="alice", actor="Russia")
    export(db_of(root), "jsonl", tmp_path / "out.jsonl")
    records = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    dates = {Path(r["article_path"]).name: r["article_published"] for r in records}
    assert dates == {name: gold[name]["published"] for name in gold if not name.startswith("_")}
