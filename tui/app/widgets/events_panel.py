"""EventsPanel: the current article's events — date, type, sides, place, summary. Choosing one posts
``EventChosen`` so the screen can move the reader to the event's evidence."""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.core.model import Event

from .article_reader import visible

TYPE_COLORS = {"MEET": "cyan", "CALL": "blue", "EXCHANGE": "green", "PROPOSE": "magenta", "AGREE": "bright_green",
               "STATEMENT": "white", "ATTACK": "red", "ACCUSE": "yellow"}


def event_prompt(event: Event) -> Text:
    prompt = Text(no_wrap=False)
    prompt.append(event.date or "undated", style="bold")
    prompt.append(f" {event.type}", style=TYPE_COLORS.get(event.type, ""))
    if event.status == "planned":
        prompt.append(" (planned)", style="italic dim")
    sides = ", ".join(event.actors)
    where = f" @ {event.place}" if event.place else ""
    prompt.append(f"\n{visible(sides)}{visible(where)}", style="dim")
    prompt.append(f"\n{visible(event.summary)}")
    return prompt


class EventsPanel(OptionList):
    DEFAULT_CSS = """
    EventsPanel { width: 40; }
    """

    class EventChosen(Message):
        def __init__(self, event: Event) -> None:
            super().__init__()
            self.event = event

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._events: list[Event] = []

    def show_events(self, events: list[Event]) -> None:
        self._events = list(events)
        self.clear_options()
        self.add_options([Option(event_prompt(e)) for e in events] or [Option(Text("No events found"),
                                                                               disabled=True)])
        self.highlighted = None
        self.scroll_home(animate=False, immediate=True)

    def on_option_list_option_selected(self, message: OptionList.OptionSelected) -> None:
        message.stop()
        if 0 <= message.option_index < len(self._events):
            self.post_message(self.EventChosen(self._events[message.option_index]))
