"""Relative dates, durations and vague references (now, the past, the future); clock times and recurring times
are in :mod:`.clocks_and_sets`.

Like :mod:`.calendar_dates`, every regex runs over the lowercased text and starts with its core word; optional words
in front are found with ``scan.back``.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from tui.core.extract.timex.context import FUTURE, Candidate, iso_day, shift_value
from tui.core.extract.timex.lexicon import COUNT_RE, PARTS_OF_DAY, UNIT_CORE_RE, duration_value, parse_count

_GENERIC_TODAY = re.compile(
    r"\s+(?:youth|world|society|generation|young|children|kids|teenagers|students|standards|technology|computers"
    r"|personal|modern|global|economy|culture|people|women|men|families|parents|workers|consumers|market|climate"
    r"|standards|america|americans|europe|china|russia|india|africa)\b"
)
DEICTIC_DAY = re.compile(
    r"(?P<word>today|yesterday|tomorrow|tonight|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow)"
    r"(?P<poss>['’]s)?(?:\s+(?P<pod>morning|afternoon|evening|night))?(?![a-z])"
)
THIS_PART_OF_DAY = re.compile(r"(?:this|last|earlier this|later this)\s+(?P<pod>morning|afternoon|evening|night)(?![a-z])")
# "last week", "this year", "next month", "the coming weekend", "the current fiscal year"
RELATIVE_UNIT = re.compile(
    r"(?P<rel>last|next|this|coming|past|previous|current|following|same|prior)\s+(?:fiscal\s+)?"
    r"(?P<unit>week|weekend|month|year|decade|century)(?![a-z-])"
)
_BEFORE_RELATIVE = re.compile(r"(?P<word>the|this)\s+$")
THE_WEEKEND = re.compile(r"the\s+weekend(?![a-z])")
ANAPHORIC_UNIT = re.compile(r"(?:that|the same)\s+(?P<unit>day|week|month|year)(?![a-z])")
# The unit word of "three years", "two weeks ago", "the past 20 years", "90-minute", "recent months".
UNIT = re.compile(
    r"(?P<unit>" + UNIT_CORE_RE + r")(?P<half>\s+and\s+a\s+half)?(?P<old>-old)?(?![a-z])"
    r"(?:\s+(?P<dir>ago|earlier|later|before|after|from\s+now|hence)(?![a-z]))?"
)
_BEFORE_UNIT = re.compile(
    r"(?:(?P<lead>the\s+(?:(?:past|last|next|first|coming|previous|following|final|latest|remaining|same)\s+)?"
    r"|(?:past|last|next|first|coming|previous)\s+))?"
    r"(?P<count>" + COUNT_RE + r")(?P<gap>[\s-]+)(?:(?:more|additional|straight|consecutive|full|long)\s+)?$"
)
_BEFORE_VAGUE = re.compile(
    r"(?:(?:the\s+)?(?:recent|coming|past\s+few|last\s+few|next\s+few|past\s+several|last\s+several)|(?P<for>for))\s+$"
)
YEAR_AGO_ADJECTIVE = re.compile(r"year-(?:earlier|ago)(?![a-z])(?!\s+(?:quarter|period|half))")
END_OF_UNIT = re.compile(r"the\s+(?:(?P<kind>full|fiscal|calendar)\s+)?(?P<unit>year|month|week)(?![a-z'’-])")
_BEFORE_END_OF = re.compile(r"(?:end|beginning|start|middle|close|rest|remainder|balance)\s+of\s+$")
# "for the year", "earlier in the year": the year being reported on; "the year ended June 30" is a stretch of time.
_BEFORE_THE_YEAR = re.compile(r"\b(?:for|in|of|during|throughout|through|over|into)\s+$")
_AFTER_THE_YEAR = re.compile(r"\s+(?:(?P<ended>ended|ending|to)\b|before\b|after\b|earlier\b|later\b|ago\b|two\b|\d)")
_BEFORE_YEAR_END = re.compile(r"\b(?:by|since|at|around|before|until|till|after|through|toward|towards|near)\s+$")
YEAR_END = re.compile(r"year(?:['’]s)?[- ]end(?![a-z])")
REFERENCE_WORD = re.compile(
    r"(?P<word>now|currently|nowadays|at present|the present|presently|these days|the past|in the past|recently"
    r"|lately|the (?:near |distant |foreseeable |immediate )?future|current)(?![a-z])"
)
_PRESENT = {"now", "current", "currently", "nowadays", "at present", "the present", "presently", "these days"}
_NOT_CURRENT = re.compile(r"[\s-]+(?:fiscal|calendar|year|quarter|month|week|weekend|period|half|decade|century|season"
                          r"|term|session|account|accounts|assets|liabilities|dollars?|prices|affairs|events)\b|\s*[^\sa-z-]|\s*$")
_PAST_WORDS = {"the past", "in the past", "recently", "lately"}
_NOT_VAGUE_PAST = re.compile(r"\s+(?:" + COUNT_RE + r"|few|several|decades?|years?|months?|weeks?|days?)(?![a-z])")
NEIGHBOUR_DAY = re.compile(r"(?P<which>next|following|previous|prior|same)\s+(?P<unit>day|morning|evening|night)(?![a-z])")
DAY_BEFORE = re.compile(r"(?P<unit>day|week|month|year)\s+(?P<which>before|after|earlier)(?![a-z])")
_BEFORE_THE = re.compile(r"the\s+$")
_RATE = re.compile(r"(?:\d|\b(?:once|twice|times|one|two|three|four|five|six|seven|eight|nine|ten|hours|days|seats|flights))\s+$")


def is_title_word(scan, position: int) -> bool:
    """A capitalised word that does not start a sentence, as in the names "60 Minutes" or "This Week"."""
    if not scan.text[position : position + 1].isupper():
        return False
    before = scan.text[max(0, position - 3) : position].rstrip(" \t\"'“‘`(")
    return bool(before) and before[-1] not in ".!?:\n>-—_"


def deictic_day(m: re.Match, scan) -> Candidate | None:
    if not scan.is_word_start(m.start()):
        return None
    if is_title_word(scan, m.start()):
        return None  # "VOA Today" is a name
    word = m.group("word")
    if m.group("poss"):
        if word == "today" and _GENERIC_TODAY.match(scan.low, m.end("poss")):
            return None  # "today's youth" is generic; "today's vote" is not
        offset = {"today": 0, "yesterday": -1, "tomorrow": 1}.get(word)
        if offset is None or scan.anchor is None:
            return Candidate(m.start(), m.end("word"), "DATE", None, priority=4) if offset is not None else None
        return Candidate(m.start(), m.end("word"), "DATE", iso_day(scan.anchor + timedelta(days=offset)), priority=4)
    offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}.get(word)
    if offset is None:
        offset = -2 if word.endswith("yesterday") else 2
    pod = m.group("pod")
    code = PARTS_OF_DAY.get(pod) if pod else ("NI" if word == "tonight" else None)
    kind = "TIME" if code else "DATE"
    if scan.anchor is None:
        return Candidate(m.start(), m.end(), kind, None, priority=4)
    value = iso_day(scan.anchor + timedelta(days=offset)) + (f"T{code}" if code else "")
    return Candidate(m.start(), m.end(), kind, value, priority=4)


def this_part_of_day(m: re.Match, scan) -> Candidate | None:
    if not scan.is_word_start(m.start()):
        return None
    lead = m.group(0)
    offset = -1 if lead.startswith("last") else 0
    mod = "START" if lead.startswith("earlier") else "END" if lead.startswith("later") else None
    if scan.anchor is None:
        return Candidate(m.start(), m.end(), "TIME", None, mod, priority=4)
    value = iso_day(scan.anchor + timedelta(days=offset)) + "T" + PARTS_OF_DAY[m.group("pod")]
    return Candidate(m.start(), m.end(), "TIME", value, mod, priority=4)


_REL_STEP = {"last": -1, "past": -1, "previous": -1, "prior": -1, "next": 1, "coming": 1,
             "following": 1, "this": 0, "current": 0, "same": 0}


def relative_unit(m: re.Match, scan) -> Candidate | None:
    if not scan.is_word_start(m.start()):
        return None
    rel, unit = m.group("rel"), m.group("unit")
    if scan.text[m.start("unit")].isupper():
        return None  # "This Week", a programme title
    before = scan.back(_BEFORE_RELATIVE, m.start(), 6)
    start = before.start() if before else m.start()
    step = _REL_STEP[rel]
    if before and before.group("word") == "this" and rel != "past":
        start = m.start()
    if rel in ("following", "same", "previous", "prior"):
        return Candidate(start, m.end(), "DATE", lambda ref, u=unit, s=step: shift_value(ref, u, s),
                         priority=3, anaphoric=True, extras={"unit": unit})
    if scan.anchor is None:
        return Candidate(start, m.end(), "DATE", None, priority=3)
    if unit == "weekend":
        return Candidate(start, m.end(), "DATE", _weekend(scan, m, step), priority=3)
    return Candidate(start, m.end(), "DATE", shift_value(scan.anchor, unit, step), priority=3)


def _weekend(scan, m: re.Match, step: int) -> str:
    ahead = scan.low.endswith("ahead of ", 0, m.start())
    if step == 0 and not ahead and scan.anchor.weekday() < 5 and scan.tense(m.start(), m.end()) != FUTURE:
        step = -1  # "over the weekend", said on a weekday: the one just past ("ahead of the weekend": this one)
    return shift_value(scan.anchor, "weekend", step)


def the_weekend(m: re.Match, scan) -> Candidate | None:
    if scan.anchor is None:
        return Candidate(m.start(), m.end(), "DATE", None, priority=2)
    return Candidate(m.start(), m.end(), "DATE", _weekend(scan, m, 0), priority=2)


def anaphoric_unit(m: re.Match, scan) -> Candidate | None:
    if not scan.is_word_start(m.start()):
        return None
    unit = m.group("unit")
    return Candidate(m.start(), m.end(), "DATE", lambda ref, u=unit: shift_value(ref, u, 0), priority=2, anaphoric=True,
                     extras={"unit": unit})


def unit_name(word: str) -> str:
    if word.startswith("centur"):
        return "century"
    return word[:-1] if word.endswith("s") else word


def unit(m: re.Match, scan) -> Candidate | None:
    """Durations ("three years"), dates counted back ("two weeks ago") and vague spans ("recent months")."""
    if not scan.is_word_start(m.start()) or m.group("old") or scan.text[m.start()].isupper():
        return None  # ages ("37-year-old") and titles ("60 Minutes") are not tagged
    if scan.low.startswith(" old", m.end("unit")):
        return None  # "37 years old"
    name = unit_name(m.group("unit"))
    plural = m.group("unit").endswith("s") or name == "century" and m.group("unit") == "centuries"
    before = scan.back(_BEFORE_UNIT, m.start(), 40)
    if before is None or not scan.is_word_start(before.start("count")):
        return _vague(m, scan, name, plural)
    count_text = before.group("count")
    count = parse_count(count_text)
    if m.group("half") and count is not None:
        count += 0.5
    if count_text in ("a", "an", "one") and (plural or name == "second"):
        return None  # "a second round"
    if count is not None and 1900 <= count < 2100 and not plural and "," not in count_text:
        return None  # "the 1988 second quarter"
    if name == "quarter" and ((count == 1 and not before.group("lead")) or "-" in before.group("gap")):
        return None  # "a quarter of the votes", "three-quarters"
    if count_text in ("a", "an") and not plural and _RATE.search(scan.low, max(0, before.start() - 16), before.start()):
        return None  # "four flights a week", "24 hours a day": a rate, not a stretch of time
    if count_text in ("some", "many", "numerous", "a number of") and name in ("second", "quarter"):
        return None
    direction = m.group("dir")
    if direction:
        found = _counted_date(m, scan, before, count, name, direction.split()[0])
        if found is not None:
            return found
    end = m.end("old") if m.group("old") else m.end("half") if m.group("half") else m.end("unit")
    return Candidate(before.start(), end, "DURATION", duration_value(count, name), priority=2)


def _vague(m: re.Match, scan, name: str, plural: bool) -> Candidate | None:
    if not plural or name in ("second", "quarter", "century", "fortnight"):
        return None
    before = scan.back(_BEFORE_VAGUE, m.start(), 24)
    if before is None or (before.group("for") and name in ("hour", "day", "minute")):
        return None
    start = m.start() if before.group("for") else before.start()
    return Candidate(start, m.end("unit"), "DURATION", duration_value(None, name), priority=1)


def _counted_date(m: re.Match, scan, before: re.Match, count: float | None, name: str, direction: str):
    if direction in ("before", "after"):
        tail = scan.low[m.end() : m.end() + 3].strip()
        if tail[:1].isalnum():
            return None  # "two weeks before the vote" is a duration
    if direction in ("earlier", "later", "before", "after") and name != "year":
        return None  # "three days later": TimeBank marks the stretch of time, not the day it leads to
    sign = -1 if direction in ("ago", "earlier", "before") else 1
    start = before.start() if not (before.group("lead") or "").strip() else before.start("count")
    if count is None:
        return Candidate(start, m.end(), "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", priority=4)
    if count != int(count) or name in ("second", "minute", "hour"):
        return None
    steps = int(count) * sign * (2 if name == "fortnight" else 1)
    name = "week" if name == "fortnight" else name
    extras = {"count": True}
    if name == "year" and sign < 0:
        extras["year_shift"] = steps
    if direction not in ("ago", "from", "hence"):
        return Candidate(start, m.end(), "DATE", lambda ref, u=name, s=steps: counted_value(ref, u, s),
                         priority=4, anaphoric=True, extras=extras)
    if scan.anchor is None:
        return Candidate(start, m.end(), "DATE", None, priority=4, extras=extras)
    return Candidate(start, m.end(), "DATE", counted_value(scan.anchor, name, steps), priority=4, extras=extras)


def counted_value(ref: date, unit: str, steps: int) -> str:
    """``ref`` moved by ``steps`` units, at that unit's granularity ("two weeks ago" -> an ISO week)."""
    if unit == "decade":
        return f"{(ref.year + 10 * steps) // 10:03d}"
    if unit == "century":
        return f"{(ref.year + 100 * steps) // 100:02d}"
    return shift_value(ref, unit, steps)


