"""Selecting part of a statement by keyboard: a span that grows and shrinks by word, clause or the whole statement.

The annotator tags the quote inside a sentence, or one of two claims in it, without a mouse: selection starts on
the statement's first word, and each key moves one edge by one word, or snaps the span out to the clause around
it. A selection never leaves its statement, and its edges always sit on word edges, so the stored offsets are
exactly the words the annotator saw highlighted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

# A word is a run of non-space characters without the punctuation that clings to it ('"Peace,"' is 'Peace').
_TOKEN = re.compile(r"\S+")
_CLINGING = "\"“”‘’'()[]{},;:!?«»…"
# Where a clause ends: punctuation that separates clauses, dashes, and quotation marks (a quote is a clause of its
# own for an annotator, whatever its grammar).
_CLAUSE_BREAK = re.compile(r"[,;:()\"“”«»]|\s[—–-]\s|—")


def words_in(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The words of ``text[start:end]``, each as offsets without the punctuation around it."""
    words = []
    for match in _TOKEN.finditer(text, start, end):
        left, right = match.start(), match.end()
        while left < right and text[left] in _CLINGING:
            left += 1
        while right > left and (text[right - 1] in _CLINGING or text[right - 1] == "." and
                                 "." not in text[left:right - 1]):
            right -= 1
        if left < right:
            words.append((left, right))
    return words


@dataclass(frozen=True, slots=True)
class SpanSelection:
    """A span of whole words inside one statement (``bounds``); every method returns a new selection."""

    text: str
    bounds: tuple[int, int]
    start: int
    end: int

    @classmethod
    def first_word(cls, text: str, start: int, end: int) -> SpanSelection:
        words = words_in(text, start, end)
        first = words[0] if words else (start, end)
        return cls(text, (start, end), first[0], first[1])

    @classmethod
    def covering(cls, text: str, bounds: tuple[int, int], start: int, end: int) -> SpanSelection:
        """The selection of exactly ``start``–``end`` (a quote's span), clipped to the statement."""
        return cls(text, bounds, max(bounds[0], start), min(bounds[1], end))

    @property
    def quote(self) -> str:
        return self.text[self.start:self.end]

    @property
    def is_whole(self) -> bool:
        return (self.start, self.end) == self.bounds

    def _words(self) -> list[tuple[int, int]]:
        return words_in(self.text, *self.bounds)

    def grow(self) -> SpanSelection:
        """Take in the next word on the right."""
        following = [w for w in self._words() if w[0] >= self.end]
        return replace(self, end=following[0][1]) if following else self

    def shrink(self) -> SpanSelection:
        """Give back the last word on the right (one word always stays)."""
        inside = [w for w in self._words() if self.start <= w[0] and w[1] <= self.end]
        return replace(self, end=inside[-2][1]) if len(inside) > 1 else self

    def grow_left(self) -> SpanSelection:
        """Take in the word before the span."""
        before = [w for w in self._words() if w[1] <= self.start]
        return replace(self, start=before[-1][0]) if before else self

    def shrink_left(self) -> SpanSelection:
        """Give back the first word (one word always stays)."""
        inside = [w for w in self._words() if self.start <= w[0] and w[1] <= self.end]
        return replace(self, start=inside[1][0]) if len(inside) > 1 else self

    def clause(self) -> SpanSelection:
        """Snap out to the clause around the span; on a whole clause already, take in the next one too."""
        low, high = self.bounds
        breaks = [(m.start(), m.end()) for m in _CLAUSE_BREAK.finditer(self.text, low, high)]
        left = max((b_end for b_start, b_end in breaks if b_end <= self.start), default=low)
        right = min((b_start for b_start, _ in breaks if b_start >= self.end), default=high)
        snapped = self._trimmed(left, right)
        if (snapped.start, snapped.end) == (self.start, self.end) and self.end < high:
            right = min((b_start for b_start, _ in breaks if b_start > self.end + 1), default=high)
            snapped = self._trimmed(self.start, right)
        return snapped

    def whole(self) -> SpanSelection:
        return replace(self, start=self.bounds[0], end=self.bounds[1])

    def _trimmed(self, left: int, right: int) -> SpanSelection:
        words = words_in(self.text, left, right)
        if not words:
            return self
        return replace(self, start=words[0][0], end=words[-1][1])
