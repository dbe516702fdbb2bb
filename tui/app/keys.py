"""The main screen's keys and every binding id, from the one command table (tui/app/commands.py).

A config file rebinds by the short id (see tui.core.config): ``next_statement`` on the main screen,
``timeline_back`` on the timeline, and so on for every screen (the help screen lists them all).
"""

from __future__ import annotations

from .commands import IDS, PREFIX, bindings

KEYS = bindings("main")

BINDING_IDS = set(IDS)  # every screen's: what a config file's [keys] may name


def keymap_with_prefix(keymap: dict[str, str]) -> dict[str, str]:
    """Config ids ("next_statement") to Textual binding ids ("newsdesk.next_statement")."""
    return {PREFIX + name: keys for name, keys in keymap.items()}


__all__ = ["BINDING_IDS", "KEYS", "PREFIX", "keymap_with_prefix"]
