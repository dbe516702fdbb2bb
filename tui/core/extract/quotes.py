"""Direct quotations and who says what.

Quotes are paired marks ("...", “...”, «...», ‘...’, '...') inside a paragraph (a line); a paragraph
whose quote is not closed continues into the next paragraph when that one opens with a mark or
closes the quote.  The speaker comes from a cue verb next to the quote ('"...," Lavrov said',
'said Lavrov', 'Lavrov said: "..."'), from a cue earlier in the sentence ('Peskov said that ...
"..."'), or, for a cue-less fragment, from the nearest statement before it in the paragraph or the
previous one.  Pronouns resolve to the last person who was the subject of a statement.
"""

from __future__ import annotations

import bisect
import re

from tui.core.extract.speakers import (
    ArticleContext,
    Speaker,
    cue_after,
    cue_before,
    previous_statement,
    sentence_subject,
    statement_subject,
)
from tui.core.model import Mention, Quote

__all__ = ["ArticleContext", "find_quotes", "statement_speaker"]

_OPEN_TO_CLOSE = {"“": "”", "«": "»", "‘": "’", "„": "“”", '"': '"', "'": "'"}
_QUOTE_CHARS = "\"“”«»‘’„'"
_OPENER_RE = re.compile("[" + re.escape("".join(_OPEN_TO_CLOSE)) + "]")
_CLOSER_RES = {closers: re.compile("[" + re.escape(closers) + "]") for closers in _OPEN_TO_CLOSE.values()}
_WORD_RE = re.compile(r"[^\W_][\w'’\-]*")
_TRANSCRIPT_RE = re.compile(r"((?:[A-Z][A-Z'’.\-]+)(?: [A-Z][A-Z'’.\-]+){0,2}):\s")
# '“1000 for 1000” exchange', '“Fight for $15” movement': a label used as a modifier, followed by its noun
_LABEL_FOLLOWER_RE = re.compile(r"[^\S\n]*([a-z][a-z\-]*)")
_NOT_NOUNS = frozenset(
    "to of for in on at by with from into as and or but nor that which who than if when while because so is was "
    "are were be been has have had will would could can may might must should do does did not its their his her "
    "the a an this these those it they he she we you i about over after before".split()
)


def _is_opening(text: str, index: int, start: int) -> bool:
    before = text[index - 1] if index > start else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-:,;/" or index == start) and not after.isspace()


def _is_closing(text: str, index: int, end: int) -> bool:
    before = text[index - 1] if index > 0 else " "
    after = text[index + 1] if index + 1 < end else " "
    return not before.isspace() and not after.isalnum()


