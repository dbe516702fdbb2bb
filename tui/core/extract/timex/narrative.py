"""Narrative anchoring: in a story about the past, a date written without its year takes the story's year.

"On September 1, 1939 ... In November the Soviets attacked": November is 1939's, not the publication year's. A text
tells the past when most of its dates written with a year lie well before the publication date (a news report
naming an old year in passing keeps its other dates near publication). Years before the common era are written as
TimeML does (``BC0480``) and counted astronomically here (480 BC is year -479) so that a story can run forward.
"""

from __future__ import annotations

import re
from datetime import date

# A story whose last full date lies this far before the publication date is told about the past.
NARRATIVE_DAYS = 366
_NARRATIVE_SHARE = 0.6
_NARRATIVE_MIN_DATES = 3
# Stories run forward: "in January" after "December 1941" is January 1942, unless the month is only a little before.
_FORWARD_MONTHS = 7

_VALUE = re.compile(r"^(?P<bc>BC)?(?P<year>\d{4})(?:-(?P<month>\d\d|SP|SU|FA|WI))?(?:-(?P<day>\d\d))?$")
_SEASON_MONTH = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}


class StoryPoint(tuple):
    """(astronomical year, month or None, grain "day" | "month" | "year") of a date value."""

    __slots__ = ()

    def __new__(cls, year: int, month: int | None, grain: str):
        return super().__new__(cls, (year, month, grain))

    @property
    def year(self) -> int:
        return self[0]


def story_point(value: object) -> StoryPoint | None:
    """Where a DATE value (with its year) puts the story; None for anything else."""
    if not isinstance(value, str):
        return None
    m = _VALUE.match(value)
    if m is None:
        return None
    year = int(m.group("year"))
    if m.group("bc"):
        year = 1 - year
    month_text = m.group("month")
    if month_text is None:
        return StoryPoint(year, None, "year")
    if month_text in _SEASON_MONTH:
        return None  # a season may be this year's ("the summer") as well as the story's
    month = int(month_text)
    if not 1 <= month <= 12:
        return None
    return StoryPoint(year, month, "day" if m.group("day") else "month")


def year_text(year: int) -> str:
    """A TIMEX3 year: four digits, or BC and four digits before the common era."""
    return f"{year:04d}" if year > 0 else f"BC{1 - year:04d}"


def is_far(point: StoryPoint | None, anchor: date | None) -> bool:
    if point is None:
        return False
    if anchor is None:
        return True
    months = (anchor.year - point.year) * 12 + anchor.month - (point[1] or 1)
    return months * 30.4 > NARRATIVE_DAYS


def tells_the_past(values: list[object], anchor: date | None) -> bool:
    """Whether most of the full dates ``values`` lie well before the publication date."""
    if anchor is None:
        return True
    points = [p for p in map(story_point, values) if p is not None]
    far = sum(is_far(p, anchor) for p in points)
    return far >= _NARRATIVE_MIN_DATES and far >= _NARRATIVE_SHARE * len(points)


def story_value(partial: tuple[int | str, int | None], story: StoryPoint) -> str:
    """The value of a date written without its year (month or season code, day), in the story's year."""
    month, day = partial
    year = story.year
    month_number = _SEASON_MONTH.get(month) if isinstance(month, str) else month
    if story[2] != "year" and month_number and story[1] and story[1] - month_number >= _FORWARD_MONTHS:
        year += 1
    if not month:
        return year_text(year)
    if isinstance(month, str):
        return f"{year_text(year)}-{month}"
    return f"{year_text(year)}-{month:02d}" + (f"-{day:02d}" if day else "")
