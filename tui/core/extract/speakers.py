"""Who says it: the speaker of a quotation or of a sentence of reported speech.

A cue verb next to the quote ('"…," Lavrov said', '"…," said Lavrov', '"…," the ministry later told reporters'), a
cue earlier in the sentence ('Peskov said that … "…"', 'X called it "…"'), else the sentence's own subject ('Sanders
thanked its members "for …"'), else, for a quote that opens its sentence, the speaker of the quote or statement just
before it (a paragraph continuing a quote). The speaker phrase comes from :mod:`tui.core.extract.phrases`; a name is
the article's person (its full name, and how the article introduced it: 'Nick Merrill, a Clinton campaign
spokesman'); an organisation, a capital or an unnamed official is the phrase itself, its side the organisation's;
pronouns resolve through :mod:`tui.core.extract.coref`. Every look is bounded, so the work grows with the text.
"""

from __future__ import annotations

import re

from tui.core.extract import actor_data as data
from tui.core.extract import coref
from tui.core.extract.article_context import ArticleContext, Speaker
from tui.core.extract.cues import CUE_RE, clause_end, is_cue
from tui.core.extract.phrases import (
    WINDOW,
    Phrase,
    apposition_after,
    label,
    phrase_after,
    phrase_before,
    tokens,
)
from tui.core.model import Mention

__all__ = ["ArticleContext", "Speaker", "cue_after", "cue_before", "previous_statement", "resolve",
           "sentence_subject", "statement_subject"]

_SPEAKER_KINDS = ("person", "metonym", "org", "country")
_SENTENCE_OPENER_RE = re.compile(
    r"\s*(?:(?:But|And|Yet|So|Still|Now|However|Meanwhile|Instead|Separately|Later|Earlier|Also|Then|Indeed)\b,?\s*)*"
)
_LEADING_CLAUSE_RE = re.compile(r"(?:In|On|At|During|After|Before|Asked|Earlier|Later|As|When|While|[A-Z][a-z]+ing)"
                                r"\b[^,.;:\"“”]{0,80},\s*")
_PARTICIPLE_AFTER_RE = re.compile(r"[,;][\"”’]?\s*(?:(?:also|then|later|recently|again|\w+ly)\s+)?$")
_DATELINE_RE = re.compile(r"[A-Z][A-Z .'’\-]{2,40}(?:,\s*[A-Z][A-Za-z. ]{1,20})?\s*(?:\([^)]{1,20}\)\s*)?[—–-]+\s*")
_IMPERSONAL_RE = re.compile(r"\b(?:[Ii]t|[Tt]here)\s+(?:is|was|has\s+been|had\s+been|will\s+be|would\s+be)\s+$")
_LOWER_LEADING_RE = re.compile(r"(?:after|before|while|when|as|despite|in|on|at|during)\b[^,.;:\"“”]{0,80},\s*")
_SIGNATURE_RE = re.compile(r"[ \u00a0]*[-–—―][ \u00a0]*([A-Z][\w'’.\-]*(?:[ \u00a0][A-Z][\w'’.\-]*){0,3})[ \u00a0.]*$")
_CUE_LOOKBACK = 400  # how far before a quote its sentence's cue may stand
_LOOKBACK_SENTENCES = 6


def is_speaker_mention(mention: Mention) -> bool:
    return mention.kind in _SPEAKER_KINDS


# ------------------------------------------------------------------------------------------ phrase -> speaker


