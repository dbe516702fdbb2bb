"""Sentence splitting: sentencex (chosen by bench/sentence_splitters.py) plus light news-specific fixes.

Fixes on top of the library, each measured on the bench cases:
* every line break is a boundary (headlines and datelines have no final stop),
  except a hard wrap (a line without final punctuation followed by a lowercase line);
* no boundary after a title abbreviation ("Ms.", "Approx.", "Gen.") or before a lowercase word,
  nor between "a.m."/"p.m." and a weekday, month or time zone;
* the spans cover all non-space text, so nothing is ever dropped.
"""

from __future__ import annotations

import re

try:  # pragma: no cover - the import itself is trivial
    import sentencex as _sentencex
except Exception:  # pragma: no cover - fallback keeps the module usable
    _sentencex = None

_LINE_BREAK = re.compile(r"\r\n|\r|\n|\u2028|\u2029")
_LINE_END_PUNCT = tuple(".!?:;\"'\u201d\u2019\u00bb)]")
# Abbreviations that never end a sentence in news prose (titles, "No. 10", "Approx. 200").
_NEVER_FINAL = frozenset(
    "mr mrs ms mx dr prof gen lt col maj capt cpt sgt cpl adm cmdr brig rev fr sen rep gov pres supt insp "
    "approx no nos art fig vs hon amb messrs mme mmes".split()
)
_LAST_WORD = re.compile(r"([A-Za-z]+)\.\W*$")
_TIME_ABBREVIATION_END = re.compile(r"\b[ap]\.m\.$", re.IGNORECASE)
_CALENDAR_WORD = re.compile(
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|(?:January|February|March|April|May|June|July|August|September"
    r"|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b|(?:GMT|UTC|[ECMP][SD]T)\b"
)
_VIEW = 200
_PIECE = 8000
_PIECE_STOP = re.compile(r"[.!?][\"'\u201d\u2019\u00bb)]*\s+")
_NON_SPACE = re.compile(r"\S")
_FALLBACK_BOUNDARY = re.compile(r"(?<=[.!?])[\"'\u201d\u2019\u00bb)]*\s+(?=[\"'\u201c\u2018\u00ab(]?[A-Z0-9])")


def _line_blocks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Non-empty line ranges of text[start:end], with hard-wrapped lines joined."""
    blocks: list[tuple[int, int]] = []
    cursor = start
    for match in _LINE_BREAK.finditer(text, start, end):
        blocks.append((cursor, match.start()))
        cursor = match.end()
    blocks.append((cursor, end))
    joined: list[tuple[int, int]] = []
    previous = ""  # the last non-empty line (not the whole joined block: re-reading that made wrapping quadratic)
    for block_start, block_end in blocks:
        line = text[block_start:block_end]
        if not line.strip():
            continue
        if joined:
            following = line.lstrip()
            if previous and not previous.endswith(_LINE_END_PUNCT) and following[:1].islower():
                joined[-1] = (joined[-1][0], block_end)
                previous = line.rstrip()
                continue
        joined.append((block_start, block_end))
        previous = line.rstrip()
    return joined


def _library_starts(block: str) -> list[int]:
    """Sentence start offsets (inside block) proposed by the library, or by a regex if it fails.

    The library's time grows faster than the text on a long run without a stop, so a long block goes to it in pieces
    of at most ``_PIECE`` characters, cut after a stop where there is one (else at a space): every piece costs the
    same, and the whole stays linear.
    """
    if len(block) <= _PIECE:
        return _piece_starts(block)
    starts: list[int] = []
    begin = 0
    after_stop = True  # whether the piece starts after a stop (then its start is a boundary the library would give)
    while begin < len(block):
        cut, at_stop = _piece_end(block, begin)
        starts.extend(begin + offset for offset in _piece_starts(block[begin:cut]) if offset or after_stop)
        begin, after_stop = cut, at_stop
    return starts


def _piece_end(block: str, begin: int) -> tuple[int, bool]:
    """Where the piece from ``begin`` ends, and whether it ends after a stop."""
    limit = begin + _PIECE
    if limit >= len(block):
        return len(block), True
    stop = None
    for stop in _PIECE_STOP.finditer(block, limit - _PIECE // 4, limit):
        pass
    if stop is not None:
        return stop.end(), True
    space = block.rfind(" ", limit - _PIECE // 4, limit)
    return (space + 1 if space > begin else limit), False


def _piece_starts(block: str) -> list[int]:
    if _sentencex is not None:
        try:
            starts = []
            for item in _sentencex.get_sentence_boundaries("en", block):
                begin = item["start_index"]
                if not isinstance(begin, int) or not 0 <= begin <= len(block):
                    raise ValueError("bad offset")
                if block[begin : item["end_index"]] != item["text"]:
                    raise ValueError("offsets are not character offsets")
                starts.append(begin)
            return starts
        except Exception:
            pass
    return [0] + [m.end() for m in _FALLBACK_BOUNDARY.finditer(block)]


def _keep_boundary(block: str, previous_start: int, boundary: int) -> bool:
    """Decide whether a library boundary survives the news-specific fixes."""
    # Bounded views (the words next to the boundary decide): copying the whole rest of a long block at every
    # boundary made splitting quadratic in the block's length.
    before = block[max(previous_start, boundary - _VIEW):boundary].rstrip()
    after = block[boundary:boundary + _VIEW].lstrip()
    if not before and _NON_SPACE.search(block, previous_start, boundary) is None:
        return False
    if not after and _NON_SPACE.search(block, boundary) is None:
        return False
    if not before or not after:
        return True  # a long run of spaces next to the boundary: keep it, as the text goes on beyond the view
    if after[0].islower():
        return False
    last = _LAST_WORD.search(before[-12:])
    if last and last.group(1).lower() in _NEVER_FINAL and before.endswith("."):
        return False
    if _TIME_ABBREVIATION_END.search(before) and _CALENDAR_WORD.match(after):
        return False  # "at 10 a.m. Monday"
    return True


def _strip(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def _block_sentences(block: str) -> list[tuple[int, int]]:
    """Sentence spans inside one line block, as offsets into the block."""
    starts = sorted({s for s in _library_starts(block) if 0 < s < len(block)})
    kept = [0]
    for boundary in starts:
        if _keep_boundary(block, kept[-1], boundary):
            kept.append(boundary)
    kept.append(len(block))
    spans = []
    for left, right in zip(kept, kept[1:]):
        span = _strip(block, left, right)
        if span:
            spans.append(span)
    return spans


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans of text[start:end] as offsets into ``text``; stripped, ordered, lossless."""
    if not isinstance(text, str) or not text:
        return []
    length = len(text)
    start = max(0, min(start or 0, length))
    end = length if end is None else max(start, min(end, length))
    spans: list[tuple[int, int]] = []
    for block in _line_blocks(text, start, end):
        inner = _block_sentences(text[block[0]:block[1]])
        offset = block[0]
        spans += [(offset + left, offset + right) for left, right in inner]
    return spans
