"""The structure of a raw news page: title, header lines, datelines, bylines, URLs, stamps, boilerplate, headings.

Nothing is deleted: every line goes through a table of line rules (:data:`LINE_RULES`, the first that applies
decides) and is either body text (grouped into paragraphs for sentence splitting) or a marked
region. Date-bearing lines leave *hints* that :mod:`tui.core.extract.published` weighs to find the publication date.
"""

from __future__ import annotations

import re
from collections.abc import Callable
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
# "May 10 (Reuters) —": a dateline with a date and an agency but no place.
AGENCY_DATELINE = re.compile(
    rf"^(?P<date>{MONTHS}\s+\d{{1,2}}(?:,\s*\d{{4}})?)\s*\((?P<agency>[A-Za-z ]{{2,20}})\)\s*[-–—:]\s+(?=\S)")
# "Kyiv, May 10:", "Port Louis, May 10 (AFP) —": a place in mixed case, then a date.
PLACE_DATELINE = re.compile(
    rf"^(?P<place>[A-Z][a-z'’.-]+(?:[ -][A-Z][a-z'’.-]+){{0,2}}),\s*(?P<date>{MONTHS}\s+\d{{1,2}}(?:,\s*\d{{4}})?)"
    rf"(?:\s*\((?P<agency>[A-Za-z ]{{2,20}})\))?\s*[-–—:]\s+(?=\S)")
_DATELINE_AFTER_LINES = 2  # a dateline may follow a standfirst of this many lines
_PARAGRAPH_WORDS = 8  # words after a header that make a paragraph rather than navigation
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


class _Reading:
    """What the line rules share while one page is read, line after line."""

    def __init__(self, text: str, fmt: str, headings: list[tuple[int, int]] | None, title: str | None):
        self.text, self.fmt, self.title = text, fmt, title
        self.layout = Layout(title=title)
        self.lines = filled_lines(text, LINE_BLANK)
        self.html_headings = set(headings or [])
        self.body: list[tuple[int, int]] = []
        self.expect_url = False  # the line after "Original url:" holds the address
        self.dateline_seen = False

    @property
    def seen_body(self) -> bool:
        return bool(self.body)

    def mark(self, kind: str, start: int, end: int) -> None:
        self.layout.regions.append(Region(start, end, kind))

    def add_url(self, url: str, start: int) -> None:
        self.layout.url = self.layout.url or url
        self.layout.hints.extend(_url_hints(url, start))


@dataclass(slots=True)
class _Line:
    start: int
    end: int
    text: str
    next_text: str | None
    after_url_label: bool


# A line rule reads one line: None when it does not apply, else where the line's rest begins (its end when the rule
# took the whole line; earlier when the rest is read again by every rule, as a header sharing its line).
LineRule = Callable[[_Reading, _Line], "int | None"]


def _expected_url(page: _Reading, line: _Line) -> int | None:
    if line.after_url_label and (m := BARE_URL.match(line.text)):
        page.add_url(m.group(1), line.start)
        page.mark("url", line.start, line.end)
        return line.end
    return None


def _header_date(page: _Reading, line: _Line) -> int | None:
    """" date 2025-05-26 Left Menu": the header takes its own tokens; a paragraph after them on the line is body."""
    if not (m := HEADER_DATE.match(line.text)):
        return None
    page.layout.hints.append(DateHint("header", m.group(1), line.start + m.start(1)))
    rest = line.text[m.end():]
    stripped = rest.strip(LINE_BLANK)
    if _word_count(stripped) >= _PARAGRAPH_WORDS or (stripped and _ends_sentence(stripped)):
        rest_start = line.start + m.end() + rest.index(stripped[0])
        page.mark("header", line.start, line.start + m.end())
        return rest_start
    page.mark("header", line.start, line.end)  # navigation words ("Left Menu") stay in the header
    return line.end


def _url_label(page: _Reading, line: _Line) -> int | None:
    if not (m := URL_LABEL.match(line.text)):
        return None
    if m.group(1):
        page.add_url(m.group(1), line.start)
    else:
        page.expect_url = True
    page.mark("url", line.start, line.end)
    return line.end


def _bare_url(page: _Reading, line: _Line) -> int | None:
    if not (m := BARE_URL.match(line.text)):
        return None
    page.add_url(m.group(1), line.start)
    page.mark("url", line.start, line.end)
    return line.end


def _standalone_date(page: _Reading, line: _Line) -> int | None:
    if not (m := STANDALONE_DATE.match(line.text)):
        return None
    label = (m.group("label") or "").lower()
    origin = "updated" if "updated" in label or "modified" in label else ("stamp" if label else "dateline")
    page.layout.hints.append(DateHint(origin, m.group("date"), line.start + m.start("date")))
    page.mark("dateline" if origin == "dateline" else "updated", line.start, line.end)
    return line.end


def _stamp(page: _Reading, line: _Line) -> int | None:
    if not (_has_stamp(line.text) and _word_count(line.text) <= 25):
        return None
    for m in STAMP.finditer(line.text):
        label = m.group("label").lower()
        origin = "updated" if "updated" in label or "modified" in label else "stamp"
        page.layout.hints.append(DateHint(origin, m.group("date"), line.start + m.start("date")))
    source = re.split(r"\s*\|\s*", line.text)[0].strip()
    if source and not STAMP.match(source) and _word_count(source) <= 6 and not page.layout.source:
        page.layout.source = source
    page.mark("updated", line.start, line.end)
    return line.end