def year_ago_adjective(m: re.Match, scan) -> Candidate | None:
    if scan.anchor is None or not scan.is_word_start(m.start()):
        return None
    return Candidate(m.start(), m.end(), "DATE", f"{scan.anchor.year - 1:04d}", priority=2, extras={"year_shift": -1})


def end_of_unit(m: re.Match, scan) -> Candidate | None:
    if not scan.is_word_start(m.start()):
        return None
    if scan.back(_BEFORE_END_OF, m.start(), 16) is None:
        if m.group("unit") != "year" or scan.back(_BEFORE_THE_YEAR, m.start(), 12) is None:
            return None
        after = _AFTER_THE_YEAR.match(scan.low, m.end())
        if after and after.group("ended"):
            return Candidate(m.start(), m.end(), "DURATION", "P1Y", priority=2)
        if after:
            return None
    elif m.group("kind"):
        return None
    if scan.anchor is None:
        return Candidate(m.start(), m.end(), "DATE", None, priority=2)
    partial = (0, None) if m.group("unit") == "year" else None  # "the end of the year" in a story: the story's
    return Candidate(m.start(), m.end(), "DATE", shift_value(scan.anchor, m.group("unit"), 0), priority=2,
                     partial=partial)


def year_end(m: re.Match, scan) -> Candidate | None:
    if not scan.is_word_start(m.start()) or scan.anchor is None:
        return None
    if not _BEFORE_YEAR_END.search(scan.low, max(0, m.start() - 10), m.start()):
        return None  # "year-end net", an adjective
    since = scan.low[max(0, m.start() - 6) : m.start()] == "since "
    return Candidate(m.start(), m.end(), "DATE", f"{scan.anchor.year - since:04d}", "END", priority=2)


