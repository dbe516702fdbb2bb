"""Small pieces shared by the extraction's scanners (layout, sentences, quotes, events)."""

from __future__ import annotations

import re

# Characters on which re.I and str.lower() disagree, or for which lower() changes the length: İ, dotless ı, long ſ,
# the Kelvin sign. Text holding one must be searched with the re.I patterns, not lowered.
CASE_TRAPS = re.compile("[\u0130\u0131\u017f\u212a]")


def line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line of ``text`` without its newline, blank lines included (one for an empty text)."""
    spans, cursor = [], 0
    for match in re.finditer("\n", text):
        spans.append((cursor, match.start()))
        cursor = match.end()
    spans.append((cursor, len(text)))
    return spans


def filled_lines(text: str, blank: str | None = None) -> list[tuple[int, int]]:
    """The lines holding something besides ``blank`` characters (default: white space), trimmed of them when
    ``blank`` is given, as they stand otherwise."""
    if blank is None:
        return [(s, e) for s, e in line_spans(text) if text[s:e].strip()]
    spans = []
    for start, end in line_spans(text):
        line = text[start:end]
        stripped = line.strip(blank)
        if stripped:
            lead = start + line.index(stripped[0])
            spans.append((lead, lead + len(stripped)))
    return spans
