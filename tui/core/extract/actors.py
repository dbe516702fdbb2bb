"""Actor mentions: countries, demonyms, metonyms, organisations (gazetteer) and people (rules).

People are capitalised name runs that the article marks as people: a title or role just before
("Russian Foreign Minister Sergey Lavrov", "Putin's press secretary Dmitrii Peskov"), an apposition
after ("Dmitry Peskov, the Kremlin spokesman,"), or a speech verb after ("Medinsky said").  Once a
person is known, every later or earlier run with the same transliteration key is that person.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from tui.core.extract import actor_data as data
from tui.core.extract.names import name_key, trie_pattern
from tui.core.extract.scanning import line_spans
from tui.core.model import Mention

__all__ = ["find_mentions", "name_key", "trie_pattern"]  # the name helpers live in names.py

_UPPER = "".join(re.escape(c) for c in map(chr, range(0x41, 0x530)) if c.isupper())
_WORD = rf"[{_UPPER}](?:[^\W_]|['’\-](?=[^\W_]))*"
_INITIALS = rf"[{_UPPER}]\.(?:[{_UPPER}]\.)*"
_TOKEN = rf"(?:{_INITIALS}|{_WORD})"
_PARTICLE = r"(?:de|da|di|du|del|della|van|von|der|den|la|le|bin|ibn|al|el|dos|das|ter)"
_NAME_RUN_RE = re.compile(rf"{_TOKEN}(?:(?:[ \u00a0]|[ \u00a0]{_PARTICLE}[ \u00a0]){_TOKEN})*")
_TOKEN_RE = re.compile(_TOKEN)
# Lower-case words not preceded by a letter or apostrophe; the look-behind stands after the first letter so that re
# can skip ahead to the next lower-case letter.
_LOWER_WORD_RE = re.compile(r"[a-z](?<![\w'’][a-z])[a-z\-]+")
# Where sentences start: after a stop and a space, or after a line break, quotation mark, bracket or dash; each
# pattern opens with its own set of characters, which re scans for much faster than for the two joined.
_AFTER_STOP_RE = re.compile(r"[.!?:]\s+(?=\S)")
_AFTER_MARK_RE = re.compile(r"[\n\"“‘«(—–-]\s*(?=\S)")
_WALK_TOKEN_RE = re.compile(r"[\w'’.\-]+|[^\w\s]")
_POSSESSIVE_RE = re.compile(r"['’]s?$")
_SPEECH_AFTER_RE = re.compile(
    r"\s*(?:,\s*)?(?:(?:also|later|then|previously|has|had|have|will|would|recently|earlier|again|reportedly|"
    rf"further|once|had\s+already|[a-z]+ly)\s+){{0,2}}(?:{data.SPEECH_VERBS}|spoke|met|visited|signed|thanked)\b"
)
_BEFORE_NAME_RE = re.compile(r"(?:according\s+to|led\s+by|headed\s+by|chaired\s+by|signed\s+by|quoted|quoting)\s+$")
# '…,” said Stephanie Formas': a name right after a quote's reporting verb is a person (the quote gives no side)
_SAID_BEFORE_NAME_RE = re.compile(r"[,”\"’]\s*(?:said|says|added|asked|wrote|writes|told|tweeted|recalled|explained|"
                                  r"noted)\s+$")
_APPOSITION_RE = re.compile(r"\s*,\s*([^,.;:()\n\"“”]{2,120})")
_STOP_RE = re.compile(r"[.!?][\"”’]?\s+")
_PERSON_FIRST_NAMES_AS_COUNTRY = frozenset({"Chad", "Jordan", "Georgia"})


def _build_gazetteer() -> tuple[dict[str, tuple[str | None, str | None]], re.Pattern[str]]:
    surfaces: dict[str, tuple[str | None, str | None]] = {}
    for side, forms in data.DEMONYMS.items():
        for form in forms.split("|"):
            surfaces[form] = ("demonym", side)
            if not re.search(r"(?:ese|ish|ch|sh|s|x|z|['.])$", form):
                surfaces[form + "s"] = ("demonym", side)
    for surface, side in data.build_country_surfaces().items():
        surfaces[surface] = ("country", side)
    for side, forms in data.METONYMS.items():
        for form in forms.split("|"):
            surfaces[form] = ("metonym", side)
    for side, forms in data.ORGANISATIONS.items():
        for form in forms.split("|"):
            surfaces[form] = ("org", side)
    for blocked in data.BLOCKED:
        surfaces[blocked] = (None, None)
    surfaces = {k: v for k, v in surfaces.items() if not k.startswith("the ")}
    pattern = re.compile(rf"(?<![\w.\-])(?=[A-Z\u00c0-\u00de]|al[- ]Q){trie_pattern(list(surfaces))}(?![\w]|\.\w)")
    return surfaces, pattern


_GAZETTEER, _GAZETTEER_RE = _build_gazetteer()
_DOMESTIC_BODY_RE = re.compile(r"(?:['’]s)?\s+((?:[A-Z][a-z]+\s+){0,1}" + data.DOMESTIC_BODY + r")\b")


@dataclass
class _Person:
    name: str  # canonical (first full form seen)
    key: str
    last_key: str
    side: str | None = None
    owner_key: str | None = None  # "Putin's press secretary": side comes from the owner
    spans: list[tuple[int, int, str]] = field(default_factory=list)


def _is_heading(line: str) -> bool:
    """Title-case lines without final punctuation: names there are only matched, never introduced."""
    stripped = line.strip()
    if not stripped or stripped[-1] in ".!?\"”’»:":
        return False
    words = [w for w in re.findall(r"[^\W\d_][\w'’\-]*", stripped) if len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _gazetteer_mentions(text: str) -> list[Mention]:
    found: list[Mention] = []
    for match in _GAZETTEER_RE.finditer(text):
        surface = match.group(0)
        kind, side = _GAZETTEER[surface]
        if kind is None:
            continue
        after = text[match.end() : match.end() + 40]
        if surface in _PERSON_FIRST_NAMES_AS_COUNTRY:
            following = re.match(r"\s([A-Z][a-z]+)", after)
            if following and following.group(1).lower() not in data.TITLE_WORDS:
                continue  # "Jordan Bardella", "Chad Smith"
        if surface.isupper() and len(surface) <= 4:
            around = text[max(0, match.start() - 12) : match.end() + 12]
            if sum(1 for w in re.findall(r"[A-Za-z]{3,}", around) if w.isupper()) >= 3:
                continue  # ALL-CAPS headline text, not an acronym
        found.append(Mention(match.start(), match.end(), surface, kind, side))
        if kind in ("demonym", "country", "metonym"):
            body = _DOMESTIC_BODY_RE.match(after)
            if body:
                start = match.end() + body.start(1)
                end = match.end() + body.end(1)
                found.append(Mention(start, end, text[start:end], "org", side))
    found.sort(key=lambda m: m.start)
    cleaned: list[Mention] = []
    for mention in found:
        if cleaned and mention.start < cleaned[-1].end:
            continue
        cleaned.append(mention)
    return cleaned


def _covering(mentions: list[Mention], starts: list[int], start: int, end: int) -> Mention | None:
    """The gazetteer mention overlapping [start, end), if any (mentions sorted by start)."""
    index = bisect_right(starts, end - 1) - 1
    if index >= 0 and mentions[index].end > start:
        return mentions[index]
    return None


def _role_before(text: str, run_start: int, line_start: int, gaz: list[Mention], gaz_starts: list[int]):
    """Walk back over a role phrase; return (has_title, side, owner_name, trigger_phrase)."""
    window_start = max(line_start, run_start - 160)
    tokens = list(_WALK_TOKEN_RE.finditer(text, window_start, run_start))
    has_title, side, owner = False, None, None
    index = len(tokens) - 1
    if index >= 1 and tokens[index].group(0) == "," and tokens[index - 1].group(0).lower() in data.TITLE_WORDS:
        index -= 1  # "Kazakhstan's foreign minister, Erlan Idrissov,": the role before the comma is the name's
    steps = 0
    while index >= 0 and steps < 14:
        steps += 1
        token = tokens[index]
        word = token.group(0)
        low = word.lower().rstrip(".") if word not in ("Dr.", "Mr.", "Mrs.", "Ms.") else word.lower()
        mention = _covering(gaz, gaz_starts, token.start(), token.end())
        if mention is not None:
            if side is None:
                side = mention.side
            while index >= 0 and tokens[index].start() >= mention.start:
                index -= 1
            continue
        base = _without_possessive(word)
        if word != base and word[:1].isupper() and base.lower() not in data.TITLE_WORDS:
            owner = base
            break
        if low in data.TITLE_WORDS or word.lower() in data.TITLE_WORDS:
            has_title = True
        elif low not in data.ROLE_FILLERS:
            break
        index -= 1
    prefix = text[window_start:run_start]
    if _SAID_BEFORE_NAME_RE.search(prefix):
        return has_title, side, owner, True
    trigger_match = _BEFORE_NAME_RE.search(prefix)
    if trigger_match and side is None and not has_title:
        # "the Russian delegation, led by X": the side of the group X leads
        trigger_at = window_start + trigger_match.start()
        first = bisect_left(gaz_starts, trigger_at - 45)
        for mention in gaz[first:bisect_left(gaz_starts, trigger_at)]:
            if mention.side:
                side = mention.side
    if has_title and side is None:
        side = _sentence_subject_side(text, run_start, line_start, gaz, gaz_starts)
    return has_title, side, owner, bool(trigger_match)


def _sentence_subject_side(text: str, position: int, line_start: int, gaz: list[Mention], gaz_starts: list[int]):
    """Side of an actor opening the sentence ("Russia has proposed ..., Foreign Minister X said")."""
    sentence_start = window = max(line_start, position - 400)  # bounded: the work per name must not grow with the line
    for match in _STOP_RE.finditer(text, window, position):
        sentence_start = match.end()
    opening = re.match(r"\s*(?:The\s+|the\s+)?", text[sentence_start:position])
    first = sentence_start + (opening.end() if opening else 0)
    mention = _covering(gaz, gaz_starts, first, first + 1)
    return mention.side if mention is not None and mention.start == first else None


def _apposition(text: str, run_end: int, gaz: list[Mention], gaz_starts: list[int]):
    """'Name, the Kremlin spokesman,' / 'Name, who heads the Russian delegation,' -> (is_role, side)."""
    match = _APPOSITION_RE.match(text, run_end)
    if not match:
        return False, None
    phrase = match.group(1)
    words = [w.lower().rstrip(".") for w in re.findall(r"[\w'’.\-]+", phrase)]
    if not words or re.search(rf"\b(?:{data.SPEECH_VERBS})\b", phrase):
        return False, None
    opener = words[0]
    first_is_side = _covering(gaz, gaz_starts, match.start(1), match.start(1) + 1) is not None
    opens_role = opener in ("the", "a", "an", "his", "her", "its", "their", "who", "whose", "then", "now", "also")
    opens_role = opens_role or first_is_side or bool(_POSSESSIVE_RE.search(opener))
    is_role = opens_role and (opener in ("who", "whose") or any(w in data.TITLE_WORDS for w in words[:8]))
    if not is_role:
        return False, None
    for mention in gaz[bisect_left(gaz_starts, match.start(1)):bisect_left(gaz_starts, match.end(1))]:
        if mention.side:
            return True, mention.side
    return True, None


def _name_runs(text: str, start: int, end: int):
    """Yield (start, end, tokens) for each maximal run of name-like tokens inside text[start:end]."""
    for match in _NAME_RUN_RE.finditer(text, start, end):
        yield match.start(), match.end()


def _without_possessive(word: str) -> str:
    """``word`` without a final "'s", "’s", "'" or "’" (what _POSSESSIVE_RE.sub("", word) gives, for one token)."""
    last = word[-1:]
    if last in ("'", "’"):
        return word[:-1]
    if last == "s" and word[-2:-1] in ("'", "’"):
        return word[:-2]
    return word


@functools.lru_cache(maxsize=16384)
def _never_in_name(base: str) -> bool:
    """A title, role word, common word or acronym: it ends a name run wherever it stands."""
    low = base.lower()
    return (
        low in data.NOT_NAME_WORDS
        or low in data.TITLE_WORDS
        or low.rstrip(".") in data.TITLE_WORDS
        or low in data.ROLE_FILLERS
        or (len(base) > 1 and base.isupper() and "." not in base)  # an acronym
    )


def _split_run(text: str, run_start: int, run_end: int, gaz, gaz_starts, sentence_initial: set[int], lower_words):
    """Split a capitalised run into candidate name runs: list of (start, end, possessive)."""
    candidates: list[tuple[int, int, bool]] = []
    first = last = -1  # the name run being built: first token's start, last token's end
    for token in _TOKEN_RE.finditer(text, run_start, run_end):
        word = token.group(0)
        base = _without_possessive(word)
        start = token.start()
        if (
            _never_in_name(base)
            or _covering(gaz, gaz_starts, start, token.end()) is not None
            or start in sentence_initial and base.lower() in lower_words  # a common word opening the sentence
        ):
            if first >= 0:
                candidates.append((first, last, False))
                first = -1
            continue
        if first < 0:
            first = start
        last = start + len(base)
        if base != word:
            candidates.append((first, last, True))
            first = -1
    if first >= 0:
        candidates.append((first, last, False))
    return candidates


def _sentence_starts(text: str) -> set[int]:
    """Offsets where a sentence may start: the text's first non-space character, and after stops and marks."""
    starts = {m.end() for m in _AFTER_STOP_RE.finditer(text)}
    starts.update(m.end() for m in _AFTER_MARK_RE.finditer(text))
    if text and not text[0].isspace():
        starts.add(0)
    return starts


