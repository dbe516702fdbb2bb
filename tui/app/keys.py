"""The one table of keys: the footer, the help screen and the command palette all read it.

Every binding has a stable id (``newsdesk.<name>``); a config file rebinds by the short name (see tui.core.config).
"""

from __future__ import annotations

from textual.binding import Binding

PREFIX = "newsdesk."

KEYS: list[Binding] = [
    Binding("j,down", "next_statement", "Next", id=PREFIX + "next_statement"),
    Binding("k,up", "previous_statement", "Previous", id=PREFIX + "previous_statement", show=False),
    Binding("g,home", "first_statement", "First statement", id=PREFIX + "first_statement", show=False),
    Binding("G,end", "last_statement", "Last statement", id=PREFIX + "last_statement", show=False),
    Binding("J", "next_article", "Next article", id=PREFIX + "next_article", show=False),
    Binding("K", "previous_article", "Previous article", id=PREFIX + "previous_article", show=False),
    Binding("a", "set_actor", "Actor", id=PREFIX + "set_actor"),
    Binding("s", "set_stance", "Stance", id=PREFIX + "set_stance"),
    Binding("enter", "accept_suggestion", "Accept", id=PREFIX + "accept_suggestion"),
    Binding("x", "clear_tags", "Clear", id=PREFIX + "clear_tags", show=False),
    Binding("u", "undo", "Undo", id=PREFIX + "undo"),
    Binding("ctrl+r", "redo", "Redo", id=PREFIX + "redo", show=False),
    Binding("n", "note", "Note", id=PREFIX + "note", show=False),
    Binding("slash", "search", "Search", id=PREFIX + "search", key_display="/"),
    Binding("f", "filter", "Filter", id=PREFIX + "filter"),
    Binding("t", "timeline", "Timeline", id=PREFIX + "timeline"),
    Binding("o", "orphans", "Orphan tags", id=PREFIX + "orphans", show=False),
    Binding("D", "disagreements", "Disagreements", id=PREFIX + "disagreements", show=False),
    Binding("S", "stats", "Statistics", id=PREFIX + "stats", show=False),
    Binding("E", "export", "Export", id=PREFIX + "export", show=False),
    Binding("e", "toggle_events", "Events panel", id=PREFIX + "toggle_events", show=False),
    Binding("l", "toggle_list", "Article list", id=PREFIX + "toggle_list", show=False),
    Binding("question_mark", "help", "Help", id=PREFIX + "help", key_display="?"),
    Binding("q", "quit", "Quit", id=PREFIX + "quit"),
]

BINDING_IDS = {binding.id.removeprefix(PREFIX) for binding in KEYS if binding.id}


def keymap_with_prefix(keymap: dict[str, str]) -> dict[str, str]:
    """Config ids ("next_statement") to Textual binding ids ("newsdesk.next_statement")."""
    return {PREFIX + name: keys for name, keys in keymap.items()}
