"""Text helpers: for terminals (escape and control sequences removed, so what a file holds can never drive the
terminal), for one-line messages, and for text that must encode (lone surrogates replaced)."""

from __future__ import annotations

import re
from pathlib import Path

CONTROL = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def plain(value: object) -> str:
    """Text for a terminal table: escape and control sequences removed (markup is never interpreted anyway)."""
    return CONTROL.sub("", "" if value is None else str(value))


_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def one_line(value: object) -> str:
    """A message or a name (a file path) on one line: control characters, line breaks included, shown escaped
    (``\\n``), so a file name can neither break a one-line message nor drive the terminal."""
    return _UNPRINTABLE.sub(lambda m: repr(m.group())[1:-1], "" if value is None else str(value))


# The screen's sanitiser: every string the app draws goes through ``visible``. Control characters become Unicode
# control pictures (ESC shows as ␛) and bidirectional controls (which reorder what follows them, and can make a
# name read as another) a visible mark, one code point for one, so the offsets of highlights stay right.
BIDI_MARK = 0x21C4  # ⇄
SCREEN_PICTURES = {code: 0x2400 + code for code in range(32) if code not in (9, 10)}
SCREEN_PICTURES.update({0x7F: 0x2421, 9: 0x20})
SCREEN_PICTURES.update({code: 0xFFFD for code in range(0x80, 0xA0)})
SCREEN_PICTURES.update({code: BIDI_MARK for code in (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F),
                                                       *range(0x2066, 0x206A))})


def visible(value: object) -> str:
    """Text for the screen: nothing in it can drive the terminal or reorder the line (see SCREEN_PICTURES)."""
    return ("" if value is None else str(value)).translate(SCREEN_PICTURES)


LONE_SURROGATE = re.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def without_lone_surrogates(text: str) -> tuple[str, int]:
    """``text`` with every lone surrogate (a JSON ``\\ud800`` escape can make one; UTF-8 cannot encode it)
    replaced by U+FFFD, one code point for one so offsets stay put; and how many were replaced."""
    if LONE_SURROGATE.search(text) is None:
        return text, 0
    return LONE_SURROGATE.subn(REPLACEMENT, text)


def shown_path(path: str) -> str:
    """The path relative to the current folder when it lies inside it (shorter in a narrow table)."""
    try:
        return plain(Path(path).relative_to(Path.cwd()) if Path(path).is_absolute() else path)
    except ValueError:
        return plain(path)
