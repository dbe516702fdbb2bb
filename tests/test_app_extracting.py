"""The screen while extraction runs, looked at as drawn: the list and the reader are on screen and usable, no
loading cover hides them, and an article whose extraction is done can be tagged before the others are.

Extraction is held back by a gate (a stand-in for a slow corpus): the first article is extracted, the rest wait
until the test opens the gate, so "during loading" is a state the test controls, not a race.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from textual.widgets import LoadingIndicator
from textual.worker import get_current_worker

import tui.core.extract.pipeline as pipeline
from tui.app import NewsdeskApp
from tui.app.screens.main import MainScreen
from tui.app.screens.picker import PickerScreen
from tui.app.widgets import EventsPanel
from tui.app.widgets.article_list import display_title
from tui.core.codebook import default_codebook
from tui.core.store.database import AnnotationStore

ROOT = Path(__file__).resolve().parent.parent
SIZE = (120, 36)


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch):
    """Extraction yields the first article, then waits for the gate (opened by the test, or at teardown)."""
    opened = threading.Event()
    real = pipeline.extract_corpus

    def slow_extract(items, **kwargs):
        articles = real(items, **kwargs)
        yield next(articles)
        worker = get_current_worker()
        while not opened.wait(timeout=0.02):
            if worker.is_cancelled:  # the app is closing: let the worker end
                return
        yield from articles

    monkeypatch.setattr(pipeline, "extract_corpus", slow_extract)
    yield opened
    opened.set()


def screen_text(app) -> str:
    """Every cell of the screen as drawn (what the terminal would show), one line per row."""
    return "\n".join("".join(segment.text for segment in strip) for strip in app.screen._compositor.render_strips())


async def until(pilot, condition, limit: int = 2000) -> None:
    for _ in range(limit):
        if condition():
            return
        await pilot.pause()
    raise AssertionError("condition not reached")


def first_extracted(screen: MainScreen) -> bool:
    return bool(screen.articles) and screen.articles[0].complete


async def test_list_and_reader_are_drawn_and_usable_while_extracting(tmp_path: Path, gate) -> None:
    store = AnnotationStore.open(tmp_path / "db.json", annotator="tester")
    app = NewsdeskApp([ROOT / "seeds"], store, default_codebook())
    async with app.run_test(size=SIZE) as pilot:
        try:
            await check_while_extracting(pilot, gate)
        finally:
            gate.set()  # else the app, closing, would wait for the held-back worker
    store.close()


async def check_while_extracting(pilot, gate: threading.Event) -> None:
    app = pilot.app
    store = app.store
    await until(pilot, lambda: isinstance(app.screen, MainScreen) and len(app.screen.articles) == 5)
    screen = app.screen
    await pilot.pause()
    drawn = screen_text(app)
    first = screen.articles[0]
    words = " ".join(first.text[first.statements[1].start:first.statements[1].end].split()[:4])
    assert words in drawn  # the reader shows the first article's text
    assert display_title(screen.articles[1])[:20] in drawn  # and the list beside it
    assert not app.screen.query(LoadingIndicator)

    await until(pilot, lambda: first_extracted(screen))
    await pilot.pause()
    assert screen.extracting and not all(a.complete for a in screen.articles[1:])
    assert "extracting 1/5" in screen_text(app)  # progress, in the status line

    # j/k/J/K move while the rest is extracted
    await pilot.press("j", "j")
    assert screen.statement_index > 0
    await pilot.press("k")
    before = screen.statement_index
    await pilot.press("J")
    assert screen.article_index == 1 and not screen.current_article.complete
    panel = screen.query_one(EventsPanel)
    assert "extracting…" in screen_text(app) and panel.option_count == 1
    await pilot.press("a")  # not extracted yet: no picker, a notice instead
    assert isinstance(app.screen, MainScreen) and store.count() == 0
    await pilot.press("K")
    assert screen.article_index == 0 and before > 0

    # the first article is extracted: it can be tagged now, with the others still waiting
    await pilot.press("a")
    await until(pilot, lambda: isinstance(app.screen, PickerScreen))
    await pilot.press("1")
    await until(pilot, lambda: store.count() == 1)
    assert screen.extracting

    gate.set()
    await until(pilot, lambda: not screen.extracting)
    assert all(a.complete for a in screen.articles) and "extracting" not in screen_text(app)


def test_mid_load_snapshot(tmp_path: Path, gate, snap_compare) -> None:
    store = AnnotationStore.open(tmp_path / "db.json", annotator="tester")
    app = NewsdeskApp([ROOT / "seeds"], store, default_codebook())

    async def mid_load(pilot) -> None:
        app.animation_level = "none"  # the progress bar is drawn where it stands, not mid-animation
        await until(pilot, lambda: isinstance(app.screen, MainScreen) and first_extracted(app.screen)
                    and len(app.screen.articles) == 5 and bool(app.screen.query("Footer")))
        await pilot.press("J")  # a preview: its events panel says it is still being extracted
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        await pilot.pause()
        assert app.screen.extracting

    try:
        assert snap_compare(app, terminal_size=SIZE, run_before=mid_load)
    finally:
        gate.set()
        store.close()
