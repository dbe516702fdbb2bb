"""A quick preview of an article: its lines as statements, nothing else.

The app shows previews at once (reading and this take microseconds and import nothing heavy) while the full
extraction (layout, sentences, quotes, dates, events) starts in the background and replaces each preview.
Previews are read-only: statements change when the extraction splits sentences.
"""

from __future__ import annotations

from tui.core.extract.reader import RawArticle
from tui.core.model import Article, Statement


def preview_article(raw: RawArticle) -> Article:
    statements = []
    position = 0
    for number, line in enumerate(raw.text.split("\n")):
        stripped = line.strip(" \t\ufeff")
        if stripped:
            start = position + line.index(stripped[0])
            statements.append(Statement(f"preview-{number}", start, start + len(stripped), "sentence"))
        position += len(line) + 1
    return Article(path=raw.path, id=raw.id, text=raw.text, fmt=raw.fmt, title=raw.title, source=raw.source,
                   url=raw.url, statements=statements, complete=False)
