"""What the main screen's workers tell it. A worker posts one of these (``post_message`` is thread-safe) and returns;
the screen handles it in the UI thread. Workers never call the store or the screen's methods.

A message that only reports how far work has got may be replaced by a newer one still waiting in the queue
(``can_replace``): the screen draws the latest progress, not every step.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:  # only names here: the modules behind them load when their screen is asked for
    from tui.core.codebook import Codebook
    from tui.core.extract.timeline import TimelineEntry
    from tui.core.model import Article
    from tui.core.sets.agreement import ContestedUnit
    from tui.core.sets.stats import Stats


@dataclass
class ArticlesRead(Message, bubble=False):
    """Quick previews (layout and sentences) of the next articles read, with the files skipped meanwhile."""

    articles: list[Article]
    skipped: list[str] = field(default_factory=list)


@dataclass
class ArticlesExtracted(Message, bubble=False):
    """Full extractions of the next previews, in order."""

    articles: list[Article]


@dataclass
class ExtractionProgress(Message, bubble=False):
    """``done`` of ``total`` articles extracted; a newer one replaces an older one still waiting."""

    done: int
    total: int

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, ExtractionProgress)


@dataclass
class ExtractionDone(Message, bubble=False):
    """Every article is extracted (or the worker stopped early: ``cancelled``)."""

    cancelled: bool = False


@dataclass
class TimelineReady(Message, bubble=False):
    entries: list[TimelineEntry]


@dataclass
class DisagreementsReady(Message, bubble=False):
    units: list[ContestedUnit]


@dataclass
class StatsReady(Message, bubble=False):
    stats: Stats
    codebook: Codebook
    where: str
