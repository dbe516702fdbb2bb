"""Less common timex shapes: spoken decades, "mid-afternoon", financial half-years and periods.

Same conventions as timex_rules.py: each regex runs over the lowercased text, and each
handler returns a Candidate or None.
"""

from __future__ import annotations

import re
from datetime import timedelta

from tui.core.extract.timex.context import Candidate, iso_day, shift_value
from tui.core.extract.timex.lexicon import NUMBER_WORD_RE, YEAR_RE, parse_count

_YEAR = YEAR_RE
_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}

# "the nineties", "the early eighties": decades of the 1900s said in words.
DECADE_WORD = re.compile(
    r"the\s+(?:(?P<mod>early|late|mid)[- ])?(?:nineteen[- ])?"
    r"(?P<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)(?![a-z])"
)
# "mid-afternoon", "mid-morning yesterday"
MID_PART_OF_DAY = re.compile(
    r"mid[- ]?(?P<pod>morning|afternoon|day)(?![a-z])(?:\s+(?P<day>yesterday|today|tomorrow)(?![a-z]))?"
)
# "the first two quarters of 1990": a half-year.
TWO_QUARTERS = re.compile(r"two\s+quarters\s+of\s+(?:(?:fiscal|the)\s+)?(?P<year>" + _YEAR + r")")
_BEFORE_TWO = re.compile(r"(?:the\s+)?(?P<which>first|last|final)\s+$")
# "the year-earlier nine months": the stretch of time, not the year it lies in.
EARLIER_MONTHS = re.compile(
    r"the\s+(?:year-earlier|year-ago|comparable|same)\s+(?P<count>\d\d?|" + NUMBER_WORD_RE + r")[\s-]+months?(?![a-z])"
)
_POD_CODE = {"morning": "MO", "afternoon": "AF", "day": "MI"}
# "earlier in the day", "later in the year": the day (year) last talked about.
EARLIER_IN_THE = re.compile(r"(?:earlier|later)\s+(?:in|that)\s+(?:the\s+)?(?P<unit>day|week|month|year)(?![a-z])")


def decade_word(m: re.Match, scan) -> Candidate | None:
    if not scan.is_word_start(m.start()):
        return None
    mod = {"early": "START", "late": "END", "mid": "MID"}.get(m.group("mod") or "")
    return Candidate(m.start(), m.end(), "DATE", f"19{_DECADE_WORDS[m.group('word')]}", mod, priority=3)


def mid_part_of_day(m: re.Match, scan) -> Candidate | None:
    if not scan.is_word_start(m.start()):
        return None
    code = _POD_CODE[m.group("pod")]
    offset = {"yesterday": -1, "today": 0, "tomorrow": 1}.get(m.group("day") or "")
    if offset is not None:
        if scan.anchor is None:
            return Candidate(m.start(), m.end(), "TIME", None, "MID", priority=4)
        return Candidate(m.start(), m.end(), "TIME", iso_day(scan.anchor + timedelta(days=offset)) + "T" + code,
                         "MID", priority=4)
    return Candidate(m.start(), m.end(), "TIME", lambda ref, c=code: iso_day(ref) + "T" + c, "MID", priority=4,
                     anaphoric=True)


def two_quarters(m: re.Match, scan) -> Candidate | None:
    before = scan.back(_BEFORE_TWO, m.start(), 12)
    if before is None or not scan.is_word_start(before.start()):
        return None
    half = 1 if before.group("which") == "first" else 2
    return Candidate(before.start(), m.end(), "DATE", f"{m.group('year')}-H{half}", priority=4)


def earlier_months(m: re.Match, scan) -> Candidate | None:
    count = parse_count(m.group("count"))
    if count is None or count != int(count) or not 0 < count < 100:
        return None
    return Candidate(m.start(), m.end(), "DURATION", f"P{int(count)}M", priority=4)


def earlier_in_the(m: re.Match, scan) -> Candidate | None:
    if not scan.is_word_start(m.start()):
        return None
    unit = m.group("unit")
    mod = "START" if m.group(0).startswith("earlier") else "END"
    return Candidate(m.start(), m.end(), "DATE", lambda ref, u=unit: shift_value(ref, u, 0), mod, priority=3,
                     anaphoric=True, extras={"unit": unit})


RULES = [
    (EARLIER_IN_THE, earlier_in_the),
    (DECADE_WORD, decade_word),
    (MID_PART_OF_DAY, mid_part_of_day),
    (TWO_QUARTERS, two_quarters),
    (EARLIER_MONTHS, earlier_months),
]
