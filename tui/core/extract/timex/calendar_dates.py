"""Calendar-date rules: explicit dates, years, decades, centuries, weekdays and seasons (quarters, holidays and
spoken years are in :mod:`.named_periods`).

Each rule is a compiled regex run over the *lowercased* text, starting with its core
word (so Python's regex engine can skip ahead quickly), plus a handler
``handler(match, scan) -> Candidate | None``.  Handlers look back for optional
prefixes ("last", "the", "Monday,") with ``scan.back`` and check capitalisation on
the original text.
"""

from __future__ import annotations

import re
from datetime import date

from tui.core.extract.timex.context import (
    FUTURE,
    PAST,
    Candidate,
    bare_month_year,
    iso_day,
    nearest_year_for,
    season_index,
    weekday_date,
)
from tui.core.extract.timex.lexicon import (
    MONTH_LOW_RE,
    SEASONS,
    WEEKDAY_LOW_RE,
    YEAR_RE,
    month_number,
    weekday_number,
)

_YEAR = YEAR_RE

# "May 19", "May 19, 2025", "March 2022", "May" -- month first.
MONTH_FIRST = re.compile(
    r"(?P<mon>" + MONTH_LOW_RE + r")(?:\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d|:\d|,\d|\.\d)"
    r"(?:,?\s+(?P<year>" + _YEAR + r"))?|,?\s+(?:of\s+)?(?P<myear>" + _YEAR + r")"
    r"|(?P<yrel>\s+(?:this|last|next)\s+year))?"
)
# "19 May 2025", "the 19th of May"
DAY_FIRST = re.compile(
    r"(?P<day>\d\d?)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>" + MONTH_LOW_RE + r")(?:,?\s+(?P<year>" + _YEAR + r"))?"
)
_BEFORE_DATE = re.compile(
    r"(?:(?P<wrel>last|next|this|coming|past)\s+)?(?:(?P<wd>" + WEEKDAY_LOW_RE + r"),?\s+)?(?P<the>the\s+)?$"
)
_BEFORE_MONTH = re.compile(r"(?P<rel>last|next|this|coming|past)\s+$")
ISO_DATE = re.compile(r"(?P<year>(?:1[0-9]|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?!\d)")
NUMERIC_DATE = re.compile(
    r"(?P<a>\d\d?)(?P<sep>[-/.])(?P<b>[0-3]?\d)(?P=sep)(?P<year>(?:1[0-9]|20)\d\d|\d\d)(?!\d)(?!\.\d)"
)
YEAR_ONLY = re.compile(
    r"(?P<year>1\d\d\d|20\d\d)(?![\d%]|[,.]\d|-\d|-year|[a-z])"
    r"(?!\s+(?:people|persons|troops|soldiers|workers|jobs|employees|residents|tons|barrels|shares|dollars"
    r"|euros|votes|cases|deaths|miles|km|kilometers|metres|meters|feet|units|vehicles|cars|homes|houses"
    r"|students|children|men|women|prisoners|detainees|hours|gmt|utc|est|edt|hrs|ist)\b)"
)
_BEFORE_YEAR = re.compile(r"(?:fiscal(?: year)?|fy)\s*$")
DECADE = re.compile(r"(?P<full>1[0-9]|20)(?P<dec>\d)0['’]?s(?![a-z])")
SHORT_DECADE = re.compile(r"['’](?P<short>\d)0s(?![a-z])")
_BEFORE_DECADE = re.compile(r"(?:the\s+)?(?:(?P<mod>early|late|mid)[- ]?)?$")
CENTURY = re.compile(r"(?P<n>\d\d?)(?:st|nd|rd|th)[- ]century(?![a-z])")
WEEKDAY = re.compile(
    r"(?P<wd>" + WEEKDAY_LOW_RE + r")(?P<plural>s)?(?P<poss>['’]s)?(?:\s+(?P<pod>morning|afternoon|evening|night)s?)?(?![a-z])"
)
_BEFORE_WEEKDAY = re.compile(r"(?P<rel>last|next|this|coming|past|every|each|the previous|the following)\s+$")
_FOLLOWING_DATE = re.compile(r"\s*[\[(,]?\s*(?P<mon>" + MONTH_LOW_RE + r")\s+(?P<day>[0-3]?\d)(?!\d)")
_FOLLOWING_CLOCK = re.compile(r"\s+(?:at\s+)?(?P<hour>[01]?\d)(?::(?P<minute>[0-5]\d))?\s*(?P<ampm>[ap])\.?\s?m\b\.?")
SEASON = re.compile(r"(?P<season>spring|summer|fall|autumn|winter)(?![a-z])(?:\s+(?:of\s+)?(?P<year>" + _YEAR + r"))?")
_BEFORE_SEASON = re.compile(r"(?:(?P<rel>last|next|this|coming|past)\s+|(?P<the>the\s+)|(?P<early>early|late|mid-?)\s*)$")
_MONTH_CONTEXT = re.compile(
    r"(?:\b(?:in|since|until|till|by|during|early|late|mid|of|from|through|before|after|between|and|or|to"
    r"|throughout|end|beginning|start|middle)\s*-?\s*|-)$"
)
YEAR_CONTEXT = re.compile(
    r"\b(?:in|since|until|till|by|during|of|from|through|before|after|year|the|early|late|mid|and|to|or|circa)\s*-?$"
)


