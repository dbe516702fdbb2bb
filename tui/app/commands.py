"""Every command of every screen, declared once: which screen, its id, its keys, what it does, how it is described.

The screens' ``BINDINGS`` are made from this table (so the footer shows them), the help screen lists it screen by
screen, the command palette offers the commands of the screen in use, and every command has a stable binding id
(``newsdesk.<id>``) that Textual's keymap rebinds: a config file's ``[keys]`` section maps ``<id>`` to new keys
(see tui.core.config). Ids of the main screen are bare (``next_statement``); the others carry their screen
(``timeline_back``), so one flat ``[keys]`` table reaches every screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding, BindingsMap, BindingType
from textual.app import App

PREFIX = "newsdesk."


@dataclass(frozen=True, slots=True)
class Command:
    screen: str  # a key of SCREENS
    name: str
    keys: str  # Textual key names, comma-separated
    action: str
    description: str
    show: bool = True  # in the footer (every command is in the help screen and the palette)
    key_display: str | None = None
    priority: bool = False

    @property
    def id(self) -> str:
        """The id a config file rebinds."""
        return self.name if self.screen == "main" else f"{self.screen}_{self.name}"

    @property
    def binding_id(self) -> str:
        return PREFIX + self.id

    def binding(self) -> Binding:
        return Binding(self.keys, self.action, self.description, show=self.show, key_display=self.key_display,
                       priority=self.priority, id=self.binding_id)


# screen -> its heading in the help screen, in the order the help screen lists them
SCREENS = {
    "main": "Reading and tagging",
    "app": "Everywhere",
    "picker": "Actor / stance picker (a, s): a code's key picks it, typing filters, enter picks",
    "search": "Search (/)",
    "filter": "Filter (f)",
    "prompt": "Note (n)",
    "timeline": "Timeline (t)",
    "orphans": "Orphan tags (o)",
    "adjudicate": "Disagreements (D)",
    "stats": "Statistics (S)",
    "export": "Export (E)",
    "help": "Help (?)",
}


def _main(name: str, keys: str, description: str, show: bool = False, key_display: str | None = None,
          action: str | None = None) -> Command:
    return Command("main", name, keys, action or name, description, show, key_display)


COMMANDS: list[Command] = [
    _main("next_statement", "j,down", "Next", show=True),
    _main("previous_statement", "k,up", "Previous"),
    _main("first_statement", "g,home", "First statement"),
    _main("last_statement", "G,end", "Last statement"),
    _main("next_article", "J", "Next article"),
    _main("previous_article", "K", "Previous article"),
    _main("set_actor", "a", "Actor", show=True),
    _main("set_stance", "s", "Stance", show=True),
    _main("accept_suggestion", "enter", "Accept", show=True),
    _main("clear_tags", "x", "Clear"),
    _main("undo", "u", "Undo", show=True),
    _main("redo", "ctrl+r", "Redo"),
    _main("note", "n", "Note"),
    _main("search", "slash", "Search", show=True, key_display="/"),
    _main("filter", "f", "Filter", show=True),
    _main("timeline", "t", "Timeline", show=True),
    _main("orphans", "o", "Orphan tags"),
    _main("disagreements", "D", "Disagreements"),
    _main("stats", "S", "Statistics"),
    _main("export", "E", "Export"),
    _main("toggle_events", "e", "Events panel"),
    _main("toggle_list", "l", "Article list"),
    _main("help", "question_mark", "Help", show=True, key_display="?"),
    _main("quit", "q", "Quit", show=True),
    Command("app", "quit", "ctrl+q", "quit", "Quit at once", show=False, priority=True),
    Command("app", "palette", "ctrl+p", "command_palette", "palette", show=False, priority=True),
    Command("app", "suspend", "ctrl+z", "suspend_process", "Suspend to the shell (fg returns)", show=False),
    Command("app", "help_quit", "ctrl+c", "help_quit", "Say how to quit", show=False),
    Command("picker", "cancel", "escape", "dismiss(None)", "Cancel"),
    Command("search", "cancel", "escape", "dismiss(None)", "Cancel"),
    Command("filter", "cancel", "escape", "dismiss(None)", "Cancel"),
    Command("prompt", "cancel", "escape", "dismiss(None)", "Cancel"),
    Command("timeline", "back", "escape,t,q", "dismiss(None)", "Back"),
    Command("orphans", "close", "escape,o,q", "dismiss(None)", "Close"),
    Command("orphans", "attach", "r", "attach", "Re-attach here"),
    Command("orphans", "delete", "d,delete", "delete", "Delete"),
    Command("adjudicate", "back", "escape,q", "dismiss(None)", "Back"),
    Command("adjudicate", "next", "j", "cursor(1)", "Next", show=False),
    Command("adjudicate", "previous", "k", "cursor(-1)", "Previous", show=False),
    *(Command("adjudicate", f"take{n}", str(n), f"take({n})",
              "Take a coder's tag" if n == 1 else f"Take coder {n}'s tag", show=n == 1,
              key_display="1-9" if n == 1 else None) for n in range(1, 10)),
    Command("adjudicate", "actor", "a", "pick('actor')", "Actor"),
    Command("adjudicate", "stance", "s", "pick('stance')", "Stance"),
    Command("adjudicate", "open", "o", "open", "Open in reader"),
    Command("stats", "back", "escape,q,S", "dismiss(None)", "Back"),
    Command("stats", "down", "j", "scroll(1)", "Scroll down", show=False),
    Command("stats", "up", "k", "scroll(-1)", "Scroll up", show=False),
    Command("export", "close", "escape", "dismiss(None)", "Close"),
    Command("export", "run", "ctrl+s", "export", "Export"),
    Command("help", "close", "escape,question_mark,q", "dismiss(None)", "Close"),
]

BY_BINDING_ID = {command.binding_id: command for command in COMMANDS}
IDS = {command.id for command in COMMANDS}
assert len(IDS) == len(COMMANDS), "two commands share an id"
assert {command.screen for command in COMMANDS} == set(SCREENS), "a screen without commands, or one unnamed"


def commands(screen: str) -> list[Command]:
    return [command for command in COMMANDS if command.screen == screen]


def bindings(screen: str) -> list[BindingType]:
    """A screen's ``BINDINGS``, from the table."""
    return [command.binding() for command in commands(screen)]


def commands_bound_by(node: type) -> list[Command]:
    """The commands of a screen (or the app) class, read from its ``BINDINGS`` ids."""
    ids = [binding.id for binding in getattr(node, "BINDINGS", []) if isinstance(binding, Binding)]
    return [BY_BINDING_ID[i] for i in ids if i in BY_BINDING_ID]


def bound_keys(command: Command, app: App) -> str:
    """The keys ``command`` answers to now, as Textual shows them: its bindings put through the app's keymap
    (Textual's own ``apply_keymap``, so a config file's rebinding shows), each drawn by ``get_key_display``."""
    bound = BindingsMap([command.binding()])
    bound.apply_keymap(app._keymap)
    keys = (app.get_key_display(binding) for group in bound.key_to_bindings.values() for binding in group)
    return " ".join(dict.fromkeys(keys))