def reference_word(m: re.Match, scan) -> Candidate | None:
    start = m.start()
    if not scan.is_word_start(start):
        return None
    word = m.group("word")
    if word in _PRESENT:
        if word == "now":
            before = scan.low[max(0, start - 12) : start]
            discourse = scan.text[start] == "N" and scan.low.startswith(",", m.end())
            if discourse or before.endswith("just "):
                return None  # "Now, he says": a discourse marker; "just now"
        if word == "current" and (_NOT_CURRENT.match(scan.low, m.end()) or scan.low.endswith("then ", 0, start)):
            return None  # "the current quarter" is a date of its own; "the then current price" is past
        if word == "the present" and scan.low[m.end() : m.end() + 2].strip()[:1].isalpha():
            return None  # "the present crisis"
        return Candidate(start, m.end(), "DATE", "PRESENT_REF", priority=1)
    if word in _PAST_WORDS:
        if word.endswith("past") and _NOT_VAGUE_PAST.match(scan.low, m.end()):
            return None  # "the past three years" is a duration
        if word == "in the past":
            start += 3
        return Candidate(start, m.end(), "DATE", "PAST_REF", priority=1)
    return Candidate(start, m.end(), "DATE", "FUTURE_REF", priority=1)


def neighbour_day(m: re.Match, scan) -> Candidate | None:
    if not scan.is_word_start(m.start()):
        return None
    before = scan.back(_BEFORE_THE, m.start(), 5)
    if before is None:
        return None
    which = m.group("which")
    unit_word = m.group("unit")
    if which in ("after", "before"):
        if scan.low[m.end() : m.end() + 3].strip()[:1].isalnum():
            return None  # "the day after the vote" names its own anchor
    step = {"next": 1, "following": 1, "after": 1, "previous": -1, "prior": -1, "before": -1,
            "earlier": -1, "same": 0}[which]
    pod = PARTS_OF_DAY.get(unit_word)
    if pod:
        value = lambda ref, s=step, p=pod: iso_day(ref + timedelta(days=s)) + "T" + p  # noqa: E731
        return Candidate(before.start(), m.end(), "TIME", value, priority=3, anaphoric=True)
    value = lambda ref, s=step, u=unit_word: shift_value(ref, u, s)  # noqa: E731
    return Candidate(before.start(), m.end(), "DATE", value, priority=3, anaphoric=True, extras={"unit": unit_word})


RULES = [
    (DEICTIC_DAY, deictic_day),
    (THIS_PART_OF_DAY, this_part_of_day),
    (RELATIVE_UNIT, relative_unit),
    (THE_WEEKEND, the_weekend),
    (ANAPHORIC_UNIT, anaphoric_unit),
    (UNIT, unit),
    (YEAR_AGO_ADJECTIVE, year_ago_adjective),
    (END_OF_UNIT, end_of_unit),
    (YEAR_END, year_end),
    (REFERENCE_WORD, reference_word),
    (NEIGHBOUR_DAY, neighbour_day),
    (DAY_BEFORE, neighbour_day),
]
