"""From raw articles to extracted articles: layout, publication date, statements, actors, quotes, dates, events."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from datetime import date

from tui.core.extract.actors import find_mentions
from tui.core.extract.events import find_events
from tui.core.extract.layout import Layout, analyse
from tui.core.extract.people import PeopleRegistry
from tui.core.extract.published import decide
from tui.core.extract.quotes import find_quotes, statement_speaker
from tui.core.extract.reader import RawArticle, Skipped, read_articles
from tui.core.extract.statements import body_sentences, build_statements
from tui.core.extract.timex.tagger import find_timexes
from tui.core.model import Article, Mention, Timex

NO_TIMEX_REGIONS = {"header", "url", "updated", "byline"}
SPEAKER_KINDS = {"sentence", "quote"}


def extract_article(raw: RawArticle, *, published: date | None = None, reference: date | None = None,
                    today: date | None = None, layout: Layout | None = None,
                    mentions: list[Mention] | None = None, people: PeopleRegistry | None = None) -> Article:
    text = raw.text
    layout = layout or analyse(text, raw.fmt, headings=raw.headings, title=raw.title)
    when, origin = decide(layout.hints, text, container=raw.published, override=published,
                          reference=reference, today=today)
    sentences = body_sentences(text, layout)
    mentions = find_mentions(text) if mentions is None else mentions
    if people is not None:
        mentions = people.fill(mentions)
    quotes = find_quotes(text, sentences, mentions)
    statements = build_statements(text, layout, sentences, quotes)
    for statement in statements:
        if statement.kind in SPEAKER_KINDS:
            statement.speaker, statement.side = statement_speaker(text, statement.start, statement.end, mentions, quotes)
    timexes = _outside(find_timexes(text, when), layout)
    article = Article(
        path=raw.path, id=raw.id, text=text, fmt=raw.fmt, title=raw.title or layout.title,
        source=raw.source or layout.source, url=raw.url or layout.url, published=when, published_from=origin,
        regions=layout.regions, statements=statements, mentions=mentions, quotes=quotes, timexes=timexes,
    )
    article.events = find_events(text, statements, timexes, mentions, when)
    return article


def _outside(timexes: list[Timex], layout: Layout) -> list[Timex]:
    """Drop date expressions inside page furniture (header lines, URLs, update stamps)."""
    skip = [(r.start, r.end) for r in layout.regions if r.kind in NO_TIMEX_REGIONS]
    return [t for t in timexes if not any(s <= t.start < e for s, e in skip)]


def corpus_reference(dates: Iterable[date | None]) -> date | None:
    """The median of the publication dates known from metadata: the corpus' own period."""
    known = sorted(d for d in dates if d is not None)
    return known[len(known) // 2] if known else None


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


def extract_paths(paths: Iterable[str | os.PathLike[str]], *, published: date | None = None,
                  on_skip: Callable[[Skipped], None] | None = None, today: date | None = None,
                  on_warning: Callable[[str], None] | None = None) -> Iterator[Article]:
    """Extract every readable article under ``paths`` in input order; bad files go to ``on_skip``.

    Articles whose date must be inferred from the text are placed against the period of the rest of the corpus,
    and people named bare in one article are recognised from how others introduce them, so all files are read and
    their actors found (cheaply) before the first is extracted.
    """
    raws: list[tuple[RawArticle, Layout, list[Mention]]] = []
    people = PeopleRegistry()
    for item in readable(read_articles(paths), on_skip, on_warning):
        mentions = find_mentions(item.text)
        people.learn(mentions)
        raws.append((item, analyse(item.text, item.fmt, headings=item.headings, title=item.title), mentions))
    reference = None
    if published is None:
        reference = corpus_reference(
            decide(layout.hints, "", container=raw.published, today=today)[0] for raw, layout, _ in raws)
    for raw, layout, mentions in raws:
        yield extract_article(raw, published=published, reference=reference, today=today, layout=layout,
                              mentions=mentions, people=people)


def extract_stream(items: Iterable[RawArticle | Skipped], *, on_skip: Callable[[Skipped], None] | None = None,
                   on_warning: Callable[[str], None] | None = None) -> Iterator[Article]:
    """Like :func:`extract_paths`, but yields each article as soon as it is extracted (for the app).

    ``items`` come from :func:`~tui.core.extract.reader.read_articles` (or a list of them already read). What the corpus
    teaches (people's sides, the corpus period) is learned from the articles seen so far.
    """
    people = PeopleRegistry()
    known_dates: list[date] = []
    for item in readable(items, on_skip, on_warning):
        mentions = find_mentions(item.text)
        people.learn(mentions)
        article = extract_article(item, reference=corpus_reference(known_dates), mentions=mentions, people=people)
        if article.published and article.published_from != "inferred":
            known_dates.append(article.published)
        yield article
