"""A journal line that is not what was written: never skipped in silence, never folded away.

A torn last line (bytes after the last newline: a crash in the middle of an append) is dropped as before.  Damage
anywhere else (one byte overwritten: in the JSON structure, inside a quoted string, on a line break) refuses the
store for writing with one line naming the journal and the line, leaves the journal byte for byte as it was, and
makes the read-only readers (``stats``, ``agree``, ``export``, the app opened read-only) say how many lines they
could not read.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import main
from tui.core.store.database import AnnotationStore, StoreError

ROOT = Path(__file__).resolve().parent.parent
TEXT = "Talks resumed in Istanbul on Monday. Both sides said they wanted peace. " * 4


def journal_of(db: Path) -> Path:
    return db.with_name(db.name + ".journal")


def three_tags(db: Path) -> bytes:
    """A database whose three tags are only in its journal (as after a crash), one line each; the journal bytes."""
    store = AnnotationStore.open(db, annotator="ann")
    for start, actor in ((0, "Russia"), (37, "Ukraine"), (80, "Turkey")):
        store.set_tag(article_id="art", article_path="a.txt", text=TEXT, start=start, end=start + 30, actor=actor)
    store._journal.close()  # no close(): the journal is not folded, as when the app is killed
    store._lock.release()
    return journal_of(db).read_bytes()


def damage(db: Path, line: int, where: str) -> bytes:
    """Overwrite one byte of journal line ``line`` (1-based): ``where`` is "structure", "string" or "newline"."""
    raw = bytearray(journal_of(db).read_bytes())
    starts = [0] + [i + 1 for i, byte in enumerate(raw) if byte == ord("\n")]
    begin, end = starts[line - 1], starts[line] - 1  # end: the line's newline
    text = raw[begin:end].decode()
    if where == "structure":
        at = begin + text.index('"put"')  # the quote before a key: the line no longer parses
        raw[at] = ord("x")
    elif where == "string":
        at = begin + text.index('"actor":"') + len('"actor":"')  # a letter of the actor: still valid JSON
        raw[at] = ord("Z") if raw[at] != ord("Z") else ord("Y")
    else:
        raw[end] = ord(" ")  # the line break: two lines become one
    journal_of(db).write_bytes(bytes(raw))
    return bytes(raw)


@pytest.mark.parametrize("where", ["structure", "string", "newline"])
@pytest.mark.parametrize("line", [1, 2])
def test_a_damaged_line_refuses_writing_names_file_and_line_and_keeps_the_journal(tmp_path: Path, where: str,
                                                                                 line: int) -> None:
    db = tmp_path / "annotations.json"
    three_tags(db)
    damaged = damage(db, line, where)
    with pytest.raises(StoreError) as refused:
        AnnotationStore.open(db, annotator="ann")
    message = str(refused.value)
    assert "\n" not in message and str(journal_of(db)) in message and f"line {line} " in message
    assert journal_of(db).read_bytes() == damaged  # byte for byte: not cut, not folded, not deleted
    assert not db.exists()  # and no snapshot written from what could be read
    with pytest.raises(StoreError):
        AnnotationStore.open(db, annotator="ann")  # the lock was let go: the refusal is the same again
    with AnnotationStore.open(db, annotator="reader", read_only=True) as store:
        assert store.count() == (1 if where == "newline" else 2)  # a merged pair of lines loses both
        warning = store.journal_warning()
    assert warning is not None and "could not be read" in warning and f"line {line}" in warning
    assert journal_of(db).read_bytes() == damaged


def test_a_damaged_last_line_is_damage_but_a_torn_one_is_not(tmp_path: Path) -> None:
    db = tmp_path / "annotations.json"
    good = three_tags(db)
    damage(db, 3, "newline")  # the last line is complete but its newline is overwritten: not a torn append
    with pytest.raises(StoreError, match="line 3"):
        AnnotationStore.open(db, annotator="ann")
    journal_of(db).write_bytes(good + good[: len(good) // 3 // 2])  # half a line after the last newline
    with AnnotationStore.open(db, annotator="ann") as store:
        assert store.count() == 3 and store.journal_warning() is None
    assert not journal_of(db).exists()  # folded on close, as before


def test_a_line_nested_too_deeply_is_damage_not_a_crash(tmp_path: Path) -> None:
    db = tmp_path / "annotations.json"
    good = three_tags(db)
    lines = good.splitlines(keepends=True)
    deep = b"[" * 100_000 + b"\n"
    journal_of(db).write_bytes(lines[0] + deep + b"".join(lines[1:]))
    with pytest.raises(StoreError, match="line 2"):
        AnnotationStore.open(db, annotator="ann")
    with AnnotationStore.open(db, annotator="reader", read_only=True) as store:
        assert store.count() == 3 and "1 line could not be read" in (store.journal_warning() or "")


def test_a_journal_of_an_earlier_version_without_checksums_is_read(tmp_path: Path) -> None:
    db = tmp_path / "annotations.json"
    good = three_tags(db)
    legacy = b"".join(json.dumps({k: v for k, v in json.loads(line).items() if k != "crc"}).encode() + b"\n"
                      for line in good.splitlines())
    journal_of(db).write_bytes(legacy)
    with AnnotationStore.open(db, annotator="ann") as store:
        assert store.count() == 3
        store.set_tag(article_id="art", article_path="a.txt", text=TEXT, start=120, end=140, actor="NATO")
        assert store.journal_warning() is None
    with AnnotationStore.open(db, annotator="ann", read_only=True) as store:
        assert store.count() == 4


def test_read_only_commands_say_how_many_lines_they_could_not_read(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "annotations" / "annotations.json"
    db.parent.mkdir()
    three_tags(db)
    damaged = damage(db, 2, "string")
    commands = (["stats", str(tmp_path), "--db", str(db), "--format", "json"], ["agree", "--db", str(db)],
                ["export", "--format", "jsonl", "--db", str(db)])
    for command in commands:
        main(command)
        err = capsys.readouterr().err
        assert "1 line could not be read" in err and "line 2" in err, command
    assert journal_of(db).read_bytes() == damaged


def test_the_app_refuses_a_damaged_journal_in_one_line_before_it_starts(tmp_path: Path) -> None:
    db = tmp_path / "annotations.json"
    three_tags(db)
    damaged = damage(db, 1, "structure")
    result = subprocess.run([sys.executable, "-m", "tui", "--db", str(db), str(ROOT / "seeds")],
                            capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
                            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "TERM": "dumb"})
    assert result.returncode == 2
    (line,) = result.stderr.strip().splitlines()
    assert str(journal_of(db)) in line and "line 1" in line and "--read-only" in line
    assert journal_of(db).read_bytes() == damaged