def resolve(ctx: ArticleContext, phrase: Phrase | None) -> Speaker | None:
    """The speaker a phrase names: (label, side), or None when it names nobody."""
    if phrase is None:
        return None
    text = ctx.text
    if phrase.kind == "pronoun":
        return coref.resolve_pronoun(ctx, text[phrase.start:phrase.end].lower(), phrase.start)
    inside = [m for m in ctx.mentions_in(phrase.title_start, phrase.end) if m.end <= phrase.end]
    if any(m.side in data.MEDIA_OUTLETS for m in inside):  # a newspaper reports: it is no side of the story
        inside = [m for m in inside if m.side not in data.MEDIA_OUTLETS]
    side = next((m.side for m in inside if m.side), None)
    extra_side = _side_in(ctx, phrase.apposition) or _side_in(ctx, phrase.of_part)
    # the person the head names: it must end where the head ends ('Fox News said' is not a person 'Fox')
    person = next((m for m in inside if m.kind == "person" and m.start >= phrase.start and m.end == phrase.end), None)
    if phrase.kind == "name":
        if person is None and not any(m.start <= phrase.start and m.end >= phrase.end for m in inside):
            person = ctx.people.known(text[phrase.start:phrase.end])
        if person is not None:
            name = person.name or person.text
            shown = label(text, phrase, name) if phrase.apposition or phrase.of_part else ctx.people.shown(name)
            return shown, person.side or extra_side or side
        whole = next((m for m in inside if m.start <= phrase.start and m.end >= phrase.end), None)
        if whole is not None and whole.kind == "demonym":
            return label(text, phrase), whole.side  # 'Democrats', 'the Saudis'
        found = label(text, phrase), (whole.side if whole else side) or extra_side
        if whole is None:
            ctx.note_named_speaker(phrase.start, found)  # a name the actors did not know: a person for 'he'/'she'
        return found
    owner = next((m for m in inside if m.kind == "person"), None)
    return label(text, phrase), side or (owner.side if owner else None) or extra_side


def _side_in(ctx: ArticleContext, span: tuple[int, int] | None) -> str | None:
    if span is None:
        return None
    return next((m.side for m in ctx.mentions_in(span[0], span[1]) if m.side), None)


# ------------------------------------------------------------------------------------------------ cue finding


def cue_after(ctx: ArticleContext, close_at: int, short: bool) -> tuple[Speaker, str] | None:
    """'," Lavrov said' / '," said Lavrov' / '," the ministry later told reporters' right after a quote; '” — Name'
    signs it."""
    text = ctx.text
    signed = _signature(ctx, close_at)
    if signed is not None:
        return signed, "—"
    if short and not (text[close_at - 1:close_at] in ",!?…" or text[close_at + 1:close_at + 2] == ","):
        return None  # '“memorandum” with … and promises': a scare quote, not an attributed one
    if text[close_at - 1:close_at] == ".":
        return None  # the quote ended its sentence: what follows is the next one
    stop = clause_end(ctx, close_at)
    cue = next((c for c in CUE_RE.finditer(text, close_at + 1, stop) if is_cue(text, c)), None)
    if cue is None or len(text[close_at:cue.start()].split()) > 16:
        return None
    if cue.group(0).lower() == "according to":
        return (resolve(ctx, phrase_after(text, cue.end(), stop)) or (None, None)), "according to"
    phrase = phrase_before(text, close_at + 1, cue.start())
    between = text[close_at + 1:cue.start()].strip(" \u00a0—–-")
    if phrase is None and (not between.strip(",") or between.endswith(",")):
        phrase = phrase_after(text, cue.end(), stop)  # '," said X' / '" if …, said X'
    if phrase is None and between and not between.endswith(","):
        return None
    return (resolve(ctx, phrase) or (None, None)), _clean(cue.group(0))


def _signature(ctx: ArticleContext, close_at: int) -> Speaker | None:
    """'“…” ― Pamela Padilla', or a line '- Clinton.' right after the quote's paragraph: a dash and a name sign it."""
    text = ctx.text
    line_start, line_end = ctx.line_of(close_at)
    match = _SIGNATURE_RE.match(text, close_at + 1, line_end)
    if match is None and not text[close_at + 1:line_end].strip():
        index = ctx.line_index(close_at) + 1
        if index < len(ctx.lines):
            match = _SIGNATURE_RE.match(text, ctx.lines[index][0], ctx.lines[index][1])
    if match is None:
        return None
    return resolve(ctx, phrase_after(text, match.start(1), match.end(1)))


