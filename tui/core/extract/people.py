"""People across a corpus: someone introduced with a side in one article ("U.S. President Donald Trump") is
recognised when another article of the same corpus names them bare ("Trump says ...").

Learned from the corpus itself, never from a list of names; used only where an article leaves a person's side open,
and only when the corpus is unanimous about that surname.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace

from tui.core.extract.actors import name_key
from tui.core.model import Mention


class PeopleRegistry:
    def __init__(self) -> None:
        self._seen: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)  # surname key -> (full name, side)

    def learn(self, mentions: list[Mention]) -> None:
        for mention in mentions:
            name = mention.name or mention.text
            if mention.kind == "person" and mention.side and len(name.split()) > 1:
                key = name_key(name)
                if key:
                    self._seen[key.split()[-1]][(name, mention.side)] += 1

    def merge(self, other: PeopleRegistry) -> None:
        """Add what ``other`` learned, as if its articles came after this one's (ties go to the first seen)."""
        for surname, counts in other._seen.items():
            self._seen[surname].update(counts)

    def copy(self) -> PeopleRegistry:
        twin = PeopleRegistry()
        twin.merge(self)
        return twin

    def lookup(self, name: str) -> tuple[str, str] | None:
        key = name_key(name)
        if not key:
            return None
        found = self._seen.get(key.split()[-1])
        if not found or len({side for _, side in found}) != 1:
            return None
        full, side = found.most_common(1)[0][0]
        first = key.split()[0] if len(key.split()) > 1 else None
        if first and name_key(full).split()[0] != first:
            return None  # another person with the same surname
        return full, side

    def fill(self, mentions: list[Mention]) -> list[Mention]:
        """Mentions with open sides completed from the corpus (bare surnames also get the full name)."""
        filled = []
        for mention in mentions:
            if mention.kind == "person" and mention.side is None:
                known = self.lookup(mention.name or mention.text)
                if known:
                    full, side = known
                    name = full if len((mention.name or mention.text).split()) == 1 else mention.name
                    mention = replace(mention, side=side, name=name)
            filled.append(mention)
        return filled
