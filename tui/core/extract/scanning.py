"""Small pieces shared by the extraction's scanners (layout, sentences, quotes, events)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Generic, TypeVar

# Characters on which re.I and str.lower() disagree, or for which lower() changes the length: İ, dotless ı, long ſ,
# the Kelvin sign. Text holding one must be searched with the re.I patterns, not lowered.
CASE_TRAPS = re.compile("[\u0130\u0131\u017f\u212a]")

T = TypeVar("T")


class LastTextMemo(Generic[T]):
    """What ``make(text)`` gives, kept for the last text seen only (several stages ask for the same article).

    The text is recognised by identity: the memo holds it, so no other text can have its address. The
    ``(text, value)`` pair is replaced at once, so that threads extracting different articles never mix them.
    """

    def __init__(self, make: Callable[[str], T]) -> None:
        self._make = make
        self._last: tuple[str | None, T | None] = (None, None)

    def __call__(self, text: str) -> T:
        last_text, value = self._last
        if last_text is not text:
            value = self._make(text)
            self._last = (text, value)
        return value  # type: ignore[return-value]
