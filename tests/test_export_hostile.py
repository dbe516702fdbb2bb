"""Every export format on random Unicode: never an exception, every offset valid and its slice equal to the text
the format reports, and no file outside the export folder whatever the annotator is called."""

from __future__ import annotations

import csv
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tui.core.extract.reader import RawArticle, article_id, read_file
from tui.core.sets.annotation_set import export
from tui.core.sets.formats import csvtable
from tui.core.store.database import AnnotationStore

# Any code point a UTF-8 file can hold (no lone surrogates), control characters and line separators included.
TEXT = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=200)
FIELD = st.one_of(st.none(), st.text(st.characters(exclude_categories=("Cs",)), max_size=20))
ANNOTATORS = st.sampled_from(["alice", "../../etc/passwd", "a\nb\x1b[31m", "[bold]x[/]", "CON", ".", "\u202eevil"])


@st.composite
def tagged_text(draw: st.DrawFn) -> tuple[str, list[tuple[int, int, str, str | None, str | None]]]:
    text = draw(TEXT)
    spans = []
    for _ in range(draw(st.integers(1, 4))):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        spans.append((start, end, draw(ANNOTATORS), draw(FIELD), draw(FIELD)))
    return text, spans


def build(root: Path, raw_text: str, spans: list) -> str:
    """proj/articles/x.txt holding ``raw_text`` and tags on it; returns the text as the reader gives it."""
    (root / "articles").mkdir(parents=True)
    path = root / "articles" / "x.txt"
    path.write_bytes(raw_text.encode("utf-8"))
    read = next(read_file(path))
    assume(isinstance(read, RawArticle))  # a text that looks binary is skipped, as it should be
    text = read.text
    with AnnotationStore.open(root / "annotations" / "annotations.json", annotator="alice") as store:
        for start, end, annotator, actor, note in spans:
            start, end = min(start, len(text) - 1), min(end, len(text))
            assume(0 <= start < end)
            store.set_tag(article_id=article_id(text), article_path="articles/x.txt", text=text, start=start,
                          end=end, annotator=annotator, actor=actor, note=note)
    return text


def inside(folder: Path, path: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=tagged_text())
def test_every_format_keeps_offsets_on_random_text(case) -> None:
    raw_text, spans = case
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "proj"
        text = build(root, raw_text, spans)
        db, out = root / "annotations" / "annotations.json", Path(folder) / "out"
        out.mkdir()
        results = {fmt: export(db, fmt, out / (fmt if fmt == "brat" else f"set.{fmt}"))
                   for fmt in ("jsonl", "csv", "w3c", "labelstudio", "doccano", "brat")}
        count = len({(s, e, a) for s, e, a, *_ in spans})
        # brat cannot hold a span made only of line breaks: such a tag is left out, counted and warned about.
        assert {fmt: r.tags_written + r.left_out for fmt, r in results.items()} == dict.fromkeys(results, count)
        assert all(r.left_out == 0 for fmt, r in results.items() if fmt != "brat")
        assert bool(results["brat"].left_out) == bool(results["brat"].warnings)

        records = [json.loads(line) for line in (out / "set.jsonl").read_text(encoding="utf-8").splitlines()]  # any splitter
        assert len(records) == count
        for record in records:
            assert text[record["start"]:record["end"]] == record["quote"]

        with (out / "set.csv").open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                assert text[int(row["start"]):int(row["end"])] == csvtable.restore(row["quote"])

        collection = json.loads((out / "set.w3c").read_text(encoding="utf-8"))
        for item in collection["first"]["items"]:
            selectors = {s["type"]: s for s in item["target"]["selector"]}
            position = selectors["TextPositionSelector"]
            assert text[position["start"]:position["end"]] == selectors["TextQuoteSelector"]["exact"]

        for task in json.loads((out / "set.labelstudio").read_text(encoding="utf-8")):
            assert task["data"]["text"] == text
            for annotation in task["annotations"]:
                for result in annotation["result"]:
                    if result["type"] == "labels":
                        value = result["value"]
                        assert text[value["start"]:value["end"]] == value["text"]

        for line in (line for f in (out / "set.doccano").iterdir() for line in f.read_text(encoding="utf-8").splitlines()):
            document = json.loads(line)
            assert document["text"] == text
            for start, end, _label in document["label"]:
                assert 0 <= start < end <= len(text)

        brat = out / "brat"
        # Nothing was written anywhere but the export paths: the rest of the folder is as built.
        assert sorted(p.name for p in Path(folder).iterdir()) == ["out", "proj"]
        assert {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()} <= {
            "articles/x.txt", "annotations/annotations.json", "annotations/annotations.json.journal",
            "annotations/annotations.json.lock"}
        assert sorted(p.name for p in out.iterdir()) == sorted(["brat", *(f"set.{fmt}" for fmt in results if
                                                                          fmt != "brat"), "set.label_config.xml"])
        assert all(inside(brat, p) for p in brat.rglob("*"))
        for txt in brat.glob("*/*.txt"):
            assert txt.read_bytes().decode("utf-8") == text
