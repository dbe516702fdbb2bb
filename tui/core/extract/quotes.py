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

from tui.core.extract import actor_data as data
from tui.core.extract.actors import trie_pattern
from tui.core.extract.scanning import filled_lines
from tui.core.model import Mention, Quote

_CUE_WORDS = data.SPEECH_VERBS.split("|") + ["according to", "According to", "asserting", "saying", "adding",
                                             "stressing", "insisting", "noting", "warning"]
_CUE_RE = re.compile(rf"\b(?<!\bthe )(?<!\bits )(?<!\bhis )(?<!\bher )(?<!\ba ){trie_pattern(_CUE_WORDS)}\b")
_PRONOUN_RE = re.compile(r"\b(?:he|she|they|He|She|They)\b")
_OPEN_TO_CLOSE = {"“": "”", "«": "»", "‘": "’", "„": "“”", '"': '"', "'": "'"}
_QUOTE_CHARS = "\"“”«»‘’„'"
_OPENER_RE = re.compile("[" + re.escape("".join(_OPEN_TO_CLOSE)) + "]")
_CLOSER_RES = {closers: re.compile("[" + re.escape(closers) + "]") for closers in _OPEN_TO_CLOSE.values()}
_WORD_RE = re.compile(r"[^\W_][\w'’\-]*")
_LABEL_FOLLOWER_RE = re.compile(r"\s*[a-z]")  # '“1000 for 1000” exchange': a label used as a modifier
_HEADING_START_RE = re.compile(r"\s*(?:Related|Read more|Read also|See also|Also read|Watch|Original url|Photo|Image)\b")
_SPEAKER_KINDS = ("person", "metonym", "org", "country")
_OBJECT_BEFORE_RE = re.compile(
    r"\b(?:to|with|from|of|for|on|in|by|against|over|at|into|toward|towards|about|than|between|and)\s+"
    r"(?:the\s+)?$"
)
_APPOSITION_GAP_RE = re.compile(r"(?:['’]s)?\s*,[^,]{3,120},\s*(?:(?:also|later|then|previously|has|had|have|\w+ly)\s+)*")


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


class ArticleContext:
    """Sentences, mentions and lines of one article with fast lookups: built once by the pipeline and passed to
    :func:`find_quotes` and :func:`statement_speaker`, so both see the pipeline's own sentences."""

    def __init__(self, text: str, sentences: list[tuple[int, int]], mentions: list[Mention]):
        self.text = text
        self.sentences = sorted(sentences) or [(0, len(text))]
        self.sentence_starts = [s for s, _ in self.sentences]
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.mention_starts = [m.start for m in self.mentions]
        self.lines, self.line_starts, self.skipped_lines = _compute_line_facts(text)

    def sentence_index(self, position: int) -> int:
        return max(0, bisect.bisect_right(self.sentence_starts, position) - 1)

    def line_of(self, position: int) -> tuple[int, int]:
        index = max(0, bisect.bisect_right(self.line_starts, position) - 1)
        return self.lines[index] if self.lines else (0, len(self.text))

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        left = bisect.bisect_left(self.mention_starts, start)
        right = bisect.bisect_left(self.mention_starts, end)
        return self.mentions[left:right]


def _compute_line_facts(text: str) -> tuple[list[tuple[int, int]], list[int], set[int]]:
    """Non-empty lines, their starts, and the starts of heading-like lines (never mutated by the callers)."""
    lines = filled_lines(text)
    return lines, [s for s, _ in lines], {s for s, e in lines if _is_heading_like(text[s:e])}


