"""The statement filter the main screen applies (a value object, kept apart so it imports nothing heavy)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Filter:
    """Which statements the cursor visits: all, untagged, or those tagged with an actor / stance / by an annotator."""

    kind: str = "all"  # all | untagged | actor | stance | annotator
    value: str | None = None

    def label(self) -> str:
        return "all statements" if self.kind == "all" else (
            "untagged" if self.kind == "untagged" else f"{self.kind}: {self.value}")
