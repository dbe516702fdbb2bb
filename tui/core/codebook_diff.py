"""What changes when a codebook replaces the one stored in the database: labels added, removed, renamed.

Tags are never rewritten: a tag keeps the label it was given even when the new codebook no longer has it (it
shows, counts and exports under that label until someone retags it).  A removed and an added label of the same
kind that share a key (``key = "5"``) are taken as one label renamed, since the key is what the annotators
press; other changes are additions and removals.  Order and colour changes are reported too, as they change
the ordinal stance scale and what the reader shows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from .codebook import Code, Codebook

KINDS = (("actors", "actor"), ("stances", "stance"))


@dataclass
class LabelChanges:
    kind: str  # "actor" or "stance"
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    renamed: list[tuple[str, str]] = field(default_factory=list)  # (old name, new name)
    recoloured: list[str] = field(default_factory=list)
    reordered: bool = False
    kept_by_tags: dict[str, int] = field(default_factory=dict)  # a label gone from the codebook -> tags using it

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.renamed or self.recoloured or self.reordered)


@dataclass
class CodebookChanges:
    actors: LabelChanges
    stances: LabelChanges

    def __bool__(self) -> bool:
        return bool(self.actors or self.stances)

    def lines(self) -> list[str]:
        """One line per kind of label that changed, e.g. ``actors: added China; renamed Turkey → Türkiye``."""
        return [line for part in (self.actors, self.stances) if part for line in [_line(part)]]


def codebook_changes(old: Codebook, new: Codebook, tags: Iterable[dict] = ()) -> CodebookChanges:
    """How ``new`` differs from ``old``; ``tags`` (store tag documents) are counted for the labels that go."""
    counts: dict[str, Counter[str]] = {"actor": Counter(), "stance": Counter()}
    for tag in tags:
        for kind, counter in counts.items():
            if tag.get(kind) is not None:
                counter[tag[kind]] += 1
    found = [_compare(kind, getattr(old, plural), getattr(new, plural), counts[kind]) for plural, kind in KINDS]
    return CodebookChanges(*found)


def _compare(kind: str, old: list[Code], new: list[Code], used: Counter[str]) -> LabelChanges:
    old_names, new_names = [c.name for c in old], [c.name for c in new]
    removed = [c for c in old if c.name not in new_names]
    added = [c for c in new if c.name not in old_names]
    renamed = []
    for gone in list(removed):
        twin = next((c for c in added if gone.key and c.key == gone.key), None)
        if twin is not None:
            renamed.append((gone.name, twin.name))
            removed.remove(gone)
            added.remove(twin)
    colours = {c.name: c.color for c in old}
    recoloured = [c.name for c in new if c.name in colours and colours[c.name] != c.color]
    common_old = [n for n in old_names if n in new_names]
    common_new = [n for n in new_names if n in old_names]
    gone_names = [c.name for c in removed] + [a for a, _b in renamed]
    return LabelChanges(kind, [c.name for c in added], [c.name for c in removed], renamed, recoloured,
                        common_old != common_new, {name: used[name] for name in gone_names if used[name]})


def _line(part: LabelChanges) -> str:
    pieces = []
    if part.added:
        pieces.append("added " + ", ".join(part.added))
    if part.removed:
        pieces.append("removed " + ", ".join(part.removed))
    if part.renamed:
        pieces.append("renamed " + ", ".join(f"{a} → {b}" for a, b in part.renamed))
    if part.reordered:
        pieces.append("reordered" + (" (the ordinal stance scale changes)" if part.kind == "stance" else ""))
    if part.recoloured:
        pieces.append("new colour for " + ", ".join(part.recoloured))
    if part.kept_by_tags:
        kept = ", ".join(f"{count} tag(s) {name}" for name, count in part.kept_by_tags.items())
        pieces.append(f"tags keep their labels ({kept})")
    return f"{part.kind}s: " + "; ".join(pieces)