def find_mentions(text: str) -> list[Mention]:
    """All actor mentions in text, sorted by start, non-overlapping."""
    if not isinstance(text, str) or not text:
        return []
    gaz = _gazetteer_mentions(text)
    gaz_starts = [m.start for m in gaz]
    lower_words = set(_LOWER_WORD_RE.findall(text))
    sentence_initial = _sentence_starts(text)
    persons: dict[str, _Person] = {}
    by_last: dict[str, list[_Person]] = {}
    pending: list[tuple[int, int]] = []  # candidate runs without evidence, matched in pass 2
    heading_lines = set()
    for line_start, line_end in line_spans(text):
        heading = _is_heading(text[line_start:line_end])
        if heading:
            heading_lines.add(line_start)
        for run_start, run_end in _name_runs(text, line_start, line_end):
            for start, end, possessive in _split_run(
                text, run_start, run_end, gaz, gaz_starts, sentence_initial, lower_words
            ):
                surface = text[start:end]
                last = surface.split()[-1]
                if last.lower() in data.NON_PERSON_LAST_WORDS or len(surface) < 3:
                    continue
                if heading:
                    pending.append((start, end))
                    continue
                has_title, side, owner, trigger = _role_before(text, start, line_start, gaz, gaz_starts)
                appositive, appositive_side = (False, None) if possessive else _apposition(text, end, gaz, gaz_starts)
                speech = not possessive and bool(_SPEECH_AFTER_RE.match(text, end))
                if not (has_title or appositive or speech or trigger):
                    pending.append((start, end))
                    continue
                if len(surface.split()) == 1 and not has_title and start in sentence_initial:
                    if last.lower() in lower_words:
                        continue
                person = _register(persons, by_last, surface)
                person.spans.append((start, end, surface))
                person.side = person.side or side or appositive_side
                if owner and not person.owner_key:
                    person.owner_key = name_key(owner).split()[-1] if name_key(owner) else None
    for start, end in pending:
        surface = text[start:end]
        key = name_key(surface)
        if key and key.split()[-1] in by_last:
            known = _match_known(by_last, key)
            if known is not None:
                known.spans.append((start, end, surface))
    _resolve_sides(persons, by_last)
    mentions = list(gaz)
    for person in persons.values():
        for start, end, surface in person.spans:
            mentions.append(Mention(start, end, surface, "person", person.side, person.name))
    mentions.sort(key=lambda m: (m.start, -m.end))
    result: list[Mention] = []
    for mention in mentions:
        if result and mention.start < result[-1].end:
            continue
        result.append(mention)
    return result


