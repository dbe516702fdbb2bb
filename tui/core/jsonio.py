"""JSON in and out of newsdesk's files, safe for any input: one parser and one encoder used everywhere.

:func:`parse_json` is ``json.loads`` that never lets a ``RecursionError`` out: a document nested deeper than the
interpreter can follow (``[[[[...`` 100,000 times) is refused as a :class:`json.JSONDecodeError` at the place
where the nesting gets too deep, so every caller's existing "not valid JSON (... line L column C)" message covers
it.  :func:`json_safe` escapes what may sit raw inside JSON strings but cannot be written (lone surrogates, which
UTF-8 cannot encode) or splits a JSON Lines record for some readers (U+0085, U+2028, U+2029).
:func:`json_bytes` is the compact UTF-8 encoding the store writes, with those escapes when they are needed.

Nothing here imports the domains; every layer may use it.
"""

from __future__ import annotations

import json
import re
from typing import Any

NESTING_SHOWN = 200  # depth named in the message; documents fail deeper, where the interpreter's stack ends
_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')  # a whole string (skipped), or a bracket
_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
# Inside JSON strings: lone surrogates (not encodable as UTF-8) and the line breaks JSON leaves raw but
# str.splitlines() and many JSON Lines readers split on (NEL, LINE and PARAGRAPH SEPARATOR).
_JSON_ESCAPE = re.compile("[\ud800-\udfff\x85\u2028\u2029]")


def parse_json(text: str) -> Any:
    """``json.loads(text)``; nesting too deep to parse raises ``json.JSONDecodeError`` (a ``ValueError``)."""
    try:
        return json.loads(text)
    except RecursionError:
        position, depth = _deep_point(text)
        raise json.JSONDecodeError(f"arrays or objects nested too deeply ({depth} levels and more)", text,
                                   position) from None


def _deep_point(text: str) -> tuple[int, int]:
    """Where the nesting first reaches :data:`NESTING_SHOWN` levels (or its deepest point, if it never does)."""
    depth = deepest = 0
    where = 0
    for match in _TOKENS.finditer(text):
        char = text[match.start()]
        if char in "[{":
            depth += 1
            if depth > deepest:
                deepest, where = depth, match.start()
                if depth >= NESTING_SHOWN:
                    break
        elif char in "]}":
            depth -= 1
    return where, deepest


def json_safe(line: str) -> str:
    """JSON text (one value or many) with lone surrogates and Unicode line breaks escaped as ``\\uXXXX``: it
    encodes as UTF-8, and one record stays on one line for any line splitter."""
    if _JSON_ESCAPE.search(line) is None:
        return line
    return _JSON_ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04x}", line)


def json_bytes(value: Any) -> bytes:
    """Compact JSON of ``value`` as UTF-8, non-ASCII kept as is; any lone surrogate in it is written as its
    ``\\uXXXX`` escape, so the bytes are valid UTF-8 and read back to the same string."""
    text = _COMPACT.encode(value)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:  # rare: pay for the escape pass only when it is needed
        return json_safe(text).encode("utf-8")
