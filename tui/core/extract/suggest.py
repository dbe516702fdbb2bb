"""Tagging suggestions: the actor from the statement's detected speaker or subject, the stance from cue words.

Stance cues are read toward the peace process (the default codebook's five points). They are deliberately plain
word lists: a suggestion is accepted or overridden by a person with one key, so it must be predictable.
"""

from __future__ import annotations

import re

from tui.core.codebook import Codebook
from tui.core.model import Statement

STANCE_CUES: dict[str, tuple[str, ...]] = {
    "oppose": (r"reject\w*", r"refus\w*", r"not constructive", r"unacceptable", r"condemn\w*", r"accus\w*",
               r"dragg\w* (?:out|its feet|their feet)", r"trap", r"delaying tactic", r"blame\w*", r"threat\w*",
               r"escalat\w*", r"will not", r"won't", r"never", r"walk(?:ed|ing)? away", r"sabotag\w*", r"ultimatum"),
    "sceptical": (r"s[ck]eptic\w*", r"doubt\w*", r"question\w*", r"fragile", r"concern\w*", r"uncertain\w*",
                  r"yet to", r"failed to", r"little interest", r"cautious\w*", r"remains? to be seen", r"warn\w*",
                  r"delay\w*", r"stall\w*", r"tentative"),
    "conditional support": (r"only if", r"if", r"provided (?:that)?", r"on condition", r"as long as",
                            r"prerequisite", r"must first", r"insists? on", r"demand\w*", r"unless", r"conditions?"),
    "support": (r"support\w*", r"welcom\w*", r"committed", r"ready to", r"constructive", r"progress", r"agree\w*",
                r"door is always open", r"peaceful", r"hope\w*", r"confidence-building", r"positive",
                r"productive", r"milestone", r"momentum", r"willing\w*", r"open to"),
}
PATTERNS = {stance: re.compile(r"\b(?:" + "|".join(cues) + r")\b", re.I) for stance, cues in STANCE_CUES.items()}
NEGATED_SUPPORT = re.compile(r"\b(?:not|no|never|little)\s+(?:\w+\s+)?(?:support|welcome|ready|committed|interest)\b",
                             re.I)


def suggest_stance(sentence: str, codebook: Codebook) -> str | None:
    """The stance whose cues the sentence matches most; ties go to the stronger (less supportive) stance."""
    counts = {stance: len(pattern.findall(sentence)) for stance, pattern in PATTERNS.items()}
    if NEGATED_SUPPORT.search(sentence):
        counts["support"] = 0
        counts["sceptical"] += 1
    best = max(counts, key=lambda s: (counts[s], -list(STANCE_CUES).index(s)))
    if counts[best] == 0:
        return "neutral" if codebook.stance("neutral") else None
    return best if codebook.stance(best) else None


def suggest_actor(statement: Statement, codebook: Codebook) -> str | None:
    if not statement.side:
        return None
    if codebook.actor(statement.side):
        return statement.side
    return "Other" if codebook.actor("Other") else None


def suggest(statement: Statement, text: str, codebook: Codebook) -> tuple[str | None, str | None]:
    """(actor, stance) to offer for a statement, either of them None when there is no ground for it."""
    if statement.kind not in ("sentence", "quote", "title", "heading"):
        return None, None
    return suggest_actor(statement, codebook), suggest_stance(text[statement.start:statement.end], codebook)
