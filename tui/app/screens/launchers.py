"""The main screen's ways into the other screens: search, filter, timeline, orphans, disagreements, statistics,
export, help.

Work over every article or tag (the timeline, agreement, counting, export) runs in a worker on a copy taken here,
in the UI thread, so tagging can go on meanwhile: a worker never reads the store, which is not thread-safe. It
posts its result as a message (tui/app/messages.py) and returns; the screen opens the result.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.worker import get_current_worker

from tui.core.codebook import Codebook
from tui.core.model import Article

from ..messages import DisagreementsReady, StatsReady, TimelineReady
from .filters import Filter
from .session import SessionScreen

if TYPE_CHECKING:
    from tui.core.extract.timeline import Source
    from tui.core.sets.agreement import ContestedUnit
    from tui.core.sets.annotation_set import ExportResult

    from ..model import StoreSnapshot


class ScreenLaunchers(SessionScreen):
    """The main screen's part that opens the other screens and takes back what they return."""

    def action_search(self) -> None:
        from .lists import SearchScreen

        self.app.push_screen(SearchScreen(self.articles), self._search_done)

    def _search_done(self, hit: tuple[int, int] | None) -> None:
        if hit:
            article_index, statement_index = hit
            self.filter = Filter()
            if article_index != self.article_index:
                self.article_index = article_index
            self.statement_index = statement_index

    def action_filter(self) -> None:
        from .lists import FilterScreen

        self.app.push_screen(FilterScreen([a.name for a in self.codebook.actors],
                                          [s.name for s in self.codebook.stances], self.store.annotators()),
                             self._filter_chosen)

    def _filter_chosen(self, choice: Filter | None) -> None:
        if choice is not None:
            self.filter = choice

    # -- timeline ---------------------------------------------------------------------------------------------

    def action_timeline(self) -> None:
        self.build_timeline(list(self.articles))

    @work(thread=True, exclusive=True, group="timeline")
    def build_timeline(self, articles: list[Article]) -> None:
        from tui.core.extract.timeline import build_timeline

        entries = build_timeline(articles)
        if not get_current_worker().is_cancelled:
            self.post_message(TimelineReady(entries))

    @on(TimelineReady)
    def _open_timeline(self, message: TimelineReady) -> None:
        from .timeline import TimelineScreen

        self.app.push_screen(TimelineScreen(message.entries), self._timeline_done)

    def _timeline_done(self, source: Source | None) -> None:
        index = self.model.index_of(source.article_id) if source is not None else None
        if source is not None and index is not None:
            self._go_to_offset(index, source.event.start)

    def action_orphans(self) -> None:
        from .lists import OrphansScreen, orphans_now, resolve_orphan, statement_under_cursor

        self.app.push_screen(OrphansScreen(orphans_now(self), statement_under_cursor(self)),
                             lambda choice: resolve_orphan(self, choice))

    # -- disagreements ----------------------------------------------------------------------------------------

    def action_disagreements(self) -> None:
        self.find_disagreements(list(self.store.all_tags()))

    @work(thread=True, exclusive=True, group="disagreements")
    def find_disagreements(self, tags: list[dict]) -> None:
        from tui.core.sets.agreement import contested_units

        units = contested_units(tags)
        if not get_current_worker().is_cancelled:
            self.post_message(DisagreementsReady(units))

    @on(DisagreementsReady)
    def _open_disagreements(self, message: DisagreementsReady) -> None:
        from .disagreements import DisagreementsScreen

        self.app.push_screen(DisagreementsScreen(message.units, self.codebook, self._adjudicate), self._open_unit)

    def _adjudicate(self, unit: ContestedUnit, fields: dict[str, Any]) -> dict | None:
        """Save the verdict on ``unit`` as the tag of annotator "adjudicated"; None when it cannot be saved."""
        from tui.core.sets.agreement import ADJUDICATED

        if self.store.read_only:
            self.notify("This database is open read-only: verdicts cannot be saved", severity="error")
            return None
        index = self.model.index_of(unit.article_id)
        article = self.articles[index] if index is not None else None
        if index is None or article is None or article.text[unit.start:unit.end] != unit.quote:
            self.notify("That article is not open here (or its text changed): open it to adjudicate",
                        severity="error")
            return None
        saved = self.saves.set_tag(article_id=article.id, article_path=article.path, text=article.text,
                                   start=unit.start, end=unit.end, annotator=ADJUDICATED, **fields)
        if not saved:
            self._report_waiting()
        self._refresh_article(index)
        verdict = next((t for t in self.store.tags_for(article.id) if (t["start"], t["end"], t["annotator"]) ==
                        (unit.start, unit.end, ADJUDICATED)), None)
        return verdict or {**(unit.adjudicated or {}), **fields, "unsaved": True}

    def _open_unit(self, unit: ContestedUnit | None) -> None:
        index = self.model.index_of(unit.article_id) if unit is not None else None
        if unit is not None and index is not None:
            self._go_to_offset(index, unit.start)

    # -- statistics and export --------------------------------------------------------------------------------

    def action_stats(self) -> None:
        where = f"{self.store.path}" + ("" if not self.extracting else " (articles still being extracted)")
        self.count_stats(list(self.store.all_tags()), [a for a in self.articles if a.complete], self.codebook,
                         where)

    @work(thread=True, exclusive=True, group="stats")
    def count_stats(self, tags: list[dict], articles: list[Article], codebook: Codebook, where: str) -> None:
        from tui.core.sets.stats import compute_stats

        stats = compute_stats(tags, articles, codebook)
        if not get_current_worker().is_cancelled:
            self.post_message(StatsReady(stats, codebook, where))

    @on(StatsReady)
    def _open_stats(self, message: StatsReady) -> None:
        from .stats import StatsScreen

        self.app.push_screen(StatsScreen(message.stats, message.codebook, message.where))

    def action_export(self) -> None:
        from .export import ExportScreen

        article = self.current_article
        snapshot = self.model.snapshot()  # the dialog is modal: no tag changes while it is open
        self.app.push_screen(ExportScreen(lambda **request: run_export(snapshot, **request),
                                          self.store.annotators(), article.id if article is not None else None))

    def action_help(self) -> None:
        from .help import HelpScreen

        self.app.push_screen(HelpScreen())


def run_export(snapshot: StoreSnapshot, **request: Any) -> ExportResult:
    """Called from the export dialog's worker, on a snapshot of the store taken when the dialog opened."""
    from tui.core.sets.annotation_set import export

    return export(snapshot, **request)
