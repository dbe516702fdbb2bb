"""Turn files and folders into raw articles (text plus whatever metadata the format carries).

Bad input never raises: every file that cannot be read becomes a :class:`Skipped` naming the file and why.
Offsets into ``RawArticle.text`` match ``open(path, encoding="utf-8").read()`` for UTF-8 text files: a BOM stays in
the text as an invisible first character (so offsets agree) but is never part of a title or statement.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tui.core.text import one_line

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
    try:
        if not path.is_file():
            yield Skipped(name, "not a regular file")
            return
        size = path.stat().st_size
        limit = MAX_JSONL_BYTES if fmt == "jsonl" else MAX_ARTICLE_BYTES
        if size > limit:
            yield Skipped(name, f"too large ({size / 1e6:.1f} MB; the limit is {limit / 1e6:.0f} MB)")
            return
        if fmt == "jsonl":
            yield from _read_jsonl(path)
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Skipped(name, f"cannot read ({exc.strerror or exc})")
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
        text, encoding = _detect(data)
        if text is None:
            return "binary or undecodable file (not UTF-8 and no text encoding fits)"
        warning = f"not UTF-8; read as {encoding}"
    if _looks_binary(text):
        return "binary file (mostly control characters)"
    return text.replace("\r\n", "\n").replace("\r", "\n"), warning


def _is_utf16(head: bytes) -> bool:
    return head.startswith((b"\xff\xfe", b"\xfe\xff"))


def _detect(data: bytes) -> tuple[str | None, str]:
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


def _read_jsonl(path: Path) -> Iterator[RawArticle | Skipped]:
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield Skipped(str(path), f"cannot read ({exc.strerror or exc})")
        return
    with handle:
        any_line = False
        for lineno, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            any_line = True
            where = f"{path}:{lineno}"
            if len(line) > MAX_ARTICLE_BYTES:
                yield Skipped(where, f"line too large ({len(line) / 1e6:.1f} MB)")
                continue
            try:
                record = json.loads(line.decode("utf-8-sig"))
            except (UnicodeDecodeError, ValueError) as exc:
                yield Skipped(where, f"not valid JSON ({_short(exc)})")
                continue
            if not isinstance(record, dict):
                yield Skipped(where, "expected a JSON object with a \"text\" field")
                continue
            text = record.get("text")
            if not isinstance(text, str) or not text.strip():
                yield Skipped(where, "no \"text\" field (or it is empty)")
                continue
            text = text.replace("\r\n", "\n").replace("\r", "\n")
            yield RawArticle(
                where, text, "jsonl",
                title=_str_or_none(record.get("title")),
                url=_str_or_none(record.get("url")),
                published=_str_or_none(record.get("published") or record.get("date")),
                source=_str_or_none(record.get("source")),
            )
        if not any_line:
            yield Skipped(str(path), "empty file")


def _str_or_none(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _short(exc: Exception) -> str:
    return str(exc).split("\n", 1)[0][:120]
