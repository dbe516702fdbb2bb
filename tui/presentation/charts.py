"""Rich renderables of the statistics, drawn the same in the terminal (``newsdesk stats``) and in the app's
statistics screen: tables, block bars per actor and annotator, a stance split per actor. Rich belongs to the UI
layers only, so this lives with the command line and the app imports it from here.

Text from the database (actors, paths, titles) is stripped of control characters and never read as markup.
"""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.text import Text

from tui.core.codebook import PALETTE, Codebook
from tui.core.sets.stats import Stats, bar, split_widths
from tui.core.text import plain, shown_path

NONE_LABEL = "(none)"
NONE_COLOR = "grey50"


def stats_heading(stats: Stats, where: str) -> str:
    return (f"{where}: {stats.tags} tag(s) by {len(stats.annotators)} annotator(s) on "
            f"{sum(1 for a in stats.articles if a.tags)} article(s)")


def stats_renderables(stats: Stats, codebook: Codebook, bar_width: int, heading: str) -> Group:
    """Everything ``newsdesk stats`` shows, as one group: heading, tables and charts."""
    parts: list[Any] = [Text(heading, style="bold")]
    if stats.tags:
        parts += [_actor_table(stats), _actor_chart(stats, codebook, bar_width), _legend(stats, codebook)]
    parts.append(_article_table(stats, max(10, min(30, bar_width * 3 // 4))))
    if stats.annotators:
        parts.append(_annotator_table(stats, bar_width))
    return Group(*parts)


def _label(value: str | None) -> Any:
    return Text(NONE_LABEL, style="dim") if value is None else Text(plain(value))


def _actor_table(stats: Stats) -> Any:
    from rich.table import Table

    table = Table(title="Tags by actor and stance", header_style="bold")
    table.add_column("actor")
    for stance in stats.stances:
        table.add_column(_label(stance), justify="right")
    table.add_column("total", justify="right", style="bold")
    for row in stats.actors:
        table.add_row(_label(row.actor), *(str(n) if n else "·" for n in row.counts), str(row.total))
    return table


def _actor_chart(stats: Stats, codebook: Codebook, width: int) -> Any:
    from rich.table import Table
    table = Table(title="Tags per actor, and each actor's stances", header_style="bold", box=None)
    table.add_column("actor")
    table.add_column("tags", justify="right")
    table.add_column("share of the most tagged actor", no_wrap=True)
    table.add_column("stances", no_wrap=True)
    most = max((row.total for row in stats.actors), default=0) or 1
    colors = [_stance_color(codebook, s, i) for i, s in enumerate(stats.stances)]
    for row in stats.actors:
        split = Text()
        for cells, color in zip(split_widths(row.counts, width), colors):
            split.append("█" * cells, style=_style(color))
        table.add_row(_label(row.actor), str(row.total), Text(bar(row.total / most, width), style="cyan"), split)
    return table


def _legend(stats: Stats, codebook: Codebook) -> Any:
    legend = Text("stances: ", style="dim")
    for i, stance in enumerate(stats.stances):
        legend.append("█ ", style=_style(_stance_color(codebook, stance, i)))
        legend.append(f"{plain(stance) if stance is not None else NONE_LABEL}  ")
    return legend


def _article_table(stats: Stats, width: int) -> Any:
    from rich.console import Group
    from rich.table import Table
    table = Table(title="Progress per article", header_style="bold", expand=True)
    table.add_column("article", overflow="fold", ratio=3)
    table.add_column("tags", justify="right")
    table.add_column("tagged", justify="right", no_wrap=True)
    table.add_column("progress", no_wrap=True)
    for row in stats.articles:
        name: Any = Text(shown_path(row.path) if row.path else row.article_id)
        if row.title:  # the path folds; the title keeps to one line
            name = Group(name, Text(" ".join(plain(row.title).split()), style="dim", no_wrap=True,
                                    overflow="ellipsis"))
        if row.progress is None:
            done, progress = f"{row.tagged_statements} / ?", Text("unknown (article not read)", style="dim")
        else:
            done = f"{row.tagged_statements} / {row.total_statements}"
            progress = Text(bar(row.progress, width).ljust(width), style="green")
            progress.append(f" {row.progress * 100:5.1f}%")
        table.add_row(name, str(row.tags), done, progress)
    if stats.total_statements:
        total = Text(bar(stats.progress or 0.0, width).ljust(width), style="bold green")
        total.append(f" {(stats.progress or 0.0) * 100:5.1f}%")
        table.add_row(Text("all articles read", style="bold"),
                      str(sum(r.tags for r in stats.articles if r.total_statements is not None)),
                      f"{stats.tagged_statements} / {stats.total_statements}", total)
    return table


def _annotator_table(stats: Stats, width: int) -> Any:
    from rich.table import Table
    table = Table(title="Per annotator", header_style="bold")
    table.add_column("annotator")
    table.add_column("tags", justify="right")
    table.add_column("statements", justify="right")
    table.add_column("articles", justify="right")
    table.add_column("", no_wrap=True)
    most = max(row.tags for row in stats.annotators) or 1
    for row in stats.annotators:
        table.add_row(Text(plain(row.annotator)), str(row.tags), str(row.statements), str(row.articles),
                      Text(bar(row.tags / most, width), style="magenta"))
    return table


def _stance_color(codebook: Codebook, stance: str | None, index: int) -> str:
    """The codebook's colour; a stance the codebook lacks gets one from the palette, no stance grey."""
    if stance is None:
        return NONE_COLOR
    code = codebook.stance(stance)
    return code.color if code else PALETTE[index % len(PALETTE)]


def _style(color: str) -> Any:
    """A rich style of the codebook colour; a colour rich cannot read falls back to the default."""
    from rich.color import ColorParseError
    from rich.style import Style

    try:
        return Style(color=color)
    except ColorParseError:
        return Style()
