"""Finding the current text of the articles tags point into (:class:`ArticleResolver`), and placing a tag in it."""


from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from tui.core.extract.reader import RawArticle, Skipped, article_id, read_file
from tui.core.sets.formats.base import (
    ArticleInfo,
)
from tui.core.store.anchoring import reattach

JSONL_SUFFIXES = (".jsonl", ".ndjson")
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*")
MAX_IMPORT_BYTES = 1024 * 1024 * 1024  # Label Studio tasks carry whole article texts: 1 GB is ~200,000 articles


# --------------------------------------------------------------------------- finding article texts
def search_folders(db_path: Path) -> list[Path]:
    """Where relative article paths are looked for after the current folder: the project holding the
    database's folder (``annotations/``), then the database's folder."""
    folder = Path(db_path).absolute().parent
    return [folder.parent, folder]


class ArticleResolver:
    """The current text of each article path, read once (a JSONL file once for all its ``file:LINE`` items)."""

    def __init__(self, folders: Sequence[Path] = ()) -> None:
        self.folders = list(folders)
        self._articles: dict[str, ArticleInfo] = {}
        self._jsonl: dict[Path, dict[int, RawArticle | Skipped] | str] = {}

    def get(self, key: str) -> ArticleInfo:
        info = self._articles.get(key)
        if info is None:
            info = self._articles[key] = self._resolve(key)
        return info

    def _resolve(self, key: str) -> ArticleInfo:
        base, sep, line = key.rpartition(":")
        if sep and line.isdigit() and base.lower().endswith(".jsonl"):
            found = self.find(base)
            if found is None:
                return ArticleInfo(key, problem=self._not_found(base))
            lines = self._jsonl_lines(found)
            item = lines.get(int(line)) if isinstance(lines, dict) else lines
            if item is None:
                return ArticleInfo(key, problem=f"line {line} of {found} holds no article")
            return self._info(key, item, f"{found}:{line}")
        found = self.find(key)
        if found is None:
            return ArticleInfo(key, problem=self._not_found(key))
        if found.suffix.lower() == ".jsonl":
            return ArticleInfo(key, problem=f"{found} is a JSONL file; the tags name no line of it")
        item = next(iter(read_file(found)), None) or Skipped(str(found), "nothing to read")
        return self._info(key, item, str(found))

    def find(self, name: str) -> Path | None:
        path = Path(name)
        candidates = [path] if path.is_absolute() else [path, *(folder / path for folder in self.folders)]
        for candidate in candidates:
            try:
                if candidate.is_file():
                    return candidate
            except (OSError, ValueError):  # a name with a NUL byte, a path too long...
                return None
        return None

    def _not_found(self, name: str) -> str:
        if Path(name).is_absolute() or not self.folders:
            return "article file not found"
        return f"article file not found (looked in the current folder, {', '.join(map(str, self.folders))})"

    def _jsonl_lines(self, path: Path) -> dict[int, RawArticle | Skipped] | Skipped:
        lines = self._jsonl.get(path)
        if lines is None:
            lines = {}
            for item in read_file(path):
                number = item.path.rpartition(":")[2]
                if number.isdigit():
                    lines[int(number)] = item
                else:  # the whole file could not be read
                    lines = item.reason if isinstance(item, Skipped) else "no article lines"
                    break
            self._jsonl[path] = lines
        return lines if isinstance(lines, dict) else Skipped(str(path), lines)

    @staticmethod
    def _info(key: str, item: RawArticle | Skipped, where: str) -> ArticleInfo:
        if isinstance(item, Skipped):
            return ArticleInfo(key, file=where, problem=item.reason)
        return ArticleInfo(key, text=item.text, text_id=article_id(item.text), file=where, fmt=item.fmt, raw=item)


def place(tag: dict, article: ArticleInfo, now: str) -> tuple[dict, str]:
    """The tag as it stands in the article's current text: ``(tag, state)``.

    States: ``in place`` (the quote is at start:end), ``reanchored`` (a copy moved to where the quote is now;
    ``updated`` kept), ``orphan`` (a copy marked orphan: the quote is gone), ``missing`` (no text to check).
    """
    text = article.text
    if text is None:
        return tag, "missing"
    start, end = tag["start"], tag["end"]
    if end <= len(text) and text[start:end] == tag.get("quote"):
        return tag, "in place"
    placed, _orphans = reattach([tag], article.text_id or "", tag.get("article_path") or article.key, text, now)
    if placed:
        return {**placed[0], "updated": tag.get("updated")}, "reanchored"
    return {**tag, "orphan": True}, "orphan"