def _byline(page: _Reading, line: _Line) -> int | None:
    m = BYLINE.match(line.text)
    if not m or _word_count(line.text) > 10 or _ends_sentence(line.text.rstrip(".")):
        return None
    page.layout.source = page.layout.source or m.group("who").strip()
    page.mark("byline", line.start, line.end)
    return line.end


def _caption(page: _Reading, line: _Line) -> int | None:
    if not (CAPTION.match(line.text) or _has_credit(line.text)):
        return None
    page.mark("caption", line.start, line.end)
    return line.end


def _boilerplate(page: _Reading, line: _Line) -> int | None:
    if not BOILERPLATE.match(line.text):
        return None
    page.mark("boilerplate", line.start, line.end)
    return line.end


def _markdown_heading(page: _Reading, line: _Line) -> int | None:
    if page.fmt != "md" or not (m := MD_HEADING.match(line.text)):
        return None
    kind = "title" if not page.seen_body and page.layout.title is None else "heading"
    if kind == "title":
        page.layout.title = m.group(2)
    page.mark(kind, line.start + m.start(2), line.start + m.end(2))
    return line.end


def _html_heading(page: _Reading, line: _Line) -> int | None:
    title = page.title
    if not ((line.start, line.end) in page.html_headings or page.fmt == "html" and title and line.text == title):
        return None
    page.mark("title" if title and line.text == title and not page.seen_body else "heading", line.start, line.end)
    return line.end


def _continues(line: _Line) -> bool:
    return line.next_text is not None and line.next_text[:1].islower()


def _plain_title(page: _Reading, line: _Line) -> int | None:
    if page.seen_body or page.layout.title is not None or page.fmt not in ("txt", "md"):
        return None
    if not _heading_like(line.text, 25) or _continues(line):
        return None
    page.layout.title = line.text
    page.mark("title", line.start, line.end)
    return line.end


def _given_title(page: _Reading, line: _Line) -> int | None:
    if page.seen_body or not page.title or line.text != page.title:
        return None
    page.mark("title", line.start, line.end)
    return line.end


def _body_heading(page: _Reading, line: _Line) -> int | None:
    if line.next_text is None or _continues(line) or not page.seen_body:
        return None
    if not _heading_like(line.text) or _word_count(line.text) > 12:
        return None
    body = page.body
    if body and body[-1][1] == line.start - 1 and not _ends_sentence(page.text[body[-1][0]:body[-1][1]]):
        return None  # a hard-wrapped line of the paragraph above
    page.mark("heading", line.start, line.end)
    return line.end


def _dateline(page: _Reading, line: _Line) -> int | None:
    """"MOSCOW, May 23 (TASS) —", "May 10 (Reuters) —", "Kyiv, May 10:" before the first words of the story; it
    may follow the title and a standfirst. The rest of the line is the story's first paragraph."""
    if page.dateline_seen or len(page.body) > _DATELINE_AFTER_LINES:
        return None
    m = DATELINE_PREFIX.match(line.text)
    if not (m and _dateline_ok(m)):
        m = AGENCY_DATELINE.match(line.text) or PLACE_DATELINE.match(line.text)
    if not m:
        return None
    page.dateline_seen = True
    page.mark("dateline", line.start, line.start + m.end())
    groups = m.groupdict()
    if groups.get("date"):
        page.layout.hints.append(DateHint("dateline", m.group("date"), line.start + m.start("date")))
    agency = groups.get("agency1") or groups.get("agency2") or groups.get("agency")
    if agency and not page.layout.source:
        page.layout.source = agency
    page.body.append((line.start + m.end(), line.end))
    return line.end


def _body(page: _Reading, line: _Line) -> int | None:
    page.body.append((line.start, line.end))
    return line.end


LINE_RULES: tuple[LineRule, ...] = (
    _expected_url, _header_date, _url_label, _bare_url, _standalone_date, _stamp, _byline, _caption, _boilerplate,
    _markdown_heading, _html_heading, _plain_title, _given_title, _body_heading, _dateline, _body,
)


def analyse(text: str, fmt: str = "txt", *, headings: list[tuple[int, int]] | None = None,
            title: str | None = None) -> Layout:
    """Every line through the table of line rules, the first that applies deciding."""
    page = _Reading(text, fmt, headings, title)
    lines = page.lines
    for index, (start, end) in enumerate(lines):
        next_text = text[lines[index + 1][0]:lines[index + 1][1]] if index + 1 < len(lines) else None
        after_url_label, page.expect_url = page.expect_url, False
        while start < end:
            line = _Line(start, end, text[start:end], next_text, after_url_label)
            for rule in LINE_RULES:
                rest = rule(page, line)
                if rest is not None:
                    break
            start = end if rest is None or rest <= start else rest
    layout = page.layout
    layout.paragraphs = _paragraphs(text, page.body)
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
