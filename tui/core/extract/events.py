"""Events reported by an article: what happened (or is planned), who, when and where.

A sentence is scanned for trigger words of each event type. A date expression dates the triggers of its own clause
that stand before it (``talks in Istanbul on May 16``), or, when it opens the sentence (``On May 19, Trump spoke with
Putin``), the main clause after it. Speech acts (STATEMENT) take only a date right beside the verb (``said on
Wednesday``), or the publication date when they lead the article. Mentions of one event in an article are merged.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date

from tui.core.extract.actor_data import MEDIA_OUTLETS
from tui.core.extract.actors import trie_pattern
from tui.core.extract.scanning import CASE_TRAPS
from tui.core.extract.tense import FUTURE_COMMON, FUTURE_OFFERED, cue_pattern
from tui.core.model import Event, Mention, Statement, Timex

PLOVER = {"MEET": "CONSULT", "CALL": "CONSULT", "EXCHANGE": "CONCEDE", "PROPOSE": "AGREE", "AGREE": "AGREE",
          "ATTACK": "ASSAULT", "ACCUSE": "ACCUSE", "STATEMENT": None}
PRISONERS = r"(?:prisoners?|pows?|detainees?|captives?|hostages?|soldiers|servicemen|civilians|bodies|people|\d+[- ]for[- ]\d+)"
# The patterns are written in lower case so that they can also run, without re.I, on a lowered sentence (faster).
TRIGGER_PATTERNS: tuple[tuple[str, str], ...] = (
    ("EXCHANGE", rf"\b(?:(?:prisoner|pow|captive|hostage)s?[- ](?:exchanges?|swaps?|releases?)|swaps?|"
                 rf"exchanges?\s+of\s+{PRISONERS}|\d+[- ]for[- ]\d+[\"”’']?\s+(?:exchanges?|swaps?|format)|"
                 rf"(?:exchang(?:ed|ing)|releas(?:ed|ing)|fre(?:ed|eing)|trad(?:ed|ing)|return(?:ed|ing)|swapp(?:ed|ing)|welcomed back|handed over)\s+(?:\S+\s+){{0,3}}{PRISONERS}|"
                 rf"{PRISONERS}\s+(?:were|was|had been)\s+(?:exchanged|released|freed|traded|returned|swapped)|"
                 rf"(?:were|was)\s+(?:traded|swapped)|phases?\s+of\s+(?:the\s+)?exchanges?|exchanges?\b(?=[^.]{{0,60}}"
                 rf"\b(?:prisoners?|detainees?|pows?|phase)))"),
    ("CALL", r"\b(?:(?:phone|telephone|video)\s+(?:calls?|conversations?|consultations?|talks?)|phoned|"
             r"calls?\s+with|conversations?\s+with|spoke\s+(?:by\s+phone\s+)?(?:with|to)|speaks\s+(?:with|to)|"
             r"called\s+(?=(?:[a-z]|his|her|their|the\s+[a-z]|the\s+(?:president|prime|minister|leader)))|"
             r"talked\s+(?:by\s+phone\s+)?(?:with|to))"),
    ("MEET", r"\b(?:(?:peace\s+|direct\s+)?talks|negotiations?|meetings?|(?<!to )meet(?:s|ing)?\b(?!\s+(?:its|the)\s+"
             r"(?:demands?|goals?|needs?|targets?|conditions?|requirements?))|met\s+(?:with|in|on|at|for)|summits?|"
             r"rounds?\s+of\s+(?:talks|negotiations)|(?:second|third|next|new|first|previous)\s+round|visit(?:s|ed)?\b|"
             r"hosted|discussions?\s+(?:between|with|in)|face-to-face)(?<!press conference)"),
    ("AGREE", r"\b(?:agreed\s+(?:to|on|upon|that)|reached\s+(?:an?\s+)?(?:agreement|deal|accord)|signed|"
              r"(?:agreement|deal|accord|ceasefire|truce)\s+(?:was|has been|had been)\s+(?:reached|signed|agreed|struck)|"
              r"struck\s+a\s+deal)"),
    ("PROPOSE", r"\b(?:propos(?:al|als|ed|es|e|ing)|memorand(?:um|ums|a)|draft\s+(?:\w+\s+)?(?:agreement|document|"
                r"proposal|memorandum|treaty|resolution|plan|text)|peace\s+(?:plan|proposal|terms|framework|roadmap)|"
                r"present(?:s|ed|ing)?\s+(?:\S+\s+){0,4}(?:memorandum|proposal|plan|document|draft|terms|it|its|"
                r"version|roadmap|position)|presentation|put\s+forward|submit(?:s|ted|ting)?|"
                r"hand(?:s|ed|ing)?\s+over\s+(?:\S+\s+){0,3}(?:document|memorandum|draft|proposal|plan)|offer(?:ed|s)?\b)"),
    ("ATTACK", r"\b(?:(?:air|missile|drone|rocket|artillery)\s*strikes?|strikes?\s+on|struck|attack(?:s|ed|ing)?\b|"
               r"shell(?:ed|ing)|bomb(?:ed|ing|ings)|assaults?|raids?|offensive|killed|shot\s+down|invad(?:ed|ing))"),
    ("ACCUSE", r"\b(?:accus(?:ed|es|ing|ation|ations)|critici[sz](?:ed|es|ing)|condemn(?:ed|s|ing)|blam(?:ed|es|ing)|"
               r"reject(?:ed|s|ing)?|refut(?:ed|es|ing)|dismiss(?:ed|es)|denounc(?:ed|es|ing)|deni(?:ed|es))"),
    ("STATEMENT", r"\b(?:said|says|announced|announces|stated|states|confirmed|confirms|declared|declares|told|"
                  r"stressed|emphasi[sz]ed|insisted|noted|wrote|added|warned|claimed|reported|asserted|indicated)\b"),
)
TRIGGERS: list[tuple[str, re.Pattern[str]]] = [(kind, re.compile(pattern, re.I)) for kind, pattern in TRIGGER_PATTERNS]
_LOWERED_TRIGGERS = [re.compile(pattern) for _, pattern in TRIGGER_PATTERNS]
# Cheap substring checks that skip a type's pattern when none of its words is in the sentence (most sentences).
TRIGGER_WORDS = {
    "EXCHANGE": ("swap", "exchang", "releas", "free", "trad", "return", "welcomed back", "handed over", "prisoner",
                 "pow", "captive", "hostage", "format"),
    "CALL": ("phone", "call", "conversation", "spoke", "speaks", "talked"),
    "MEET": ("talk", "negotiat", "meet", "met ", "summit", "round", "visit", "hosted", "discussion", "face-to-face"),
    "AGREE": ("agreed", "agreement", "deal", "accord", "signed", "ceasefire", "truce", "struck"),
    "PROPOSE": ("propos", "memorand", "draft", "peace ", "present", "put forward", "submit", "hand", "offer"),
    "ATTACK": ("strike", "struck", "attack", "shell", "bomb", "assault", "raid", "offensive", "killed", "shot down",
               "invad"),
    "ACCUSE": ("accus", "critici", "condemn", "blam", "reject", "refut", "dismiss", "denounc", "deni"),
    "STATEMENT": ("said", "says", "announc", "stated", "states", "confirm", "declare", "told", "stressed", "emphasi",
                  "insisted", "noted", "wrote", "added", "warned", "claimed", "reported", "asserted", "indicated"),
}
# One scan finds which types' words occur; a match also hints the types of the words it contains ("handed over"
# holds "hand", "talked" holds "talk"), since the scan reports only one match per place.
_ALL_TRIGGER_WORDS = {word for words in TRIGGER_WORDS.values() for word in words}
TRIGGER_KINDS_OF_WORD = {word: {kind for kind, words in TRIGGER_WORDS.items() for w in words if w in word}
                         for word in _ALL_TRIGGER_WORDS}
# A prefix tree finds the same (longest) word at each place as the flat alternation, several times faster.
TRIGGER_HINT = re.compile(trie_pattern(sorted(_ALL_TRIGGER_WORDS)))
REJECTION = re.compile(r"reject|refut|dismiss|deni", re.I)
FUTURE = cue_pattern(FUTURE_COMMON, FUTURE_OFFERED)  # will, plans, offers, modals: not (yet) happened
CLAUSE_BREAK = re.compile(r"[,;:()\[\]\"“”]|\s[–—-]\s|\bthat\b|\bwhich\b|\bwho\b")
NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(?![\w,]*-for)(?!\s*for\s*\d)(?![\d-])")
ORDINAL = re.compile(r"\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\s+(?:phase|round|stage|part|batch)\b",
                     re.I)
ORDINAL_UNITS = ("phase", "round", "stage", "part", "batch")  # a sentence holding none of these has no ordinal
# FUTURE and ORDINAL without re.I, for the lowered text (see CASE_TRAPS)
_LOWERED_FUTURE = re.compile(FUTURE.pattern)
_LOWERED_ORDINAL = re.compile(ORDINAL.pattern)
PLACE = re.compile(r"\b(?:in|at)\s+(?:the\s+)?([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2})")
NOT_PLACES = {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
              "The", "This", "That", "Telegram", "Europe", "Russian", "Ukrainian", "English", "Kremlin", "Western",
              "World", "History", "Christmas", "Easter", "Ramadan", "Parliament", "Congress", "Senate"}
CALENDAR_WORD_BEFORE = re.compile(rf"(?:{'|'.join(sorted(NOT_PLACES - {'The', 'This', 'That'}))})\s*$")
EVENT_STATEMENT_KINDS = {"sentence", "quote", "caption", "title", "heading"}
PREPOSITION = re.compile(r"\b(?:with|for|of|to|in|at|on|by|from|about|after|before|and|or)\b", re.I)
DATED_GRANULARITY = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?|-W\d{2})?$")
OPENING_DATE = re.compile(r"^[\"“‘'(]?\s*(?:on|in|at|by|late|early|last|this|earlier|on\s+the)?\s*$", re.I)
THAT = re.compile(r"\bthat\b")
SECOND_CLAUSE = re.compile(r"[;:\"“”]|\bthat\b|\bwhich\b")
PERIOD_BOUND = re.compile(r"\b(?:since|until|till|before|by|from)\s+(?:the\s+)?$", re.I)
APPOSITION_GAP = re.compile(r"^\s*,[^,]{0,60},\s*$")
NOT_A_COUNT = re.compile(r"^\s*(?:%|percent|per cent|years?|days?|hours?|minutes?|km|kilomet|miles?|st|nd|rd|th)", re.I)
YEAR_AFTER = re.compile(r"^\s*,?\s*(?:19|20)\d\d")
YEAR_NUMBER = re.compile(r"^(?:19|20)\d\d$")
LEAD_SENTENCES = 3
# Look-back and look-ahead windows (characters): every rule reads only this far from its trigger, so the work on a
# sentence with no end (a 5 MB line) stays linear in its length.
DATE_REACH = 250  # a date dates triggers no farther than this
OPENING_REACH = 40  # a date opens the sentence when it starts this near its beginning
NUMBER_REACH = 300  # counts belong to triggers this near
MAX_NUMBERS = 12  # an event keeps at most this many counts however often it is mentioned


@dataclass(slots=True)
class _Trigger:
    kind: str
    start: int
    end: int
    statement: Statement


class _Spans:
    """Non-overlapping spans, kept sorted so that an overlap check costs a bisection, not a scan."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        index = bisect_left(self.ends, start + 1)  # the first span ending after ``start``
        return index < len(self.starts) and self.starts[index] < end

    def add(self, start: int, end: int) -> None:
        index = bisect_left(self.starts, start)
        self.starts.insert(index, start)
        self.ends.insert(index, end)


