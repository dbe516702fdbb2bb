"""From raw articles to extracted articles: layout, publication date, statements, actors, quotes, dates, events.

One pipeline for the app and the command line. A corpus is extracted in two passes: :func:`prepare` reads each
article's layout and actors and a :class:`~tui.core.extract.corpus.CorpusLearner` learns from them; then
:func:`extract_prepared` extracts each article with the frozen :class:`~tui.core.extract.corpus.CorpusContext`. The
context is an argument, never global state, so the same article with the same context gives the same output
wherever it is extracted (the app, ``newsdesk extract``, other processes).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from tui.core.extract.actors import find_mentions
from tui.core.extract.corpus import CorpusContext, CorpusLearner
from tui.core.extract.events import find_events
from tui.core.extract.layout import Layout, analyse
from tui.core.extract.published import decide, known_date
from tui.core.extract.quotes import ArticleContext, find_quotes, statement_speaker
from tui.core.extract.reader import RawArticle, Skipped, read_articles
from tui.core.extract.statements import body_sentences, build_statements
from tui.core.extract.timex.tagger import find_timexes
from tui.core.model import Article, Mention, Timex

NO_TIMEX_REGIONS = {"header", "url", "updated", "byline"}
SPEAKER_KINDS = {"sentence", "quote"}


@dataclass(slots=True)
class Prepared:
    """The first pass over one article: what the corpus learns from it, kept for the second pass."""

    raw: RawArticle
    layout: Layout
    mentions: list[Mention]
    known_date: date | None  # the publication date its metadata states (never an inferred one)


def prepare(raw: RawArticle) -> Prepared:
    layout = analyse(raw.text, raw.fmt, headings=raw.headings, title=raw.title)
    return Prepared(raw, layout, find_mentions(raw.text), known_date(layout.hints, container=raw.published))


def learn_corpus(prepared: Iterable[Prepared], *, published: date | None = None,
                 today: date | None = None) -> CorpusContext:
    learner = CorpusLearner()
    for item in prepared:
        learner.learn(item.mentions, item.known_date)
    return learner.context(published=published, today=today)


def extract_prepared(item: Prepared, context: CorpusContext) -> Article:
    """The second pass over one article, with what the whole corpus taught."""
    raw, layout, text = item.raw, item.layout, item.raw.text
    when, origin = decide(layout.hints, text, container=raw.published, override=context.published,
                          reference=context.reference, today=context.today)
    sentences = body_sentences(text, layout)
    mentions = context.people.fill(item.mentions)
    article_context = ArticleContext(text, sentences, mentions)
    quotes = find_quotes(text, sentences, mentions, context=article_context)
    statements = build_statements(text, layout, sentences, quotes)
    for statement in statements:
        if statement.kind in SPEAKER_KINDS:
            statement.speaker, statement.side = statement_speaker(text, statement.start, statement.end, mentions,
                                                                  quotes, context=article_context)
    timexes = _outside(find_timexes(text, when), layout)
    article = Article(
        path=raw.path, id=raw.id, text=text, fmt=raw.fmt, title=raw.title or layout.title,
        source=raw.source or layout.source, url=raw.url or layout.url, published=when, published_from=origin,
        regions=layout.regions, statements=statements, mentions=mentions, quotes=quotes, timexes=timexes,
    )
    article.events = find_events(text, statements, timexes, mentions, when)
    return article


def extract_article(raw: RawArticle, context: CorpusContext | None = None) -> Article:
    """One article on its own (``context`` defaults to an empty corpus: no other articles to learn from)."""
    return extract_prepared(prepare(raw), context or CorpusContext())


def _outside(timexes: list[Timex], layout: Layout) -> list[Timex]:
    """Drop date expressions inside page furniture (header lines, URLs, update stamps)."""
    skip = [(r.start, r.end) for r in layout.regions if r.kind in NO_TIMEX_REGIONS]
    return [t for t in timexes if not any(s <= t.start < e for s, e in skip)]


def readable(items: Iterable[RawArticle | Skipped], on_skip: Callable[[Skipped], None] | None,
             on_warning: Callable[[str], None] | None) -> Iterator[RawArticle]:
    """The articles among ``items``; skipped files and decoding warnings go to the callbacks."""
    for item in items:
        if isinstance(item, Skipped):
            if on_skip:
                on_skip(item)
            continue
        for warning in item.warnings:
            if on_warning:
                on_warning(f"newsdesk: {item.path}: {warning}")
        yield item


def extract_corpus(items: Iterable[RawArticle | Skipped], *, published: date | None = None,
                   today: date | None = None, on_skip: Callable[[Skipped], None] | None = None,
                   on_warning: Callable[[str], None] | None = None) -> Iterator[Article]:
    """Every readable article of ``items``, in order, each extracted with what the whole corpus teaches.

    The first pass (layout and actors of every article) runs before the first article is yielded; skipped files
    and warnings reach the callbacks during it.
    """
    prepared = [prepare(raw) for raw in readable(items, on_skip, on_warning)]
    context = learn_corpus(prepared, published=published, today=today)
    for item in prepared:
        yield extract_prepared(item, context)


def extract_paths(paths: Iterable[str | os.PathLike[str]], *, published: date | None = None,
                  on_skip: Callable[[Skipped], None] | None = None, today: date | None = None,
                  on_warning: Callable[[str], None] | None = None) -> Iterator[Article]:
    """Extract every readable article under ``paths`` in input order; bad files go to ``on_skip``."""
    return extract_corpus(read_articles(paths), published=published, today=today, on_skip=on_skip,
                          on_warning=on_warning)
