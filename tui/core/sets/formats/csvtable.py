"""``csv``: one tag per row, RFC 4180 (CRLF row ends, quoted cells may hold newlines), UTF-8 with a header row.

Columns: the tag fields with the article's title and publication date after ``article_path``.  Empty cells are
``null``; ``suggested`` / ``orphan`` are ``true`` / ``false``.  A file starts with a UTF-8 byte-order mark so
spreadsheet programs read it as UTF-8 (Python: ``encoding="utf-8-sig"``; pandas skips it by itself); standard
output gets no mark.

On standard output (a terminal, often) no cell may drive the terminal: control characters — C0 but tab and
line feed, DEL, C1 (NEL included), LINE and PARAGRAPH SEPARATOR — and the bidirectional embedding, override
and isolate marks are written as ``\\uXXXX``, as the JSON formats write them.  Files keep the exact text.

Formula injection: a cell that begins with ``=``, ``+``, ``-``, ``@``, a tab, a carriage return, or a ``'``
gets one ``'`` put in front, so a spreadsheet shows it as text instead of running it.  To undo it, remove
the first character of every cell that starts with ``'`` (every such cell was prefixed, since a leading ``'``
is itself escaped), e.g. pandas ``df[col] = df[col].str.replace(r"^'", "", regex=True)``.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any, TextIO

from tui.core.sets.formats.base import ExportEntry, WriteContext, text_safe

NAME = "csv"
SUFFIX = ".csv"
FOLDER = False
NEEDS_TEXT = False
BOM_IN_FILES = True
COLUMNS = ("id", "article_id", "article_path", "article_title", "article_published", "start", "end", "quote",
           "prefix", "suffix", "actor", "stance", "note", "annotator", "created", "updated", "suggested", "orphan")
RISKY_FIRST = ("=", "+", "-", "@", "\t", "\r", "'")
_RISKY = frozenset(RISKY_FIRST)
_BEFORE_TITLE = COLUMNS.index("article_title")


def neutralise(value: str) -> str:
    """The cell as a spreadsheet will show it as text (see the module notes for how to undo it)."""
    return "'" + value if value[:1] in _RISKY else value


def restore(value: str) -> str:
    """The inverse of :func:`neutralise`."""
    return value[1:] if value.startswith("'") else value


def _row(values: list) -> list[str]:
    return ["" if v is None else ("true" if v else "false") if v is True or v is False
            else ("'" + v if v[:1] in _RISKY else v) if type(v) is str else str(v) for v in values]


# What never reaches a terminal raw from a cell written to standard output.
_TERMINAL_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def terminal_safe(value: str) -> str:
    """``value`` with every character of :data:`_TERMINAL_UNSAFE` written as a ``\\uXXXX`` escape."""
    if _TERMINAL_UNSAFE.search(value) is None:
        return value
    return _TERMINAL_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", value)


def write(entries: list[ExportEntry], handle: TextIO, ctx: WriteContext) -> None:
    escape = ctx.out is None  # standard output
    tag_columns = [name for name in COLUMNS if name not in ("article_title", "article_published")]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    rows: list[list[str]] = []
    for entry in entries:
        tag = entry.tag
        values = [tag.get(name) for name in tag_columns]
        values[_BEFORE_TITLE:_BEFORE_TITLE] = entry.article.title_and_date()
        row = _row(values)
        rows.append([terminal_safe(cell) for cell in row] if escape else row)
        if len(rows) >= 1000:
            _flush(writer, rows, buffer, handle, ctx)
    _flush(writer, rows, buffer, handle, ctx)


def _flush(writer: Any, rows: list[list[str]], buffer: io.StringIO, handle: TextIO, ctx: WriteContext) -> None:
    writer.writerows(rows)
    handle.write(text_safe(buffer.getvalue()))
    buffer.seek(0)
    buffer.truncate()
    ctx.tick(len(rows))
    rows.clear()
