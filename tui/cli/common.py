"""Helpers shared by the commands."""

from __future__ import annotations

import sys
from datetime import date

from tui.core.text import CONTROL, plain  # noqa: F401 - re-exported for the commands


def parse_day(value: str) -> date:
    from . import CliError

    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CliError(f"--published: {value!r} is not a date in the form YYYY-MM-DD") from None


def report_skip(item: object) -> None:
    print(plain(item), file=sys.stderr)