def _match_known(by_last: dict[str, list[_Person]], key: str) -> _Person | None:
    parts = key.split()
    for person in reversed(by_last.get(parts[-1], [])):
        first_known = person.key.split()[0] if len(person.key.split()) > 1 else None
        if len(parts) == 1 or first_known is None or first_known == parts[0]:
            return person
    return None


def _register(persons: dict[str, _Person], by_last: dict[str, list[_Person]], surface: str) -> _Person:
    """Find or create the actor for a name; a full name upgrades an actor first seen by surname."""
    key = name_key(surface)
    person = _match_known(by_last, key) if key else None
    if person is None:
        name = surface
        person = _Person(name=name, key=name_key(name), last_key=name_key(name).split()[-1] if name_key(name) else "")
        persons[person.key + f"#{len(persons)}"] = person
        by_last.setdefault(person.last_key, []).append(person)
    elif len(key.split()) > len(person.key.split()):
        person.name, person.key = surface, key
    return person


def _resolve_sides(persons: dict[str, _Person], by_last: dict[str, list[_Person]]) -> None:
    for _ in range(3):  # owners may themselves depend on owners
        for person in persons.values():
            if person.side is None and person.owner_key:
                owner = by_last.get(person.owner_key)
                if owner and owner[0].side:
                    person.side = owner[0].side
