"""The structure of a raw news page: title, header lines, datelines, bylines, URLs, stamps, boilerplate, headings.

Nothing is deleted: every line is either body text (grouped into paragraphs for sentence splitting) or a marked
region. Date-bearing lines leave *hints* that :mod:`tui.core.extract.published` weighs to find the publication date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tui.core.extract.scanning import CASE_TRAPS, filled_lines
from tui.core.extract.timex.lexicon import MONTH_NAME_RE, WEEKDAY_NAME_RE
from tui.core.model import Region

MONTHS = MONTH_NAME_RE
WEEKDAYS = WEEKDAY_NAME_RE
# What a line may hold and still be blank (a BOM, a zero-width space left by a web page).
LINE_BLANK = " \t\f\v\u00a0\ufeff\u200b"
TIME = r"(?:\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4}|\s*[+-]\d{2}:?\d{2})?)?"
MONTH_DAY_YEAR = rf"(?:{MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTHS},?\s+\d{{4}})"
NUMERIC_DATE = r"(?:\d{4}-\d{2}-\d{2}|\d{1,2}[-./]\d{1,2}[-./]\d{4})"
ANY_DATE = rf"(?:(?:{WEEKDAYS},?\s+)?{MONTH_DAY_YEAR}|{NUMERIC_DATE})"

HEADER_DATE = re.compile(r"^\s*date\s*:?\s+(\d{4}-\d{2}-\d{2})\b", re.I)
STANDALONE_DATE = re.compile(
    rf"^\s*(?:(?P<label>published|posted|posted on|first published|date|created|updated|last updated|"
    rf"last modified|modified)\s*(?:on)?\s*:?\s*)?(?P<date>{ANY_DATE}){TIME}\s*$", re.I)
STAMP = re.compile(
    rf"\b(?P<label>first published|published|posted(?: on)?|created|last updated|updated|last modified|modified)"
    rf"\s*(?:on|at)?\s*:?\s*(?P<date>{ANY_DATE})", re.I)
URL_LABEL = re.compile(r"^\s*(?:original\s+url|source\s+url|url|link|source|permalink|canonical)\s*:\s*(\S*)\s*$", re.I)
BARE_URL = re.compile(r"^\s*<?(https?://\S+?)>?\s*$", re.I)
URL_DATE = re.compile(r"/(20\d{2}|19\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|-|\b)|/(20\d{2})(\d{2})(\d{2})/")
BYLINE = re.compile(r"^\s*(?:by|written by|words by)\s+(?P<who>[A-Z][\w.'’&-]*(?:\s+(?:[A-Z][\w.'’&-]*|and|&|de|"
                    r"van|von|der|al|bin|la|le))*)\s*(?:[,|–—-].{0,60})?$", re.I)
DATELINE_PREFIX = re.compile(
    rf"^(?P<place>[A-Z][A-Z.'’ -]{{1,30}}[A-Z.](?:,\s*[A-Z][a-z]+\.?)?)"
    rf"(?:\s*\((?P<agency1>[A-Za-z ]{{2,20}})\))?"
    rf"(?:,\s*(?P<date>{MONTHS}\s+\d{{1,2}}(?:,\s*\d{{4}})?))?"
    rf"(?:\s*[./]?\s*/?\(?(?P<agency2>[A-Z][A-Za-z-]{{1,15}})\)?/?\.?)?"
    rf"\s*(?:[-–—:]|\.)\s+(?=\S)")
BOILERPLATE = re.compile(
    r"^\s*(?:read more\b|read also\b|also read\b|related(?: article| story| stories| news| coverage| content)?\s*:|"
    r"see also\s*:|more from\b|\(?with inputs? from\b|follow us\b|for more news\b|subscribe\b|sign up\b|share this\b|"
    r"click here\b|advertisement\s*$|sponsored\b|this image is ai-generated|ai-generated image|reporting by\b|editing by\b|"
    r"additional reporting\b|writing by\b|compiled by\b|©|copyright\b|all rights reserved|download (?:the|our) app|"
    r"join our\b|get the latest\b|don'?t miss\b|recommended\s*:|watch\s*:|listen\s*:|left menu\s*$|"
    r"[-–—*_=•·]{1,}\s*$)", re.I)
CREDIT_TAIL = re.compile(r"(?:\bvia\s+(?:AP|AFP|Reuters|Getty(?: Images)?|EPA|TASS|Sputnik|Anadolu)\)?|"
                         r"\((?:AP|AFP|Reuters|EPA) Photo[^)]*\)|Getty Images\)?|/\s*(?:Reuters|AFP|AP|EPA)\)?)\s*\.?$")
CAPTION = re.compile(r"^\s*(?:image:|photo:|photograph:|picture:|caption:|\(photo|file photo\b|in this (?:photo|image|picture)\b)",
                     re.I)
MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
SENTENCE_END = re.compile(r"[.!?…:;,\"”’')\]]$")
_SENTENCE_END_CHARS = frozenset(".!?…:;,\"”’')]")
# Cheap checks that spare most lines a search of the whole line: each pattern's match holds one of these words.
_CREDIT_WORDS = ("via", " Photo", "Getty Images", "/")  # CREDIT_TAIL (case-sensitive)
_STAMP_WORDS = ("published", "posted", "created", "updated", "modified")  # STAMP, in a lowered line


def _ends_sentence(line: str) -> bool:
    """``SENTENCE_END.search(line)``, looking only at the end of the line."""
    if line.endswith("\n"):  # "$" also matches before a final line break
        return line[-2:-1] in _SENTENCE_END_CHARS
    return line[-1:] in _SENTENCE_END_CHARS


def _has_stamp(line: str) -> bool:
    """``STAMP.search(line)``, skipping the search when the line holds none of the labels."""
    if line.isascii() or not CASE_TRAPS.search(line):
        low = line.lower()
        if not any(word in low for word in _STAMP_WORDS):
            return False
    return STAMP.search(line) is not None


def _has_credit(line: str) -> bool:
    """``CREDIT_TAIL.search(line)``, skipping the search when the line holds none of its words."""
    return any(word in line for word in _CREDIT_WORDS) and CREDIT_TAIL.search(line) is not None


@dataclass(slots=True)
class DateHint:
    origin: str  # header | dateline | stamp | updated | url | container
    text: str
    offset: int


@dataclass(slots=True)
class Layout:
    regions: list[Region] = field(default_factory=list)
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    title: str | None = None
    source: str | None = None
    url: str | None = None
    hints: list[DateHint] = field(default_factory=list)


def _word_count(line: str) -> int:
    return len(line.split())


def _heading_like(line: str, max_words: int = 14) -> bool:
    if _word_count(line) > max_words or len(line) > 8 * max_words:
        return False
    if _ends_sentence(line) and not line.endswith("?"):
        return False
    first = line.lstrip("\"“'‘(")[:1]
    return first.isupper() or first.isdigit()


def analyse(text: str, fmt: str = "txt", *, headings: list[tuple[int, int]] | None = None,
            title: str | None = None) -> Layout:
    layout = Layout(title=title)
    lines = filled_lines(text, LINE_BLANK)
    html_headings = set(headings or [])
    body: list[tuple[int, int]] = []
    seen_body = False
    expect_url = False
    for index, (start, end) in enumerate(lines):
        line = text[start:end]
        next_line = text[lines[index + 1][0]:lines[index + 1][1]] if index + 1 < len(lines) else None

        def mark(kind: str, s: int = start, e: int = end) -> None:
            layout.regions.append(Region(s, e, kind))

        if expect_url and (m := BARE_URL.match(line)):
            layout.url = layout.url or m.group(1)
            layout.hints.extend(_url_hints(m.group(1), start))
            mark("url")
            expect_url = False
            continue
        expect_url = False
        if m := HEADER_DATE.match(line):
            layout.hints.append(DateHint("header", m.group(1), start + m.start(1)))
            mark("header")
            continue
        if m := URL_LABEL.match(line):
            if m.group(1):
                layout.url = layout.url or m.group(1)
                layout.hints.extend(_url_hints(m.group(1), start))
            else:
                expect_url = True
            mark("url")
            continue
        if m := BARE_URL.match(line):
            layout.url = layout.url or m.group(1)
            layout.hints.extend(_url_hints(m.group(1), start))
            mark("url")
            continue
        if m := STANDALONE_DATE.match(line):
            label = (m.group("label") or "").lower()
            origin = "updated" if "updated" in label or "modified" in label else ("stamp" if label else "dateline")
            layout.hints.append(DateHint(origin, m.group("date"), start + m.start("date")))
            mark("dateline" if origin == "dateline" else "updated")
            continue
        if _has_stamp(line) and _word_count(line) <= 25:
            for m in STAMP.finditer(line):
                label = m.group("label").lower()
                origin = "updated" if "updated" in label or "modified" in label else "stamp"
                layout.hints.append(DateHint(origin, m.group("date"), start + m.start("date")))
            source = re.split(r"\s*\|\s*", line)[0].strip()
            if source and not STAMP.match(source) and _word_count(source) <= 6 and not layout.source:
                layout.source = source
            mark("updated")
            continue
        if (m := BYLINE.match(line)) and _word_count(line) <= 10 and not _ends_sentence(line.rstrip(".")):
            layout.source = layout.source or m.group("who").strip()
            mark("byline")
            continue
        if CAPTION.match(line) or _has_credit(line):
            mark("caption")
            continue
        if BOILERPLATE.match(line):
            mark("boilerplate")
            continue
        if fmt == "md" and (m := MD_HEADING.match(line)):
            kind = "title" if not seen_body and layout.title is None else "heading"
            if kind == "title":
                layout.title = m.group(2)
            mark(kind, start + m.start(2), start + m.end(2))
            continue
        if (start, end) in html_headings or fmt == "html" and title and line == title:
            if title and line == title and not seen_body:
                mark("title")
            else:
                mark("heading")
            continue
        continues = next_line is not None and next_line[:1].islower()
        if not seen_body and layout.title is None and fmt in ("txt", "md") and _heading_like(line, 25) \
                and not continues:
            layout.title = line
            mark("title")
            continue
        if not seen_body and title and line == title:
            mark("title")
            continue
        if next_line is not None and not continues and _heading_like(line) and _word_count(line) <= 12 and seen_body \
                and not (body and body[-1][1] == start - 1 and not _ends_sentence(text[body[-1][0]:body[-1][1]])):
            mark("heading")
            continue
        if (m := DATELINE_PREFIX.match(line)) and not seen_body and _dateline_ok(m):
            mark("dateline", start, start + m.end())
            if m.group("date"):
                layout.hints.append(DateHint("dateline", m.group("date"), start + m.start("date")))
            agency = m.group("agency1") or m.group("agency2")
            if agency and not layout.source:
                layout.source = agency
            start = start + m.end()
        seen_body = True
        body.append((start, end))
    layout.paragraphs = _paragraphs(text, body)
    layout.regions.sort(key=lambda r: r.start)
    return layout


def _dateline_ok(m: re.Match[str]) -> bool:
    """A dateline needs a date or a news agency besides the upper-case place name."""
    place = m.group("place")
    return bool(m.group("date") or m.group("agency1") or m.group("agency2")) and len(place.split()) <= 4


def _url_hints(url: str, offset: int) -> list[DateHint]:
    m = URL_DATE.search(url)
    if not m:
        return []
    year, month, day = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(4), m.group(5), m.group(6))
    return [DateHint("url", f"{int(year):04d}-{int(month):02d}-{int(day):02d}", offset)]


def _paragraphs(text: str, body: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join hard-wrapped lines: a line that does not end a sentence continues on the next body line."""
    paragraphs: list[tuple[int, int]] = []
    for start, end in body:
        if paragraphs:
            prev_start, prev_end = paragraphs[-1]
            gap = text[prev_end:start]
            if gap.count("\n") == 1 and not _ends_sentence(text[prev_start:prev_end]):
                paragraphs[-1] = (prev_start, end)
                continue
        paragraphs.append((start, end))
    return paragraphs
