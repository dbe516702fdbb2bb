"""The publication date: from page metadata when there is some, else inferred from the text.

Evidence in order of trust: ``--published``, container metadata (JSONL field, HTML meta), a ``date`` header line, a
dateline, a "Published/Created/Posted" stamp, a date in the URL. A "Last updated" stamp is never the publication date.
Without any of these the date is inferred: weekdays named in the past tense ("announced Wednesday") are placed
against the absolute dates around them ("next Monday, June 2"), and a missing year is chosen so that the weekdays
fit the calendar, preferring the corpus' own period.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from dateutil import parser as date_parser

from tui.core.extract.layout import MONTHS, WEEKDAYS, DateHint
from tui.core.extract.tense import (
    FUTURE_COMMON,
    FUTURE_INTENDED,
    PAST_ANY,
    PAST_COMMON,
    cue_pattern,
)
from tui.core.extract.timex.lexicon import MONTHS as MONTH_NUMBER_OF
from tui.core.extract.timex.lexicon import WEEKDAYS as WEEKDAY_NUMBER_OF

HINT_ORDER = ("header", "dateline", "stamp", "url")
# By their first three letters ("Sept." is "sep").
MONTH_NUMBERS = {name[:3]: number for name, number in MONTH_NUMBER_OF.items()}
WEEKDAY_NUMBERS = {name[:3]: number for name, number in WEEKDAY_NUMBER_OF.items()}

MONTH_DAY = rf"(?P<month>{MONTHS})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)(?:,?\s+(?P<year>\d{{4}}))?"
DAY_MONTH = rf"(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month2>{MONTHS})(?:,?\s+(?P<year2>\d{{4}}))?"
EXPLICIT_DATE = re.compile(rf"\b(?:(?P<wd>{WEEKDAYS})\s*[,\[(]?\s*)?(?:{MONTH_DAY}|{DAY_MONTH})\b")
WEEKDAY = re.compile(rf"\b(?P<prefix>(?:next|last|this|on|since|until|by|from)\s+)?(?P<wd>{WEEKDAYS})\b")
FUTURE_CUES = cue_pattern(FUTURE_COMMON, FUTURE_INTENDED)
PAST_CUES = cue_pattern(PAST_COMMON, PAST_ANY)
# A relative day written next to an explicit date ("yesterday (May 12)", "on May 5, a week ago").
_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "a": 1, "one": 1}
RELATIVE_DAY = re.compile(r"\b(?:(?P<word>today|yesterday)|(?P<count>\d|two|three|four|five|six|a|one)\s+"
                          r"(?P<unit>days?|weeks?)\s+ago)\b", re.I)
_NEXT_TO_DATE = 16  # characters between the date and its relative day
CLAUSE_BEFORE = re.compile(r"[^,;:.!?\n\"“”]{0,120}$")
CLAUSE_AFTER = re.compile(r"^[^,;:.!?\n\"“”]{0,120}")


@dataclass(slots=True)
class _DateMention:
    month: int
    day: int
    year: int | None
    weekday: int | None
    offset: int
    future: bool
    after_next: bool = False  # "next Monday, June 2": the article was written in the week before
    days_before: int | None = None  # "yesterday, May 12", "May 5, a week ago": publication is that many days on


@dataclass(slots=True)
class _WeekdayMention:
    weekday: int
    offset: int
    future: bool


def decide(hints: list[DateHint], text: str, *, container: str | None = None, override: date | None = None,
           reference: date | None = None, today: date | None = None) -> tuple[date | None, str | None]:
    """Return (publication date, where it came from)."""
    if override is not None:
        return override, "--published"
    if container and (found := parse_date(container)):
        return found, "metadata"
    dated = [h for h in hints if h.origin in HINT_ORDER]
    year_hint = next((d.year for h in dated if (d := parse_date(h.text))), None)
    for origin in HINT_ORDER:
        for hint in dated:
            if hint.origin != origin:
                continue
            found = parse_date(hint.text)
            if found is None and origin == "dateline":
                found = _with_year(hint.text, year_hint or (reference or today or date.today()).year)
            if found:
                return found, origin
    inferred = infer_from_text(text, reference=reference, today=today)
    return (inferred, "inferred") if inferred else (None, None)


def known_date(hints: list[DateHint], *, container: str | None = None) -> date | None:
    """The publication date the page states in full (metadata, header, dateline, stamp or URL, with its year):
    what a corpus learns its own period from. Never an inferred date, nor a dateline's year guessed."""
    if container and (found := parse_date(container)):
        return found
    for origin in HINT_ORDER:
        for hint in hints:
            if hint.origin == origin and (found := parse_date(hint.text)):
                return found
    return None


def parse_date(value: str) -> date | None:
    """A full date (day, month and year) from a stamp, header, URL or metadata string; else None."""
    value = value.strip()
    m = re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})", value)
    try:
        if m:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        m = re.match(r"^(\d{1,2})([-./])(\d{1,2})\2(\d{4})$", value)
        if m:
            first, second, year = int(m.group(1)), int(m.group(3)), int(m.group(4))
            day_first = m.group(2) != "/" or first > 12
            return date(year, second, first) if day_first else date(year, first, second)
    except ValueError:
        return None
    if not re.search(r"\b\d{4}\b", value):
        return None
    try:
        return date_parser.parse(value, default=datetime(1, 1, 1), fuzzy=True).date()
    except (ValueError, OverflowError, TypeError):
        return None


def _with_year(value: str, year: int) -> date | None:
    m = re.search(MONTH_DAY, value)
    if not m:
        return None
    try:
        return date(year, _month(m.group("month")), int(m.group("day")))
    except ValueError:
        return None


