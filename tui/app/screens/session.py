"""The state the main screen's parts share, declared once and typed: the session model, the cursor (typed
reactives bound down to the widgets) and the few steps every part uses (show an article, move the cursor, refresh
after a change, the status line).

:class:`~tui.app.screens.main.MainScreen` is this class with its parts: loading and navigation (main.py), tagging
(tagging.py) and the ways into the other screens (launchers.py), each a subclass of this one.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from rich.text import Text
from textual.reactive import reactive, var
from textual.screen import Screen
from textual.widgets import Static

from tui.core.codebook import Codebook
from tui.core.model import Article
from tui.core.store.database import AnnotationStore
from tui.core.store.pending import SaveQueue

from ..model import SessionModel, TagViews, step, stops
from ..widgets import ArticleList, EventsPanel
from ..widgets.article_list import display_title
from ..widgets.article_reader import visible
from .filters import Filter

if TYPE_CHECKING:
    from textual.timer import Timer

RETRY_SECONDS = 5


class SessionScreen(Screen[None]):
    article_index: reactive[int] = reactive(-1)
    statement_index: reactive[int] = reactive(0)
    current_article: var[Article | None] = var(None)
    tags: var[TagViews] = var(dict)
    filter: reactive[Filter] = reactive(Filter())
    # Not named ``loading``: that is Textual's own Widget.loading, which covers the whole screen with a
    # LoadingIndicator while True — the list and the reader would sit under it until extraction ends.
    extracting: reactive[bool] = reactive(True)
    status: reactive[str] = reactive("")

    def __init__(self, paths: list[Path], store: AnnotationStore, codebook: Codebook) -> None:
        super().__init__()
        self.paths = paths
        self.model = SessionModel(store, codebook)
        self._retry_timer: Timer | None = None

    # The model's parts under the names the screens and tests have always used.
    @property
    def store(self) -> AnnotationStore:
        return self.model.store

    @property
    def saves(self) -> SaveQueue:
        return self.model.saves

    @property
    def codebook(self) -> Codebook:
        return self.model.codebook

    @property
    def articles(self) -> list[Article]:
        return self.model.articles

    @property
    def orphans(self) -> list[dict]:
        return self.model.orphans

    # -- state to widgets -------------------------------------------------------------------------------------

    def _show_article(self, article: Article) -> None:
        self.current_article = article
        self.tags = self.model.tag_views(article)
        first = self.stops()
        self.statement_index = first[0] if first else 0
        panel = self.query_one(EventsPanel)
        panel.show_events(article.events)
        if not article.complete and not article.events:  # a preview has none yet: not "No events found"
            panel.replace_option_prompt_at_index(0, Text("extracting…", style="italic dim"))
        self._update_status()

    def _refresh_article(self, article_index: int | None = None) -> None:
        """After a change to the tags of an article: its views, its row's counts, the status line."""
        index = self.article_index if article_index is None else article_index
        article = self.articles[index]
        if index == self.article_index:
            self.tags = self.model.tag_views(article)
        self.query_one(ArticleList).update_counts(index, article, *self.model.counts(article))
        self._update_status()

    def watch_status(self, status: str) -> None:
        self.query_one("#status", Static).update(Text(status))

    def _update_status(self) -> None:
        """The state that matters most comes first, so a narrow terminal cuts the least important."""
        article = self.current_article
        parts = []
        if self.store.read_only:
            parts.append("READ-ONLY")
        if self.saves.pending:
            parts.append(f"{self.saves.pending} UNSAVED (disk error, retrying)")
        if self.extracting:
            parts.append(f"extracting {self.model.extracted}/{len(self.articles)}")
        if article:
            tagged, total = self.model.counts(article)
            parts.append(f"{visible(display_title(article))[:50]} — {tagged}/{total} tagged")
        parts += [f"annotator {visible(self.store.annotator)}", f"filter: {self.filter.label()}"]
        if article:
            parts.append(f"published {article.published or 'unknown'} ({article.published_from or 'no date'})")
        if self.orphans:
            parts.append(f"{len(self.orphans)} orphan tags (o)")
        self.status = "  ·  ".join(parts)

    # -- the cursor -------------------------------------------------------------------------------------------

    def stops(self) -> list[int]:
        """The statements j/k stop on in the article on screen, under the filter."""
        return stops(self.current_article, self.tags, self.filter)

    def _move(self, move: int | Literal["first", "last"]) -> None:
        where = self.stops()
        if not where:
            self.notify(f"No statements match the filter ({self.filter.label()}) here", severity="warning")
            return
        self.statement_index = step(where, self.statement_index, move)

    def _go_to_offset(self, article_index: int, offset: int) -> None:
        if article_index != self.article_index:
            self.article_index = article_index
        article = self.articles[article_index]
        for index, statement in enumerate(article.statements):
            if statement.start <= offset < statement.end or statement.start >= offset:
                self.statement_index = index
                return

    # -- saving -----------------------------------------------------------------------------------------------

    def _report_waiting(self) -> None:
        """Say what the disk refused and keep retrying until the waiting changes are written."""
        self.notify(f"Not saved yet: {self.saves.last_error} — {self.saves.pending} change(s) kept in memory, "
                    f"retrying every {RETRY_SECONDS} s", severity="error", timeout=10)
        if self._retry_timer is None:
            self._retry_timer = self.set_interval(RETRY_SECONDS, self._retry_saves)

    def _retry_saves(self) -> None:
        if self.saves.retry():
            if self._retry_timer is not None:
                self._retry_timer.stop()
                self._retry_timer = None
            self.notify("Every waiting change is saved now")
        for index, article in enumerate(self.articles):
            if article is self.current_article:
                self._refresh_article(index)
