"""Names: a transliteration-tolerant key for people's names, and the prefix-tree regex the scanners share."""

from __future__ import annotations

import functools
import re
import unicodedata

_POSSESSIVE_RE = re.compile(r"['’]s?$")
_FOLDED = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ß": "s", "æ": "e", "œ": "e"})


@functools.lru_cache(maxsize=16384)
def name_key(name: str) -> str:
    """Transliteration-tolerant key: 'Sergei'/'Sergey', 'Medinskiy'/'Medinsky', 'Dmitrii'/'Dmitry' match."""
    name = _POSSESSIVE_RE.sub("", name.strip())
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    plain = plain.translate(_FOLDED)
    plain = re.sub(r"[^a-z ]+", "", plain.replace("-", " "))
    for source, target in (("dzh", "j"), ("kh", "h"), ("ph", "f"), ("ck", "k"), ("w", "v"), ("y", "i")):
        plain = plain.replace(source, target)
    plain = re.sub(r"(.)\1+", r"\1", plain)
    return " ".join(plain.split())


def trie_pattern(words: list[str]) -> str:
    """One regex alternation shaped as a prefix tree (much faster than a flat alternation)."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: dict) -> str:
        branches = [re.escape(char) + render(child) for char, child in sorted(node.items()) if char]
        optional = "" in node
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if optional:
            return f"(?:{body})?" if len(branches) == 1 else body + "?"
        return body

    return "(?:" + render(trie) + ")"
