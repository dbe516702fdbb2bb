"""Keys that arrive in the same read as the key that opens a dialog ("a1" pasted, or batched by an SSH link).

Textual hands every key to the widget that has focus when the key is read. The first key opens a dialog, but the
keys read with it are already on their way to the widget under the dialog, and when they bubble up to the app its
bindings are looked up on the dialog, which has none for them: they were lost. A dialog notes when it opened; the
app passes a key that was read before the top dialog opened on to that dialog, which takes it as if it had had
focus all along. (The key that opened the dialog has been handled before the dialog exists, so it never comes
back; a key passed on is a new event, stamped after the opening, so it is never passed on twice.)
"""

from __future__ import annotations

from textual import events
from textual._time import get_time  # the clock Textual stamps its messages with
from textual.app import App
from textual.widget import Widget
from textual.widgets import Input


class TakesEarlyKeys:
    """Mixed into a dialog (a Screen): call :meth:`note_opening` in ``__init__``."""

    opened_at: float | None = None

    def note_opening(self) -> None:
        self.opened_at = get_time()

    def early_key_target(self) -> Widget:
        """Where a key read before the opening goes: the focused widget, else the dialog's text field (its focus
        may not have been given yet), else the dialog itself."""
        return self.focused or next(iter(self.query(Input)), None) or self  # type: ignore[attr-defined,return-value]


def pass_on_early_key(app: App, event: events.Key) -> bool:
    """Called by the app for each key that bubbles up to it, before its bindings are looked up; True when the key
    was passed on to the dialog on top."""
    top = app.screen
    if not isinstance(top, TakesEarlyKeys) or top.opened_at is None or event.time >= top.opened_at:
        return False
    event.stop()
    event.prevent_default()  # not looked up again in the dialog's bindings: the dialog gets the key itself
    top.early_key_target().post_message(events.Key(event.key, event.character))
    return True
