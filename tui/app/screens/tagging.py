"""Tagging actions of the main screen: set actor and stance, accept a suggestion, clear, note, undo and redo.

Every change goes through a :class:`~tui.core.store.pending.SaveQueue`: when the disk refuses it (full, read-only
folder), it stays in memory, shows as unsaved, and is retried on a timer; quitting writes what still waits to a
rescue file that ``newsdesk import`` reads.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tui.core.model import Article, Statement
from tui.core.tag_change import fields_to_save

from ..model import confirmed
from .session import SessionScreen


class TaggingActions(SessionScreen):
    """The main screen's tagging part: every change to a tag made from the reader."""

    def _writable_statement(self) -> tuple[Article, Statement] | None:
        if self.store.read_only:
            self.notify("This database is open read-only: tags cannot be saved", severity="error")
            return None
        article = self.current_article
        if article is not None and not article.complete:
            self.notify("Still extracting this article: tagging opens in a moment", severity="warning")
            return None
        if article is None or not 0 <= self.statement_index < len(article.statements):
            return None
        return article, article.statements[self.statement_index]

    def _save(self, **fields: Any) -> bool:
        """Save a change to the current statement; a change the disk refuses waits in memory (shown unsaved)."""
        target = self._writable_statement()
        if target is None:
            return False
        article, statement = target
        try:
            saved = self.saves.set_tag(article_id=article.id, article_path=article.path, text=article.text,
                                       start=statement.start, end=statement.end, **fields)
        except ValueError as exc:
            self.notify(f"Not saved: {exc}", severity="error", timeout=10)
            return False
        self._after_save(saved)
        return True

    def _after_save(self, saved: bool) -> None:
        if not saved:
            self._report_waiting()
        self._refresh_article()

    def _save_field(self, name: str) -> Callable[[str | None], None]:
        """What a picker or prompt calls with its answer: None (cancelled) saves nothing; an empty note clears it."""

        def save(value: str | None) -> None:
            if value is not None:
                self._save(**self._with_suggestion({name: value or None}))

        return save

    def _with_suggestion(self, change: dict[str, Any]) -> dict[str, Any]:
        """A change to one half of a suggestion keeps its other half (tui.core.tag_change says why)."""
        target = self._writable_statement()
        if target is None or "note" in change:
            return change
        article, statement = target
        own = next((tag for tag in self.store.tags_in(article.id, statement.start, statement.end,
                                                       annotator=self.store.annotator)
                    if (tag["start"], tag["end"]) == (statement.start, statement.end)), None)
        suggestion = self.model.suggestions_for(article).get(self.statement_index, (None, None))
        return fields_to_save(change, own, suggestion)

    def action_set_actor(self) -> None:
        from .picker import PickerScreen

        if self._writable_statement():
            self.app.push_screen(PickerScreen("Actor", self.codebook.actors), self._save_field("actor"))

    def action_set_stance(self) -> None:
        from .picker import PickerScreen

        if self._writable_statement():
            self.app.push_screen(PickerScreen("Stance", self.codebook.stances), self._save_field("stance"))

    def action_accept_suggestion(self) -> None:
        article = self.current_article
        if article is None:
            return
        if confirmed(self.tags.get(self.statement_index, [])) is not None:
            self._move(1)  # already tagged: enter confirms and moves on, it never overwrites
            return
        actor, stance = self.model.suggestions_for(article).get(self.statement_index, (None, None))
        if not (actor or stance):
            self.notify("No suggestion for this statement", severity="warning")
            return
        fields: dict[str, Any] = {"suggested": True}
        fields.update({name: value for name, value in (("actor", actor), ("stance", stance)) if value})
        if self._save(**fields):
            self._move(1)

    def action_clear_tags(self) -> None:
        target = self._writable_statement()
        if target:
            article, statement = target
            self._after_save(self.saves.clear(article_id=article.id, article_path=article.path,
                                              text=article.text, start=statement.start, end=statement.end))

    def action_undo(self) -> None:
        self._history_step("undo")

    def action_redo(self) -> None:
        self._history_step("redo")

    def _history_step(self, direction: str) -> None:
        if self.store.read_only:
            self.notify("This database is open read-only", severity="error")
            return
        if self.saves.pending:
            self.notify(f"{self.saves.pending} change(s) still wait to be saved; undo once they are written",
                        severity="error")
            return
        change = self.store.undo() if direction == "undo" else self.store.redo()
        if change is None:
            self.notify(f"Nothing to {direction}", severity="warning")
            return
        index = self.model.index_of(change["article_id"])
        if index is None:
            self.notify(f"{direction.title()} changed a tag in an article that is not open here")
            return
        self._go_to_offset(index, change["start"])
        self._refresh_article(index)

    def action_note(self) -> None:
        from .prompt import PromptScreen

        target = self._writable_statement()
        if target is None:
            return
        article, statement = target
        current = self.model.own_note(article, statement)
        self.app.push_screen(PromptScreen("Note for this statement", current or ""), self._save_field("note"))