@dataclass(slots=True)
class _Shared:
    """What the events of one sentence share, worked out once (when the first event needs it)."""

    summary: str | None = None
    places: list[tuple[int, str]] | None = None
    numbers: list[tuple[int, int]] | None = None  # (offset, count)
    ordinal_units: bool | None = None  # whether the (lowered) sentence holds a word that an ordinal may number


def find_events(text: str, statements: list[Statement], timexes: list[Timex], mentions: list[Mention],
                published: date | None) -> list[Event]:
    raw: list[Event] = []
    body_seen = 0
    mentions = sorted(mentions, key=lambda m: m.start)
    mention_starts = [m.start for m in mentions]
    timexes = sorted(timexes, key=lambda t: t.start)
    timex_starts = [t.start for t in timexes]
    low: str | None = text.lower()
    if len(low) != len(text) or not text.isascii() and CASE_TRAPS.search(text):
        low = None  # the patterns run with re.I on the text itself, sentence by sentence
    for statement in statements:
        if statement.kind not in EVENT_STATEMENT_KINDS:
            continue
        lead = statement.kind in ("sentence", "quote") and body_seen < LEAD_SENTENCES
        if statement.kind in ("sentence", "quote"):
            body_seen += 1
        inside = mentions[bisect_left(mention_starts, statement.start):bisect_left(mention_starts, statement.end)]
        dates = timexes[bisect_left(timex_starts, statement.start):bisect_left(timex_starts, statement.end)]
        raw.extend(_sentence_events(text, low, statement, dates, inside, published, lead))
    return _merge(raw)


