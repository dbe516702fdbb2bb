"""The one command table: every screen's keys come from it, are listed in the help screen, offered in the command
palette, and can be rebound from a config file's [keys] section (through Textual's keymap)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

from rich.console import Console
from test_app import ROOT, SIZE, loaded, until
from textual.binding import Binding
from textual.screen import Screen

import tui.app
from tui.app import NewsdeskApp
from tui.app.commands import BY_BINDING_ID, COMMANDS, SCREENS, commands
from tui.app.keys import BINDING_IDS, keymap_with_prefix
from tui.app.screens.help import HelpScreen, key_table
from tui.app.screens.main import MainScreen
from tui.app.screens.timeline import TimelineScreen
from tui.core.codebook import default_codebook
from tui.core.config import load_keymap
from tui.core.store.database import AnnotationStore


def screen_classes() -> list[type]:
    found = []
    for info in pkgutil.walk_packages(tui.app.__path__, "tui.app."):
        module = importlib.import_module(info.name)
        found += [cls for _n, cls in inspect.getmembers(module, inspect.isclass)
                  if cls.__module__ == module.__name__ and issubclass(cls, Screen) and "BINDINGS" in vars(cls)]
    return found


def test_every_binding_of_every_screen_comes_from_the_table() -> None:
    classes = screen_classes() + [NewsdeskApp]
    assert len(classes) >= 12
    seen = set()
    for cls in classes:
        for binding in cls.BINDINGS:
            assert isinstance(binding, Binding) and binding.id in BY_BINDING_ID, (cls.__name__, binding)
            seen.add(binding.id)
    assert seen == set(BY_BINDING_ID)  # and every command of the table is bound somewhere
    assert BINDING_IDS == {command.id for command in COMMANDS}  # a config file may name any of them


def help_text(app) -> str:
    console = Console(width=160, record=True)
    console.print(key_table(app))
    return console.export_text()


async def test_help_lists_every_key_of_every_screen_as_rebound(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[keys]\ntimeline_back = "b"\nadjudicate_take2 = "ctrl+t"\nnext_statement = "ctrl+n"\n')
    keymap = keymap_with_prefix(load_keymap(config, BINDING_IDS))
    store = AnnotationStore.open(tmp_path / "db.json", annotator="tester")
    app = NewsdeskApp([ROOT / "seeds"], store, default_codebook(), keymap)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        text = help_text(app)
        for heading in SCREENS.values():
            assert heading.split(":")[0] in text
        rows = {line.split("│")[2].strip(): line.split("│")[0].strip() for line in text.splitlines()
                if line.count("│") == 2}  # id -> keys as shown
        assert set(rows) >= {command.id for command in COMMANDS}
        assert rows["timeline_back"] == "b" and rows["adjudicate_take2"] == "^t" and rows["next_statement"] == "^n"
        assert rows["previous_statement"] == "k ↑" and rows["stats_back"] == "esc q S"
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
    store.close()


async def test_a_key_of_another_screen_is_rebound_from_the_config(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[keys]\ntimeline_back = "b"\n')
    keymap = keymap_with_prefix(load_keymap(config, BINDING_IDS))
    store = AnnotationStore.open(tmp_path / "db.json", annotator="tester")
    app = NewsdeskApp([ROOT / "seeds"], store, default_codebook(), keymap)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("t")
        await until(pilot, lambda: isinstance(app.screen, TimelineScreen))
        await pilot.press("escape")  # no longer bound: the timeline stays
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen)
        await pilot.press("b")
        await until(pilot, lambda: isinstance(app.screen, MainScreen))
    store.close()


async def test_the_palette_offers_the_commands_of_the_screen_in_use(tmp_path: Path) -> None:
    store = AnnotationStore.open(tmp_path / "db.json", annotator="tester")
    app = NewsdeskApp([ROOT / "seeds"], store, default_codebook())
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("t")
        await until(pilot, lambda: isinstance(app.screen, TimelineScreen))
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Back (esc t q)" in titles
        assert not any(title.startswith("Next article") for title in titles)  # the main screen's are not
        back = next(c for c in app.get_system_commands(app.screen) if c.title.startswith("Back"))
        back.callback()
        await until(pilot, lambda: isinstance(app.screen, MainScreen))
    store.close()


def test_each_screen_of_the_help_has_commands() -> None:
    assert all(commands(screen) for screen in SCREENS)


async def test_ctrl_c_says_how_to_quit_in_plain_words(tmp_path: Path) -> None:
    store = AnnotationStore.open(tmp_path / "db.json", annotator="tester")
    app = NewsdeskApp([ROOT / "seeds"], store, default_codebook())
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        app.action_help_quit()  # what ctrl+c does when no text is selected
        await pilot.pause()
        (notice,) = [n for n in app._notifications if "quit" in n.message]
        assert notice.message in ("Press q to quit", "Press ctrl+q to quit") and "[" not in notice.message
        assert any(b.action == "suspend_process" and b.key == "ctrl+z" for b in NewsdeskApp.BINDINGS
                   if isinstance(b, Binding))
    store.close()
