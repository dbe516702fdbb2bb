"""Help: the key table, generated from the same bindings the footer and the command palette use."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ..keys import KEYS, PREFIX


def key_table(keymap: dict[str, str]) -> Table:
    table = Table(title="newsdesk keys", expand=True, show_edge=False)
    table.add_column("keys", style="bold", no_wrap=True)
    table.add_column("action")
    table.add_column("id (for config.toml [keys])", style="dim")
    for binding in KEYS:
        keys = keymap.get(binding.id or "", binding.key)
        shown = ", ".join(binding.key_display if binding.key_display and keys == binding.key else k
                          for k in keys.split(","))
        table.add_row(Text(shown), Text(binding.description), Text((binding.id or "").removeprefix(PREFIX)))
    table.add_row(Text("a/s then key"), Text("pick an actor / a stance by its codebook key (or type to filter)"),
                  Text(""))
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q", "dismiss(None)", "Close", id="newsdesk.help.close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(key_table(getattr(self.app, "keymap_overrides", {})))
