"""Adjudication: walk the statements annotators tagged differently and record the verdict.

The verdict is a tag in the name ``adjudicated``; the annotators' own tags stay as they are.  The screen never
touches the store: it asks the main screen (``adjudicate``), which saves like any other tag (undo included).
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from tui.core.codebook import Codebook
from tui.core.sets.agreement import ADJUDICATED, ContestedUnit

from ..commands import bindings
from ..widgets.article_reader import visible

Adjudicate = Callable[[ContestedUnit, dict], dict | None]

class DisagreementsScreen(Screen[ContestedUnit | None]):
    """Contested statements on the left, the coders' tags and the verdict below; returns a unit to open."""

    BINDINGS = bindings("adjudicate")

    def __init__(self, units: list[ContestedUnit], codebook: Codebook, adjudicate: Adjudicate) -> None:
        super().__init__()
        self.units = units
        self.codebook = codebook
        self.adjudicate = adjudicate

    def compose(self) -> ComposeResult:
        yield Static(Text(f"Disagreements — {len(self.units)} contested statement(s). A number takes that "
                          f"coder's tag as the verdict; a / s set its actor / stance; o opens the statement",
                          style="bold"), id="adjudicate-title")
        yield OptionList(*(self._row(u) for u in self.units) or [Option("Nothing to adjudicate: no two "
                                                                         "annotators disagree", disabled=True)],
                         id="adjudicate-list")
        yield Static(id="adjudicate-detail")
        yield Footer()

    def on_mount(self) -> None:
        if self.units:
            self.query_one(OptionList).highlighted = 0
            self._show_detail()

    @property
    def current(self) -> ContestedUnit | None:
        index = self.query_one(OptionList).highlighted
        return self.units[index] if self.units and index is not None else None

    def _row(self, unit: ContestedUnit) -> Option:
        done = Text("✓ ", style="green bold") if unit.adjudicated else Text("• ", style="yellow")
        where = visible(str(unit.article_path or unit.article_id)).rsplit("/", 1)[-1]
        return Option(Text.assemble(done, (where[:28], "dim"), "  ", (", ".join(unit.fields), "italic"), "  ",
                                    visible(" ".join(unit.quote.split()))[:120]))

    def _show_detail(self) -> None:
        unit = self.current
        detail = Text()
        if unit is not None:
            detail.append(visible(" ".join(unit.quote.split()))[:600] + "\n")
            for number, (who, tag) in enumerate(unit.tags.items(), 1):
                detail.append(f" {number} " if number <= 9 else "   ", style="bold reverse")
                detail.append(f" {visible(who)}: ")
                detail.append_text(self._tag_text(tag))
                detail.append("\n")
            detail.append(" verdict: ", style="bold")
            detail.append_text(self._tag_text(unit.adjudicated) if unit.adjudicated else Text("none yet", "dim"))
        self.query_one("#adjudicate-detail", Static).update(detail)

    def _tag_text(self, tag: dict) -> Text:
        actor, stance = tag.get("actor"), tag.get("stance")
        actor_code, stance_code = self.codebook.actor(actor), self.codebook.stance(stance)
        text = Text.assemble((visible(str(actor or "—")), actor_code.color if actor_code else ""), " · ",
                             (visible(str(stance or "—")), stance_code.color if stance_code else ""))
        if tag.get("note"):
            text.append(f"  ✎ {visible(str(tag['note']))[:80]}", style="dim")
        return text

    @on(OptionList.OptionHighlighted)
    def _highlighted(self) -> None:
        self._show_detail()

    @on(OptionList.OptionSelected)
    def _selected(self) -> None:
        self.action_open()

    def action_cursor(self, step: int) -> None:
        options = self.query_one(OptionList)
        if self.units:
            options.highlighted = max(0, min(len(self.units) - 1, (options.highlighted or 0) + step))

    def action_take(self, number: int) -> None:
        """Coder ``number`` (in the order listed) gives the verdict its actor and stance."""
        unit = self.current
        if unit is None:
            return
        coders = list(unit.tags.values())
        if not 1 <= number <= len(coders):
            self.notify(f"There are {len(coders)} coders on this statement", severity="warning")
            return
        chosen = coders[number - 1]
        self._record(unit, {"actor": chosen.get("actor"), "stance": chosen.get("stance")})

    def action_pick(self, field: str) -> None:
        from .picker import PickerScreen

        unit = self.current
        if unit is None:
            return
        codes = self.codebook.actors if field == "actor" else self.codebook.stances

        def chosen(name: str | None) -> None:
            if name is not None:
                self._record(unit, {field: name})

        self.app.push_screen(PickerScreen(f"Verdict: {field}", codes), chosen)

    def _record(self, unit: ContestedUnit, fields: dict) -> None:
        verdict = self.adjudicate(unit, unit.verdict_change(fields))  # a first verdict keeps what coders agree on
        if verdict is None:
            return
        unit.adjudicated = verdict
        index = self.units.index(unit)
        self.query_one(OptionList).replace_option_prompt_at_index(index, self._row(unit).prompt)
        self._show_detail()
        if all(u.adjudicated for u in self.units):
            self.notify("Every contested statement has a verdict")

    def action_open(self) -> None:
        if self.current is not None:
            self.dismiss(self.current)


__all__ = ["DisagreementsScreen", "ADJUDICATED"]