def valid_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def month_first(m: re.Match, scan) -> Candidate | None:
    if not scan.is_word_start(m.start()) or not scan.text[m.start()].isupper():
        return None
    month = month_number(m.group("mon"))
    if not month:
        return None
    if m.group("day"):
        return _day_month(m, scan, month, int(m.group("day")), m.group("year"))
    if m.group("myear"):
        return Candidate(m.start(), m.end(), "DATE", f"{m.group('myear')}-{month:02d}", priority=4)
    return _bare_month(m, scan, month)


def day_first(m: re.Match, scan) -> Candidate | None:
    if not scan.is_word_start(m.start()) or not scan.text[m.start("mon")].isupper():
        return None
    return _day_month(m, scan, month_number(m.group("mon")), int(m.group("day")), m.group("year"))


def _day_month(m: re.Match, scan, month: int | None, day: int, year_text: str | None) -> Candidate | None:
    if not month or not 1 <= day <= 31:
        return None
    start, weekday, end = m.start(), None, m.end()
    if m.group("year") is None and m.group(0).endswith(","):
        end -= 1
    before = scan.back(_BEFORE_DATE, start, 40)
    if before and before.group("wd"):
        start = before.start() if before.group("wrel") else before.start("wd")
        weekday = weekday_number(before.group("wd"))
    if year_text:
        when = valid_date(int(year_text), month, day)
        return Candidate(start, end, "DATE", iso_day(when), priority=5) if when else None
    if scan.anchor is None:
        return Candidate(start, end, "DATE", f"XXXX-{month:02d}-{day:02d}", priority=5, partial=(month, day))
    tense = scan.tense(m.start(), m.end())
    year = nearest_year_for(scan.anchor, month, day, tense)
    if weekday is not None:
        # A stated weekday settles the year when the month and day come without one.
        for trial in (year, year + 1, year - 1):
            trial_date = valid_date(trial, month, day)
            if trial_date and trial_date.weekday() == weekday:
                year = trial
                break
    when = valid_date(year, month, day)
    if when is None:
        return None
    return Candidate(start, end, "DATE", iso_day(when), priority=5, partial=_partial(month, day, weekday is None))


def _partial(month: int, day: int | None, free: bool) -> tuple[int, int | None] | None:
    """What a date without a year keeps for narrative anchoring; nothing when it is tied to the publication date
    (a weekday named with it, "last" or "next")."""
    return (month, day) if free else None


def _bare_month(m: re.Match, scan, month: int) -> Candidate | None:
    word = scan.text[m.start("mon") : m.end("mon")]
    if len(word) <= 4 and not word.endswith(".") and word not in ("May", "June", "July"):
        return None  # "Jan Kavan": abbreviations need a dot or a day
    before = scan.back(_BEFORE_MONTH, m.start(), 12)
    rel = before.group("rel") if before else ""
    yrel = (m.group("yrel") or "").split()
    if word in ("May", "March") and not rel and not yrel:
        if not _MONTH_CONTEXT.search(scan.low, max(0, m.start() - 12), m.start()):
            return None
    start = before.start() if before else m.start()
    partial = _partial(month, None, not rel and not yrel)
    if scan.anchor is None:
        return Candidate(start, m.end(), "DATE", f"XXXX-{month:02d}", priority=2, partial=partial)
    year = scan.anchor.year
    if yrel:
        year += {"this": 0, "last": -1, "next": 1}[yrel[0]]
    elif rel in ("last", "past"):
        year -= month >= scan.anchor.month - 1  # "last February", said on March 1, is a year back
    elif rel in ("next", "coming"):
        year += month <= scan.anchor.month
    elif rel != "this":
        year = bare_month_year(scan.anchor, month, scan.tense(m.start(), m.end()))
    return Candidate(start, m.end(), "DATE", f"{year:04d}-{month:02d}", priority=2, partial=partial)


