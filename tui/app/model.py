"""What the main screen shows, without Textual: the articles of the session, the tag views of an article
(confirmed, suggested, others' tags, changes still waiting for the disk), the statements ``j``/``k`` stop on under
a filter, the tagged/total counts and the sides detected in the corpus.

The screen holds one :class:`SessionModel`, binds what it computes to the widgets and renders; the logic lives here
and is tested with plain pytest. It runs in the UI thread only (the store is not thread-safe); a worker that needs
the tags gets a :class:`StoreSnapshot` taken here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from tui.core.codebook import Codebook
from tui.core.model import UNTAGGABLE_KINDS, Article, Statement
from tui.core.store.database import AnnotationStore
from tui.core.store.pending import SaveQueue

from .screens.filters import Filter

Suggestion = tuple[str | None, str | None]  # (actor, stance)
TagViews = dict[int, list["TagView"]]  # statement index -> what the reader shows beside it


@dataclass(slots=True)
class TagView:
    """What the reader shows for one statement: the saved tags, or a suggestion."""

    actor: str | None
    stance: str | None
    annotator: str | None = None
    note: str | None = None
    suggested: bool = False  # True: an offered suggestion, not a saved tag
    own: bool = True  # saved by the annotator using the app (others' tags are shown too)
    unsaved: bool = False  # the disk refused it; it waits in memory and is retried


def taggable(statement: Statement) -> bool:
    return statement.kind not in UNTAGGABLE_KINDS


def confirmed(views: list[TagView]) -> TagView | None:
    """The annotator's own saved (or waiting) tag among ``views``."""
    return next((view for view in views if view.own and not view.suggested), None)


def stops(article: Article | None, views: TagViews, chosen: Filter) -> list[int]:
    """The statements ``j``/``k`` visit under ``chosen``: taggable ones the filter lets through, in order."""
    if article is None:
        return []
    return [i for i, s in enumerate(article.statements) if taggable(s) and _passes(views.get(i, []), chosen)]


def _passes(views: list[TagView], chosen: Filter) -> bool:
    if chosen.kind == "all":
        return True
    saved = [view for view in views if not view.suggested]
    if chosen.kind == "untagged":
        return not any(view.own for view in saved)
    return any(getattr(view, chosen.kind) == chosen.value for view in saved)


def step(stops_: list[int], current: int, move: int | Literal["first", "last"]) -> int:
    """The statement after a move from ``current``: +1/-1 to the next/previous stop (staying put at either
    end), or the first/last stop. ``stops_`` must not be empty."""
    if move == "first":
        return stops_[0]
    if move == "last":
        return stops_[-1]
    if move > 0:
        return next((i for i in stops_ if i > current), current)
    return next((i for i in reversed(stops_) if i < current), current)


def detected_sides(articles: list[Article], at_least: int = 2) -> list[str]:
    """Sides that speak in the corpus (``at_least`` statements), the most frequent first."""
    counts: dict[str, int] = {}
    for article in articles:
        for statement in article.statements:
            if statement.side:
                counts[statement.side] = counts.get(statement.side, 0) + 1
    return sorted((side for side, n in counts.items() if n >= at_least), key=lambda side: -counts[side])


