"""The corpus timeline: the same event reported by several articles becomes one entry listing its sources.

Two events are the same when they have the same type, the same date (or days one apart) and overlapping sides.
Inside an entry, conflicting claims are flagged: different dates, places, counts or phases ("first" vs "second").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from tui.core.model import Article, Event


@dataclass(slots=True)
class Source:
    article_id: str
    path: str
    title: str | None
    event: Event


@dataclass(slots=True)
class TimelineEntry:
    type: str
    date: str | None
    actors: list[str]
    place: str | None
    summary: str
    status: str
    sources: list[Source] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "type": self.type, "date": self.date, "actors": self.actors, "place": self.place,
            "summary": self.summary, "status": self.status, "conflicts": self.conflicts,
            "sources": [{"article_id": s.article_id, "path": s.path, "event_id": s.event.id,
                         "start": s.event.start, "end": s.event.end, "date": s.event.date} for s in self.sources],
        }


def _day(value: str | None) -> date | None:
    if value and len(value) == 10:
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def same_event(a: Event, b: Event) -> bool:
    if a.type != b.type or a.date is None or b.date is None:
        return False
    if a.date != b.date:
        day_a, day_b = _day(a.date), _day(b.date)
        if day_a is None or day_b is None or abs((day_a - day_b).days) > 1:
            return False
    return not a.actors or not b.actors or bool(set(a.actors) & set(b.actors))


def _neighbour_keys(event: Event) -> list[tuple[str, str]]:
    """Index keys under which an event's possible matches are filed: its type with its date and the days beside."""
    day = _day(event.date)
    if day is None:
        return [(event.type, event.date or "")]
    return [(event.type, (day + timedelta(days=shift)).isoformat()) for shift in (0, -1, 1)]


def build_timeline(articles: list[Article]) -> list[TimelineEntry]:
    entries: list[TimelineEntry] = []
    index: dict[tuple[str, str], list[TimelineEntry]] = {}
    for article in articles:
        for event in article.events:
            source = Source(article.id, article.path, article.title, event)
            entry = None
            if event.date is not None:
                candidates = (e for key in _neighbour_keys(event) for e in index.get(key, ()))
                entry = next((e for e in candidates if any(same_event(s.event, event) for s in e.sources)), None)
            if entry is None:
                entry = TimelineEntry(event.type, event.date, list(event.actors), event.place, event.summary,
                                      event.status, [source])
                entries.append(entry)
                if event.date is not None:
                    index.setdefault(_neighbour_keys(event)[0], []).append(entry)
                continue
            if event.date is not None and entry not in index.setdefault(_neighbour_keys(event)[0], []):
                index[_neighbour_keys(event)[0]].append(entry)
            entry.sources.append(source)
            entry.actors.extend(side for side in event.actors if side not in entry.actors)
            entry.place = entry.place or event.place
            if event.status == "occurred":
                entry.status = "occurred"
    for entry in entries:
        entry.conflicts = conflicts(entry)
    entries.sort(key=lambda e: (e.date is None, e.date or "", e.type))
    return entries


def conflicts(entry: TimelineEntry) -> list[str]:
    if len({s.article_id for s in entry.sources}) < 2:
        return []
    found = []
    for label, values in (
        ("dates", [(s, s.event.date) for s in entry.sources]),
        ("places", [(s, s.event.place) for s in entry.sources]),
        ("numbers", [(s, ", ".join(map(str, sorted(s.event.numbers))) or None) for s in entry.sources]),
        ("phase", [(s, s.event.ordinal) for s in entry.sources]),
    ):
        distinct: dict[str, list[str]] = {}
        for source, value in values:
            if value:
                distinct.setdefault(value, []).append(_short_name(source.path))
        if len(distinct) > 1:
            found.append(f"{label} differ: " + "; ".join(f"{v} ({', '.join(who)})" for v, who in distinct.items()))
    return found


def _short_name(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]
