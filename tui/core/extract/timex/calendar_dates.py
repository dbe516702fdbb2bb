"""Calendar-date rules: explicit dates, years, decades, weekdays, seasons, quarters and holidays.

Each rule is a compiled regex run over the *lowercased* text, starting with its core
word (so Python's regex engine can skip ahead quickly), plus a handler
``handler(match, scan) -> Candidate | None``.  Handlers look back for optional
prefixes ("last", "the", "Monday,") with ``scan.back`` and check capitalisation on
the original text.
"""

from __future__ import annotations

import re
from datetime import date

from dateutil.easter import easter
from dateutil.relativedelta import MO, TH, TU, relativedelta

from tui.core.extract.timex.context import (
    FUTURE,
    PAST,
    Candidate,
    bare_month_year,
    iso_day,
    iso_week,
    nearest_year_for,
    quarter_of,
    season_index,
    shift_quarter,
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
QUARTER = re.compile(
    r"(?P<what>quarter|half|period)(?![a-z]|-century|-to-)(?:\s+of\s+(?:(?:fiscal|the)\s+)?(?:year\s+)?(?P<year>" + _YEAR + r"))?"
    r"(?P<ago>\s+(?:a\s+year\s+(?:ago|earlier)|(?:of\s+)?last\s+year)(?![a-z]))?"
)
_BEFORE_QUARTER = re.compile(
    r"(?:(?P<yrel>this|last|next)\s+year['’]s\s+|the\s+(?P<year0>(?:19|20)\d\d)\s+|(?P<the>the)\s+)?"
    r"(?:(?P<rel>latest|last|current|past|previous|year-ago|year-earlier|same|comparable|corresponding|most\s+recent)\s+)?"
    r"(?:(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final)[- ](?:fiscal[- ])?)?$"
)
# "the quarter ended Sept. 30": the month that closes the quarter names it.
_QUARTER_ENDED = re.compile(r"\s+end(?:ed|ing)\s+(?P<mon>" + MONTH_LOW_RE + r")\s+[0-3]?\d(?!\d)")
HOLIDAY = re.compile(
    r"(?P<name>christmas(?: day| eve)?|new year['’]s(?: day| eve)|thanksgiving(?: day)?|easter(?: sunday| monday)?"
    r"|independence day|labor day|memorial day|election day|halloween|valentine['’]s day)(?![a-z])(?:\s+(?P<year>" + _YEAR + r"))?"
)
# Two patterns with a literal start each, so the regex engine can skip ahead quickly.
SPELLED_YEAR = re.compile(
    r"nineteen[- ](?P<tens>twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?P<unit>one|two|three|four|five"
    r"|six|seven|eight|nine))?(?![a-z])"
)
SPELLED_2000S = re.compile(
    r"two\s+thousand(?:\s+and)?(?:[- ](?P<small>one|two|three|four|five|six|seven|eight|nine|ten))?(?![a-z])"
)
_BEFORE_SPELLED = re.compile(r"the\s+year\s+$")
_TENS = {"twenty": 2, "thirty": 3, "forty": 4, "fifty": 5, "sixty": 6, "seventy": 7, "eighty": 8, "ninety": 9}
_ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
WEEK_OF = re.compile(r"the\s+week\s+of\s+(?P<mon>" + MONTH_LOW_RE + r")\s+(?P<day>[0-3]?\d)(?!\d)(?:,?\s+(?P<year>" + _YEAR + r"))?")

_MONTH_CONTEXT = re.compile(
    r"(?:\b(?:in|since|until|till|by|during|early|late|mid|of|from|through|before|after|between|and|or|to"
    r"|throughout|end|beginning|start|middle)\s*-?\s*|-)$"
)
_YEAR_CONTEXT = re.compile(
    r"\b(?:in|since|until|till|by|during|of|from|through|before|after|year|the|early|late|mid|and|to|or|circa)\s*-?$"
)
_HOLIDAY_CONTEXT = re.compile(r"\b(?:on|at|before|after|until|till|since|by|over|for|during|around|last|next|this)\s+$")


def _valid(year: int, month: int, day: int) -> date | None:
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
        when = _valid(int(year_text), month, day)
        return Candidate(start, end, "DATE", iso_day(when), priority=5) if when else None
    if scan.anchor is None:
        return Candidate(start, end, "DATE", f"XXXX-{month:02d}-{day:02d}", priority=5, partial=(month, day))
    tense = scan.tense(m.start(), m.end())
    year = nearest_year_for(scan.anchor, month, day, tense)
    if weekday is not None:
        # A stated weekday settles the year when the month and day come without one.
        for trial in (year, year + 1, year - 1):
            trial_date = _valid(trial, month, day)
            if trial_date and trial_date.weekday() == weekday:
                year = trial
                break
    when = _valid(year, month, day)
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
    when = _valid(int(m.group("year")), int(m.group("month")), int(m.group("day")))
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
    when = _valid(year, month, day)
    return Candidate(m.start(), m.end(), "DATE", iso_day(when), priority=6) if when else None


def year_only(m: re.Match, scan) -> Candidate | None:
    start = m.start()
    hyphen_prefix = scan.low.endswith(("mid-", "pre-", "post-", "early-", "late-"), 0, start)
    if start and (scan.low[start - 1].isalnum() or scan.low[start - 1] in "$£€#.,/:-_") and not hyphen_prefix:
        return None
    year = int(m.group("year"))
    if (year < 1900 or year > 2099) and not _YEAR_CONTEXT.search(scan.low, max(0, start - 10), start):
        return None
    fiscal = scan.back(_BEFORE_YEAR, start, 14)
    if fiscal:
        start = fiscal.start()
    return Candidate(start, m.end(), "DATE", f"{year:04d}", priority=1)


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
            when = _valid(nearest_year_for(scan.anchor, month, number, None), month, number)
            if when:
                return Candidate(m.start(), m.end(), "DATE", iso_day(when), priority=3)
    clock = None if m.group("pod") else _FOLLOWING_CLOCK.match(scan.low, m.end())
    end = clock.end() if clock and 1 <= int(clock.group("hour")) <= 12 else m.end()
    kind = "TIME" if end != m.end() else "DATE"
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
    # "Friday night": TimeBank annotates the day itself, so the part of day is not added to the value.
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
    if scan.anchor is None:
        return Candidate(start, m.end(), "DATE", f"XXXX-{code}", priority=3)
    rel = before.group("rel") if before else ""
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
    return Candidate(start, m.end(), "DATE", f"{target // 4:04d}-{code}", priority=3)


_ORDINAL = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
            "final": 4, "last": 4}