def _is_heading_like(line: str) -> bool:
    stripped = line.strip()
    if _HEADING_START_RE.match(stripped):
        return True
    if stripped[-1:] in ".!?\"”’»:":
        return False
    words = [w for w in _WORD_RE.findall(stripped) if len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _actor(mention: Mention) -> tuple[str | None, str | None]:
    if mention.kind == "person":
        return mention.name or mention.text, mention.side
    return None, mention.side


def _is_speaker_mention(mention: Mention) -> bool:
    return mention.kind in _SPEAKER_KINDS and mention.side not in data.MEDIA_OUTLETS


def _subject_before(ctx: ArticleContext, clause_start: int, cue_start: int):
    """Nearest actor or pronoun before a cue verb: ('mention', Mention) | ('pronoun', word) | None.

    Mentions after a preposition ("handed over to Ukraine") are objects, not subjects; a person
    followed by a comma-enclosed apposition ("Medinsky, who heads the Russian delegation, said")
    wins over the actors inside the apposition.
    """
    text = ctx.text
    best = None
    persons = []
    for mention in ctx.mentions_in(clause_start, cue_start):
        if not _is_speaker_mention(mention) or mention.end > cue_start:
            continue
        if mention.kind == "person":
            persons.append(mention)
        if _OBJECT_BEFORE_RE.search(text, max(clause_start, mention.start - 12), mention.start):
            continue
        best = mention
    if best is not None and best.kind != "person":
        for person in persons:
            if person.end <= best.start and _APPOSITION_GAP_RE.fullmatch(text, person.end, cue_start):
                best = person
                break
    pronoun = None
    for match in _PRONOUN_RE.finditer(text, clause_start, cue_start):
        pronoun = match
    gap_limit = 70
    if pronoun and (best is None or pronoun.start() > best.end):
        if cue_start - pronoun.end() <= gap_limit:
            return "pronoun", pronoun.group(0).lower(), pronoun.start()
    if best is not None and cue_start - best.end <= gap_limit + 60:
        return "mention", best, best.start
    return None


def _resolve_pronoun(ctx: ArticleContext, pronoun: str, position: int, depth: int = 0):
    """The last person who was the subject of a statement before position (skipping headings)."""
    index = ctx.sentence_index(position)
    first_line_start = ctx.line_of(position)[0]
    lines_crossed = 0
    for back in range(index, max(-1, index - 8), -1):
        start, end = ctx.sentences[back]
        line_start = ctx.line_of(start)[0]
        if line_start != first_line_start:
            lines_crossed += 1
            first_line_start = line_start
            if lines_crossed > 3:
                break
        if line_start in ctx.skipped_lines:
            continue
        limit = min(end, position)
        if limit <= start:
            continue
        for cue in reversed(list(_CUE_RE.finditer(ctx.text, start, limit))):
            subject = _subject_before(ctx, start, cue.start())
            if subject and subject[0] == "mention" and _fits_pronoun(subject[1], pronoun):
                return _actor(subject[1])
            if subject and subject[0] == "pronoun" and subject[2] < limit and depth < 3 and back < index:
                return _resolve_pronoun(ctx, pronoun, subject[2], depth + 1)
        for mention in ctx.mentions_in(start, limit):
            if _fits_pronoun(mention, pronoun) and _is_speaker_mention(mention) and mention.start - start < 25:
                return _actor(mention)  # sentence subject
    for mention in reversed(ctx.mentions_in(max(0, position - 600), position)):
        if _fits_pronoun(mention, pronoun) and ctx.line_of(mention.start)[0] not in ctx.skipped_lines:
            return _actor(mention)
    return None, None


def _fits_pronoun(mention: Mention, pronoun: str) -> bool:
    if pronoun == "they":
        return mention.kind in ("org", "country", "metonym", "demonym") and mention.side is not None
    return mention.kind == "person"


def _speaker_from_subject(ctx: ArticleContext, subject, position: int):
    if subject is None:
        return None, None
    if subject[0] == "pronoun":
        return _resolve_pronoun(ctx, subject[1], subject[2])
    return _actor(subject[1])


def _cue_after(ctx: ArticleContext, close_at: int, short: bool = False):
    """'," Lavrov said' / '," said Lavrov' / '," he said' right after a quote -> (speaker, side, cue)."""
    text = ctx.text
    if short and not (text[close_at - 1 : close_at] in ",!?…" or text[close_at + 1 : close_at + 2] == ","):
        return None  # '“memorandum” with ... and promises': a scare quote, not an attributed one
    line_end = ctx.line_of(close_at)[1]
    window_end = min(line_end, close_at + 90)
    tail = text[close_at:window_end]
    stop = re.search(r"[.!?;:\"“”«»]", tail[1:])
    clause_end = close_at + 1 + stop.start() if stop else window_end
    cue = _CUE_RE.search(text, close_at, clause_end)
    if not cue or len(text[close_at:cue.start()].split()) > 6:
        return None
    subject = _subject_before(ctx, close_at, cue.start())
    if subject is None:
        for mention in ctx.mentions_in(cue.end(), clause_end):
            if _is_speaker_mention(mention):
                subject = ("mention", mention, mention.start)
                break
    speaker, side = _speaker_from_subject(ctx, subject, close_at)
    return speaker, side, _clean_cue(cue.group(0))


def _cue_before(ctx: ArticleContext, open_at: int, sentence_start: int, adjacent_only: bool):
    """'Lavrov said: "..."' or 'Peskov said that ... "..."' -> (speaker, side, cue)."""
    text = ctx.text
    cues = list(_CUE_RE.finditer(text, sentence_start, open_at))
    if not cues:
        return None
    cue = cues[-1]
    between = text[cue.end() : open_at]
    if adjacent_only:
        plain_say = cue.group(0) in ("said", "says", "say", "replied", "answered", "asked", "added", "wrote")
        if not (re.fullmatch(r"\s*[:,]\s*", between) or (plain_say and re.fullmatch(r"\s*", between))):
            return None
    if cue.group(0).lower().startswith("according"):
        after = ctx.mentions_in(cue.end(), open_at)
        if after and _is_speaker_mention(after[0]):
            speaker, side = _actor(after[0])
            return speaker, side, "according to"
        return None
    subject = _subject_before(ctx, sentence_start, cue.start())
    speaker, side = _speaker_from_subject(ctx, subject, cue.start())
    return speaker, side, _clean_cue(cue.group(0))


def _clean_cue(cue: str) -> str:
    return " ".join(cue.split())


def _is_label(text: str, start: int, end: int) -> bool:
    """Scare quotes, names and labels: '“roots”', '“1000-for-1000” format', 'No “Real Concessions”'."""
    words = _WORD_RE.findall(text[start:end])
    if not words:
        return True
    if len(words) == 1 or any(c.isdigit() for c in text[start:end]):
        return True
    if sum(w[0].isupper() for w in words) >= 0.6 * len(words):
        return True
    after = text[end + 1 : end + 4]
    return bool(_LABEL_FOLLOWER_RE.match(after))


def _previous_statement(ctx: ArticleContext, position: int, quotes: list[Quote]):
    """Speaker of the nearest earlier statement in this paragraph or the previous one."""
    index = ctx.sentence_index(position)
    line = ctx.line_of(position)
    line_index = ctx.lines.index(line) if line in ctx.lines else 0
    earliest = ctx.lines[max(0, line_index - 1)][0]
    for back in range(index - 1, -1, -1):
        start, end = ctx.sentences[back]
        if end <= earliest:
            break
        if ctx.line_of(start)[0] in ctx.skipped_lines:
            continue
        for quote in reversed(quotes):
            if start <= quote.start < end + 1 and (quote.speaker or quote.side):
                return quote.speaker, quote.side
        speaker, side = _statement_subject(ctx, start, end)
        if speaker:
            return speaker, side
    return None


def find_quotes(text: str, sentences: list[tuple[int, int]], mentions: list[Mention], *,
                context: ArticleContext | None = None) -> list[Quote]:
    """Direct quotations with speaker, side and cue (``context``: the article's, when the caller has built it)."""
    if not isinstance(text, str) or not text:
        return []
    ctx = context or ArticleContext(text, sentences, mentions)
    quotes: list[Quote] = []
    for content_start, content_end, _ in _raw_quotes(text, ctx.lines):
        start, end = content_start, content_end
        while start < end and text[start].isspace():
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in _QUOTE_CHARS):
            end -= 1
        if end - start < 2:
            continue
        open_at, close_at = content_start - 1, content_end
        line_start = ctx.line_of(open_at)[0]
        sentence_start = max(ctx.sentences[ctx.sentence_index(open_at)][0], line_start)
        word_count = len(_WORD_RE.findall(text[start:end]))
        short = word_count <= 3
        found = _cue_after(ctx, close_at, short) if close_at < len(text) else None
        if found is None:
            found = _cue_before(ctx, open_at, sentence_start, adjacent_only=short)
        if found is None:
            if line_start in ctx.skipped_lines or (short and _is_label(text, start, end)):
                continue
            if not short and _is_label(text, start, end) and word_count < 6:
                continue
            previous = _previous_statement(ctx, open_at, quotes)
            found = (previous[0], previous[1], None) if previous else (None, None, None)
        speaker, side, cue = found
        quotes.append(Quote(start, end, text[start:end], speaker, side, cue))
    return quotes