def _triggers(text: str, low: str | None, statement: Statement) -> list[_Trigger]:
    """Trigger words of the sentence; ``low`` is the lowered text when the lowered patterns may run on it."""
    found: list[_Trigger] = []
    if low is not None:
        lowered, plain = low[statement.start:statement.end], True
    else:
        sentence = text[statement.start:statement.end]
        lowered = sentence.lower()
        plain = len(lowered) == len(sentence) and not CASE_TRAPS.search(sentence)
    owned = _Spans()
    hinted: set[str] = set()
    for word in set(TRIGGER_HINT.findall(lowered)):
        hinted |= TRIGGER_KINDS_OF_WORD[word]
    if not hinted:
        return found
    # Same matches, same offsets: lower() keeps the length and no character folds differently (see CASE_TRAPS).
    for (kind, pattern), lowered_pattern in zip(TRIGGERS, _LOWERED_TRIGGERS):
        if kind not in hinted:
            continue
        for m in (lowered_pattern.finditer(lowered) if plain else pattern.finditer(text[statement.start:statement.end])):
            start, end = statement.start + m.start(), statement.start + m.end()
            if not owned.overlaps(start, end):  # an earlier (more specific) type owns this span
                owned.add(start, end)
                found.append(_Trigger(kind, start, end, statement))
    return sorted(found, key=lambda t: t.start)


