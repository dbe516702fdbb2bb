"""The footer with the keys that matter most first: a narrow terminal cuts the footer at its right edge, so help
and quit (what a newcomer looks for) come before the tagging keys, which the help screen lists anyway."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

FIRST_ACTIONS = ("help", "quit")


class KeyFooter(Footer):
    def compose(self) -> ComposeResult:
        keys = list(super().compose())  # one widget per key (newsdesk's bindings have no groups)
        first = sorted((k for k in keys if isinstance(k, FooterKey) and k.action in FIRST_ACTIONS),
                       key=lambda k: FIRST_ACTIONS.index(k.action))
        yield from first
        yield from (k for k in keys if k not in first)
