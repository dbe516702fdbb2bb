"""Tense cues: the words that tell whether a clause reports what happened or what is still to come.

One lexicon for the three readers of tense: the TIMEX3 tagger (which way a bare weekday or month points), the
publication-date inference (a weekday said in the past or in the future) and the events (occurred or planned).
The words every reader trusts are written once (``FUTURE_COMMON``, ``PAST_COMMON``); each reader adds the group it
can afford. The date readers weigh the *nearest* cue, so they take the infinitives of arranging ("to meet") as
well; an event's status is decided by *any* cue in its clause, so it takes only offers and modals on top.
"""

from __future__ import annotations

import re

FUTURE_COMMON = ("will", "would", "shall", "'ll", "to be held", "scheduled", "expected", "plans?", "planned",
                 "set to", "next", "upcoming", "intends?", "going to", "is to", "are to")
# For events: an offer still to be carried out, and modal verbs (not so, perhaps never).
FUTURE_OFFERED = ("due to", "ready to", "promis(?:es|ed)? to", "to present", "to hand", "could", "may", "might",
                  "should")
# For the publication date: negated will, plans in progress, promises and aims.
FUTURE_INTENDED = ("won't", "planning", "due", "ready to", "promises?", "promising", "aims? to", "later this")
# For date expressions: being due, and the verbs and infinitives of arranging.
FUTURE_ARRANGED = ("won't", "wo n't", "gonna", "schedules", "expects", "due to", "due", "planning", "slated",
                   "to begin", "begins", "starts", "to start", "to meet", "to visit", "to hold", "to take",
                   "to resume", "to return", "to travel", "to present", "to attend", "to vote", "to sign",
                   "to announce", "to open", "to leave", "to arrive", "to decide", "to release", "ready", "prepared",
                   "to be", "as soon as", "as early as", "as late as", "no later than", "postponed", "deadline",
                   "starting", "tomorrow", "later this", "effective", "beginning", "meet", "meets", "convene",
                   "convenes", "resume", "resumes", "travels", "visits", "arrives", "returns")

PAST_COMMON = ("said", "told", "was", "were", "had", "did", "wrote", "met", "held", "took", "spoke", "made", "came",
               "went", "began", "gave", "left", "sold", "bought", "fell", "rose", "won", "lost", "paid", "sent",
               "saw")
# For date expressions: reporting verbs and words of the past.
PAST_REPORTED = ("added", "announced", "reported", "noted", "claimed", "stated", "confirmed", "denied", "declared",
                 "insisted", "warned", "explained", "got", "arrived", "killed", "died", "ago", "earlier", "last",
                 "became", "found")
# For the publication date: more irregular pasts, and any word in -ed.
PAST_ANY = ("brought", "fought", "struck", "hit", "shot", "led", "ran", "put", "set", "kept", r"\w+ed")


def cue_pattern(*groups: tuple[str, ...], flags: int = re.I) -> re.Pattern[str]:
    """Any word of ``groups`` as a whole word; at one place the first listed alternative wins."""
    return re.compile(r"\b(?:" + "|".join(w for group in groups for w in group) + r")\b", flags)