def iso_date(m: re.Match, scan) -> Candidate | None:
    if m.start() and (scan.low[m.start() - 1].isdigit() or scan.low[m.start() - 1] in ".-"):
        return None
    when = valid_date(int(m.group("year")), int(m.group("month")), int(m.group("day")))
    return Candidate(m.start(), m.end(), "DATE", iso_day(when), priority=6) if when else None


def numeric_date(m: re.Match, scan) -> Candidate | None:
    if m.start() and scan.low[m.start() - 1] in "0123456789./-":
        return None
    first, second, year_text = int(m.group("a")), int(m.group("b")), m.group("year")
    year = int(year_text)
    if len(year_text) == 2:
        if m.group("sep") == ".":
            return None
        year += 2000 if year < 50 else 1900
    if first > 12:
        day, month = first, second
    elif second > 12 or m.group("sep") == "/":
        month, day = first, second
    else:
        day, month = first, second
    when = valid_date(year, month, day)
    return Candidate(m.start(), m.end(), "DATE", iso_day(when), priority=6) if when else None


def year_only(m: re.Match, scan) -> Candidate | None:
    start = m.start()
    hyphen_prefix = scan.low.endswith(("mid-", "pre-", "post-", "early-", "late-"), 0, start)
    if start and (scan.low[start - 1].isalnum() or scan.low[start - 1] in "$£€#.,/:-_") and not hyphen_prefix:
        return None
    year = int(m.group("year"))
    story_only = False
    if (year < 1900 or year > 2099) and not YEAR_CONTEXT.search(scan.low, max(0, start - 10), start):
        if year > 2099 or scan.low.startswith((" ad", " a.d", " bc", " b.c"), m.end()):
            return None
        story_only = True  # "Anaconda Plan, 1861": a year in a story about the past, a number elsewhere
    fiscal = scan.back(_BEFORE_YEAR, start, 14)
    if fiscal:
        start = fiscal.start()
    return Candidate(start, m.end(), "DATE", f"{year:04d}", priority=1, extras={"story_only": True} if story_only else {})


def decade(m: re.Match, scan) -> Candidate | None:
    if "full" in m.re.groupindex:
        if not scan.is_word_start(m.start()):
            return None
        value = m.group("full") + m.group("dec")
    else:
        digit = m.group("short")
        century = "19"
        if scan.anchor is not None and scan.anchor.year >= 2000 and int(digit) * 10 <= scan.anchor.year % 100:
            century = "20"
        value = century + digit
    before = scan.back(_BEFORE_DECADE, m.start(), 12)
    start = before.start() if before else m.start()
    mod = {"early": "START", "late": "END", "mid": "MID"}.get(before.group("mod") if before else "")
    return Candidate(start, m.end(), "DATE", value, mod, priority=3)


def century(m: re.Match, scan) -> Candidate | None:
    number = int(m.group("n"))
    if not 1 <= number <= 22 or not scan.is_word_start(m.start()):
        return None
    start = m.start() - 4 if scan.low[max(0, m.start() - 4) : m.start()] == "the " else m.start()
    return Candidate(start, m.end(), "DATE", f"{number - 1:02d}", priority=3)


