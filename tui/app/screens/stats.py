"""Statistics: tags by actor and stance, progress per article, work per annotator, as terminal charts.

The counting is :func:`tui.core.sets.stats.compute_stats` and the drawing :mod:`tui.cli.charts`, the same as
``newsdesk stats`` prints; the main screen computes it in a worker and hands it over.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from tui.core.codebook import Codebook
from tui.core.sets.stats import Stats
from tui.presentation.charts import stats_heading, stats_renderables

from ..commands import bindings


class StatsScreen(Screen[None]):
    BINDINGS = bindings("stats")

    def __init__(self, stats: Stats, codebook: Codebook, where: str) -> None:
        super().__init__()
        self.stats = stats
        self.codebook = codebook
        self.where = where

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="stats"):
            yield Static(id="stats-body")
        yield Footer()

    def on_mount(self) -> None:
        self._draw()
        self.query_one("#stats").focus()

    def on_resize(self) -> None:
        self._draw()

    def _draw(self) -> None:
        bar_width = max(10, min(40, self.size.width // 4))
        self.query_one("#stats-body", Static).update(
            stats_renderables(self.stats, self.codebook, bar_width, stats_heading(self.stats, self.where)))

    def action_scroll(self, lines: int) -> None:
        self.query_one("#stats").scroll_relative(y=lines, animate=False)
