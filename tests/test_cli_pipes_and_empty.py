"""Two things users ran into: `newsdesk timeline | head` printed the summary one character wide (a pipe now gets
plain aligned columns with full cells, or TSV with --format tsv), and an empty folder opened a blank app (now one
line, "no articles in PATH (...)", and status 2 before the app starts)."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from tui.cli import main
from tui.cli.timeline import COLUMNS

ARTICLE = """Ministers meet in Geneva

GENEVA, 12 March 2025 - The foreign ministers of Norway and Chile met in Geneva on Wednesday to discuss a \
long-delayed fisheries agreement.

The talks ended without a date for the next round.
"""
SUMMARY_WORDS = "The foreign ministers of Norway and Chile met in Geneva on Wednesday"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "geneva.txt").write_text(ARTICLE, encoding="utf-8")
    return folder


def event_line(out: str) -> str:
    """The one line holding the event's summary, or "" when no line holds it whole."""
    return next((line for line in out.splitlines() if SUMMARY_WORDS in line), "")


def test_timeline_in_a_pipe_keeps_whole_cells(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["timeline", str(corpus)]) == 0
    out = capsys.readouterr().out
    header = out.splitlines()[0].split()
    assert header == list(COLUMNS)
    line = event_line(out)
    assert line.startswith("2025-03-12") and "MEET" in line and "Norway, Chile" in line and "Geneva" in line
    assert "│" not in out and "┃" not in out  # no box drawing in a pipe


def test_negative_control_the_boxed_table_in_80_columns_is_caught(corpus: Path, monkeypatch,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    # the old behaviour: rich's table, squeezed into 80 columns, folds the summary over many lines
    fake_terminal = io.StringIO()
    fake_terminal.isatty = lambda: True  # type: ignore[method-assign]
    monkeypatch.setattr(sys, "stdout", fake_terminal)
    monkeypatch.setenv("COLUMNS", "80")
    assert main(["timeline", str(corpus)]) == 0
    out = fake_terminal.getvalue()
    assert "│" in out or "┃" in out
    assert event_line(out) == ""


def test_timeline_tsv(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["timeline", str(corpus), "--format", "tsv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split("\t") == list(COLUMNS)
    cells = lines[1].split("\t")
    assert len(cells) == len(COLUMNS)
    assert cells[:4] == ["2025-03-12", "MEET", "Norway, Chile", "Geneva"]
    assert SUMMARY_WORDS in cells[4] and cells[5] == "1"


def test_tsv_cells_hold_no_tabs_or_line_breaks() -> None:
    from types import SimpleNamespace

    from tui.cli.timeline import row_cells

    entry = SimpleNamespace(date="2025-01-02", type="MEET", status="done", actors=["A\tB"], place="X\nY",
                            summary="one\ttwo\nthree", sources=[1, 2], conflicts=["c1", "c2"])
    assert row_cells(entry) == ["2025-01-02", "MEET", "A B", "X Y", "one two three", "2", "c1; c2"]


def test_empty_folder_refused_before_the_app(tmp_path: Path, monkeypatch, capsys) -> None:
    from tui.app import NewsdeskApp

    def must_not_run(self, *args, **kwargs):
        raise AssertionError("the app started")

    monkeypatch.setattr(NewsdeskApp, "run", must_not_run)
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main([str(empty), "--db", str(tmp_path / "db.json")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"newsdesk: no articles in {empty} (") and len(err.splitlines()) == 1


def test_only_unsupported_files_refused_naming_what_was_skipped(tmp_path: Path, monkeypatch, capsys) -> None:
    from tui.app import NewsdeskApp

    monkeypatch.setattr(NewsdeskApp, "run", lambda self, *a, **k: pytest.fail("the app started"))
    folder = tmp_path / "pdfs"
    folder.mkdir()
    (folder / "report.pdf").write_bytes(b"%PDF-1.4")
    (folder / "notes.docx").write_bytes(b"PK")
    assert main(["open", str(folder), "--db", str(tmp_path / "db.json")]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert err.startswith(f"newsdesk: no articles in {folder} (2 skipped: ")
    assert "unsupported file type" in err and "and 1 more" in err
    assert not (tmp_path / "db.json").exists()  # refused before the database was opened


def test_a_folder_with_one_article_opens(corpus: Path, tmp_path: Path, monkeypatch) -> None:
    from tui.app import NewsdeskApp

    started = []
    monkeypatch.setattr(NewsdeskApp, "run", lambda self, *a, **k: started.append(self.paths))
    (corpus / "scan.pdf").write_bytes(b"%PDF")
    assert main([str(corpus), "--db", str(tmp_path / "db.json")]) == 0
    assert started == [[corpus]]


def closed_pipe_stderr(argv: list[str]) -> tuple[int, str]:
    """Run ``argv`` with its standard output read for 10 bytes and then closed, as `| head -c 10` does."""
    import subprocess

    child = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert child.stdout is not None and child.stderr is not None
    child.stdout.read(10)
    child.stdout.close()
    err = child.stderr.read().decode()
    return child.wait(timeout=60), err


def test_completion_into_a_closed_pipe_says_nothing() -> None:
    status, err = closed_pipe_stderr([sys.executable, "-m", "tui", "--print-completion", "bash"])
    assert (status, err) == (0, "")


def test_negative_control_a_plain_print_into_a_closed_pipe_is_seen() -> None:
    code = "import sys\nfor i in range(10**5): print('completion line', i)"
    status, err = closed_pipe_stderr([sys.executable, "-c", code])
    assert "BrokenPipeError" in err
