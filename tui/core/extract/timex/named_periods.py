"""Named calendar periods: quarters and halves of a (fiscal) year, holidays, the week of a date, spoken years.

Same conventions as :mod:`.calendar_dates`: each regex runs over the lowercased text, starting with its core word,
and each handler returns a Candidate or None.
"""

from __future__ import annotations

import re
from datetime import date

from dateutil.easter import easter
from dateutil.relativedelta import MO, TH, TU, relativedelta

from tui.core.extract.timex.calendar_dates import YEAR_CONTEXT, valid_date
from tui.core.extract.timex.context import (
    FUTURE,
    Candidate,
    iso_day,
    iso_week,
    nearest_year_for,
    quarter_of,
    shift_quarter,
)
from tui.core.extract.timex.lexicon import MONTH_LOW_RE, YEAR_RE, month_number

_YEAR = YEAR_RE

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

_HOLIDAY_CONTEXT = re.compile(r"\b(?:on|at|before|after|until|till|since|by|over|for|during|around|last|next|this)\s+$")


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
        elif not YEAR_CONTEXT.search(scan.low, max(0, start - 10), start):
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
    when = valid_date(year, month, day) if month else None
    return Candidate(m.start(), m.end(), "DATE", iso_week(when), priority=4) if when else None



RULES = [
    (QUARTER, quarter),
    (HOLIDAY, holiday),
    (WEEK_OF, week_of),
    (SPELLED_YEAR, spelled_year),
    (SPELLED_2000S, spelled_year),
]
