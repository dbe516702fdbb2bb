"""The codebook: the actors and stances people tag with, their keys and colours.

A codebook is a TOML file::

    name = "diplomacy"
    [[actors]]
    name = "Russia"
    key = "1"
    color = "#d64545"

    [[stances]]
    name = "support"
    key = "1"
    color = "green"

Stances are ordered: their order is the ordinal scale used by agreement statistics. The default codebook serves
diplomacy news; sides detected in a corpus are added after the fixed actors.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .config import read_toml

PALETTE = ("#e06c75", "#61afef", "#98c379", "#e5c07b", "#c678dd", "#56b6c2", "#d19a66", "#abb2bf",
           "#be5046", "#7ec8e3", "#b5cea8", "#f0a6ca")
DEFAULT_ACTORS = ("Russia", "Ukraine", "United States", "European Union", "Turkey", "NATO", "Other")
DEFAULT_STANCES = (("support", "#2e9e44"), ("conditional support", "#8fbf3f"), ("neutral", "#9e9e9e"),
                   ("sceptical", "#e0a030"), ("oppose", "#d0433a"))


class CodebookError(Exception):
    """A codebook file that cannot be used; the message is one line naming the file."""


@dataclass(slots=True)
class Code:
    name: str
    key: str
    color: str


@dataclass(slots=True)
class Codebook:
    name: str = "diplomacy"
    actors: list[Code] = field(default_factory=list)
    stances: list[Code] = field(default_factory=list)

    def actor(self, name: str | None) -> Code | None:
        return next((a for a in self.actors if a.name == name), None)

    def stance(self, name: str | None) -> Code | None:
        return next((s for s in self.stances if s.name == name), None)

    def actor_by_key(self, key: str) -> Code | None:
        return next((a for a in self.actors if a.key == key), None)

    def stance_by_key(self, key: str) -> Code | None:
        return next((s for s in self.stances if s.key == key), None)

    def stance_rank(self, name: str) -> int | None:
        """Position on the ordinal scale (support = 0 ... oppose = 4 in the default codebook)."""
        return next((i for i, s in enumerate(self.stances) if s.name == name), None)

    def with_sides(self, sides: list[str]) -> "Codebook":
        """A copy with the corpus' detected sides appended as actors (keys continue after the fixed ones)."""
        actors = list(self.actors)
        known = {a.name for a in actors}
        for side in sides:
            if side not in known:
                known.add(side)
                actors.append(Code(side, _key_for(len(actors)), PALETTE[len(actors) % len(PALETTE)]))
        return Codebook(self.name, actors, list(self.stances))

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "actors": [asdict(a) for a in self.actors],
                "stances": [asdict(s) for s in self.stances]}

    @classmethod
    def from_dict(cls, data: dict[str, Any], where: str = "codebook") -> "Codebook":
        if not isinstance(data, dict):
            raise CodebookError(f"{where}: expected a table with 'actors' and 'stances'")
        try:
            actors = [_code(item, i) for i, item in enumerate(data.get("actors") or [])]
            stances = [_code(item, i) for i, item in enumerate(data.get("stances") or [])]
        except (TypeError, ValueError, KeyError) as exc:
            raise CodebookError(f"{where}: {exc}") from None
        if not actors or not stances:
            raise CodebookError(f"{where}: needs at least one actor and one stance")
        for label, codes in (("actor", actors), ("stance", stances)):
            names = [c.name for c in codes]
            keys = [c.key for c in codes if c.key]
            if len(set(names)) != len(names):
                raise CodebookError(f"{where}: two {label}s have the same name")
            if len(set(keys)) != len(keys):
                raise CodebookError(f"{where}: two {label}s have the same key")
        return cls(str(data.get("name") or "custom"), actors, stances)


def _key_for(index: int) -> str:
    """Keys 1-9 then 0; codes past the tenth are picked by typing part of their name (letters filter the picker)."""
    keys = "1234567890"
    return keys[index] if index < len(keys) else ""


def _code(item: Any, index: int) -> Code:
    if isinstance(item, str):
        item = {"name": item}
    if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not item["name"].strip():
        raise ValueError(f"entry {index + 1} needs a name")
    return Code(item["name"].strip(), str(item.get("key") or _key_for(index)),
                str(item.get("color") or PALETTE[index % len(PALETTE)]))


def default_codebook() -> Codebook:
    actors = [Code(name, _key_for(i), PALETTE[i]) for i, name in enumerate(DEFAULT_ACTORS)]
    stances = [Code(name, _key_for(i), color) for i, (name, color) in enumerate(DEFAULT_STANCES)]
    return Codebook("diplomacy", actors, stances)


def load_codebook(path: str | Path) -> Codebook:
    path = Path(path)
    return Codebook.from_dict(read_toml(path, CodebookError), str(path))
