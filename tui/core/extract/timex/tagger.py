"""Rule-based TIMEX3 tagger: find DATE, TIME, DURATION and SET expressions and normalise them.

Usage::

    find_timexes("Lavrov said on Friday ...", date(2025, 5, 28))

Relative expressions are resolved against the anchor (the publication date) with
python-dateutil; anaphoric ones ("the next day", "a year earlier") against the most
recent explicit date in the text.  With no anchor, relative values are None.

The rules live in calendar_dates.py and named_periods.py (calendar dates), relative.py (relative dates,
durations), clocks_and_sets.py and periods.py; this module runs them, keeps the longest non-overlapping
matches, attaches modifiers ("mid-", "early", "about") and resolves anaphora.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from datetime import date

from tui.core.extract.timex.calendar_dates import RULES as DATE_RULES
from tui.core.extract.timex.clocks_and_sets import RULES as CLOCK_RULES
from tui.core.extract.timex.context import (
    Candidate,
    guess_tense,
    reference_date,
    shift_quarter,
)
from tui.core.extract.timex.eras import RULES as ERA_RULES
from tui.core.extract.timex.named_periods import RULES as NAMED_RULES
from tui.core.extract.timex.narrative import StoryPoint, is_far, story_point, story_value, tells_the_past
from tui.core.extract.timex.periods import RULES as EXTRA_RULES
from tui.core.extract.timex.relative import RULES as SPAN_RULES
from tui.core.model import Timex

__all__ = ["find_timexes"]

_ALL_RULES = DATE_RULES + NAMED_RULES + ERA_RULES + SPAN_RULES + CLOCK_RULES + EXTRA_RULES

try:  # the parser of the re module, to read the rules' leading words (see _leading_words)
    from re import _constants as _sre
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - another Python: every rule scans the whole text
    _sre_parse = None

# Words in front of a date that narrow it to part of its period.
_POINT_MODIFIER = re.compile(
    r"(?:(?:[Tt]he\s+)?(?:very\s+)?(?P<word>[Ee]arly|[Ee]arlier|[Ll]ate|[Ll]ater|[Mm]id|[Mm]iddle of|[Ee]nd of|[Bb]eginning of"
    r"|[Ss]tart of|[Cc]lose of|[Ff]irst half of|[Ss]econd half of)(?:\s+(?:the\s+)?|-))$"
)
_POINT_MOD = {"early": "START", "earlier": "START", "beginning of": "START", "start of": "START",
              "first half of": "START", "late": "END", "later": "END", "end of": "END", "close of": "END",
              "second half of": "END", "mid": "MID", "middle of": "MID"}
# Words in front of a duration (or "N years ago") that bound or soften it.
_AMOUNT_MODIFIER = re.compile(
    r"(?P<word>\b(?:about|around|roughly|approximately|some|nearly|almost|more than|over|at least|less than"
    r"|under|up to|no more than|at most|just over|just under|fewer than|well over|no less than))\s+$",
    re.I,
)
_AMOUNT_MOD = {"about": "APPROX", "around": "APPROX", "roughly": "APPROX", "approximately": "APPROX",
               "some": "APPROX", "nearly": "EQUAL_OR_LESS", "almost": "LESS_THAN", "more than": "MORE_THAN",
               "over": "MORE_THAN", "just over": "MORE_THAN", "well over": "MORE_THAN",
               "at least": "EQUAL_OR_MORE", "no less than": "EQUAL_OR_MORE", "less than": "LESS_THAN",
               "under": "LESS_THAN", "just under": "LESS_THAN", "fewer than": "LESS_THAN",
               "up to": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS", "at most": "EQUAL_OR_LESS"}
_QUARTER_VALUE = re.compile(r"^\d{4}-Q[1-4]$")
_MAX_TEXT = 5_000_000


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


class Scan:
    """What the rule handlers may look at: the text, its lowercased copy, the anchor, a tense guess."""

    __slots__ = ("text", "low", "anchor", "last_quarter", "_tenses")

    def __init__(self, text: str, anchor: date | None):
        self.text = text
        low = text.lower()
        self.low = low if len(low) == len(text) else text.translate(_ASCII_LOWER)
        self.anchor = anchor
        self.last_quarter: str | None = None
        self._tenses: dict[tuple[int, int], str | None] = {}

    def tense(self, start: int, end: int) -> str | None:
        key = (start, end)
        if key not in self._tenses:
            self._tenses[key] = guess_tense(self.low, start, end)
        return self._tenses[key]

    def back(self, pattern: re.Pattern, position: int, width: int) -> re.Match | None:
        """A match of ``pattern`` (which ends in ``$``) ending exactly at ``position``; None if empty."""
        found = pattern.search(self.low, max(0, position - width), position)
        return found if found and found.start() < position else None

    def is_word_start(self, position: int) -> bool:
        return position == 0 or not self.low[position - 1].isalnum()


def _leading_words(items) -> set[str] | None:
    """Strings one of which every match of the parsed regex ``items`` starts with; None when there is no such set."""
    if not items:
        return None
    op, av = items[0]
    if op is _sre.LITERAL:
        run = []
        for op, av in items:
            if op is not _sre.LITERAL:
                break
            run.append(chr(av))
        return {"".join(run)}
    if op is _sre.SUBPATTERN:
        group, add_flags, del_flags, body = av
        return None if add_flags or del_flags else _leading_words(body)
    if op is _sre.BRANCH:
        found: set[str] = set()
        for branch in av[1]:
            words = _leading_words(branch)
            if words is None:
                return None
            found |= words
        return found
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and av[0] >= 1:
        return _leading_words(av[2])
    return None


def _start_words(pattern: re.Pattern) -> tuple[str, ...] | None:
    """For a rule opening with alternative words ("january|february|..."), the words its matches start with.

    re finds a single leading word quickly by itself, but tries every alternative at every character; looking the
    words up with str.find and trying the rule only where one starts gives the same matches in a fraction of the time.
    """
    if _sre_parse is None or pattern.flags & re.IGNORECASE:
        return None
    try:
        words = _leading_words(_sre_parse.parse(pattern.pattern, pattern.flags))
    except Exception:  # pragma: no cover - an unexpected parse tree: scan the whole text
        return None
    if not words or len(words) < 2 or "" in words:
        return None
    # A word that starts with another one adds no places: "jan" covers "january".
    return tuple(sorted(w for w in words if not any(o != w and w.startswith(o) for o in words)))


_RULES = [(pattern, handler, _start_words(pattern)) for pattern, handler in _ALL_RULES]


def _matches(pattern: re.Pattern, words: tuple[str, ...] | None, low: str) -> Iterator[re.Match]:
    """What ``pattern.finditer(low)`` gives, trying the pattern only where one of ``words`` starts (when known)."""
    if words is None:
        yield from pattern.finditer(low)
        return
    places: set[int] = set()
    for word in words:
        at = low.find(word)
        while at >= 0:
            places.add(at)
            at = low.find(word, at + 1)
    end = 0
    for place in sorted(places):
        if place < end:
            continue  # finditer resumes after the previous match
        match = pattern.match(low, place)
        if match is not None:
            yield match
            end = match.end()


def _collect(scan: Scan) -> list[Candidate]:
    found: list[Candidate] = []
    for pattern, handler, words in _RULES:
        scan.last_quarter = None
        for match in _matches(pattern, words, scan.low):
            try:
                result = handler(match, scan)
            except (ValueError, OverflowError, KeyError, TypeError, IndexError, AttributeError):
                result = None
            for item in result if isinstance(result, list) else (result,):
                if item is not None and item.end > item.start:
                    item.rule = item.rule or handler.__name__
                    found.append(item)
    return found


def _select(candidates: list[Candidate]) -> list[Candidate]:
    """Longest (then highest-priority) candidates first, skipping any that overlap a chosen one."""
    candidates.sort(key=lambda c: (-(c.end - c.start), -c.priority, c.start))
    starts: list[int] = []
    chosen: list[Candidate] = []
    for candidate in candidates:
        index = bisect.bisect_left(starts, candidate.start)
        if index > 0 and chosen[index - 1].end > candidate.start:
            continue
        if index < len(starts) and starts[index] < candidate.end:
            continue
        starts.insert(index, candidate.start)
        chosen.insert(index, candidate)
    return chosen


_MONTH_OR_SEASON = re.compile(r"^(?:\d{4}|XXXX)-(?:\d\d|SP|SU|FA|WI)$")
_SPOKEN_YEAR = re.compile(r"(?:nineteen|two thousand)", re.I)


def _merge_spoken_years(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """"January nineteen ninety-seven", "the winter of nineteen ninety-four": one date, with the spoken year."""
    merged: list[Candidate] = []
    for candidate in chosen:
        if merged:
            previous = merged[-1]
            gap = text[previous.end : candidate.start].lower()
            if (gap in (" ", " of ") and isinstance(previous.value, str) and _MONTH_OR_SEASON.match(previous.value)
                    and isinstance(candidate.value, str) and len(candidate.value) == 4
                    and _SPOKEN_YEAR.match(text, candidate.start)):
                previous.end = candidate.end
                previous.value = candidate.value + previous.value[4:]
                continue
        merged.append(candidate)
    return merged


_APPOSITION_GAP = re.compile(r"^(?:,\s*|\s*\(\s*)(?:on\s+)?$")
_FULL_DAY = re.compile(r"^(?:\d{4}|XXXX)-\d\d-\d\d$")


def _merge_appositives(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """"tomorrow, May 12", "yesterday (May 11)": one expression, valued by the explicit date."""
    merged: list[Candidate] = []
    for candidate in chosen:
        previous = merged[-1] if merged else None
        if (previous is not None and previous.rule == "deictic_day" and previous.type == "DATE"
                and candidate.type == "DATE" and isinstance(candidate.value, str) and _FULL_DAY.match(candidate.value)
                and _APPOSITION_GAP.match(text[previous.end : candidate.start])):
            end = candidate.end + (text[candidate.end : candidate.end + 1] == ")" and "(" in text[previous.end : candidate.start])
            previous.end, previous.value, previous.partial = end, candidate.value, candidate.partial
            previous.rule = "apposition:" + candidate.rule
            continue
        merged.append(candidate)
    return merged


def _attach_modifiers(text: str, chosen: list[Candidate]) -> None:
    previous_end = 0
    for candidate in chosen:
        window_start = max(previous_end, candidate.start - 30)
        before = text[window_start : candidate.start]
        if candidate.type in ("DATE", "TIME") and not (isinstance(candidate.value, str) and candidate.value.endswith("_REF")):
            match = _POINT_MODIFIER.search(before)
            if match:
                word = match.group("word").lower()
                candidate.start = window_start + match.start()
                if candidate.mod is None:
                    candidate.mod = _POINT_MOD.get(word)
        is_amount = candidate.type == "DURATION" or candidate.extras.get("count")
        if is_amount:
            match = _AMOUNT_MODIFIER.search(before)
            if match:
                word = match.group("word").lower()
                first = text[candidate.start : candidate.start + 5].lower()
                if not (word == "over" and first.startswith(("the ", "past", "last", "next"))):
                    candidate.start = window_start + match.start()
                    candidate.mod = _AMOUNT_MOD.get(word, candidate.mod)
        previous_end = candidate.end


_GRAIN = {"year": "year", "decade": "year", "century": "year", "month": "month", "quarter": "month"}


def _resolve(chosen: list[Candidate], anchor: date | None) -> None:
    """Turn anaphoric values into strings, using the latest explicit date (fine enough for the unit) before each."""
    references = {"day": anchor, "month": anchor, "year": anchor}
    last_quarter: tuple[int, str] | None = None
    story: StoryPoint | None = None  # the last date written with its year
    full = [c.value for c in chosen
            if c.partial is None and not c.anaphoric and c.type == "DATE" and not c.extras.get("story_only")]
    narrative = tells_the_past(full, anchor)
    for candidate in chosen:
        if candidate.extras.get("story_only") and not narrative:
            candidate.extras["drop"] = True  # a bare old year ("1861") counts only in a story about the past
            continue
        if candidate.partial is not None and narrative and is_far(story, anchor):
            candidate.value = story_value(candidate.partial, story)
            candidate.rule += "+narrative"
        if candidate.anaphoric and callable(candidate.value):
            reference = references[_GRAIN.get(candidate.extras.get("unit", ""), "day")]
            candidate.value = candidate.value(reference) if reference is not None else None
        elif callable(candidate.value):
            candidate.value = candidate.value(anchor) if anchor is not None else None
        value = candidate.value
        year_shift = candidate.extras.get("year_shift")
        if year_shift and last_quarter and candidate.start - last_quarter[0] < 400:
            candidate.value = shift_quarter(int(last_quarter[1][:4]), int(last_quarter[1][-1]), 4 * year_shift)
            continue
        if candidate.type == "DATE" and not candidate.anaphoric and (
                candidate.partial is None or candidate.rule.endswith("+narrative")):
            story = story_point(candidate.value) or story
        if isinstance(value, str) and candidate.type in ("DATE", "TIME"):
            if _QUARTER_VALUE.match(value):
                if not candidate.extras:
                    last_quarter = (candidate.end, value)
            elif not candidate.anaphoric:
                found = reference_date(value)
                if found is not None:
                    grains = ("day", "month", "year") if len(value) >= 10 else ("month", "year") if len(value) >= 7 else ("year",)
                    for grain in grains:
                        references[grain] = found



def find_timexes(text: str, anchor: date | None) -> list[Timex]:
    """All TIMEX3 expressions in ``text``, sorted and non-overlapping, normalised against ``anchor``."""
    if not isinstance(text, str) or not text:
        return []
    if anchor is not None and not isinstance(anchor, date):
        anchor = None
    if len(text) > _MAX_TEXT:
        # Very long inputs are tagged piecewise so the work stays linear.
        pieces: list[Timex] = []
        for offset in range(0, len(text), _MAX_TEXT):
            for timex in find_timexes(text[offset : offset + _MAX_TEXT], anchor):
                timex.start += offset
                timex.end += offset
                pieces.append(timex)
        return pieces
    scan = Scan(text, anchor)
    try:
        chosen = _merge_appositives(text, _merge_spoken_years(text, _select(_collect(scan))))
        _attach_modifiers(text, chosen)
        _resolve(chosen, anchor)
    except (ValueError, OverflowError, RecursionError):
        return []
    out = []
    for candidate in chosen:
        if candidate.extras.get("drop"):
            continue
        value = candidate.value if isinstance(candidate.value, str) or candidate.value is None else None
        out.append(Timex(candidate.start, candidate.end, text[candidate.start : candidate.end], candidate.type,
                         value, candidate.mod, candidate.rule or None))
    return out