def _clause_gap(text: str, start: int, end: int) -> bool:
    return bool(CLAUSE_BREAK.search(text, start, end)) if start < end else False


def _dating(text: str, triggers: list[_Trigger], timexes: list[Timex], statement: Statement) -> dict[int, Timex]:
    """Which date expression dates which trigger (by trigger index)."""
    dated: dict[int, Timex] = {}
    usable = [t for t in timexes if statement.start <= t.start and t.end <= statement.end and t.type in ("DATE", "TIME")
              and t.value and DATED_GRANULARITY.match(t.value[:10]) and not _after_preposition(text, t.start)]
    trigger_starts = [t.start for t in triggers]
    for timex in usable:
        opening = False
        if timex.start - statement.start <= OPENING_REACH:
            prefix = text[statement.start:timex.start]
            opening = not prefix.strip(" \"“‘'(").split()[1:] or bool(OPENING_DATE.match(prefix))
        first = bisect_left(trigger_starts, timex.start - DATE_REACH)
        last = bisect_left(trigger_starts, timex.end + DATE_REACH)
        for index in range(first, last):
            trig = triggers[index]
            if trig.kind == "STATEMENT":
                after_verb = 0 <= timex.start - trig.end <= 16 and not THAT.search(text[trig.end:timex.start])
                if after_verb or (opening and trig.start - timex.end <= 40 and not _main_clause_break(text, timex, trig)):
                    dated.setdefault(index, timex)
                continue
            if trig.end <= timex.start and not _clause_gap(text, trig.end, timex.start):
                dated[index] = timex  # the latest date to the right of a trigger in its clause wins
            elif timex.end <= trig.start:
                gap = text[timex.end:trig.start]
                if opening and not _main_clause_break(text, timex, trig):
                    dated.setdefault(index, timex)
                elif len(gap.split()) <= 2 and not _clause_gap(text, timex.end, trig.start) \
                        and not PREPOSITION.search(gap):
                    dated.setdefault(index, timex)  # "the June 2 talks", "Monday's meeting"
    return dated


