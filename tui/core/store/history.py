"""Undo and redo: the per-annotator stacks of the store and what taking a step back (or forward) changes.

A stack entry is ``{"changes": [{"before": tag or None, "after": tag or None}, ...]}``: one user action.  Undo
restores each change's ``before``, redo its ``after``.  A tag that still exists keeps where it is now (it may
have been re-anchored since) and gets back what it said (its editable fields); a tag that is gone comes back
whole.  Stacks live in the journal's records and the snapshot's ``history`` table, so undo survives a restart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

EDITABLE_FIELDS = ("actor", "stance", "note", "suggested")


@dataclass
class Step:
    """What one undo or redo writes: tags to put and ids to delete, the entry as it moves to the other stack,
    and the tags as they were found (the first names where the step took place)."""

    puts: list[dict] = field(default_factory=list)
    deletes: list[str] = field(default_factory=list)
    moved_entry: dict = field(default_factory=lambda: {"changes": []})
    places: list[dict] = field(default_factory=list)


def plan_step(entry: dict, direction: str, docs: dict[str, dict], now: str) -> Step:
    """The step that takes back (``direction`` "undo") or makes again ("redo") the stack ``entry``."""
    target_side, leaving_side = ("before", "after") if direction == "undo" else ("after", "before")
    step = Step()
    for change in entry["changes"]:  # the entry as it goes to the other stack, anchors brought up to date
        some_version = change["before"] or change["after"]
        current = docs.get(some_version["id"])
        refreshed = current if current is not None and change[leaving_side] is not None else change[leaving_side]
        step.moved_entry["changes"].append({**change, leaving_side: refreshed})
    changes = step.moved_entry["changes"] if direction == "redo" else step.moved_entry["changes"][::-1]
    for change in changes:
        target = change[target_side]
        some_version = change["before"] or change["after"]
        current = docs.get(some_version["id"])
        step.places.append(current or some_version)
        if target is None:
            if current is not None:
                step.deletes.append(current["id"])
        elif current is None:
            step.puts.append({**target, "updated": now})
        else:  # keep where the tag is now (it may have been re-anchored), restore what it said
            step.puts.append({**current, **{f: target.get(f) for f in EDITABLE_FIELDS}, "updated": now})
    return step


def apply_history(history: dict[str, dict[str, list]], hist: dict[str, Any], max_steps: int) -> None:
    """Apply a record's ``hist`` part: push a new entry (keeping ``max_steps``), or move one between stacks."""
    stacks = history.setdefault(hist["who"], {"undo": [], "redo": []})
    if hist["do"] == "push":
        stacks["undo"].append(hist["entry"])
        del stacks["undo"][:-max_steps]
        stacks["redo"].clear()
    elif hist["do"] in ("undo", "redo"):
        source, destination = ("undo", "redo") if hist["do"] == "undo" else ("redo", "undo")
        if stacks[source]:
            moved = stacks[source].pop()
            stacks[destination].append(hist.get("entry", moved))
