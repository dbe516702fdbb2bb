"""Helpers shared by the commands."""

from __future__ import annotations

import re
import sys
from datetime import date

CONTROL = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def plain(value: object) -> str:
    """Text for a terminal table: escape and control sequences removed (markup is never interpreted anyway)."""
    return CONTROL.sub("", "" if value is None else str(value))


def parse_day(value: str) -> date:
    from . import CliError

    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CliError(f"--published: {value!r} is not a date in the form YYYY-MM-DD") from None


def report_skip(item: object) -> None:
    print(plain(item), file=sys.stderr)
