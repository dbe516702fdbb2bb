"""The corpus timeline: the same event reported by several articles becomes one entry listing its sources.

Two events are the same when they have the same type, the same date (or days one apart) and overlapping sides; an
entry's sources are each the same event as its first (so reports never chain from day to day into one entry).
Inside an entry, conflicting claims are flagged: different dates, places, counts or phases ("first" vs "second").
Events are merged in date order, one date window at a time, so a timeline needs in memory one window and the
entries still open, not the corpus: the same code merges articles in memory and extraction shards on disk.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator
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


def window_key(date_value: str | None) -> str | None:
    """The date window an event is merged in: its day (or its whole value when it is coarser than a day).

    Windows in string order are the timeline's order, and every event a dated event can merge with is in its own
    window or the day before's, so windows can be merged one at a time, in order (see :class:`WindowMerger`).
    """
    return None if date_value is None else date_value[:10]


@dataclass(slots=True)
class _Open:
    """An entry that may still take sources: its first source's place in the input and day."""

    entry: TimelineEntry
    order: int
    day: date | None


class WindowMerger:
    """Merges events window by window, in date order; holds only the entries that can still grow.

    Events are taken in date order, then input order (article order, then event order within an article). An event
    joins the first entry, started on its own day or the day before, whose first event is the same event (see
    :func:`same_event`), else it starts an entry. So every source of an entry is the same event as its first, and
    an entry is finished once the merge is two days past its first: it comes out of :meth:`finished` in timeline
    order (by date, type, then input order). Undated events are entries of their own, after every dated one, by
    type and input order (:func:`undated_entries`).
    """

    def __init__(self) -> None:
        self._index: dict[tuple[str, str], list[_Open]] = {}  # (type, first day) -> open entries
        self._open: list[_Open] = []  # day-dated entries that may still grow, in the order they started
        self._done: list[tuple[str, str, int, int, TimelineEntry]] = []  # a heap in timeline order
        self._count = 0
        self._day: date | None = None

    def add_window(self, sources: Iterable[tuple[int, Source]]) -> None:
        """All the events of one window (any order: they are sorted here), after every earlier window's."""
        by_day: list[tuple[date, int, Source]] = []
        coarse: dict[tuple[str, str], list[tuple[int, Source]]] = {}
        for order, source in sources:
            day = _day(source.event.date)
            if day is not None:
                by_day.append((day, order, source))
            else:
                coarse.setdefault((source.event.type, source.event.date or ""), []).append((order, source))
        by_day.sort(key=lambda item: (item[0], item[1]))
        for day, order, source in by_day:
            self._move_to(day)
            self._add_dated(day, order, source)
        for group in coarse.values():  # a month, a week, a season: merged only with the same value
            opened: list[_Open] = []
            for order, source in sorted(group, key=lambda item: item[0]):
                found = next((o for o in opened if same_event(o.entry.sources[0].event, source.event)), None)
                if found is None:
                    opened.append(_Open(_new_entry(source), order, None))
                else:
                    _join(found.entry, source)
            for item in opened:
                self._finish(item)

    def _move_to(self, day: date) -> None:
        if self._day == day:
            return
        self._day = day
        horizon = day - timedelta(days=1)
        still = []
        for item in self._open:
            if item.day is not None and item.day < horizon:  # no event from ``day`` on is a day from its first
                self._finish(item)
            else:
                still.append(item)
        self._open = still
        for key in [k for k in self._index if k[1] < horizon.isoformat()]:
            del self._index[key]

    def _add_dated(self, day: date, order: int, source: Source) -> None:
        event = source.event
        keys = [(event.type, day.isoformat()), (event.type, (day - timedelta(days=1)).isoformat())]
        candidates = (o for key in keys for o in self._index.get(key, ()))
        found = next((o for o in candidates if same_event(o.entry.sources[0].event, event)), None)
        if found is None:
            found = _Open(_new_entry(source), order, day)
            self._open.append(found)
            self._index.setdefault(keys[0], []).append(found)
        else:
            _join(found.entry, source)

    def _finish(self, item: _Open) -> None:
        item.entry.conflicts = conflicts(item.entry)
        self._count += 1
        heapq.heappush(self._done, (item.entry.date or "", item.entry.type, item.order, self._count, item.entry))

    def finished(self, before: str | None = None) -> Iterator[TimelineEntry]:
        """Finished entries in timeline order: those dated before ``before`` (a window key) and before every entry
        still open; with ``before=None``, every entry (the merge is over)."""
        if before is None:
            for item in self._open:
                self._finish(item)
            self._open = []
            self._index.clear()
        bounds = [o.entry.date or "" for o in self._open] + ([before] if before is not None else [])
        bound = min(bounds, default=None)
        while self._done and (bound is None or self._done[0][0] < bound):
            yield heapq.heappop(self._done)[-1]


def _new_entry(source: Source) -> TimelineEntry:
    event = source.event
    return TimelineEntry(event.type, event.date, list(event.actors), event.place, event.summary, event.status,
                         [source])


def _join(entry: TimelineEntry, source: Source) -> None:
    event = source.event
    entry.sources.append(source)
    entry.actors.extend(side for side in event.actors if side not in entry.actors)
    entry.place = entry.place or event.place
    if event.status == "occurred":
        entry.status = "occurred"


def undated_entries(sources: Iterable[Source]) -> Iterator[TimelineEntry]:
    """Undated events of one type, in input order: each an entry of its own (nothing to match them by)."""
    for source in sources:
        entry = _new_entry(source)
        entry.conflicts = conflicts(entry)
        yield entry


def build_timeline(articles: Iterable[Article]) -> list[TimelineEntry]:
    """The corpus timeline of ``articles`` held in memory (:mod:`tui.core.extract.shards` merges it from
    extraction shards on disk, window by window, with the same result)."""
    windows: dict[str, list[tuple[int, Source]]] = {}
    undated: dict[str, list[Source]] = {}
    order = 0
    for article in articles:
        for event in article.events:
            source = Source(article.id, article.path, article.title, event)
            key = window_key(event.date)
            if key is None:
                undated.setdefault(event.type, []).append(source)
            else:
                windows.setdefault(key, []).append((order, source))
            order += 1
    merger = WindowMerger()
    entries: list[TimelineEntry] = []
    for key in sorted(windows):
        merger.add_window(windows.pop(key))
    entries.extend(merger.finished())
    for kind in sorted(undated):
        entries.extend(undated_entries(undated[kind]))
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
