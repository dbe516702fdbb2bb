"""Two processes on one database: a second writer is refused (the app then opens read-only), and an export run
while someone is tagging sees every tag saved so far and never disturbs the writer."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tui.core.sets.annotation_set import export
from tui.core.store.database import AnnotationStore, StoreLocked

ROOT = Path(__file__).resolve().parent.parent
TEXT = "Russia said talks could resume. Ukraine rejected the proposal. Turkey offered to host them."
SPANS = [(0, 31), (32, 62), (63, 91)]

WRITER = textwrap.dedent("""
    import sys
    sys.path.insert(0, {root!r})
    from tui.core.store.database import AnnotationStore
    text = {text!r}
    with AnnotationStore.open({db!r}, annotator="tagger") as store:
        for start, end in {spans!r}:
            store.set_tag(article_id="art", article_path={article!r}, text=text, start=start, end=end, actor="Russia")
            print("saved", flush=True)
            sys.stdin.readline()  # the test exports between two saves
""")


def test_second_writer_is_refused_while_a_reader_may_open(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    with AnnotationStore.open(db, annotator="a"):
        with pytest.raises(StoreLocked):
            AnnotationStore.open(db, annotator="b")
        with AnnotationStore.open(db, annotator="b", read_only=True) as reader:
            assert reader.read_only


def test_export_while_another_process_is_tagging(tmp_path: Path) -> None:
    db, article = tmp_path / "db.json", tmp_path / "art.txt"
    article.write_text(TEXT, encoding="utf-8")
    code = WRITER.format(root=str(ROOT), text=TEXT, db=str(db), spans=SPANS, article=str(article))
    writer = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert writer.stdin is not None and writer.stdout is not None
    try:
        for saved in range(1, len(SPANS) + 1):
            assert writer.stdout.readline().strip() == "saved"
            out = tmp_path / f"export-{saved}.jsonl"
            result = export(db, "jsonl", out)  # read-only: the writer keeps its lock and its journal
            lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
            assert result.tags_written == saved == len(lines)
            assert all(TEXT[t["start"]:t["end"]] == t["quote"] for t in lines)
            writer.stdin.write("\n")
            writer.stdin.flush()
        assert writer.wait(timeout=30) == 0
    finally:
        writer.kill()
    with AnnotationStore.open(db, annotator="after") as store:
        assert store.count() == len(SPANS)
