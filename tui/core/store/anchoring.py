"""Finding a tagged span again after the article text changed, W3C TextQuoteSelector style.

A tag remembers its ``quote`` (the exact tagged text) with up to 32 characters of ``prefix`` before it and
``suffix`` after it.  :func:`locate` looks for it in a new text in three steps, stopping at the first hit:

1. exact: every occurrence of the quote; several are told apart by how much of the prefix and suffix
   surround each one, then by closeness to the old offset;
2. context: the prefix and the suffix still stand with a similar passage between them (the sentence was
   reworded but its neighbours were not);
3. fuzzy: word pairs of the quote that still occur in the text vote for where the passage now starts;
   the best candidates are aligned with ``rapidfuzz`` (an optimal Indel alignment) and the closest one is taken
   if it is similar enough.  rapidfuzz replaced difflib's ``SequenceMatcher`` here: re-anchoring 100,000 tags
   of edited articles takes 1.18 s of CPU instead of 10.1 s, placing the same tags (``bench/anchoring_speed.py``).

``None`` means the passage is gone (for example the sentence was deleted): the tag is kept as an orphan.
:func:`reattach` applies this to stored tags for the store.  Nothing here imports textual or rich.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable

CONTEXT_CHARS = 32
CONTEXT_MIN_SIMILARITY = 0.5  # prefix and suffix both confirm the place, so the inner text may differ more
FUZZY_MIN_SIMILARITY = 0.72  # unrelated English sentences score about 0.35-0.5 (Indel similarity)
MAX_OCCURRENCES_PER_SEED = 25

_WORD = re.compile(r"\w+", re.UNICODE)
_CLOSERS = "\"'\u201d\u2019)\\]"
_BOUNDARY = re.compile(rf"[.!?][{_CLOSERS}]*\s+|\n\s*")  # the end of a sentence and the space after it
_ENDS_SENTENCE = re.compile(rf"[.!?][{_CLOSERS}]*\s*$")
_AFTER_SENTENCE = re.compile(rf"(?:^|[.!?][{_CLOSERS}]*\s+|\n)\s*$")


@dataclass(frozen=True, slots=True)
class Placement:
    start: int
    end: int
    method: str  # "exact" | "context" | "fuzzy"
    similarity: float


def selector(text: str, start: int, end: int, context: int = CONTEXT_CHARS) -> dict[str, str]:
    """The TextQuoteSelector fields of ``text[start:end]``."""
    return {
        "quote": text[start:end],
        "prefix": text[max(0, start - context):start],
        "suffix": text[end:end + context],
    }


def similarity(a: str, b: str) -> float:
    """Normalised Indel similarity of two strings, 0 to 1 (rapidfuzz's ``fuzz.ratio`` / 100)."""
    if not a or not b:
        return 0.0
    from rapidfuzz import fuzz  # fuzzy matching is rare: loaded on first use

    return fuzz.ratio(a, b) / 100.0


def matching_blocks(a: str, b: str) -> list:
    """The matching blocks of an optimal Indel alignment of ``a`` and ``b`` (``a``, ``b``, ``size`` each, as
    difflib's; the last one of size 0)."""
    from rapidfuzz.distance import Indel

    return Indel.opcodes(a, b).as_matching_blocks()


def locate(text: str, quote: str, prefix: str = "", suffix: str = "", hint: int = 0) -> Placement | None:
    """Where ``quote`` (last seen at offset ``hint`` between ``prefix`` and ``suffix``) is in ``text`` now."""
    if not quote:
        return None
    return (_exact(text, quote, prefix, suffix, hint)
            or _between_context(text, quote, prefix, suffix, hint)
            or _fuzzy(text, quote, prefix, hint))


def reattach(tags: Iterable[dict], article_id: str, article_path: str, text: str,
             now: str) -> tuple[list[dict], list[dict]]:
    """New versions of the stored tags (dicts with the selector fields) that are not in place in ``text``.

    Returns ``(placed, orphans)``, each sorted by old/new position.  Placed tags get the new article_id,
    article_path, start, end, quote, prefix, suffix and ``orphan=False``; tags that cannot be found come
    back with ``orphan=True`` (the same dict if they were orphans already).  Tags in place are left out.
    """
    placed: list[dict] = []
    orphans: list[dict] = []
    for tag in tags:
        start, end = tag["start"], tag["end"]
        if tag["article_id"] == article_id and end <= len(text) and text[start:end] == tag.get("quote"):
            if tag.get("orphan"):
                placed.append({**tag, "orphan": False, "updated": now})
            continue
        where = locate(text, tag.get("quote") or "", tag.get("prefix") or "", tag.get("suffix") or "", hint=start)
        if where is None:
            orphans.append(tag if tag.get("orphan") else {**tag, "orphan": True, "updated": now})
        else:
            placed.append({**tag, "article_id": article_id, "article_path": article_path, "start": where.start,
                           "end": where.end, **selector(text, where.start, where.end), "orphan": False,
                           "updated": now})

    def by_place(tag: dict) -> tuple:
        return tag["start"], tag["end"], tag.get("annotator") or ""
    return sorted(placed, key=by_place), sorted(orphans, key=by_place)


def _occurrences(text: str, needle: str, limit: int | None = None) -> list[int]:
    found: list[int] = []
    at = text.find(needle)
    while at >= 0 and (limit is None or len(found) < limit):
        found.append(at)
        at = text.find(needle, at + 1)
    return found


def _context_agreement(text: str, start: int, end: int, prefix: str, suffix: str) -> int:
    """How many characters of prefix (right to left) and suffix (left to right) surround the span."""
    before = text[max(0, start - len(prefix)):start]
    score = 0
    for mine, theirs in zip(reversed(before), reversed(prefix)):
        if mine != theirs:
            break
        score += 1
    for mine, theirs in zip(text[end:end + len(suffix)], suffix):
        if mine != theirs:
            break
        score += 1
    return score


def _exact(text: str, quote: str, prefix: str, suffix: str, hint: int) -> Placement | None:
    starts = _occurrences(text, quote)
    if not starts:
        return None
    best = max(starts, key=lambda s: (_context_agreement(text, s, s + len(quote), prefix, suffix), -abs(s - hint)))
    return Placement(best, best + len(quote), "exact", 1.0)


def _between_context(text: str, quote: str, prefix: str, suffix: str, hint: int) -> Placement | None:
    """The passage between an unchanged prefix and an unchanged suffix, if it still resembles the quote."""
    if len(prefix) < 8 or len(suffix) < 8:
        return None  # too little context to trust (the tag sat at the very start or end of the text)
    longest = 2 * len(quote) + 64
    best: Placement | None = None
    for after_prefix in (p + len(prefix) for p in _occurrences(text, prefix, MAX_OCCURRENCES_PER_SEED)):
        end = text.find(suffix, after_prefix, after_prefix + longest + len(suffix))
        if end <= after_prefix:
            continue
        start, end = _trim(text, after_prefix, end)
        score = similarity(text[start:end], quote)
        if score >= CONTEXT_MIN_SIMILARITY and (
                best is None or (score, -abs(start - hint)) > (best.similarity, -abs(best.start - hint))):
            best = Placement(start, end, "context", score)
    return best


def _seed_votes(text: str, quote: str) -> Counter[int]:
    """Each word pair of the quote found in the text votes for the start offset it implies."""
    words = list(_WORD.finditer(quote))
    seeds = [(quote[a.start():b.end()], a.start()) for a, b in zip(words, words[1:])]
    if not seeds and words:
        seeds = [(w.group(), w.start()) for w in words]
    bucket = max(4, len(quote) // 8)
    votes: Counter[int] = Counter()
    for seed, offset in seeds:
        if len(seed) < 4:
            continue
        for at in _occurrences(text, seed, MAX_OCCURRENCES_PER_SEED):
            votes[(at - offset) // bucket * bucket] += 1
    return votes


def _fuzzy(text: str, quote: str, prefix: str, hint: int) -> Placement | None:
    votes = _seed_votes(text, quote)
    if not votes:
        return None
    sentence_start = bool(_AFTER_SENTENCE.search(prefix)) and quote[:1].isupper()
    sentence_end = bool(_ENDS_SENTENCE.search(quote))
    candidates = sorted(votes.items(), key=lambda kv: (-kv[1], abs(kv[0] - hint)))[:4]
    best: Placement | None = None
    for guess, _count in candidates:
        placed = _align(text, quote, guess, sentence_start, sentence_end)
        if placed is None:
            continue
        if best is None or (placed.similarity, -abs(placed.start - hint)) > (best.similarity,
                                                                              -abs(best.start - hint)):
            best = placed
    if best is None or best.similarity < FUZZY_MIN_SIMILARITY:
        return None
    return best


def _align(text: str, quote: str, guess: int, sentence_start: bool, sentence_end: bool) -> Placement | None:
    """Align the quote with the text around ``guess`` and cut out the matching passage.

    A quote that was a whole sentence is widened or narrowed to the sentence now at that place.
    """
    margin = len(quote) // 2 + 16
    lo = max(0, guess - margin)
    hi = min(len(text), guess + len(quote) + 2 * margin)
    region = text[lo:hi]
    blocks = [b for b in matching_blocks(region, quote) if b.size >= 3]
    if not blocks:
        return None
    first, last = blocks[0], blocks[-1]
    start = lo + max(0, first.a - first.b)
    end = lo + min(len(region), last.a + last.size + (len(quote) - last.b - last.size))
    start, end = _trim(text, *_snap_to_words(text, start, end))
    reach = len(quote) // 2 + 8
    if sentence_start:
        starts = [m.end() for m in _BOUNDARY.finditer(text, max(0, start - reach), min(end - 1, start + reach))]
        start = starts[-1] if starts else (0 if start <= reach else start)
    if sentence_end:
        ends = [m.start() + len(m.group().rstrip()) for m in
                _BOUNDARY.finditer(text, max(start + 1, end - reach), min(len(text), end + reach))]
        end = ends[0] if ends else (len(text) if len(text) - end <= reach else end)
    start, end = _trim(text, start, end)
    if end <= start:
        return None
    return Placement(start, end, "fuzzy", similarity(text[start:end], quote))


def _snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    while 0 < start < len(text) and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while 0 < end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    return start, end


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