def cue_before(ctx: ArticleContext, open_at: int, sentence_start: int) -> tuple[Speaker, str, bool] | None:
    """'Lavrov said: "…"', 'Peskov said that … "…"', 'X called it "…"', 'according to X, "…"': (speaker, cue,
    whether the cue stands right before the quote)."""
    text = ctx.text
    low = max(sentence_start, open_at - _CUE_LOOKBACK)
    cues = [c for c in CUE_RE.finditer(text, low, open_at) if is_cue(text, c)]
    if not cues:
        return _colon_speaker(ctx, open_at, sentence_start)
    for cue in reversed(cues[-3:]):
        if ctx.in_quote(cue.start()) or _IMPERSONAL_RE.search(text, max(low, cue.start() - 20), cue.start()):
            continue
        if cue.group(0).endswith("ing") and _PARTICIPLE_AFTER_RE.search(text, max(low, cue.start() - 24),
                                                                         cue.start()):
            # '…, saying “…”', '…, calling it “…”': the participle's speaker is the clause's subject
            found = sentence_subject(ctx, sentence_start, cue.start())
            if found:
                return found, _clean(cue.group(0)), not text[cue.end():open_at].strip(" ,:\u00a0")
        if cue.group(0).lower() == "according to":
            found = resolve(ctx, phrase_after(text, cue.end(), open_at))
            if found:
                return found, "according to", True
            continue
        participle = cue.group(0).endswith("ing")
        phrase = phrase_before(text, sentence_start, cue.start(), participle)
        if participle and (phrase is None or phrase.kind == "nominal"):
            # 'Trump issued a statement saying “…”': the statement's issuer, the clause's subject, says it
            found = sentence_subject(ctx, sentence_start, cue.start())
            if found:
                return found, _clean(cue.group(0)), not text[cue.end():open_at].strip(" ,:\u00a0")
        found = resolve(ctx, phrase)
        if found is None:
            between = text[cue.end():open_at]
            if between.strip(" ,:") == "" or between.startswith(" by "):
                found = resolve(ctx, phrase_after(text, cue.end(), open_at))
        if found is None:
            found = sentence_subject(ctx, sentence_start, cue.start())
        if found:
            return found, _clean(cue.group(0)), not text[cue.end():open_at].strip(" ,:\u00a0")
    return None


def _colon_speaker(ctx: ArticleContext, open_at: int, sentence_start: int) -> tuple[Speaker, str, bool] | None:
    """'Jeffrey M. Jones: “…”': a name (or an organisation) and a colon before the quote."""
    text = ctx.text
    colon = text.rfind(":", max(sentence_start, open_at - 3), open_at)
    if colon < 0:
        return None
    phrase = phrase_before(text, sentence_start, colon)
    if phrase is None or phrase.kind == "pronoun" or len(text[sentence_start:colon].split()) > 8:
        return None
    found = resolve(ctx, phrase)
    return (found, ":", True) if found else None


def _clean(cue: str) -> str:
    return " ".join(cue.split())


def _subject_phrase(ctx: ArticleContext, start: int, end: int) -> Phrase | None:
    """The phrase opening a sentence (after connectors and a leading 'In his remarks,' clause)."""
    text = ctx.text
    position = _SENTENCE_OPENER_RE.match(text, start, end)
    cursor = position.end() if position else start
    dateline = _DATELINE_RE.match(text, cursor, end)
    if dateline:
        cursor = dateline.end()  # 'WASHINGTON (AP) — …'
    for _ in range(2):  # 'On Thursday, after remaining neutral, Warren …'
        leading = _LEADING_CLAUSE_RE.match(text, cursor, end) or _LOWER_LEADING_RE.match(text, cursor, end)
        if leading is None:
            break
        cursor = leading.end()
    if cursor >= end or text[cursor] in "\"“”«»‘’'":
        return None
    toks = tokens(text, cursor, min(end, cursor + WINDOW))
    if not toks:
        return None
    stop = 0
    while stop < len(toks) and stop < 9:
        word = toks[stop].group(0)
        low = word.lower()
        if stop > 0 and (low in data.REPORTING_VERB_SET or low in _VERBISH or (low.endswith("ed") and len(low) > 4)):
            break
        if word == "," and stop > 0:
            span = apposition_after(text, toks[stop - 1].end())
            after = next((j for j in range(stop + 1, len(toks)) if span and toks[j].start() >= span[1]), None)
            if span is None or after is None or toks[after].group(0) != "," or after + 1 >= len(toks):
                break
            stop = after + 1  # 'Huma Abedin, vice chairwoman for …, emailed'
            continue
        if not word[:1].isalnum() and word not in ("'", "’"):
            break
        stop += 1
        if word[:1].islower() and _is_agent_word(low):
            break  # 'Ukrainian officials met …': the phrase ends at its agent noun
    if stop == 0 or stop == len(toks):
        return phrase_after(text, cursor, end) if toks[0].group(0).lower() in ("he", "she", "they", "it") else None
    return phrase_before(text, cursor, toks[stop].start())


_VERBISH = frozenset("is was were are has have had will would could can may might must should do does did "
                     "wants wanted took made went came got gave sees saw knows knew thinks thought".split())


