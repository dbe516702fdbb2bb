"""The store's files against a hostile folder: planted symlinks, special files, deep nesting, lone surrogates.

Compaction writes its temporary snapshot under a random name opened with O_EXCL (the export code's way), so a
symlink planted where the old predictable name was, or at the random name itself, never redirects the write; a
database path that is itself a symlink stays a symlink to the same file, and its journal and lock live beside
that file.  A FIFO or device where the database or its journal should be is refused at once, in one line.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from tinydb import TinyDB

from tui.core.store.database import AnnotationStore, StoreError, StoreLocked

ROOT = Path(__file__).resolve().parent.parent
TEXT = "Talks resumed in Istanbul on Monday. Both sides said they wanted peace. " * 4


def tag(store: AnnotationStore, start: int = 0, actor: str = "Russia", text: str = TEXT) -> dict:
    return store.set_tag(article_id="art", article_path="a.txt", text=text, start=start, end=start + 20,
                         actor=actor)


def test_a_symlink_planted_at_the_old_temporary_name_is_not_followed(tmp_path: Path) -> None:
    db = tmp_path / "annotations.json"
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    store = AnnotationStore.open(db, annotator="ann")
    # the name compaction used before: .<db>.<pid>.tmp, written without O_EXCL
    (tmp_path / f".{db.name}.{os.getpid()}.tmp").symlink_to(victim)
    tag(store)
    store.close()
    assert victim.read_text() == "precious\n"
    assert db.is_file() and not db.is_symlink()
    assert len(TinyDB(db).table("annotations")) == 1


def test_a_symlink_at_the_random_name_is_refused_by_o_excl_and_another_name_is_taken(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tui.core.files as files

    db = tmp_path / "annotations.json"
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    names = iter(["guessed0guessed0", "fresh000fresh000"])
    monkeypatch.setattr(files.secrets, "token_hex", lambda n: next(names))
    (tmp_path / f".{db.name}.guessed0guessed0.tmp").symlink_to(victim)  # an attacker who guessed the name
    with AnnotationStore.open(db, annotator="ann") as store:
        tag(store)
    assert victim.read_text() == "precious\n"
    assert db.is_file() and not db.is_symlink() and len(TinyDB(db).table("annotations")) == 1


def test_a_database_path_that_is_a_symlink_stays_one_with_journal_and_lock_beside_the_real_file(
        tmp_path: Path) -> None:
    real_folder = tmp_path / "real"
    real_folder.mkdir()
    real = real_folder / "annotations.json"
    link = tmp_path / "link.json"
    link.symlink_to(real)
    store = AnnotationStore.open(link, annotator="ann")
    tag(store)
    assert (real_folder / "annotations.json.journal").exists() and not (tmp_path / "link.json.journal").exists()
    with pytest.raises(StoreLocked):  # the same file by its own name: the same lock
        AnnotationStore.open(real, annotator="other")
    store.compact()
    tag(store, 40, "Ukraine")
    store.close()
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.is_file() and not real.is_symlink()
    assert sorted(t["actor"] for t in TinyDB(real).table("annotations").all()) == ["Russia", "Ukraine"]
    assert (real_folder / "annotations.json.lock").exists() and not (tmp_path / "link.json.lock").exists()


def test_a_symlink_planted_at_the_lock_or_the_journal_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "annotations.json"
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    db.with_name(db.name + ".lock").symlink_to(victim)
    with pytest.raises(StoreError, match="symbolic link"):
        AnnotationStore.open(db, annotator="ann")
    db.with_name(db.name + ".lock").unlink()
    db.with_name(db.name + ".journal").symlink_to(victim)
    with pytest.raises(StoreError, match="journal: is a symbolic link"):
        AnnotationStore.open(db, annotator="ann")
    assert victim.read_text() == "precious\n"


def _open_in_child(db: Path, *extra: str) -> subprocess.CompletedProcess:
    code = ("import sys\nfrom tui.core.store.database import AnnotationStore, StoreError\n"
            "try:\n    AnnotationStore.open(sys.argv[1], annotator='a', read_only=sys.argv[2] == 'ro').close()\n"
            "except StoreError as exc:\n    print(exc)\n")
    return subprocess.run([sys.executable, "-c", code, str(db), *extra], capture_output=True, text=True,
                          timeout=30, env={**os.environ, "PYTHONPATH": str(ROOT)})


@pytest.mark.parametrize("read_only", ["rw", "ro"])
def test_a_fifo_for_the_database_or_its_journal_is_refused_at_once(tmp_path: Path, read_only: str) -> None:
    """In a child with a timeout: before the fix, reading a FIFO waited for a writer for ever."""
    db = tmp_path / "annotations.json"
    os.mkfifo(db)
    result = _open_in_child(db, read_only)
    assert "not a regular file (a named pipe)" in result.stdout and str(db) in result.stdout
    db.unlink()
    os.mkfifo(db.with_name(db.name + ".journal"))
    result = _open_in_child(db, read_only)
    assert "not a regular file (a named pipe)" in result.stdout and "journal" in result.stdout


def test_a_database_nested_too_deeply_is_refused_in_one_line_and_left_untouched(tmp_path: Path) -> None:
    db = tmp_path / "annotations.json"
    content = '{"meta": {"1": {"key": "x", "value": ' + "[" * 100_000 + "]" * 100_000 + "}}}"
    db.write_text(content)
    for read_only in (False, True):
        with pytest.raises(StoreError) as refused:
            AnnotationStore.open(db, annotator="ann", read_only=read_only)
        message = str(refused.value)
        assert "\n" not in message and "nested too deeply" in message and "line 1 column" in message
    assert db.read_text() == content


def test_tags_next_to_a_lone_surrogate_are_saved_and_every_byte_written_is_utf8(tmp_path: Path) -> None:
    db = tmp_path / "annotations.json"
    text = "Talks \ud800 resumed in Istanbul on Monday, officials said."
    with AnnotationStore.open(db, annotator="ann") as store:
        saved = tag(store, 2, "Russia\udc80", text=text)  # the quote and prefix hold lone surrogates
        journal = db.with_name(db.name + ".journal").read_bytes()
        journal.decode("utf-8")  # strict: valid UTF-8
        assert b"\\ud800" in journal
    snapshot = db.read_bytes()
    snapshot.decode("utf-8")
    (doc,) = json.loads(snapshot)["annotations"].values()
    assert doc["quote"] == saved["quote"] == text[2:22] and doc["actor"] == "Russia\udc80"
    with AnnotationStore.open(db, annotator="ann", read_only=True) as store:
        (again,) = store.all_tags()
    assert again == saved  # back exactly, surrogates and all
