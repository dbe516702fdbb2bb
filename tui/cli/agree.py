"""``newsdesk agree``: how far the annotators agree on actors and stances, and where they differ.

Units are tagged spans (different coders' spans matched by Jaccard overlap >= 0.5); coders are the annotators
except "adjudicated".  Reported per field: Krippendorff's alpha
(nominal; for stance also ordinal, on the codebook's stance order), percent agreement (pairs of coders agreeing
over all pairs of coders on statements coded by two or more), Cohen's kappa for each pair of coders on the
statements both coded, and every statement they disagree on.  Definitions in :mod:`tui.core.sets.agreement`.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from tui.core.codebook import Codebook, CodebookError, default_codebook
from tui.core.sets.agreement import FIELDS, AgreementReport, agreement
from tui.core.store.database import AnnotationStore, StoreError, default_db_path
from tui.core.store.defaults import database_problem
from tui.core.text import shown_path

from .common import plain, warn

QUOTE_CHARS = 100


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "agree", help="intercoder agreement: Krippendorff's alpha, Cohen's kappa, disagreements",
        description="Agreement of the annotators (all but 'adjudicated') on the statements they tagged: "
                    "Krippendorff's alpha (nominal; ordinal too for stance, on the codebook's stance order), "
                    "units being tagged spans (spans of different annotators matched when their Jaccard overlap "
                    "is at least 0.5), "
                    "percent agreement (agreeing pairs of annotators over all pairs, on statements coded by two "
                    "or more), Cohen's kappa per pair, and the statements they disagree on. A tag without an "
                    "actor (or stance) leaves that field not coded.")
    parser.add_argument("--db", type=Path, help="TinyDB file (default: $NEWSDESK_DB or ./annotations/annotations.json)")
    parser.add_argument("--field", choices=(*FIELDS, "both"), default="both",
                        help="which tag field to compare (default: both, actor first)")
    parser.add_argument("--format", choices=("table", "json"), default="table")
    parser.set_defaults(run=run)


def read_database(db: Path | None) -> tuple[Path, list[dict], Codebook]:
    """Every tag of the database (opened read-only) and its codebook (the default one if it has none)."""
    from . import CliError

    path = db or default_db_path()
    if problem := database_problem(path):
        raise CliError(problem)
    try:
        with AnnotationStore.open(path, read_only=True) as store:
            tags = list(store.all_tags())
            stored = store.get_meta("codebook")
            warn(store.journal_warning())  # damaged journal lines left out: said, never silent
        codebook = Codebook.from_dict(stored, f"{path}: codebook") if stored else default_codebook()
    except (StoreError, CodebookError) as exc:
        raise CliError(str(exc)) from None
    return path, tags, codebook


def run(args: argparse.Namespace) -> int:
    path, tags, codebook = read_database(args.db)
    fields = FIELDS if args.field == "both" else (args.field,)
    reports = [agreement(tags, name, codebook) for name in fields]
    if args.format == "json":
        json.dump({"db": str(path), "fields": {r.field: r.to_dict() for r in reports}}, sys.stdout,
                  ensure_ascii=False, indent=2, allow_nan=False)
        sys.stdout.write("\n")
        return 0
    from rich.console import Console

    console = Console()
    for report in reports:
        _print_report(console, report)
    return 0


def _print_report(console: Any, report: AgreementReport) -> None:
    from rich.table import Table
    from rich.text import Text

    console.print(Text(f"{report.field.capitalize()}: {len(report.coders)} annotator(s)"
                       f"{' (' + ', '.join(plain(c) for c in report.coders) + ')' if report.coders else ''}; "
                       f"{report.units_coded} statement(s) coded, {report.units_coded_by_two} by two or more",
                       style="bold"))
    summary = Table(show_header=True, header_style="bold")
    summary.add_column("measure")
    summary.add_column("value", justify="right")
    summary.add_row("Krippendorff's alpha (nominal)", _number(report.alpha_nominal))
    if report.field == "stance":
        summary.add_row("Krippendorff's alpha (ordinal)", _number(report.alpha_ordinal))
    summary.add_row("percent agreement (pairwise)", _percent(report.percent_agreement))
    console.print(summary)
    if report.kappas:
        pairs = Table(title="Cohen's kappa by pair", header_style="bold")
        for column in ("annotator", "annotator", "shared statements", "agreement", "kappa"):
            pairs.add_column(column, justify="left" if column == "annotator" else "right")
        for pair in report.kappas:
            pairs.add_row(Text(plain(pair.coder_a)), Text(plain(pair.coder_b)), str(pair.units),
                          _percent(pair.agreement), _number(pair.kappa))
        console.print(pairs)
    if report.disagreements:
        table = Table(title=f"Disagreements on {report.field}: {len(report.disagreements)}", header_style="bold",
                      expand=True)
        table.add_column("article", overflow="fold", ratio=2)
        table.add_column("offsets", no_wrap=True)
        table.add_column("quote", overflow="fold", ratio=4)
        table.add_column("values", overflow="fold", ratio=3)
        table.add_column("adjudicated", overflow="fold", min_width=11)
        for item in report.disagreements:
            values = "\n".join(f"{plain(who)}: {plain(value)}" for who, value in item.values.items())
            table.add_row(Text(shown_path(item.article_path) if item.article_path else item.article_id), f"{item.start}-{item.end}",
                          Text(_shorten(plain(item.quote))), Text(values), Text(plain(item.adjudicated or "")))
        console.print(table)
    for note in report.notes:
        console.print(Text(f"note: {plain(note)}", style="dim"))
    console.print()


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1] + "…"
