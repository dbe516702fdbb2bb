"""The main screen's ways into the other screens: search, filter, timeline, orphans, help."""

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
        from ...core.timeline import build_timeline
        from .timeline import TimelineScreen

        entries = build_timeline(list(self.articles))
        self.app.call_from_thread(self.app.push_screen, TimelineScreen(entries), self._timeline_done)

    def _timeline_done(self, source) -> None:
        if source is not None and source.article_id in self._by_id:
            self._go_to_offset(self._by_id[source.article_id], source.event.start)

    def action_orphans(self) -> None:
        from .lists import OrphansScreen

        self.app.push_screen(OrphansScreen(self.orphans))

    def action_help(self) -> None:
        from .help import HelpScreen

        self.app.push_screen(HelpScreen())