def weekday(m: re.Match, scan) -> Candidate | None:
    if not scan.is_word_start(m.start()):
        return None
    day = weekday_number(m.group("wd"))
    before = scan.back(_BEFORE_WEEKDAY, m.start(), 16)
    rel = before.group("rel") if before else ""
    start = before.start() if before else m.start()
    pod_code = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}.get(m.group("pod") or "")
    if m.group("plural") or rel in ("every", "each"):
        return Candidate(start, m.end(), "SET", f"XXXX-WXX-{day + 1}" + (f"T{pod_code}" if pod_code else ""))
    following = _FOLLOWING_DATE.match(scan.low, m.end())
    if following and not rel and scan.text[following.start("mon")].isupper() and not m.group("pod"):
        # "Monday [June 2]": the explicit date that follows decides.
        month, number = month_number(following.group("mon")), int(following.group("day"))
        if scan.anchor is not None and month:
            when = valid_date(nearest_year_for(scan.anchor, month, number, None), month, number)
            if when:
                return Candidate(m.start(), m.end(), "DATE", iso_day(when), priority=3)
    clock = None if m.group("pod") else _FOLLOWING_CLOCK.match(scan.low, m.end())
    end = clock.end() if clock and 1 <= int(clock.group("hour")) <= 12 else m.end()
    # "Friday afternoon" is the day and its part, as TimeML writes it (...TAF); "Friday night" TimeBank mostly
    # writes as the day itself (the night runs into the next day).
    day_part = pod_code if pod_code != "NI" else None
    kind = "TIME" if end != m.end() or day_part else "DATE"
    if scan.anchor is None:
        return Candidate(start, end, kind, None, priority=3)
    if rel in ("the previous", "the following") and end == m.end():
        # "down 4.5% from the previous Friday": the one before the day last talked about
        way = "last" if rel == "the previous" else "next"
        return Candidate(start, end, kind, lambda ref, d=day, w=way: iso_day(weekday_date(ref, d, w)), priority=3,
                         anaphoric=True)
    if rel in ("next", "coming", "the following"):
        direction = "next"
    elif rel in ("last", "past", "the previous"):
        direction = "last"
    elif rel == "this":
        direction = "this"
    elif m.group("poss"):
        direction = PAST  # "Wednesday's ruling" reports something that happened
    else:
        direction = scan.tense(m.start(), m.end())
    value = iso_day(weekday_date(scan.anchor, day, direction))
    if end != m.end():
        hour = int(clock.group("hour")) % 12 + (12 if clock.group("ampm") == "p" else 0)
        value += f"T{hour:02d}:{int(clock.group('minute') or 0):02d}"
    elif day_part:
        value += f"T{day_part}"
    return Candidate(start, end, kind, value, priority=3)


def season(m: re.Match, scan) -> Candidate | None:
    if not scan.is_word_start(m.start()):
        return None
    code = SEASONS[m.group("season")]
    before = scan.back(_BEFORE_SEASON, m.start(), 12)
    in_before = scan.low[max(0, m.start() - 3) : m.start()] == "in "
    if not m.group("year") and not before and not in_before:
        return None
    if m.group("season") == "fall" and not m.group("year") and not (before and (before.group("rel") or before.group("the"))):
        return None
    start = before.start() if before and not before.group("early") else m.start()
    if m.group("year"):
        return Candidate(start, m.end(), "DATE", f"{m.group('year')}-{code}", priority=3)
    rel = before.group("rel") if before else ""
    partial = None if rel else (code, None)
    if scan.anchor is None:
        return Candidate(start, m.end(), "DATE", f"XXXX-{code}", priority=3, partial=partial)
    current = season_index(scan.anchor)
    target = (current // 4) * 4 + {"SP": 0, "SU": 1, "FA": 2, "WI": 3}[code]
    if rel in ("last", "past"):
        target -= 4 if target >= current else 0
    elif rel in ("next", "coming"):
        target += 4 if target <= current else 0
    elif rel != "this":
        tense = scan.tense(m.start(), m.end())
        if tense == PAST and target > current:
            target -= 4
        elif tense == FUTURE and target < current:
            target += 4
    return Candidate(start, m.end(), "DATE", f"{target // 4:04d}-{code}", priority=3, partial=partial)


RULES = [
    (MONTH_FIRST, month_first),
    (DAY_FIRST, day_first),
    (ISO_DATE, iso_date),
    (NUMERIC_DATE, numeric_date),
    (YEAR_ONLY, year_only),
    (DECADE, decade),
    (SHORT_DECADE, decade),
    (CENTURY, century),
    (WEEKDAY, weekday),
    (SEASON, season),
]
