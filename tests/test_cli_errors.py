"""Every command given bad input: exactly one line on stderr naming the problem, a non-zero status, no traceback,
and nothing written (the folder holds the same files with the same bytes before and after)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import main as cli_main
from tui.core.store.database import AnnotationStore

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "Russia said on Monday that talks with Ukraine would resume in Istanbul.\n"


# what an error message must say: a string, or a tuple of which one must be in it
MISSING = ("no such", "not found", "does not exist")
FOLDER = ("directory", "folder", "not a file")
MALFORMED = ("JSON", "TOML", "not valid", "invalid", "malformed", "cannot read", "not a")
CHOICE = "invalid choice"


def listing(folder: Path) -> dict[str, bytes | None]:
    """Every file and folder under ``folder`` with its bytes (None for a folder). The store's ``.lock`` files are
    left out: the store keeps them on purpose (removing one would let two writers lock two different files)."""
    return {str(p.relative_to(folder)): None if p.is_dir() else p.read_bytes() for p in sorted(folder.rglob("*"))
            if not p.name.endswith(".lock")}


@pytest.fixture
def work(tmp_path: Path, monkeypatch) -> Path:
    """A working folder with good and bad inputs; the commands run inside it (so defaults point here)."""
    for name in ("NEWSDESK_DB", "NEWSDESK_ANNOTATOR", "NEWSDESK_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config-home"))
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "folder.json").mkdir()  # a folder where a file is expected
    (tmp_path / "corrupt.json").write_bytes(b'{"annotations": {"1": {"id": ')
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 64)
    (tmp_path / "slides.pdf").write_bytes(b"%PDF-1.4\n")
    (tmp_path / "bad.toml").write_text("[actors\nname = 1\n", encoding="utf-8")
    (tmp_path / "bad.jsonl").write_text('{"id": 1,\nnot json at all\n', encoding="utf-8")
    with AnnotationStore.open(tmp_path / "good.json", annotator="alice") as store:
        store.set_tag(article_id="0" * 16, article_path="corpus/a.txt", text=ARTICLE, start=0, end=len(ARTICLE) - 1,
                      actor="Russia", stance="neutral")
    with AnnotationStore.open(tmp_path / "good.json", read_only=True) as store:
        good_tag = next(store.all_tags())
    (tmp_path / "tags.jsonl").write_text(json.dumps(good_tag) + "\n", encoding="utf-8")  # a good file to import
    return tmp_path


def fails_with_one_line(argv: list[str], folder: Path, capsys, *expected: str | tuple[str, ...]) -> str:
    """Run the command in-process; check the one-line error, the status and that nothing was written."""
    capsys.readouterr()
    before = listing(folder)
    status = cli_main(argv)
    _out, err = capsys.readouterr()
    assert status != 0, f"{argv}: status 0"
    assert err.endswith("\n") and err.count("\n") == 1, f"{argv}: stderr is not one line: {err!r}"
    assert "Traceback" not in err and "internal error" not in err, err
    for words in expected:
        words = (words,) if isinstance(words, str) else words
        assert any(word.lower() in err.lower() for word in words), f"{argv}: none of {words} in {err!r}"
    assert listing(folder) == before, f"{argv}: files changed"
    return err


# -- open: only its argument errors (the app itself never starts here) ----------------------------------------------

@pytest.fixture
def no_app(monkeypatch):
    from tui.app import NewsdeskApp

    def refuse(self, *args, **kwargs):
        raise AssertionError("the app was started")

    monkeypatch.setattr(NewsdeskApp, "run", refuse)


@pytest.mark.parametrize("argv, expected", [
    (["open", "missing.txt"], ["missing.txt", MISSING]),
    (["missing-folder"], ["missing-folder", MISSING]),
    (["open", "--db", "folder.json"], ["folder.json", FOLDER]),
    (["open", "--db", "corrupt.json"], ["corrupt.json", MALFORMED]),
    (["open", "--codebook", "missing.toml"], ["missing.toml", MISSING]),
    (["open", "--codebook", "folder.json"], ["folder.json", FOLDER]),
    (["open", "--codebook", "bad.toml"], ["bad.toml", "TOML"]),
    (["open", "--config", "missing.toml"], ["missing.toml", MISSING]),
    (["open", "--config", "bad.toml"], ["bad.toml", "TOML"]),
    (["open", "--no-such-option"], ["--no-such-option", "unrecognized"]),
])
def test_open_argument_errors(argv, expected, work, capsys, no_app) -> None:
    fails_with_one_line(argv, work, capsys, *expected)


# -- extract and timeline ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("command", ["extract", "timeline"])
@pytest.mark.parametrize("args, expected", [
    (["missing.txt"], ["missing.txt", MISSING]),
    (["slides.pdf"], ["slides.pdf", "unsupported file type"]),
    (["binary.txt"], ["binary.txt", "binary"]),
    (["one-bad-line.jsonl"], ["one-bad-line.jsonl:1", "not valid JSON"]),
    (["corpus", "--format", "xml"], ["xml", CHOICE]),
    (["corpus", "--published", "2025-13-45"], ["2025-13-45", "not a date"]),
])
def test_extract_and_timeline_errors(command, args, expected, work, capsys) -> None:
    (work / "one-bad-line.jsonl").write_text("not json at all\n", encoding="utf-8")
    fails_with_one_line([command, *args], work, capsys, *expected)


# -- the annotation-set commands ----------------------------------------------------------------------------------

DB_ERRORS = [
    (["--db", "missing.json"], ["missing.json", MISSING]),
    (["--db", "folder.json"], ["folder.json", FOLDER]),
    (["--db", "corrupt.json"], ["corrupt.json", MALFORMED]),
]


@pytest.mark.parametrize("args, expected", DB_ERRORS + [
    ([], ["annotations.json", MISSING]),  # the default database is not there
    (["--db", "good.json", "--format", "xml"], ["xml", CHOICE]),
    (["--db", "good.json", "--field", "colour"], ["colour", CHOICE]),
])
def test_agree_errors(args, expected, work, capsys) -> None:
    fails_with_one_line(["agree", *args], work, capsys, *expected)


@pytest.mark.parametrize("args, expected", DB_ERRORS + [
    (["corpus"], ["annotations.json", MISSING]),
    (["missing-folder", "--db", "good.json"], ["missing-folder", MISSING]),
    (["binary.txt", "--db", "good.json"], ["binary.txt", "binary"]),
    (["corpus", "--db", "good.json", "--format", "xml"], ["xml", CHOICE]),
])
def test_stats_errors(args, expected, work, capsys) -> None:
    fails_with_one_line(["stats", *args], work, capsys, *expected)


@pytest.mark.parametrize("args, expected", [
    (["missing.json", "good.json", "--out", "merged.json"], ["missing.json", MISSING]),
    (["folder.json", "good.json", "--out", "merged.json"], ["folder.json", FOLDER]),
    (["corrupt.json", "good.json", "--out", "merged.json"], ["corrupt.json", MALFORMED]),
    (["good.json", "bad.jsonl", "--out", "merged.json"], ["bad.jsonl", MALFORMED]),
    (["good.json", "--out", "folder.json"], ["folder.json", FOLDER]),
    (["good.json", "--out", "corrupt.json"], ["corrupt.json", ("exists", "--force")]),
    (["good.json"], ["--out", "required"]),
])
def test_merge_errors(args, expected, work, capsys) -> None:
    fails_with_one_line(["merge", *args], work, capsys, *expected)


@pytest.mark.parametrize("args, expected", [(["--format", "jsonl", *args], words) for args, words in DB_ERRORS] + [
    (["--db", "good.json", "--format", "xml"], ["xml", CHOICE]),
    (["--db", "good.json"], ["--format", "required"]),
    (["--db", "good.json", "--format", "jsonl", "--out", "folder.json"], ["folder.json", FOLDER]),
    (["--db", "good.json", "--format", "jsonl", "--out", "corrupt.json"], ["corrupt.json", ("exists", "--force")]),
    (["--db", "good.json", "--format", "brat"], ["--out"]),  # brat writes a folder: it needs one
])
def test_export_errors(args, expected, work, capsys) -> None:
    fails_with_one_line(["export", *args], work, capsys, *expected)


@pytest.mark.parametrize("args, expected", [
    (["missing.jsonl", "--db", "good.json"], ["missing.jsonl", MISSING]),
    (["folder.json", "--db", "good.json"], ["folder.json", FOLDER]),
    (["bad.jsonl", "--db", "good.json"], ["bad.jsonl", MALFORMED]),
    (["binary.txt", "--db", "good.json"], ["binary.txt", MALFORMED]),
    (["bad.jsonl", "--db", "good.json", "--format", "xml"], ["xml", CHOICE]),
    (["slides.pdf", "--db", "good.json"], ["slides.pdf"]),
    (["tags.jsonl", "--db", "good.json", "--format", "w3c"], ["tags.jsonl"]),  # not what --format says
    (["tags.jsonl", "--db", "corrupt.json"], ["corrupt.json", MALFORMED]),
    (["tags.jsonl", "--db", "folder.json"], ["folder.json", FOLDER]),
])
def test_import_errors(args, expected, work, capsys) -> None:
    fails_with_one_line(["import", *args], work, capsys, *expected)


# -- a real process: the status and stderr a shell sees -------------------------------------------------------------

def test_a_real_process_prints_one_line_and_fails(tmp_path: Path) -> None:
    before = listing(tmp_path)
    for argv in (["extract", "missing.txt"], ["merge", "missing.json", "--out", "out.json"], ["open", "missing.txt"]):
        result = subprocess.run([sys.executable, "-m", "tui", *argv], capture_output=True, text=True, timeout=60,
                                cwd=tmp_path, stdin=subprocess.DEVNULL)
        assert result.returncode != 0, argv
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, (argv, result.stderr)
    assert listing(tmp_path) == before
