"""The main screen's ways into the other screens: search, filter, timeline, orphans, disagreements, statistics,
export, help.  Work over every tag (agreement, counting, export) runs in a worker on a copy of the tags taken in
the UI thread, so tagging can go on meanwhile."""

from __future__ import annotations

from textual import work

from .filters import Filter


class ScreenLaunchers:
    """Mixed into :class:`~tui.app.screens.main.MainScreen`, whose articles, store and cursor it uses."""

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

        annotators = self.store.annotators()
        self.app.push_screen(FilterScreen([a.name for a in self.codebook.actors],
                                          [s.name for s in self.codebook.stances], annotators),
                             lambda choice: choice is not None and setattr(self, "filter", choice))

    def action_timeline(self) -> None:
        self.show_timeline()

    @work(thread=True, exclusive=True, group="timeline")
    def show_timeline(self) -> None:
        from tui.core.extract.timeline import build_timeline

        from .timeline import TimelineScreen

        entries = build_timeline(list(self.articles))
        self.app.call_from_thread(self.app.push_screen, TimelineScreen(entries), self._timeline_done)

    def _timeline_done(self, source) -> None:
        if source is not None and source.article_id in self._by_id:
            self._go_to_offset(self._by_id[source.article_id], source.event.start)

    def action_orphans(self) -> None:
        from .lists import OrphansScreen, orphans_now, resolve_orphan, statement_under_cursor

        self.app.push_screen(OrphansScreen(orphans_now(self), statement_under_cursor(self)),
                             lambda choice: resolve_orphan(self, choice))

    def action_disagreements(self) -> None:
        self.show_disagreements(list(self.store.all_tags()))

    @work(thread=True, exclusive=True, group="disagreements")
    def show_disagreements(self, tags: list[dict]) -> None:
        from tui.core.sets.agreement import contested_units

        from .disagreements import DisagreementsScreen

        units = contested_units(tags)
        self.app.call_from_thread(self.app.push_screen, DisagreementsScreen(units, self.codebook, self._adjudicate),
                                  self._open_unit)

    def _adjudicate(self, unit, fields: dict) -> dict | None:
        """Save the verdict on ``unit`` as the tag of annotator "adjudicated"; None when it cannot be saved."""
        from tui.core.sets.agreement import ADJUDICATED

        if self.store.read_only:
            self.notify("This database is open read-only: verdicts cannot be saved", severity="error")
            return None
        index = self._by_id.get(unit.article_id)
        article = self.articles[index] if index is not None else None
        if article is None or article.text[unit.start:unit.end] != unit.quote:
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

    def _open_unit(self, unit) -> None:
        if unit is not None and unit.article_id in self._by_id:
            self._go_to_offset(self._by_id[unit.article_id], unit.start)

    def action_stats(self) -> None:
        self.show_stats(list(self.store.all_tags()), [a for a in self.articles if a.complete])

    @work(thread=True, exclusive=True, group="stats")
    def show_stats(self, tags: list[dict], articles: list) -> None:
        from tui.core.sets.stats import compute_stats

        from .stats import StatsScreen

        stats = compute_stats(tags, articles, self.codebook)
        where = f"{self.store.path}" + ("" if not self.loading else " (articles still loading)")
        self.app.call_from_thread(self.app.push_screen, StatsScreen(stats, self.codebook, where))

    def action_export(self) -> None:
        from .export import ExportScreen

        article = self.current_article
        self.app.push_screen(ExportScreen(self._run_export, self.store.annotators(),
                                          article.id if article is not None else None))

    def _run_export(self, **request):
        """Called from the export dialog's worker: reads this screen's store (a copy of the tags, taken at once)."""
        from tui.core.sets.annotation_set import export

        return export(self.store, **request)

    def action_help(self) -> None:
        from .help import HelpScreen

        self.app.push_screen(HelpScreen())
