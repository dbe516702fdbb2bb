"""The words of speaker phrases: tokens, word classes, and how a phrase is shown.

Tokens keep abbreviations whole ('Sen.', 'U.S.', 'R-Pa.,'); the word classes (determiners, pronouns, titles,
function words) are generic English; :func:`label` shows a speaker in at most eight words, and
:func:`apposition_after` finds the comma-set phrase that says who someone is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tui.core.extract import actor_data as data

WINDOW = 240  # characters looked at on either side of a cue
_TOKEN_RE = re.compile(
    r"(?:[^\W\d_]\.){2,}"  # U.S., D.C.
    r"|[A-Z][a-z]{0,3}\.(?=[ \u00a0]+[A-Z])"  # Sen. Gov. Mr. Dr. before a name
    r"|[A-Z]\.(?=[ \u00a0])"  # an initial
    r"|[^\W_]+(?:['’\-.][^\W_]+)*"  # words: O’Connor, Kelleher-Vergantini, MoveOn.org
    r"(?:\.(?=[ \u00a0]*[,)])|['’](?![^\W_]))?"  # 'R-Pa.,' keeps its period; Sanders' its apostrophe
    r"|[^\w\s]"
)
PRONOUNS = frozenset("he she they it we i you".split())
DETERMINERS = frozenset(
    "the a an this that these those his her its their our my your one two three four five six several some many "
    "both each another every all most few".split()
)
_OBJECT_MARKERS = frozenset(
    "to with from for on in against over at into toward towards about than between among of by upon via "
    "under behind like unlike".split()
)
_SKIPPED = frozenset(
    "also later then now again once still just has have had will would could can may might did does do is was "
    "were are been not never n't already reportedly previously recently earlier quickly repeatedly publicly "
    "privately separately immediately originally initially first last subsequently however, too".split()
)
_TIME_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july august "
    "september october november december morning afternoon evening night week weekend month year day today "
    "tonight yesterday".split()
)
_SETTING_WORDS = frozenset("twitter facebook statement interview speech tweet post email release rally call "
                           "conference briefing".split())  # 'in a statement', 'on Twitter': only after an opener
_TIME_OPENERS = frozenset("on in during at last this earlier late over after before in".split())
_CLAUSE_STOP = frozenset(".;:!?\"“”«»‘’")
_ROLE_OPENERS = frozenset("the a an his her its their who whose former then now our another one".split())
_IDENTITY_VERBS = frozenset("is was heads headed leads led chairs chaired serves served represents represented runs "
                            "ran works worked oversees oversaw directs directed founded owns co-founded teaches "
                            "taught advises advised".split())
_CLAUSE_VERBS = frozenset("is was were are has have had will would could can may might must should do does did be "
                          "been being".split()) | data.REPORTING_VERB_SET
_POSTMODIFIER_PREPOSITIONS = frozenset("of for at to from with in".split())
_FUNCTION_WORDS = DETERMINERS | _OBJECT_MARKERS | PRONOUNS | frozenset(
    "and or but nor that which who whom whose as if when while because so than there here what where how why not "
    "no yes said says".split())
_AGE_RE = re.compile(r"\d{1,3}$")
_ORDINAL_RE = re.compile(r"\d+(?:st|nd|rd|th)")
_PARTY_STATE_RE = re.compile(r"[A-Z]-[A-Z][A-Za-z.]{0,5}")  # 'R-Wis.', 'D-N.Y.': party and state
MAX_WORDS = 8


@dataclass(slots=True)
class Phrase:
    """A speaker phrase: ``start``/``end`` of its head (the name, the nominal or the pronoun), ``kind`` one of
    name, nominal, pronoun; ``title_start`` where titles before a name begin; ``of_part`` an 'of' phrase that
    belongs to the head ('Joel Pollak of Breitbart California'), ``apposition`` a comma-set phrase about it."""

    start: int
    end: int
    kind: str
    title_start: int
    of_part: tuple[int, int] | None = None
    apposition: tuple[int, int] | None = None


def tokens(text: str, start: int, end: int) -> list[re.Match[str]]:
    return list(_TOKEN_RE.finditer(text, start, end))


def _low(token: re.Match[str]) -> str:
    return token.group(0).lower()


def _is_cap(token: re.Match[str]) -> bool:
    word = token.group(0)
    return word[:1].isupper() and word[:1].isalpha()


def _is_word(token: re.Match[str]) -> bool:
    return token.group(0)[:1].isalnum()


def _is_title(word: str) -> bool:
    """A title or a word of a role phrase ('Foreign Minister', 'press secretary'), not a function word."""
    low = word.lower()
    if low in _FUNCTION_WORDS:
        return False
    return low in data.TITLE_WORDS or low.rstrip(".") in data.TITLE_WORDS or low in data.ROLE_FILLERS


def _possessive(word: str) -> bool:
    return word.endswith(("'s", "’s", "s'", "s’"))


def _is_inner_word(token: re.Match[str]) -> bool:
    """A lower-case word inside a title before a name ('Oversight ranking Democrat Elijah Cummings')."""
    word = token.group(0)
    if _ORDINAL_RE.fullmatch(word):
        return True  # 'Air Force 1st Lt. Tyler Livingston'
    return (word.replace("-", "").isalpha() and word.islower() and word not in _FUNCTION_WORDS
            and word not in data.REPORTING_VERB_SET)


def _cap_ahead(toks: list[re.Match[str]], index: int) -> bool:
    """A capitalised word within the next three words ('… party boss Reince Priebus')."""
    for token in toks[index:index + 3]:
        if _is_cap(token):
            return True
        if not _is_inner_word(token):
            return False
    return False


def _is_name_run(toks: list[re.Match[str]], first: int, last: int) -> bool:
    return 0 <= first <= last and last - first < 5 and all(_is_cap(t) and not _is_title(t.group(0))
                                                           for t in toks[first:last + 1])


def party_tag(text: str, end: int) -> tuple[int, int] | None:
    """A short parenthesis right after a name ('Sen. Tom Carper (D-Del.)'): its span, or None."""
    match = _PARENTHESIS_RE.match(text, end, min(len(text), end + 24))
    return (match.start(1), match.end(1)) if match else None


_PARENTHESIS_RE = re.compile(r"[ \u00a0]?(\([^()\n]{1,16}\))")


_CLOSE_APPOSITION = frozenset(".;:!?\"“”«»")


def apposition_after(text: str, end: int) -> tuple[int, int] | None:
    """'Name, the Kremlin spokesman,' / 'Name, who heads the delegation,' / 'Name, 69,': the apposition's span."""
    toks = tokens(text, end, min(len(text), end + WINDOW))
    if len(toks) < 3 or toks[0].group(0) != ",":
        return None
    closing = next((j for j in range(2, min(len(toks), 22)) if toks[j].group(0) in ",.;:!?\"“”«»()"), None)
    if closing is None or closing < 2 or not _role_like(text, toks[1].start(), toks[closing - 1].end()):
        return None
    if toks[closing].group(0) == "," and closing + 1 < len(toks) and _low(toks[closing + 1]) in ("and", "or"):
        return None  # 'Trump, Cruz and Rubio': a list, not an apposition
    return toks[1].start(), toks[closing - 1].end()


