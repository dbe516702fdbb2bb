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

from tui.core.extract import actor_data as data
from tui.core.extract.phrase_words import (  # noqa: F401 - apposition_after, label, party_tag and tokens re-exported
    _AGE_RE,
    _CLAUSE_STOP,
    _CLOSE_APPOSITION,
    _FUNCTION_WORDS,
    _OBJECT_MARKERS,
    _POSTMODIFIER_PREPOSITIONS,
    _SETTING_WORDS,
    _SKIPPED,
    _TIME_OPENERS,
    _TIME_WORDS,
    DETERMINERS,
    PRONOUNS,
    WINDOW,
    Phrase,
    _cap_ahead,
    _is_cap,
    _is_inner_word,
    _is_name_run,
    _is_title,
    _is_word,
    _low,
    _possessive,
    _role_like,
    apposition_after,
    label,
    party_tag,
    tokens,
)

__all__ = ["WINDOW", "Phrase", "apposition_after", "label", "party_tag", "phrase_after", "phrase_before", "tokens"]


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
