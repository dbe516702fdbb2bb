"""Helpers shared by the commands."""

from __future__ import annotations

import sys
from datetime import date

from tui.core.text import CONTROL, plain  # noqa: F401 - re-exported for the commands

# Exit statuses: 0 done; 1 internal error; 2 bad input or something skipped (one line says what);
# 3 done, but the database could not be compacted on closing (disk full, folder read-only): every change is
# safe in its journal and is read back at the next start.
EXIT_JOURNAL_ONLY = 3


def parse_day(value: str) -> date:
    from . import CliError

    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CliError(f"--published: {value!r} is not a date in the form YYYY-MM-DD") from None


def report_skip(item: object) -> None:
    print(plain(item), file=sys.stderr)


def report_journal_only(exc: Exception) -> int:
    """Say in one line that the snapshot could not be written but nothing is lost; the status to exit with."""
    print(f"newsdesk: {plain(exc)}; it is read back at the next start", file=sys.stderr)
    return EXIT_JOURNAL_ONLY


def warn(message: str | None) -> None:
    if message:
        print(f"newsdesk: warning: {plain(message)}", file=sys.stderr)
