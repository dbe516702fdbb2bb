"""Cue words: where a reporting verb stands as a verb, and where the clause after a quote ends."""

from __future__ import annotations

import re

from tui.core.extract import actor_data as data
from tui.core.extract.article_context import ArticleContext
from tui.core.extract.names import trie_pattern
from tui.core.extract.phrases import WINDOW

CUE_RE = re.compile(
    rf"\b(?<!\bthe )(?<!\bits )(?<!\bhis )(?<!\bher )(?<!\ba )(?<!\btheir )(?<!\bthese )(?<!\bthose )"
    rf"(?:{trie_pattern(data.REPORTING_VERBS)}|[Aa]ccording to)\b"
)

_CLAUSE_STOP_RE = re.compile(r"[.!?;:\"“”«»]")
_ABBREVIATION_BEFORE_RE = re.compile(r"(?:\b[A-Z][a-z]{0,3}|\b[A-Z](?:\.[A-Z])*|\bJr|\bSr)$")


def clause_end(ctx: ArticleContext, start: int) -> int:
    """Where the clause after a quote ends: a stop (not an abbreviation's: 'Sen.', 'U.S.', 'P.'), a quotation mark
    or the line's end (bounded)."""
    text = ctx.text
    limit = min(ctx.line_of(start)[1], start + WINDOW)
    for stop in _CLAUSE_STOP_RE.finditer(text, start + 1, limit):
        at = stop.start()
        if text[at] == "." and text[at + 1:at + 2].isalnum() or text[at + 1:at + 2] == "-":
            continue  # 'D.C.-based', 'MoveOn.org': no sentence ends inside a word
        if text[at] == "." and _ABBREVIATION_BEFORE_RE.search(text, max(0, at - 5), at) \
                and re.match(r"[ \u00a0]*(?:[A-Z(),]|[A-Z]\.)", text[at + 1:at + 4]):
            continue
        return at
    return limit


def is_cue(text: str, cue: re.Match[str]) -> bool:
    """A cue word used as a verb: not a noun after a possessive ("Trump’s remarks"), not a bare base form after a
    noun ('the server email story'), not a participle naming a thing ('a book called “…”')."""
    word = cue.group(0)
    before = text[max(0, cue.start() - 24):cue.start()]
    if before.endswith(("'s ", "’s ", "s' ", "s’ ")):
        return False
    previous = before.split()[-1].lower() if before.split() else ""
    if word.lower() in data.REPORTING_VERB_BASE_FORMS and previous and previous not in _BASE_FORM_SUBJECTS \
            and not previous.endswith(("s", "ly")) and not previous[:1].isupper() and before.split()[-1][:1].islower():
        return False
    if word in data.NAMING_VERBS and word.endswith("ed") and previous and before.split()[-1].islower() \
            and previous not in _BASE_FORM_SUBJECTS and text[cue.end():cue.end() + 2].lstrip()[:1] in "\"“‘'«":
        return False
    return True


_BASE_FORM_SUBJECTS = frozenset("i we you they to will would could can may might must should did do does not "
                                "n't also often still never always people who".split())
