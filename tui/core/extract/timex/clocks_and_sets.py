"""Clock times ("5 p.m. EST", "at 14:30", "noon Friday") and recurring times ("daily", "every other week").

Same conventions as :mod:`.relative`: each regex runs over the lowercased text, and each handler returns a
Candidate or None.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from tui.core.extract.timex.context import Candidate, iso_day, nearest_year_for, weekday_date
from tui.core.extract.timex.lexicon import (
    COUNT_RE,
    MONTH_LOW_RE,
    PARTS_OF_DAY,
    UNIT_RE,
    WEEKDAY_LOW_RE,
    duration_value,
    month_number,
    parse_count,
    weekday_number,
)
from tui.core.extract.timex.relative import is_title_word, unit_name

_ZONE = r"(?:gmt|utc|est|edt|cst|cdt|mst|mdt|pst|pdt|bst|cet|cest|eet|eest|ist|msk|jst)"
CLOCK_12 = re.compile(
    r"(?P<hour>\d\d?)(?:[:.](?P<minute>[0-5]\d))?\s*(?P<ampm>[ap])\.?\s?m\b\.?(?:\s+(?P<zone>" + _ZONE + r")\b)?"
    r"(?:,?\s+(?:on\s+)?(?:(?P<day>" + WEEKDAY_LOW_RE + r"|today|yesterday|tomorrow)(?![a-z])"
    r"|(?P<mon>" + MONTH_LOW_RE + r")\s+(?P<mday>[0-3]?\d)(?![\d:])))?"
)
CLOCK_24 = re.compile(r"(?P<hour>\d\d?):(?P<minute>[0-5]\d)(?![\d:])(?:\s*(?P<zone>" + _ZONE + r")\b)?")
CLOCK_NAMED = re.compile(
    r"(?P<named>noon|midnight|midday)(?![a-z])(?:\s+(?P<day>" + WEEKDAY_LOW_RE + r"|today|yesterday|tomorrow)(?![a-z]))?"
)
SET_ADVERB = re.compile(r"(?:daily|weekly|monthly|yearly|annually|hourly|quarterly|nightly|biweekly|bimonthly)(?![a-z])")
SET_EVERY = re.compile(
    r"(?:every|each|per)\s+(?:(?P<other>other)\s+)?(?:(?P<count>" + COUNT_RE + r")\s+)?"
    r"(?P<unit>" + UNIT_RE + r"|morning|afternoon|evening|night|weekend)(?P<plural>s)?(?![a-z])"
)
SET_TIMES = re.compile(r"(?:once|twice|three times|several times)\s+(?:a|per|each|every)\s+(?P<unit>" + UNIT_RE + r")(?![a-z])")
_CLOCK_CONTEXT = re.compile(r"\b(?:at|by|until|till|from|around|about|before|after)\s+$")


def clock_12(m: re.Match, scan) -> Candidate | None:
    hour = int(m.group("hour"))
    if not 1 <= hour <= 12 or not scan.is_word_start(m.start()):
        return None
    hour = hour % 12 + (12 if m.group("ampm") == "p" else 0)
    if m.group("mon"):
        # "5 p.m. EST, Nov. 6": the clock time on that date.
        month, day = month_number(m.group("mon")), int(m.group("mday"))
        clock_text = f"T{hour:02d}:{int(m.group('minute') or 0):02d}"
        try:
            date(2000, month or 0, day)
            if scan.anchor is None:
                return Candidate(m.start(), m.end(), "TIME", f"XXXX-{month:02d}-{day:02d}" + clock_text, priority=5)
            year = nearest_year_for(scan.anchor, month, day, scan.tense(m.start(), m.end()))
            return Candidate(m.start(), m.end(), "TIME", iso_day(date(year, month, day)) + clock_text, priority=5)
        except ValueError:
            pass
        end = m.start("mon") - 1 - (scan.low[m.start("mon") - 2] == ",")
        return _clock(m, scan, hour, int(m.group("minute") or 0), None, end)
    return _clock(m, scan, hour, int(m.group("minute") or 0), m.group("day"))


def clock_24(m: re.Match, scan) -> Candidate | None:
    hour = int(m.group("hour"))
    if hour > 24 or not scan.is_word_start(m.start()):
        return None
    if not m.group("zone") and not _CLOCK_CONTEXT.search(scan.low, max(0, m.start() - 8), m.start()):
        return None
    return _clock(m, scan, hour, int(m.group("minute")), None)


def clock_named(m: re.Match, scan) -> Candidate | None:
    if not scan.is_word_start(m.start()) or is_title_word(scan, m.start()):
        return None
    hour = 24 if m.group("named") == "midnight" else 12
    return _clock(m, scan, hour, 0, m.group("day"))


def _clock(m: re.Match, scan, hour: int, minute: int, day_word: str | None, end: int | None = None) -> Candidate:
    clock_text = f"T{hour:02d}:{minute:02d}"
    end = m.end() if end is None else end
    if scan.anchor is None:
        return Candidate(m.start(), end, "TIME", "XXXX-XX-XX" + clock_text, priority=5)
    if day_word:
        if day_word in ("today", "yesterday", "tomorrow"):
            when = scan.anchor + timedelta(days={"today": 0, "yesterday": -1, "tomorrow": 1}[day_word])
        else:
            when = weekday_date(scan.anchor, weekday_number(day_word), scan.tense(m.start(), m.end()))
        return Candidate(m.start(), m.end(), "TIME", iso_day(when) + clock_text, priority=5)
    return Candidate(m.start(), end, "TIME", lambda ref, c=clock_text: iso_day(ref) + c, priority=5,
                     anaphoric=True, extras={"clock": clock_text})


_SET_ADVERB = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y", "annually": "P1Y",
               "hourly": "PT1H", "quarterly": "P3M", "nightly": "P1D", "biweekly": "P2W", "bimonthly": "P2M"}


_FIGURE_NOUN = re.compile(
    r"\s+(?:(?:cash|share|stock|net|operating|pretax)\s+)?(?:dividends?|results|reports?|payments?|loss|losses|profits?"
    r"|earnings|income|volume|turnover|sales|revenues?|rate|of\s)"
)

_FIGURE_OWNER = re.compile(r"\b(?:initial|its|their)\s+$")


def set_adverb(m: re.Match, scan) -> Candidate | None:
    if not scan.is_word_start(m.start()):
        return None
    if m.group(0) == "hourly":
        pass  # "average hourly earnings" is a pay rate, which TimeML marks
    elif _FIGURE_NOUN.match(scan.low, m.end()) or _FIGURE_OWNER.search(scan.low, max(0, m.start() - 10), m.start()):
        return None  # "its quarterly dividend", "average daily volume": a kind of figure, not a recurrence
    return Candidate(m.start(), m.end(), "SET", _SET_ADVERB[m.group(0)], priority=2)


def sets(m: re.Match, scan) -> Candidate | None:
    if not scan.is_word_start(m.start()):
        return None
    unit_word = m.group("unit")
    if unit_word in PARTS_OF_DAY:
        return Candidate(m.start(), m.end(), "SET", f"XXXX-XX-XXT{PARTS_OF_DAY[unit_word]}", priority=2)
    if unit_word == "weekend":
        return Candidate(m.start(), m.end(), "SET", "XXXX-WXX-WE", priority=2)
    groups = m.groupdict()
    count = parse_count(groups["count"]) if groups.get("count") else 1
    if groups.get("other"):
        count = 2
    return Candidate(m.start(), m.end(), "SET", duration_value(count, unit_name(unit_word)), priority=2)


RULES = [
    (CLOCK_12, clock_12),
    (CLOCK_24, clock_24),
    (CLOCK_NAMED, clock_named),
    (SET_ADVERB, set_adverb),
    (SET_EVERY, sets),
    (SET_TIMES, sets),
]