@dataclass
class SessionModel:
    """The session's articles and everything the main screen derives from them and the store."""

    store: AnnotationStore
    codebook: Codebook
    saves: SaveQueue = field(init=False)
    articles: list[Article] = field(default_factory=list)
    orphans: list[dict] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    extracted: int = 0  # how many previews the full extraction has replaced (in order)
    by_id: dict[str, int] = field(default_factory=dict)
    _suggestions: dict[tuple[str, bool], dict[int, Suggestion]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.saves = SaveQueue(self.store)

    # -- articles ---------------------------------------------------------------------------------------------

    def add(self, article: Article) -> int:
        """Append a (preview) article; its tags are re-anchored in the store, those that cannot be are orphans.
        Raises the store's StoreError (the article is added all the same)."""
        index = len(self.articles)
        self.by_id.setdefault(article.id, index)
        self.articles.append(article)
        _placed, orphans = self.store.reanchor(article.id, article.path, article.text)
        self.orphans.extend(orphans)
        return index

    def replace_next(self, article: Article) -> int | None:
        """The full extraction of the next preview takes its place; its index, or None past the end."""
        index = self.extracted
        if index >= len(self.articles):
            return None
        self.extracted += 1
        self.articles[index] = article
        return index

    def index_of(self, article_id: str) -> int | None:
        return self.by_id.get(article_id)

    # -- tags -------------------------------------------------------------------------------------------------

    def tag_views(self, article: Article) -> TagViews:
        """Saved tags of every annotator by statement, the annotator's waiting changes over them, and a
        suggestion where the annotator has no tag yet (never on a preview: it cannot be tagged)."""
        by_span = {(s.start, s.end): i for i, s in enumerate(article.statements)}
        views: TagViews = {}
        for tag in self.store.tags_for(article.id):
            index = by_span.get((tag["start"], tag["end"]))
            if index is None:
                index = next((i for i, s in enumerate(article.statements) if s.start <= tag["start"] < s.end), None)
            if index is not None:
                views.setdefault(index, []).append(TagView(
                    tag.get("actor"), tag.get("stance"), tag.get("annotator"), tag.get("note"),
                    own=tag.get("annotator") == self.store.annotator))
        self._overlay_waiting(article, by_span, views)
        suggestions = self.suggestions_for(article) if article.complete else {}
        for index, (actor, stance) in suggestions.items():
            if confirmed(views.get(index, [])) is None and (actor or stance):
                views.setdefault(index, []).insert(0, TagView(actor, stance, suggested=True))
        return views

    def _overlay_waiting(self, article: Article, by_span: dict[tuple[int, int], int], views: TagViews) -> None:
        """Changes the disk has not taken yet show as they will be, marked unsaved."""
        for span, fields in self.saves.overlay(article.id).items():
            index = by_span.get(span)
            if index is None:
                continue
            own = confirmed(views.get(index, []))
            others = [view for view in views.get(index, []) if view is not own]
            if fields is None:
                views[index] = others
                continue
            merged = TagView(own.actor if own else None, own.stance if own else None, self.store.annotator,
                             own.note if own else None, unsaved=True)
            for name in ("actor", "stance", "note"):
                if name in fields:
                    setattr(merged, name, fields[name])
            views[index] = [merged, *others]

    def suggestions_for(self, article: Article) -> dict[int, Suggestion]:
        """(actor, stance) offered for each taggable statement, computed once per article version."""
        from tui.core.extract.suggest import suggest  # off the way to the first frame

        key = (article.id, article.complete)
        if key not in self._suggestions:
            self._suggestions[key] = {i: suggest(s, article.text, self.codebook)
                                      for i, s in enumerate(article.statements) if taggable(s)}
        return self._suggestions[key]

    def counts(self, article: Article) -> tuple[int, int]:
        """(statements the annotator tagged, taggable statements) of ``article``."""
        spans = {(t["start"], t["end"]) for t in self.store.tags_for(article.id)
                 if t.get("annotator") == self.store.annotator}
        kept = [s for s in article.statements if taggable(s)]
        return sum(1 for s in kept if (s.start, s.end) in spans), len(kept)

    def own_note(self, article: Article, statement: Statement) -> str | None:
        return next((t.get("note") for t in self.store.tags_for(article.id)
                     if (t["start"], t["end"], t["annotator"]) == (statement.start, statement.end,
                                                                  self.store.annotator)), None)

    def with_detected_sides(self) -> list[str]:
        """Sides that speak in the corpus join the codebook's actors; the sides added (in codebook order)."""
        before = {code.name for code in self.codebook.actors}
        self.codebook = self.codebook.with_sides(detected_sides(self.articles))
        return [code.name for code in self.codebook.actors if code.name not in before]

    def snapshot(self) -> StoreSnapshot:
        return StoreSnapshot(self.store)


class StoreSnapshot(AnnotationStore):
    """What an export reads from the store (tags, codebook, paths), copied in the UI thread, so the export
    worker reads no shared state: the store is not thread-safe. Opens no file and takes no lock."""

    def __init__(self, store: AnnotationStore) -> None:  # deliberately not the store's: nothing to open
        self.path, self.real_path, self.journal_path = store.path, store.real_path, store.journal_path
        self.annotator, self.read_only = store.annotator, True
        self.journal_damage = list(store.journal_damage)
        self._tags = list(store.all_tags())
        self._codebook = store.get_meta("codebook")

    def all_tags(self) -> Iterator[dict]:
        return (dict(tag) for tag in self._tags)

    def count(self) -> int:
        return len(self._tags)

    def get_meta(self, key: str, default: Any = None) -> Any:
        return self._codebook if key == "codebook" and self._codebook is not None else default

    def close(self) -> None:
        """Nothing to close."""