def _role_like(text: str, start: int, end: int) -> bool:
    """An apposition that says who someone is: 'the Kremlin spokesman', 'who heads ...', "Clinton's aide", '69'."""
    words = [t.group(0) for t in tokens(text, start, end)]
    if not words:
        return False
    opener = words[0]
    if len(words) <= 2 and _PARTY_STATE_RE.fullmatch(opener.rstrip(".") + "."):
        return True  # 'Sen. Ron Johnson, R-Wis.,'
    if any(w.lower() in _CLAUSE_VERBS for w in words[1:]) and opener.lower() not in ("who", "whose"):
        return False  # 'the groundwork for this draft was laid': a clause, not a phrase about someone
    if opener.lower() in ("who", "whose"):  # 'who heads the delegation' says who someone is; 'who arrived late' not
        return len(words) > 1 and words[1].lower() in _IDENTITY_VERBS
    return (opener.lower() in _ROLE_OPENERS or _possessive(opener) or bool(_AGE_RE.match(opener))
            or any(w.lower() in data.TITLE_WORDS for w in words[:8]))


def label(text: str, phrase: Phrase, name: str | None = None) -> str:
    """The speaker as shown: the name (or the phrase as written), its 'of' phrase or parenthesis, and its apposition,
    in at most eight words. What does not fit gives way in turn: the apposition's articles ('the interim chairwoman
    of the Democratic National Committee' reads 'interim chairwoman of Democratic National Committee'), then a
    parenthesis after a name, then the apposition's last words."""
    head = name or " ".join(text[phrase.start:phrase.end].split())
    of_part = " ".join(text[phrase.of_part[0]:phrase.of_part[1]].split()) if phrase.of_part else ""
    apposition = ""
    if phrase.apposition:
        apposition = " ".join(text[phrase.apposition[0]:phrase.apposition[1]].split()).strip(" ,")
    parenthesis = of_part.startswith("(")
    for keep_part, words in ((True, apposition.split()), (True, _without_articles(apposition)),
                             (not parenthesis, _without_articles(apposition))):
        shown = f"{head} {of_part}" if of_part and keep_part else head
        if words and len(shown.split()) + len(words) <= MAX_WORDS:
            return f"{shown}, {' '.join(words)}"
    shown = f"{head} {of_part}" if of_part and len(head.split()) + len(of_part.split()) <= MAX_WORDS else head
    if not apposition:
        return shown
    room = MAX_WORDS - len(shown.split())
    words = _without_articles(apposition)[:room] if room >= 2 else []
    while words and words[-1].lower().strip(",") in _FUNCTION_WORDS:
        words.pop()  # 'a spokesman for' reads as cut: end on a content word
    return f"{shown}, {' '.join(words).rstrip(',')}" if words else shown


def _without_articles(phrase: str) -> list[str]:
    return [w for w in phrase.split() if w.lower() not in ("a", "an", "the")]
