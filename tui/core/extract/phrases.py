"""The noun phrase that names a speaker, read from the words beside a cue verb.

Before the verb ('Sen. Tom Carper, a Delaware Democrat, later said'): adverbs, auxiliaries and a time phrase are
skipped, a comma-enclosed apposition and a parenthesis are set aside, and what remains at the end is a pronoun, a
capitalised name run (titles before it are not part of the name), or a nominal phrase opened by a determiner or a
possessive ('the ministry', 'a senior official', "Trump's campaign", 'the head of the Ukrainian team'). After the
verb ('said Jonathan Barnett, an RNC committeeman from Arkansas'): the same phrases read forwards, with an 'of'
phrase and the apposition up to the clause's end. Every look is bounded (a few hundred characters), so the cost per
cue does not depend on the length of the sentence.
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


def _skip_back(toks: list[re.Match[str]], index: int) -> int:
    """Index of the last token before ``index`` that is not an adverb, auxiliary, time phrase or parenthesis."""
    while index >= 0:
        word = _low(toks[index])
        if word in _SKIPPED or (word.endswith("ly") and len(word) > 4 and toks[index].group(0).islower()):
            index -= 1
            continue
        if word in _TIME_WORDS or word in _SETTING_WORDS or (word.isdigit() and len(word) == 4):
            opener = next((j for j in range(index - 1, max(-1, index - 4), -1) if _low(toks[j]) in _TIME_OPENERS),
                          None)
            if opener is None and word in _SETTING_WORDS:
                return index
            index = (opener if opener is not None else index) - 1
            continue
        if word == ")":
            opening = next((j for j in range(index - 1, max(-1, index - 10), -1) if toks[j].group(0) == "("), None)
            if opening is None:
                return -1
            index = opening - 1
            continue
        return index
    return index


def _apposition_back(toks: list[re.Match[str]], index: int) -> tuple[int, tuple[int, int] | None]:
    """At a comma ending 'NAME, apposition,': (index of the token before the first comma, apposition span)."""
    for j in range(index - 1, max(-1, index - 30), -1):
        word = toks[j].group(0)
        if word in _CLAUSE_STOP or word in "()":
            return -1, None
        if word == ",":
            if j == index - 1:
                return -1, None
            return j - 1, (toks[j + 1].start(), toks[index - 1].end())
    return -1, None


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


def _name_run_back(toks: list[re.Match[str]], index: int) -> tuple[int, int]:
    """(first token of the name, first token of the titles before it) for a name run ending at ``index``."""
    first = index
    while first - 1 >= 0:
        previous = toks[first - 1]
        word = previous.group(0)
        if _is_cap(previous) and not _possessive(word) and word.lower() not in data.NOT_NAME_WORDS:
            first -= 1
        elif word.lower() in ("de", "van", "von", "der", "da", "bin", "al", "la", "le", "du") and first - 2 >= 0 \
                and _is_cap(toks[first - 2]):
            first -= 1
        else:
            break
    name_first = index  # "Party Chairman Reince Priebus", "Texas Senator Ted Cruz": the name follows the last title
    while name_first - 1 >= first and not _is_title(toks[name_first - 1].group(0)):
        name_first -= 1
    title_first = first
    while title_first - 1 >= 0:
        word = toks[title_first - 1].group(0)
        if _is_title(word) or _possessive(word):
            title_first -= 1
        elif word == "of" and title_first >= 2 and _is_cap(toks[title_first - 2]) \
                and _is_title(toks[title_first - 2].group(0)):
            title_first -= 1  # 'Secretary of State John Kerry'
        else:
            break
    return name_first, title_first


def _nominal_back(toks: list[re.Match[str]], index: int) -> int:
    """First token of a nominal phrase whose head ends at ``index`` ('the New York businessman'), or -1."""
    for j in range(index, max(-1, index - 7), -1):
        word = toks[j].group(0)
        low = word.lower()
        if not _is_word(toks[j]) and word not in ("-",):
            return -1
        if low in DETERMINERS and j < index:
            while j - 1 >= 0 and _low(toks[j - 1]) in DETERMINERS:
                j -= 1  # 'The two lawmakers', 'all the candidates'
            return j
        if _possessive(word) and j < index:
            return j
        if low in _OBJECT_MARKERS or low in data.REPORTING_VERB_SET or low in ("and", "or", "but", "that", "who"):
            break
    head = toks[index].group(0)
    if head.endswith("s") and head.islower() and (index == 0 or _low(toks[index - 1]) not in DETERMINERS):
        first = index
        while first - 1 >= 0 and index - first < 3 and _is_cap(toks[first - 1]) \
                and toks[first - 1].group(0).lower() not in _FUNCTION_WORDS | data.NOT_NAME_WORDS:
            first -= 1
        return first  # "officials said", "Ukrainian officials said"
    return -1


def phrase_before(text: str, low: int, position: int, absolute: bool = False) -> Phrase | None:
    """The speaker phrase that ends just before ``position`` (a cue verb) and starts after ``low``; ``absolute``:
    the cue is a participle, so 'with Warsaw describing …' names its speaker after 'with'."""
    toks = tokens(text, max(low, position - WINDOW), position)
    index = _skip_back(toks, len(toks) - 1)
    extra = None
    if index >= 0 and toks[index].group(0) == ",":
        comma = index
        index, extra = _apposition_back(toks, index)
        if index >= 1 and toks[index].group(0).isdigit() and toks[index - 1].group(0) == ",":
            index -= 2  # 'Ramil Carr, 31, a Philadelphia freelance photographer,': the age is set aside too
            extra = (toks[index + 2].start(), extra[1]) if extra else None
        if extra is not None and _is_name_run(toks, index + 2, comma - 1) and index >= 0 \
                and not _is_cap(toks[index]):
            # "Carson’s business manager, Armstrong Williams, stated": the name is the speaker
            first, _ = _name_run_back(toks, comma - 1)
            return Phrase(toks[first].start(), toks[comma - 1].end(), "name", toks[first].start())
        if extra is not None and not _role_like(text, extra[0], extra[1]):
            extra = None  # 'Clinton, also campaigning in Wisconsin, said': set aside, not part of the speaker
        index = _skip_back(toks, index)
    if index < 0:
        return None
    last = toks[index]
    word = last.group(0)
    if word.lower() in PRONOUNS or word.lower() == "who":
        first, kind, title_first = index, "pronoun", index
    elif _is_cap(last) and not _is_title(word) and word.lower() not in _FUNCTION_WORDS \
            and (word.lower() not in data.NOT_NAME_WORDS or (index > 0 and _is_cap(toks[index - 1])
                                                               and _low(toks[index - 1]) not in data.NOT_NAME_WORDS)):
        first, title_first = _name_run_back(toks, index)
        kind = "name"
        if first > 0 and _low(toks[first - 1]) in DETERMINERS:
            title_first = first = first - 1  # "The Washington Post", "the Saudis"
            kind = "nominal"
    elif _is_word(last) and word.lower() not in _FUNCTION_WORDS and not word[:1].isdigit():
        first = _nominal_back(toks, index)
        if first < 0:
            return None
        kind, title_first = "nominal", first
    else:
        return None
    # 'the head of the Ukrainian team', 'Joel Pollak of Breitbart California': the outer phrase
    if title_first >= 2 and _low(toks[title_first - 1]) in _POSTMODIFIER_PREPOSITIONS and kind != "pronoun":
        outer = phrase_before(text, low, toks[title_first - 1].start())
        if outer is not None and outer.kind != "pronoun" and outer.of_part is None and outer.apposition is None:
            outer.of_part = (toks[title_first - 1].start(), last.end())
            outer.apposition = extra
            return outer
    if title_first > 0 and _low(toks[title_first - 1]) in _OBJECT_MARKERS \
            and not (absolute and _low(toks[title_first - 1]) == "with"):
        return None  # the object of a preposition, not a subject
    return Phrase(toks[first].start(), last.end(), kind, toks[title_first].start(),
                  party_tag(text, last.end()) if kind == "name" else None, extra)


def party_tag(text: str, end: int) -> tuple[int, int] | None:
    """A short parenthesis right after a name ('Sen. Tom Carper (D-Del.)'): its span, or None."""
    match = _PARENTHESIS_RE.match(text, end, min(len(text), end + 24))
    return (match.start(1), match.end(1)) if match else None


_PARENTHESIS_RE = re.compile(r"[ \u00a0]?(\([^()\n]{1,16}\))")


def phrase_after(text: str, position: int, high: int) -> Phrase | None:
    """The speaker phrase that starts just after ``position`` (an inverted cue: 'said Sen. Tom Carper')."""
    toks = tokens(text, position, min(high, position + WINDOW))
    if not toks:
        return None
    word = toks[0].group(0)
    if word.lower() in PRONOUNS:
        return Phrase(toks[0].start(), toks[0].end(), "pronoun", toks[0].start())
    index = 0
    kind = "name"
    lead = 0
    while lead < 4 and lead < len(toks) and not _is_cap(toks[lead]) and (_is_title(toks[lead].group(0))
                                                                          or _is_inner_word(toks[lead])):
        lead += 1
    if 0 < lead < len(toks) and _is_cap(toks[lead]):
        index = lead  # 'said former Obama adviser David Axelrod', 'said election lawyer Joe Birkenstock'
        word = toks[lead].group(0)
    if word.lower() in DETERMINERS:
        kind = "nominal"
        index = 1
        while index < len(toks) and index < 8 and _is_word(toks[index]) \
                and _low(toks[index]) not in _OBJECT_MARKERS | {"who", "which", "that", "and"}:
            index += 1
        if index == 1:
            return None
        last = index - 1
    elif _is_cap(toks[index]):
        while index < len(toks) and (_is_cap(toks[index]) or _low(toks[index]) in ("de", "van", "von", "al")
                                     or (_is_inner_word(toks[index]) and _cap_ahead(toks, index + 1))):
            index += 1
        last = index - 1
        while last > 0 and not _is_cap(toks[last]):
            last -= 1
    else:
        return None
    head_first = lead if kind == "name" else 0
    if kind == "name":  # the name is the last run of capitalised words that are not titles
        head_first = last
        while head_first - 1 >= lead and _is_cap(toks[head_first - 1]) and not _is_title(toks[head_first - 1].group(0)):
            head_first -= 1
    phrase = Phrase(toks[head_first].start(), toks[last].end(), kind, toks[0].start())
    after = last + 1
    if kind == "name" and after < len(toks) and toks[after].group(0) == "(":
        closing = next((j for j in range(after + 1, min(len(toks), after + 8)) if toks[j].group(0) == ")"), None)
        if closing is not None and closing - after <= 6:
            phrase.of_part = (toks[after].start(), toks[closing].end())  # 'Sen. Tom Carper (D-Del.)'
            after = closing + 1
    if kind == "nominal" and after + 1 < len(toks) and _low(toks[after]) in _POSTMODIFIER_PREPOSITIONS:
        end = after + 1
        while end + 1 < len(toks) and end - after < 5 and _is_word(toks[end + 1]) \
                and _low(toks[end + 1]) not in _FUNCTION_WORDS - DETERMINERS:
            end += 1
        phrase.of_part = (toks[after].start(), toks[end].end())  # 'a longtime adviser to Bill Clinton'
        after = end + 1
    if after + 1 < len(toks) and _low(toks[after]) in ("of", "from") and _is_cap(toks[after + 1]):
        end = after + 1
        while end + 1 < len(toks) and _is_cap(toks[end + 1]):
            end += 1
        phrase.of_part = (toks[after].start(), toks[end].end())
        after = end + 1
    if after < len(toks) and toks[after].group(0) in ",(":
        closing = next((j for j in range(after + 1, min(len(toks), after + 24))
                        if toks[j].group(0) in _CLOSE_APPOSITION or toks[j].group(0) == ","), None)
        stop = closing if closing is not None else min(len(toks), after + 24)
        if stop == after + 2 and _AGE_RE.match(toks[after + 1].group(0)) and stop < len(toks) \
                and toks[stop].group(0) == ",":
            # 'Gloria Garcia, 34, a nurse from Brownsville': the age and what follows it
            further = next((j for j in range(stop + 1, min(len(toks), stop + 24))
                            if toks[j].group(0) in _CLOSE_APPOSITION or toks[j].group(0) == ","), None)
            if further is not None and further > stop + 1 \
                    and _role_like(text, toks[stop + 1].start(), toks[further - 1].end()):
                stop = further
        if stop > after + 1 and (closing is not None or stop == len(toks)) \
                and _role_like(text, toks[after + 1].start(), toks[stop - 1].end()):
            phrase.apposition = (toks[after + 1].start(), toks[stop - 1].end())
    return phrase


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