def _statement_subject(ctx: ArticleContext, start: int, end: int) -> tuple[str | None, str | None]:
    """Subject of reported speech in a sentence, else an actor opening the sentence."""
    text = ctx.text
    for cue in _CUE_RE.finditer(text, start, end):
        if cue.group(0).lower().startswith("according"):
            after = [m for m in ctx.mentions_in(cue.end(), min(end, cue.end() + 60)) if _is_speaker_mention(m)]
            if after:
                return _actor(after[0])
            continue
        subject = _subject_before(ctx, start, cue.start())
        if subject is not None:
            speaker, side = _speaker_from_subject(ctx, subject, cue.start())
            if speaker or side:
                return speaker, side
    opening = re.match(r"\s*(?:(?:The|the|But|And|However,?|Meanwhile,?)\s+)?", text[start:end])
    first = start + (opening.end() if opening else 0)
    for mention in ctx.mentions_in(first, min(end, first + 60)):
        if mention.start == first and _is_speaker_mention(mention):
            return _actor(mention)
        if mention.start == first and mention.kind == "demonym":
            continue
        break
    return None, None


def statement_speaker(
    text: str, start: int, end: int, mentions: list[Mention], quotes: list[Quote], *,
    context: ArticleContext | None = None,
) -> tuple[str | None, str | None]:
    """Who says or does the sentence text[start:end]: (speaker name or None, side or None).

    ``context`` is the article's (the pipeline builds it once for all statements); without one, the text is split
    into sentences here, which costs a pass over the article per call.
    """
    if not isinstance(text, str) or not text or end <= start:
        return None, None
    for quote in quotes:
        if quote.start < end and quote.end > start and (quote.speaker or quote.side):
            return quote.speaker, quote.side
    if context is None:
        from tui.core.extract.sentences import split_sentences

        context = ArticleContext(text, split_sentences(text), mentions)
    return _statement_subject(context, start, end)