def quarter(m: re.Match, scan) -> Candidate | None:
    if not scan.is_word_start(m.start()):
        return None
    before = scan.back(_BEFORE_QUARTER, m.start(), 40)
    if before is None or before.start() == m.start():
        return None
    ordinal, rel, what = before.group("ord") or "", before.group("rel") or "", m.group("what")
    year0 = before.group("year0")
    if not ordinal and not rel and not (before.group("the") or before.group("yrel") or year0):
        return None
    if what == "half" and not ordinal and not (rel == "last" and m.group("year")):
        return None  # "the last half of 1989", not "the last half of the '80s"
    if what == "period":
        if ordinal or not (rel in _SAME_PERIOD or rel in ("latest", "most recent") or year0 or m.group("ago")):
            return None
        what = "quarter"
    start, number = before.start(), _ORDINAL.get(ordinal)
    if what == "half":
        number = number or 2
        if number not in (1, 2):
            return None
        year = m.group("year") or (str(scan.anchor.year) if scan.anchor else "XXXX")
        return Candidate(start, m.end(), "DATE", f"{year}-H{number}", priority=3)
    if m.group("year") or (year0 and number):
        year = m.group("year") or year0
        return Candidate(start, m.end(), "DATE", f"{year}-Q{number or 4}", priority=3)
    if scan.anchor is None:
        return Candidate(start, m.end(), "DATE", f"XXXX-Q{number}" if number else None, priority=3)
    current, year = quarter_of(scan.anchor), scan.anchor.year
    years_back = 1 if m.group("ago") or rel in _SAME_PERIOD else 0
    if before.group("yrel"):
        years_back -= {"this": 0, "last": -1, "next": 1}[before.group("yrel")]
    if number is None:
        # "the quarter": the quarter last named (else the latest completed one); "the latest quarter": the
        # latest completed one; "the quarter ended Sept. 30": the one that month closes.
        ended = _QUARTER_ENDED.match(scan.low, m.end())
        value = scan.last_quarter or shift_quarter(year, current, -1)
        if ended:
            closing = month_number(ended.group("mon"))
            value = f"{year - (closing > scan.anchor.month):04d}-Q{(closing - 1) // 3 + 1}"
        elif rel in ("latest", "most recent") or (scan.last_quarter and scan.last_quarter > shift_quarter(year, current, -1)):
            value = shift_quarter(year, current, -1)
        if rel == "current":
            value = shift_quarter(year, current, 0)
        if year0:
            return Candidate(start, m.end(), "DATE", f"{year0}-{value[5:]}", priority=3, extras={"quoted": True})
        if years_back:
            value = shift_quarter(int(value[:4]), int(value[-1]), -4 * years_back)
            return Candidate(start, m.end(), "DATE", value, priority=3, extras={"quoted": True})
        elif rel in ("previous", "past", "last"):
            value = shift_quarter(int(value[:4]), int(value[-1]), -1)
        return Candidate(start, m.end(), "DATE", value, priority=3)
    if number > current and scan.tense(m.start(), m.end()) != FUTURE and not before.group("yrel"):
        year -= 1
    if years_back:
        return Candidate(start, m.end(), "DATE", f"{year - years_back:04d}-Q{number}", priority=3, extras={"quoted": True})
    value = f"{year:04d}-Q{number}"
    if scan.last_quarter is None:
        scan.last_quarter = value  # the first quarter named is the one the report is about
    return Candidate(start, m.end(), "DATE", value, priority=3)