def sentence_subject(ctx: ArticleContext, start: int, end: int) -> Speaker | None:
    phrase = _subject_phrase(ctx, start, end)
    if phrase is None:
        return None
    found = resolve(ctx, phrase)
    if found and phrase.kind == "nominal" and not found[1] and not _is_agentive(ctx.text, phrase):
        return None  # 'The weather was mild': not a speaker
    return found


def _is_agentive(text: str, phrase: Phrase) -> bool:
    """A nominal that can speak: its head is a title or role word, or a group ('officials', 'the campaign'), or it
    belongs to someone named ("Lazar's public defense counsel")."""
    words = text[phrase.start:phrase.end].split()
    if any(w[:1].isupper() and w.endswith(("'s", "’s")) for w in words[:-1]):
        return True
    return _is_agent_word(words[-1].lower())


def _is_agent_word(word: str) -> bool:
    head = word.rstrip("'’")
    singular = head[:-1] if head.endswith("s") else head
    return (head in data.TITLE_WORDS or singular in data.TITLE_WORDS or head in _AGENT_NOUNS
            or singular in _AGENT_NOUNS or (head.endswith("s") and head in data.NOT_NAME_WORDS))


_AGENT_NOUNS = frozenset(
    "campaign ministry government administration department agency office committee council commission "
    "party group organization organisation company firm union court team delegation embassy military army "
    "police spokesperson official source lawmaker senator governor mayor president statement report "
    "newspaper magazine network channel paper study survey poll counsel staff aide supporter critic voter "
    "resident member spokesperson attorney lawyer ad letter memo editorial website".split()
)


# ------------------------------------------------------------------------------------------- statement speakers


def statement_subject(ctx: ArticleContext, start: int, end: int) -> Speaker:
    """Subject of reported speech in a sentence (its first cues only: the work stays bounded), else an actor opening
    the sentence (remembered: a continued quote asks again for the sentences before it)."""
    key = (start, end)
    if key not in ctx.subjects:
        ctx.subjects[key] = _statement_subject(ctx, start, end)
    return ctx.subjects[key]


def _statement_subject(ctx: ArticleContext, start: int, end: int) -> Speaker:
    text = ctx.text
    for count, cue in enumerate(CUE_RE.finditer(text, start, min(end, start + 2 * _CUE_LOOKBACK))):
        if count >= 3:
            break
        if ctx.in_quote(cue.start()):
            continue
        if cue.group(0).lower() == "according to":
            phrase = phrase_after(text, cue.end(), end)
        else:
            phrase = phrase_before(text, start, cue.start())
        if phrase is not None and phrase.kind == "nominal" and not _is_agentive(text, phrase) \
                and not any(m.side for m in ctx.mentions_in(phrase.title_start, phrase.end)):
            phrase = None  # 'these moves signal …': nothing that speaks
        found = resolve(ctx, phrase) or (None if cue.group(0).lower() == "according to"
                                          else sentence_subject(ctx, start, cue.start()))
        if found and (found[0] or found[1]):
            return found
    opening = re.match(r"\s*(?:(?:The|the|But|And|However,?|Meanwhile,?)\s+)?", text[start:min(end, start + 40)])
    first = start + (opening.end() if opening else 0)
    for mention in ctx.mentions_in(first, min(end, first + 60)):
        if mention.start == first and is_speaker_mention(mention):
            found = resolve(ctx, _subject_phrase(ctx, start, end))
            if found:
                return found
            return (mention.name or mention.text if mention.kind == "person" else None), mention.side
        break
    return None, None


def previous_statement(ctx: ArticleContext, position: int) -> Speaker | None:
    """Speaker of the nearest earlier quote or statement in this paragraph or the previous one."""
    index = ctx.sentence_index(position)
    line_index = ctx.line_index(position)
    earliest = ctx.lines[max(0, line_index - 1)][0] if ctx.lines else 0
    for back in range(index - 1, max(-1, index - 1 - _LOOKBACK_SENTENCES), -1):
        start, end = ctx.sentences[back]
        if end <= earliest:
            break
        if ctx.line_of(start)[0] in ctx.skipped_lines:
            continue
        for quote in reversed(ctx.quotes_in(start, end + 1)):
            if quote.speaker or quote.side:
                return quote.speaker, quote.side
        speaker, side = statement_subject(ctx, start, end)
        if speaker or side:
            return speaker, side
    return None
