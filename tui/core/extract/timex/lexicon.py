"""Word lists and small parsers shared by the timex rules (months, weekdays, numbers, units)."""

from __future__ import annotations

import re

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
# Month and weekday names as pages write them, abbreviations with or without their dot (datelines, stamps, the
# publication date's evidence); used case-insensitively.
MONTH_NAME_RE = (r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|"
                 r"Sep(?:tember|t?\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)")
WEEKDAY_NAME_RE = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?"
# A year of the last two centuries (not a percentage, not part of a longer number).
YEAR_RE = r"(?:1[0-9]|20)\d\d(?![\d%])"

# Lowercase forms, for the rules that run on the lowercased text (full names first).
MONTH_LOW_RE = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan\.?|feb\.?|mar\.|apr\.?|jun\.?|jul\.?|aug\.?|sept?\.?|oct\.?|nov\.?|dec\.?)(?![a-z])"
)
WEEKDAY_LOW_RE = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"

WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
    "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6,
}

SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}

PARTS_OF_DAY = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
    "midday": "MI", "noon": "MI",
}

UNITS = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W", "fortnight": "W",
    "month": "M", "quarter": "Q", "year": "Y", "decade": "DE", "century": "CE",
}
UNIT_RE = r"(?:second|minute|hour|day|week|fortnight|month|quarter|year|decade|centur(?:y|ie))"
UNIT_CORE_RE = r"(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|quarters?|years?|decades?|century|centuries)"

ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "last": -1, "final": -1,
    "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
}
QUARTER_ORDINAL_RE = r"(?:first|second|third|fourth|1st|2nd|3rd|4th|final|last)"

_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
_VAGUE = {"a few", "few", "several", "some", "many", "a number of", "numerous", "dozens of",
          "hundreds of", "a couple of", "couple of", "a couple"}

NUMBER_WORD_RE = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen|seventeen|eighteen|nineteen|a hundred|one hundred|hundred)"
)
# A count in front of a unit: digits (with fractions), words, or vague quantities.
COUNT_RE = (
    r"(?:\d{1,4}(?:\.\d+)?(?: 1/2|½)?|" + NUMBER_WORD_RE + r"(?: and a half)?"
    r"|a few|few|several|some|many|a number of|numerous|dozens of|hundreds of|a couple of|a couple|couple of"
    r"|a|an|one)"
)

_SPACES = re.compile(r"[\s\-]+")


def parse_count(words: str) -> float | None:
    """Number meant by a count phrase; None for vague quantities ("several")."""
    words = words.strip().lower()
    if words in ("a couple of", "a couple", "couple of"):
        return 2
    if words in _VAGUE:
        return None
    half = 0.0
    if words.endswith("and a half"):
        half, words = 0.5, words[: -len("and a half")].strip()
    if words.endswith("1/2") or words.endswith("½"):
        half, words = 0.5, words.rstrip("½").replace("1/2", "").strip()
    if words in ("a", "an", "one"):
        return 1 + half
    try:
        return float(words.replace(",", "")) + half
    except ValueError:
        pass
    total = 0
    for part in _SPACES.split(words):
        if part in _SMALL:
            total += _SMALL[part]
        elif part in _TENS:
            total += _TENS[part]
        elif part == "hundred":
            total = max(total, 1) * 100
        elif part in ("a", "and"):
            continue
        else:
            return None
    return total + half


def duration_value(count: float | None, unit: str) -> str:
    """TIMEX3 duration such as P3Y, PT90M, PXW, P2Y6M."""
    unit = unit.lower().rstrip("s")
    if unit == "centurie":
        unit = "century"
    code = UNITS.get(unit, "X")
    time_part = unit in ("second", "minute", "hour")
    prefix = "PT" if time_part else "P"
    if count is None:
        if code == "DE":
            return "PXDE"
        if code == "CE":
            return "PXCE"
        return prefix + "X" + code
    if unit == "fortnight":
        count *= 2
    if code == "DE":
        count, code = count * 10, "Y"
    if code == "CE":
        count, code = count * 100, "Y"
    if count == int(count):
        return f"{prefix}{int(count)}{code}"
    whole = int(count)
    smaller = {"Y": (12, "M"), "Q": (3, "M"), "M": (30, "D"), "W": (7, "D"), "D": (24, "H"), "H": (60, "M"), "S": (1, "S")}
    factor, small_code = smaller.get(code, (1, code))
    if code == "M" and time_part:
        factor, small_code = 60, "S"
    rest = int(round((count - whole) * factor))
    if time_part and prefix == "PT" and code == "H" and small_code == "M":
        return f"PT{whole}H{rest}M" if whole else f"PT{rest}M"
    if whole == 0:
        return f"{prefix}{rest}{small_code}"
    if code == "M" and not time_part:
        return f"P{whole}M{rest}D"
    if code in ("D",) and small_code == "H":
        return f"P{whole}DT{rest}H"
    return f"{prefix}{whole}{code}{rest}{small_code}"


def month_number(word: str) -> int | None:
    return MONTHS.get(word.lower().rstrip(".")[:9]) or MONTHS.get(word.lower().rstrip(".")[:3])


def weekday_number(word: str) -> int | None:
    word = word.lower().rstrip(".")
    if word.endswith("'s") or word.endswith("’s"):
        word = word[:-2]
    return WEEKDAYS.get(word.rstrip("s") if word.endswith("days") else word)
