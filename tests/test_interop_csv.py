"""CSV: opens in pandas as the README says, and what goes to standard output cannot drive a terminal."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from interop_project import ARTICLE, db_of, make_project, put, stored, text_of

from tui.cli import main
from tui.core.extract.reader import read_file
from tui.core.sets.annotation_set import export
from tui.core.sets.formats.csvtable import COLUMNS
from tui.core.store.database import AnnotationStore

pd = pytest.importorskip("pandas")
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
HOSTILE_ACTOR = "\x1b]0;pwned\x07Russia"
HOSTILE_NOTE = "clear \x1b[2J screen\rover\u202eesrever\x85next"


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    root = make_project(tmp_path / "proj")
    with AnnotationStore.open(db_of(root), annotator="mallory") as store:
        text = text_of(root / "articles" / "a.txt")
        put(store, "articles/a.txt", text, "Turkey", "mallory", actor=HOSTILE_ACTOR, note=HOSTILE_NOTE)
    return root


def read_as_documented(source: object) -> object:
    """How the README says to read the CSV with pandas."""
    frame = pd.read_csv(source, dtype=str, keep_default_na=False)
    for column in frame.columns:
        frame[column] = frame[column].str.replace(r"^'", "", regex=True)  # undo the formula-injection guard
    return frame


def test_pandas_reads_the_file_as_documented(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "set.csv"
    export(db_of(project), "csv", out)
    assert out.read_bytes().startswith("\ufeff".encode("utf-8"))
    frame = read_as_documented(out)
    assert list(frame.columns) == list(COLUMNS)  # the byte-order mark is not part of the first name
    tags = stored(project)
    assert len(frame) == len(tags)
    texts = {"articles/a.txt": ARTICLE, "articles/feed.jsonl:1": next(iter(read_file(project / "articles" /
                                                                                    "feed.jsonl"))).text}
    for row in frame.to_dict("records"):
        tag = tags[row["id"]]
        start, end = int(row["start"]), int(row["end"])
        assert texts[row["article_path"]][start:end] == row["quote"] == tag["quote"]
        assert row["actor"] == (tag["actor"] or "") and row["note"] == (tag["note"] or "")
        assert row["suggested"] == ("true" if tag["suggested"] else "false")
    assert frame.loc[frame.id.map(lambda i: tags[i]["annotator"]) == "mallory", "note"].item() == HOSTILE_NOTE


def test_standard_output_has_no_mark_and_escapes_control_characters(project: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "csv", "--db", str(db_of(project))]) == 0
    out = capsys.readouterr().out
    assert out.startswith("id,") and "\ufeff" not in out
    cells_only = out.replace("\r\n", "")
    assert UNSAFE.search(cells_only) is None  # nothing reaches the terminal as a control sequence
    frame = read_as_documented(io.StringIO(out))
    mallory = frame[frame.annotator == "mallory"].iloc[0]
    assert mallory["actor"] == "\\u001b]0;pwned\\u0007Russia"
    assert mallory["note"] == "clear \\u001b[2J screen\\u000dover\\u202eesrever\\u0085next"
    assert len(frame) == len(stored(project))  # line feeds in cells stay: quoted, as RFC 4180 allows


def test_a_file_keeps_the_exact_text(project: Path, tmp_path: Path) -> None:
    """The control: the escaping is for standard output only."""
    export(db_of(project), "csv", tmp_path / "set.csv")
    frame = read_as_documented(tmp_path / "set.csv")
    assert HOSTILE_ACTOR in set(frame.actor) and UNSAFE.search(HOSTILE_ACTOR)
