"""Snapshots of the main layouts: the main screen at 120x36 and 80x24, the timeline and the help screen."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.app import NewsdeskApp
from tui.app.screens.main import MainScreen
from tui.core.codebook import default_codebook
from tui.core.store.database import AnnotationStore

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def app(tmp_path: Path):
    store = AnnotationStore.open(tmp_path / "db.json", annotator="tester")
    yield NewsdeskApp([ROOT / "seeds"], store, default_codebook())
    store.close()


async def _until(pilot, condition, limit: int = 2000) -> None:
    """Let the app run until ``condition()`` holds; fail (never snapshot a half-loaded screen) when it does not."""
    for _ in range(limit):
        if condition():
            await pilot.pause()
            return
        await pilot.pause()
    raise AssertionError("the screen to snapshot never came")


async def _loaded(pilot) -> None:
    await _until(pilot, lambda: isinstance(pilot.app.screen, MainScreen) and not pilot.app.screen.extracting)


def test_main_screen_wide(app, snap_compare) -> None:
    assert snap_compare(app, terminal_size=(120, 36), run_before=_loaded, press=["j", "j", "a", "1"])


def test_main_screen_narrow(app, snap_compare) -> None:
    assert snap_compare(app, terminal_size=(80, 24), run_before=_loaded, press=["J", "j"])


async def _timeline(pilot) -> None:
    from tui.app.screens.timeline import TimelineScreen

    await _loaded(pilot)
    await pilot.press("t")
    await _until(pilot, lambda: isinstance(pilot.app.screen, TimelineScreen))


def test_timeline_screen(app, snap_compare) -> None:
    assert snap_compare(app, terminal_size=(120, 36), run_before=_timeline)


def test_help_screen(app, snap_compare) -> None:
    assert snap_compare(app, terminal_size=(120, 36), run_before=_loaded, press=["question_mark"])
