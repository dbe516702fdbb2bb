"""Quotes, speakers, actors, sentences, statements and events stay linear in the text, even on one line with no sentence end.

Growth is compared, not timed: the work on 400,000 characters over the work on 50,000 (eight times the text) must stay
far below the 64 a quadratic stage shows. Each side is the best of three runs in process time, and the bound is
generous (24, three times linear); a deliberately quadratic look-back (what the speaker look-back was: a scan from
the start of the line for every quote) is the negative control the same check must flag.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from datetime import date

from tui.core.extract import events
from tui.core.extract.actors import find_mentions
from tui.core.extract.layout import analyse
from tui.core.extract.quotes import ArticleContext, find_quotes, statement_speaker
from tui.core.extract.sentences import split_sentences
from tui.core.extract.statements import body_sentences, build_statements
from tui.core.extract.timex.tagger import find_timexes

ROOT = Path(__file__).resolve().parents[1]
SMALL, BIG = 50_000, 400_000
LINEAR_BOUND = 24.0  # 8 for linear work, 64 for quadratic


def _seed_text() -> str:
    return " ".join(path.read_text(encoding="utf-8") for path in sorted((ROOT / "seeds").glob("*.txt")))


def one_line(size: int, stops: bool) -> str:
    """``size`` characters of news on a single line: with sentence ends, or with none at all."""
    base = _seed_text().replace("\n", " ")
    if not stops:
        base = re.sub(r"[.!?]+", " ", base)
    return (base * (size // len(base) + 1))[:size]


def _work(stage, text: str) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        stage(text)
        best = min(best, time.process_time() - started)
    return max(best, 1e-4)


def growth(stage, stops: bool) -> float:
    return _work(stage, one_line(BIG, stops)) / _work(stage, one_line(SMALL, stops))


def _speakers(text: str) -> None:
    layout = analyse(text)
    sentences = body_sentences(text, layout)
    mentions = find_mentions(text)
    context = ArticleContext(text, sentences, mentions)
    quotes = find_quotes(text, sentences, mentions, context=context)
    for statement in build_statements(text, layout, sentences, quotes):
        statement_speaker(text, statement.start, statement.end, mentions, quotes, context=context)


STAGES = {
    "sentences": lambda text: split_sentences(text),
    "mentions": find_mentions,
    "quotes and speakers": _speakers,
}


@pytest.mark.parametrize("stops", [False, True], ids=["no sentence end", "sentences on one line"])
@pytest.mark.parametrize("name", list(STAGES))
def test_stage_grows_linearly_on_one_long_line(name, stops):
    ratio = growth(STAGES[name], stops)
    assert ratio < LINEAR_BOUND, f"{name}: 8x the text cost {ratio:.1f}x the work"


def _quadratic_look_back(text: str) -> None:
    """The negative control: for every quotation mark, a search over everything before it on the line."""
    cue = re.compile(r"\bsaid\b")
    for index in range(0, len(text), 4000):
        cue.findall(text, 0, index)


def test_growth_check_flags_a_quadratic_look_back():
    assert growth(_quadratic_look_back, stops=False) >= LINEAR_BOUND


# ------------------------------------------------------------------------------------------------------ events
# The events stage is timed alone, on inputs made before (its own cost is small beside the stages that feed it).
EVENTS_SMALL, EVENTS_BIG = 25_000, 200_000
REPORTED = date(2025, 5, 28)


def _event_inputs(size: int, stops: bool) -> tuple:
    text = one_line(size, stops)
    layout = analyse(text)
    sentences = body_sentences(text, layout)
    mentions = find_mentions(text)
    quotes = find_quotes(text, sentences, mentions, context=ArticleContext(text, sentences, mentions))
    statements = build_statements(text, layout, sentences, quotes)
    return text, statements, find_timexes(text, REPORTED), mentions, REPORTED


def events_growth(stops: bool, small_size: int = EVENTS_SMALL, big_size: int = EVENTS_BIG) -> float:
    small, big = _event_inputs(small_size, stops), _event_inputs(big_size, stops)
    run = lambda inputs: events.find_events(*inputs)  # noqa: E731
    return _work(run, big) / _work(run, small)


@pytest.mark.parametrize("stops", [False, True], ids=["no sentence end", "sentences on one line"])
def test_events_grow_linearly_on_one_long_line(stops):
    ratio = events_growth(stops)
    assert ratio < LINEAR_BOUND, f"events: 8x the text cost {ratio:.1f}x the work"


def test_events_growth_check_flags_an_unbounded_date_look_back(monkeypatch):
    """The negative control: a date that may date any trigger of its sentence (what dating did before its reach was
    bounded) is quadratic in a sentence with no end; smaller sizes, as it is slow, and the same eightfold growth."""
    monkeypatch.setattr(events, "DATE_REACH", 10**9)
    assert events_growth(False, EVENTS_SMALL // 8, EVENTS_SMALL) >= LINEAR_BOUND