def _main_clause_break(text: str, timex: Timex, trig: _Trigger) -> bool:
    """After an opening date, a second clause break before the trigger means it belongs to another clause."""
    gap = text[timex.end:trig.start]
    first = CLAUSE_BREAK.search(gap)
    if first is None:
        return False
    rest = gap[first.end():]
    return bool(SECOND_CLAUSE.search(rest))


def _after_preposition(text: str, start: int) -> bool:
    """Dates after "since" or "until" bound a period; they do not date the event."""
    return bool(PERIOD_BOUND.search(text[max(0, start - 12):start]))


def _sentence_events(text: str, low: str | None, statement: Statement, timexes: list[Timex],
                     mentions: list[Mention], published: date | None, lead: bool) -> list[Event]:
    triggers = _triggers(text, low, statement)
    if not triggers:
        return []
    dated = _dating(text, triggers, timexes, statement)
    sides = _sides(statement, mentions)
    mention_starts = [m.start for m in mentions]
    events = []
    shared = _Shared()
    for index, trig in enumerate(triggers):
        timex = dated.get(index)
        if trig.kind == "STATEMENT":
            if not _has_actor_subject(text, trig, mentions, mention_starts, statement):
                continue
            if timex is None and not lead:
                continue
        events.append(_event(text, low, trig, timex, sides, statement, published, lead, shared))
    return events


def _has_actor_subject(text: str, trig: _Trigger, mentions: list[Mention], mention_starts: list[int],
                       statement: Statement) -> bool:
    window_start = max(statement.start, trig.start - 80)
    near = mentions[bisect_left(mention_starts, window_start):bisect_left(mention_starts, trig.end + 4)]
    before = [m for m in near if m.end <= trig.start and (m.side or m.kind == "person")]
    after = [m for m in near if trig.end <= m.start <= trig.end + 3 and m.kind == "person"]
    if after:
        return True
    if not before:
        return False
    last = before[-1]
    return not _clause_gap(text, last.end, trig.start) or APPOSITION_GAP.match(text[last.end:trig.start])


def _event(text: str, low: str | None, trig: _Trigger, timex: Timex | None, sides: list[str], statement: Statement,
           published: date | None, lead: bool, shared: _Shared) -> Event:
    kind = trig.kind
    plover = PLOVER[kind]
    if kind == "ACCUSE" and REJECTION.search(text[trig.start:trig.end]):
        plover = "REJECT"
    value = timex.value if timex else None
    date_text = timex.text if timex else None
    if kind == "STATEMENT" and timex is None and lead and published:
        value, date_text = published.isoformat(), None
    if kind == "STATEMENT" and value and published and value[:10] > published.isoformat():
        value, date_text = None, None  # something said cannot be dated after the report of it
    clause_start, clause_end = max(statement.start, trig.start - 60), min(statement.end, trig.end + 80)
    near_start, near_end = max(statement.start, trig.start - 40), trig.end + 10
    if low is None:
        planned = bool(FUTURE.search(text[near_start:near_end]))
        ordinal = ORDINAL.search(text[clause_start:clause_end])
    else:
        planned = bool(_LOWERED_FUTURE.search(low[near_start:near_end]))
        if shared.ordinal_units is None:
            sentence = low[statement.start:statement.end]
            shared.ordinal_units = any(unit in sentence for unit in ORDINAL_UNITS)
        ordinal = _LOWERED_ORDINAL.search(low[clause_start:clause_end]) if shared.ordinal_units else None
    if value and published and len(value) >= 10 and value[:10] > published.isoformat():
        planned = True
    elif value and published and value[:10] < published.isoformat()[:len(value[:10])]:
        planned = False
    if shared.summary is None:
        shared.summary = _summary(text[statement.start:statement.end])
    if shared.places is None:
        shared.places = _places(text, statement)
    numbers: list[int] = []
    if kind in ("EXCHANGE", "ATTACK"):
        if shared.numbers is None:
            shared.numbers = _numbers(text, statement)
        numbers = _near_numbers(shared.numbers, trig)  # a new list: merging extends an event's numbers in place
    return Event(
        id="", type=kind, plover=plover or "", date=value, date_text=date_text,
        status="planned" if planned else "occurred", actors=list(sides), place=_nearest(shared.places, trig),
        start=statement.start, end=statement.end, summary=shared.summary, numbers=numbers,
        ordinal=ordinal.group(1).lower() if ordinal else None,
    )


