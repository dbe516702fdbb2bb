"""A one-line text prompt (notes, search) returning the text, or None when cancelled."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from tui.core.text import visible

from ..commands import bindings
from ..widgets.late_keys import TakesEarlyKeys


class PromptScreen(TakesEarlyKeys, ModalScreen[str | None]):
    BINDINGS = bindings("prompt")

    def __init__(self, title: str, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.title_text, self.value, self.placeholder = title, value, placeholder
        self.note_opening()

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt"):
            yield Label(Text(visible(self.title_text)))
            yield Input(value=self.value, placeholder=self.placeholder)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)
