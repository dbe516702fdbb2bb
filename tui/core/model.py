"""Plain data types shared by every stage of the extraction core.

All offsets are Python string indices into ``Article.text`` (half-open ``[start, end)``).
Nothing here imports textual or rich.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any


@dataclass(slots=True)
class Region:
    """A structural part of the raw page: title, header, dateline, byline, url, updated, boilerplate, heading."""

    start: int
    end: int
    kind: str


UNTAGGABLE_KINDS = frozenset({"meta", "boilerplate"})  # statement kinds nobody tags (page furniture)


@dataclass(slots=True)
class Statement:
    """A sentence (or heading / boilerplate line) of the article; the unit people tag."""

    id: str
    start: int
    end: int
    kind: str  # "sentence" | "heading" | "title" | "boilerplate" | "meta"
    speaker: str | None = None
    side: str | None = None


@dataclass(slots=True)
class Mention:
    """A span naming an actor: a country, demonym, metonym, organisation or person."""

    start: int
    end: int
    text: str
    kind: str  # "country" | "demonym" | "metonym" | "org" | "person"
    side: str | None  # English country or organisation name, e.g. "Russia", "European Union"
    name: str | None = None  # canonical person name within the article ("Sergey Lavrov")


@dataclass(slots=True)
class Quote:
    """A direct quotation; start/end cover the quoted words without the quotation marks."""

    start: int
    end: int
    text: str
    speaker: str | None
    side: str | None
    cue: str | None  # the cue verb or phrase ("said", "according to"), or None


@dataclass(slots=True)
class Timex:
    """A TIMEX3 expression with its normalised value."""

    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str | None
    mod: str | None = None
    rule: str | None = None  # debug: which tagger rule made the value (e.g. "month_first+narrative")


@dataclass(slots=True)
class Event:
    id: str
    type: str  # MEET | CALL | EXCHANGE | PROPOSE | AGREE | STATEMENT | ATTACK | ACCUSE
    plover: str
    date: str | None
    date_text: str | None
    status: str  # "occurred" | "planned"
    actors: list[str]
    place: str | None
    start: int
    end: int
    summary: str
    numbers: list[int] = field(default_factory=list)  # counts in the evidence (people exchanged, killed ...)
    ordinal: str | None = None  # "first", "second" ... when the text numbers the phase or round


@dataclass(slots=True)
class Article:
    path: str
    id: str  # content hash of ``text``
    text: str
    fmt: str  # "txt" | "md" | "html" | "jsonl"
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: date | None = None
    published_from: str | None = None
    regions: list[Region] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    complete: bool = True  # False for a quick preview (layout and sentences only) shown while extraction runs

    def for_reading(self) -> Article:
        """The article as the app keeps it: without the mentions, date expressions and layout regions the
        extraction worked from (the reader, events panel, timeline and statistics use none of them); a quarter
        less memory per article, which counts with ten thousand open."""
        self.mentions, self.timexes, self.regions = [], [], []
        return self

    def to_dict(self, *, with_text: bool | None = None) -> dict[str, Any]:
        """The public JSON shape of ``newsdesk extract`` (documented in the README)."""
        if with_text is None:
            with_text = self.fmt in ("html", "jsonl")
        out: dict[str, Any] = {
            "path": self.path,
            "id": self.id,
            "title": self.title,
            "source": self.source,
            "url": self.url,
            "published": self.published.isoformat() if self.published else None,
            "published_from": self.published_from,
        }
        if with_text:
            out["text"] = self.text
        out["statements"] = [asdict(s) for s in self.statements]
        out["quotes"] = [
            {"start": q.start, "end": q.end, "text": q.text, "speaker": q.speaker, "side": q.side, "cue": q.cue}
            for q in self.quotes
        ]
        out["timexes"] = [asdict(t) for t in self.timexes]
        out["events"] = [asdict(e) for e in self.events]
        return out