def _marks_in_line(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Paired quotes (open_index, close_index) within a line; an unclosed opening has close -1."""
    pairs: list[tuple[int, int]] = []
    index = start
    while index < end:
        found = _OPENER_RE.search(text, index, end)  # only quotation marks can open a quote: skip to the next one
        if found is None:
            break
        index = found.start()
        char = text[index]
        if _is_opening(text, index, start):
            if char in "'‘" and index > start and text[index - 1].isalnum():
                index += 1
                continue
            closers = _CLOSER_RES[_OPEN_TO_CLOSE[char]]
            close = -1
            probe = index + 1
            while (mark := closers.search(text, probe, end)) is not None:
                if _is_closing(text, mark.start(), end):
                    close = mark.start()
                    break
                probe = mark.start() + 1
            if char in "'" and close < 0:
                index += 1  # a lone straight apostrophe is not a quote
                continue
            pairs.append((index, close))
            if close < 0:
                break
            index = close + 1
            continue
        index += 1
    return pairs


def _raw_quotes(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """(content_start, content_end, line_index_of_start) for each quote, joining multi-paragraph quotes."""
    found: list[tuple[int, int, int]] = []
    line_index = 0
    while line_index < len(lines):
        start, end = lines[line_index]
        for open_at, close_at in _marks_in_line(text, start, end):
            if close_at >= 0:
                found.append((open_at + 1, close_at, line_index))
                continue
            closer = _OPEN_TO_CLOSE[text[open_at]]
            content_end = end
            consumed = line_index
            for next_index in range(line_index + 1, min(len(lines), line_index + 8)):
                next_start, next_end = lines[next_index]
                body = text[next_start:next_end]
                lead = len(body) - len(body.lstrip())
                first_close = next((i for i, c in enumerate(body) if c in closer and i > lead), -1)
                if body.lstrip()[:1] in _QUOTE_CHARS and body.lstrip()[:1] not in "”»’":
                    inner = _marks_in_line(text, next_start + lead, next_end)
                    consumed = next_index
                    if inner and inner[0][0] == next_start + lead and inner[0][1] >= 0:
                        content_end = inner[0][1]
                        break
                    content_end = next_end
                    continue
                if first_close > 0:
                    content_end = next_start + first_close
                    consumed = next_index
                break
            if consumed > line_index or content_end < end:
                found.append((open_at + 1, content_end, line_index))
                line_index = consumed
            else:
                found.append((open_at + 1, end, line_index))
            break
        line_index += 1
    found.sort()
    result: list[tuple[int, int, int]] = []
    for quote in found:
        if result and quote[0] < result[-1][1]:
            continue  # nested quote inside a longer one
        result.append(quote)
    return result


def _is_name(text: str, start: int, end: int) -> bool:
    """A name or a label, not words said: one word, mostly capitalised words, or a number used as a modifier."""
    words = _WORD_RE.findall(text[start:end])
    if len(words) < 2 or sum(w[0].isupper() for w in words) >= 0.6 * len(words):
        return True
    return any(c.isdigit() for c in text[start:end]) and _is_label(text, start, end, True)


def _is_label(text: str, start: int, end: int, short: bool) -> bool:
    """Scare quotes, names and labels: '“roots”', '“1000-for-1000” format', 'No “Real Concessions”'."""
    words = _WORD_RE.findall(text[start:end])
    if not words:
        return True
    if not short and len(words) >= 6:
        return False  # a sentence in title case is still a sentence
    if len(words) == 1 or any(c.isdigit() for c in text[start:end]):
        return True
    if sum(w[0].isupper() for w in words) >= 0.6 * len(words):
        return True
    follower = _LABEL_FOLLOWER_RE.match(text, end + 1, min(len(text), end + 40))
    return follower is not None and follower.group(1) not in _NOT_NOUNS


def find_quotes(text: str, sentences: list[tuple[int, int]], mentions: list[Mention], *,
                context: ArticleContext | None = None) -> list[Quote]:
    """Direct quotations with speaker, side and cue (``context``: the article's, when the caller has built it)."""
    if not isinstance(text, str) or not text:
        return []
    ctx = context or ArticleContext(text, sentences, mentions)
    spans = []
    for content_start, content_end, _ in _raw_quotes(text, ctx.lines):
        start, end = content_start, content_end
        while start < end and text[start].isspace():
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in _QUOTE_CHARS):
            end -= 1
        if end - start >= 2:
            spans.append((content_start, content_end, start, end))
    ctx.quoted = [(open_at, close_at + 1) for open_at, close_at, _, _ in spans]
    ctx.quoted_starts = [s for s, _ in ctx.quoted]
    for content_start, content_end, start, end in spans:
        quote = _attributed(ctx, content_start - 1, content_end, start, end)
        if quote is not None:
            ctx.add_quote(quote)
    _share_sentence_cues(ctx)
    ctx.given_quotes = ctx.quotes
    return ctx.quotes


def _share_sentence_cues(ctx: ArticleContext) -> None:
    """'Guns are “a crisis” and “stunt growth,” Dean said': a quote without a cue takes the speaker of the next quote
    of its sentence that has one."""
    quotes = ctx.quotes
    for index in range(len(quotes) - 2, -1, -1):
        quote, following = quotes[index], quotes[index + 1]
        if quote.cue is None and following.cue is not None and (following.speaker or following.side) \
                and ctx.sentence_index(quote.start) == ctx.sentence_index(following.start):
            quotes[index] = Quote(quote.start, quote.end, quote.text, following.speaker, following.side, None)


def _attributed(ctx: ArticleContext, open_at: int, close_at: int, start: int, end: int) -> Quote | None:
    """The quote text[start:end] (its marks at open_at and close_at) with its speaker, or None for a label."""
    text = ctx.text
    line_start = ctx.line_of(open_at)[0]
    sentence_start = max(ctx.sentences[ctx.sentence_index(open_at)][0], line_start)
    word_count = len(_WORD_RE.findall(text[start:end]))
    short = word_count <= 3
    transcript = _TRANSCRIPT_RE.match(text, start, end)
    if transcript is not None:  # '"PENCE: Well, look, …': a transcript names its speaker
        return Quote(start, end, text[start:end], transcript.group(1), None, ":")
    found: tuple[Speaker, str | None] | None = cue_after(ctx, close_at, short) if close_at < len(text) else None
    if found is None or found[0] == (None, None):
        before = cue_before(ctx, open_at, sentence_start)
        if before is not None:
            if word_count < 6 and not before[2] and _is_name(text, start, end):
                return None  # 'Critics call it the “Peace Through Strength Plan”': a name, not words said
            found = before[0], before[1]
    if found is None:
        if line_start in ctx.skipped_lines or word_count < 2 or _is_label(text, start, end, short):
            return None
        opens_sentence = not text[sentence_start:open_at].strip(" \u00a0—–-:")
        subject = None if opens_sentence else sentence_subject(ctx, sentence_start, open_at)
        found = (subject or previous_statement(ctx, open_at) or (None, None)), None
    elif found[0] == (None, None) and not _is_label(text, start, end, short):
        # a cue whose speaker could not be read ('… “…,” she continued' with nobody before): the sentence's subject,
        # else the statement before it
        found = (sentence_subject(ctx, sentence_start, open_at) or previous_statement(ctx, open_at)
                 or (None, None)), found[1]
    (speaker, side), cue = found
    return Quote(start, end, text[start:end], speaker, side, cue)


def statement_speaker(
    text: str, start: int, end: int, mentions: list[Mention], quotes: list[Quote], *,
    context: ArticleContext | None = None,
) -> tuple[str | None, str | None]:
    """Who says or does the sentence text[start:end]: (speaker or None, side or None).

    ``context`` is the article's (the pipeline builds it once for all statements, after :func:`find_quotes`);
    without one, the text is split into sentences here, which costs a pass over the article per call.
    """
    if not isinstance(text, str) or not text or end <= start:
        return None, None
    if context is None:
        from tui.core.extract.sentences import split_sentences

        context = ArticleContext(text, split_sentences(text), mentions)
    context.use_quotes(quotes)
    index = bisect.bisect_left(context.quote_starts, end) - 1
    for quote in reversed(context.quotes[max(0, index - 3):index + 1]):
        if quote.start < end and quote.end > start and (quote.speaker or quote.side):
            return quote.speaker, quote.side
    return statement_subject(context, start, end)