def _sides(statement: Statement, mentions: list[Mention]) -> list[str]:
    """Countries and organisations involved; news outlets that merely report are not sides."""
    sides: list[str] = []
    if statement.side and statement.side not in MEDIA_OUTLETS:
        sides.append(statement.side)
    for m in mentions:
        if statement.start <= m.start < statement.end and m.side and m.side not in sides \
                and m.side not in MEDIA_OUTLETS:
            sides.append(m.side)
    return sides


def _places(text: str, statement: Statement) -> list[tuple[int, str]]:
    """Every "in/at <Name>" of the sentence (offset, name); title-case lines (titles, headings) name no places."""
    if statement.kind in ("title", "heading"):
        return []
    places = []
    for m in PLACE.finditer(text, statement.start, statement.end):
        name = m.group(1)
        if name.split()[0] in NOT_PLACES or name.isupper() and len(name) <= 4:
            continue
        places.append((m.start(), name))
    return places


def _nearest(places: list[tuple[int, str]], trig: _Trigger) -> str | None:
    """The place nearest to the trigger (the first of equally near ones); places are in text order."""
    index = bisect_left(places, (trig.end, ""))
    before = places[index - 1] if index > 0 else None
    after = places[index] if index < len(places) else None
    if before is None or after is None:
        return (before or after or (0, None))[1]
    return before[1] if trig.end - before[0] <= after[0] - trig.end else after[1]


def _near_numbers(numbers: list[tuple[int, int]], trig: _Trigger) -> list[int]:
    first = bisect_left(numbers, (trig.start - NUMBER_REACH, -1))
    last = bisect_left(numbers, (trig.end + NUMBER_REACH, -1))
    return [count for _, count in numbers[first:last]][:MAX_NUMBERS]


def _numbers(text: str, statement: Statement) -> list[tuple[int, int]]:
    sentence = text[statement.start:statement.end]
    values = []
    for m in NUMBER.finditer(sentence):
        after = sentence[m.end():m.end() + 12]
        before = sentence[max(0, m.start() - 10):m.start()]
        if NOT_A_COUNT.match(after):
            continue
        if CALENDAR_WORD_BEFORE.search(before) or \
                YEAR_AFTER.match(after) or YEAR_NUMBER.match(m.group(1)):
            continue
        values.append((statement.start + m.start(), int(m.group(1).replace(",", ""))))
    return values


def _summary(sentence: str, limit: int = 140) -> str:
    flat = " ".join(sentence.split())
    return flat if len(flat) <= limit else flat[:limit - 1].rstrip() + "…"


def _merge(events: list[Event]) -> list[Event]:
    """One event per (type, date); undated mentions join the single dated event of their type, if there is one."""
    merged: list[Event] = []
    by_key: dict[tuple[str, str | None], Event] = {}  # (type, date): dicts keep merging linear in the events
    dated_of_type: dict[str, list[Event]] = {}
    for event in events:
        if event.date is None:
            continue
        same = by_key.get((event.type, event.date))
        if same is None:
            merged.append(event)
            by_key[event.type, event.date] = event
            dated_of_type.setdefault(event.type, []).append(event)
        else:
            _absorb(same, event)
    for event in events:
        if event.date is not None:
            continue
        dated_same_type = dated_of_type.get(event.type, [])
        undated_same = by_key.get((event.type, None))
        if len(dated_same_type) == 1 and set(dated_same_type[0].actors) & set(event.actors):
            _absorb(dated_same_type[0], event)
        elif undated_same is not None:
            _absorb(undated_same, event)
        else:
            merged.append(event)
            by_key[event.type, None] = event
    merged.sort(key=lambda e: e.start)
    for number, event in enumerate(merged, start=1):
        event.id = f"ev{number}"
    return merged


def _absorb(into: Event, other: Event) -> None:
    for side in other.actors:
        if side not in into.actors:
            into.actors.append(side)
    into.place = into.place or other.place
    into.ordinal = into.ordinal or other.ordinal
    for n in other.numbers:
        if n not in into.numbers and len(into.numbers) < MAX_NUMBERS:
            into.numbers.append(n)