_SAME_PERIOD = ("year-ago", "year-earlier", "comparable", "same", "corresponding")


def holiday(m: re.Match, scan) -> Candidate | None:
    name = m.group("name").replace("’", "'")
    if not scan.is_word_start(m.start()) or not scan.text[m.start()].isupper():
        return None
    if name in ("christmas", "easter", "thanksgiving", "halloween") and not m.group("year"):
        if not _HOLIDAY_CONTEXT.search(scan.low, max(0, m.start() - 8), m.start()):
            return None
    if m.group("year"):
        return Candidate(m.start(), m.end(), "DATE", iso_day(_holiday_date(name, int(m.group("year")))), priority=3)
    if scan.anchor is None:
        return Candidate(m.start(), m.end(), "DATE", None, priority=3)
    tense = scan.tense(m.start(), m.end())
    best = None
    for year in (scan.anchor.year - 1, scan.anchor.year, scan.anchor.year + 1):
        when = _holiday_date(name, year)
        offset = (when - scan.anchor).days
        cost = abs(offset) + (75 if offset and (tense == FUTURE) == (offset < 0) else 0)
        if best is None or cost < best[0]:
            best = (cost, when)
    return Candidate(m.start(), m.end(), "DATE", iso_day(best[1]), priority=3)


def _holiday_date(name: str, year: int) -> date:
    if name.startswith("christmas"):
        return date(year, 12, 24 if name.endswith("eve") else 25)
    if name.startswith("new year"):
        return date(year, 12, 31) if name.endswith("eve") else date(year, 1, 1)
    if name.startswith("thanksgiving"):
        return date(year, 11, 1) + relativedelta(weekday=TH(4))
    if name.startswith("easter"):
        return easter(year) + relativedelta(days=1 if name.endswith("monday") else 0)
    if name == "independence day":
        return date(year, 7, 4)
    if name == "labor day":
        return date(year, 9, 1) + relativedelta(weekday=MO(1))
    if name == "memorial day":
        return date(year, 5, 31) + relativedelta(weekday=MO(-1))
    if name == "election day":
        return date(year, 11, 2) + relativedelta(weekday=TU(1))
    if name == "halloween":
        return date(year, 10, 31)
    return date(year, 2, 14)


def spelled_year(m: re.Match, scan) -> Candidate | None:
    """Years said aloud in broadcast transcripts: "nineteen ninety-six", "the year two thousand"."""
    if not scan.is_word_start(m.start()):
        return None
    start = m.start()
    if "tens" in m.re.groupindex:
        year = 1900 + 10 * _TENS[m.group("tens")] + _ONES.get(m.group("unit") or "", 0)
    else:
        before = scan.back(_BEFORE_SPELLED, start, 12)
        if before:
            start = before.start()
        elif not _YEAR_CONTEXT.search(scan.low, max(0, start - 10), start):
            return None
        if scan.low.startswith((" dollars", " people", " troops", " years"), m.end()):
            return None
        year = 2000 + _ONES.get(m.group("small") or "", 0)
    return Candidate(start, m.end(), "DATE", f"{year:04d}", priority=2)


def week_of(m: re.Match, scan) -> Candidate | None:
    month, day = month_number(m.group("mon")), int(m.group("day"))
    if m.group("year"):
        year = int(m.group("year"))
    elif scan.anchor is not None:
        year = nearest_year_for(scan.anchor, month, day, scan.tense(m.start(), m.end()))
    else:
        return Candidate(m.start(), m.end(), "DATE", None, priority=4)
    when = _valid(year, month, day) if month else None
    return Candidate(m.start(), m.end(), "DATE", iso_week(when), priority=4) if when else None


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
    (QUARTER, quarter),
    (HOLIDAY, holiday),
    (WEEK_OF, week_of),
    (SPELLED_YEAR, spelled_year),
    (SPELLED_2000S, spelled_year),
]
