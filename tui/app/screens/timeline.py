"""The corpus timeline: events grouped across articles, sources counted, conflicting claims flagged.
Choosing a row returns its first source, so the main screen opens that article at the evidence."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from tui.core.extract.timeline import Source, TimelineEntry

from ..commands import bindings
from ..widgets.article_reader import visible


class TimelineScreen(Screen[Source | None]):
    BINDINGS = bindings("timeline")

    def __init__(self, entries: list[TimelineEntry]) -> None:
        super().__init__()
        self.entries = entries

    def compose(self) -> ComposeResult:
        sources = sum(len(e.sources) for e in self.entries)
        yield Static(Text(f"Timeline — {len(self.entries)} events from {sources} reports; enter opens the evidence",
                          style="bold"), id="timeline-title")
        table: DataTable = DataTable(cursor_type="row", zebra_stripes=True, id="timeline-table")
        table.add_columns("date", "type", "sides", "place", "src", "conflicts", "summary")
        for entry in self.entries:
            table.add_row(
                Text(entry.date or "undated", style="bold"),
                Text(entry.type + (" (planned)" if entry.status == "planned" else "")),
                Text(visible(", ".join(entry.actors))[:34]), Text(visible(entry.place or "")[:16]),
                Text(str(len(entry.sources)), justify="right"),
                Text(visible("; ".join(entry.conflicts))[:60], style="red" if entry.conflicts else ""),
                Text(visible(entry.summary[:100])),
            )
        yield table
        yield Static(id="timeline-detail")
        yield Footer()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        entry = self.entries[event.cursor_row]
        sources = ", ".join(visible(s.path.rsplit("/", 1)[-1]) for s in entry.sources)
        detail = Text(visible(entry.summary))
        detail.append(f"\nsources: {sources}", style="dim")
        for conflict in entry.conflicts:
            detail.append(f"\n⚠ {visible(conflict)}", style="red")
        self.query_one("#timeline-detail", Static).update(detail)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        entry = self.entries[event.cursor_row]
        self.dismiss(entry.sources[0] if entry.sources else None)
