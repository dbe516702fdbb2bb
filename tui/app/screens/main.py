"""The main screen: article list, reader and events panel. It owns the state (typed reactives), binds it down to
the widgets, takes their messages, and is the only part of the UI that talks to the store."""

from __future__ import annotations

import gc
import threading
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.reactive import reactive, var
from textual.screen import Screen
from textual.widgets import Footer, OptionList, ProgressBar, Static

from tui.core.codebook import Codebook
from tui.core.extract.preview import preview_article
from tui.core.extract.reader import RawArticle, Skipped, read_articles
from tui.core.model import UNTAGGABLE_KINDS as UNTAGGABLE
from tui.core.model import Article, Statement
from tui.core.store.database import AnnotationStore, StoreError
from tui.core.store.pending import SaveQueue
from tui.core.text import one_line

from ..keys import KEYS
from ..widgets import ArticleList, ArticleReader, EventsPanel, KeyFooter, TagView
from ..widgets.article_list import display_title
from ..widgets.article_reader import visible
from .filters import Filter
from .launchers import ScreenLaunchers
from .tagging import TaggingActions

BATCH = 25
NARROW = 110


class MainScreen(TaggingActions, ScreenLaunchers, Screen[None]):
    BINDINGS = KEYS

    article_index: reactive[int] = reactive(-1)
    statement_index: reactive[int] = reactive(0)
    current_article: var[Article | None] = var(None)
    tags: var[dict[int, list[TagView]]] = var(dict)
    filter: reactive[Filter] = reactive(Filter())
    loading: reactive[bool] = reactive(True)
    status: reactive[str] = reactive("")

    def __init__(self, paths: list[Path], store: AnnotationStore, codebook: Codebook) -> None:
        super().__init__()
        self.paths = paths
        self.store = store
        self.saves = SaveQueue(store)
        self.codebook = codebook
        self.articles: list[Article] = []
        self.orphans: list[dict] = []
        self.skipped: list[str] = []
        self._by_id: dict[str, int] = {}
        self._suggestions: dict[tuple[str, bool], dict[int, tuple[str | None, str | None]]] = {}
        self._resume = store.get_session()
        self._replaced = 0  # how many previews the full extraction has replaced
        self._first_frame = threading.Event()
        self._quit_warned = False

    def compose(self) -> ComposeResult:
        with Horizontal(id="body"):
            yield ArticleList(id="articles")
            yield ArticleReader(self.codebook, id="reader").data_bind(
                article=MainScreen.current_article, statement_index=MainScreen.statement_index,
                tags=MainScreen.tags)
            yield EventsPanel(id="events")
        yield Static(id="status")

    def on_mount(self) -> None:
        self.query_one(ArticleReader).focus()
        self._apply_width(self.app.size.width)
        self.load_articles()

    def _mount_chrome(self) -> None:
        """The footer (a widget per key) and the progress bar come just after the first frame with the article."""
        if self.is_attached and not self.query(Footer):
            self.mount(ProgressBar(id="progress", show_eta=False, total=max(len(self.articles), 1)),
                       before=self.query_one("#status"))
            self.mount(KeyFooter())  # help and quit first
            self.call_after_refresh(self.refresh_bindings)  # a footer mounted late must be told the keys
            if not self.loading:
                self.query_one(ProgressBar).display = False

    def on_resize(self, event) -> None:
        self._apply_width(event.size.width)

    def _apply_width(self, width: int) -> None:
        self.set_class(width < NARROW, "narrow")

    # -- loading (worker) ---------------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="load")
    def load_articles(self) -> None:
        """Two passes: a quick preview of every article (read, layout, sentences) so the list and the reader fill
        at once, then the full extraction (whose modules are imported here, off the first frame), article by
        article, replacing each preview."""
        raws: list[RawArticle | Skipped] = []
        batch: list[Article] = []
        for item in read_articles(self.paths):
            raws.append(item)
            if isinstance(item, RawArticle):
                self.skipped += [f"newsdesk: {one_line(item.path)}: {one_line(w)}" for w in item.warnings]  # as extract
                batch.append(preview_article(item))
                if len(batch) >= BATCH or not self.articles:
                    self.app.call_from_thread(self._add_articles, batch)
                    batch = []
            else:
                self.skipped.append(str(item))
        self.app.call_from_thread(self._add_articles, batch)
        self._first_frame.wait(timeout=5)  # let the first frame be drawn before the heavy imports take the GIL
        from tui.core.extract.pipeline import (
            extract_corpus,  # the heavy part of the core
        )

        done: list[Article] = []
        for article in extract_corpus(raws):
            done.append(article.for_reading())
            if len(done) >= BATCH:
                self.app.call_from_thread(self._replace_articles, done)
                done = []
        self.app.call_from_thread(self._replace_articles, done)
        self.app.call_from_thread(self._loading_done)

    def _add_articles(self, batch: list[Article]) -> None:
        first = not self.articles
        rows = []
        for article in batch:
            self._by_id.setdefault(article.id, len(self.articles))
            self.articles.append(article)
            try:
                _placed, orphans = self.store.reanchor(article.id, article.path, article.text)
            except StoreError as exc:
                self.notify(str(exc), severity="error")
                orphans = []
            self.orphans.extend(orphans)
            rows.append((article, *self._counts(article)))
        self.query_one(ArticleList).add_articles(rows)
        if first and self.articles and self.article_index < 0:
            self.article_index = 0
        if first:
            self.call_after_refresh(self._first_frame.set)
            self.call_after_refresh(self._mount_chrome)

    def _replace_articles(self, batch: list[Article]) -> None:
        """Full extractions replace the previews, in the same order; the cursor stays on the same text."""
        for article in batch:
            index = self._replaced
            self._replaced += 1
            if index >= len(self.articles):
                break
            self.articles[index] = article
            self.query_one(ArticleList).update_counts(index, article, *self._counts(article))
            if index == self.article_index:
                offset = self._current_offset()
                self._show_article(article)
                self._go_to_offset(index, offset)
            resume = self._resume.get("article_id")
            if resume and article.id == resume:
                self.article_index = index
                self._resume_statement()
                self._resume = {}
        for progress in self.query(ProgressBar):
            progress.update(total=max(len(self.articles), 1), progress=self._replaced)

    def _current_offset(self) -> int:
        article = self.current_article
        if article and 0 <= self.statement_index < len(article.statements):
            return article.statements[self.statement_index].start
        return 0

    def _loading_done(self) -> None:
        self.loading = False
        # Everything loaded lives as long as the app: out of the collector's sight, full collections no longer
        # walk it between two key presses (they made one move in ten take 40-60 ms instead of about 10).
        gc.freeze()
        self._add_detected_sides()
        self._mount_chrome()
        for progress in self.query(ProgressBar):
            progress.display = False
        if self.articles and self.article_index < 0:
            self.article_index = 0
        for line in self.skipped:
            self.notify(line, severity="warning", timeout=8)
        if self.orphans:
            self.notify(f"{len(self.orphans)} tag(s) could not be placed in the changed text: press o to see them",
                        severity="warning", timeout=10)
        self._update_status()

    def _add_detected_sides(self) -> None:
        """Sides that speak in the corpus (two statements or more) join the codebook's actors; the codebook in use
        is saved in the database so the annotation set explains itself."""
        counts: dict[str, int] = {}
        for article in self.articles:
            for statement in article.statements:
                if statement.side:
                    counts[statement.side] = counts.get(statement.side, 0) + 1
        sides = sorted((side for side, n in counts.items() if n >= 2), key=lambda side: -counts[side])
        self.codebook = self.codebook.with_sides(sides)
        self.query_one(ArticleReader).codebook = self.codebook
        if not self.store.read_only:
            try:
                self.store.set_meta("codebook", self.codebook.to_dict())
            except (StoreError, OSError) as exc:
                self.notify(f"Codebook not saved: {exc}", severity="error")

    def _resume_statement(self) -> None:
        wanted = self._resume.get("statement_id")
        if self.current_article and wanted:
            for index, statement in enumerate(self.current_article.statements):
                if statement.id == wanted:
                    self.statement_index = index

    # -- state to widgets ---------------------------------------------------------------------------------------

    def watch_article_index(self, index: int) -> None:
        if not 0 <= index < len(self.articles):
            return
        self._show_article(self.articles[index])
        article_list = self.query_one(ArticleList)
        if article_list.highlighted != index:
            article_list.highlighted = index
        if not self.store.read_only and self.articles[index].complete:
            self.store.set_session(article_id=self.articles[index].id)

    def _show_article(self, article: Article) -> None:
        self.current_article = article
        self.tags = self._tag_views(article)
        stops = self._stops()
        self.statement_index = stops[0] if stops else 0
        self.query_one(EventsPanel).show_events(article.events)
        self._update_status()

    def watch_filter(self) -> None:
        stops = self._stops()
        if stops and self.statement_index not in stops:
            self.statement_index = stops[0]
        self._update_status()

    def watch_status(self, status: str) -> None:
        self.query_one("#status", Static).update(Text(status))

    def _update_status(self) -> None:
        article = self.current_article
        parts = [f"annotator {visible(self.store.annotator)}", f"filter: {self.filter.label()}"]
        if article:
            tagged, total = self._counts(article)
            parts.insert(0, f"{visible(display_title(article))[:50]} — {tagged}/{total} tagged")
            parts.append(f"published {article.published or 'unknown'} ({article.published_from or 'no date'})")
        if self.store.read_only:
            parts.append("READ-ONLY")
        if self.saves.pending:
            parts.append(f"{self.saves.pending} UNSAVED (disk error, retrying)")
        if self.orphans:
            parts.append(f"{len(self.orphans)} orphan tags (o)")
        self.status = "  ·  ".join(parts)

    def _tag_views(self, article: Article) -> dict[int, list[TagView]]:
        by_span = {(s.start, s.end): i for i, s in enumerate(article.statements)}
        views: dict[int, list[TagView]] = {}
        for tag in self.store.tags_for(article.id):
            index = by_span.get((tag["start"], tag["end"]))
            if index is None:
                index = next((i for i, s in enumerate(article.statements) if s.start <= tag["start"] < s.end), None)
            if index is not None:
                views.setdefault(index, []).append(TagView(
                    tag.get("actor"), tag.get("stance"), tag.get("annotator"), tag.get("note"),
                    own=tag.get("annotator") == self.store.annotator))
        self._overlay_waiting(article, by_span, views)
        suggestions = self._suggestions_for(article) if article.complete else {}  # previews cannot be tagged
        for index, (actor, stance) in suggestions.items():
            if not any(view.own and not view.suggested for view in views.get(index, [])) and (actor or stance):
                views.setdefault(index, []).insert(0, TagView(actor, stance, suggested=True))
        return views

    def _overlay_waiting(self, article: Article, by_span: dict[tuple[int, int], int],
                         views: dict[int, list[TagView]]) -> None:
        """Changes the disk has not taken yet show as they will be, marked unsaved."""
        for span, fields in self.saves.overlay(article.id).items():
            index = by_span.get(span)
            if index is None:
                continue
            own = next((v for v in views.get(index, []) if v.own and not v.suggested), None)
            others = [v for v in views.get(index, []) if v is not own]
            if fields is None:
                views[index] = others
                continue
            merged = TagView(own.actor if own else None, own.stance if own else None, self.store.annotator,
                             own.note if own else None, unsaved=True)
            for name in ("actor", "stance", "note"):
                if name in fields:
                    setattr(merged, name, fields[name])
            views[index] = [merged, *others]

    def _suggestions_for(self, article: Article) -> dict[int, tuple[str | None, str | None]]:
        from tui.core.extract.suggest import suggest

        key = (article.id, article.complete)
        if key not in self._suggestions:
            self._suggestions[key] = {i: suggest(s, article.text, self.codebook)
                                      for i, s in enumerate(article.statements) if s.kind not in UNTAGGABLE}
        return self._suggestions[key]

    def _counts(self, article: Article) -> tuple[int, int]:
        spans = {(t["start"], t["end"]) for t in self.store.tags_for(article.id)
                 if t.get("annotator") == self.store.annotator}
        taggable = [s for s in article.statements if s.kind not in UNTAGGABLE]
        return sum(1 for s in taggable if (s.start, s.end) in spans), len(taggable)

    def _refresh_article(self, article_index: int | None = None) -> None:
        index = self.article_index if article_index is None else article_index
        article = self.articles[index]
        if index == self.article_index:
            self.tags = self._tag_views(article)
        self.query_one(ArticleList).update_counts(index, article, *self._counts(article))
        self._update_status()

    # -- navigation ---------------------------------------------------------------------------------------------

    def _matches(self, index: int, statement: Statement) -> bool:
        if statement.kind in UNTAGGABLE:
            return False
        kind, value = self.filter.kind, self.filter.value
        if kind == "all":
            return True
        saved = [t for t in self.tags.get(index, []) if not t.suggested]
        if kind == "untagged":
            return not any(t.own for t in saved)
        return any(getattr(t, kind) == value for t in saved)

    def _stops(self) -> list[int]:
        article = self.current_article
        if article is None:
            return []
        return [i for i, s in enumerate(article.statements) if self._matches(i, s)]

    def _move(self, step: int | None = None, *, to: str | None = None) -> None:
        stops = self._stops()
        if not stops:
            self.notify(f"No statements match the filter ({self.filter.label()}) here", severity="warning")
            return
        if to == "first":
            self.statement_index = stops[0]
        elif to == "last":
            self.statement_index = stops[-1]
        elif step and step > 0:
            self.statement_index = next((i for i in stops if i > self.statement_index), self.statement_index)
        elif step:
            self.statement_index = next((i for i in reversed(stops) if i < self.statement_index), self.statement_index)

    def action_next_statement(self) -> None:
        self._move(1)

    def action_previous_statement(self) -> None:
        self._move(-1)

    def action_first_statement(self) -> None:
        self._move(to="first")

    def action_last_statement(self) -> None:
        self._move(to="last")

    def action_next_article(self) -> None:
        if self.article_index + 1 < len(self.articles):
            self.article_index += 1

    def action_previous_article(self) -> None:
        if self.article_index > 0:
            self.article_index -= 1

    @on(OptionList.OptionHighlighted, "#articles")
    def _article_highlighted(self, message: OptionList.OptionHighlighted) -> None:
        self.article_index = message.option_index

    @on(EventsPanel.EventChosen)
    def _event_chosen(self, message: EventsPanel.EventChosen) -> None:
        self._go_to_offset(self.article_index, message.event.start)
        self.query_one(ArticleReader).focus()

    @on(ArticleReader.StatementClicked)
    def _statement_clicked(self, message: ArticleReader.StatementClicked) -> None:
        self.statement_index = message.index

    def _go_to_offset(self, article_index: int, offset: int) -> None:
        if article_index != self.article_index:
            self.article_index = article_index
        article = self.articles[article_index]
        for index, statement in enumerate(article.statements):
            if statement.start <= offset < statement.end or statement.start >= offset:
                self.statement_index = index
                return

    def action_toggle_events(self) -> None:
        """Narrow terminals hide the panel until asked ("shown"); wide ones show it until asked ("hidden")."""
        self.query_one(EventsPanel).toggle_class("shown" if self.has_class("narrow") else "hidden")

    def action_toggle_list(self) -> None:
        self.query_one(ArticleList).toggle_class("hidden")

    def action_quit(self) -> None:
        if self.saves.pending and not self.saves.retry():
            if not self._quit_warned:
                self._quit_warned = True
                self.notify(f"{self.saves.pending} change(s) could not be saved ({self.saves.last_error}). "
                            f"Press q again to quit: they will be written to a rescue file to import later",
                            severity="error", timeout=20)
                return
            rescue = self.saves.rescue(self.store.path.parent)
            message = (f"newsdesk: {self.saves.pending} unsaved change(s) written to {rescue}; "
                       f"bring them back with: newsdesk import {rescue}" if rescue else
                       f"newsdesk: {self.saves.pending} change(s) could not be saved anywhere and are lost")
            self.saves.waiting.clear()
            self.app.exit(message=Text(message))
            return
        self._save_position()
        self.app.exit()

    def on_unmount(self) -> None:
        self._save_position()
        gc.unfreeze()  # what _loading_done froze may be collected again once this screen is gone

    def _save_position(self) -> None:
        """Remember the article and statement, so the next start returns here."""
        article = self.current_article
        if article and not self.store.read_only and 0 <= self.statement_index < len(article.statements):
            try:
                self.store.set_session(article_id=article.id,
                                       statement_id=article.statements[self.statement_index].id)
            except (StoreError, OSError):
                pass
