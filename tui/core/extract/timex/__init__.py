"""The rule-based TIMEX3 tagger: :func:`find_timexes` (see :mod:`.tagger`)."""

from tui.core.extract.timex.tagger import find_timexes

__all__ = ["find_timexes"]
