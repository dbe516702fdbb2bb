"""The main screen: article list, reader and events panel. It binds the session model (tui/app/model.py) down to
the widgets, takes their messages and its workers', and is the only part of the UI that talks to the store."""

from __future__ import annotations

import gc
import threading
from pathlib import Path

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Footer, OptionList, ProgressBar, Static
from textual.worker import get_current_worker

from tui.core.codebook import Codebook
from tui.core.extract.preview import preview_article
from tui.core.extract.reader import RawArticle, Skipped, read_articles
from tui.core.model import Article
from tui.core.store.database import AnnotationStore, StoreError

from ..keys import KEYS
from ..messages import ArticlesExtracted, ArticlesRead, ExtractionDone, ExtractionProgress
from tui.core.text import one_line

from ..widgets import ArticleList, ArticleReader, EventsPanel, KeyFooter
from .launchers import ScreenLaunchers
from .tagging import TaggingActions

BATCH = 25
NARROW = 110


class MainScreen(TaggingActions, ScreenLaunchers):
    BINDINGS = KEYS

    def __init__(self, paths: list[Path], store: AnnotationStore, codebook: Codebook) -> None:
        super().__init__(paths, store, codebook)
        self._resume = store.get_session()
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
        self.load_articles(list(self.paths))

    def _mount_chrome(self) -> None:
        """The footer (a widget per key) and the progress bar come just after the first frame with the article."""
        if self.is_attached and not self.query(Footer):
            self.mount(ProgressBar(id="progress", show_eta=False, show_percentage=False,  # counted in the status
                                   total=max(len(self.articles), 1)),
                       before=self.query_one("#status"))
            self.mount(KeyFooter())  # help and quit first
            self.call_after_refresh(self.refresh_bindings)  # a footer mounted late must be told the keys
            if not self.extracting:
                self.query_one(ProgressBar).display = False

    def on_resize(self, event: events.Resize) -> None:
        self._apply_width(event.size.width)

    def _apply_width(self, width: int) -> None:
        self.set_class(width < NARROW, "narrow")

    # -- loading: a worker reads and extracts, and posts what it has; the handlers below take it in ------------

    @work(thread=True, exclusive=True, group="load")
    def load_articles(self, paths: list[Path]) -> None:
        """Two passes: a quick preview of every article (read, layout, sentences) so the list and the reader fill
        at once, then the full extraction (whose modules are imported here, off the first frame), article by
        article, replacing each preview. Stops when cancelled (the screen closing)."""
        worker = get_current_worker()
        raws: list[RawArticle | Skipped] = []
        batch: list[Article] = []
        skipped: list[str] = []
        sent = False
        for item in read_articles(paths):
            if worker.is_cancelled:
                return
            raws.append(item)
            if isinstance(item, RawArticle):
                skipped += [f"newsdesk: {one_line(item.path)}: {one_line(w)}" for w in item.warnings]  # as extract
                batch.append(preview_article(item))
                if len(batch) >= BATCH or not sent:  # the first at once: the first frame shows it
                    self.post_message(ArticlesRead(batch, skipped))
                    batch, skipped, sent = [], [], True
            else:
                skipped.append(str(item))
        self.post_message(ArticlesRead(batch, skipped))
        self._first_frame.wait(timeout=5)  # let the first frame be drawn before the heavy imports take the GIL
        from tui.core.extract.pipeline import (
            extract_corpus,  # the heavy part of the core
        )

        total = sum(isinstance(item, RawArticle) for item in raws)
        done: list[Article] = []
        count = 0
        for article in extract_corpus(raws):
            if worker.is_cancelled:
                return
            done.append(article.for_reading())
            count += 1
            if len(done) >= BATCH or count == 1:  # the first at once: the article on screen becomes taggable
                self.post_message(ArticlesExtracted(done))
                self.post_message(ExtractionProgress(count, total))
                done = []
        self.post_message(ArticlesExtracted(done))
        self.post_message(ExtractionProgress(count, total))
        self.post_message(ExtractionDone())

    @on(ArticlesRead)
    def _add_articles(self, message: ArticlesRead) -> None:
        first = not self.articles
        rows = []
        for article in message.articles:
            try:
                self.model.add(article)
            except StoreError as exc:
                self.notify(str(exc), severity="error")
            rows.append((article, *self.model.counts(article)))
        self.model.skipped.extend(message.skipped)
        self.query_one(ArticleList).add_articles(rows)
        if first and self.articles and self.article_index < 0:
            self.article_index = 0
        if first and self.articles:
            self.call_after_refresh(self._first_frame.set)
            self.call_after_refresh(self._mount_chrome)

    @on(ArticlesExtracted)
    def _replace_articles(self, message: ArticlesExtracted) -> None:
        """Full extractions replace the previews, in the same order; the cursor stays on the same text."""
        for article in message.articles:
            index = self.model.replace_next(article)
            if index is None:
                break
            self.query_one(ArticleList).update_counts(index, article, *self.model.counts(article))
            if index == self.article_index:
                offset = self._current_offset()
                self._show_article(article)
                self._go_to_offset(index, offset)
            resume = self._resume.get("article_id")
            if resume and article.id == resume:
                self.article_index = index
                self._resume_statement()
                self._resume = {}

    @on(ExtractionProgress)
    def _show_progress(self, message: ExtractionProgress) -> None:
        for progress in self.query(ProgressBar):
            progress.update(total=max(message.total, 1), progress=message.done)
        self._update_status()

    def _current_offset(self) -> int:
        article = self.current_article
        if article and 0 <= self.statement_index < len(article.statements):
            return article.statements[self.statement_index].start
        return 0

    @on(ExtractionDone)
    def _loading_done(self) -> None:
        self.extracting = False
        # Everything loaded lives as long as the app: out of the collector's sight, full collections no longer
        # walk it between two key presses (they made one move in ten take 40-60 ms instead of about 10).
        gc.freeze()
        self._add_detected_sides()
        self._mount_chrome()
        for progress in self.query(ProgressBar):
            progress.display = False
        if self.articles and self.article_index < 0:
            self.article_index = 0
        for line in self.model.skipped:
            self.notify(line, severity="warning", timeout=8)
        if self.orphans:
            self.notify(f"{len(self.orphans)} tag(s) could not be placed in the changed text: press o to see them",
                        severity="warning", timeout=10)
        self._update_status()

    def _add_detected_sides(self) -> None:
        """Sides that speak in the corpus join the codebook's actors; the codebook in use is saved in the
        database so the annotation set explains itself."""
        self.model.with_detected_sides()
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

    def watch_filter(self) -> None:
        where = self.stops()
        if where and self.statement_index not in where:
            self.statement_index = where[0]
        self._update_status()

    # -- navigation ---------------------------------------------------------------------------------------------

    def action_next_statement(self) -> None:
        self._move(1)

    def action_previous_statement(self) -> None:
        self._move(-1)

    def action_first_statement(self) -> None:
        self._move("first")

    def action_last_statement(self) -> None:
        self._move("last")

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
