"""What a corpus teaches the extraction of each of its articles, gathered in a first pass and passed in explicitly.

Two things: people introduced with a side in one article and named bare in another (:class:`PeopleRegistry`), and
the corpus' own period (the median of the publication dates its metadata gives), against which an article whose date
must be inferred, or whose dateline has no year, is placed.

:class:`CorpusLearner` collects both one article at a time, and two learners merge (so the pass can be split over
processes or a cluster and reduced). :meth:`CorpusLearner.context` freezes the result into a :class:`CorpusContext`,
which :func:`tui.core.extract.pipeline.extract_prepared` takes; the same context gives the same output everywhere.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from tui.core.extract.people import PeopleRegistry
from tui.core.model import Mention


@dataclass(frozen=True, slots=True)
class CorpusContext:
    """The corpus knowledge one article's extraction uses: fixed while the corpus is extracted."""

    people: PeopleRegistry = field(default_factory=PeopleRegistry)
    reference: date | None = None  # the corpus period: median of the dates known from metadata
    published: date | None = None  # ``--published``: every article's publication date, overriding the page
    today: date | None = None  # the clock, for tests; None is the real one


class CorpusLearner:
    """The first pass: people and known publication dates, one article at a time; mergeable."""

    def __init__(self) -> None:
        self.people = PeopleRegistry()
        self.known_dates: Counter[date] = Counter()

    def learn(self, mentions: list[Mention], known_date: date | None) -> None:
        self.people.learn(mentions)
        if known_date is not None:
            self.known_dates[known_date] += 1

    def merge(self, other: CorpusLearner) -> CorpusLearner:
        """This learner with ``other``'s articles added (as if they had been learned after this one's)."""
        self.people.merge(other.people)
        self.known_dates.update(other.known_dates)
        return self

    def reference(self) -> date | None:
        """The median known date (of an even count, the later of the two middle ones)."""
        total = sum(self.known_dates.values())
        if not total:
            return None
        wanted, seen = total // 2, 0
        for day in sorted(self.known_dates):
            seen += self.known_dates[day]
            if seen > wanted:
                return day
        return None  # pragma: no cover - the loop always reaches the middle

    def context(self, *, published: date | None = None, today: date | None = None) -> CorpusContext:
        return CorpusContext(people=self.people.copy(), reference=None if published else self.reference(),
                             published=published, today=today)
