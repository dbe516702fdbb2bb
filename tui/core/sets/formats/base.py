"""What every export / import format shares: the tag fields, the article an entry points into, the write
context, checking a tag document, and the escapes that keep any text writable.

Offsets everywhere are Python string indexes, i.e. Unicode code points (not UTF-16 units, not bytes) into the
article text as :mod:`tui.core.extract.reader` returns it (newlines normalised to ``\\n``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

from tui.core.codebook import Codebook
from tui.core.jsonio import (
    json_safe,  # one definition of the escapes; the formats import it from here
)
from tui.core.text import without_lone_surrogates

TAG_FIELDS = ("id", "article_id", "article_path", "start", "end", "quote", "prefix", "suffix", "actor", "stance",
              "note", "annotator", "created", "updated", "suggested", "orphan")
UNTAGGED_ACTOR = "Statement"  # the label of a tag without an actor, where a format needs a label


class AnnotationSetError(Exception):
    """An export or import that cannot be done; the message is one line naming the file and the problem."""


class FormatError(AnnotationSetError):
    """Input that cannot be imported; the message is one line naming where (file:line or item)."""


@dataclass
class ArticleInfo:
    """The current text of the article behind ``key`` (the tags' article_path), or why it is missing."""

    key: str
    text: str | None = None
    text_id: str | None = None
    file: str | None = None  # the file read ("x.jsonl:LINE" for a JSONL line)
    fmt: str = "txt"
    problem: str | None = None
    raw: Any = None  # the RawArticle, kept for the title and date
    _meta: tuple[str | None, str | None] | None = field(default=None, repr=False)

    def title_and_date(self) -> tuple[str | None, str | None]:
        """Title and publication date (YYYY-MM-DD) as ``newsdesk extract`` finds them, from the page layout
        and the date rules alone (about 0.3 ms an article, not the full extraction): the date the page states
        (container metadata, a date header, dateline, stamp or URL), else the one inferred from weekdays named
        against dates in the text."""
        if self._meta is None:
            if self.text is None or self.raw is None:
                self._meta = (None, None)
            else:
                from tui.core.extract.layout import analyse
                from tui.core.extract.published import decide

                raw = self.raw
                layout = analyse(self.text, raw.fmt, headings=raw.headings, title=raw.title)
                when, _origin = decide(layout.hints, self.text, container=raw.published)
                self._meta = (raw.title or layout.title, when.isoformat() if when else None)
        return self._meta

    @property
    def title(self) -> str | None:
        return self.title_and_date()[0]

    @property
    def published(self) -> str | None:
        return self.title_and_date()[1]


@dataclass(slots=True)
class ExportEntry:
    """One tag to write.  ``anchored``: ``tag`` start:end hold its quote in ``article.text``."""

    tag: dict
    article: ArticleInfo
    anchored: bool


@dataclass
class WriteContext:
    codebook: Codebook | None = None
    tick: Callable[[int], None] = lambda n: None  # call with the number of tags just written
    warn: Callable[[str], None] = lambda message: None
    out: Path | None = None
    language: str = "en"  # BCP 47 tag of the article texts and the tag names (w3c)
    left_out: int = 0  # tags a writer could not express (it also warns)


@dataclass(slots=True)
class ParsedTag:
    """A tag read from an import file; ``text`` is the article text when the file carries it."""

    doc: dict
    where: str
    text: str | None = None


# --------------------------------------------------------------------------- checking tag documents
_TYPES: dict[str, tuple[type, ...]] = {
    "id": (str,), "article_id": (str,), "article_path": (str,), "start": (int,), "end": (int,), "quote": (str,),
    "prefix": (str,), "suffix": (str,), "actor": (str, type(None)), "stance": (str, type(None)),
    "note": (str, type(None)), "annotator": (str,), "created": (str,), "updated": (str,), "suggested": (bool,),
    "orphan": (bool,),
}
_NAMES = {str: "a string", int: "an integer", bool: "true or false"}


def check_tag(doc: Any) -> str | None:
    """Why ``doc`` is not a valid tag document (all of :data:`TAG_FIELDS`), or ``None``."""
    if not isinstance(doc, dict):
        return f"expected an object, found {type(doc).__name__}"
    missing = [name for name in TAG_FIELDS if name not in doc]
    if missing:
        return f"missing field{'s' if len(missing) > 1 else ''} {', '.join(missing)}"
    for name, kinds in _TYPES.items():
        value = doc[name]
        if type(value) not in kinds:  # exact types: true is not an integer here
            wanted = " or ".join("null" if k is type(None) else _NAMES[k] for k in kinds)
            return f"field {name!r} must be {wanted}, found {_json_type(value)}"
    for name in ("id", "article_id", "annotator"):
        if not doc[name].strip():
            return f"field {name!r} is empty"
    if not 0 <= doc["start"] < doc["end"]:
        return f"span {doc['start']}..{doc['end']} is not a non-empty span at or after 0"
    if len(doc["quote"]) != doc["end"] - doc["start"]:
        return f"quote has {len(doc['quote'])} characters but the span {doc['start']}..{doc['end']} has " \
               f"{doc['end'] - doc['start']}"
    for name in ("created", "updated"):
        if parse_time(doc[name]) is None:
            return f"field {name!r} is not an ISO 8601 time: {doc[name][:40]!r}"
    return None


def _json_type(value: Any) -> str:
    return {bool: "a boolean", int: "a number", float: "a number", str: "a string", list: "a list",
            dict: "an object", type(None): "null"}.get(type(value), type(value).__name__)


def tag_doc(doc: dict) -> dict:
    """Exactly the tag fields, in their usual order."""
    return {name: doc[name] for name in TAG_FIELDS}


def parse_time(value: str) -> datetime | None:
    """An ISO 8601 time (a bare date is midnight); naive times are taken as UTC."""
    try:
        when = datetime.fromisoformat(value.strip())
    except (ValueError, AttributeError):
        return None
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


def store_time(value: Any) -> str | None:
    """A time from another tool in the store's form (UTC, microseconds, ``+00:00``); ``None`` if unreadable."""
    when = parse_time(value) if isinstance(value, str) else None
    return when.astimezone(timezone.utc).isoformat(timespec="microseconds") if when else None


def merge_edits(saved: dict, seen: dict[str, Any], edited_at: str | None, now: str) -> dict:
    """The saved tag with what another tool shows now (``seen``: start, end, quote, actor, stance, note).

    Unchanged → the saved tag exactly.  Changed there → its values, updated at ``edited_at`` (or now).
    """
    changed = {name: value for name, value in seen.items() if saved.get(name) != value}
    if not changed:
        return dict(saved)
    later = edited_at if edited_at and edited_at > str(saved.get("updated") or "") else now
    return {**saved, **changed, "updated": later}


# --------------------------------------------------------------------------- writable text
encode_json = json.JSONEncoder(ensure_ascii=False).encode  # json.dumps(ensure_ascii=False) builds one per call


def json_text(value: Any) -> str:
    """JSON text of ``value`` (non-ASCII kept as is), always encodable as UTF-8."""
    return json_safe(encode_json(value))


def text_safe(text: str) -> str:
    """Lone surrogates (possible from a JSONL ``\\ud800`` escape) become U+FFFD: one code point for one."""
    return without_lone_surrogates(text)[0]


def sort_key(entry: ExportEntry) -> tuple:
    tag = entry.tag
    return (entry.article.key, tag["start"], tag["end"], tag["annotator"], tag["id"])
