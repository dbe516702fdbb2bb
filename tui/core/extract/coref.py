"""Pronouns as speakers: 'he'/'she' to the last fitting person, 'it'/'they' to the last organisation or group.

'he'/'she' take the first person of the right gender met when reading back: the current sentence's people before
the pronoun, left to right, then each earlier sentence's, left to right (its subject first), over at most a few
sentences and paragraphs, skipping headings and names inside quotations. A person's gender is what the article says
of them: a title (Mr, Mrs, Ms), a gendered role word ('spokeswoman', 'congressman'), and the pronouns of sentences
that name that person and no other. 'it'/'they' take the subject of a recent sentence when it is an organisation, a
country or a group, else the latest such mention. 'who' is the phrase before its comma.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from tui.core.extract.actors import name_key
from tui.core.extract.phrases import (
    WINDOW,
    Phrase,
    apposition_after,
    label,
    party_tag,
    phrase_before,
)
from tui.core.model import Mention

if TYPE_CHECKING:
    from tui.core.extract.article_context import ArticleContext, Speaker

_MALE_RE = re.compile(r"\b(?:he|his|him|himself|He|His|Him)\b")
_FEMALE_RE = re.compile(r"\b(?:she|her|hers|herself|She|Her)\b")
_MALE_WORDS = frozenset("mr mr. sir spokesman congressman chairman businessman husband father son brother king "
                        "prince lord actor gentleman uncle nephew grandfather boy man".split())
_FEMALE_WORDS = frozenset("mrs mrs. ms ms. miss madam spokeswoman congresswoman chairwoman businesswoman wife "
                          "mother daughter sister queen princess lady actress aunt niece grandmother girl woman "
                          "first-lady".split())
_BACK_SENTENCES = 8
_BACK_LINES = 3
_OBJECT_BEFORE_RE = re.compile(r"\b(?:to|with|from|for|against|by|of|on|about|at|than|and)\s+(?:the\s+)?$")
_SPEECH_AFTER_RE = re.compile(r"[ \u00a0]*,?[ \u00a0]*(?:said|says|told|added|wrote|asked|explained|noted)\b")
_GROUP_KINDS = ("org", "country", "metonym", "demonym")


class People:
    """The article's people: canonical names, how each is introduced, and gender, computed once on demand."""

    def __init__(self, ctx: ArticleContext) -> None:
        self._ctx = ctx
        self._first: dict[str, Mention] | None = None
        self._by_last: dict[str, Mention] = {}
        self._gender: dict[str, str] = {}
        self._shown: dict[str, str] = {}

    def _build(self) -> dict[str, Mention]:
        if self._first is not None:
            return self._first
        ctx = self._ctx
        first: dict[str, Mention] = {}
        for mention in ctx.mentions:
            if mention.kind == "person":
                name = mention.name or mention.text
                first.setdefault(name, mention)
                key = name_key(name)
                if key:
                    self._by_last.setdefault(key.split()[-1], mention)
        self._first = first
        self._gender = _genders(ctx)
        return first

    def known(self, surface: str) -> Mention | None:
        """The person a bare name run refers to ('Merrill' after 'Nick Merrill'), if the article names them."""
        self._build()
        key = name_key(surface)
        if not key:
            return None
        person = self._by_last.get(key.split()[-1])
        if person is not None and len(key.split()) > 1:
            known = name_key(person.name or person.text).split()
            if len(known) > 1 and known[0] != key.split()[0]:
                return None  # 'Rachel Berg' is not 'Milton Berg'
        return person

    def shown(self, name: str) -> str:
        """The person as a speaker is shown: 'Nick Merrill, a Clinton campaign spokesman' (how the article first
        introduces them, at most eight words), else the name."""
        if name not in self._shown:
            mention = self._build().get(name)
            shown = name
            if mention is not None:
                text = self._ctx.text
                tag = party_tag(text, mention.end)
                span = apposition_after(text, tag[1] if tag else mention.end)
                if span is not None or tag is not None:
                    shown = label(text, Phrase(mention.start, mention.end, "name", mention.start, tag, span), name)
            self._shown[name] = shown
        return self._shown[name]

    def gender(self, name: str) -> str | None:
        self._build()
        return self._gender.get(name)


