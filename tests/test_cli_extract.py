"""``newsdesk extract`` and ``newsdesk timeline`` end to end, in a child process, as a user runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOOD = ("Talks Resume in Geneva\n\nDiplomats from both countries met in Geneva on Monday, March 3, 2025.\n"
        "\"We made real progress,\" Foreign Minister Anna Berg said.\n")


def newsdesk(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, text=True, timeout=120,
                          cwd=cwd or ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_extract_defaults_to_the_seeds() -> None:
    result = newsdesk("extract")
    assert result.returncode == 0, result.stderr
    articles = json.loads(result.stdout)
    assert [Path(a["path"]).name for a in articles] == sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))
    for article in articles:
        assert {"path", "id", "title", "published", "published_from", "statements", "quotes", "timexes",
                "events"} <= set(article)
        assert "text" not in article
        text = (ROOT / "seeds" / Path(article["path"]).name).read_text(encoding="utf-8")
        for timex in article["timexes"]:
            assert text[timex["start"]:timex["end"]] == timex["text"]
        for event in article["events"]:
            assert {"id", "type", "plover", "date", "date_text", "status", "actors", "place", "start", "end",
                    "summary"} <= set(event)


def test_bad_files_are_named_skipped_and_exit_2(tmp_path: Path) -> None:
    (tmp_path / "good1.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "good2.md").write_text("# Markets\n\nShares rose on Tuesday, traders said.\n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 8)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "latin1.txt").write_bytes("Le président a parlé à Genève lundi.\n".encode("latin-1"))
    with (tmp_path / "huge.txt").open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    result = newsdesk("extract", "--format", "jsonl", str(tmp_path))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    names = [Path(json.loads(line)["path"]).name for line in result.stdout.splitlines()]
    assert names == ["good1.txt", "good2.md", "latin1.txt"]
    lines = result.stderr.strip().splitlines()
    for bad, reason in (("binary.txt", "binary"), ("empty.txt", "empty"), ("huge.txt", "too large"),
                        ("pipe.txt", "not a regular file"), ("dangling.txt", "a symbolic link to a file that does not")):
        (line,) = [line for line in lines if f"{bad}:" in line]
        assert reason in line
    assert any("latin1.txt" in line and "not UTF-8" in line for line in lines)


def test_clean_folder_exits_0(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD)
    result = newsdesk("extract", str(tmp_path))
    assert result.returncode == 0 and result.stderr == ""
    (article,) = json.loads(result.stdout)
    assert article["title"] == "Talks Resume in Geneva"


def test_published_override_and_bad_values(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD)
    result = newsdesk("extract", "--published", "2025-03-05", str(tmp_path))
    (article,) = json.loads(result.stdout)
    assert article["published"] == "2025-03-05" and article["published_from"] == "--published"
    bad = newsdesk("extract", "--published", "yesterday", str(tmp_path))
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "YYYY-MM-DD" in bad.stderr
    unknown = newsdesk("extract", "--format", "xml")
    assert unknown.returncode == 2 and "Traceback" not in unknown.stderr and unknown.stderr.count("\n") == 1
    missing = newsdesk("extract", str(tmp_path / "nope"))
    assert missing.returncode == 2 and "no such file or folder" in missing.stderr


def test_html_and_jsonl_output_carry_their_text(tmp_path: Path) -> None:
    (tmp_path / "p.html").write_text("<html><body><h1>Vote</h1><p>The council voted on Monday.</p></body></html>")
    (tmp_path / "s.jsonl").write_text(json.dumps({"text": GOOD, "published": "2025-03-04", "title": "T"}) + "\n")
    result = newsdesk("extract", str(tmp_path))
    html, jsonl = json.loads(result.stdout)
    assert html["text"].startswith("Vote") and html["title"] == "Vote"
    assert jsonl["published"] == "2025-03-04" and jsonl["published_from"] == "metadata"
    for article in (html, jsonl):
        for statement in article["statements"]:
            assert article["text"][statement["start"]:statement["end"]].strip()


def test_markup_and_escape_codes_in_titles_are_stripped_from_the_timeline_table(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("\x1b[31mRed [bold]Alert[/bold]\x1b[0m\n\n"
                                    "Ministers met in Oslo on March 3, 2025 for talks [link=x].\n")
    result = newsdesk("timeline", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout
    assert "[link=x]" in result.stdout or "Ministers met" in result.stdout


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_timeline_on_seeds(fmt: str) -> None:
    result = newsdesk("timeline", "--format", fmt)
    assert result.returncode == 0, result.stderr
    if fmt == "json":
        entries = json.loads(result.stdout)
        assert any(len(e["sources"]) >= 3 and e["type"] == "MEET" and e["date"] == "2025-05-16" for e in entries)
        exchange = [e for e in entries if e["type"] == "EXCHANGE" and e["date"] == "2025-05-23"]
        assert exchange and exchange[0]["conflicts"]
