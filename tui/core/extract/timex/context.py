"""Calendar arithmetic and tense guessing used to anchor relative timexes.

All helpers take the anchor (publication date) and return TIMEX3 value strings;
they return None when no anchor is known.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Callable

from dateutil.relativedelta import relativedelta

from tui.core.extract.tense import (
    FUTURE_ARRANGED,
    FUTURE_COMMON,
    PAST_COMMON,
    PAST_REPORTED,
    cue_pattern,
)

PAST, FUTURE = "past", "future"

# Tense cues from the shared lexicon, over the lowercased text.
_FUTURE_CUE = cue_pattern(FUTURE_COMMON, FUTURE_ARRANGED, flags=0)
_PAST_CUE = cue_pattern(PAST_COMMON, PAST_REPORTED, flags=0)
# Any other word in -ed is a weaker hint: it may be an adjective ("unspecified", "United").
_PAST_ED = re.compile(r"\b(?:(?P<det>a|an|the|its|his|her|their|be|been|being|is|are|still|newly|very)\s+)?[a-z]{3,}ed\b")
_CLAUSE_BREAK = re.compile(r"[.!?;:\n\"“”)\]]|''|``")
_RIGHT_BREAK = re.compile(r"[.!?;:,\n\"“”()\[\]]|''|``|\b(?:and|but|while|after|before|when)\b")
_NOT_PAST_ED = {"scheduled", "expected", "planned", "slated", "prepared", "need", "proposed", "intended", "united",
                "hundred", "indeed", "speed", "proceed", "exceed", "succeed", "feed", "breed", "seed", "limited",
                "based", "related", "detailed", "advanced", "concerned", "interested", "supposed", "used"}


_WEAK_PENALTY = 20


def _nearest(segments: list[tuple[str, bool]], cues, penalty: int = 0) -> tuple[int, str] | None:
    best: tuple[int, str] | None = None
    for segment, is_left in segments:
        for pattern, tense in cues:
            for match in pattern.finditer(segment):
                if tense == PAST and match.group(0).split()[-1] in _NOT_PAST_ED:
                    continue
                if tense == PAST and segment.endswith(("be ", "to "), 0, match.start()):
                    continue  # "will be paid", "to be held": the participle belongs to a later event
                if pattern is _PAST_ED and match.group("det"):
                    continue
                distance = (len(segment) - match.end() if is_left else match.start() + 15) + penalty
                if best is None or distance < best[0]:
                    best = (distance, tense)
    return best


def guess_tense(text: str, start: int, end: int) -> str | None:
    """Past or future for the clause around text[start:end] (lowercased text), from the nearest tense cue.

    Auxiliaries and common verbs count as they are; a bare -ed word counts as if it stood further away.
    """
    left_from = max(0, start - 120)
    left = text[left_from:start]
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(left)]
    if breaks:
        left = left[breaks[-1]:]
    right = text[end : end + 80]
    cut = _RIGHT_BREAK.search(right)
    if cut:
        right = right[: cut.start()]
    segments = [(left, True), (right, False)]
    best = _nearest(segments, ((_FUTURE_CUE, FUTURE), (_PAST_CUE, PAST)))
    weak = _nearest(segments, ((_PAST_ED, PAST),), _WEAK_PENALTY)
    if best is None or (weak is not None and weak[0] < best[0]):
        best = weak
    return best[1] if best else None


def iso_day(day: date) -> str:
    return day.isoformat()


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def iso_month(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def shift_quarter(year: int, quarter: int, steps: int) -> str:
    index = year * 4 + (quarter - 1) + steps
    return f"{index // 4:04d}-Q{index % 4 + 1}"


def weekday_date(anchor: date, weekday: int, direction: str | None) -> date:
    """The given weekday relative to the anchor.

    past / None: the latest such day on or before the anchor; future: on or after;
    "next": strictly after; "last": strictly before; "this": within the anchor's ISO week.
    """
    delta = weekday - anchor.weekday()
    if direction == "this":
        return anchor + timedelta(days=delta)
    if direction == "next":
        return anchor + timedelta(days=delta if delta > 0 else delta + 7)
    if direction == "last":
        return anchor + timedelta(days=delta if delta < 0 else delta - 7)
    if direction == FUTURE:
        return anchor + timedelta(days=delta if delta >= 0 else delta + 7)
    return anchor + timedelta(days=delta if delta <= 0 else delta - 7)


def nearest_year_for(anchor: date, month: int, day: int | None, tense: str | None) -> int:
    """Year for a month (and day) given without one: the occurrence closest to the anchor, tense-biased."""
    best_year, best_cost = anchor.year, None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            when = date(year, month, min(day or 15, 28) if day is None else day)
        except ValueError:
            when = date(year, month, 28)
        offset = (when - anchor).days
        cost = abs(offset)
        if tense == FUTURE:
            cost += 200 if offset < 0 else 0
        elif offset > 0:
            cost += 200 if tense == PAST else 45
        if best_cost is None or cost < best_cost:
            best_year, best_cost = year, cost
    return best_year


def bare_month_year(anchor: date, month: int, tense: str | None) -> int:
    """Year of a month named without one: the nearest such month, on the side the tense points to."""
    best_year, best_cost = anchor.year, None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        offset = (year - anchor.year) * 12 + month - anchor.month
        cost = abs(offset) * 2 + (offset > 0) * (1 if tense else _UNSURE_FUTURE)
        if (tense == PAST and offset > 0) or (tense == FUTURE and offset < 0):
            cost += _AGAINST_TENSE
        if best_cost is None or cost < best_cost:
            best_year, best_cost = year, cost
    return best_year


_AGAINST_TENSE = 14
_UNSURE_FUTURE = 13


def season_index(day: date) -> int:
    """Running number of the season containing ``day`` (winter counted with the year it starts in)."""
    order = {12: 3, 1: 3, 2: 3, 3: 0, 4: 0, 5: 0, 6: 1, 7: 1, 8: 1, 9: 2, 10: 2, 11: 2}[day.month]
    year = day.year - 1 if day.month <= 2 else day.year
    return year * 4 + order


def shift_value(anchor: date, unit: str, steps: int) -> str:
    """The anchor moved by ``steps`` units, written at that unit's granularity."""
    if unit == "day":
        return iso_day(anchor + timedelta(days=steps))
    if unit == "week":
        return iso_week(anchor + timedelta(weeks=steps))
    if unit == "weekend":
        return iso_week(anchor + timedelta(weeks=steps)) + "-WE"
    if unit == "month":
        return iso_month(anchor + relativedelta(months=steps))
    if unit == "quarter":
        return shift_quarter(anchor.year, quarter_of(anchor), steps)
    if unit == "year":
        return f"{anchor.year + steps:04d}"
    if unit == "decade":
        return f"{anchor.year // 10 + steps:03d}"
    if unit == "century":
        return f"{anchor.year // 100 + steps:02d}"
    return iso_day(anchor)


def reference_date(value: str | None) -> date | None:
    """A date standing for a TIMEX3 value (its first day), to anchor anaphoric expressions."""
    if not value or not value[:4].isdigit():
        return None
    try:
        year = int(value[:4])
        if len(value) >= 10 and value[4] == "-" and value[7] == "-" and value[8:10].isdigit():
            return date(year, int(value[5:7]), int(value[8:10]))
        if len(value) >= 7 and value[4] == "-" and value[5:7].isdigit():
            return date(year, int(value[5:7]), 1)
        if len(value) == 4:
            return date(year, 1, 1)
    except ValueError:
        return None
    return None


@dataclass(slots=True)
class Candidate:
    """A matched span before overlap resolution; ``value`` may need the reference date."""

    start: int
    end: int
    type: str
    value: str | Callable[[date], str | None] | None
    mod: str | None = None
    priority: int = 0
    anaphoric: bool = False
    extras: dict = field(default_factory=dict)
    # A date written without its year ("in November", "on 12 June"): (month, day or None), so that a story about
    # the past can take the year from its own last full date instead of the publication date.
    partial: tuple[int, int | None] | None = None
    rule: str = ""  # the handler that made it, for the debug field of the Timex
