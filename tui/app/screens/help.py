"""Help: every command of every screen, read from the command table, with the keys Textual's keymap gives it now
(a config file's rebinding shows here) and the id a config file's ``[keys]`` section rebinds it by."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ..commands import SCREENS, bindings, bound_keys, commands


def key_table(app: App) -> Table:
    table = Table(title="newsdesk keys — ctrl+p finds any of them by name", expand=True, show_edge=False)
    table.add_column("keys", style="bold", no_wrap=True)
    table.add_column("command")
    table.add_column(Text("id (config.toml [keys])"), style="dim")  # Text: the brackets are not markup
    for screen, heading in SCREENS.items():
        table.add_section()
        table.add_row("", Text(heading, style="bold underline"), "")
        for command in commands(screen):
            table.add_row(Text(bound_keys(command, app)), Text(command.description), Text(command.id))
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS = bindings("help")

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(key_table(self.app))
