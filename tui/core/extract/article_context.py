"""One article's sentences, mentions, lines and quotes, with bounded lookups: built once by the pipeline and shared
by the quote finder, the speaker rules and statement speakers."""

from __future__ import annotations

import bisect
import re

from tui.core.extract import coref
from tui.core.extract.scanning import filled_lines
from tui.core.model import Mention, Quote

Speaker = tuple[str | None, str | None]  # (speaker as shown, side)
_WORD_RE = re.compile(r"[^\W_][\w'’\-]*")
_HEADING_START_RE = re.compile(r"\s*(?:Related|Read more|Read also|See also|Also read|Watch|Original url|Photo|Image)\b")


class ArticleContext:
    """Sentences, mentions, lines and quotes of one article with bounded lookups: built once by the pipeline and
    passed to :func:`tui.core.extract.quotes.find_quotes` and :func:`statement_speaker`."""

    def __init__(self, text: str, sentences: list[tuple[int, int]], mentions: list[Mention]):
        self.text = text
        self.sentences = sorted(sentences) or [(0, len(text))]
        self.sentence_starts = [s for s, _ in self.sentences]
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.mention_starts = [m.start for m in self.mentions]
        self.lines = filled_lines(text)
        self.line_starts = [s for s, _ in self.lines]
        self.skipped_lines = {s for s, e in self.lines if _is_heading_like(text[s:e])}
        self.quotes: list[Quote] = []  # attributed so far, in text order
        self.given_quotes: list[Quote] | None = None  # the list statement speakers were last given
        self.named_speakers: list[Speaker] = []  # speakers named by a name the actors did not know, by position
        self.named_speaker_starts: list[int] = []
        self.subjects: dict[tuple[int, int], Speaker] = {}  # statement subjects found so far
        self.quote_starts: list[int] = []
        self.quoted: list[tuple[int, int]] = []  # every quote's span, for skipping names inside quotes
        self.quoted_starts: list[int] = []
        self.people = coref.People(self)

    def sentence_index(self, position: int) -> int:
        return max(0, bisect.bisect_right(self.sentence_starts, position) - 1)

    def line_index(self, position: int) -> int:
        return max(0, bisect.bisect_right(self.line_starts, position) - 1)

    def line_of(self, position: int) -> tuple[int, int]:
        return self.lines[self.line_index(position)] if self.lines else (0, len(self.text))

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        left = bisect.bisect_left(self.mention_starts, start)
        right = bisect.bisect_left(self.mention_starts, end)
        return self.mentions[left:right]

    def in_quote(self, position: int) -> bool:
        index = bisect.bisect_right(self.quoted_starts, position) - 1
        return index >= 0 and position < self.quoted[index][1]

    def note_named_speaker(self, position: int, speaker: Speaker) -> None:
        index = bisect.bisect_left(self.named_speaker_starts, position)
        if index < len(self.named_speaker_starts) and self.named_speaker_starts[index] == position:
            return
        self.named_speaker_starts.insert(index, position)
        self.named_speakers.insert(index, speaker)

    def named_speakers_in(self, start: int, end: int) -> list[tuple[int, Speaker]]:
        left = bisect.bisect_left(self.named_speaker_starts, start)
        right = bisect.bisect_left(self.named_speaker_starts, end)
        return list(zip(self.named_speaker_starts[left:right], self.named_speakers[left:right]))

    def use_quotes(self, quotes: list[Quote]) -> None:
        """Statement speakers read these quotes (once per list: the pipeline passes the same list every time)."""
        if quotes is not self.given_quotes:
            self.given_quotes = quotes
            self.quotes = sorted(quotes, key=lambda q: q.start)
            self.quote_starts = [q.start for q in self.quotes]

    def add_quote(self, quote: Quote) -> None:
        self.quotes.append(quote)
        self.quote_starts.append(quote.start)

    def quotes_in(self, start: int, end: int) -> list[Quote]:
        left = bisect.bisect_left(self.quote_starts, start)
        right = bisect.bisect_left(self.quote_starts, end)
        return self.quotes[left:right]


def _is_heading_like(line: str) -> bool:
    stripped = line.strip()
    if _HEADING_START_RE.match(stripped):
        return True
    if stripped[-1:] in ".!?\"”’»:":
        return False
    words = [w for w in _WORD_RE.findall(stripped) if len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.6 * len(words)
