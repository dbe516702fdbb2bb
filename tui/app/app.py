"""The App: loads the stylesheet and the key map, pushes the main screen, offers every screen's commands in the
command palette (all from the one command table, tui/app/commands.py)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from textual import events
from textual.app import App, SystemCommand
from textual.notifications import SeverityLevel
from textual.screen import Screen

from tui.core.codebook import Codebook
from tui.core.store.database import AnnotationStore

from .commands import bindings, bound_keys, commands_bound_by
from .screens.main import MainScreen
from .widgets.late_keys import pass_on_early_key


class NewsdeskApp(App[None]):
    CSS_PATH = Path(__file__).resolve().parent / "newsdesk.tcss"
    TITLE = "newsdesk"
    BINDINGS = bindings("app")

    def __init__(self, paths: list[Path], store: AnnotationStore, codebook: Codebook,
                 keymap: dict[str, str] | None = None, ansi: bool = False, notice: str | None = None) -> None:
        super().__init__(ansi_color=ansi)
        self.notice = notice
        self.paths = paths
        self.store = store
        self.codebook = codebook
        self.keymap_overrides = keymap or {}

    def on_mount(self) -> None:
        if self.keymap_overrides:
            self.set_keymap(self.keymap_overrides)
        self.push_screen(MainScreen(self.paths, self.store, self.codebook))
        if self.notice:
            self.notify(self.notice, severity="warning", timeout=15)

    def on_key(self, event: events.Key) -> None:
        pass_on_early_key(self, event)  # keys read with the one that opened a dialog belong to the dialog

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Always plain text: notifications quote file names and error messages, which may hold brackets.

        (Widgets and screens pass ``markup=True`` by default, so the choice is made here, once, for every caller.)
        """
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def action_help_quit(self) -> None:
        """ctrl+c: say how to quit, in plain words (Textual's own message is markup, and notices here are not)."""
        keys = {binding.action: key for key, binding in ((k, b.binding) for k, b in self.active_bindings.items())}
        key = keys.get("quit") or keys.get("app.quit") or "ctrl+q"
        self.notify(f"Press {key} to quit", title="Do you want to quit?")

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's own, then every command of the screen in use, with the keys it answers to now."""
        yield from super().get_system_commands(screen)
        for command in commands_bound_by(type(screen)):
            yield SystemCommand(f"{command.description} ({bound_keys(command, self)})",
                                f"newsdesk: {command.description}",
                                lambda action=command.action: self.call_next(screen.run_action, action))
