"""A code picker (actor or stance): a digit picks at once; typing filters; enter picks the highlighted one."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from tui.core.codebook import Code
from tui.core.text import visible

from ..widgets.late_keys import TakesEarlyKeys

from ..commands import bindings


class PickerScreen(TakesEarlyKeys, ModalScreen[str | None]):
    BINDINGS = bindings("picker")

    def __init__(self, title: str, codes: list[Code]) -> None:
        super().__init__()
        self.title_text = title
        self.codes = codes
        self.note_opening()

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Label(Text(visible(self.title_text)), id="picker-title")
            yield Input(placeholder="type to filter, or press a key", id="picker-filter")
            yield OptionList(*self._options(""), id="picker-options")

    def _options(self, needle: str) -> list[Option]:
        needle = needle.lower()
        return [Option(Text.assemble((f"{code.key} ", "bold"), (visible(code.name), code.color)), id=code.name)
                for code in self.codes if needle in code.name.lower()]

    def on_input_changed(self, event: Input.Changed) -> None:
        """A code's key (a digit: names are filtered by letters) picks that code at once."""
        code = next((c for c in self.codes if c.key and c.key == event.value), None)
        if code is not None:
            self.dismiss(code.name)
            return
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(self._options(event.value))
        options.highlighted = 0 if options.option_count else None

    def on_key(self, event: events.Key) -> None:
        """An enter read with the opening key (see TakesEarlyKeys) may come before the filter has focus."""
        if event.key == "enter":
            event.stop()
            self._pick_highlighted()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._pick_highlighted()

    def _pick_highlighted(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None and options.option_count:
            self.dismiss(options.get_option_at_index(options.highlighted).id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
