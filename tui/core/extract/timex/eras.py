"""Years of other eras and ranges of years: "480 BC", "AD 70", "the 4th century BC", "the 460s BC", "1861-1863",
"1957-58". TimeML writes years before the common era as ``BC`` and four digits (``BC0480``), their decades and
centuries as ``BC046`` and ``BC03``; a range of years is two dates, one for each year.

Same conventions as :mod:`.calendar_dates`: each regex runs over the lowercased text, and each handler returns a
Candidate (here also a list of them) or None.
"""

from __future__ import annotations

import re

from tui.core.extract.timex.context import Candidate

_ERA = r"(?P<era>b\.\s?c\.(?:e\.)?|bce|bc|a\.\s?d\.|ad)(?![a-z])"
# "480 BC", "ca. 466 BC", "146 B.C.", "70 AD"
YEAR_ERA = re.compile(r"(?P<year>\d{1,4})(?P<decade>0s)?\s*" + _ERA)
# "AD 70", "A.D. 1066"
ERA_YEAR = re.compile(r"(?P<era>a\.\s?d\.|ad)\s+(?P<year>\d{1,4})(?![\d,.]\d)")
CENTURY_ERA = re.compile(r"(?P<n>\d\d?)(?:st|nd|rd|th)[- ]century\s+" + _ERA)
# "1861-1863", "1957-58", "1915–17": one date per year
YEAR_RANGE = re.compile(r"(?P<first>1[0-9]\d\d|20\d\d)[-–](?P<second>\d\d(?:\d\d)?)(?![\d%]|-\d|[a-z])")
_CIRCA = re.compile(r"(?:ca\.|c\.|circa)\s*$")


def _is_era(scan, m: re.Match) -> bool:
    """The era written in capitals ("BC", "A.D."), so that "5 ad campaigns" is no year."""
    era = scan.text[m.start("era") : m.end("era")]
    return era.upper() == era


def _year_value(year: int, era: str) -> str:
    return f"BC{year:04d}" if era.startswith("b") else f"{year:04d}"


def year_era(m: re.Match, scan) -> Candidate | None:
    if not scan.is_word_start(m.start()) or not _is_era(scan, m):
        return None
    era = m.group("era")
    start = m.start()
    circa = scan.back(_CIRCA, start, 8)
    if circa:
        start = circa.start()
    if m.group("decade"):  # "the 460s BC": the decade 460-469 BC
        value = ("BC" if era.startswith("b") else "") + m.group("year").rjust(3, "0")
        if scan.low.endswith("the ", 0, start):
            start -= 4
        return Candidate(start, m.end(), "DATE", value, priority=4)
    year = int(m.group("year"))
    if year == 0:
        return None
    return Candidate(start, m.end(), "DATE", _year_value(year, era), priority=4)


def era_year(m: re.Match, scan) -> Candidate | None:
    if not scan.is_word_start(m.start()) or not _is_era(scan, m) or int(m.group("year")) == 0:
        return None
    return Candidate(m.start(), m.end(), "DATE", _year_value(int(m.group("year")), "ad"), priority=4)


def century_era(m: re.Match, scan) -> Candidate | None:
    number = int(m.group("n"))
    if not 1 <= number <= 40 or not scan.is_word_start(m.start()) or not _is_era(scan, m):
        return None
    start = m.start() - 4 if scan.low.endswith("the ", 0, m.start()) else m.start()
    prefix = "BC" if m.group("era").startswith("b") else ""
    return Candidate(start, m.end(), "DATE", f"{prefix}{number - 1:02d}", priority=4)


def year_range(m: re.Match, scan) -> list[Candidate] | None:
    if m.start() and (scan.low[m.start() - 1].isalnum() or scan.low[m.start() - 1] in "$£€#.,/:-_"):
        return None
    first, second_text = int(m.group("first")), m.group("second")
    second = int(second_text) if len(second_text) == 4 else first // 100 * 100 + int(second_text)
    if not first < second <= first + 100:
        return None  # "1990-85" is no range; "2009-10" is, the season 2009 to 2010
    return [Candidate(m.start("first"), m.end("first"), "DATE", f"{first:04d}", priority=2),
            Candidate(m.start("second"), m.end("second"), "DATE", f"{second:04d}", priority=2)]


RULES = [
    (YEAR_ERA, year_era),
    (ERA_YEAR, era_year),
    (CENTURY_ERA, century_era),
    (YEAR_RANGE, year_range),
]
