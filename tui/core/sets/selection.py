"""Choosing tags for an annotation set: by annotator, article, actor, stance and time (:class:`TagFilter`)."""


from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

from tui.core.sets.formats.base import (
    parse_time,
)
from tui.core.store.database import AnnotationStore

JSONL_SUFFIXES = (".jsonl", ".ndjson")
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*")
MAX_IMPORT_BYTES = 1024 * 1024 * 1024  # Label Studio tasks carry whole article texts: 1 GB is ~200,000 articles


# --------------------------------------------------------------------------- choosing tags
def parse_since(value: str) -> datetime:
    """``YYYY-MM-DD`` (midnight UTC) or a full ISO 8601 time (UTC when it names no zone)."""
    value = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            day = date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value!r} is not a real date") from None
        return datetime(day.year, day.month, day.day, tzinfo=timezone.utc)
    when = parse_time(value)
    if when is None:
        raise ValueError(f"{value!r} is not a date (YYYY-MM-DD) or an ISO 8601 time")
    return when


@dataclass(frozen=True)
class TagFilter:
    """Which tags to take; ``None`` lets everything through.

    ``article``: an article id or the start of one, or an article path (as stored, or the same file).
    ``actor`` / ``stance``: the name, ignoring case.  ``since``: tags updated on or after it (see
    :func:`parse_since`; checked when the filter is made).
    """

    annotator: str | None = None
    article: str | None = None
    actor: str | None = None
    stance: str | None = None
    since: str | None = None

    def __post_init__(self) -> None:
        if self.since is not None:
            parse_since(self.since)
        if self.article is not None and not self.article.strip():
            raise ValueError("the article to export is empty")

    def matcher(self) -> Callable[[dict], bool]:
        checks: list[Callable[[dict], bool]] = []
        if self.annotator is not None:
            annotator = self.annotator
            checks.append(lambda tag: tag.get("annotator") == annotator)
        for name in ("actor", "stance"):
            wanted = getattr(self, name)
            if wanted is not None:
                folded = wanted.casefold()
                checks.append(_field_check(name, folded))
        if self.article is not None:
            checks.append(_article_check(self.article.strip()))
        if self.since is not None:
            since = parse_since(self.since)
            checks.append(lambda tag: (parse_time(str(tag.get("updated") or "")) or datetime.min.replace(
                tzinfo=timezone.utc)) >= since)
        return lambda tag: all(check(tag) for check in checks)


def _field_check(name: str, folded: str) -> Callable[[dict], bool]:
    return lambda tag: tag.get(name) is not None and str(tag.get(name)).casefold() == folded


def _article_check(wanted: str) -> Callable[[dict], bool]:
    normal = os.path.normpath(wanted)
    try:
        absolute = str(Path(wanted).resolve())
    except (OSError, ValueError, RuntimeError):
        absolute = None
    same_file: dict[str, bool] = {}

    def check(tag: dict) -> bool:
        if str(tag.get("article_id") or "").startswith(wanted):
            return True
        path = str(tag.get("article_path") or "")
        if not path:
            return False
        if path not in same_file:
            try:
                same_file[path] = os.path.normpath(path) == normal or str(Path(path).resolve()) == absolute
            except (OSError, ValueError, RuntimeError):
                same_file[path] = False
        return same_file[path]
    return check


def select_tags(store: AnnotationStore, filters: TagFilter | None = None) -> list[dict]:
    match = (filters or TagFilter()).matcher()
    return [tag for tag in store.all_tags() if match(tag)]
