"""The App: loads the stylesheet and the key map, pushes the main screen, offers every key in the command palette."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.screen import Screen

from tui.core.codebook import Codebook
from tui.core.store.database import AnnotationStore

from .keys import KEYS
from .screens.main import MainScreen
from .widgets.late_keys import pass_on_early_key


class NewsdeskApp(App[None]):
    CSS_PATH = Path(__file__).resolve().parent / "newsdesk.tcss"
    TITLE = "newsdesk"
    # ctrl+z puts the process in the background as in any terminal program (Textual restores the terminal on fg)
    BINDINGS = [Binding("ctrl+z", "suspend_process", "Suspend", show=False, id="newsdesk.suspend")]

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

    def action_help_quit(self) -> None:
        """ctrl+c: say how to quit in plain words (Textual's own message is markup, and notify here is plain)."""
        keys = [key for key, active in self.active_bindings.items() if active.binding.action in ("quit", "app.quit")]
        self.notify(f"Press {' or '.join(keys) or 'ctrl+q'} to quit", title="Do you want to quit?")

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Always plain text: notifications quote file names and error messages, which may hold brackets.

        (Widgets and screens pass ``markup=True`` by default, so the choice is made here, once, for every caller.)
        """
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if isinstance(screen, MainScreen):
            for binding in KEYS:
                keys = self.keymap_overrides.get(binding.id or "", binding.key_display or binding.key)
                yield SystemCommand(f"{binding.description} ({keys})", f"newsdesk: {binding.description}",
                                    lambda action=binding.action: self.call_next(screen.run_action, action))
