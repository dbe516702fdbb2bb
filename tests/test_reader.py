"""Reading files and folders: formats, encodings, and every kind of bad file."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tui.core.extract.reader import RawArticle, Skipped, decode_bytes, read_articles

BODY = "Officials met in Geneva on Monday. \"We made progress,\" the minister said.\n"


def _read(*paths: Path) -> tuple[list[RawArticle], list[Skipped]]:
    items = list(read_articles(paths))
    return [i for i in items if isinstance(i, RawArticle)], [i for i in items if isinstance(i, Skipped)]


def test_txt_offsets_match_text_mode_open(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(("Title line\r\n\r\n" + BODY).encode("utf-8"))
    (article,), skipped = _read(path)
    assert not skipped
    assert article.text == open(path, encoding="utf-8").read()
    assert article.fmt == "txt"


def test_bom_stays_as_first_character_so_offsets_agree(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + BODY.encode())
    (article,), _ = _read(path)
    assert article.text == open(path, encoding="utf-8").read()


def test_latin1_is_read_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Le ministre a déclaré à Genève que les négociations continueront.\n".encode("latin-1"))
    (article,), skipped = _read(path)
    assert not skipped
    assert "déclaré" in article.text
    assert article.warnings and "not UTF-8" in article.warnings[0]


@pytest.mark.parametrize("content,reason", [
    (b"", "empty"),
    (b"   \n\n\t", "empty"),
    (bytes(range(256)) * 40, "binary"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 100, "binary"),
])
def test_bad_files_are_skipped_with_a_reason(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    articles, (skip,) = _read(path)
    assert not articles
    assert reason in skip.reason and str(path) in str(skip)


def test_too_large_file_is_skipped_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    articles, (skip,) = _read(path)
    assert not articles and "too large" in skip.reason


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(BODY)
    path.chmod(0)
    articles, (skip,) = _read(path)
    assert "cannot read" in skip.reason


def test_read_error_is_reported_not_raised(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A read that fails half way (a disk's I/O error: root cannot make one with chmod) is a skip, not a raise."""
    import errno

    import tui.core.files as files

    path = tmp_path / "locked.txt"
    path.write_text(BODY)

    def failing_read(fd: int, size: int) -> bytes:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(files.os, "read", failing_read)
    articles, (skip,) = _read(path)
    assert not articles and skip.reason == "cannot read (Input/output error)"


def test_fifo_and_broken_link_are_not_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    articles, skipped = _read(tmp_path)
    assert not articles
    assert sorted(s.reason for s in skipped) == ["a symbolic link to a file that does not exist",
                                                 "not a regular file (a named pipe)"]


def test_missing_path_and_unknown_type(tmp_path: Path) -> None:
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    articles, skipped = _read(tmp_path / "nope.txt", tmp_path / "notes.docx")
    assert not articles
    assert [s.reason.split(" ")[0] for s in skipped] == ["no", "unsupported"]


def test_folders_are_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text(BODY)
    (tmp_path / "1.md").write_text("# Heading\n\n" + BODY)
    (tmp_path / ".hidden.txt").write_text(BODY)
    articles, skipped = _read(tmp_path)
    assert [Path(a.path).name for a in articles] == ["1.md", "2.txt"]
    assert not skipped


def test_html_is_turned_into_text_with_metadata(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text("""<html><head><title>Site | Talks</title>
        <meta property="article:published_time" content="2025-05-28T10:00:00Z">
        <meta property="og:site_name" content="Example News">
        <link rel="canonical" href="https://example.org/2025/05/28/talks">
        <script>var x = "<p>not text</p>";</script><style>p {color: red}</style></head>
        <body><nav>Home | World</nav><h1>Talks resume in Geneva</h1>
        <p>Officials met on <b>Monday</b>. They said &ldquo;progress&rdquo; was made.</p>
        <p>Second paragraph &amp; more.</p><footer>Copyright</footer></body></html>""")
    (article,), _ = _read(path)
    assert article.title == "Talks resume in Geneva"
    assert article.published == "2025-05-28T10:00:00Z"
    assert article.source == "Example News"
    assert article.url == "https://example.org/2025/05/28/talks"
    assert "Officials met on Monday. They said “progress” was made." in article.text
    assert "Second paragraph & more." in article.text
    assert "not text" not in article.text and "Home" not in article.text and "color" not in article.text
    start, end = article.headings[0]
    assert article.text[start:end] == "Talks resume in Geneva"


def test_jsonl_one_article_per_line_with_bad_lines_named(tmp_path: Path) -> None:
    path = tmp_path / "scraped.jsonl"
    lines = [
        json.dumps({"text": BODY, "title": "Geneva talks", "url": "https://x.org/a", "published": "2025-05-28",
                    "source": "Wire"}),
        "{not json",
        json.dumps({"title": "no text"}),
        "",
        json.dumps(["a", "list"]),
        json.dumps({"text": "Second article body."}),
    ]
    path.write_text("\n".join(lines) + "\n")
    articles, skipped = _read(path)
    assert [a.title for a in articles] == ["Geneva talks", None]
    assert articles[0].published == "2025-05-28" and articles[0].source == "Wire"
    assert [s.path for s in skipped] == [f"{path}:2", f"{path}:3", f"{path}:5"]
    assert articles[0].path == f"{path}:1"


def test_decode_never_raises_on_random_bytes() -> None:
    import random

    rng = random.Random(7)
    for _ in range(200):
        data = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 300)))
        result = decode_bytes(data)
        assert isinstance(result, (str, tuple))
