"""HTML pages to plain text with the standard library's HTML parser.

Blocks (paragraphs, headings, list items, table rows) become lines separated by blank lines; scripts, styles,
navigation, forms and other page furniture are dropped. Title, canonical URL, site name and publication date are
read from ``<title>``/``<h1>``, ``<link rel=canonical>``/``og:url``, ``og:site_name`` and the usual meta tags.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser

BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "br", "li", "ul", "ol", "tr", "table", "blockquote", "pre",
    "h1", "h2", "h3", "h4", "h5", "h6", "figure", "figcaption", "header", "dd", "dt", "hr", "address",
}
HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
SKIPPED_TAGS = {"script", "style", "noscript", "template", "svg", "nav", "form", "button", "select", "iframe",
                "head", "aside", "footer"}
VOID_TAGS = {"br", "hr", "img", "meta", "link", "input", "source", "wbr", "area", "base", "col", "embed", "track"}
DATE_META = ("article:published_time", "datepublished", "pubdate", "publishdate", "date", "dc.date",
             "dc.date.issued", "og:published_time", "sailthru.date", "parsely-pub-date")
SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")


@dataclass(slots=True)
class HtmlPage:
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    source: str | None = None
    headings: list[tuple[int, int]] = field(default_factory=list)


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, bool]] = []  # (text, is_heading)
        self.current: list[str] = []
        self.skip_depth = 0
        self.heading_depth = 0
        self.in_title = False
        self.head_title: list[str] = []
        self.h1: str | None = None
        self.meta: dict[str, str] = {}
        self.canonical: str | None = None
        self.time_datetime: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (values.get("property") or values.get("name") or values.get("itemprop") or "").lower()
            if key and "content" in values:
                self.meta.setdefault(key, values["content"].strip())
            return
        if tag == "link" and "canonical" in values.get("rel", "").lower():
            self.canonical = self.canonical or values.get("href")
            return
        if tag == "time" and values.get("datetime") and self.time_datetime is None:
            self.time_datetime = values["datetime"]
        if tag == "title":
            self.in_title = True
            return
        if tag in SKIPPED_TAGS:
            if tag not in VOID_TAGS:
                self.skip_depth += 1
            return
        if tag in BLOCK_TAGS:
            self._flush()
        if tag in HEADING_TAGS:
            self.heading_depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
            return
        if tag in SKIPPED_TAGS:
            self.skip_depth = max(0, self.skip_depth - 1)
            return
        if tag in HEADING_TAGS:
            text = self._flush(heading=True)
            if tag == "h1" and self.h1 is None and text:
                self.h1 = text
            self.heading_depth = max(0, self.heading_depth - 1)
        elif tag in BLOCK_TAGS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.head_title.append(data)
        elif not self.skip_depth:
            self.current.append(data)

    def _flush(self, heading: bool = False) -> str:
        text = SPACES.sub(" ", "".join(self.current)).strip()
        self.current = []
        if text:
            for line in (part.strip() for part in text.split("\n")):
                if line:
                    self.blocks.append((line, heading or self.heading_depth > 0))
        return text


def html_to_text(markup: str) -> HtmlPage:
    parser = _TextCollector()
    try:
        parser.feed(markup)
        parser.close()
    except Exception:  # noqa: BLE001 - html.parser is lenient; never let a page crash extraction
        pass
    parser._flush()
    parts: list[str] = []
    headings: list[tuple[int, int]] = []
    offset = 0
    for text, is_heading in parser.blocks:
        if parts:
            parts.append("\n\n")
            offset += 2
        if is_heading:
            headings.append((offset, offset + len(text)))
        parts.append(text)
        offset += len(text)
    meta = parser.meta
    head_title = SPACES.sub(" ", unescape("".join(parser.head_title))).strip() or None
    published = next((meta[k] for k in DATE_META if meta.get(k)), None) or parser.time_datetime
    return HtmlPage(
        text="".join(parts) + ("\n" if parts else ""),
        title=parser.h1 or meta.get("og:title") or head_title,
        url=parser.canonical or meta.get("og:url"),
        published=published,
        source=meta.get("og:site_name"),
        headings=headings,
    )