def _month(name: str) -> int:
    return MONTH_NUMBERS[name[:3].lower()]


def _is_future(text: str, start: int, end: int) -> bool:
    """Tense of the clause around a date: the words before it decide, then the words after it."""
    before = CLAUSE_BEFORE.search(text, max(0, start - 120), start)
    before_text = before.group(0) if before else ""
    if FUTURE_CUES.search(before_text):
        return True
    if PAST_CUES.search(before_text):
        return False
    after = CLAUSE_AFTER.match(text[end:end + 120])
    return bool(after and FUTURE_CUES.search(after.group(0)))


def _date_mentions(text: str) -> tuple[list[_DateMention], set[int]]:
    """Explicit month-day dates, and where the weekdays written with them start."""
    dates: list[_DateMention] = []
    attached: set[int] = set()
    for m in EXPLICIT_DATE.finditer(text):
        month = _month(m.group("month") or m.group("month2"))
        day = int(m.group("day") or m.group("day2"))
        year = m.group("year") or m.group("year2")
        weekday = WEEKDAY_NUMBERS[m.group("wd")[:3].lower()] if m.group("wd") else None
        if m.group("wd"):
            attached.add(m.start("wd"))
        after_next = bool(m.group("wd")) and text[max(0, m.start() - 5):m.start()].lower().strip() == "next"
        future = after_next or _is_future(text, m.start(), m.end())
        dates.append(_DateMention(month, day, int(year) if year else None, weekday, m.start(), future, after_next,
                                  _days_before(text, m.start(), m.end())))
    return dates, attached


def _days_before(text: str, start: int, end: int) -> int | None:
    """How many days before publication a date lies, when a relative day stands next to it; else None."""
    for m in RELATIVE_DAY.finditer(text, max(0, start - _NEXT_TO_DATE - 12), min(len(text), end + _NEXT_TO_DATE + 12)):
        gap = text[m.end():start] if m.end() <= start else text[end:m.start()] if m.start() >= end else None
        if gap is None or len(gap) > _NEXT_TO_DATE or re.search(r"[.;!?\n]", gap):
            continue
        if m.group("word"):
            return 0 if m.group("word").lower() == "today" else 1
        count = m.group("count").lower()
        number = int(count) if count.isdigit() else _NUMBER_WORDS[count]
        return number * (7 if m.group("unit").lower().startswith("week") else 1)
    return None


def _weekday_mentions(text: str, attached: set[int]) -> list[_WeekdayMention]:
    """Weekdays named on their own ("on Friday"), with the tense of their clause."""
    weekdays = []
    for m in WEEKDAY.finditer(text):
        if m.start("wd") in attached:
            continue
        prefix = (m.group("prefix") or "").strip().lower()
        future = prefix in ("next", "until", "by") or _is_future(text, m.start(), m.end())
        weekdays.append(_WeekdayMention(WEEKDAY_NUMBERS[m.group("wd")[:3].lower()], m.start(), future))
    return weekdays


def infer_from_text(text: str, *, reference: date | None = None, today: date | None = None) -> date | None:
    today = today or date.today()
    dates, attached = _date_mentions(text)
    if not dates:
        return None  # weekdays alone fix no date: their tenses are not worth reading
    weekdays = _weekday_mentions(text, attached)
    explicit_years = [d.year for d in dates if d.year]
    candidates = set(explicit_years) | set(range(today.year - 10, today.year + 1))
    if reference:
        candidates |= {reference.year - 1, reference.year, reference.year + 1}
    best: tuple[float, date] | None = None
    for year in sorted(candidates, reverse=True):
        result = _infer_for_year(dates, weekdays, year, today)
        if result is None:
            continue
        published, fits = result
        score = fits
        if year in explicit_years:
            score += 2
        if reference and abs((published - reference).days) <= 60:
            score += 2
        score -= (today.year - year) * 0.01  # prefer recent years on a tie
        if best is None or score > best[0]:
            best = (score, published)
    return best[1] if best else None


def _infer_for_year(dates: list[_DateMention], weekdays: list[_WeekdayMention], year: int,
                    today: date) -> tuple[date, float] | None:
    resolved: list[tuple[date, bool]] = []
    next_week_of: set[date] = set()
    fits = 0.0
    for mention in dates:
        try:
            when = date(mention.year or year, mention.month, mention.day)
        except ValueError:
            continue
        if mention.weekday is not None:
            fits += 3 if when.weekday() == mention.weekday else -3
        resolved.append((when, mention.future))
        if mention.after_next:
            next_week_of.add(when)
    if not resolved:
        return None
    for mention in dates:
        if mention.days_before is not None:
            try:
                when = date(mention.year or year, mention.month, mention.day)
            except ValueError:
                continue
            published = when + timedelta(days=mention.days_before)
            return (published, fits + 3) if published <= today else None
    future_days = {d for d, future in resolved if future}
    past = [d for d, _ in resolved if d not in future_days]
    low = max(past) if past else None
    high = min((d for d in future_days if low is None or d > low), default=None)
    past_weekdays = [w for w in weekdays if not w.future]
    published = low
    if past_weekdays:
        weekday = past_weekdays[0].weekday
        if high is not None and high in next_week_of:
            candidate = high - timedelta(days=(high.weekday() - weekday - 1) % 7 + 1)
            if low is None or candidate >= low:
                published = candidate
        elif low is not None:
            # In past-tense text "on Friday" is the last Friday before publication, which may well come before the
            # latest past date: the weekday never moves the publication date forward past that date.
            fits += 1 if low.weekday() == weekday else 0
        elif high is not None:
            published = high - timedelta(days=(high.weekday() - weekday - 1) % 7 + 1)
    if published is None or published > today:
        return None
    return published, fits
