"""Turn files and folders into raw articles (text plus whatever metadata the format carries).

Bad input never raises: every file that cannot be read becomes a :class:`Skipped` naming the file and why.  Files
are read through :mod:`tui.core.files` (regular files only, at most :data:`MAX_ARTICLE_BYTES`, a JSON Lines feed at
most :data:`MAX_JSONL_BYTES` with lines of at most :data:`MAX_ARTICLE_BYTES`) and JSON through
:func:`tui.core.jsonio.parse_json` (a line nested too deeply is skipped like any line that is not JSON).  A lone
surrogate in a JSONL string (``"\\ud800"``, which UTF-8 cannot encode) is replaced by U+FFFD with a warning.
Offsets into ``RawArticle.text`` match ``open(path, encoding="utf-8").read()`` for UTF-8 text files: a BOM stays in
the text as an invisible first character (so offsets agree) but is never part of a title or statement.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui.core.files import FileProblem, open_bounded, read_bounded, size_text
from tui.core.jsonio import parse_json
from tui.core.text import one_line, without_lone_surrogates

TEXT_SUFFIXES = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}
MAX_ARTICLE_BYTES = 5 * 1024 * 1024
MAX_JSONL_BYTES = 1024 * 1024 * 1024
BOM = "\ufeff"


@dataclass(slots=True)
class RawArticle:
    path: str
    text: str
    fmt: str
    title: str | None = None
    url: str | None = None
    published: str | None = None  # as given by the container (JSONL field, HTML meta), unparsed
    source: str | None = None
    headings: list[tuple[int, int]] = field(default_factory=list)  # from HTML <h1>..<h6>
    warnings: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return article_id(self.text)


@dataclass(slots=True)
class Skipped:
    path: str
    reason: str

    def __str__(self) -> str:
        return f"newsdesk: skipped {one_line(self.path)}: {one_line(self.reason)}"


def article_id(text: str) -> str:
    """Content hash: the same text always gets the same id, whatever its file name."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def iter_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path | Skipped]:
    """Expand folders recursively (sorted, hidden files skipped); yield files in input order."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            try:
                found = sorted(p for p in path.rglob("*") if not _hidden(p.relative_to(path)))
            except OSError as exc:
                yield Skipped(str(path), f"cannot list folder ({exc.strerror or exc})")
                continue
            for p in found:
                if p.is_symlink() or not p.is_dir():
                    yield p
        elif path.exists() or path.is_symlink():
            yield path
        else:
            yield Skipped(str(path), "no such file or folder")


def _hidden(rel: Path) -> bool:
    return any(part.startswith(".") for part in rel.parts)


def read_articles(paths: Iterable[str | os.PathLike[str]]) -> Iterator[RawArticle | Skipped]:
    for item in iter_files(paths):
        if isinstance(item, Skipped):
            yield item
        else:
            yield from read_file(item)


def read_file(path: Path) -> Iterator[RawArticle | Skipped]:
    name = str(path)
    fmt = TEXT_SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        yield Skipped(name, f"unsupported file type {path.suffix or '(no extension)'!r}; "
                            "expected .txt, .md, .html, .htm or .jsonl")
        return
    if fmt == "jsonl":
        yield from read_jsonl_range(path)
        return
    try:
        data = read_bounded(path, MAX_ARTICLE_BYTES)
    except FileNotFoundError:
        yield Skipped(name, _missing(path))
        return
    except FileProblem as exc:
        yield Skipped(name, exc.reason)
        return
    decoded = decode_bytes(data)
    if isinstance(decoded, str):
        yield Skipped(name, decoded)
        return
    text, warning = decoded
    article = RawArticle(name, text, fmt)
    if warning:
        article.warnings.append(warning)
    if fmt == "html":
        from tui.core.extract.htmltext import (
            html_to_text,  # HTML is rarer than text: its parser loads when needed
        )

        page = html_to_text(text)
        article.text = page.text
        article.title, article.url, article.published = page.title, page.url, page.published
        article.source, article.headings = page.source, page.headings
    if not article.text.strip(BOM + " \t\r\n\f\v"):
        yield Skipped(name, "empty file" if not text.strip() else "no article text found")
        return
    yield article


def decode_bytes(data: bytes) -> tuple[str, str | None] | str:
    """Return (text, warning) or an error string. Newlines are normalised as text-mode ``open`` does."""
    if not data.strip():
        return "empty file"
    head = data[:8192]
    if b"\x00" in head and not _is_utf16(head):
        return "binary file (contains NUL bytes)"
    warning = None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        detected, encoding = _detect(data)
        if detected is None:
            return "binary or undecodable file (not UTF-8 and no text encoding fits)"
        text, warning = detected, f"not UTF-8; read as {encoding}"
    if _looks_binary(text):
        return "binary file (mostly control characters)"
    return text.replace("\r\n", "\n").replace("\r", "\n"), warning


def _is_utf16(head: bytes) -> bool:
    return head.startswith((b"\xff\xfe", b"\xfe\xff"))


def _detect(data: bytes) -> tuple[str | None, str]:
    from_bytes: Callable[..., Any] | None
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - dependency is declared
        from_bytes = None
    if from_bytes is not None:
        best = from_bytes(data[:200_000]).best()
        if best is not None and best.encoding:
            try:
                return data.decode(best.encoding), best.encoding
            except (UnicodeDecodeError, LookupError):
                pass
    # Latin-1 decodes anything; accept it only when the result looks like text.
    text = data.decode("cp1252", errors="replace")
    return (None, "") if _looks_binary(text) else (text, "cp1252")


_BINARY_SIGNS = re.compile("[\x00-\x08\x0e-\x1f\ufffd]")  # C0 controls other than \t\n\v\f\r, and U+FFFD


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    if not sample:
        return False
    return len(_BINARY_SIGNS.findall(sample)) / len(sample) > 0.05


def read_jsonl_range(path: Path, start: int = 0, end: int | None = None,
                     first_line: int = 1) -> Iterator[RawArticle | Skipped]:
    """The records of a JSON Lines file, or of the lines in its byte range ``[start, end)`` (``start`` at a line
    start numbered ``first_line``), so one large feed can be split over processes with the same output."""
    whole = start == 0 and end is None
    try:
        feed = open_bounded(path, MAX_JSONL_BYTES)
    except FileNotFoundError:
        yield Skipped(str(path), _missing(path))
        return
    except FileProblem as exc:
        yield Skipped(str(path), exc.reason)
        return
    with feed:
        any_line = False
        try:
            feed.seek(start)
            for number, line in feed.lines(MAX_ARTICLE_BYTES):
                if end is not None and start + feed.line_start >= end:
                    break  # the next range's first line
                if line is not None and not line.strip():
                    continue
                any_line = True
                yield _jsonl_article(f"{path}:{first_line + number - 1}", line)
        except FileProblem as exc:  # the feed grew past its limit while it was read
            yield Skipped(str(path), exc.reason)
        if not any_line and whole:
            yield Skipped(str(path), "empty file")


def _jsonl_article(where: str, line: bytes | None) -> RawArticle | Skipped:
    if line is None:
        return Skipped(where, f"line too large (more than {size_text(MAX_ARTICLE_BYTES)})")
    try:
        record = parse_json(line.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        return Skipped(where, f"not valid JSON ({_short(exc)})")
    if not isinstance(record, dict):
        return Skipped(where, "expected a JSON object with a \"text\" field")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return Skipped(where, "no \"text\" field (or it is empty)")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    article = RawArticle(where, text, "jsonl", title=_str_or_none(record.get("title")),
                         url=_str_or_none(record.get("url")),
                         published=_str_or_none(record.get("published") or record.get("date")),
                         source=_str_or_none(record.get("source")))
    if _SURROGATE_ESCAPE.search(line):  # decoded UTF-8 holds none: only a \udXXX escape can make one
        _replace_lone_surrogates(article)
    return article


_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")


def _replace_lone_surrogates(article: RawArticle) -> None:
    replaced = 0
    for name in ("text", "title", "url", "published", "source"):
        value = getattr(article, name)
        if value is not None:
            value, count = without_lone_surrogates(value)
            setattr(article, name, value)
            replaced += count
    if replaced:
        article.warnings.append(f"{replaced} lone surrogate escape(s) (such as \\ud800, not a character) "
                                f"replaced by U+FFFD")


def _missing(path: Path) -> str:
    return "a symbolic link to a file that does not exist" if path.is_symlink() else "no such file"


def _str_or_none(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _short(exc: Exception) -> str:
    return str(exc).split("\n", 1)[0][:120]