def _genders(ctx: ArticleContext) -> dict[str, str]:
    """'m' or 'f' for the people the article genders: titles, role words, and pronouns near a lone name."""
    votes: dict[str, Counter[str]] = {}
    text = ctx.text
    previous_lone: str | None = None
    for start, end in ctx.sentences:
        names = []
        for mention in ctx.mentions_in(start, end):
            if mention.kind != "person":
                continue
            name = mention.name or mention.text
            names.append(name)
            before = text[max(start, mention.start - 30):mention.start].lower().split()[-2:]
            after = text[mention.end:mention.end + 40]
            words = before + (after.lower().split()[:6] if after.startswith(",") else [])
            tally = votes.setdefault(name, Counter())
            tally["m"] += 3 * sum(w.strip(",.") in _MALE_WORDS for w in words)
            tally["f"] += 3 * sum(w.strip(",.") in _FEMALE_WORDS for w in words)
        distinct = set(names)
        lone = next(iter(distinct)) if len(distinct) == 1 else None
        target = lone or (previous_lone if not distinct else None)
        if target is not None:  # pronouns of the narration only: those inside quotations speak of others
            tally = votes.setdefault(target, Counter())
            limit = min(end, start + 2000)
            tally["m"] += sum(1 for m in _MALE_RE.finditer(text, start, limit) if not ctx.in_quote(m.start()))
            tally["f"] += sum(1 for m in _FEMALE_RE.finditer(text, start, limit) if not ctx.in_quote(m.start()))
        previous_lone = lone
    return {name: ("m" if t["m"] > t["f"] else "f") for name, t in votes.items() if t["m"] != t["f"]}


def resolve_pronoun(ctx: ArticleContext, word: str, position: int) -> Speaker | None:
    if word == "who":
        comma = ctx.text.rfind(",", max(0, position - 3), position)
        if comma < 0:
            return None
        from tui.core.extract.speakers import resolve

        return resolve(ctx, phrase_before(ctx.text, max(0, comma - WINDOW), comma))
    if word in ("he", "she"):
        return _person(ctx, "m" if word == "he" else "f", position)
    if word in ("it", "they"):
        return _group(ctx, position, plural=word == "they")
    return None


def _sentences_back(ctx: ArticleContext, position: int):
    """(start, limit) of the current sentence up to ``position``, then of earlier ones (bounded, headings skipped)."""
    index = ctx.sentence_index(position)
    line = ctx.line_index(position)
    for back in range(index, max(-1, index - _BACK_SENTENCES), -1):
        start, end = ctx.sentences[back]
        if line - ctx.line_index(start) > _BACK_LINES:
            return
        if ctx.line_of(start)[0] in ctx.skipped_lines:
            continue
        yield start, min(end, position)


def _person(ctx: ArticleContext, gender: str, position: int) -> Speaker | None:
    people = ctx.people
    fallback: Speaker | None = None
    unfit: Speaker | None = None  # the first person of the other gender: the article's genders may be wrong
    for start, limit in _sentences_back(ctx, position):
        if limit <= start:
            continue
        low = max(start, limit - 3000)
        candidates: list[tuple[int, Speaker, str | None, bool]] = []
        for mention in ctx.mentions_in(low, limit):
            if mention.kind == "person" and not ctx.in_quote(mention.start):
                name = mention.name or mention.text
                speaks = _SPEECH_AFTER_RE.match(ctx.text, mention.end, min(limit, mention.end + 24)) is not None
                candidates.append((mention.start, (people.shown(name), mention.side), people.gender(name), speaks))
        candidates += [(at, speaker, None, True) for at, speaker in ctx.named_speakers_in(low, limit)]
        # who spoke in the sentence ('Trump, Sexton said, has …') comes before who was spoken of, then left to right
        candidates.sort(key=lambda c: (not c[3], c[0]))
        for at, speaker, known, _ in candidates:
            if known not in (None, gender):
                unfit = unfit or speaker
                continue
            if limit < position and _OBJECT_BEFORE_RE.search(ctx.text, max(start, at - 12), at):
                fallback = fallback or speaker  # an object ('met with X'): taken only if no subject fits
                continue
            return speaker
    return fallback or unfit


def _group(ctx: ArticleContext, position: int, plural: bool) -> Speaker | None:
    from tui.core.extract.speakers import sentence_subject

    for start, limit in _sentences_back(ctx, position):
        if limit <= start:
            continue
        subject = sentence_subject(ctx, start, limit) if limit < position else None
        if subject and subject[1] and not _is_person_label(ctx, subject[0]):
            return subject
        for mention in reversed(ctx.mentions_in(max(start, limit - 3000), limit)):
            if mention.kind in _GROUP_KINDS and mention.side and not ctx.in_quote(mention.start):
                if mention.kind == "demonym" and not plural:
                    continue
                return (mention.text if mention.kind != "demonym" else None), mention.side
    return None


def _is_person_label(ctx: ArticleContext, shown: str | None) -> bool:
    return shown is not None and ctx.people.known(shown.split(",")[0]) is not None
